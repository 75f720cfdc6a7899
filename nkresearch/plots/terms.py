"""Figures of the term tables that :mod:`.charts` does not draw.

N-grams, word pairs, key-term counts, diversity, concordance lines and lexicon matches.

Each takes the table of its analysis (named in ``attrs["analysis"]``), reads its groups
from ``attrs["by"]`` and prints the counts behind what it draws, in the look of :mod:`.style`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..analysis.core.results import group_column
from .charts import _bar_panels
from .style import (
    FALLBACK,
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
def plot_ngrams(
    grams: pd.DataFrame, *, top: int = 10, wide: bool = False, title: str | None = None
) -> Figure:
    """Bars of each group's most frequent n-grams, as a rate, labelled with their counts.

    Parameters
    ----------
    grams
        The table of :func:`nkresearch.ngrams`.
    top
        N-grams per group.
    wide
        Up to three panels across a page's width instead of one column.
    title
        The figure's title (default: names the n and the groups).

    Returns
    -------
    matplotlib.figure.Figure
        One panel per group; each bar labelled with its count and documents.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> fig = nk.plot_ngrams(nk.ngrams(tok, min_freq=2), top=5)
    >>> fig.axes[0].get_xlabel()
    'per 10,000 bigrams'
    """
    _need(grams, "plot_ngrams", "ngram", "n", "N")
    grams, by = group_column(grams, "plot_ngrams")
    rate = next(c for c in grams.columns if c.startswith("per_"))
    n = int(grams.attrs.get("n", 2))
    unit = {2: "bigrams", 3: "trigrams"}.get(n, f"{n}-grams")
    with _style():
        fig, panels = _bar_panels(grams, by=by, value=rate, label="ngram", top=top, wide=wide)
        for ax, group, sub, _ in panels:
            ax.set_title(f"{group} (N = {int(sub['N'].iloc[0]):,} {unit})")
            ax.set_xlabel(f"per {int(grams.attrs.get('per', 10_000)):,} {unit}")
        fig.suptitle(_wrapped(title or f"Most frequent {unit} by {by}", fig))
        _source(fig, grams, "labels: count · documents")
    return fig


@empty_as_note
def plot_collocations(
    pairs: pd.DataFrame, *, top: int = 10, wide: bool = False, title: str | None = None
) -> Figure:
    """Each group's strongest adjacent word pairs by the table's association score.

    Parameters
    ----------
    pairs
        The table of :func:`nkresearch.collocations`.
    top
        Pairs per group.
    wide
        Up to three panels across a page's width instead of one column.
    title
        The figure's title (default: names the measure).

    Returns
    -------
    matplotlib.figure.Figure
        One panel per group; each pair labelled with its count ``n_ii``.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> fig = nk.plot_collocations(nk.collocations(tok, min_freq=3), top=5)
    >>> fig.axes[0].get_xlabel()
    'likelihood ratio'
    """
    _need(pairs, "plot_collocations", "bigram", "score", "n_ii")
    pairs, by = group_column(pairs, "plot_collocations")
    measure = str(pairs.attrs.get("measure", "score")).replace("_", " ")
    shown = pairs.assign(n=pairs["n_ii"])
    with _style():
        fig, panels = _bar_panels(shown, by=by, value="score", label="bigram", top=top, wide=wide)
        for ax, group, sub, _ in panels:
            ax.set_title(f"{group}\n(N = {int(sub['n_xx'].iloc[0]):,} word pairs)")
            ax.set_xlabel(measure)
        fig.suptitle(_wrapped(title or f"Strongest word pairs by {by} ({measure})", fig))
        _source(fig, pairs, "labels: times the pair occurs")
    return fig


@empty_as_note
def plot_keyness_summary(summary: pd.DataFrame, *, title: str | None = None) -> Figure:
    """How many terms are key for each group against the rest, beside the terms tested.

    Parameters
    ----------
    summary
        The table of :func:`nkresearch.keyness_summary`.
    title
        The figure's title.

    Returns
    -------
    matplotlib.figure.Figure
        One bar per group, labelled ``key / tested``; the group's words in its tick label.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> fig = nk.plot_keyness_summary(nk.keyness_summary(tok))
    >>> fig.axes[0].get_xlabel()[:14]
    'key terms: G² '
    """
    _need(summary, "plot_keyness_summary", "terms_tested", "significant_bonferroni", "N_target")
    summary, by = group_column(summary, "plot_keyness_summary")
    rows = summary.sort_values(["significant_bonferroni", by], ascending=[True, False])
    colors = actor_colors(rows[by].astype(str))
    with _style():
        fig = Figure(figsize=(SINGLE_COLUMN, 0.25 * len(rows) + 1.4), layout="constrained")
        ax = fig.subplots()
        y = np.arange(len(rows))
        ax.barh(y, rows["significant_bonferroni"], color=[colors[str(g)] for g in rows[by]], height=0.7)
        for yi, row in zip(y, rows.to_dict("records"), strict=True):
            ax.text(
                float(row["significant_bonferroni"]),
                float(yi),
                f" ({row['significant_bonferroni']}/{row['terms_tested']})",
                va="center",
                fontsize=7,
            )
        ax.set_yticks(
            y,
            [f"{display_label(g)} (N = {int(n):,})" for g, n in zip(rows[by], rows["N_target"], strict=True)],
        )
        alpha = summary.attrs.get("alpha", 0.05)
        ax.set_xlabel(f"key terms: G² significant at {alpha:g}\n(Bonferroni-corrected)")
        ax.margins(x=0.25)
        reference = summary.attrs.get("reference", "rest")
        fig.suptitle(_wrapped(title or f"Key terms of each {by} against the {reference}", fig))
        _source(fig, summary, "labels: key terms / terms tested")
    return fig


@empty_as_note
def plot_diversity(diversity: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Each group's type-token ratio and moving-average type-token ratio (MATTR).

    Parameters
    ----------
    diversity
        The table of :func:`nkresearch.lexical_diversity`.
    title
        The figure's title.

    Returns
    -------
    matplotlib.figure.Figure
        Two dots per group (TTR hollow, MATTR filled); the group's tokens in its tick label.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> fig = nk.plot_diversity(nk.lexical_diversity(tok))
    >>> fig.axes[0].get_xlabel().splitlines()[0]
    'types / tokens'
    """
    _need(diversity, "plot_diversity", "ttr", "mattr", "tokens")
    diversity, by = group_column(diversity, "plot_diversity")
    rows = diversity.sort_values(["mattr", by], ascending=[True, False], na_position="first")
    colors = actor_colors(rows[by].astype(str))
    window = int(diversity.attrs.get("mattr_window", rows["mattr_window"].iloc[0]))
    with _style():
        fig = Figure(figsize=(SINGLE_COLUMN, 0.25 * len(rows) + 1.5), layout="constrained")
        ax = fig.subplots()
        y = np.arange(len(rows))
        color = [colors[str(g)] for g in rows[by]]
        ax.scatter(rows["ttr"], y, facecolors="none", edgecolors=color, s=18, label="TTR")
        ax.scatter(rows["mattr"], y, c=color, s=18, label=f"MATTR ({window}-token windows)")
        ax.set_yticks(
            y, [f"{display_label(g)} (N = {int(n):,})" for g, n in zip(rows[by], rows["tokens"], strict=True)]
        )
        ax.set_xlabel("types / tokens\n(TTR: whole text; MATTR: windows)")
        ax.set_xlim(0, 1)
        legend = ax.legend(fontsize=7, frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2)
        for handle in legend.legend_handles:  # the legend names the marks, not a group's colour
            handle.set_edgecolor("#333333")  # type: ignore[union-attr]
        legend.legend_handles[1].set_facecolor("#333333")  # type: ignore[union-attr]
        fig.suptitle(_wrapped(title or f"Lexical diversity by {by}", fig))
        _source(fig, diversity, "TTR falls as a text grows; compare MATTR across groups")
    return fig


