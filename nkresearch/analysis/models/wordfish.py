"""Wordfish: positions of texts on one latent dimension from word counts alone (Slapin & Proksch 2008).

Slapin & Proksch (2008), "A scaling model for estimating time-series party positions
from texts", *American Journal of Political Science* 52(3):705–722. The count of
word j in text i is Poisson with

    log μ_ij = α_i + ψ_j + β_j θ_i

(α_i the text's length effect, ψ_j the word's frequency, β_j how the word
discriminates, θ_i the text's position). Estimation as in austin's ``wordfish``
(Lowe): conditional maximum likelihood, alternating between the texts' (θ_i, α_i)
with α of the first text fixed at 0 and the words' (β_j, ψ_j), each a Newton
step per text or word, with a Normal(0, ``sigma``) prior on every β_j (default 3,
as austin and quanteda.textmodels); after each pass θ is standardized to mean 0
and standard deviation 1 (n−1 divisor) and turned so that ``dir[0]`` lies below
``dir[1]``. It stops when the penalized log-likelihood changes by less than
``tol`` relative to itself.

Standard errors: ``"hessian"`` (the default) takes the curvature of the
log-likelihood in θ_i with α_i profiled out, so each text's own fixed effect is
accounted for: ``se = 1 / sqrt(Σ_j μ_ij β_j² − (Σ_j μ_ij β_j)² / Σ_j μ_ij)``; this is
the information of the multinomial form austin's standard errors use.
``"bootstrap"`` draws ``n_boot`` count matrices from the fitted Poisson means, fits
each, and takes the standard deviation (and the percentile interval) of θ.

Checked against austin's Wordfish vignette (its simulated 10 × 12 matrix and the
positions and standard errors it prints) in ``tests/test_comparison.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy.stats import norm

from ...errors import NKResearchError
from ..core.checks import Unit, carry_attrs, check_choice, check_min_freq, check_tokens, check_unit
from ..core.counts import words_in_groups
from ..core.evidence import THIN_WORDS
from ..core.groups import check_show, shown_columns
from ..core.options import moved, through_old_option
from ..core.results import result_of

#: The largest texts × words matrix fitted (8 bytes a cell, a few copies at once).
MAX_CELLS = 40_000_000
#: a text with fewer words is flagged: its position rests on few counts
SE_METHODS = ("hessian", "bootstrap")
MARGINS = ("groups", "words")


@dataclass
class Fit:
    """Wordfish's parameters: per text ``theta, alpha``, per word ``beta, psi``."""

    theta: np.ndarray
    alpha: np.ndarray
    beta: np.ndarray
    psi: np.ndarray
    log_likelihood: float
    iterations: int
    converged: bool


def start(y: np.ndarray) -> Fit:
    """Starting values as Slapin & Proksch and austin take them: the residuals' first singular vectors."""
    psi = np.log(y.mean(axis=0))
    means = y.mean(axis=1)
    alpha = np.log(means / means[0])
    residual = np.log(y + 0.1) - alpha[:, None] - psi[None, :]
    u, s, vt = np.linalg.svd(residual, full_matrices=False)
    theta = u[:, 0] - u[0, 0]
    sd = theta.std(ddof=1)
    theta = theta / sd if sd > 0 else theta
    beta = vt[0] * s[0] * sd
    return Fit(theta, alpha, beta, psi, -np.inf, 0, False)


