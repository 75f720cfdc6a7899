"""Rates and their intervals: how often a term occurs per 10,000 words, and how sure that is."""

from __future__ import annotations

import numpy as np
from scipy.stats import chi2

from ..core.options import PER


def rate_interval(n: np.ndarray, total: np.ndarray, *, level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Garwood's (1936) exact Poisson interval of ``n`` uses in ``total`` words, as rates per 10,000 words.

    ``low = χ²(α/2; 2n) / 2`` (0 for n = 0), ``high = χ²(1 − α/2; 2n + 2) / 2``, each
    divided by ``total`` and times 10,000; ``α = 1 − level``.

    Examples
    --------
    >>> low, high = rate_interval(np.array([0, 10]), np.array([10_000, 10_000]))
    >>> [round(float(x), 3) for x in low], [round(float(x), 3) for x in high]
    ([0.0, 4.795], [3.689, 18.39])
    """
    n, total = np.asarray(n, dtype=float), np.asarray(total, dtype=float)
    a = 1 - level
    low = np.where(n > 0, chi2.ppf(a / 2, 2 * n) / 2, 0.0)
    high = chi2.ppf(1 - a / 2, 2 * n + 2) / 2
    return low / total * PER, high / total * PER