@empty_as_note
def plot_kwic(lines: pd.DataFrame, *, by: str = "actor", title: str | None = None) -> Figure:
    """Where in each document the concordance lines fall: one row per document, a tick per line.

    Parameters
    ----------
    lines
        The table of :func:`nkresearch.kwic`.
    by
        The column of the lines that colours the ticks (a column of the table).
    title
        The figure's title.

    Returns
    -------
    matplotlib.figure.Figure
        x: the line's first character in its document; one row per document (its lines in
        brackets), at most 40 documents, those with the most lines.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> fig = nk.plot_kwic(nk.kwic(tok, "karabakh"))
    >>> fig.axes[0].get_xlabel()[:9]
    'character'
    """
    _need(lines, "plot_kwic", "doc_id", "start", by)
    per_doc = lines["doc_id"].astype(str).value_counts()
    docs = sorted(per_doc.index[:40], key=lambda d: (-per_doc[d], d))
    shown = lines[lines["doc_id"].astype(str).isin(docs)]
    colors = actor_colors(shown[by].astype(str))
    with _style():
        fig = Figure(figsize=(SINGLE_COLUMN, 0.2 * len(docs) + 1.4), layout="constrained")
        ax = fig.subplots()
        row = {d: k for k, d in enumerate(docs[::-1])}
        y = shown["doc_id"].astype(str).map(row)
        ax.scatter(shown["start"], y, marker="|", s=60, c=[colors[str(g)] for g in shown[by]])
        ax.set_yticks(range(len(docs)), [f"{d} ({per_doc[d]})" for d in docs[::-1]])
        ax.set_xlabel("character of the match")
        pattern = pattern_for_reader(lines.attrs.get("pattern", "the pattern"), lines.attrs.get("forms"))
        hidden = len(per_doc) - len(docs)
        more = f"; {hidden} documents with fewer lines not shown" if hidden else ""
        fig.suptitle(
            _wrapped(
                title or f"Where '{pattern}' occurs (n = {len(lines):,} lines in {len(per_doc)} documents)",
                fig,
            )
        )
        _source(fig, lines, f"colour: {by}; labels: lines in the document{more}")
    return fig


