"""The tokens of a whole corpus, made once and cached.

Tokenizing is the expensive step. :func:`corpus_tokens` resolves the corpus once
(:func:`nkresearch.corpus.source.resolve_source`). A folder's tokens are cached as a
store of parts (:mod:`.parts`): the parts whose key (:mod:`.key`) is on disk are read
(:mod:`.store`), the others built (:mod:`.build`: in worker processes for a large
remainder) and written. A documents table's tokens are one file named by a key of its
contents. Everything is Parquet -- never a pickle -- under ``data/processed/`` (or
``$NKRESEARCH_CACHE``) or the folder given as ``cache_dir``.
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
from .lazy import TokenStore
from .parts import fill_store, stored_tokens
from .store import _WRITES, read_cache, remove_stale_temporaries, wait_for_writes, write_cache

__all__ = ["PROCESSED_DIR", "TokenStore", "corpus_tokens", "token_store", "wait_for_writes"]

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
        Read and write the store ``<cache_dir>/tokens-<name>-<source>/`` (``<source>``
        a hash of the resolved folder and metadata paths): one Parquet file a part of
        the corpus, named by a key of everything that shapes its tokens
        (:mod:`nkresearch.tokens.parts`), so a new or changed file rebuilds only its
        part. Each part is written as soon as it is built (in parallel, while the
        workers build the next). A documents table's cache is
        ``tokens-<name>-<source>-<key>.parquet``.
    cache_dir
        The cache folder (default: ``$NKRESEARCH_CACHE`` when set, as ``nkresearch
        --cache-dir`` sets it, else ``data/processed/`` of the project).
    tokenize
        Options of :func:`nkresearch.tokenize` (``lowercase``, ``lemmatize``, ``mwe``,
        ``stopwords``); they are part of the cache key.
    workers
        Worker processes for a build of over two million characters of text
        (:data:`nkresearch.workers.PARALLEL_CHARS`; default: all cores); each reads,
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
        its path (``None`` with ``cache=False``); for a folder also ``parts`` (how
        many) and ``rebuilt`` (how many were built in this call).

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
    if src.documents is None:  # a folder: a store of parts (:mod:`.parts`)
        return stored_tokens(src, options, tokenize_kwargs, folder, (workers, progress, client))
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


def token_store(
    source: str | Path | None = None,
    *,
    metadata: str | Path | None = None,
    method: str = "default",
    cache_dir: str | Path | None = None,
    tokenize: Mapping[str, Any] | None = None,
    workers: int | None = None,
    progress: bool = True,
    client: Any = None,
) -> TokenStore:
    """The token store of a folder corpus, built where needed, as a handle that reads nothing yet.

    The store is the cache :func:`corpus_tokens` reads and writes (a Parquet file per
    part of the corpus, :mod:`nkresearch.tokens.parts`); its parts are built, in worker
    processes or on a Dask cluster, and written one by one, so no more than a part's
    tokens are held here at a time. ``term_frequencies``, ``ngrams``, ``keyness``,
    ``log_odds``, ``collocates``, ``collocations``, ``dispersion``, ``trends``,
    ``lexicon_counts``, ``kwic`` and ``voice_summary`` take the handle in place of a
    tokens table and count it part by part: a corpus larger than memory is counted that
    way, and with ``client=`` on the cluster.

    Parameters
    ----------
    source
        A bundled corpus name (``"seeds"``, ``"ungdc"``) or a folder of .txt files (a
        documents table is in memory already: use :func:`corpus_tokens`).
    metadata
        The metadata CSV (see :func:`nkresearch.load_corpus`).
    method
        The voice method of :func:`nkresearch.segment_voices`.
    cache_dir
        The cache folder (as for :func:`corpus_tokens`).
    tokenize
        Options of :func:`nkresearch.tokenize`, as for :func:`corpus_tokens`.
    workers
        Worker processes for the parts to build (default: all cores).
    progress
        Show a progress bar while building.
    client
        A Dask client: the parts are built on its cluster (its workers must read the
        corpus's folder and the cache folder at the same paths).

    Returns
    -------
    TokenStore
        Its ``attrs`` are those of the tokens table; ``store.read(i)`` is the tokens
        table of part ``i``, ``store.to_pandas()`` the whole table.

    Examples
    --------
    >>> import nkresearch as nk
    >>> store = nk.token_store("seeds", progress=False)
    >>> len(store), store.attrs["corpus"]["name"]
    (1, 'seeds')
    >>> int(nk.term_frequencies(store, by="actor")["n"].sum()) == int(
    ...     nk.term_frequencies(nk.corpus_tokens("seeds", progress=False), by="actor")["n"].sum())
    True
    """
    src = resolve_source(source, metadata)
    if src.documents is not None:
        raise NKResearchError(
            "token_store: a documents table is in memory already; pass it to nk.corpus_tokens, "
            "or give token_store the folder it was read from."
        )
    options: dict[str, object] = {"method": method, "tokenize": _tokenize_options(tokenize)}
    folder = Path(cache_dir) if cache_dir is not None else cache_folder()
    remove_stale_temporaries(folder)
    run = (workers, progress, client)
    store, _, _ = fill_store(src, options, dict(tokenize or {}), folder, run, keep=False)
    return store


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
