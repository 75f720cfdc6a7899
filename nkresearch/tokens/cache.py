"""The tokens of a whole corpus, made once and cached.

Tokenizing is the expensive step. :func:`corpus_tokens` loads a corpus, attributes
its voices and tokenizes it (in parallel worker processes for large corpora, with a
progress bar), then caches the tokens table under ``data/processed/`` as Parquet --
never a pickle. The cache file's name carries a key: a hash of every input file's
bytes, the metadata and annotation files, the package's shipped resources and its
source code, the options and the package version (a file's hash is remembered by its
size and modification time, as git does). Any change to one of them gives a new key, so a
stale cache is never read; a cache file that cannot be read whole (truncated,
corrupt, or with another key inside) is rebuilt with a warning. Files are written
to a temporary name and renamed, so a crash never leaves a half-written cache.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import re
import tempfile
import threading
import time
import warnings
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..config import PROCESSED_DIR, RESOURCES_DIR
from ..corpus.documents import _check_files, _read_metadata, _resolve_source, load_corpus, read_documents
from ..voices.segment import GOLD_FILE, segment_voices
from .tokenizer import tokenize

__all__ = ["PARALLEL_CHARS", "PROCESSED_DIR", "cache_key", "corpus_tokens", "wait_for_writes"]

CACHE_FORMAT = 3
#: Corpora with at least this many bytes are read and tokenized in worker processes.
PARALLEL_CHARS = 5_000_000
#: Characters per chunk handed to a worker.
CHUNK_CHARS = 4_000_000


def cache_key(
    source: str | Path | None = None, *, metadata: str | Path | None = None, **options: object
) -> str:
    """The hash that names a corpus's tokens cache (see the module docstring)."""
    from ..config import VERSION as __version__

    name, folder, meta = _resolve_source(source, metadata)
    table = _read_metadata(meta, folder)
    _check_files(table, folder, meta)
    digest = hashlib.sha256()
    header = {"format": CACHE_FORMAT, "version": __version__, "name": name, "options": options}
    digest.update(json.dumps(header, sort_keys=True, default=str).encode())
    code = sorted(
        Path(__file__).parent.parent.rglob("*.py")
    )  # a fix to the tokenizer must not reuse old tokens
    extra = [meta, GOLD_FILE, *sorted(p for p in RESOURCES_DIR.rglob("*") if p.is_file()), *code]
    files = [folder / f for f in table["file"]]
    for path, file_digest in zip(files, _file_digests(files), strict=True):
        digest.update(str(path.name).encode())
        digest.update(file_digest)
    for path in extra:
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()


def _file_digests(paths: list[Path]) -> list[bytes]:
    """The SHA-256 of each file's bytes, remembered by (path, size, modification time).

    Like git's index: a file whose size and modification time (in nanoseconds) are
    unchanged is not read again. A file changed in the last two seconds is not
    remembered (a file system with coarse times could hide a second edit in the
    same tick). The memo is a JSON file in ``PROCESSED_DIR``, written atomically; an
    unreadable one is ignored and rewritten.
    """
    memo_path = PROCESSED_DIR / "input-digests.json"
    try:
        memo: dict[str, list[object]] = json.loads(memo_path.read_text(encoding="utf-8"))
        if not isinstance(memo, dict):
            raise ValueError("not a mapping")
    except (OSError, ValueError):
        memo = {}
    digests, changed = [], False
    for path in paths:
        stat = path.stat()
        key = os.path.abspath(path)
        seen = memo.get(key)
        if isinstance(seen, list) and len(seen) == 3 and seen[:2] == [stat.st_size, stat.st_mtime_ns]:
            digests.append(bytes.fromhex(str(seen[2])))
            continue
        file_digest = hashlib.sha256(path.read_bytes()).digest()
        digests.append(file_digest)
        if time.time_ns() - stat.st_mtime_ns > 2_000_000_000:
            memo[key] = [stat.st_size, stat.st_mtime_ns, file_digest.hex()]
            changed = True
    if changed:
        try:
            PROCESSED_DIR.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".input-digests.", suffix=".tmp", dir=PROCESSED_DIR)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    json.dump(memo, f)
                os.replace(tmp, memo_path)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        except OSError:  # a memo that cannot be written only costs time
            pass
    return digests


def _tokens_of(docs: pd.DataFrame, method: str, options: dict[str, object]) -> pd.DataFrame:
    return tokenize(segment_voices(docs, method=method), **options)  # type: ignore[arg-type]


