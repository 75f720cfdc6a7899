"""Plots with one look: each function takes a result table and returns a Figure.

Nothing here writes a file (:func:`nkresearch.save_figure` does) or touches pyplot's
global state: figures are built as :class:`matplotlib.figure.Figure` objects, which
a notebook shows when they are the cell's value. Every actor has one colour
everywhere (``resources/actors.csv``: the Okabe-Ito palette, safe for colour-blind
readers); titles say what is compared, axes carry units, and counts (n, N) are on
the figure.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..analysis.core.evidence import FEW_USES, THIN_WORDS
from ..analysis.core.options import renamed
from ..analysis.core.patterns import Matcher, Pattern, compile_pattern
from ..analysis.core.results import group_column
from ..errors import NKResearchError
from .style import (
    KIND_COLORS,
    SINGLE_COLUMN,
    _need,
    _source,
    _style,
    _wrapped,
    actor_colors,
    display_label,
    empty_as_note,
    pattern_for_reader,
    rate_label,
)

#: association scores drawn as dots from the lowest score, not as bars from 0
_SCORES = frozenset({"logdice", "mi", "mi3", "t"})


def _bar_panels(
    table: pd.DataFrame, *, by: str, value: str, label: str, top: int, wide: bool = False
) -> tuple[Figure, list[tuple[Axes, str, pd.DataFrame, np.ndarray]]]:
    """Small multiples: one panel of ranked horizontal bars (or dots, for scores) per group.

    Returns the figure and, per group, its axes, name, top rows and bar positions;
    each bar is labelled with the raw count ``n`` or ``o`` of its row and, when the
    table has them, the documents it comes from ("12 · 3 docs"). Across the figures,
    brackets hold raw counts and documents are spelled out.
    """
    groups = list(dict.fromkeys(table[by].astype(str)))
    colors = actor_colors(groups)
    count = "n" if "n" in table.columns else "o"
    # one column of panels, a column wide (legible at a journal's single-column width), or
    # with `wide` up to three across the width of a page (two columns, 7.2 in)
    cols = min(len(groups), 3) if wide else 1
    rows = int(np.ceil(len(groups) / cols))
    width = 2 * SINGLE_COLUMN + 0.2 if wide else SINGLE_COLUMN
    fig = Figure(figsize=(width, (0.15 * top + 0.75) * rows + 0.5), layout="constrained")
    axes = fig.subplots(rows, cols, squeeze=False)
    # scores that are not amounts (logDice lies near 14, MI and t around 0) are dots on an axis
    # that starts near the lowest score, so that their differences show; amounts are bars from 0
    dots = value in _SCORES
    low = float(np.floor(table[value].min())) - 0.5 if dots and len(table) else 0.0
    panels = []
    for ax, group in zip(axes.flat, groups, strict=False):
        sub = (
            table[table[by].astype(str) == group]
            .sort_values([value, label], ascending=[False, True])
            .head(top)
        )
        y = np.arange(len(sub))[::-1] + (top - len(sub))  # every panel keeps `top` slots
        if dots:
            ax.hlines(y, low, sub[value], color=colors[group], linewidth=0.8)
            ax.plot(sub[value], y, "o", color=colors[group], markersize=3.5)
            ax.set_xlim(left=low)
        else:
            ax.barh(y, sub[value], color=colors[group], height=0.7)
        ax.set_ylim(-0.6, top - 0.4)
        ax.set_yticks(y, [display_label(t) for t in sub[label]])
        ends = sub["ci_high"] if "ci_high" in sub.columns else sub[value]  # the label clears the interval
        docs = sub["docs"] if "docs" in sub.columns else [None] * len(sub)
        for yi, v, k, d in zip(y, ends, sub[count], docs, strict=True):
            docs_note = "" if d is None else f" · {d} doc{'' if d == 1 else 's'}"
            ax.text(v, yi, f" {k}{docs_note}", va="center", fontsize=7, color="#333333")
        ax.grid(axis="y", visible=False)
        panels.append((ax, group, sub, y))
    for ax in list(axes.flat)[len(groups) :]:
        fig.delaxes(ax)  # an empty cell of the grid: no axes, no stray ticks
    return fig, panels


@empty_as_note
def plot_frequencies(
    freq: pd.DataFrame, *, top: int = 10, title: str | None = None, wide: bool = False
) -> Figure:
    """Bar charts of each group's most frequent terms, as rates per 10,000 words.

    Parameters
    ----------
    freq
        The table of :func:`nkresearch.term_frequencies` (its first column is the
        group); confidence intervals are drawn when it has ``ci_low``/``ci_high``.
    top
        Terms per group.
    title
        The figure's title (default: says what is compared).
    wide
        Panels up to three across a page's width (7.2 in) instead of stacked in
        one column (3.5 in).

    Returns
    -------
    matplotlib.figure.Figure
        One panel per group, titled with the group's word count (N); each bar
        is labelled with its raw count n and the documents it comes from.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> fig = nk.plot_frequencies(nk.term_frequencies(tok, by="actor"), top=8)
    >>> sum(ax.get_visible() for ax in fig.axes)
    5
    """
    _need(freq, "plot_frequencies", "term", "n", "N", "rank")
    freq, by = group_column(freq, "plot_frequencies")
    rate = next(c for c in freq.columns if c.startswith("per_"))
    with _style():
        fig, panels = _bar_panels(freq, by=by, value=rate, label="term", top=top, wide=wide)
        for ax, group, sub, y in panels:
            if {"ci_low", "ci_high"} <= set(sub.columns):
                ax.errorbar(
                    sub[rate],
                    y,
                    xerr=[sub[rate] - sub["ci_low"], sub["ci_high"] - sub[rate]],
                    fmt="none",
                    ecolor="#333333",
                    elinewidth=0.6,
                    capsize=1.5,
                )
            words = int(sub["N"].iloc[0])
            ax.set_title(f"{group}\n(N = {words:,} words{'*' if words < THIN_WORDS else ''})")
            ax.set_xlabel(rate.replace("per_", "per ").replace("10k", "10,000") + " words")
        counts = "raw counts n · documents" if "docs" in freq.columns else "raw counts n"
        fig.suptitle(_wrapped(title or f"Most frequent words by {by} (bar labels: {counts})", fig))
        thin = freq.groupby(by, observed=True)["N"].first().lt(THIN_WORDS).any()
        _source(fig, freq, f"* fewer than {THIN_WORDS:,} words" if thin else "")
    return fig


@empty_as_note
def plot_keyness(key: pd.DataFrame, *, top: int = 12, title: str | None = None) -> Figure:
    """Diverging bars of log ratio: the target's keywords right, the reference's left.

    Like quanteda's ``textplot_keyness``. Bars of terms whose expected frequency is
    below 5 (G² unreliable) are drawn lighter and hatched.

    Parameters
    ----------
    key
        The table of :func:`nkresearch.keyness` (against a group or ``"rest"``).
    top
        Terms on each side.
    title
        The figure's title (default: target vs reference).

    Returns
    -------
    matplotlib.figure.Figure
        Each bar labelled ``n_target/n_reference``; the legend gives N of each side.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> fig = nk.plot_keyness(nk.keyness(tok, target="Baku"))
    >>> fig.axes[0].get_xlabel()[:9]
    'log ratio'
    """
    _need(key, "plot_keyness", "term", "log_ratio", "n_target")
    target = str(key.attrs.get("target", "target"))
    reference = str(key.attrs.get("reference", "reference"))
    english = "n_reference" not in key.columns
    pos = key[key["log_ratio"] > 0].sort_values(["log_ratio", "term"], ascending=[False, True]).head(top)
    neg = (
        key[key["log_ratio"] < 0]
        .sort_values(["log_ratio", "term"], ascending=[True, True])
        .head(0 if english else top)
    )
    show = pd.concat([pos.iloc[::-1], neg])
    colors = actor_colors([target, reference])
    with _style():
        fig = Figure(figsize=(SINGLE_COLUMN, 0.2 * len(show) + 1.5), layout="constrained")
        ax = fig.subplots()
        y = np.arange(len(show))[::-1]
        for yi, row in zip(y, show.to_dict("records"), strict=True):
            is_target = row["log_ratio"] > 0
            weak = bool(row.get("low_expected", False))
            ax.barh(
                yi,
                row["log_ratio"],
                color=colors[target] if is_target else "#999999",
                alpha=0.45 if weak else 1.0,
                hatch="///" if weak else None,
                height=0.7,
                edgecolor="white",
            )
            label = f"{row['n_target']}" if english else f"{row['n_target']}/{row['n_reference']}"
            ax.text(
                0,
                yi,
                f" {display_label(row['term'])} ({label}) "
                if is_target
                else f" ({label}) {display_label(row['term'])} ",
                ha="right" if is_target else "left",
                va="center",
                fontsize=7,
            )
        ax.axvline(0, color="#333333", linewidth=0.6)
        ax.set_yticks([])
        ax.set_xlabel("log ratio (log2 of the ratio of relative\nfrequencies; +1 = twice as frequent)")
        n_t = int(key["N_target"].iloc[0])
        against = (
            "general English" if english else f"{reference} (grey, N = {int(key['N_reference'].iloc[0]):,})"
        )
        default = f"Keywords of {target} (N = {n_t:,} words) against {against}; labels: n_target/n_reference"
        fig.suptitle(_wrapped(title or default, fig))
        _source(fig, key, "" if english else "hatched: expected < 5, G² unreliable")
    return fig


@empty_as_note
def plot_collocates(
    col: pd.DataFrame,
    *,
    measure: str = "logdice",
    top: int = 10,
    title: str | None = None,
    wide: bool = False,
) -> Figure:
    """Bars of each group's strongest collocates of a node word.

    Parameters
    ----------
    col
        The table of :func:`nkresearch.collocates`.
    measure
        The column to rank and draw: ``logdice``, ``mi``, ``mi3``, ``t``, ``o``...
    top
        Collocates per group.
    title
        The figure's title (default: names the node and the window).
    wide
        Panels up to three across a page's width (7.2 in) instead of stacked in
        one column (3.5 in).

    Returns
    -------
    matplotlib.figure.Figure
        One panel per group; each bar (or dot, for a score) labelled with its
        co-occurrence count o and the documents it comes from.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> fig = nk.plot_collocates(nk.collocates(tok, "negotiat*"))
    >>> len(fig.axes) >= 2
    True
    """
    _need(col, "plot_collocates", "collocate", "o", measure)
    col, by = group_column(col, "plot_collocates")
    node, window = col.attrs["pattern"], col.attrs["window"]
    with _style():
        fig, panels = _bar_panels(col, by=by, value=measure, label="collocate", top=top, wide=wide)
        for ax, group, sub, _ in panels:
            ax.set_title(f"{group}\n(node f = {int(sub['f_node'].iloc[0])}, N = {int(sub['N'].iloc[0]):,})")
            ax.set_xlabel(measure)
        shown = pattern_for_reader(node, col.attrs.get("forms"))
        labels = "o · documents" if "docs" in col.columns else "o"
        default = (
            f"Collocates of '{shown}' by {by}, window {window[0]} left / {window[1]} right (labels: {labels})"
        )
        fig.suptitle(_wrapped(title or default, fig))
        _source(fig, col)
    return fig


@renamed(terms="pattern", parts="by")
def plot_dispersion(
    table: pd.DataFrame, pattern: Pattern | None = None, *, by: str = "doc_id", title: str | None = None
) -> Figure:
    """How evenly terms are spread: the table of :func:`nkresearch.dispersion`, or a barcode of the tokens.

    Given the table of :func:`nkresearch.dispersion`, one bar per term: Gries' DPnorm
    over the parts (0: even, 1: all in one part), labelled with its frequency and the
    parts it occurs in. Given the tokens table and a pattern, a barcode per item:
    where in the corpus each occurrence falls (quanteda's x-ray plot).

    Parameters
    ----------
    table
        The table of :func:`nkresearch.dispersion`, or the tokens table of
        :func:`nkresearch.tokenize` (then with ``pattern``).
    pattern
        With the tokens table: a word, glob, phrase or regex, or a list of them,
        matched on ``norm``: one row per item (:mod:`nkresearch.analysis.core.patterns`);
        ``terms=`` is its old name.
    by
        With the tokens table: the column whose values are laid end to end along the
        x axis (documents by default), with a line at each boundary; ``parts=`` is its old name.
    title
        The figure's title.

    Returns
    -------
    matplotlib.figure.Figure
        The bars of DPnorm; or one row per term (labelled with its frequency f), the
        x axis the position in the corpus, in words.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> fig = nk.plot_dispersion(nk.dispersion(tok, ["karabakh", "artsakh"]))
    >>> fig.axes[0].get_xlabel()[:7]
    'DPnorm '
    >>> fig = nk.plot_dispersion(tok, ["karabakh", "artsakh"])
    >>> len(fig.axes)
    1
    """
    if table.attrs.get("analysis") == "dispersion":
        return _dispersion_measures(table, title=title)
    if pattern is None:
        raise NKResearchError(
            "plot_dispersion: pass the table of nk.dispersion(), or the tokens table with a pattern."
        )
    tokens = table
    items = compile_pattern(pattern, func="plot_dispersion")
    _need(tokens, "plot_dispersion", by, "doc_id", "tok_id", "norm", "is_punct")
    ordered = tokens.sort_values([by, "doc_id", "tok_id"], kind="stable").reset_index(drop=True)
    word = ~ordered["is_punct"].to_numpy(bool)
    word_at = np.cumsum(word) - 1
    matcher = Matcher(ordered, "norm")
    found = []
    for item in items:
        first, _ = matcher.spans([item])
        found.append(word_at[first[word[first]]])
    forms = matcher.forms(items)
    n_words = int(word.sum())
    part = ordered[by].astype(str).to_numpy()[word]
    boundaries = np.flatnonzero(part[1:] != part[:-1]) + 1
    starts = np.concatenate([[0], boundaries])
    with _style():
        fig = Figure(figsize=(SINGLE_COLUMN, 0.3 * len(items) + 2.4), layout="constrained")
        ax = fig.subplots()
        for row, x in enumerate(found):
            ax.vlines(x, row - 0.38, row + 0.38, color="#0072B2", linewidth=0.8)
        for b in boundaries:
            ax.axvline(float(b), color="#999999", linewidth=0.5)
        ax.set_yticks(
            range(len(items)),
            [
                f"{pattern_for_reader(it.label, forms)} (f = {len(x)})"
                for it, x in zip(items, found, strict=True)
            ],
        )
        ax.set_ylim(len(items) - 0.5, -0.5)
        ax.set_xlim(0, n_words)
        ax.set_xlabel("position in the corpus (words)")
        sec = ax.secondary_xaxis("top")
        ends = np.concatenate([boundaries, [n_words]])
        # a part too narrow for its label (about 0.14 in at 7 pt, set vertically) goes unlabelled
        wide = (ends - starts) / n_words * fig.get_figwidth() * 0.85 >= 0.14
        sec.set_xticks(
            ((starts + ends) / 2)[wide], [p[:18] for p in part[starts][wide]], fontsize=7, rotation=90
        )
        ax.grid(False)
        fig.suptitle(_wrapped(title or "Where the terms occur", fig))
        _source(fig, tokens, f"{by} in order, boundaries marked")
    return fig


@empty_as_note
def plot_lexicon(counts: pd.DataFrame, *, value: str = "per_10k", title: str | None = None) -> Figure:
    """Heatmap of groups x lexicon categories, each cell labelled with rate and count.

    Parameters
    ----------
    counts
        The table of :func:`nkresearch.lexicon_counts` with ``count_by="category"``
        (rows: categories) or ``count_by="canonical"`` (rows: canonical names, each
        counted in every language). Grouped by several columns (``["language",
        "actor"]``), a column per combination (``ru | Baku``).
    value
        The column coloured: ``per_10k`` (default) or ``n``.
    title
        The figure's title.

    Returns
    -------
    matplotlib.figure.Figure
        Rows are categories, columns groups (with N words and their documents;
        ``*``: fewer than 1,000 words or one document); a cell reads ``rate``
        over ``(n)``, ``–`` where there is no use, grey italics where there are
        fewer than 5 uses. A column wide up to about eight groups.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> fig = nk.plot_lexicon(nk.lexicon_counts(tok, nk.read_lexicon("frames"), by="actor"))
    >>> fig.get_suptitle()[:7]
    'Lexicon'
    """
    _need(counts, "plot_lexicon", "category", "n", "N", value)
    counts, by = group_column(counts, "plot_lexicon")
    rows = (
        "canonical"
        if counts.attrs.get("count_by") == "canonical" and "canonical" in counts.columns
        else "category"
    )
    counts = counts.assign(category=counts[rows].map(display_label))
    # categories down, groups across: a column wide for up to about eight groups, wider beyond
    grid = counts.pivot_table(index="category", columns=by, values=value, aggfunc="sum", sort=False).fillna(0)
    n = counts.pivot_table(index="category", columns=by, values="n", aggfunc="sum", sort=False).fillna(0)
    sizes = counts.groupby(by)["N"].first()
    docs = counts.groupby(by)["docs_group"].first() if "docs_group" in counts.columns else None
    with _style():
        width = max(SINGLE_COLUMN, 1.6 + 0.36 * grid.shape[1])
        longest = max((len(str(g)) for g in grid.columns), default=0) + 22  # "(N = 12,345, 12 doc.)*"
        fig = Figure(figsize=(width, 0.3 * grid.shape[0] + 1.3 + 0.055 * longest), layout="constrained")
        ax = fig.subplots()
        ax.imshow(grid.to_numpy(float), cmap="Blues", aspect="auto")
        ax.set_yticks(range(grid.shape[0]), [textwrap.fill(str(c), 24) for c in grid.index])
        # a column resting on fewer than THIN_WORDS words, or on one document, is starred
        thin = [int(sizes[g]) < THIN_WORDS or (docs is not None and int(docs[g]) < 2) for g in grid.columns]
        labels = [
            f"{g} (N = {int(sizes[g]):,}" + ("" if docs is None else f", {int(docs[g])} doc.") + ")" + "*" * t
            for g, t in zip(grid.columns, thin, strict=True)
        ]
        ax.set_xticks(range(grid.shape[1]), labels, rotation=90)
        high = np.nanmax(grid.to_numpy(float)) if grid.size else 0
        values, counts_n = grid.to_numpy(float), n.to_numpy(float)
        for i in range(grid.shape[0]):
            for j in range(grid.shape[1]):
                v, uses = float(values[i, j]), int(counts_n[i, j])
                label = "–" if uses == 0 else (f"{rate_label(v)}\n({uses})" if value != "n" else f"{int(v)}")
                few = 0 < uses < FEW_USES  # a rate resting on a handful of uses: grey, italic
                ax.text(
                    j,
                    i,
                    label,
                    ha="center",
                    va="center",
                    fontsize=7,
                    style="italic" if few else "normal",
                    color="white" if v > high * 0.6 else ("#888888" if few or uses == 0 else "#222222"),
                )
        ax.grid(False)
        ax.tick_params(axis="x", top=True, bottom=False, labeltop=True, labelbottom=False)
        unit = "rate per 10,000 words (count n); darker: higher" if value == "per_10k" else value
        what = "Names (canonical, in any language)" if rows == "canonical" else "Lexicon categories"
        fig.suptitle(_wrapped(title or f"{what} by {by}: {unit}", fig))
        notes = [f"* fewer than {THIN_WORDS:,} words or one document"] if any(thin) else []
        notes += (
            [f"grey italics: fewer than {FEW_USES} uses"] if ((n > 0) & (n < FEW_USES)).any().any() else []
        )
        _source(fig, counts, "; ".join(notes))
    return fig


@empty_as_note
def plot_voices(summary: pd.DataFrame, *, value: str = "words", title: str | None = None) -> Figure:
    """Stacked bars: how many words each group (actor, outlet, ...) has, by kind of passage.

    Parameters
    ----------
    summary
        The table of :func:`nkresearch.voice_summary` whose ``by`` holds ``kind``
        (the default ``("actor", "kind")``, or ``["outlet", "kind"]``...): one bar per
        value of the other columns, stacked by kind.
    value
        The column to stack: ``words`` (default) or ``tokens``.
    title
        The figure's title.

    Returns
    -------
    matplotlib.figure.Figure
        One bar per actor, labelled with its total; one colour per kind (legend).

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> fig = nk.plot_voices(nk.voice_summary(tok))
    >>> fig.axes[0].get_xlabel()
    'words (tokens that are not punctuation)'
    """
    _need(summary, "plot_voices", "kind", value)
    summary, by = group_column(summary, "plot_voices", skip=("kind",))
    table = summary.pivot_table(
        index=by, columns="kind", values=value, aggfunc="sum", fill_value=0, observed=True
    )
    table = table.loc[table.sum(axis=1).sort_values().index]
    kinds = [k for k in KIND_COLORS if k in table.columns] + [
        k for k in table.columns if k not in KIND_COLORS
    ]
    with _style():
        fig = Figure(figsize=(SINGLE_COLUMN, 0.3 * len(table) + 1.6), layout="constrained")
        ax = fig.subplots()
        left = np.zeros(len(table))
        y = np.arange(len(table))
        for kind in kinds:
            width = table[kind].to_numpy(float)
            ax.barh(
                y, width, left=left, color=KIND_COLORS.get(str(kind), "#777777"), label=str(kind), height=0.7
            )
            left += width
        for yi, total in zip(y, left, strict=True):
            ax.text(float(total), float(yi), f" {int(total):,}", va="center", fontsize=7)
        ax.set_yticks(y, [str(a) for a in table.index])
        ax.set_xlabel("words (tokens that are not punctuation)" if value == "words" else value)
        ax.grid(axis="y", visible=False)
        ax.legend(loc="lower right", fontsize=7, frameon=False, title="kind of passage", title_fontsize=7)
        fig.suptitle(_wrapped(title or f"Who speaks: words per {by} and kind of passage", fig))
        _source(fig, summary)
    return fig


def _dispersion_measures(table: pd.DataFrame, *, title: str | None = None) -> Figure:
    """The table of :func:`nkresearch.dispersion`: one bar of DPnorm per term (0 even, 1 in one part)."""
    _need(table, "plot_dispersion", "term", "f", "range", "parts", "DPnorm")
    rows = table.sort_values(["DPnorm", "term"], ascending=[False, True], na_position="first")
    parts = " and ".join(table.attrs.get("by", ["doc_id"]))
    with _style():
        fig = Figure(figsize=(SINGLE_COLUMN, 0.25 * len(rows) + 1.4), layout="constrained")
        ax = fig.subplots()
        y = np.arange(len(rows))
        ax.barh(y, rows["DPnorm"].fillna(0), color="#0072B2", height=0.7)
        for yi, row in zip(y, rows.to_dict("records"), strict=True):
            ax.text(
                float(np.nan_to_num(row["DPnorm"])),
                float(yi),
                f" (f = {row['f']}, in {row['range']}/{row['parts']})",
                va="center",
                fontsize=7,
            )
        ax.set_yticks(y, [pattern_for_reader(t, table.attrs.get("forms")) for t in rows["term"]])
        ax.set_xlim(0, 1.6)
        ax.set_xlabel(f"DPnorm over the values of {parts}\n(0: even, 1: all in one part)")
        fig.suptitle(_wrapped(title or f"Dispersion of the terms over {parts}", fig))
        _source(fig, table, "Gries 2008, Lijffijt & Gries 2012; labels: f, parts with the term / parts")
    return fig
