"""The log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, eq. 16, 20, 22).

The prior and the analysis are in :mod:`nkresearch.analysis.models.logodds`, whose docstring
gives the formulas.
"""

from __future__ import annotations

import numpy as np


def fightin_words(
    y_t: np.ndarray,
    y_r: np.ndarray,
    n_t: float,
    n_r: float,
    prior: np.ndarray,
    *,
    a0: float | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(delta, se, z)`` of Monroe et al. (2008) eq. 16, 20 and 22 (see the module docstring).

    ``prior`` is α_w per term; α₀ is ``a0``, by default the sum of ``prior`` (give it
    when the terms here are a part of the prior's vocabulary).

    Examples
    --------
    >>> d, se, z = fightin_words(np.array([10.0, 0.0]), np.array([2.0, 8.0]), 10, 10, np.array([1.0, 1.0]))
    >>> round(float(d[0]), 4), round(float(se[0]), 4)
    (3.4965, 0.6513)
    """
    y_t, y_r, prior = (np.asarray(x, dtype=float) for x in (y_t, y_r, prior))
    a0 = float(prior.sum()) if a0 is None else float(a0)
    delta = np.log((y_t + prior) / (n_t + a0 - y_t - prior)) - np.log(
        (y_r + prior) / (n_r + a0 - y_r - prior)
    )
    se = np.sqrt(1 / (y_t + prior) + 1 / (y_r + prior))
    return delta, se, delta / se