def _concat(parts: list[dict[str, Any]], doc_ids: list[str]) -> pd.DataFrame:
    """Concatenate the columns of token tables, text columns staying categorical.

    A text column comes from each part as integer codes and the list of its
    categories. The parts' categories are merged into one sorted list (``doc_id``:
    ``doc_ids``, in corpus order) and each part's codes written into the final array
    through an integer lookup, so no string is touched per token. Columns are merged
    in threads (numpy copies without holding the interpreter lock) and each part's
    arrays are released as soon as they are copied.
    """
    attrs = parts[0]["attrs"]
    columns = [p["columns"] for p in parts]
    names = list(columns[0])
    lengths = [len(_codes(c[names[0]])) for c in columns]
    bounds = np.concatenate([[0], np.cumsum(lengths)]).tolist()

    def merge(name: str) -> object:
        values = [c.pop(name) for c in columns]
        if not isinstance(values[0], tuple):
            out = np.empty(bounds[-1], dtype=np.result_type(*values))
            for i, v in enumerate(values):
                out[bounds[i] : bounds[i + 1]] = v
                values[i] = None
            return out
        merged = doc_ids if name == "doc_id" else _sorted_union([v[1] for v in values])
        position = {v: i for i, v in enumerate(merged)}
        width = _code_dtype(len(merged))
        codes = np.empty(bounds[-1], dtype=width)
        for i, (part_codes, cats) in enumerate(values):
            # a part's lookup ends with -1, where its missing values (code -1) land
            lookup = np.fromiter(map(position.__getitem__, cats), width, len(cats))
            lookup = np.append(lookup, np.array(-1, dtype=width))
            np.take(lookup, part_codes, out=codes[bounds[i] : bounds[i + 1]], mode="wrap")
            values[i] = None
        return pd.Categorical.from_codes(codes, categories=pd.Index(merged), validate=False)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as threads:
        merged_columns = dict(zip(names, threads.map(merge, names), strict=True))
    table = pd.DataFrame(merged_columns, copy=False)
    table.attrs = attrs
    return table


def _codes(column: Any) -> Any:
    return column[0] if isinstance(column, tuple) else column


def _sorted_union(lists: list[list[Any]]) -> list[Any]:
    values: set[object] = set().union(*lists)
    try:
        return sorted(values)
    except TypeError:  # values that do not sort together: first appearance
        return list(dict.fromkeys(v for values_ in lists for v in values_))


def _tokens_of_files(
    table: pd.DataFrame, folder: Path, corpus: dict[str, str], method: str, options: dict[str, object]
) -> dict[str, Any]:
    """In a worker: read and clean some documents, attribute voices, tokenize.

    The table goes back as its columns: arrays, and for each categorical its codes
    and the list of its categories, which the parent merges (:func:`_concat`).
    """
    tokens = _tokens_of(read_documents(table, folder, corpus), method, options)
    columns = {
        name: (column.cat.codes.to_numpy(), column.cat.categories.tolist())
        if isinstance(column.dtype, pd.CategoricalDtype)
        else column.to_numpy()
        for name, column in tokens.items()
    }
    return {"attrs": tokens.attrs, "columns": columns}


