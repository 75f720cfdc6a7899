"""The report: the notebook series run for a corpus, and the sentences it writes from the numbers.

The last stage: :mod:`.build` runs the notebooks (for the bundled corpus or a user's
folder) and writes the pages; :mod:`.page` writes the self-contained index page for an
editor; :mod:`.explorer` writes the interactive explorer page of each corpus;
:func:`describe` (:mod:`.grammar`) writes the sentences of any result table;
:mod:`.prose`, :mod:`.terms` and :mod:`.comparison` (for the comparison statistics) turn result tables
into sentences, so every number a reader sees in the text comes from the table beside it.
"""

from .build import build_report, list_notebooks, read_notebook_info
from .comparison import describe_log_odds, describe_positions, describe_similarity, describe_trends
from .explorer import explorer
from .grammar import DESCRIBERS, describe
from .languages import describe_names_by_language
from .prose import (
    Prose,
    describe_cleaning,
    describe_collocates,
    describe_frequencies,
    describe_keyness,
    describe_lexicon,
    describe_voices,
)
from .terms import (
    describe_collocations,
    describe_dispersion,
    describe_diversity,
    describe_keyness_summary,
    describe_kwic,
    describe_lexicon_matches,
    describe_ngrams,
    describe_words,
)

__all__ = [
    "DESCRIBERS",
    "Prose",
    "build_report",
    "describe",
    "describe_cleaning",
    "describe_collocates",
    "describe_collocations",
    "describe_dispersion",
    "describe_diversity",
    "describe_frequencies",
    "describe_keyness",
    "describe_keyness_summary",
    "describe_kwic",
    "describe_lexicon",
    "describe_lexicon_matches",
    "describe_log_odds",
    "describe_names_by_language",
    "describe_ngrams",
    "describe_positions",
    "describe_similarity",
    "describe_trends",
    "describe_voices",
    "describe_words",
    "explorer",
    "list_notebooks",
    "read_notebook_info",
]