def _newton_pairs(
    y: np.ndarray,
    offset: np.ndarray,
    x: np.ndarray,
    slope: np.ndarray,
    level: np.ndarray,
    *,
    penalty: float,
    fixed_level: np.ndarray,
    steps: int = 20,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Maximize, row by row of ``y``, ``Σ_k y log μ − μ`` with ``log μ = offset + level + slope · x_k``.

    Each row has its own ``(slope, level)``; ``penalty`` is ``1 / sigma²`` of a
    Normal prior on the slope (0: none); rows where ``fixed_level`` is true keep
    their level. Newton steps with step halving where a step lowers the objective;
    returns the slopes, the levels and each row's objective.
    """

    def objective(s: np.ndarray, a: np.ndarray) -> np.ndarray:
        eta = offset + a[:, None] + s[:, None] * x[None, :]
        with np.errstate(over="ignore", invalid="ignore"):  # a step too far is -inf: halved below
            value: np.ndarray = (y * eta - np.exp(eta)).sum(axis=1) - 0.5 * penalty * s**2
        return np.where(np.isnan(value), -np.inf, value)

    s, a = slope.copy(), level.copy()
    current = objective(s, a)
    for _ in range(steps):
        mu = np.exp(offset + a[:, None] + s[:, None] * x[None, :])
        r = y - mu
        g_s = r @ x - penalty * s
        g_a = r.sum(axis=1)
        h_ss = mu @ x**2 + penalty
        h_sa = mu @ x
        h_aa = mu.sum(axis=1)
        det = h_ss * h_aa - h_sa**2
        with np.errstate(divide="ignore", invalid="ignore"):
            d_s = np.where(fixed_level, g_s / h_ss, (h_aa * g_s - h_sa * g_a) / det)
            d_a = np.where(fixed_level, 0.0, (h_ss * g_a - h_sa * g_s) / det)
        d_s, d_a = np.nan_to_num(d_s), np.nan_to_num(d_a)
        step = np.ones(len(s))
        for _ in range(30):
            trial = objective(s + step * d_s, a + step * d_a)
            worse = ~(trial >= current - 1e-12 * np.abs(current))
            if not worse.any():
                break
            step[worse] /= 2
        else:
            trial = objective(s + step * d_s, a + step * d_a)
        better = trial >= current
        s = np.where(better, s + step * d_s, s)
        a = np.where(better, a + step * d_a, a)
        current = np.where(better, trial, current)
        if max(np.abs(step * d_s).max(initial=0), np.abs(step * d_a).max(initial=0)) < 1e-7:
            break
    return s, a, current


def fit_wordfish(
    y: np.ndarray,
    *,
    dir: tuple[int, int],
    sigma: float = 3.0,
    tol: float = 1e-6,
    max_iter: int = 1000,
    first: Fit | None = None,
) -> Fit:
    """Fit Wordfish to a texts × words count matrix (every word used somewhere); see the module docstring."""
    fit = start(y) if first is None else first
    previous = -np.inf
    fixed = np.zeros(len(y), dtype=bool)
    fixed[0] = True
    alpha0 = fit.alpha.copy()
    alpha0[0] = 0.0
    for iteration in range(1, max_iter + 1):
        theta, alpha, _ = _newton_pairs(
            y, fit.psi[None, :], fit.beta, fit.theta, alpha0, penalty=0.0, fixed_level=fixed
        )
        theta = (theta - theta.mean()) / theta.std(ddof=1)
        if theta[dir[0]] > theta[dir[1]]:
            theta = -theta
        beta, psi, per_word = _newton_pairs(
            y.T,
            alpha[None, :],
            theta,
            fit.beta,
            fit.psi,
            penalty=1 / sigma**2,
            fixed_level=np.zeros(y.shape[1], dtype=bool),
        )
        fit = Fit(theta, alpha, beta, psi, float(per_word.sum()), iteration, False)
        alpha0 = alpha
        if abs(fit.log_likelihood - previous) < tol * abs(fit.log_likelihood):
            fit.converged = True
            break
        previous = fit.log_likelihood
    return fit


def profile_se(y: np.ndarray, fit: Fit) -> np.ndarray:
    """Each text's standard error of θ, its α profiled out (the module docstring's formula)."""
    mu = np.exp(fit.alpha[:, None] + fit.psi[None, :] + np.outer(fit.theta, fit.beta))
    info = mu @ fit.beta**2 - (mu @ fit.beta) ** 2 / mu.sum(axis=1)
    se: np.ndarray = 1 / np.sqrt(info)
    return se


@result_of("wordfish")
def wordfish(
    tokens: pd.DataFrame,
    *,
    by: str = "doc_id",
    dir: tuple[str, str] | None = None,
    unit: Unit = "norm",
    min_freq: int = 1,
    drop_stop: bool = False,
    sigma: float = 3.0,
    se: Literal["hessian", "bootstrap"] = "hessian",
    n_boot: int = 100,
    seed: int = 0,
    level: float = 0.95,
    tol: float = 1e-6,
    margin: Literal["groups", "words"] = "groups",
    show: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Place every group (text) on one dimension from its word counts (Wordfish; see the module docstring).

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`.
    by
        The column whose values are the texts (a document, or a speaker's year).
    dir
        Two group labels ``(a, b)``: the dimension is turned so that a lies below
        b. Default: the first and the last group.
    unit
        ``norm``, ``lemma`` or ``token``.
    min_freq
        Model only the words used at least this often in all texts together.
    drop_stop
        Leave stopwords out of the model.
    sigma
        Standard deviation of the Normal prior on the words' β (austin's and
        quanteda's 3).
    se
        ``"hessian"`` or ``"bootstrap"`` (parametric; see the module docstring).
    n_boot
        Resamples for ``se="bootstrap"``.
    seed
        Seed of the resampling.
    level
        Coverage of the interval.
    tol
        Relative change of the log-likelihood at which the fit stops.
    margin
        Deprecated: ``"words"`` is now :func:`wordfish_words`, the words' parameters
        of the same fit (it still works, with a ``DeprecationWarning``).
    show
        Columns of the tokens table to show for each group (a text's ``actor``,
        ``year``), after ``by`` in the positions table (as ``show=`` puts them on each
        line of :func:`nkresearch.kwic`); a group with several values (a news article
        with several voices) shows the value of most of its tokens.

    Returns
    -------
    pandas.DataFrame
        One row per group: ``<by>, theta, se, ci_low,
        ci_high`` (``theta ± z · se``; the percentile interval with the
        bootstrap), ``alpha``, ``N`` (its words modelled) and ``few_words``
        (under 1,000: a position resting on few counts); the words' side is
        :func:`wordfish_words`. ``attrs``: ``dir``, ``sigma``,
        ``se``, ``iterations``, ``converged``, ``log_likelihood``, ``words``
        (modelled).

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("ungdc", progress=False)  # the UN subset, cached
    >>> two = tok[tok["actor"].isin(["Baku", "Yerevan"])]
    >>> wf = nk.wordfish(two, dir=("ARM-1992", "AZE-1992"), min_freq=5)
    >>> round(float(wf["theta"].mean()), 6) + 0.0, round(float(wf["theta"].std()), 6)  # + 0.0: never -0.0
    (0.0, 1.0)
    """
    func = "wordfish"
    if margin == "words":
        moved("wordfish", "margin='words'", "wordfish_words")
    check_tokens(tokens, func)
    check_show(tokens, func, show)
    check_unit(func, unit)
    check_min_freq(func, min_freq)
    check_choice(func, "se", se, SE_METHODS)
    check_choice(func, "margin", margin, MARGINS)
    if not isinstance(by, str):
        raise NKResearchError(f"{func}: by={by!r} must be one column, such as 'doc_id'.")
    counted = words_in_groups(tokens, func, by=by, unit=unit)
    counts = counted.count(docs=False).matrix().tocsc()
    names = counted.groups.names.astype(str)
    totals = np.asarray(counts.sum(axis=0)).reshape(-1)
    keep = totals >= min_freq
    if drop_stop:
        keep &= ~counted.stop
    words = np.flatnonzero(keep)
    used = np.asarray(counts[:, words].sum(axis=1)).reshape(-1) > 0
    rows = np.flatnonzero(used)
    if len(rows) < 3 or len(words) < 2:
        raise NKResearchError(
            f"{func}: {len(rows)} groups of by={by!r} with words and {len(words)} words to model; "
            "Wordfish needs three texts or more and two words or more (lower min_freq?)."
        )
    if len(rows) * len(words) > MAX_CELLS:
        raise NKResearchError(
            f"{func}: {len(rows):,} texts × {len(words):,} words is too large a matrix to fit; "
            "raise min_freq (or drop_stop=True) to model fewer words."
        )
    y = counts[rows][:, words].toarray()
    names = names[rows]
    low, high = (0, len(rows) - 1) if dir is None else _dir_codes(func, dir, names)
    fit = fit_wordfish(y, dir=(low, high), sigma=sigma, tol=tol)
    attrs = {
        "by": by,
        "dir": (names[low], names[high]),
        "sigma": sigma,
        "se": se,
        "iterations": fit.iterations,
        "converged": fit.converged,
        "log_likelihood": fit.log_likelihood,
        "words": len(words),
    }
    if margin == "words":
        table = pd.DataFrame(
            {
                "term": counted.vocab[words].astype(str),
                "n": y.sum(axis=0).astype(np.int64),
                "beta": fit.beta,
                "psi": fit.psi,
            }
        )
        table = table.sort_values(["beta", "term"]).reset_index(drop=True)
        return carry_attrs(table, analysis="wordfish_words", **attrs)
    z = norm.isf((1 - level) / 2)
    if se == "hessian":
        error = profile_se(y, fit)
        low_end, high_end = fit.theta - z * error, fit.theta + z * error
    else:
        draws = _parametric_bootstrap(y, fit, dir=(low, high), sigma=sigma, tol=tol, n_boot=n_boot, seed=seed)
        error = draws.std(axis=0, ddof=1)
        low_end, high_end = np.quantile(draws, [(1 - level) / 2, (1 + level) / 2], axis=0)
        attrs.update(n_boot=n_boot, seed=seed)
    n = y.sum(axis=1).astype(np.int64)
    table = pd.DataFrame(
        {
            by: names,
            "theta": fit.theta,
            "se": error,
            "ci_low": low_end,
            "ci_high": high_end,
            "alpha": fit.alpha,
            "N": n,
            "few_words": n < THIN_WORDS,
        }
    )
    table = shown_columns(table, tokens, func, by=by, show=show)
    return carry_attrs(table, level=level, **attrs)


