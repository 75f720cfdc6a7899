"""Dispersion: how evenly an item is spread over the parts of a corpus (Juilland's D, Gries' DP).

``v``: the item's occurrences in each part; ``sizes``: the parts' sizes in words;
``share``: each part's share of the corpus's words.
"""

from __future__ import annotations

import numpy as np


def juilland_d(v: np.ndarray, sizes: np.ndarray) -> float:
    """Juilland's ``D = 1 - (sd(p) / mean(p)) / sqrt(n - 1)`` (Juilland & Chang-Rodríguez 1964).

    ``p = v / sizes``, ``v``: the item's occurrences in each of ``n`` parts; ``sd`` the population
    standard deviation; 1 is perfectly even. NaN for one part or no occurrence.
    """
    n, f = len(v), float(v.sum())
    if n <= 1 or f == 0:
        return float("nan")
    p = v / sizes
    return float(1 - (p.std() / p.mean()) / np.sqrt(n - 1))


def gries_dp(v: np.ndarray, share: np.ndarray) -> tuple[float, float]:
    """Gries' ``DP = 0.5 * sum(|v_i / f - s_i|)`` (Gries 2008) and ``DPnorm = DP / (1 - min(s))``.

    ``share``: each part's share of the corpus's words; 0 is perfectly even. DPnorm
    (Lijffijt & Gries 2012) scales DP to 0..1; NaN for one part. DP is NaN for an
    item that never occurs.
    """
    f = float(v.sum())
    dp = 0.5 * float(np.abs(v / f - share).sum()) if f > 0 else float("nan")
    dp_norm = dp / (1 - float(share.min())) if len(v) > 1 else float("nan")
    return dp, dp_norm
