"""Figures: one look for every chart, and the one place that writes them.

The fifth stage: :func:`plot` (:mod:`.grammar`) draws any result table with the figure
of the analysis that made it; the ``plot_*`` functions of :mod:`.charts`, :mod:`.terms`,
:mod:`.compare` and :mod:`.trends` are those figures, in the look of :mod:`.style`;
:func:`save_figure` (:mod:`.save`) writes PNG, SVG and PDF, byte-identical on every run.
"""

from .charts import (
    plot_collocates,
    plot_dispersion,
    plot_frequencies,
    plot_keyness,
    plot_lexicon,
    plot_voices,
)
from .compare import plot_log_odds, plot_positions, plot_similarity, plot_words
from .grammar import PLOTS, plot
from .save import figure_name, save_figure
from .style import actor_colors
from .terms import (
    plot_collocations,
    plot_diversity,
    plot_keyness_summary,
    plot_kwic,
    plot_lexicon_matches,
    plot_ngrams,
)
from .trends import plot_term_trends, plot_trends

__all__ = [
    "PLOTS",
    "actor_colors",
    "figure_name",
    "plot",
    "plot_collocates",
    "plot_collocations",
    "plot_dispersion",
    "plot_diversity",
    "plot_frequencies",
    "plot_keyness",
    "plot_keyness_summary",
    "plot_kwic",
    "plot_lexicon",
    "plot_lexicon_matches",
    "plot_log_odds",
    "plot_ngrams",
    "plot_positions",
    "plot_similarity",
    "plot_term_trends",
    "plot_trends",
    "plot_voices",
    "plot_words",
    "save_figure",
]
