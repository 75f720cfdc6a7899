"""Result tables: every analysis of the tokens table.

The fourth stage. Each function takes the tokens table first, groups with ``by=`` and
returns a DataFrame that carries the counts behind its statistics. The shared counting
helpers are in :mod:`.counting`, the argument checks in :mod:`._checks`.
"""

from .collocations import collocates, collocations
from .dispersion import dispersion
from .diversity import lexical_diversity
from .frequencies import ngrams, term_frequencies
from .keyness import keyness, keyness_summary
from .kwic import Concordance, kwic, kwic_explorer
from .lexicons import lexicon_counts, lexicon_matches, read_lexicon
from .logodds import log_odds
from .names_eval import evaluate_names, name_scores
from .similarity import similarity
from .summary import largest_groups, voice_summary
from .trends import trends
from .wordfish import wordfish
from .wordscores import wordscores

__all__ = [
    "Concordance",
    "collocates",
    "collocations",
    "dispersion",
    "evaluate_names",
    "keyness",
    "keyness_summary",
    "kwic",
    "kwic_explorer",
    "largest_groups",
    "lexical_diversity",
    "lexicon_counts",
    "lexicon_matches",
    "log_odds",
    "name_scores",
    "ngrams",
    "read_lexicon",
    "similarity",
    "term_frequencies",
    "trends",
    "voice_summary",
    "wordfish",
    "wordscores",
]
