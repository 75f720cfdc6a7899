"""Lines over time: a result table's groups along an ordered column (years, periods).

:func:`plot_trends` draws one line per group (per name variant of the territory, say),
in the look of :mod:`.style`, and writes nothing.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from ..analysis.options import renamed
from .style import SINGLE_COLUMN, _need, _source, _style, _wrapped, actor_colors, display_label, empty_as_note


@empty_as_note
@renamed(x="over", series="by")
def plot_trends(
    counts: pd.DataFrame,
    *,
    over: str = "year",
    by: str = "entry",
    value: str = "per_10k",
    title: str | None = None,
) -> Figure:
    """Lines over time (or any ordered column): one line per group, e.g. per name variant.

    Parameters
    ----------
    counts
        A result table with an ``over`` column, a ``by`` column, ``value`` and ``n``,
        such as ``lexicon_counts(tokens, lexicon, by="year", level="entry")``.
    over
        The ordered column along the x axis (``year``, ``period``...); ``x=`` is its
        old name.
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
    >>> counts = nk.lexicon_counts(tok[tok["actor"] == "Baku"], naming, by="year", level="entry")
    >>> fig = nk.plot_trends(counts[counts["category"] == "territory"])
    >>> fig.axes[0].get_ylabel()
    'per 10,000 words'
    """
    x, series = over, by
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
