"""The tokens of a whole corpus, made once and cached.

Tokenizing is the expensive step. :func:`corpus_tokens` loads a corpus, attributes
its voices and tokenizes it (in parallel worker processes for large corpora, with a
progress bar), then caches the tokens table under ``data/processed/`` as Parquet --
never a pickle. The cache file's name carries a key: a hash of every input file's
bytes, the metadata and annotation files, the package's shipped resources and its
source code, the options and the package version. Any change to one of them gives a new key, so a
stale cache is never read; a cache file that cannot be read whole (truncated,
corrupt, or with another key inside) is rebuilt with a warning. Files are written
to a temporary name and renamed, so a crash never leaves a half-written cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd
from pandas.api.types import union_categoricals

from .config import PROCESSED_DIR, RESOURCES_DIR
from .corpus import _check_files, _read_metadata, _resolve_source, load_corpus, read_documents
from .tokens import tokenize
from .voices import GOLD_FILE, segment_voices

__all__ = ["PARALLEL_CHARS", "PROCESSED_DIR", "cache_key", "corpus_tokens"]

CACHE_FORMAT = 1
#: Corpora with at least this many bytes are read and tokenized in worker processes.
PARALLEL_CHARS = 5_000_000
#: Characters per chunk handed to a worker.
CHUNK_CHARS = 4_000_000


def cache_key(
    source: str | Path | None = None, *, metadata: str | Path | None = None, **options: object
) -> str:
    """The hash that names a corpus's tokens cache (see the module docstring)."""
    from . import __version__

    name, folder, meta = _resolve_source(source, metadata)
    table = _read_metadata(meta, folder)
    _check_files(table, folder, meta)
    digest = hashlib.sha256()
    header = {"format": CACHE_FORMAT, "version": __version__, "name": name, "options": options}
    digest.update(json.dumps(header, sort_keys=True, default=str).encode())
    code = sorted(Path(__file__).parent.glob("*.py"))  # a fix to the tokenizer must not reuse old tokens
    extra = [meta, GOLD_FILE, *sorted(p for p in RESOURCES_DIR.rglob("*") if p.is_file()), *code]
    for path in [*(folder / f for f in table["file"]), *extra]:
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()


