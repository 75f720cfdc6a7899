"""Association of a node and a collocate: MI, MI3, t-score, logDice, ΔP and NLTK's likelihood ratio.

Every function takes numpy arrays of counts (one element per row of a result table)
and returns the statistic for each. The analyses count
(:mod:`nkresearch.analysis.core.kernels`), then call these. In the style of NLTK's
``nltk/metrics/association.py``: the formula in the docstring, the citation beside it.

Collocation in a window (``o`` co-occurrences of node and collocate, ``f_node``,
``f_collocate``, ``N`` words of the group, ``span`` window positions per node
occurrence, ``W`` window positions in all):

>>> import numpy as np
>>> o, fn, fc, n = np.array([4.0]), np.array([13.0]), np.array([10.0]), np.array([500.0])
>>> round(float(logdice(o, fn, fc)[0]), 3)
12.476
"""

from __future__ import annotations

import numpy as np


def expected_in_window(f_node: np.ndarray, f_collocate: np.ndarray, span: int, n: np.ndarray) -> np.ndarray:
    """Expected co-occurrences, ``e = f_node * f_collocate * span / N`` (Evert 2008, 3.1)."""
    result: np.ndarray = f_node * f_collocate * span / n
    return result


def mutual_information(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    """Pointwise mutual information in a window, ``MI = log2(o / e)``, ``e`` of :func:`expected_in_window`.

    The window form (Evert 2008, 3.1 and 4): the expected count carries the window
    span, ``e = f_node * f_collocate * span / N``, so MI compares the collocate's
    count in the windows with its count expected in as many positions. Church & Hanks
    (1990) defined the association ratio over adjacent or near pairs with no span in
    the expected frequency (``f(x) f(y) / N``); for a window of span ``s`` their value
    is this one plus ``log2(s)``.
    """
    result: np.ndarray = np.log2(o / e)
    return result


def mi3(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    """``MI3 = log2(o**3 / e)``, MI with the co-occurrence cubed against rare pairs (Oakes 1998)."""
    result: np.ndarray = np.log2(o**3 / e)
    return result


def t_score(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    """The t-score, ``t = (o - e) / sqrt(o)`` (Church et al. 1991)."""
    result: np.ndarray = (o - e) / np.sqrt(o)
    return result


def logdice(o: np.ndarray, f_node: np.ndarray, f_collocate: np.ndarray) -> np.ndarray:
    """``logDice = 14 + log2(2 o / (f_node + f_collocate))``, independent of corpus size (Rychlý 2008)."""
    result: np.ndarray = 14 + np.log2(2 * o / (f_node + f_collocate))
    return result


def delta_p(
    o: np.ndarray, f_collocate: np.ndarray, w: np.ndarray, n: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """ΔP both ways, from the 2x2 table of word positions in and out of the node's windows (Gries 2013).

    ``ΔP(collocate | node) = o / W - (f_collocate - o) / (N - W)`` and
    ``ΔP(node | collocate) = o / f_collocate - (W - o) / (N - f_collocate)``, with ``W``
    the positions inside the windows.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        given_node = o / w - (f_collocate - o) / (n - w)
        given_collocate = o / f_collocate - (w - o) / (n - f_collocate)
    return given_node, given_collocate


def likelihood_ratio(n_ii: np.ndarray, n_ix: np.ndarray, n_xi: np.ndarray, n_xx: np.ndarray) -> np.ndarray:
    """NLTK's ``BigramAssocMeasures.likelihood_ratio`` on arrays, term by term in NLTK's order.

    The contingency cells, expected values, the 1e-20 guards and the order of the
    sum are NLTK's (Manning & Schütze 1999, 5.3.4); only the loop is numpy's, so the
    scores equal NLTK's to floating-point rounding
    (``tests/test_analyses.py::test_collocations_scores_equal_nltks_own``).
    """
    small = 1e-20
    n_xx = np.asarray(n_xx, dtype=float)
    n_oi = n_xi - n_ii
    n_io = n_ix - n_ii
    cont = (n_ii, n_oi, n_io, n_xx - n_ii - n_oi - n_io)
    total = cont[0] + cont[1] + cont[2] + cont[3]
    score = np.zeros_like(n_ii)
    for i in range(4):
        expected = (cont[i] + cont[i ^ 1]) * (cont[i] + cont[i ^ 2]) / total
        with np.errstate(divide="ignore", invalid="ignore"):
            score = score + cont[i] * np.log(cont[i] / (expected + small) + small)
    result: np.ndarray = 2 * score
    return result
