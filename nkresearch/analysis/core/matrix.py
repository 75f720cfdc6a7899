"""Group × term count matrices for the comparison statistics (log-odds, similarity, scaling).

The statistics of :mod:`.logodds`, :mod:`.similarity`, :mod:`.wordscores` and
:mod:`.wordfish` read counts as a matrix: one row per group (or per group's part of
one document, for resampling documents), one column per term. :func:`parts_of`
counts them once from the tokens table, with the counting core of :mod:`.counts`
(punctuation left out, stopwords counted and flagged).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from ...errors import NKResearchError
from .checks import Unit, as_categorical
from .counts import words_of
from .groups import By, Groups
from .kernels import count_pairs, pair_ids


@dataclass
class Parts:
    """Term counts per part: a part is one group's tokens in one document.

    ``counts`` has one row per part (sorted by group, then document) and one
    column per term of ``vocab``; ``group`` gives each part's group code.
    """

    groups: Groups
    vocab: np.ndarray
    stop: np.ndarray
    counts: sparse.csr_matrix
    group: np.ndarray

    def by_group(self) -> sparse.csr_matrix:
        """Per group (row, in group code order) its count of each term."""
        return self.indicator() @ self.counts

    def indicator(self) -> sparse.csr_matrix:
        """A groups × parts matrix of ones: row g marks the parts of group g."""
        n = len(self.group)
        return sparse.csr_matrix((np.ones(n), (self.group, np.arange(n))), shape=(len(self.groups), n))

    def docs_by_group(self) -> sparse.csr_matrix:
        """Per group and term: the documents of the group that use the term."""
        used = self.counts.copy()
        used.data = np.ones_like(used.data)
        return self.indicator() @ used

    def docs_per_group(self) -> np.ndarray:
        """Per group: its documents (parts with at least one word)."""
        return np.bincount(self.group, minlength=len(self.groups)).astype(np.int64)


def parts_of(tokens: pd.DataFrame, func: str, *, by: By, unit: Unit = "norm") -> Parts:
    """Count the words of each group's part of each document (punctuation left out)."""
    words = words_of(tokens, func, by=by, unit=unit)
    if len(words) == 0:
        raise NKResearchError(f"{func}: no word of the tokens table has a value of by={by!r}.")
    n_docs = len(as_categorical(tokens["doc_id"]).categories)
    part_ids, keys, _ = pair_ids(words.group.astype(np.int64), words.doc.astype(np.int64), n_docs)
    group = keys // np.int64(n_docs)
    counts = count_pairs(part_ids, words.term, (len(keys), len(words.vocab)))
    return Parts(
        groups=words.groups,
        vocab=words.vocab,
        stop=words.stop,
        counts=counts.astype(np.float64),
        group=group.astype(np.int64),
    )