def _tokens_of(docs: pd.DataFrame, method: str, options: dict[str, object]) -> pd.DataFrame:
    return tokenize(segment_voices(docs, method=method), **options)  # type: ignore[arg-type]


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate token tables, keeping text columns categorical (with merged categories)."""
    out: dict[str, object] = {}
    for col in parts[0].columns:
        if isinstance(parts[0][col].dtype, pd.CategoricalDtype):
            out[col] = union_categoricals([p[col] for p in parts], ignore_order=True)
        else:
            out[col] = pd.concat([p[col] for p in parts], ignore_index=True).to_numpy()
    table = pd.DataFrame(out)
    table.attrs = dict(parts[0].attrs)
    return table


def _tokens_of_files(
    table: pd.DataFrame, folder: Path, corpus: dict[str, str], method: str, options: dict[str, object]
) -> pd.DataFrame:
    """In a worker: read and clean some documents, attribute voices, tokenize."""
    return _tokens_of(read_documents(table, folder, corpus), method, options)


def _build_parallel(
    table: pd.DataFrame,
    folder: Path,
    corpus: dict[str, str],
    method: str,
    options: dict[str, object],
    workers: int,
    progress: bool,
) -> pd.DataFrame:
    """Read, clean, segment and tokenize chunks of documents in worker processes."""
    from tqdm.auto import tqdm

    sizes = [(folder / f).stat().st_size for f in table["file"]]
    # chunks of at most CHUNK_CHARS (a worker's memory grows with its chunk), at least four
    # per worker, balanced by size, documents kept whole and in order
    target = min(sum(sizes) / (workers * 4), CHUNK_CHARS)
    chunks, current, filled = [], [], 0
    for i, n in enumerate(sizes):
        current.append(i)
        filled += n
        if filled >= target:
            chunks.append(current)
            current, filled = [], 0
    if current:
        chunks.append(current)
    parts: list[pd.DataFrame] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [
            pool.submit(_tokens_of_files, table.iloc[c], folder, corpus, method, options) for c in chunks
        ]
        for future in tqdm(futures, desc="tokenizing", unit="chunk", disable=not progress):
            parts.append(future.result())
    tokens = _concat(parts)
    tokens["doc_id"] = pd.Categorical(tokens["doc_id"].astype(str), categories=list(table["doc_id"]))
    return tokens


def corpus_tokens(
    source: str | Path | None = None,
    *,
    metadata: str | Path | None = None,
    method: str = "default",
    cache: bool = True,
    workers: int | None = None,
    progress: bool = True,
) -> pd.DataFrame:
    """Load, segment and tokenize a corpus, or read its tokens from the cache.

    Parameters
    ----------
    source
        A bundled corpus name (``"seeds"``, ``"ungdc"``) or a folder of .txt files.
    metadata
        The metadata CSV (see :func:`nkresearch.load_corpus`).
    method
        The voice method of :func:`nkresearch.segment_voices`.
    cache
        Read and write ``data/processed/tokens-<name>-<key>.parquet``.
    workers
        Worker processes for corpora of over 5 MB of text (default: all cores); each reads,
        cleans, segments and tokenizes its own chunk of documents.
    progress
        Show a progress bar while tokenizing in parallel.

    Returns
    -------
    pandas.DataFrame
        The tokens table of :func:`nkresearch.tokenize`, the same with or without
        the cache. ``attrs["cache"]`` says whether it was read from the cache.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tokens = nk.corpus_tokens("seeds", progress=False)
    >>> int(tokens["tok_id"].max()) > 100
    True
    """
    options: dict[str, object] = {}
    key = cache_key(source, metadata=metadata, method=method)
    name = _resolve_source(source, metadata)[0]
    path = PROCESSED_DIR / f"tokens-{name}-{key[:16]}.parquet"
    if cache and path.is_file():
        table = _read_cache(path, key)
        if table is not None:
            return table
    folder, meta = _resolve_source(source, metadata)[1:]
    rows = _read_metadata(meta, folder)
    _check_files(rows, folder, meta)
    workers = workers or os.cpu_count() or 1
    size = sum((folder / f).stat().st_size for f in rows["file"])
    if workers <= 1 or size < PARALLEL_CHARS or len(rows) < 2:
        table = _tokens_of(load_corpus(source, metadata=metadata), method, options)
    else:
        corpus = {"name": name, "folder": str(folder), "metadata": str(meta)}
        table = _build_parallel(rows, folder, corpus, method, options, workers, progress)
    table.attrs["cache"] = {"path": str(path), "from_cache": False}
    if cache:
        _write_cache(table, path, key)
        for old in path.parent.glob(f"tokens-{name}-*.parquet"):
            if old != path:
                old.unlink(missing_ok=True)
    return table


def _read_cache(path: Path, key: str) -> pd.DataFrame | None:
    import pyarrow.parquet as pq

    try:
        arrow = pq.read_table(path)
        meta = json.loads((arrow.schema.metadata or {}).get(b"nkresearch", b"{}"))
        if meta.get("key") != key:
            raise ValueError("the key inside the file does not match its name")
        table: pd.DataFrame = arrow.to_pandas()
    except Exception as err:  # a damaged cache is never trusted, whatever the damage
        warnings.warn(f"{path}: unreadable tokens cache ({err}); rebuilding it.", stacklevel=3)
        return None
    table.attrs = {**meta.get("attrs", {}), "cache": {"path": str(path), "from_cache": True}}
    return table


def _write_cache(table: pd.DataFrame, path: Path, key: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    arrow = pa.Table.from_pandas(table, preserve_index=False)
    attrs = {k: v for k, v in table.attrs.items() if k != "cache"}
    meta = dict(arrow.schema.metadata or {})
    meta[b"nkresearch"] = json.dumps({"key": key, "attrs": attrs}, default=str).encode()
    arrow = arrow.replace_schema_metadata(meta)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".parquet.tmp", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(arrow, tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
