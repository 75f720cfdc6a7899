"""Conflict lexicons: the contested names and the frames of the Nagorno-Karabakh conflict.

Two lexicons ship in ``nkresearch/resources/lexicons/``:

``naming``
    for each contested referent (``category``: the territory, its capital, Shusha,
    Lachin, the surrounding districts, the population, the blockade, the 2020 war,
    the conflict itself), its variants (``entry``), the form they are counted with
    (``canonical``) and who prefers them (``preferred_by``), e.g. *Nagorno-Karabakh*
    / *Karabakh* / *Garabagh* / *Artsakh* / *NKR* / *so-called regime*;
``frames``
    framing themes, 10-25 entries each: international law & territorial integrity,
    self-determination & rights, negotiation & mediation, security & use of force,
    humanitarian, occupation & liberation, peacekeeping, historical grievance.

Both have a ``language`` (en, ru, hy, az) and a ``source`` (where the usage is
attested). An English entry is a word, a glob (``negotiat*``) or a phrase; phrases are
matched on token sequences within a sentence, and multi-word names go through the
same tokenizer as the text (``OSCE Minsk Group`` is one token). A Russian, Armenian or
Azerbaijani entry has a ``pattern`` matched on the surface forms with their case
endings and suffixes (:mod:`.surface`), so "Нагорного Карабаха", "Ղարաբաղում" and
"Qarabağda" are found and counted under one ``canonical`` name; Russian "Шуши" is
decided by its document (Shusha where the document declines Шуша, else Shushi). See
``docs/lexicons.md``. A lexicon is any table
with ``category`` and ``entry`` columns: extend the shipped ones with
``pd.concat([nk.read_lexicon("frames"), mine])``.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from ...config import RESOURCES_DIR
from ...errors import NKResearchError
from ..core.checks import (
    Unit,
    as_categorical,
    carry_attrs,
    check_choice,
    check_tokens,
    check_unit,
)
from ..core.counts import words_of
from ..core.groups import By, Groups, groups_of, union_of
from ..core.options import PER, renamed
from ..core.patterns import Matcher, Test, compile_pattern
from ..core.results import result_of
from ..core.stores import Tokens, check_client, count_parts
from ..core.surface import SurfaceEntry, SurfaceText, compile_entries, document_readings

LEXICON_DIR = RESOURCES_DIR / "lexicons"
_QUOTE_NORMS = {'"', "'"}


def read_lexicon(name: str | Path) -> pd.DataFrame:
    """Read a shipped lexicon (``"naming"``, ``"frames"``) or a CSV of your own.

    Parameters
    ----------
    name
        ``"naming"`` or ``"frames"``, or the path of a CSV with at least the
        columns ``category`` and ``entry``.

    Returns
    -------
    pandas.DataFrame
        ``category, entry`` and the lexicon's other columns (``canonical``,
        ``preferred_by``, ``note``, ``if_document_has``, ``then_canonical`` for
        ``naming``; ``language``, ``pattern``, ``source`` for both).

    Examples
    --------
    >>> import nkresearch as nk
    >>> naming = nk.read_lexicon("naming")
    >>> naming[(naming["category"] == "capital") & (naming["language"] == "en")]["entry"].tolist()
    ['Stepanakert', 'Khankendi', 'Khankandi']
    >>> naming[(naming["category"] == "capital") & (naming["language"] == "ru")]["entry"].tolist()
    ['Степанакерт', 'Ханкенди']
    """
    shipped = {p.stem: p for p in LEXICON_DIR.glob("*.csv")}
    path = shipped.get(str(name), Path(name))
    if not path.is_file():
        raise NKResearchError(
            f"read_lexicon: {name!r} is neither a shipped lexicon ({sorted(shipped)}) nor a CSV file."
        )
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"category", "entry"} - set(table.columns)
    if missing:
        raise NKResearchError(f"read_lexicon: {path} lacks the columns {sorted(missing)}.")
    return table


@result_of("lexicon_matches")
def lexicon_matches(tokens: pd.DataFrame, lexicon: pd.DataFrame, *, unit: Unit = "norm") -> pd.DataFrame:
    """Every place a lexicon entry occurs in the tokens table.

    Within a category, the longest entry wins where entries overlap ("occupied
    territories" is not also counted as "occupied"; "Нагорного Карабаха" is one
    Nagorno-Karabakh, not also Karabakh). Entries that tokenize alike ("Artsakh
    Republic" and "Republic of Artsakh" are both the one-token name
    ``republic_of_artsakh``) are counted once, under the first.

    A row with a ``pattern`` is found by its pattern on the surface forms
    (:mod:`nkresearch.analysis.core.surface`), in any language; the others by their
    ``entry`` on ``unit``. Where the tokens table has a ``language`` column, an entry
    with a ``language`` is looked for only in the tokens of that language (and in
    tokens whose language no entry has); without it, every entry everywhere (the
    scripts keep Russian and Armenian entries off English text).

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`.
    lexicon
        A table with ``category`` and ``entry`` (see :func:`read_lexicon`); optional
        ``canonical``, ``language``, ``pattern``, ``if_document_has`` and
        ``then_canonical``.
    unit
        ``norm``, ``lemma`` or ``token``: what the entries without a pattern are
        compared with.

    Returns
    -------
    pandas.DataFrame
        ``category, entry, row`` (position of the first matched token in
        ``tokens``), ``length`` (tokens), ``scare_quoted`` (the match has a quote
        mark right before and right after it in the same sentence), ``canonical``
        (the entry's, or the one its document decides), ``language`` (the entry's),
        ``start, end`` (character offsets of the mention in its document's
        ``text``), ``rule`` and ``evidence`` (for an entry read by its document,
        such as Russian "Шуши": the test and the words that decided it; else empty).

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> hits = nk.lexicon_matches(tok, nk.read_lexicon("naming"))
    >>> int(hits["scare_quoted"].sum())
    0
    """
    func = "lexicon_matches"
    check_tokens(tokens, func)
    check_unit(func, unit)
    if not {"category", "entry"} <= set(lexicon.columns):
        raise NKResearchError(f"{func}: the lexicon needs the columns 'category' and 'entry'.")
    lexicon = lexicon.reset_index(drop=True)
    entries = compile_entries(lexicon, func)
    with_pattern = np.zeros(len(lexicon), dtype=bool)
    with_pattern[[e.index for e in entries]] = True
    matcher = Matcher(tokens, unit)
    allowed = _language_masks(tokens, lexicon)
    used: dict[str, np.ndarray] = {}
    rows = _entry_matches(matcher, unit, lexicon, ~with_pattern, allowed, used)
    surface = SurfaceText(tokens, matcher.sent)
    rows += _pattern_matches(surface, entries, allowed, used)
    table = pd.DataFrame(rows, columns=["\x00k", "row", "length", "start", "end"])
    return _match_table(tokens, lexicon, table, matcher.sent, surface)


def _language_masks(tokens: pd.DataFrame, lexicon: pd.DataFrame) -> dict[str, np.ndarray]:
    """For each language of the lexicon's entries, the tokens its entries may match.

    Empty where the tokens table has no ``language`` column or the lexicon none: every token.
    """
    if "language" not in tokens.columns or "language" not in lexicon.columns:
        return {}
    langs = sorted({str(v) for v in lexicon["language"] if isinstance(v, str) and v})
    token_lang = tokens["language"].astype(str).to_numpy()
    other = ~np.isin(token_lang, langs)
    return {lang: (token_lang == lang) | other for lang in langs}


def _entry_matches(
    matcher: Matcher,
    unit: str,
    lexicon: pd.DataFrame,
    selected: np.ndarray,
    allowed: dict[str, np.ndarray],
    used: dict[str, np.ndarray],
) -> list[tuple[int, int, int, int, int]]:
    """``(lexicon row, first token, tokens, -1, -1)`` of the entries matched by their text."""
    n = len(matcher.codes)
    items = compile_pattern(lexicon["entry"].tolist(), unit=unit, func="lexicon_matches")
    languages = lexicon["language"].tolist() if "language" in lexicon.columns else [""] * len(lexicon)
    # entries that tokenize alike ("Artsakh Republic", "Republic of Artsakh": one name token)
    # are counted once, under the first of them
    seqs: list[list[tuple[Test, ...]]] = []
    seen: set[tuple[Test, ...]] = set()
    for item in items:
        seqs.append([q for q in item.sequences if q not in seen])
        seen.update(item.sequences)
    rows = []
    for category, index in lexicon.groupby("category", sort=False).indices.items():
        taken = used.setdefault(str(category), np.zeros(n, dtype=bool))
        # the longest first: "occupied territories" is not also counted as "occupied"
        order = sorted(((k, q) for k in index if selected[k] for q in seqs[k]), key=lambda kq: -len(kq[1]))
        for k, seq in order:
            start = matcher.starts(seq)
            mask = allowed.get(str(languages[k]))
            if mask is not None:
                start = start[mask[start]]
            length = len(seq)
            for s in start:
                if taken[s : s + length].any():
                    continue
                taken[s : s + length] = True
                rows.append((int(k), int(s), length, -1, -1))
    return rows


def _pattern_matches(
    surface: SurfaceText,
    entries: list[SurfaceEntry],
    allowed: dict[str, np.ndarray],
    used: dict[str, np.ndarray],
) -> list[tuple[int, int, int, int, int]]:
    """``(lexicon row, first token, tokens, start, end)`` of the entries matched by their pattern.

    Within a category the longest mention in characters wins; a token an entry without a
    pattern took stays taken.
    """
    candidates = surface.candidates(entries)
    n = len(surface.codes)
    found: dict[str, list[tuple[int, int, int, int, int]]] = {}
    for entry in entries:
        positions = candidates.get(entry.index, np.zeros(0, dtype=np.int64))
        mask = allowed.get(entry.language)
        if mask is not None:
            positions = positions[mask[positions]]
        for p, length, start, end in surface.matches(entry, positions):
            found.setdefault(entry.category, []).append((entry.index, p, length, start, end))
    rows = []
    for category, hits in found.items():
        taken = used.get(category, np.zeros(n, dtype=bool))  # by the entries without a pattern
        kept: dict[int, list[tuple[int, int]]] = {}  # token -> character spans of the mentions kept
        for k, p, length, start, end in sorted(hits, key=lambda h: (-(h[4] - h[3]), h[0], h[1])):
            span = range(p, p + length)
            # "Şuşa-Xankəndi" is one token and may hold two mentions: overlap is in characters
            if taken[p : p + length].any() or any(
                s < end and start < e for j in span for s, e in kept.get(j, [])
            ):
                continue
            for j in span:
                kept.setdefault(j, []).append((start, end))
            rows.append((k, p, length, start, end))
    return rows


def _match_table(
    tokens: pd.DataFrame, lexicon: pd.DataFrame, table: pd.DataFrame, sent: np.ndarray, surface: SurfaceText
) -> pd.DataFrame:
    """The matches with their entry's columns, quote marks, offsets and document readings."""
    n = len(tokens)
    k = table["\x00k"].to_numpy(np.int64)
    first = table["row"].to_numpy(np.int64)
    last = first + table["length"].to_numpy(np.int64) - 1
    token_start, token_end = tokens["start"].to_numpy(np.int64), tokens["end"].to_numpy(np.int64)
    table["start"] = np.where(table["start"].to_numpy(np.int64) < 0, token_start[first], table["start"])
    table["end"] = np.where(table["end"].to_numpy(np.int64) < 0, token_end[last], table["end"])
    norm_values = as_categorical(tokens["norm"])
    is_quote = np.asarray(pd.Index(norm_values.categories).astype(str).isin(list(_QUOTE_NORMS)))
    quote = np.append(is_quote, False)[np.asarray(norm_values.codes, dtype=np.int64)]
    before, after = first - 1, last + 1
    inside = (before >= 0) & (after < n)
    b, a = np.clip(before, 0, max(n - 1, 0)), np.clip(after, 0, max(n - 1, 0))
    table["scare_quoted"] = inside & quote[b] & quote[a] & (sent[b] == sent[first]) & (sent[a] == sent[first])
    entry = lexicon["entry"].astype(str).to_numpy()
    canonical = lexicon["canonical"] if "canonical" in lexicon.columns else lexicon["entry"]
    language = lexicon["language"] if "language" in lexicon.columns else pd.Series("", index=lexicon.index)
    table["category"] = lexicon["category"].astype(str).to_numpy()[k]
    table["entry"] = entry[k]
    table["canonical"] = canonical.fillna("").astype(str).to_numpy()[k]
    table["language"] = language.fillna("").astype(str).to_numpy()[k]
    table["rule"] = ""
    table["evidence"] = ""
    doc_codes = np.asarray(as_categorical(tokens["doc_id"]).codes, dtype=np.int64)
    table = document_readings(surface, lexicon, table, doc_codes)
    columns = ["category", "entry", "row", "length", "scare_quoted", "canonical", "language"]
    columns += ["start", "end", "rule", "evidence"]
    types = {c: str for c in columns} | {
        "row": np.int64,
        "length": np.int64,
        "start": np.int64,
        "end": np.int64,
    }
    result = (
        table[columns].astype(types | {"scare_quoted": bool}).reset_index(drop=True)
    )  # same types with no match
    result.attrs = {
        "n": len(result),
        "note": "one row per mention; longest entry wins within a category; 'rule'/'evidence': "
        "entries read by their document (Russian 'Шуши')",
    }
    return result


@renamed(level="count_by")
@result_of("lexicon_counts", store=True)
def lexicon_counts(
    tokens: Tokens,
    lexicon: pd.DataFrame,
    *,
    by: By = "actor",
    count_by: Literal["category", "entry", "canonical"] = "category",
    unit: Unit = "norm",
    client: Any = None,
) -> pd.DataFrame:
    """Count lexicon entries per group: raw counts, rates per 10,000 words, scare quotes.

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`, or a token store
        (:func:`nkresearch.token_store`), counted part by part.
    lexicon
        A table with ``category`` and ``entry`` (:func:`read_lexicon`).
    by
        The column whose values are the groups.
    count_by
        What a row counts (``level=`` is its old name). ``"category"``: one row per
        group and category (zeros included, for heatmaps); ``"entry"``: one row per
        group and entry found (and its ``language`` and ``canonical`` where the lexicon
        has them: Russian "Шуши" may be read as Shusha in one document and Shushi in
        another); ``"canonical"``: one row per group and canonical name found, whatever
        the language and the inflection ("Нагорного Карабаха", "Լեռնային Ղարաբաղում",
        "Dağlıq Qarabağda" and "Nagorno-Karabakh" are all Nagorno-Karabakh), with
        ``languages`` (the languages of its mentions, with counts).

    unit
        ``norm``, ``lemma`` or ``token``.
    client
        A Dask client: a token store's parts are counted on its cluster.

    Returns
    -------
    pandas.DataFrame
        ``<by>, category, [entry and the lexicon's other columns, or canonical and
        languages], n, N`` (words of
        the group), ``per_10k``, ``docs`` (documents the occurrences come from),
        ``docs_group`` (documents of the group: a row of one document is one
        text, however long), ``n_scare_quoted`` (occurrences between quote marks:
        putting a name in quotes is itself rhetoric).

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> names = nk.lexicon_counts(tok, nk.read_lexicon("naming"), by="actor", count_by="entry")
    >>> names[(names["actor"] == "Stepanakert") & (names["entry"] == "Artsakh")]["n"].item()
    11
    """
    func = "lexicon_counts"
    check_tokens(tokens, func)
    check_choice(func, "count_by", count_by, ("category", "entry", "canonical"))
    check_client(func, tokens, client)
    count = functools.partial(_group_hits, func=func, by=by, unit=unit, lexicon=lexicon)
    groups, hits, sizes = count_parts(tokens, count, _merge_hits, client=client)
    names = groups.names
    key = GROUP_KEY
    sizes = sizes[sizes["N"] > 0]
    keys = [key, "category", *_count_keys(count_by, lexicon)]
    counts = (
        hits.groupby(keys)
        .agg(n=("row", "size"), docs=(DOC_KEY, "nunique"), n_scare_quoted=("scare_quoted", "sum"))
        .reset_index()
    )
    if count_by == "canonical":
        languages = hits.groupby(keys)["language"].agg(_languages).rename("languages").reset_index()
        counts = counts.merge(languages, on=keys, how="left")
    if count_by == "category":
        grid = pd.MultiIndex.from_product(
            [sorted(sizes.index), list(dict.fromkeys(lexicon["category"]))], names=[key, "category"]
        ).to_frame(index=False)
        counts = grid.merge(counts, on=[key, "category"], how="left").fillna(
            {"n": 0, "docs": 0, "n_scare_quoted": 0}
        )
    elif count_by == "entry":
        on = [c for c in keys if c != key and c != "canonical"]
        extra = lexicon.drop_duplicates(on).drop(columns=[c for c in ("canonical",) if c in keys])
        counts = counts.merge(extra, on=on, how="left")
        counts = counts[[*keys, *(c for c in counts.columns if c not in keys)]]
    counts = counts.merge(sizes, left_on=key, right_index=True)
    counts["n"] = counts["n"].astype(int)
    counts["docs"] = counts["docs"].astype(int)
    counts["n_scare_quoted"] = counts["n_scare_quoted"].astype(int)
    counts["per_10k"] = counts["n"] / counts["N"] * PER
    last = ["n", "N", "per_10k", "docs", "docs_group", "n_scare_quoted"]
    first = [*keys, *(c for c in counts.columns if c not in (*keys, *last))]
    table = counts[[*first, *last]].reset_index(drop=True)
    code_of = {name: code for code, name in enumerate(names)}
    columns = groups.frame(np.asarray([code_of[g] for g in table[key]], dtype=np.int64))
    clash = {c: f"lexicon_{c}" for c in table.columns if c in columns}  # by="language", count_by="entry"
    table = pd.concat([pd.DataFrame(columns), table.drop(columns=key).rename(columns=clash)], axis=1)
    return carry_attrs(table, count_by=count_by, unit=unit)


#: the columns of the matches that name their group and document while counting
GROUP_KEY, DOC_KEY = "\x00group", "\x00doc"
Hits = tuple[Groups, pd.DataFrame, pd.DataFrame]


def _group_hits(tokens: pd.DataFrame, *, func: str, by: By, unit: Unit, lexicon: pd.DataFrame) -> Hits:
    """One tokens table (or part): its groups, its matches with their group and document, its groups' sizes.

    The matches name their group and their document by text, so those of parts add up.
    """
    groups = groups_of(tokens, func, by)
    hits = lexicon_matches(tokens, lexicon, unit=unit)
    names = groups.names
    group_code = np.asarray(groups.codes, dtype=np.int64)
    rows = hits["row"].to_numpy(np.int64)
    hits[GROUP_KEY] = names[group_code[rows]]
    hits = hits[group_code[rows] >= 0]
    words = words_of(tokens, func, by=by, unit=unit)
    doc_ids = np.asarray(as_categorical(tokens["doc_id"]).categories.astype(str), dtype=object)
    doc_codes = np.asarray(as_categorical(tokens["doc_id"]).codes, dtype=np.int64)
    hits[DOC_KEY] = doc_ids[doc_codes[hits["row"].to_numpy(np.int64)]]
    sizes = pd.DataFrame({"N": words.sizes(), "docs_group": words.docs_per_group()}, index=names)
    return replace(groups, codes=groups.codes[:0]), hits, sizes


def _merge_hits(parts: list[Hits]) -> Hits:
    """The matches and the groups' sizes of several parts together."""
    groups, _ = union_of([p[0] for p in parts])
    hits = pd.concat([p[1] for p in parts], ignore_index=True)
    sizes = pd.concat([p[2] for p in parts]).groupby(level=0, sort=False).sum()
    return groups, hits, sizes.reindex(groups.names)


def _count_keys(count_by: str, lexicon: pd.DataFrame) -> list[str]:
    """The match columns a row of ``count_by`` counts by, after the group and the category."""
    if count_by == "canonical":
        return ["canonical"]
    if count_by == "entry":
        return ["entry", *(c for c in ("language", "canonical") if c in lexicon.columns)]
    return []


def _languages(values: pd.Series) -> str:
    """The languages of a canonical name's mentions with counts, most first: ``ru 12, en 3``."""
    counts = values[values != ""].value_counts()
    return ", ".join(f"{lang} {n}" for lang, n in sorted(counts.items(), key=lambda ln: (-ln[1], ln[0])))