def _build_parallel(
    table: pd.DataFrame,
    sizes: list[int],
    folder: Path,
    corpus: dict[str, str],
    method: str,
    options: dict[str, object],
    workers: int,
    progress: bool,
) -> pd.DataFrame:
    """Read, clean, segment and tokenize chunks of documents in worker processes."""
    from tqdm.auto import tqdm

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
    parts: list[dict[str, Any]] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [
            pool.submit(_tokens_of_files, table.iloc[c], folder, corpus, method, options) for c in chunks
        ]
        for future in tqdm(futures, desc="tokenizing", unit="chunk", disable=not progress):
            parts.append(future.result())
    return _concat(parts, [str(d) for d in table["doc_id"]])


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
        Read and write ``data/processed/tokens-<name>-<key>.parquet``. The cache of a
        corpus tokenized in parallel is written in a background thread, so the
        analyses can start at once (:func:`nkresearch.cache.wait_for_writes`). With no
        cache of this corpus on disk, the inputs are hashed (for the new file's name)
        while they are tokenized.
    workers
        Worker processes for corpora of over 5 MB of text (default: all cores); each reads,
        cleans, segments and tokenizes its own chunk of documents.
    progress
        Show a progress bar while tokenizing in parallel.

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
    options: dict[str, object] = {}
    name = _resolve_source(source, metadata)[0]
    if not cache:  # without the cache nothing is hashed or written
        table, _ = _build(source, metadata, method, options, workers, progress)
        table.attrs["cache"] = {"path": None, "from_cache": False}
        return table
    if _WRITES or any(PROCESSED_DIR.glob(f"tokens-{glob.escape(name)}-*.parquet")):
        key = cache_key(source, metadata=metadata, method=method)
        path = PROCESSED_DIR / f"tokens-{name}-{key[:16]}.parquet"
        if path in _WRITES:  # written by this process in the background: let it finish
            wait_for_writes()
        if path.is_file() and (cached := _read_cache(path, key)) is not None:
            return cached
        table, parallel = _build(source, metadata, method, options, workers, progress)
    else:  # no tokens cache of this corpus to look up: hash the inputs while tokenizing them
        with ThreadPoolExecutor(max_workers=1) as hasher:
            hashing = hasher.submit(cache_key, source, metadata=metadata, method=method)
            table, parallel = _build(source, metadata, method, options, workers, progress)
            key = hashing.result()
        path = PROCESSED_DIR / f"tokens-{name}-{key[:16]}.parquet"
    table.attrs["cache"] = {"path": str(path), "from_cache": False}
    _write_cache(table, path, key, background=parallel)
    return table


def _build(
    source: str | Path | None,
    metadata: str | Path | None,
    method: str,
    options: dict[str, object],
    workers: int | None,
    progress: bool,
) -> tuple[pd.DataFrame, bool]:
    """The tokens table of a corpus, and whether it was made in worker processes."""
    name, folder, meta = _resolve_source(source, metadata)
    rows = _read_metadata(meta, folder)
    _check_files(rows, folder, meta)
    workers = workers or os.cpu_count() or 1
    sizes = [(folder / f).stat().st_size for f in rows["file"]]
    if workers <= 1 or sum(sizes) < PARALLEL_CHARS or len(rows) < 2:
        return _tokens_of(load_corpus(source, metadata=metadata), method, options), False
    corpus = {"name": name, "folder": str(folder), "metadata": str(meta)}
    return _build_parallel(rows, sizes, folder, corpus, method, options, workers, progress), True


#: Columns stored per token in the cache (see :func:`_write_cache`), after ``segment``.
_TOKEN_STORED = ("sent_id", "start", "token", "norm")
#: Columns that are functions of ``norm``, stored once per norm.
_PER_NORM = ("lemma", "is_stop", "is_punct", "is_alpha")
#: Columns worked out from the others on reading.
_DERIVED = ("end", "tok_id")
#: Columns written with delta encoding (they grow by small steps along the table).
_DELTA_COLUMNS = ("segment", "sent_id", "start")
#: Background cache writes of this process, by cache path.
_WRITES: dict[Path, threading.Thread] = {}


def wait_for_writes() -> None:
    """Return once every tokens cache this process is writing in the background is on disk.

    :func:`corpus_tokens` writes the cache of a large corpus in a background thread
    (the analyses can start meanwhile); Python waits for it at exit anyway.

    Examples
    --------
    >>> import nkresearch as nk
    >>> nk.cache.wait_for_writes()
    """
    for path in list(_WRITES):
        thread = _WRITES.pop(path, None)
        if thread is not None:
            thread.join()


def _read_cache(path: Path, key: str) -> pd.DataFrame | None:
    import pyarrow.parquet as pq

    try:
        meta = json.loads((pq.read_schema(path).metadata or {}).get(b"nkresearch", b"{}"))
        if meta.get("key") != key:
            raise ValueError("the key inside the file does not match its name")
        with _jemalloc():
            arrow = pq.ParquetFile(path).read()  # one row group: one chunk a column
        if arrow.column_names != ["segment", *_TOKEN_STORED]:
            raise ValueError("its columns are not those of the tokens cache")
        # a single chunk without nulls is viewed, not copied (read-only, kept alive by the view)
        stored = {
            name: arrow.column(name).chunk(0).to_numpy(zero_copy_only=False) for name in arrow.column_names
        }
        table = _decode(stored, meta)
    except Exception as err:  # a damaged cache is never trusted, whatever the damage
        warnings.warn(f"{path}: unreadable tokens cache ({err}); rebuilding it.", stacklevel=3)
        return None
    table.attrs = {**meta.get("attrs", {}), "cache": {"path": str(path), "from_cache": True}}
    return table


def _code_dtype(n_categories: int) -> type[np.signedinteger[Any]]:
    """The integer type of pandas' codes for this many categories (so they are not copied again)."""
    return np.int8 if n_categories < 127 else np.int16 if n_categories < 32_767 else np.int32


def _checked_codes(codes: np.ndarray, n_categories: int, name: str) -> np.ndarray:
    if len(codes) and (int(codes.max()) >= n_categories or int(codes.min()) < -1):
        raise ValueError(f"column {name!r} has codes outside its categories")
    return codes


def _decode(stored: dict[str, np.ndarray], meta: dict[str, Any]) -> pd.DataFrame:
    """The tokens table from the stored columns and the per-segment and per-norm tables."""
    segments, per_norm, categories = meta["segments"], meta["per_norm"], meta["categories"]
    segment, n = stored["segment"], len(stored["segment"])
    seg_first = np.asarray(meta["segment_starts"], dtype=np.int64)
    if n and (int(segment.max()) >= len(seg_first) or int(segment.min()) < 0):
        raise ValueError("column 'segment' points past the segments")
    codes = {name: _checked_codes(stored[name], len(categories[name]), name) for name in ("token", "norm")}
    if not np.array_equal(seg_first, np.flatnonzero(np.diff(segment, prepend=-1))):
        raise ValueError("its segments are not where it says they start")
    run = np.diff(np.append(seg_first, n))  # tokens per segment: per-segment values are repeated
    norm_index = codes["norm"].astype(np.intp)  # one conversion for the per-norm gathers
    columns: dict[str, object] = {}
    for name in meta["columns"]:
        if name in ("token", "norm"):
            columns[name] = _categorical(codes[name], categories[name])
        elif name in _TOKEN_STORED:
            columns[name] = stored[name]
        elif name == "end":  # a token ends its own length after its start
            lengths = np.fromiter(map(len, categories["token"]), np.int32, len(categories["token"]))
            columns[name] = stored["start"] + lengths[codes["token"]]
        elif name == "tok_id":  # tokens are numbered from each document's first
            doc_of_segment = np.asarray(segments["doc_id"]["values"])
            new_doc = np.ones(len(doc_of_segment), dtype=bool)
            new_doc[1:] = doc_of_segment[1:] != doc_of_segment[:-1]
            first_segment = np.maximum.accumulate(np.where(new_doc, np.arange(len(new_doc)), 0))
            doc_first = seg_first[first_segment].astype(np.int32)
            columns[name] = np.arange(n, dtype=np.int32) - np.repeat(doc_first, run)
        else:
            spec = segments[name] if name in segments else per_norm[name]
            cats = spec.get("categories")
            dtype = _code_dtype(len(cats)) if cats is not None else np.dtype(spec["dtype"])
            values = np.asarray(spec["values"], dtype=dtype)
            if cats is not None:
                _checked_codes(values, len(cats), name)
            taken = np.repeat(values, run) if name in segments else values[norm_index]
            columns[name] = taken if cats is None else _categorical(taken, cats)
    return pd.DataFrame(columns, copy=False)


def _categorical(codes: np.ndarray, categories: list[Any]) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, categories=pd.Index(categories), validate=False)


