"""Summaries: how much text each voice has, per document and over the corpus."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from ...errors import NKResearchError
from ...voices.actors import conflict_parties
from ..core.checks import as_categorical, carry_attrs, check_tokens
from ..core.options import renamed
from ..core.results import result_of
from ..core.stores import Tokens, check_client, count_parts


@result_of("voice_summary", store=True)
def voice_summary(
    tokens: Tokens, *, by: str | Sequence[str] = ("actor", "kind"), client: Any = None
) -> pd.DataFrame:
    """Count segments, tokens and words per group of the tokens table.

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`, or a token store
        (:func:`nkresearch.token_store`), counted part by part.
    by
        Column name(s) to group by (default actor and kind).
    client
        A Dask client: a token store's parts are counted on its cluster.

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, then ``docs`` (documents with tokens in the group),
        ``segments``, ``tokens`` (all tokens, punctuation included), ``words``
        (tokens that are not punctuation: the ``N`` of every analysis) and
        ``share_words`` (the group's share of all words). ``attrs["methods"]``:
        the documents whose voices each method made (:func:`voice_methods`).

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> nk.voice_summary(tok, by="actor")["actor"].tolist()
    ['Baku', 'Media', 'Moscow', 'Readers', 'Stepanakert']
    """
    check_tokens(tokens, "voice_summary", "seg_id")
    cols = [by] if isinstance(by, str) else list(by)
    missing = [c for c in cols if c not in tokens.columns]
    if missing:
        raise NKResearchError(
            f"voice_summary: no column {missing} in the tokens table; choose from {list(tokens.columns)}."
        )
    check_client("voice_summary", tokens, client)
    count = functools.partial(_summary_of, cols=cols)
    table, methods = count_parts(
        tokens, count, functools.partial(_merged_summaries, cols=cols), client=client
    )
    table["share_words"] = table["words"] / table["words"].sum()
    return carry_attrs(table, methods=methods)


#: A table's (or part's) counts per group, and its documents per voice method.
Summary = tuple[pd.DataFrame, dict[str, int]]


def _summary_of(tokens: pd.DataFrame, *, cols: list[str]) -> Summary:
    """Documents, segments, tokens and words per group of one tokens table (or part of a store)."""
    # one integer per (document, segment): no per-token strings
    doc_code = np.asarray(as_categorical(tokens["doc_id"]).codes, dtype=np.int64)
    seg_key = doc_code * (int(tokens["seg_id"].max()) + 1) + tokens["seg_id"].to_numpy(np.int64)
    table = (
        tokens.assign(_seg=seg_key, _word=~tokens["is_punct"].astype(bool))
        .groupby(cols, observed=True)
        .agg(
            docs=("doc_id", "nunique"),
            segments=("_seg", "nunique"),
            tokens=("tok_id", "size"),
            words=("_word", "sum"),
        )
        .reset_index()
    )
    return table, voice_methods(tokens)


def _merged_summaries(parts: list[Summary], *, cols: list[str]) -> Summary:
    """The counts of parts added up per group (a document, and so its segments, lies in one part).

    A categorical ``by`` column takes the sorted union of the parts' categories, as the
    tokens table of the whole store has it, so the groups come out in the table's order.
    """
    tables = [t for t, _ in parts]
    for col in cols:
        if isinstance(tables[0][col].dtype, pd.CategoricalDtype):
            union = union_categoricals([t[col] for t in tables], sort_categories=True).categories
            tables = [t.assign(**{col: t[col].cat.set_categories(union)}) for t in tables]
    table = pd.concat(tables, ignore_index=True).groupby(cols, observed=True).sum().reset_index()
    methods: dict[str, int] = {}
    for _, part_methods in parts:
        for method, n in part_methods.items():
            methods[method] = methods.get(method, 0) + n
    return table, dict(sorted(methods.items()))


def voice_methods(tokens: pd.DataFrame) -> dict[str, int]:
    """How many documents each voice method made the voices of (``method``: gold, auto).

    >>> import nkresearch as nk
    >>> voice_methods(nk.corpus_tokens("seeds", progress=False))
    {'gold': 5}
    """
    if "method" not in tokens.columns:
        return {}
    per_method = tokens.groupby("method", observed=True)["doc_id"].nunique()
    return {str(m): int(n) for m, n in per_method.items() if n}


@renamed(n="top")
def largest_groups(
    tokens: pd.DataFrame, *, by: str = "actor", top: int = 2, exclude: Sequence[str] = ()
) -> list[str]:
    """The ``top`` groups of ``by`` with the most words, largest first (ties by name).

    What a notebook compares when it is not told which groups to compare: on a
    corpus of one's own, the voices that say the most.

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`.
    by
        The grouping column.
    top
        How many groups (fewer if the corpus has fewer).
    exclude
        Groups never chosen (such as ``"Media"``, the outlet's own narration).

    Returns
    -------
    list of str
        The group names.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> nk.largest_groups(tok, top=2, exclude=["Media"])
    ['Stepanakert', 'Readers']
    """
    table = voice_summary(tokens, by=by)
    table = table[~table[by].astype(str).isin([str(e) for e in exclude]) & (table["words"] > 0)]
    table = table.assign(_name=table[by].astype(str)).sort_values(["words", "_name"], ascending=[False, True])
    return table["_name"].head(top).tolist()


def groups_to_compare(
    tokens: pd.DataFrame, *, by: str = "actor", top: int = 2, exclude: Sequence[str] = ()
) -> list[str]:
    """The groups a comparison takes when it is not told: the conflict's parties first, then the largest.

    The parties present in ``by`` with words (Baku, Yerevan, Stepanakert, in that order:
    ``party`` in ``resources/actors.csv``) come first, so a folder of Baku, Moscow and
    Yerevan speeches compares Baku with Yerevan, not its two largest groups; the
    remaining places go to the groups with the most words (:func:`largest_groups`).

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`.
    by
        The grouping column.
    top
        How many groups (fewer if the corpus has fewer).
    exclude
        Groups never chosen (such as ``"Media"``, the outlet's own narration).

    Returns
    -------
    list of str
        The group names: the parties present, then the largest of the others.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> nk.groups_to_compare(tok, top=2, exclude=["Media"])
    ['Baku', 'Stepanakert']
    """
    ranked = largest_groups(tokens, by=by, top=tokens[by].nunique(), exclude=exclude)  # one count of words
    parties = [p for p in conflict_parties() if p in ranked][:top]
    return parties + [g for g in ranked if g not in parties][: top - len(parties)]
