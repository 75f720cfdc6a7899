"""The one look of every figure: the style, a colour per actor and per kind, the source line.

Every actor has one colour everywhere (``resources/actors.csv``: the Okabe-Ito
palette, safe for colour-blind readers); other groups take the fallback palette in
order; each kind of passage has its own colour.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from functools import cache
from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from ..analysis.core.patterns import readable
from ..errors import NKResearchError
from ..voices.actors import actors_table

#: The package's look, applied while a figure is built.
STYLE: dict[str, Any] = {
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.labelsize": 8,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.5,
    "axes.axisbelow": True,
    "figure.dpi": 100,
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
    "text.parse_math": False,  # corpus words and group names are text: "$x^2$" is not math
}
#: Colours for groups that are not actors (years, kinds...): Okabe-Ito, then greys.
FALLBACK = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
SINGLE_COLUMN = 3.5  # inches: a journal's single column


@cache
def _phrases() -> dict[str, str]:
    from ..tokens.tokenizer import read_mwe

    labels: dict[str, str] = {}
    for norm, phrase in zip(read_mwe()["norm"], read_mwe()["phrase"], strict=True):
        labels.setdefault(norm, phrase)  # the list writes a name's full form first
    return labels


def rate_label(rate: float) -> str:
    """A rate as a figure or a sentence prints it: whole from 10 up, two significant digits below.

    A nonzero rate never prints as 0 (two uses in a large group are 0.046 per 10,000
    words, not 0).

    >>> rate_label(123.4), rate_label(3.44), rate_label(0.0456), rate_label(0.0)
    ('123', '3.4', '0.046', '0')
    """
    if rate == 0:
        return "0"
    if abs(rate) >= 10:
        return f"{rate:,.0f}"
    return np.format_float_positional(rate, precision=2, unique=False, fractional=False, trim="-")


def display_label(term: object) -> str:
    """How a term is shown to a reader: a multi-word name as written (``minsk_group``: ``OSCE Minsk Group``).

    Examples
    --------
    >>> from nkresearch.plots.style import display_label
    >>> display_label("un_security_council"), display_label("karabakh"), display_label("rule_of_thumb")
    ('UN Security Council', 'karabakh', 'rule of thumb')
    """
    text = str(term)
    return _phrases().get(text, text.replace("_", " "))


def pattern_for_reader(label: object, forms: dict[str, list[str]] | None = None) -> str:
    """A term or a pattern as a reader reads it: never a glob or a regex, a joined name as written.

    ``forms`` are the forms each wildcard matched (``attrs["forms"]`` of the table);
    see :func:`nkresearch.analysis.core.patterns.readable`.

    >>> pattern_for_reader("nagorn?-karabakh", {"nagorn?-karabakh": ["nagorno-karabakh", "nagorny-karabakh"]})
    'nagorno-karabakh/nagorny-karabakh'
    >>> pattern_for_reader("minsk_group")
    'OSCE Minsk Group'
    """
    text = readable(str(label), forms)
    return display_label(text) if text == str(label) else text


def _style() -> AbstractContextManager[None]:
    return mpl.rc_context(STYLE)  # type: ignore[arg-type]


def actor_colors(groups: Iterable[object] | None = None) -> dict[str, str]:
    """One colour per actor (and per other group value), the same in every figure.

    Parameters
    ----------
    groups
        Group values to colour; actors get their colour from ``resources/actors.csv``,
        other values the fallback palette in order. Default: all known actors.

    Returns
    -------
    dict
        Group value (as text) to hex colour.

    Examples
    --------
    >>> import nkresearch as nk
    >>> nk.actor_colors(["Baku", "Moscow"])
    {'Baku': '#0072B2', 'Moscow': '#CC79A7'}
    """
    known = dict(zip(actors_table()["actor"], actors_table()["color"], strict=True))
    if groups is None:
        return known
    out: dict[str, str] = {}
    k = 0
    for g in groups:
        g = str(g)
        if g in known:
            out[g] = known[g]
        else:
            out[g] = FALLBACK[k % len(FALLBACK)]
            k += 1
    return out


def _source(fig: Figure, table: pd.DataFrame, extra: str = "") -> None:
    """Write the source line at the foot of the figure, in a strip kept free of axes."""
    corpus = table.attrs.get("corpus", {}).get("name")
    parts = [f"Corpus: {corpus}" if corpus else "", extra, "made with nkresearch"]
    line = textwrap.fill(" · ".join(p for p in parts if p), int(fig.get_figwidth() * 72 / (0.55 * 7)))
    strip = (0.06 + 0.14 * (line.count("\n") + 1)) / fig.get_figheight()
    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        engine.set(rect=(0, strip, 1, 1 - strip))
    fig.text(
        0.99,
        0.03 / fig.get_figheight(),
        line,
        fontsize=7,
        color="#666666",
        ha="right",
        va="bottom",
    )


def empty_as_note(plot: Callable[..., Figure]) -> Callable[..., Figure]:
    """A plot of a table with no row is a small figure saying so, not an error.

    An analysis can rightly find nothing (no collocate reaches ``min_freq`` in a small
    corpus); the notebook and the report then show a figure that says it.
    """

    @functools.wraps(plot)
    def draw(table: pd.DataFrame, *args: Any, **options: Any) -> Figure:
        if not isinstance(table, pd.DataFrame) or len(table):
            return plot(table, *args, **options)
        with _style():
            fig = Figure(figsize=(SINGLE_COLUMN, 1.3), layout="constrained")
            title = options.get("title") or f"{plot.__name__}: nothing to show"
            fig.suptitle(title, fontsize=9)
            fig.text(
                0.5,
                0.5,
                "The table has no row: nothing reached the thresholds asked for.",
                ha="center",
                va="center",
            )
            _source(fig, table)
        return fig

    return draw


def _wrapped(title: str, fig: Figure, *, size: float = 9) -> str:
    """A title broken into lines that fit the figure's width (about 0.55 em per character)."""
    return textwrap.fill(title, max(20, int(fig.get_figwidth() * 72 / (0.55 * size))))


