"""The tokens of a whole corpus, made once and cached.

Tokenizing is the expensive step. :func:`corpus_tokens` resolves the corpus once
(:func:`nkresearch.corpus.source.resolve_source`), names its cache by a key of
everything that shapes the tokens (:mod:`.key`), reads the cache when it holds that
key (:mod:`.store`), and otherwise builds the table (:mod:`.build`: in worker
processes for large corpora) and writes it as Parquet -- never a pickle -- under
``data/processed/`` (or ``$NKRESEARCH_CACHE``) or the folder given as ``cache_dir``.
"""

from __future__ import annotations

import glob
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pandas as pd

from ..config import PROCESSED_DIR, cache_folder
from ..corpus.source import resolve_source
from ..errors import NKResearchError
from ..voices.gold import GOLD_FILE
from .build import build
from .key import cache_key
from .store import _WRITES, read_cache, remove_stale_temporaries, wait_for_writes, write_cache

__all__ = ["PROCESSED_DIR", "corpus_tokens", "wait_for_writes"]

#: The options of :func:`nkresearch.tokenize` that ``corpus_tokens(tokenize=...)`` passes on.
TOKENIZE_OPTIONS = ("lowercase", "lemmatize", "mwe", "stopwords")


def corpus_tokens(
    source: str | Path | pd.DataFrame | None = None,
    *,
    metadata: str | Path | None = None,
    method: str = "default",
    cache: bool = True,
    cache_dir: str | Path | None = None,
    tokenize: Mapping[str, Any] | None = None,
    workers: int | None = None,
    progress: bool = True,
    client: Any = None,
) -> pd.DataFrame:
    """Load, segment and tokenize a corpus, or read its tokens from the cache.

    Nine options: where the corpus is (``source``, ``metadata``), how its voices and
    tokens are made (``method``, ``tokenize``), whether and where it is cached
    (``cache``, ``cache_dir``), how the build runs (``workers``, ``progress``,
    ``client``).

    Parameters
    ----------
    source
        A bundled corpus name (``"seeds"``, ``"ungdc"``), a folder of .txt files, or
        a documents table (``doc_id``, ``text`` and any metadata: the table of
        :func:`nkresearch.load_corpus`, or one of your own), cached by a hash of
        its contents.
    metadata
        The metadata CSV (see :func:`nkresearch.load_corpus`).
    method
        The voice method of :func:`nkresearch.segment_voices`.
    cache
        Read and write ``<cache_dir>/tokens-<name>-<source>-<key>.parquet`` (``<source>``
        a hash of the resolved folder and metadata paths, ``<key>`` of everything that
        shapes the tokens: :mod:`nkresearch.tokens.key`). The cache of a
        corpus tokenized in parallel is written in a background thread, so the
        analyses can start at once (:func:`nkresearch.cache.wait_for_writes`). With no
        cache of this corpus on disk, the inputs are hashed (for the new file's name)
        while they are tokenized.
    cache_dir
        The cache folder (default: ``$NKRESEARCH_CACHE`` when set, as ``nkresearch
        --cache-dir`` sets it, else ``data/processed/`` of the project).
    tokenize
        Options of :func:`nkresearch.tokenize` (``lowercase``, ``lemmatize``, ``mwe``,
        ``stopwords``); they are part of the cache key.
    workers
        Worker processes for corpora of over 5 MB of text (default: all cores); each reads,
        cleans, segments and tokenizes its own chunk of documents.
    progress
        Show a progress bar while tokenizing in parallel.
    client
        A Dask client (``distributed.Client``): a folder's documents are read, cleaned,
        segmented and tokenized on its cluster, in chunks, and the table is assembled
        here. Its workers must import nkresearch and read the corpus's folder at the same
        path (a shared file system). Default: this machine's cores
        (:mod:`nkresearch.workers`).

    Returns
    -------
    pandas.DataFrame
        The tokens table of :func:`nkresearch.tokenize`, the same with or without
        the cache. ``attrs["cache"]`` says whether it was read from the cache and
        its path (``None`` with ``cache=False``).

    Examples
    --------
    >>> import nkresearch as nk
    >>> tokens = nk.corpus_tokens("seeds", progress=False)
    >>> int(tokens["tok_id"].max()) > 100
    True
    """
    src = resolve_source(source, metadata)
    options: dict[str, object] = {"method": method, "tokenize": _tokenize_options(tokenize)}
    tokenize_kwargs = dict(tokenize or {})
    if not cache:  # without the cache nothing is hashed or written
        table, _ = build(src, method, tokenize_kwargs, workers, progress, client)
        table.attrs["cache"] = {"path": None, "from_cache": False}
        return table
    folder = Path(cache_dir) if cache_dir is not None else cache_folder()
    remove_stale_temporaries(folder)
    stem = f"tokens-{src.name}-{src.uid}"

    def key_of() -> str:
        return cache_key(src, options=options, annotations=GOLD_FILE, cache_dir=folder)

    if _WRITES or any(folder.glob(f"{glob.escape(stem)}-*.parquet")):
        key = key_of()
        path = folder / f"{stem}-{key[:16]}.parquet"
        if path in _WRITES:  # written by this process in the background: let it finish
            wait_for_writes()
        if path.is_file() and (cached := read_cache(path, key)) is not None:
            return cached
        table, parallel = build(src, method, tokenize_kwargs, workers, progress, client)
    else:  # no tokens cache of this corpus to look up: hash the inputs while tokenizing them
        with ThreadPoolExecutor(max_workers=1) as hasher:
            hashing = hasher.submit(key_of)
            table, parallel = build(src, method, tokenize_kwargs, workers, progress, client)
            key = hashing.result()
        path = folder / f"{stem}-{key[:16]}.parquet"
    table.attrs["cache"] = {"path": str(path), "from_cache": False}
    write_cache(table, path, key, background=parallel)
    return table


def _tokenize_options(options: Mapping[str, Any] | None) -> dict[str, object]:
    """The tokenize options as they enter the key: every value in a stable JSON form."""
    options = dict(options or {})
    unknown = sorted(set(options) - set(TOKENIZE_OPTIONS))
    if unknown:
        raise NKResearchError(
            f"corpus_tokens(tokenize=...): unknown options {unknown}; use {list(TOKENIZE_OPTIONS)} "
            "(the options of nkresearch.tokenize)."
        )
    stable: dict[str, object] = {}
    for name, value in sorted(options.items()):
        if isinstance(value, pd.DataFrame):  # a table of multi-word names
            stable[name] = value.astype(str).to_dict("split")
        elif name == "stopwords" and value is not None:
            stable[name] = sorted(str(v) for v in value)
        else:
            stable[name] = value
    return stable
