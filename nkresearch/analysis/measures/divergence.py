"""How alike two term-count vectors are: cosine and 1 − Jensen–Shannon divergence (Lin 1991).

The formulas are in :mod:`nkresearch.analysis.models.similarity`'s docstring.
"""

from __future__ import annotations

import numpy as np

MEASURES = ("cosine", "jensen_shannon")


def pair_similarity(counts: np.ndarray, *, measure: str) -> np.ndarray:
    """The similarity of every pair of rows of ``counts`` (groups × terms): a square matrix.

    Examples
    --------
    >>> s = pair_similarity(np.array([[1.0, 1.0, 0.0], [1.0, 0.0, 1.0]]), measure="cosine")
    >>> round(float(s[0, 1]), 3)
    0.5
    """
    counts = np.asarray(counts, dtype=float)
    totals = counts.sum(axis=1, keepdims=True)
    p = np.divide(counts, totals, out=np.zeros_like(counts), where=totals > 0)
    if measure == "cosine":
        lengths = np.linalg.norm(p, axis=1)
        dot = p @ p.T
        outer = np.outer(lengths, lengths)
        cosine: np.ndarray = np.divide(dot, outer, out=np.zeros_like(dot), where=outer > 0)
        return cosine
    n = len(p)
    out = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            m = (p[i] + p[j]) / 2
            kl = [np.sum(x[x > 0] * np.log2(x[x > 0] / m[x > 0])) for x in (p[i], p[j])]
            out[i, j] = out[j, i] = 1 - (kl[0] + kl[1]) / 2
    return out
