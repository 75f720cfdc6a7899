"""Figures: one look for every chart, and the one place that writes them.

The fifth stage: the ``plot_*`` functions of :mod:`.charts`, :mod:`.compare` and :mod:`.trends` draw
result tables in the look of :mod:`.style`; :func:`save_figure` (:mod:`.save`) writes
PNG, SVG and PDF, byte-identical on every run.
"""

from .charts import (
    plot_collocates,
    plot_dispersion,
    plot_frequencies,
    plot_keyness,
    plot_lexicon,
    plot_voices,
)
from .compare import plot_log_odds, plot_positions, plot_similarity
from .save import figure_name, save_figure
from .style import actor_colors
from .trends import plot_term_trends, plot_trends

__all__ = [
    "actor_colors",
    "figure_name",
    "plot_collocates",
    "plot_dispersion",
    "plot_frequencies",
    "plot_keyness",
    "plot_lexicon",
    "plot_log_odds",
    "plot_positions",
    "plot_similarity",
    "plot_term_trends",
    "plot_trends",
    "plot_voices",
    "save_figure",
]
