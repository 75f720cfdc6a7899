"""Change over time as a statistic: each term's rate per period, its interval and a test of trend.

For each term and group, the counts n_t of the term and N_t of all words in each
period t (a year, or any ordered column) give

- the rate per 10,000 words with an exact Poisson interval for n_t (Garwood 1936:
  ``χ²(α/2; 2n) / 2`` and ``χ²(1 − α/2; 2n + 2) / 2``, divided by N_t);
- ``share``: the term's part of all the terms asked for in that group and period
  (who switched from one name to another, and when);
- a test of trend: a Poisson regression of n_t on time with ``log N_t`` as offset,
  ``log E[n_t] = log N_t + b₀ + b₁ t`` (a generalized linear model, McCullagh &
  Nelder 1989; statsmodels' ``GLM``), or a negative binomial one
  (statsmodels' ``NegativeBinomial``, which estimates the overdispersion too).
  ``slope`` is b₁ per unit of time (``exp(slope)`` is the rate's ratio from one year
  to the next), with its Wald interval and p. ``dispersion`` is the Poisson fit's
  Pearson χ² over its residual degrees of freedom: well above 1, the Poisson p is
  too small and ``model="negative_binomial"`` is the safer test.

A time column that is not numeric (periods such as "1992-2019") is numbered in
its sorted order, 0, 1, 2...; the slope is then per period.
"""

from __future__ import annotations

import functools
import warnings
from dataclasses import replace
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy.stats import norm

from ..core.checks import Unit, carry_attrs, check_choice, check_tokens, check_unit
from ..core.counts import words_of
from ..core.groups import By, Groups, added_over, by_columns
from ..core.options import PER
from ..core.patterns import Matcher, Pattern, compile_pattern, merge_form_counts, most_frequent_forms
from ..core.results import result_of
from ..core.stores import Tokens, check_client, count_parts
from ..measures.rates import rate_interval

MODELS = ("poisson", "negative_binomial")


def trend_test(
    n: np.ndarray, total: np.ndarray, time: np.ndarray, *, model: str = "poisson", level: float = 0.95
) -> dict[str, float]:
    """``slope, slope_low, slope_high, p, dispersion`` of the regression of the module docstring.

    NaN where there is nothing to fit (fewer than three periods, or no occurrence).
    """
    import statsmodels.api as sm  # type: ignore[import-untyped]

    out = dict.fromkeys(("slope", "slope_low", "slope_high", "p", "dispersion"), float("nan"))
    keep = np.asarray(total) > 0
    n, total, time = np.asarray(n, float)[keep], np.asarray(total, float)[keep], np.asarray(time, float)[keep]
    if len(n) < 3 or n.sum() == 0 or np.ptp(time) == 0:
        return out
    x = sm.add_constant(time - time.mean())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # perfect fits and boundary estimates: reported as they are
        poisson = sm.GLM(n, x, family=sm.families.Poisson(), offset=np.log(total)).fit()
        out["dispersion"] = float(poisson.pearson_chi2 / poisson.df_resid) if poisson.df_resid > 0 else np.nan
        if model == "poisson":
            slope, se = float(poisson.params[1]), float(poisson.bse[1])
        else:
            nb = sm.NegativeBinomial(n, x, offset=np.log(total)).fit(disp=0, maxiter=200)
            slope, se = float(nb.params[1]), float(nb.bse[1])
    z = norm.isf((1 - level) / 2)
    out.update(
        slope=slope,
        slope_low=slope - z * se,
        slope_high=slope + z * se,
        p=float(2 * norm.sf(abs(slope / se))),
    )
    return out


