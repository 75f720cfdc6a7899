"""Lexical diversity of a sequence of type codes: the moving-average type-token ratio."""

from __future__ import annotations

import numpy as np


def mattr(codes: np.ndarray, window: int) -> float:
    """Moving-average type-token ratio of a sequence of type codes (Covington & McFall 2010).

    The mean, over every window of ``window`` consecutive tokens, of the window's
    types / ``window``. Computed exactly in O(n): a token at position ``i`` adds a new
    type to exactly those windows that contain it and not the previous occurrence
    of its type. NaN when the sequence is shorter than the window.
    """
    n = len(codes)
    if n < window:
        return float("nan")
    order = np.argsort(codes, kind="stable")
    prev = np.full(n, -1)
    same = codes[order][1:] == codes[order][:-1]
    prev[order[1:][same]] = order[:-1][same]
    i = np.arange(n)
    first_window = np.maximum(np.maximum(i - window + 1, prev + 1), 0)
    last_window = np.minimum(i, n - window)
    new_in = np.clip(last_window - first_window + 1, 0, None)
    return float(new_in.sum() / ((n - window + 1) * window))