@result_of("wordfish_words")
def wordfish_words(
    tokens: pd.DataFrame,
    *,
    by: str = "doc_id",
    dir: tuple[str, str] | None = None,
    unit: Unit = "norm",
    min_freq: int = 1,
    drop_stop: bool = False,
    sigma: float = 3.0,
    tol: float = 1e-6,
) -> pd.DataFrame:
    """The words of a Wordfish fit: each word's weight on the dimension (β) and its frequency (ψ).

    The same fit as :func:`wordfish` with the same options (the words' side of the
    model: Slapin & Proksch 2008's "Eiffel tower", drawn by :func:`nkresearch.plot_words`).

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`.
    by
        The column whose values are the texts.
    dir
        Two group labels ``(a, b)``: the dimension is turned so that a lies below b.
    unit
        ``norm``, ``lemma`` or ``token``.
    min_freq
        Model only the words used at least this often in all texts together.
    drop_stop
        Leave stopwords out of the model.
    sigma
        Standard deviation of the Normal prior on the words' β.
    tol
        Relative change of the log-likelihood at which the fit stops.

    Returns
    -------
    pandas.DataFrame
        ``term, n, beta, psi``, sorted by β; ``attrs`` as :func:`wordfish`'s.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> words = nk.wordfish_words(tok, by="actor")
    >>> list(words.columns)
    ['term', 'n', 'beta', 'psi']
    """
    return through_old_option(  # type: ignore[no-any-return]
        wordfish,
        tokens,
        by=by,
        dir=dir,
        unit=unit,
        min_freq=min_freq,
        drop_stop=drop_stop,
        sigma=sigma,
        tol=tol,
        margin="words",
    )


