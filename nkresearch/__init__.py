"""nkresearch: compare how Baku, Stepanakert, Moscow and the media speak about the
Nagorno-Karabakh conflict.

documents (:func:`load_corpus`) -> voices (:func:`segment_voices`) -> tokens
(:func:`tokenize`) -> result tables.
"""

from .cleaning import cleaning_log
from .corpus import load_corpus
from .errors import NKResearchError

__version__ = "0.1.0"

__all__ = [
    "NKResearchError",
    "cleaning_log",
    "load_corpus",
]
