"""Counting integer codes over millions of tokens (private helpers of the analyses).

The analyses turn text into integer codes (the categoricals of the tokens table)
and count combinations of codes. A ``bincount`` over a dense key space is the
fastest count there is; when the key space is too large for an array, a hash pass
(``pandas.factorize``) numbers the keys that occur instead. Either way the result
is sorted by key, so tables come out in a fixed order.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import numpy as np
import pandas as pd
from scipy import sparse

T = TypeVar("T")

#: The fewest elements worth a thread of their own (:func:`in_slices`).
SLICE_ELEMENTS = 1_000_000
#: Largest key space counted with a dense array (256 MB of counts at most).
DENSE_KEYS = 1 << 25


def in_slices(n: int, work: Callable[[int, int], T]) -> list[T]:
    """``work(start, stop)`` on one slice of ``range(n)`` per core, in threads, in slice order.

    numpy's and scipy's loops release the interpreter lock, so the slices of a large
    array are worked on at once. Slices of at least :data:`SLICE_ELEMENTS`; a smaller
    ``n`` is one slice, worked on without a thread.
    """
    parts = max(1, min(os.cpu_count() or 1, n // SLICE_ELEMENTS))
    bounds = np.linspace(0, n, parts + 1).astype(np.int64).tolist()
    if parts == 1:
        return [work(0, n)]
    with ThreadPoolExecutor(max_workers=parts) as threads:
        return list(threads.map(work, bounds[:-1], bounds[1:]))


def pair_ids(
    first: np.ndarray, second: np.ndarray, n_second: int, *, ids: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Number the distinct ``(first, second)`` pairs of non-negative codes.

    Returns
    -------
    tuple of numpy.ndarray
        ``ids`` (per element, the pair's number, in key order; int32 when it fits;
        empty when not asked for with ``ids=False``, which saves a pass),
        ``keys`` (the distinct keys ``first * n_second + second``, sorted) and
        ``counts`` (of each key).

    Examples
    --------
    >>> ids, keys, counts = pair_ids(np.array([1, 0, 1]), np.array([2, 2, 2]), 3)
    >>> ids.tolist(), keys.tolist(), counts.tolist()
    ([1, 0, 1], [2, 5], [1, 2])
    """
    n = len(first)
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    key = np.empty(n, dtype=np.int64)

    def fill(a: int, b: int) -> int:
        part = key[a:b]
        np.multiply(first[a:b], np.int64(n_second), out=part)
        part += second[a:b]
        return int(part.max())

    size = max(in_slices(n, fill)) + 1
    if size <= DENSE_KEYS:
        counts, *more = in_slices(n, lambda a, b: np.bincount(key[a:b], minlength=size))
        for extra in more:
            counts += extra
        keys = np.flatnonzero(counts)
        if not ids:
            return np.zeros(0, dtype=np.int64), keys, counts[keys]
        lookup = np.zeros(size, dtype=np.int32 if len(keys) < 2**31 else np.int64)
        lookup[keys] = np.arange(len(keys))
        numbered = np.empty(n, dtype=lookup.dtype)
        in_slices(n, lambda a, b: np.take(lookup, key[a:b], out=numbered[a:b], mode="clip"))
        return numbered, keys, counts[keys]
    codes, uniques = pd.factorize(key)  # one hash pass; then number the keys in sorted order
    order = np.argsort(uniques)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    numbers = rank[codes]
    return numbers, np.asarray(uniques)[order], np.bincount(numbers, minlength=len(order))