@result_of("trends", store=True)
def trends(
    tokens: Tokens,
    pattern: Pattern,
    *,
    by: By = "actor",
    time: str = "year",
    model: Literal["poisson", "negative_binomial"] = "poisson",
    unit: Unit = "norm",
    level: float = 0.95,
    client: Any = None,
) -> pd.DataFrame:
    """Each term's rate per period and group, with intervals and a test of trend over time.

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`, or a token store
        (:func:`nkresearch.token_store`), counted part by part.
    pattern
        What to follow: a word, glob or phrase, or a list of them, each item with
        rows of its own (``["karabakh", "nagorno-karabakh", "artsakh"]``).
    by
        The column (or list of columns, ``["language", "actor"]``) whose values are the groups.
    time
        The ordered column of the periods: ``"year"``, or ``"period"`` after
        :func:`nkresearch.periods`.
    model
        ``"poisson"`` or ``"negative_binomial"`` (see the module docstring).
    unit
        ``norm``, ``lemma`` or ``token``.
    level
        Coverage of the intervals.
    client
        A Dask client: a token store's parts are counted on its cluster.

    Returns
    -------
    pandas.DataFrame
        One row per term, group and period: ``term, <by>, <time>, n, N`` (words
        of the group in the period), ``docs`` (documents of the group in the
        period), ``per_10k, ci_low, ci_high, share``, then the group's trend,
        the same on each of its rows: ``slope, slope_low, slope_high, p,
        dispersion, n_total, periods``. ``attrs``: ``model``, ``time``, ``level``.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("ungdc", progress=False)  # the UN subset, cached
    >>> t = nk.trends(tok[tok["actor"] == "Baku"], ["garabagh", "nagorno-karabakh"], by="actor")
    >>> t.groupby("term")["n"].sum().to_dict()
    {'garabagh': 5, 'nagorno-karabakh': 51}
    """
    func = "trends"
    check_tokens(tokens, func)
    check_unit(func, unit)
    check_choice(func, "model", model, MODELS)
    check_client(func, tokens, client)
    columns = by_columns(tokens, func, by)
    by_columns(tokens, func, [*columns, time])
    items = compile_pattern(pattern, unit=unit, func=func)
    count = functools.partial(_count_periods, func=func, by=[*columns, time], unit=unit, pattern=pattern)
    groups, sizes, docs, found, form_counts = count_parts(tokens, count, _merge_periods, client=client)
    frames = []
    for item, n in zip(items, found, strict=True):
        frames.append(
            pd.DataFrame(
                {
                    "term": str(item.label),
                    **dict(zip(columns, groups.values[:-1], strict=True)),
                    time: groups.values[-1],
                    "n": n,
                    "N": sizes,
                    "docs": docs,
                }
            )
        )
    table = pd.concat(frames, ignore_index=True)
    table = table[table["N"] > 0].copy()
    table["_t"] = _time_values(table[time])
    table = table.sort_values(["term", *columns, "_t"], kind="stable").reset_index(drop=True)
    table["per_10k"] = table["n"] / table["N"] * PER
    table["ci_low"], table["ci_high"] = rate_interval(
        table["n"].to_numpy(), table["N"].to_numpy(), level=level
    )
    all_terms = table.groupby([*columns, time], observed=True)["n"].transform("sum")
    table["share"] = np.where(all_terms > 0, table["n"] / all_terms.where(all_terms > 0, 1), np.nan)
    stats = []
    for (label, *group), rows in table.groupby(["term", *columns], sort=False):
        test = trend_test(
            rows["n"].to_numpy(), rows["N"].to_numpy(), rows["_t"].to_numpy(), model=model, level=level
        )
        stats.append(
            {
                "term": label,
                **dict(zip(columns, group, strict=True)),
                **test,
                "n_total": int(rows["n"].sum()),
                "periods": len(rows),
            }
        )
    table = table.merge(pd.DataFrame(stats), on=["term", *columns], how="left").drop(columns="_t")
    return carry_attrs(
        table, by=by, time=time, model=model, level=level, unit=unit, forms=most_frequent_forms(form_counts)
    )


#: A part's counts: its groups (names only), their words and documents, each item's uses per group, its forms.
Counted = tuple[Groups, np.ndarray, np.ndarray, list[np.ndarray], dict[str, dict[str, int]]]


def _count_periods(
    tokens: pd.DataFrame, *, func: str, by: list[str], unit: Unit, pattern: Pattern
) -> Counted:
    """One tokens table (or part of a store): what :func:`trends` counts per group and period."""
    words = words_of(tokens, func, by=by, unit=unit)
    groups = words.groups
    matcher = Matcher(tokens, unit)
    items = compile_pattern(pattern, unit=unit, func=func)
    found = []
    for item in items:
        first, _ = matcher.spans([item])
        codes = groups.codes[first]
        found.append(np.bincount(codes[codes >= 0], minlength=len(groups)))
    bare = replace(groups, codes=groups.codes[:0])  # the groups' names, not every token's group
    return bare, words.sizes(), words.docs_per_group(), found, matcher.form_counts(items)


def _merge_periods(parts: list[Counted]) -> Counted:
    """The counts of several parts added up, over the union of their groups (a document is in one part)."""
    groups, (sizes, docs, *found) = added_over([(p[0], [p[1], p[2], *p[3]]) for p in parts])
    return groups, sizes, docs, found, merge_form_counts([p[4] for p in parts])


def _time_values(column: pd.Series) -> np.ndarray:
    """The time column as numbers: its values when numeric, else the rank of each value in sorted order."""
    numeric = pd.to_numeric(column, errors="coerce")
    if numeric.notna().all():
        return numeric.to_numpy(float)
    order = {value: k for k, value in enumerate(sorted(pd.unique(column.astype(str))))}
    return column.astype(str).map(order).to_numpy(float)
