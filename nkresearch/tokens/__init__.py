"""Tokens: one row per token, with its exact span, and the cached token store.

The third stage: :func:`tokenize` turns the segments table into the tokens table
(NLTK Punkt sentences and the package's word pattern); :func:`corpus_tokens` runs the
first three stages for a whole corpus and keeps the result on disk (:mod:`.cache`), as
a store of parts that :func:`token_store` hands out unread (:mod:`.lazy`).
"""

from . import cache
from .cache import corpus_tokens, token_store
from .lazy import TokenStore
from .tokenizer import TOKEN_COLUMNS, read_mwe, read_stopwords, token_pattern, tokenize

__all__ = [
    "TOKEN_COLUMNS",
    "TokenStore",
    "cache",
    "corpus_tokens",
    "read_mwe",
    "read_stopwords",
    "token_pattern",
    "token_store",
    "tokenize",
]