def count_pairs(
    rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int], *, where: np.ndarray | None = None
) -> sparse.csr_matrix:
    """How often each ``(row, col)`` pair occurs (where ``where`` is true): a sparse matrix.

    The pairs are cut into one slice per core (:func:`in_slices`); each slice becomes
    a CSR matrix whose duplicates scipy sums (sorting each row), and the slices'
    matrices are added.

    Returns
    -------
    scipy.sparse.csr_matrix
        In canonical form: sorted column indices, no duplicates; ``data`` (int32)
        holds the counts.

    Examples
    --------
    >>> m = count_pairs(np.array([0, 1, 0, 0]), np.array([2, 0, 2, 1]), (2, 3))
    >>> m.toarray().tolist()
    [[0, 1, 2], [1, 0, 0]]
    """

    def build(a: int, b: int) -> sparse.csr_matrix:
        r, c = rows[a:b], cols[a:b]
        if where is not None:
            r, c = r[where[a:b]], c[where[a:b]]
        matrix = sparse.csr_matrix((np.ones(len(r), dtype=np.int32), (r, c)), shape=shape)
        matrix.sum_duplicates()
        return matrix

    matrices = in_slices(len(rows), build)
    total = matrices[0]
    for matrix in matrices[1:]:
        total = total + matrix
    total.sum_duplicates()  # already canonical after the additions; this only makes sure
    return total


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

    Used for "in how many documents": a sparse matrix, documents by ids, whose
    duplicate entries scipy merges row by row; one for each slice of documents
    (:func:`in_slices`).

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

    def count(a: int, b: int) -> np.ndarray:
        # each slice moved back to where its first label begins: no label is in two slices
        a, b = (len(labels) if i >= len(labels) else int(np.searchsorted(labels, labels[i])) for i in (a, b))
        if a == b:
            return np.zeros(n_ids, dtype=np.int64)
        low, high = int(labels[a]), int(labels[b - 1]) + 1
        indptr = np.searchsorted(labels[a:b], np.arange(low, high + 1))
        matrix = sparse.csr_matrix(
            (np.ones(b - a, dtype=np.int8), ids[a:b].astype(np.int64), indptr), shape=(high - low, n_ids)
        )
        matrix.sum_duplicates()
        return np.bincount(matrix.indices, minlength=n_ids)

    counts, *more = in_slices(len(ids), count)
    for extra in more:
        counts += extra
    return counts


def rank_within(
    groups: np.ndarray, values: np.ndarray, then: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Rank ``values`` from the largest down within each group, ties sharing the lowest rank.

    Returns the order that sorts by group, then rank, then ``then`` (ascending; without
    it, ties keep their places), and the rank of each element (``pandas``
    ``rank(method="min", ascending=False)`` per group).

    Examples
    --------
    >>> order, rank = rank_within(np.array([0, 0, 0, 1]), np.array([5, 7, 5, 1]))
    >>> order.tolist(), rank.tolist()
    ([1, 0, 2, 3], [2, 1, 2, 1])
    >>> rank_within(np.array([0, 0, 0, 1]), np.array([5, 7, 5, 1]), then=np.array([9, 0, 3, 0]))[0].tolist()
    [1, 2, 0, 3]
    """
    keys = (-np.asarray(values), groups) if then is None else (then, -np.asarray(values), groups)
    order = lexsorted(keys)
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


def lexsorted(keys: tuple[np.ndarray, ...]) -> np.ndarray:
    """``numpy.lexsort(keys)`` (the last key sorts first; stable), one sort when the keys pack in an int64.

    Integer keys whose ranges multiply to less than 2**62 are packed into one key, the
    last the most significant, and sorted once (stable, as ``lexsort``); a sort of
    several keys otherwise.

    Examples
    --------
    >>> lexsorted((np.array([1, 0, 0]), np.array([2, 2, 1]))).tolist()
    [2, 1, 0]
    """
    arrays = [np.asarray(k) for k in keys]
    if not arrays or len(arrays[0]) == 0 or any(a.dtype.kind not in "iub" for a in arrays):
        return np.lexsort(arrays)
    lows = [int(a.min()) for a in arrays]
    widths = [int(a.max()) - low + 1 for a, low in zip(arrays, lows, strict=True)]
    if math.prod(widths) >= 2**62:
        return np.lexsort(arrays)
    packed = np.zeros(len(arrays[0]), dtype=np.int64)
    for a, low, width in zip(arrays[::-1], lows[::-1], widths[::-1], strict=True):
        packed *= width
        packed += a.astype(np.int64) - low
    order: np.ndarray = np.argsort(packed, kind="stable")
    return order


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


def strings_at(names: np.ndarray | pd.Index, codes: np.ndarray) -> pd.Series:
    """``names[codes]`` as a column of pandas' default string type (gathered in C from Arrow strings).

    Examples
    --------
    >>> strings_at(np.array(["a", "b"], dtype=object), np.array([1, 1, 0])).tolist()
    ['b', 'b', 'a']
    """
    if len(names) == 0:  # no names to infer the type from: the type itself
        return pd.Series(np.asarray(codes, dtype=object)[:0], dtype=str)
    return pd.Series(pd.Series(names, copy=False).array.take(codes), copy=False)
