"""Figures of the comparison statistics: log-odds, similarity and positions on a dimension.

:func:`plot_log_odds` draws Monroe et al.'s (2008) figure (each term's z-score
against its frequency, the most separating words named), :func:`plot_similarity`
a heatmap of the pairs of groups, :func:`plot_positions` the positions of
Wordfish or Wordscores with their intervals. All in the look of :mod:`.style`.
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
)

#: inches: the width of a figure across a page's two columns
WIDE = 7.2


@empty_as_note
def plot_log_odds(lo: pd.DataFrame, *, top: int = 10, title: str | None = None) -> Figure:
    """Each term's z-score against its frequency, the ``top`` words of each side named (Monroe et al. 2008).

    Parameters
    ----------
    lo
        The table of :func:`nkresearch.log_odds` for one target.
    top
        Words named on each side.
    title
        The figure's title.

    Returns
    -------
    matplotlib.figure.Figure
        Grey points for every term, coloured ones for the named words, whose
        labels stand in a column at the right, each with its counts
        ``n_target/n_reference``.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> fig = nk.plot_log_odds(nk.log_odds(tok, target="Baku", drop_stop=True))
    >>> fig.axes[0].get_ylabel()[:7]
    'z-score'
    """
    _need(lo, "plot_log_odds", "term", "z", "n_target", "n_reference")
    target = str(lo.attrs.get("target", "target"))
    reference = str(lo.attrs.get("reference", "reference"))
    reference = "the rest" if reference == "rest" else reference
    colors = actor_colors([target, reference])
    x = np.log10(lo["n_target"].to_numpy(float) + lo["n_reference"].to_numpy(float))
    up = lo[lo["z"] > 0].nlargest(top, "z")
    down = lo[lo["z"] < 0].nsmallest(top, "z")
    with _style():
        fig = Figure(figsize=(WIDE, 4.2), layout="constrained")
        ax = fig.subplots()
        ax.scatter(x, lo["z"], s=4, color="#bbbbbb", linewidths=0)
        ax.axhline(0, color="#333333", linewidth=0.6)
        for side, rows, color in ((1, up, colors[target]), (-1, down, "#666666")):
            if rows.empty:
                continue
            rx = np.log10(rows["n_target"].to_numpy(float) + rows["n_reference"].to_numpy(float))
            ax.scatter(rx, rows["z"], s=9, color=color, linewidths=0)
            # the labels: a column at the right, evenly spaced in the half of their side
            slots = np.linspace(0.97, 0.56, top) if side > 0 else np.linspace(0.03, 0.44, top)
            for k, row in enumerate(rows.to_dict("records")):
                ax.text(
                    1.03,
                    slots[k],
                    f"{display_label(row['term'])} ({row['n_target']}/{row['n_reference']})",
                    transform=ax.transAxes,
                    fontsize=7,
                    color=color,
                    va="center",
                )
                ax.annotate(  # the connector alone: a label's extent stays its text's
                    "",
                    xy=(rx[k], row["z"]),
                    xycoords="data",
                    xytext=(1.025, slots[k]),
                    textcoords="axes fraction",
                    arrowprops={"arrowstyle": "-", "color": "#cccccc", "linewidth": 0.4},
                )
        ax.set_xlabel("log10 of the term's count in both sides")
        ax.set_ylabel(f"z-score of the log-odds\n(+: {target}, −: {reference})")
        n_t, n_r = int(lo["N_target"].iloc[0]), int(lo["N_reference"].iloc[0])
        default = (
            f"Words of {target} (N = {n_t:,}) against {reference} (N = {n_r:,}): "
            "weighted log-odds (labels: n_target/n_reference)"
        )
        fig.suptitle(_wrapped(title or default, fig))
        prior = lo.attrs.get("prior", "informative")
        _source(
            fig,
            lo,
            f"prior: {prior}" + (f", α₀ = {lo.attrs['alpha0']:,.0f}" if lo.attrs.get("alpha0") else ""),
        )
    return fig


@empty_as_note
def plot_similarity(sim: pd.DataFrame, *, title: str | None = None) -> Figure:
    """A heatmap of the similarity of every pair of groups, each cell with its value and interval.

    Parameters
    ----------
    sim
        The table of :func:`nkresearch.similarity` (one panel per value of its
        ``within`` column, if it has one).
    title
        The figure's title.

    Returns
    -------
    matplotlib.figure.Figure
        The lower triangle of the pairs: darker is more alike; each cell reads
        ``similarity`` and, below it, the bootstrap interval.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> fig = nk.plot_similarity(nk.similarity(tok, n_boot=50))
    >>> len(fig.axes) >= 1
    True
    """
    _need(sim, "plot_similarity", "group_a", "group_b", "similarity", "ci_low", "ci_high")
    within = sim.attrs.get("within")
    blocks = list(pd.unique(sim[within])) if within in sim.columns else [None]
    with _style():
        names_all = sorted(set(sim["group_a"]) | set(sim["group_b"]))
        side = 0.55 * (len(names_all) - 1) + 1.1  # one panel per block, stacked
        fig = Figure(figsize=(SINGLE_COLUMN, side * len(blocks) + 0.9), layout="constrained")
        axes = np.atleast_1d(fig.subplots(len(blocks), 1, squeeze=False)[:, 0])
        for ax, block in zip(axes, blocks, strict=True):
            rows = sim if block is None else sim[sim[within] == block]
            names = sorted(set(rows["group_a"]) | set(rows["group_b"]))
            index = {n: k for k, n in enumerate(names)}
            # the lower triangle without its diagonal: row i (names[1:]) against column j (names[:-1])
            grid = np.full((len(names) - 1, len(names) - 1), np.nan)
            for row in rows.to_dict("records"):
                i, j = sorted((index[row["group_a"]], index[row["group_b"]]), reverse=True)
                grid[i - 1, j] = row["similarity"]
                ax.text(
                    j,
                    i - 1,
                    f"{row['similarity']:.2f}\n{row['ci_low']:.2f}–{row['ci_high']:.2f}",
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if row["similarity"] > 0.7 else "#222222",
                )
            ax.imshow(grid, cmap="Blues", vmin=0, vmax=1)
            ax.set_xticks(range(len(names) - 1), [display_label(n) for n in names[:-1]], rotation=90)
            ax.set_yticks(range(len(names) - 1), [display_label(n) for n in names[1:]])
            ax.grid(False)
            if block is not None:
                ax.set_title(str(block))
        measure = str(sim.attrs.get("measure", "cosine")).replace("_", "–")
        default = f"How alike the groups' words are ({measure}; the interval resamples documents)"
        fig.suptitle(_wrapped(title or default, fig))
        words = pd.concat([sim["N_a"], sim["N_b"]])
        _source(
            fig,
            sim,
            f"N = {int(words.min()):,} to {int(words.max()):,} words per group · "
            f"{sim.attrs.get('n_boot', 0)} resamples",
        )
    return fig


@renamed(over="time")
@empty_as_note
def plot_positions(
    positions: pd.DataFrame,
    *,
    time: str | None = None,
    by: str | None = None,
    title: str | None = None,
) -> Figure:
    """Positions on one dimension with their intervals: Wordfish's θ or Wordscores' score.

    Parameters
    ----------
    positions
        The table of :func:`nkresearch.wordfish` or :func:`nkresearch.wordscores`,
        optionally with more columns of each text (its actor and year).
    time
        A column for the x axis (``"year"``): one line per value of ``by``. None:
        one row per text, sorted by position. ``over=`` is its old name.
    by
        The column whose values get a colour (and a line with ``time``).
    title
        The figure's title.

    Returns
    -------
    matplotlib.figure.Figure
        Each position as a point with its interval as a bar.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("ungdc", progress=False)  # the UN subset, cached
    >>> two = tok[tok["actor"].isin(["Baku", "Yerevan"])]
    >>> wf = nk.wordfish(two, dir=("ARM-1992", "AZE-1992"), min_freq=5)
    >>> fig = nk.plot_positions(wf)
    >>> fig.axes[0].get_xlabel()[:5]
    'theta'
    """
    value = "theta" if "theta" in positions.columns else "score"
    _need(positions, "plot_positions", value, "ci_low", "ci_high")
    positions, label = group_column(positions, "plot_positions")
    shown = positions.dropna(subset=[value])
    groups = list(pd.unique(shown[by].astype(str))) if by else []
    colors = actor_colors(groups)
    axis = "theta (Wordfish position, mean 0, sd 1)" if value == "theta" else "score (Wordscores)"
    with _style():
        if time is None:
            shown = shown.sort_values(value)
            fig = Figure(figsize=(SINGLE_COLUMN, 0.14 * len(shown) + 1.6), layout="constrained")
            ax = fig.subplots()
            y = np.arange(len(shown))
            color = [colors[str(g)] for g in shown[by].astype(str)] if by else "#0072B2"
            ax.errorbar(
                shown[value],
                y,
                xerr=[shown[value] - shown["ci_low"], shown["ci_high"] - shown[value]],
                fmt="none",
                ecolor="#999999",
                elinewidth=0.6,
            )
            ax.scatter(shown[value], y, s=8, c=color, zorder=3)
            ticks = shown[label].astype(str) if label in shown.columns else y.astype(str)
            size = 7 if len(shown) <= 40 else 0
            ax.set_yticks(y if size else [], [display_label(t) for t in ticks] if size else [])
            ax.set_xlabel(axis)
        else:
            fig = Figure(figsize=(SINGLE_COLUMN, 3.2), layout="constrained")
            ax = fig.subplots()
            for group in groups or [None]:
                rows = shown if group is None else shown[shown[by].astype(str) == group]
                rows = rows.sort_values(time)
                color = colors[group] if group else "#0072B2"
                ax.fill_between(
                    rows[time], rows["ci_low"], rows["ci_high"], color=color, alpha=0.18, linewidth=0
                )
                ax.plot(
                    rows[time],
                    rows[value],
                    marker="o",
                    markersize=2.5,
                    linewidth=1.0,
                    color=color,
                    label=display_label(group) if group else None,
                )
            if groups:
                ax.legend(fontsize=7, frameon=True, framealpha=0.85, edgecolor="none", loc="best")
            ax.set_xlabel(time)
            ax.set_ylabel(axis)
        direction = positions.attrs.get("dir")
        default = f"Positions of the {label} values" + (
            f" ({direction[0]} below {direction[1]})" if direction else ""
        )
        fig.suptitle(_wrapped(title or default, fig))
        sizes = (
            f"N = {int(shown['N'].min()):,} to {int(shown['N'].max()):,} words a text · "
            if "N" in shown
            else ""
        )
        _source(fig, positions, f"{sizes}{int(positions.attrs.get('level', 0.95) * 100)}% intervals")
    return fig


@empty_as_note
def plot_words(words: pd.DataFrame, *, top: int = 10, title: str | None = None) -> Figure:
    """The words that place texts on the scale: Wordfish's β against ψ, or the Wordscores word scores.

    Parameters
    ----------
    words
        The table of :func:`nkresearch.wordfish_words` or :func:`nkresearch.wordscores_words`.
    top
        Words named at each end.
    title
        The figure's title.

    Returns
    -------
    matplotlib.figure.Figure
        Wordfish: every word as a point (β, its weight on the dimension; ψ, its
        frequency), the ``top`` at each end named with their counts (the "Eiffel
        tower" of Slapin & Proksch 2008). Wordscores: bars of the ``top`` words at
        each end of the scale.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> fig = nk.plot_words(nk.wordfish_words(tok, by="actor"))
    >>> fig.axes[0].get_xlabel()[:4]
    'beta'
    """
    fish = "beta" in words.columns
    _need(words, "plot_words", "term", "beta" if fish else "score")
    value = "beta" if fish else "score"
    ends = pd.concat([words.nsmallest(top, value), words.nlargest(top, value)]).drop_duplicates("term")
    count = "n" if fish else "n_reference"
    with _style():
        fig = Figure(figsize=(SINGLE_COLUMN, 3.4 if fish else 0.2 * len(ends) + 1.5), layout="constrained")
        ax = fig.subplots()
        if fish:
            ax.scatter(words["beta"], words["psi"], s=3, color="#BBBBBB", linewidths=0)
            ax.scatter(ends["beta"], ends["psi"], s=6, color="#0072B2")
            # the named words in a column at each side, in order of beta, so no label hides another
            for side, rows, x in (
                (-1, words.nsmallest(top, "beta"), 0.02),
                (1, words.nlargest(top, "beta"), 0.98),
            ):
                for k, row in enumerate(rows.to_dict("records")):
                    ax.text(
                        x,
                        0.97 - k * 0.9 / max(top, 1),
                        f"{display_label(row['term'])} ({int(row['n'])})",
                        transform=ax.transAxes,
                        fontsize=7,
                        ha="left" if side < 0 else "right",
                        va="top",
                        color="#0072B2",
                    )
            low, high = float(words["beta"].min()), float(words["beta"].max())
            ax.set_xlim(low - 0.8 * (high - low), high + 0.8 * (high - low))  # room for the two columns
            ax.set_xlabel("beta (the word's weight on the dimension)")
            ax.set_ylabel("psi (the word's fixed effect: frequency)")
        else:
            rows = ends.sort_values(value)
            y = np.arange(len(rows))
            ax.barh(y, rows[value], color=np.where(rows[value] < 0, "#D55E00", "#0072B2"), height=0.7)
            ax.set_yticks(
                y, [f"{display_label(t)} ({n:,.0f})" for t, n in zip(rows["term"], rows[count], strict=True)]
            )
            ax.set_xlabel("word score\n(the mean reference score of its uses)")
        direction = words.attrs.get("dir")
        what = "Wordfish" if fish else "Wordscores"
        default = f"The words at each end of the {what} scale" + (
            f" ({direction[0]} low, {direction[1]} high)" if direction else ""
        )
        fig.suptitle(_wrapped(title or default, fig))
        _source(
            fig,
            words,
            f"N = {len(words):,} words; labels: their count" + ("" if fish else " in the reference texts"),
        )
    return fig