def text_problems(fig: Figure, *, min_size: float = 7.0) -> list[str]:
    """Text of a figure that a reader would lose: outside the canvas, overlapping, or too small.

    The figure is laid out as it will be saved; each text's extent (tick labels only
    where their tick is drawn) is checked against the canvas and every other text.

    Parameters
    ----------
    fig
        A figure of a ``plot_*`` function.
    min_size
        The smallest font size, in points at the figure's own size.

    Returns
    -------
    list of str
        One line per problem (empty: nothing is lost).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    FigureCanvasAgg(fig)
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    ticks, drawn = set(), []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            for loc, label in zip(axis.get_majorticklocs(), axis.get_majorticklabels(), strict=False):
                ticks.add(id(label))
                if low - 1e-9 <= loc <= high + 1e-9:
                    drawn.append(label)
    texts = [t for t in fig.findobj(Text) if id(t) not in ticks] + drawn  # tick labels only if drawn
    texts = [t for t in texts if t.get_visible() and t.get_text().strip()]
    boxes = [(t, t.get_window_extent(renderer)) for t in texts]
    problems = []
    width, height = fig.bbox.width, fig.bbox.height
    for t, box in boxes:
        name = repr(t.get_text()[:40])
        if box.x0 < -1 or box.y0 < -1 or box.x1 > width + 1 or box.y1 > height + 1:
            problems.append(f"{name} runs off the canvas")
        if float(t.get_fontsize()) < min_size:
            problems.append(f"{name} is set in {t.get_fontsize():g} pt")
    for i, (t, box) in enumerate(boxes):
        for u, other in boxes[i + 1 :]:
            overlap_x = min(box.x1, other.x1) - max(box.x0, other.x0)
            overlap_y = min(box.y1, other.y1) - max(box.y0, other.y0)
            if overlap_x > 1 and overlap_y > 1:
                problems.append(f"{t.get_text()[:30]!r} overlaps {u.get_text()[:30]!r}")
    return problems


def _need(table: pd.DataFrame, func: str, *columns: str) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing or len(table) == 0:
        raise NKResearchError(
            f"{func}: the table is empty or lacks {missing}; pass the result of the matching analysis."
        )


#: One colour per kind of passage, the same in every figure.
KIND_COLORS = {
    "statement": "#332288",
    "quote": "#117733",
    "paraphrase": "#44AA99",
    "narration": "#88CCEE",
    "headline": "#DDCC77",
    "caption": "#CC6677",
    "comment": "#AA4499",
    "byline": "#BBBBBB",
}
