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

An entry is a word, a glob (``negotiat*``) or a phrase; phrases are matched on
token sequences within a sentence, and multi-word names go through the same
tokenizer as the text (``OSCE Minsk Group`` is one token). A lexicon is any table
with ``category`` and ``entry`` columns: extend the shipped ones with
``pd.concat([nk.read_lexicon("frames"), mine])``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from ..config import RESOURCES_DIR
from ..errors import NKResearchError
from ._checks import (
    Unit,
    as_categorical,
    carry_attrs,
    check_choice,
    check_tokens,
    check_unit,
)
from .counts import words_of
from .groups import By, groups_of
from .patterns import Matcher, Test, compile_pattern

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
        ``preferred_by``, ``note`` for ``naming``).

    Examples
    --------
    >>> import nkresearch as nk
    >>> naming = nk.read_lexicon("naming")
    >>> naming[naming["category"] == "capital"]["entry"].tolist()
    ['Stepanakert', 'Khankendi', 'Khankandi']
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


def lexicon_matches(tokens: pd.DataFrame, lexicon: pd.DataFrame, *, unit: Unit = "norm") -> pd.DataFrame:
    """Every place a lexicon entry occurs in the tokens table.

    Within a category, the longest entry wins where entries overlap ("occupied
    territories" is not also counted as "occupied"). Entries that tokenize alike
    ("Artsakh Republic" and "Republic of Artsakh" are both the one-token name
    ``republic_of_artsakh``) are counted once, under the first.

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`.
    lexicon
        A table with ``category`` and ``entry`` (see :func:`read_lexicon`).
    unit
        ``norm``, ``lemma`` or ``token``.

    Returns
    -------
    pandas.DataFrame
        ``category, entry, row`` (position of the first matched token in
        ``tokens``), ``length`` (tokens) and ``scare_quoted`` (the match has a quote
        mark right before and right after it in the same sentence).

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
    matcher = Matcher(tokens, unit)
    sent = matcher.sent
    norm_values = as_categorical(tokens["norm"])
    is_quote = np.asarray(pd.Index(norm_values.categories).astype(str).isin(list(_QUOTE_NORMS)))
    quote = is_quote[np.asarray(norm_values.codes, dtype=np.int64)]
    n = len(matcher.codes)
    items = compile_pattern(lexicon["entry"].tolist(), unit=unit, func=func)
    # entries that tokenize alike ("Artsakh Republic", "Republic of Artsakh": one name token)
    # are counted once, under the first of them
    seqs: list[list[tuple[Test, ...]]] = []
    seen: set[tuple[Test, ...]] = set()
    for item in items:
        seqs.append([q for q in item.sequences if q not in seen])
        seen.update(item.sequences)
    rows = []
    for category, index in lexicon.groupby("category", sort=False).indices.items():
        used = np.zeros(n, dtype=bool)
        # the longest first: "occupied territories" is not also counted as "occupied"
        order = sorted(((k, q) for k in index for q in seqs[k]), key=lambda kq: -len(kq[1]))
        for k, seq in order:
            start = matcher.starts(seq)
            length = len(seq)
            for s in start:
                if used[s : s + length].any():
                    continue
                used[s : s + length] = True
                before, after = s - 1, s + length
                quoted = (
                    before >= 0
                    and after < n
                    and quote[before]
                    and quote[after]
                    and sent[before] == sent[s] == sent[after]
                )
                rows.append((category, lexicon["entry"].iloc[k], int(s), length, bool(quoted)))
    table = pd.DataFrame(rows, columns=["category", "entry", "row", "length", "scare_quoted"])
    types = {"category": str, "entry": str, "row": np.int64, "length": np.int64, "scare_quoted": bool}
    return table.astype(types)  # the same types with no match


def lexicon_counts(
    tokens: pd.DataFrame,
    lexicon: pd.DataFrame,
    *,
    by: By = "actor",
    level: Literal["category", "entry"] = "category",
    unit: Unit = "norm",
) -> pd.DataFrame:
    """Count lexicon entries per group: raw counts, rates per 10,000 words, scare quotes.

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`.
    lexicon
        A table with ``category`` and ``entry`` (:func:`read_lexicon`).
    by
        The column whose values are the groups.
    level
        ``"category"``: one row per group and category (zeros included, for
        heatmaps); ``"entry"``: one row per group and entry found.
    unit
        ``norm``, ``lemma`` or ``token``.

    Returns
    -------
    pandas.DataFrame
        ``<by>, category, [entry and the lexicon's other columns], n, N`` (words of
        the group), ``per_10k``, ``docs`` (documents the occurrences come from),
        ``docs_group`` (documents of the group: a row of one document is one
        text, however long), ``n_scare_quoted`` (occurrences between quote marks:
        putting a name in quotes is itself rhetoric).

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> names = nk.lexicon_counts(tok, nk.read_lexicon("naming"), by="actor", level="entry")
    >>> names[(names["actor"] == "Stepanakert") & (names["entry"] == "Artsakh")]["n"].item()
    11
    """
    func = "lexicon_counts"
    check_tokens(tokens, func)
    groups = groups_of(tokens, func, by)
    check_choice(func, "level", level, ("category", "entry"))
    hits = lexicon_matches(tokens, lexicon, unit=unit)
    names = groups.names
    group_code = np.asarray(groups.codes, dtype=np.int64)
    key = "\x00group"  # the group's name while counting; its by columns at the end
    rows = hits["row"].to_numpy(np.int64)
    hits[key] = names[group_code[rows]]
    hits = hits[group_code[rows] >= 0]
    words = words_of(tokens, func, by=by, unit=unit)
    doc_codes = np.asarray(as_categorical(tokens["doc_id"]).codes, dtype=np.int64)
    hits["\x00doc"] = doc_codes[hits["row"].to_numpy(np.int64)]
    sizes = pd.DataFrame({"N": words.sizes(), "docs_group": words.docs_per_group()}, index=names)
    sizes = sizes[sizes["N"] > 0]
    keys = [key, "category"] + (["entry"] if level == "entry" else [])
    counts = (
        hits.groupby(keys)
        .agg(n=("row", "size"), docs=("\x00doc", "nunique"), n_scare_quoted=("scare_quoted", "sum"))
        .reset_index()
    )
    if level == "category":
        grid = pd.MultiIndex.from_product(
            [sorted(sizes.index), list(dict.fromkeys(lexicon["category"]))], names=[key, "category"]
        ).to_frame(index=False)
        counts = grid.merge(counts, on=[key, "category"], how="left").fillna(
            {"n": 0, "docs": 0, "n_scare_quoted": 0}
        )
    else:
        extra = lexicon.drop_duplicates(["category", "entry"])
        counts = counts.merge(extra, on=["category", "entry"], how="left")
    counts = counts.merge(sizes, left_on=key, right_index=True)
    counts["n"] = counts["n"].astype(int)
    counts["docs"] = counts["docs"].astype(int)
    counts["n_scare_quoted"] = counts["n_scare_quoted"].astype(int)
    counts["per_10k"] = counts["n"] / counts["N"] * 10_000
    last = ["n", "N", "per_10k", "docs", "docs_group", "n_scare_quoted"]
    first = [*keys, *(c for c in counts.columns if c not in (*keys, *last))]
    table = counts[[*first, *last]].reset_index(drop=True)
    code_of = {name: code for code, name in enumerate(names)}
    columns = groups.frame(np.asarray([code_of[g] for g in table[key]], dtype=np.int64))
    table = pd.concat([pd.DataFrame(columns), table.drop(columns=key)], axis=1)
    return carry_attrs(table, tokens, measure="lexicon_counts", level=level, unit=unit)