@contextmanager
def _jemalloc() -> Iterator[None]:
    """Arrow's jemalloc pool as its default for a while, where this build of pyarrow has it.

    Reading the cache makes large buffers at once. On the development machine
    (transparent huge pages on advice) Arrow's default mimalloc pool took 1.3-2x as
    long to read the whole archive's tokens as jemalloc, most of it in the kernel
    (``benchmarks/RESULTS.md``). The buffers keep the pool that made them.
    """
    import pyarrow as pa

    try:
        pool = pa.jemalloc_memory_pool()
    except NotImplementedError:
        yield
        return
    previous = pa.default_memory_pool()
    pa.set_memory_pool(pool)
    try:
        yield
    finally:
        pa.set_memory_pool(previous)


def _write_cache(table: pd.DataFrame, path: Path, key: str, *, background: bool = False) -> None:
    """Write ``table`` to ``path`` atomically, now or in a background thread.

    Only what cannot be derived is stored per token: ``sent_id``, ``start`` and the
    codes of ``token`` and ``norm``, with each token's segment number. A token's
    ``end`` is its start plus its length, ``tok_id`` its place in its document;
    ``lemma`` and the three flags are functions of ``norm``, stored once per norm; the
    document and voice columns (``doc_id``, ``seg_id``, ``actor``, ... and the
    metadata) are constant in a segment, stored once per segment. Those small tables
    and the categories go in the file's metadata (Parquet's own dictionary columns
    take three to five times as long to read back). One row group, columns declared
    non-nullable (no definition level per value), delta encoding for the positions,
    LZ4 compression, no column statistics (nothing reads them). The columns are
    taken from ``table`` here; in the background only they are encoded and written.
    """
    columns: dict[str, Any] = {
        str(name): column.array if isinstance(column.dtype, pd.CategoricalDtype) else column.to_numpy()
        for name, column in table.items()
    }
    attrs: dict[str, Any] = {str(k): v for k, v in table.attrs.items() if k != "cache"}
    odd = [
        name
        for name, column in columns.items()
        if isinstance(column, pd.Categorical)
        and not all(isinstance(c, (str, int, float)) for c in column.categories)
    ]
    if odd:  # the small tables are JSON: categories of other types would come back as strings
        warnings.warn(f"{path}: not cached: columns {odd} have categories that are not text.", stacklevel=3)
        return

    def write() -> None:
        _write_arrow(_encode(columns, attrs, key), path)

    if not background:
        write()
        return
    thread = threading.Thread(target=write, name=f"write {path.name}")
    _WRITES[path] = thread
    thread.start()


