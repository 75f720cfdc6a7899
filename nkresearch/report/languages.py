"""Sentences about naming across languages: the sides' names in their own languages.

:func:`describe_names_by_language` reads the table of
``nk.lexicon_counts(tokens, nk.read_lexicon("naming"), by=["language", "actor"],
count_by="canonical")``: each canonical name counted whatever the language and the
inflection ("Нагорного Карабаха", "Լեռնային Ղարաբաղում", "Dağlıq Qarabağda"), per
language and side. Like :mod:`.prose`, it knows nothing of the corpus: a corpus with no
Russian, Armenian or Azerbaijani document gets a sentence saying so.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..analysis.core.evidence import FEW_USES as FEW
from ..analysis.core.evidence import THIN_WORDS
from ..errors import NKResearchError
from .prose import Prose, _names

#: the languages compared, in the order the sentences take them
LANGUAGE_NAMES = {"ru": "Russian", "hy": "Armenian", "az": "Azerbaijani", "en": "English"}
#: the names that mark a side: each pair names one thing, the first as Baku does, the second as Stepanakert
CONTESTED = (
    ("Shusha", "Shushi"),
    ("Khankendi", "Stepanakert"),
    ("Karabakh", "Artsakh"),
    ("Lachin", "Berdzor"),
)
#: the sides whose naming is compared, by default
SIDES = ("Baku", "Stepanakert", "Yerevan", "Moscow")


def _language(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def _side_sentence(rows: pd.DataFrame, side: str, top: int) -> str:
    total = int(rows["n"].sum())
    best = rows.sort_values(["n", "canonical"], ascending=[False, True]).head(top)
    names = ", ".join(f"*{c}* {int(n)}" for c, n in zip(best["canonical"], best["n"], strict=True))
    mentions = "mention" if total == 1 else "mentions"
    return f"{side} {names} (of **{total:,}** {mentions} in {int(rows['N'].iloc[0]):,} words)"


def describe_names_by_language(
    names: pd.DataFrame, *, sides: Sequence[str] = SIDES, top: int = 3, thin: int = THIN_WORDS
) -> Prose:
    """How each side names the places of the conflict in each language, from canonical counts.

    Parameters
    ----------
    names
        The table of :func:`nkresearch.lexicon_counts` with ``count_by="canonical"`` and
        ``by=["language", <group>]``.
    sides
        The groups compared (default Baku, Stepanakert, Yerevan, Moscow); the others
        (Media, Readers, international actors) are left out of the sentences.
    top
        Names given per side and language.
    thin
        Sides with fewer words in a language are named in a caveat.

    Returns
    -------
    Prose
        Per language, each side's most used names with their counts; per contested
        pair (Shusha/Shushi, Khankendi/Stepanakert, Karabakh/Artsakh, Lachin/Berdzor)
        which side uses which, in which language; a sentence for the languages with
        no document; caveats for small counts and thin sides.

    Examples
    --------
    >>> import pandas as pd
    >>> names = pd.DataFrame(
    ...     {"language": ["ru", "ru", "ru"], "actor": ["Baku", "Baku", "Stepanakert"],
    ...      "category": ["shusha", "territory", "shusha"], "canonical": ["Shusha", "Karabakh", "Shushi"],
    ...      "n": [6, 2, 5], "N": [900, 900, 1200]}
    ... )
    >>> findings = describe_names_by_language(names).findings
    >>> print(findings[0][:56])
    No Armenian or Azerbaijani document names a place of the
    >>> print(findings[1][:63])
    In Russian: Baku *Shusha* 6, *Karabakh* 2 (of **8** mentions in
    >>> print(findings[2])
    *Shusha* against *Shushi*: Baku 6 to 0 in Russian; Stepanakert 0 to 5 in Russian.
    """
    func = "describe_names_by_language"
    missing = [c for c in ("language", "canonical", "n", "N") if c not in names.columns]
    if missing:
        raise NKResearchError(
            f"{func}: the table lacks {missing}; pass nk.lexicon_counts(..., by=['language', 'actor'], "
            "count_by='canonical')."
        )
    columns = list(names.columns)
    by = columns[columns.index("language") + 1] if columns.index("language") + 1 < len(columns) else ""
    if by in ("category", "canonical", ""):
        raise NKResearchError(f"{func}: group the counts by ['language', <a group column such as 'actor'>].")
    table = names[names[by].astype(str).isin([str(s) for s in sides]) & (names["n"] > 0)]
    languages = [c for c in LANGUAGE_NAMES if c in set(names["language"].astype(str))]
    languages += sorted(set(names["language"].astype(str)) - set(languages))
    findings = []
    for code in languages:
        here = table[table["language"].astype(str) == code]
        parts = [
            _side_sentence(here[here[by].astype(str) == str(side)], str(side), top)
            for side in sides
            if (here[by].astype(str) == str(side)).any()
        ]
        if parts:
            findings.append(f"In {_language(code)}: " + "; ".join(parts) + ".")
    findings += _contested(table, by)
    own = [_language(c) for c in ("ru", "hy", "az") if c not in languages]
    if own:
        listed = _names(own).replace(" and ", " or ")
        found = f" ({_names([_language(c) for c in languages])} only)" if languages else ""
        findings.insert(
            0,
            f"No {listed} document names a place of the lexicon in this corpus{found}"
            + (": the sides cannot be compared in their own languages here." if len(own) == 3 else "."),
        )
    if not findings:
        return Prose(("No side names a place of the lexicon in these texts.",))
    return Prose(tuple(findings), tuple(_caveats(table, by, thin)))


def _contested(table: pd.DataFrame, by: str) -> list[str]:
    """A sentence per contested pair: each side's count of either name, per language."""
    out = []
    for first, second in CONTESTED:
        pair = table[table["canonical"].isin([first, second])]
        if pair.empty:
            continue
        counts = pair.pivot_table(
            index=["language", by], columns="canonical", values="n", aggfunc="sum", observed=True
        )
        counts = counts.reindex(columns=[first, second], fill_value=0).fillna(0).astype(int)
        rank = {code: k for k, code in enumerate(LANGUAGE_NAMES)}
        rows = sorted(
            zip(counts.index, counts.to_numpy().tolist(), strict=True),
            key=lambda row: (rank.get(str(row[0][0]), len(rank)), str(row[0][0]), str(row[0][1])),
        )
        parts = [f"{side} {a} to {b} in {_language(str(lang))}" for (lang, side), (a, b) in rows]
        out.append(f"*{first}* against *{second}*: " + "; ".join(parts) + ".")
    return out


def _caveats(table: pd.DataFrame, by: str, thin: int) -> list[str]:
    caveats = []
    per_side = table.groupby(["language", by], observed=True).agg(n=("n", "sum"), N=("N", "first"))
    few = per_side[per_side["n"] < FEW]
    if len(few):
        caveats.append(
            f"{len(few)} of the {len(per_side)} sides-in-a-language rest on fewer than {FEW} mentions "
            f"({_names([f'{s} in {_language(str(lang))}' for lang, s in few.index])}): one text decides them."
        )
    small = per_side[per_side["N"] < thin]
    if len(small) and len(small) == len(per_side):
        caveats.append(f"Every side has fewer than {thin:,} words in each language.")
    elif len(small):
        caveats.append(
            f"{_names([f'{s} in {_language(str(lang))}' for lang, s in small.index])} "
            f"{'has' if len(small) == 1 else 'have'} fewer than {thin:,} words."
        )
    if len(table):
        caveats.append(
            "A name counts for the voice it is written in: a side quoting or rejecting the other's name "
            "counts it, and a passage attributed to the wrong side moves its names with it; read the "
            "concordance before quoting a count."
        )
    return caveats