def _dir_codes(func: str, dir: tuple[str, str], names: np.ndarray) -> tuple[int, int]:
    """The positions of the two labels of ``dir`` among the texts."""
    if len(dir) != 2 or dir[0] == dir[1]:
        raise NKResearchError(f"{func}: dir={dir!r} must be two different group labels, the lower first.")
    found = []
    for label in dir:
        where = np.flatnonzero(names == str(label))
        if not len(where):
            raise NKResearchError(f"{func}: dir names {label!r}, which is not a text with words here.")
        found.append(int(where[0]))
    return found[0], found[1]


def _parametric_bootstrap(
    y: np.ndarray, fit: Fit, *, dir: tuple[int, int], sigma: float, tol: float, n_boot: int, seed: int
) -> np.ndarray:
    """θ of ``n_boot`` fits to counts drawn from the fitted Poisson means (one row per draw)."""
    if not isinstance(n_boot, (int, np.integer)) or n_boot < 2:
        raise NKResearchError(f"wordfish: n_boot={n_boot!r} must be 2 or more for se='bootstrap'.")
    rng = np.random.default_rng(seed)
    mu = np.exp(fit.alpha[:, None] + fit.psi[None, :] + np.outer(fit.theta, fit.beta))
    draws = np.empty((n_boot, len(y)))
    for b in range(n_boot):
        sample = rng.poisson(mu).astype(float)
        used = sample.sum(axis=0) > 0
        first = Fit(fit.theta, fit.alpha, fit.beta[used], fit.psi[used], -np.inf, 0, False)
        draws[b] = fit_wordfish(sample[:, used], dir=dir, sigma=sigma, tol=tol, first=first).theta
    return draws
