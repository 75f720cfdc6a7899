"""Tokens: one row per token, with its exact span, and the cached token store.

The third stage: :func:`tokenize` turns the segments table into the tokens table
(NLTK Punkt sentences and the package's word pattern); :func:`corpus_tokens` runs the
first three stages for a whole corpus and keeps the result on disk (:mod:`.cache`).
"""

from . import cache
from .cache import corpus_tokens
from .tokenizer import TOKEN_COLUMNS, read_mwe, read_stopwords, token_pattern, tokenize

__all__ = [
    "TOKEN_COLUMNS",
    "cache",
    "corpus_tokens",
    "read_mwe",
    "read_stopwords",
    "token_pattern",
    "tokenize",
]
