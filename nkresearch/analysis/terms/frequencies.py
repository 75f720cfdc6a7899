"""Word frequencies and n-grams per group, with the counts behind every rate.

A rate is ``n / N * per``: ``n`` occurrences of the term in the group, ``N`` the
group's words (tokens that are not punctuation, stopwords included), so rates are
"per 10,000 words" whatever terms are shown.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from ...errors import NKResearchError
from ..core.checks import (
    Unit,
    carry_attrs,
    check_min_freq,
    check_tokens,
    check_unit,
    per_label,
    sentence_keys,
)
from ..core.counts import TermCounts, count_table, words_of
from ..core.groups import By
from ..core.kernels import alphabetical, rank_within, strings_at
from ..core.options import PER, renamed
from ..core.results import result_of
from ..core.stores import Tokens, check_client, count_parts, in_memory

#: Bootstrap replicates for confidence intervals of rates.
N_BOOT = 1000


@renamed(ci="level")
@result_of("term_frequencies", store=True)
def term_frequencies(
    tokens: Tokens,
    *,
    by: By = "actor",
    unit: Unit = "norm",
    drop_stop: bool = False,
    drop_punct: bool = True,
    per: int = PER,
    level: float | None = None,
    client: Any = None,
) -> pd.DataFrame:
    """Count each term per group, with its rate per ``per`` words.

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`, or a token store
        (:func:`nkresearch.token_store`), counted part by part.
    by
        The column (or list of columns) whose values are the groups (``actor``,
        ``kind``, ``doc_id``, ``year``, any metadata column).
    unit
        Count ``norm`` (lowercased, quotes unified), ``lemma`` or the ``token`` as written.
    drop_stop
        Leave stopwords out of the list (they still count in ``N``).
    drop_punct
        Leave punctuation out of the list and of ``N``.
    per
        Rates are per this many words (column ``per_10k`` for 10,000).
    level
        The interval's coverage; if given (e.g. ``0.95``; ``ci=`` is its old name), add
        a percentile bootstrap confidence interval of each rate, resampling the group's
        sentences with replacement (1,000 replicates, seeded: the same input gives the
        same interval). Sentences, not tokens, are resampled because words of one
        sentence are not independent (Efron & Tibshirani 1993, ch. 13; Lijffijt et al.
        2016, "Significance testing of word frequencies in corpora", DSH 31(2)). It
        resamples the table in memory: not with a token store.
    client
        A Dask client: a token store's parts are counted on its cluster.

    Returns
    -------
    pandas.DataFrame
        ``<by>, term, n, N, per_10k, docs`` (documents of the group where the term
        occurs), ``rank`` (1 = most frequent in the group, ties share the lowest
        rank), and with ``level`` also ``ci_low, ci_high``; sorted by group and rank.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> freq = nk.term_frequencies(tok, by="actor", drop_stop=True)
    >>> top = freq[freq["actor"] == "Baku"].iloc[0]
    >>> top["term"], int(top["n"]), int(top["N"])
    ('negotiations', 8, 500)
    """
    func = "term_frequencies"
    check_tokens(tokens, func)
    check_unit(func, unit)
    if per <= 0:
        raise NKResearchError(f"{func}: per={per!r} must be a positive number of words.")
    if level is not None and not 0 < level < 1:
        raise NKResearchError(f"{func}: level={level!r} must be a level between 0 and 1, such as 0.95.")
    check_client(func, tokens, client)
    count = functools.partial(
        count_table, func=func, by=by, unit=unit, drop_punct=drop_punct, drop_stop=drop_stop
    )
    if level is None:
        counts = count_parts(tokens, count, TermCounts.merge, client=client)
        if not counts.sizes.sum():
            raise NKResearchError(f"{func}: no words left to count.")
        return carry_attrs(frequency_table(counts, per=per), unit=unit, per=per)
    tokens = in_memory(tokens, func, "level= (resampling sentences)")
    words = words_of(tokens, func, by=by, unit=unit, drop_punct=drop_punct)
    if not len(words):
        raise NKResearchError(f"{func}: no words left to count.")
    counts = words.count(drop_stop=drop_stop)
    table = frequency_table(counts, per=per)
    base = tokens.iloc[words.row]
    counted = base[~words.stop[words.term]] if drop_stop else base
    group_of = pd.Series(words.group, index=base.index)
    row_group = counts.group[_frequency_order(counts)[0]]
    low, high = _bootstrap_rates(base, counted, table, group_of, row_group, unit=unit, per=per, level=level)
    table["ci_low"], table["ci_high"] = low, high
    return carry_attrs(table, unit=unit, per=per)


def frequency_table(counts: TermCounts, *, per: int = PER) -> pd.DataFrame:
    """The frequency table of grouped counts: ``<by>, term, n, N, per_10k, docs, rank``.

    ``per_10k = n / N * per`` (``N``: the group's items counted); ``rank`` within
    the group, 1 for the most frequent, ties sharing the lowest rank (quanteda's
    ``textstat_frequency`` ranks the same way). Sorted by group, rank and term.
    """
    order, rank = _frequency_order(counts)
    g_code, t_code, n = counts.group[order], counts.term[order], counts.n[order]
    sizes = counts.sizes[g_code]
    return pd.DataFrame(
        {
            **counts.groups.frame(g_code),
            "term": strings_at(counts.vocab, t_code),
            "n": n,
            "N": sizes,
            per_label(per): n / sizes * per,
            "docs": counts.docs[order] if counts.docs is not None else np.zeros(len(n), dtype=np.int64),
            "rank": rank,
        }
    )


def _frequency_order(counts: TermCounts) -> tuple[np.ndarray, np.ndarray]:
    """The order of the pairs by group, rank and term, and each pair's rank (in that order)."""
    g_sort = alphabetical(counts.groups.names)[counts.group]
    t_sort = alphabetical(counts.vocab)[counts.term]
    order, rank = rank_within(g_sort, counts.n, then=t_sort)  # by group, rank and term at once
    return order, rank[order]


def _bootstrap_rates(
    base: pd.DataFrame,
    counted: pd.DataFrame,
    table: pd.DataFrame,
    group_of: pd.Series,
    row_group: np.ndarray,
    *,
    unit: str,
    per: int,
    level: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap interval of each row's rate, resampling sentences."""
    rng = np.random.default_rng(0)
    low = np.full(len(table), np.nan)
    high = np.full(len(table), np.nan)
    q = [(1 - level) / 2, 1 - (1 - level) / 2]
    base_keys = pd.Series(sentence_keys(base), index=base.index)
    for code, positions in pd.Series(np.arange(len(table))).groupby(row_group, sort=False).indices.items():
        rows = table.index[positions]
        in_group = (group_of == code).to_numpy()
        sent_codes, sent_index = pd.factorize(base_keys[in_group])
        lengths = np.bincount(sent_codes, minlength=len(sent_index)).astype(float)
        sub = counted[(group_of[counted.index] == code).to_numpy()]
        terms = table.loc[rows, "term"].to_numpy()
        term_pos = pd.Index(terms)
        t_codes = term_pos.get_indexer(pd.Index(sub[unit].astype(str)))
        s_codes = sent_index.get_indexer(pd.Index(base_keys[sub.index]))
        keep = t_codes >= 0
        matrix = sparse.csr_matrix(
            (np.ones(keep.sum()), (s_codes[keep], t_codes[keep])), shape=(len(sent_index), len(terms))
        )
        n_sent = len(sent_index)
        rates = np.empty((N_BOOT, len(terms)))
        for b0 in range(0, N_BOOT, 100):
            draws = rng.integers(0, n_sent, size=(min(100, N_BOOT - b0), n_sent))
            weights = np.stack([np.bincount(d, minlength=n_sent) for d in draws]).astype(float)
            rates[b0 : b0 + len(weights)] = (matrix.T @ weights.T).T / (weights @ lengths)[:, None] * per
        lo, hi = np.quantile(rates, q, axis=0)
        positions = table.index.get_indexer(rows)
        low[positions], high[positions] = lo, hi
    return low, high


@result_of("ngrams", store=True)
def ngrams(
    tokens: Tokens,
    *,
    n: int = 2,
    by: By = "actor",
    unit: Unit = "norm",
    drop_stop: bool = False,
    drop_punct: bool = True,
    min_freq: int = 1,
    per: int = PER,
    client: Any = None,
) -> pd.DataFrame:
    """Count the n-grams of each group; an n-gram never crosses a sentence boundary.

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`, or a token store
        (:func:`nkresearch.token_store`), counted part by part.
    n
        Words per n-gram (2 for bigrams).
    by
        The column (or list of columns) whose values are the groups.
    unit
        ``norm``, ``lemma`` or ``token``.
    drop_stop
        Leave out n-grams that hold a stopword (they still count in ``N``).
    drop_punct
        Leave out n-grams that contain punctuation (so none spans a comma or a
        quote mark either).
    min_freq
        Keep n-grams seen at least this often in the group.
    per
        Rates are per this many n-grams of the group (column ``per_10k`` for 10,000).
    client
        A Dask client: a token store's parts are counted on its cluster.

    Returns
    -------
    pandas.DataFrame
        ``<by>, ngram`` (words joined by spaces), ``n`` (count), ``N`` (n-grams of
        the group), ``per_10k`` (or the rate ``per`` asks for), ``docs``, sorted by
        group and descending count.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> bigrams = nk.ngrams(tok, n=2, by="actor")
    >>> top = bigrams[bigrams["actor"] == "Stepanakert"].iloc[0]
    >>> top["ngram"], int(top["n"])
    ('of the', 32)
    """
    func = "ngrams"
    check_tokens(tokens, func)
    check_unit(func, unit)
    if n < 1:
        raise NKResearchError(f"{func}: n={n!r} must be 1 or more.")
    check_min_freq(func, min_freq)
    check_client(func, tokens, client)
    if isinstance(tokens, pd.DataFrame):
        words = words_of(tokens, func, by=by, unit=unit, drop_punct=drop_punct)
        counts, _ = words.ngrams(n, min_freq=min_freq)
    else:  # each part's n-grams whatever their count (rare in each part, not in all), merged, then filtered
        count = functools.partial(_part_ngrams, func=func, by=by, unit=unit, drop_punct=drop_punct, n=n)
        counts = count_parts(tokens, count, TermCounts.merge, client=client)
        counts = counts.where(counts.n >= min_freq)
    counts = counts.without_stopwords() if drop_stop else counts
    # by group, then descending count, then the n-gram's text
    order = np.lexsort(
        (alphabetical(counts.vocab)[counts.term], -counts.n, alphabetical(counts.groups.names)[counts.group])
    )
    g_code, sizes = counts.group[order], counts.sizes[counts.group[order]]
    table = pd.DataFrame(
        {
            **counts.groups.frame(g_code),
            "ngram": strings_at(counts.vocab, counts.term[order]),
            "n": counts.n[order],
            "N": sizes,
            per_label(per): counts.n[order] / sizes * per,
            "docs": counts.docs[order] if counts.docs is not None else 0,
        }
    )
    return carry_attrs(table, n=n, unit=unit, min_freq=min_freq)


def _part_ngrams(
    tokens: pd.DataFrame, *, func: str, by: By, unit: Unit, drop_punct: bool, n: int
) -> TermCounts:
    """The n-grams of one part of a token store (or of a table), every count kept, detached from it."""
    words = words_of(tokens, func, by=by, unit=unit, drop_punct=drop_punct)
    counts, _ = words.ngrams(n, min_freq=1)
    return counts.detached()