def _encode(columns: dict[str, Any], attrs: dict[str, Any], key: str) -> Any:
    """The Arrow table of the stored columns, the rest in its metadata (see :func:`_write_cache`)."""
    import pyarrow as pa

    n = len(columns["start"])
    doc, seg = columns["doc_id"].codes, columns["seg_id"]
    starts = np.ones(n, dtype=bool)  # where a segment begins
    starts[1:] = (doc[1:] != doc[:-1]) | (seg[1:] != seg[:-1])
    seg_first = np.flatnonzero(starts)
    segment = (np.cumsum(starts, dtype=np.int32) - 1) if n else np.zeros(0, dtype=np.int32)
    norm = columns["norm"].codes
    segments, per_norm = {}, {}
    for name, column in columns.items():
        if name in _TOKEN_STORED or name in _DERIVED:
            continue
        values = _codes_or_values(column)
        if name in _PER_NORM:  # one value per norm: scattered by the norm codes
            at = np.zeros(len(columns["norm"].categories), dtype=values.dtype)
            at[norm] = values
            per_norm[name] = _spec(at, column)
        else:
            segments[name] = _spec(values[seg_first], column)
    meta = {
        "key": key,
        "attrs": attrs,
        "columns": list(columns),
        "categories": {name: columns[name].categories.tolist() for name in ("token", "norm")},
        "segment_starts": seg_first.tolist(),
        "segments": segments,
        "per_norm": per_norm,
    }
    arrays = [pa.array(segment), *(pa.array(_codes_or_values(columns[name])) for name in _TOKEN_STORED)]
    schema = pa.schema(
        [
            pa.field(name, a.type, nullable=False)
            for name, a in zip(["segment", *_TOKEN_STORED], arrays, strict=True)
        ],
        metadata={b"nkresearch": json.dumps(meta, default=str).encode()},
    )
    return pa.table(arrays, schema=schema)


def _codes_or_values(column: Any) -> np.ndarray:
    return np.asarray(column.codes if isinstance(column, pd.Categorical) else column)


def _spec(values: np.ndarray, column: Any) -> dict[str, Any]:
    """A small table's column for the metadata: its values, and its type or categories."""
    if isinstance(column, pd.Categorical):
        return {"values": values.tolist(), "categories": column.categories.tolist()}
    return {"values": values.tolist(), "dtype": str(values.dtype)}


def _write_arrow(arrow: Any, path: Path) -> None:
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    delta = {c: "DELTA_BINARY_PACKED" for c in _DELTA_COLUMNS if c in arrow.column_names}
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".parquet.tmp", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(
            arrow,
            tmp,
            row_group_size=max(arrow.num_rows, 1),
            use_dictionary=False,
            compression="lz4",  # a third faster to read back than snappy, and smaller
            column_encoding=delta,
            write_statistics=False,
        )
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as err:  # a cache that cannot be written only costs time
        warnings.warn(f"{path}: could not write the tokens cache ({err}).", stacklevel=2)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    earlier = re.compile(re.escape(path.name.rsplit("-", 1)[0]) + r"-[0-9a-f]{16}\.parquet")
    for old in path.parent.iterdir():  # the caches of earlier inputs of this corpus
        if old != path and earlier.fullmatch(old.name):
            old.unlink(missing_ok=True)
