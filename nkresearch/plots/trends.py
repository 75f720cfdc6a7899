"""Lines over time: a result table's groups along an ordered column (years, periods).

:func:`plot_trends` draws one line per group (per name variant of the territory, say),
:func:`plot_term_trends` one panel per group of :func:`nkresearch.trends` with a line
per term, in the look of :mod:`.style`; neither writes anything.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..analysis.core.options import renamed
from ..analysis.core.results import group_column
from .style import (
    SINGLE_COLUMN,
    _need,
    _source,
    _style,
    _wrapped,
    actor_colors,
    display_label,
    empty_as_note,
    pattern_for_reader,
)


@empty_as_note
@renamed(x="time", series="by", over="time")
def plot_trends(
    counts: pd.DataFrame,
    *,
    time: str = "year",
    by: str = "entry",
    value: str = "per_10k",
    title: str | None = None,
) -> Figure:
    """Lines over time (or any ordered column): one line per group, e.g. per name variant.

    Parameters
    ----------
    counts
        A result table with a ``time`` column, a ``by`` column, ``value`` and ``n``,
        such as ``lexicon_counts(tokens, lexicon, by="year", count_by="entry")``.
    time
        The ordered column along the x axis (``year``, ``period``...); ``x=`` and
        ``over=`` are its old names.
    by
        The column whose values get one line each; ``series=`` is its old name.
    value
        The column on the y axis (``per_10k`` or ``n``).
    title
        The figure's title.

    Returns
    -------
    matplotlib.figure.Figure
        One line per group; the legend gives each group's total count n.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("ungdc", progress=False)  # the UN subset, cached
    >>> naming = nk.read_lexicon("naming")
    >>> counts = nk.lexicon_counts(tok[tok["actor"] == "Baku"], naming, by="year", count_by="entry")
    >>> fig = nk.plot_trends(counts[counts["category"] == "territory"])
    >>> fig.axes[0].get_ylabel()
    'per 10,000 words'
    """
    x, series = time, by
    _need(counts, "plot_trends", x, series, value, "n")
    order = counts.groupby(series, observed=True)["n"].sum().sort_values(ascending=False)
    colors = actor_colors(order.index)
    with _style():
        fig = Figure(figsize=(SINGLE_COLUMN, 3.4), layout="constrained")
        ax = fig.subplots()
        for name, total in order.items():
            sub = counts[counts[series] == name].sort_values(x)
            ax.plot(
                sub[x].astype(str) if sub[x].dtype == object else sub[x],
                sub[value],
                marker="o",
                markersize=2.5,
                linewidth=1.2,
                color=colors[str(name)],
                label=f"{display_label(name)} (n = {int(total)})",
            )
        ax.set_xlabel(x)
        ax.set_ylabel("per 10,000 words" if value == "per_10k" else value)
        ax.legend(fontsize=7, frameon=True, framealpha=0.85, edgecolor="none", loc="best")
        fig.suptitle(_wrapped(title or f"{series} by {x}", fig))
        _source(fig, counts)
    return fig


@empty_as_note
def plot_term_trends(trends: pd.DataFrame, *, value: str = "share", title: str | None = None) -> Figure:
    """Who switched from one term to another, and when: a panel per group, a line per term.

    Parameters
    ----------
    trends
        The table of :func:`nkresearch.trends`.
    value
        ``"share"`` (each term's part of the terms followed, per period) or
        ``"per_10k"`` (the rate, with its interval as a band).
    title
        The figure's title.

    Returns
    -------
    matplotlib.figure.Figure
        One panel per group; each term's legend entry gives its count n and, where
        the test of trend is significant at 5%, the slope's sign.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("ungdc", progress=False)  # the UN subset, cached
    >>> t = nk.trends(tok[tok["actor"] == "Baku"], ["garabagh", "nagorno-karabakh"])
    >>> len(nk.plot_term_trends(t).axes)
    1
    """
    trends, by = group_column(trends, "plot_term_trends")
    time = str(trends.attrs["time"])
    _need(trends, "plot_term_trends", "term", by, time, value, "n", "p", "slope")
    groups = list(pd.unique(trends[by].astype(str)))
    terms = list(pd.unique(trends["term"]))
    colors = actor_colors(terms)
    as_number = pd.to_numeric(trends[time].astype(str), errors="coerce")
    numeric = bool(as_number.notna().all())
    with _style():
        fig = Figure(figsize=(SINGLE_COLUMN, 1.9 * len(groups) + 1.0), layout="constrained")
        axes = np.atleast_1d(fig.subplots(len(groups), 1, sharex=True, squeeze=False)[:, 0])
        for ax, group in zip(axes, groups, strict=True):
            rows = trends[trends[by].astype(str) == group]
            for term in terms:
                sub = rows[rows["term"] == term]
                total = int(sub["n"].sum())
                if total == 0:
                    continue
                x = as_number[sub.index] if numeric else sub[time].astype(str)
                slope, p = sub["slope"].iloc[0], sub["p"].iloc[0]
                trend = "" if not p < 0.05 else (", rising" if slope > 0 else ", falling")
                if value == "per_10k":
                    ax.fill_between(
                        x, sub["ci_low"], sub["ci_high"], color=colors[term], alpha=0.15, linewidth=0
                    )
                ax.plot(
                    x,
                    sub[value],
                    marker="o",
                    markersize=2,
                    linewidth=1.0,
                    color=colors[term],
                    label=f"{pattern_for_reader(term, trends.attrs.get('forms'))} (n = {total}{trend})",
                )
            ax.set_title(group)
            ax.set_ylabel("share of the terms" if value == "share" else "per 10,000 words")
            if ax.get_legend_handles_labels()[0]:
                ax.legend(fontsize=7, frameon=True, framealpha=0.85, edgecolor="none", loc="best")
        axes[-1].set_xlabel(time)
        default = f"The terms by {time} in each group of {by} ({'share' if value == 'share' else 'rate'})"
        fig.suptitle(_wrapped(title or default, fig))
        _source(fig, trends, f"trend: {trends.attrs.get('model', 'poisson')} regression, 5% level")
    return fig
