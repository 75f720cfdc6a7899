"""Result tables: every analysis of the tokens table.

The fourth stage. Each function takes the tokens table first, groups with ``by=`` and
returns a DataFrame that carries the counts behind its statistics. Four sub-packages,
imported one way: :mod:`.core` (counting, groups, patterns, options, checks) ->
:mod:`.measures` (every formula, once, on arrays) -> :mod:`.terms` (the analyses of
terms) and :mod:`.models` (the comparison models).
"""

from .models.logodds import log_odds
from .models.similarity import similarity
from .models.trends import trends
from .models.wordfish import wordfish, wordfish_words
from .models.wordscores import wordscores, wordscores_words
from .terms.collocations import collocates, collocations
from .terms.dispersion import dispersion
from .terms.diversity import lexical_diversity
from .terms.frequencies import ngrams, term_frequencies
from .terms.keyness import keyness, keyness_english, keyness_summary
from .terms.kwic import Concordance, kwic, kwic_explorer
from .terms.lexicons import lexicon_counts, lexicon_matches, read_lexicon
from .terms.names_eval import evaluate_names, name_scores
from .terms.summary import groups_to_compare, largest_groups, voice_summary

__all__ = [
    "Concordance",
    "collocates",
    "collocations",
    "dispersion",
    "evaluate_names",
    "groups_to_compare",
    "keyness",
    "keyness_english",
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
    "wordfish_words",
    "wordscores",
    "wordscores_words",
]
