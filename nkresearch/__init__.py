"""nkresearch: how Baku, Stepanakert, Moscow and the media speak about Nagorno-Karabakh.

documents (:func:`load_corpus`) -> voices (:func:`segment_voices`) -> tokens
(:func:`tokenize`) -> result tables.
"""

from .cleaning import cleaning_log
from .corpus import load_corpus
from .errors import NKResearchError
from .summary import voice_summary
from .tokens import read_mwe, read_stopwords, tokenize
from .voices import known_actors, read_speakers, segment_voices, voice_agreement

__version__ = "0.1.0"

__all__ = [
    "NKResearchError",
    "cleaning_log",
    "known_actors",
    "load_corpus",
    "read_mwe",
    "read_speakers",
    "read_stopwords",
    "segment_voices",
    "tokenize",
    "voice_agreement",
    "voice_summary",
]
