"""nkresearch: how Baku, Stepanakert, Moscow and the media speak about Nagorno-Karabakh.

documents (:func:`load_corpus`) -> voices (:func:`segment_voices`) -> tokens
(:func:`tokenize`) -> result tables.
"""

from .cache import corpus_tokens
from .cleaning import cleaning_log
from .collocations import collocates, collocations
from .corpus import load_corpus
from .dispersion import dispersion
from .diversity import lexical_diversity
from .errors import NKResearchError
from .figures import save_figure
from .frequencies import ngrams, term_frequencies
from .keyness import keyness
from .kwic import Concordance, kwic, kwic_explorer
from .lexicons import lexicon_counts, lexicon_matches, read_lexicon
from .periods import periods
from .plots import (
    actor_colors,
    plot_collocates,
    plot_dispersion,
    plot_frequencies,
    plot_keyness,
    plot_lexicon,
    plot_trends,
    plot_voices,
)
from .report import build_report
from .summary import voice_summary
from .tokens import read_mwe, read_stopwords, tokenize
from .voices import known_actors, read_speakers, segment_voices, voice_agreement

__version__ = "0.1.0"

__all__ = [
    "Concordance",
    "NKResearchError",
    "actor_colors",
    "build_report",
    "cleaning_log",
    "collocates",
    "collocations",
    "corpus_tokens",
    "dispersion",
    "keyness",
    "known_actors",
    "kwic",
    "kwic_explorer",
    "lexical_diversity",
    "lexicon_counts",
    "lexicon_matches",
    "load_corpus",
    "ngrams",
    "periods",
    "plot_collocates",
    "plot_dispersion",
    "plot_frequencies",
    "plot_keyness",
    "plot_lexicon",
    "plot_trends",
    "plot_voices",
    "read_lexicon",
    "read_mwe",
    "read_speakers",
    "read_stopwords",
    "save_figure",
    "segment_voices",
    "term_frequencies",
    "tokenize",
    "voice_agreement",
    "voice_summary",
]
