"""Keyness statistics of the 2x2 table of a term in a target and a reference: G² and the log ratio.

``a``, ``b``: the term's counts in the target and the reference; ``n_t``, ``n_r``: their
word totals (the table is in :mod:`nkresearch.analysis.terms.keyness`).
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from ...errors import NKResearchError

#: Stand-in for a zero count in log ratio (Hardie 2014).
ZERO_COUNT = 0.5


G2Form = Literal["4-term", "2-term"]


G2_FORMS = ("4-term", "2-term")


def g2(
    a: np.ndarray, b: np.ndarray, n_t: np.ndarray, n_r: np.ndarray, *, form: G2Form = "4-term"
) -> np.ndarray:
    """Log-likelihood G² of the 2x2 table, in its 4-term or its 2-term form.

    ``"4-term"`` (the default): ``G² = 2 Σ O ln(O / E)`` over the four cells, with
    ``0 ln 0 = 0`` (Dunning 1993; AntConc's default log-likelihood). ``"2-term"``:
    ``G² = 2 (a ln(a / E1) + b ln(b / E2))``, the two cells of the term only (Rayson &
    Garside 2000, the form Wmatrix and UCREL's log-likelihood calculator compute); it
    is a little smaller, the more so the more frequent the term. Both are >= 0.
    """
    if form not in G2_FORMS:
        raise NKResearchError(f"g2: form={form!r} is not one of {list(G2_FORMS)}.")
    a, b, n_t, n_r = (np.asarray(x, dtype=float) for x in (a, b, n_t, n_r))
    n = n_t + n_r
    observed = [a, b, n_t - a, n_r - b]
    expected = [n_t * (a + b) / n, n_r * (a + b) / n, n_t * (n - a - b) / n, n_r * (n - a - b) / n]
    if form == "2-term":
        observed, expected = observed[:2], expected[:2]
    total = np.zeros_like(a)
    for o, e in zip(observed, expected, strict=True):
        with np.errstate(divide="ignore", invalid="ignore"):
            total += np.where(o > 0, o * np.log(o / e), 0.0)
    result: np.ndarray = np.maximum(2 * total, 0.0)
    return result


def log_ratio(a: np.ndarray, b: np.ndarray, n_t: np.ndarray, n_r: np.ndarray) -> np.ndarray:
    """Log ratio, ``log2((a / N_t) / (b / N_r))``, a zero count replaced by 0.5 (Hardie 2014).

    One unit is a doubling of the relative frequency.
    """
    a = np.where(np.asarray(a) == 0, ZERO_COUNT, a).astype(float)
    b = np.where(np.asarray(b) == 0, ZERO_COUNT, b).astype(float)
    result: np.ndarray = np.log2((a / n_t) / (b / n_r))
    return result