@empty_as_note
def plot_lexicon_matches(matches: pd.DataFrame, *, top: int = 15, title: str | None = None) -> Figure:
    """The lexicon's entries found most often, by category.

    Parameters
    ----------
    matches
        The table of :func:`nkresearch.lexicon_matches`.
    top
        Entries shown.
    title
        The figure's title.

    Returns
    -------
    matplotlib.figure.Figure
        One bar per entry, coloured by category, labelled with its matches.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> fig = nk.plot_lexicon_matches(nk.lexicon_matches(tok, nk.read_lexicon("naming")))
    >>> fig.axes[0].get_xlabel()
    'matches'
    """
    _need(matches, "plot_lexicon_matches", "category", "entry")
    counts = matches.groupby(["category", "entry"], observed=True).size().rename("n").reset_index()
    rows = counts.sort_values(["n", "entry"], ascending=[False, True]).head(top).iloc[::-1]
    categories = list(dict.fromkeys(counts.sort_values("n", ascending=False)["category"].astype(str)))
    colors = {c: FALLBACK[k % len(FALLBACK)] for k, c in enumerate(categories)}
    with _style():
        fig = Figure(figsize=(SINGLE_COLUMN, 0.2 * len(rows) + 1.5), layout="constrained")
        ax = fig.subplots()
        y = np.arange(len(rows))
        for category in dict.fromkeys(rows["category"]):
            part = rows["category"] == category
            ax.barh(
                y[part.to_numpy()],
                rows.loc[part, "n"],
                color=colors[str(category)],
                height=0.7,
                label=display_label(category),
            )
        ax.set_yticks(y, [f"{display_label(e)} ({n})" for e, n in zip(rows["entry"], rows["n"], strict=True)])
        ax.set_xlabel("matches")
        ax.legend(fontsize=7, frameon=False, loc="lower right")
        fig.suptitle(
            _wrapped(title or f"The lexicon's most frequent entries (n = {len(matches):,} matches)", fig)
        )
        _source(fig, matches, "labels: matches")
    return fig
