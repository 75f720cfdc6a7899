"""Counting integer codes over millions of tokens (private helpers of the analyses).

The analyses turn text into integer codes (the categoricals of the tokens table)
and count combinations of codes. A ``bincount`` over a dense key space is the
fastest count there is; when the key space is too large for an array, a hash pass
(``pandas.factorize``) numbers the keys that occur instead. Either way the result
is sorted by key, so tables come out in a fixed order.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

#: Largest key space counted with a dense array (256 MB of counts at most).
DENSE_KEYS = 1 << 25


def pair_ids(
    first: np.ndarray, second: np.ndarray, n_second: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Number the distinct ``(first, second)`` pairs of non-negative codes.

    Returns
    -------
    tuple of numpy.ndarray
        ``ids`` (per element, the pair's number, in key order; int32 when it fits),
        ``keys`` (the distinct keys ``first * n_second + second``, sorted) and
        ``counts`` (of each key).

    Examples
    --------
    >>> ids, keys, counts = pair_ids(np.array([1, 0, 1]), np.array([2, 2, 2]), 3)
    >>> ids.tolist(), keys.tolist(), counts.tolist()
    ([1, 0, 1], [2, 5], [1, 2])
    """
    key = first.astype(np.int64) * np.int64(n_second) + second.astype(np.int64)
    if len(key) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    size = int(key.max()) + 1
    if size <= DENSE_KEYS:
        counts = np.bincount(key, minlength=size)
        keys = np.flatnonzero(counts)
        lookup = np.zeros(size, dtype=np.int32 if len(keys) < 2**31 else np.int64)
        lookup[keys] = np.arange(len(keys))
        return lookup[key], keys, counts[keys]
    codes, uniques = pd.factorize(key)  # one hash pass; then number the keys in sorted order
    order = np.argsort(uniques)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    ids = rank[codes]
    return ids, np.asarray(uniques)[order], np.bincount(ids, minlength=len(order))


def count_keys(keys: np.ndarray, needed: np.ndarray) -> np.ndarray:
    """How often each of ``needed`` (sorted, unique int64 keys) occurs in ``keys``.

    A sort-free count for a few needed keys among millions: ``searchsorted`` finds
    each key's slot, ``bincount`` counts the exact hits.
    """
    if len(needed) == 0:
        return np.zeros(0, dtype=np.int64)
    slot = np.searchsorted(needed, keys)
    slot[slot == len(needed)] = 0
    hit = needed[slot] == keys
    counts: np.ndarray = np.bincount(slot[hit], minlength=len(needed))
    return counts


def distinct_per_id(ids: np.ndarray, labels: np.ndarray, n_ids: int) -> np.ndarray:
    """For each id, how many distinct ``labels`` (non-negative codes) it occurs with.

    Used for "in how many documents": one sparse matrix, documents by ids, whose
    duplicate entries scipy merges row by row.

    Examples
    --------
    >>> distinct_per_id(np.array([0, 1, 0, 0]), np.array([0, 0, 0, 1]), 2).tolist()
    [2, 1]
    """
    if len(ids) == 0:
        return np.zeros(n_ids, dtype=np.int64)
    if np.any(labels[1:] < labels[:-1]):
        order = np.argsort(labels, kind="stable")
        ids, labels = ids[order], labels[order]
    n_labels = int(labels.max()) + 1
    indptr = np.searchsorted(labels, np.arange(n_labels + 1))
    matrix = sparse.csr_matrix(
        (np.ones(len(ids), dtype=np.int8), ids.astype(np.int64), indptr), shape=(n_labels, n_ids)
    )
    matrix.sum_duplicates()
    counts: np.ndarray = np.bincount(matrix.indices, minlength=n_ids)
    return counts


def rank_within(groups: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rank ``values`` from the largest down within each group, ties sharing the lowest rank.

    Returns the order that sorts by group then rank, and the rank of each element
    (``pandas`` ``rank(method="min", ascending=False)`` per group).

    Examples
    --------
    >>> order, rank = rank_within(np.array([0, 0, 0, 1]), np.array([5, 7, 5, 1]))
    >>> order.tolist(), rank.tolist()
    ([1, 0, 2, 3], [2, 1, 2, 1])
    """
    order = np.lexsort((-values, groups))
    g, v = groups[order], values[order]
    n = len(order)
    new_group = np.ones(n, dtype=bool)
    new_group[1:] = g[1:] != g[:-1]
    new_value = new_group.copy()
    new_value[1:] |= v[1:] != v[:-1]
    position = np.arange(n)
    group_start = np.maximum.accumulate(np.where(new_group, position, 0))
    value_start = np.maximum.accumulate(np.where(new_value, position, 0))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = value_start - group_start + 1
    return order, rank


def same_sentence_as_next(doc_codes: np.ndarray, sent_ids: np.ndarray) -> np.ndarray:
    """``True`` at token i when token i + 1 is in the same sentence of the same document."""
    same: np.ndarray = (doc_codes[1:] == doc_codes[:-1]) & (sent_ids[1:] == sent_ids[:-1])
    return same


def alphabetical(names: np.ndarray) -> np.ndarray:
    """Each name's position in alphabetical order (for sorting by codes instead of strings).

    Examples
    --------
    >>> alphabetical(np.array(["b", "a", "c"], dtype=object)).tolist()
    [1, 0, 2]
    """
    order = np.argsort(names, kind="stable")
    position = np.empty(len(names), dtype=np.int64)
    position[order] = np.arange(len(names))
    return position
