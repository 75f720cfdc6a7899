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

from .config import PROCESSED_DIR, RESOURCES_DIR
from .corpus import _check_files, _read_metadata, _resolve_source, load_corpus, read_documents
from .tokens import tokenize
from .voices import GOLD_FILE, segment_voices

__all__ = ["PARALLEL_CHARS", "PROCESSED_DIR", "cache_key", "corpus_tokens", "wait_for_writes"]

CACHE_FORMAT = 2
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
        # codes in the integer type pandas keeps for this many categories (never copied again)
        n = len(merged)
        width = np.int8 if n < 127 else np.int16 if n < 32_767 else np.int32
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


#: Columns written with delta encoding (they grow by small steps along the table).
_DELTA_COLUMNS = ("seg_id", "sent_id", "tok_id", "start", "end")
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
        if arrow.column_names != meta["columns"]:
            raise ValueError("its columns are not those it lists")
        columns: dict[str, object] = {}
        for name in arrow.column_names:
            column = arrow.column(name)
            # a single chunk without nulls is viewed, not copied (read-only, kept alive by the view)
            values = (
                column.chunk(0).to_numpy(zero_copy_only=False)
                if column.num_chunks == 1
                else column.to_numpy()
            )
            cats = meta["categories"].get(name)
            if cats is not None:  # integer codes + the categories kept in the metadata
                if len(values) and (values.max() >= len(cats) or values.min() < -1):
                    raise ValueError(f"column {name!r} has codes outside its categories")
                values = pd.Categorical.from_codes(values, categories=pd.Index(cats), validate=False)
            columns[name] = values
        table = pd.DataFrame(columns, copy=False)
    except Exception as err:  # a damaged cache is never trusted, whatever the damage
        warnings.warn(f"{path}: unreadable tokens cache ({err}); rebuilding it.", stacklevel=3)
        return None
    table.attrs = {**meta.get("attrs", {}), "cache": {"path": str(path), "from_cache": True}}
    return table


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

    A categorical column is stored as its integer codes, its categories (strings)
    in the file's metadata: Parquet's own dictionary columns take three to five
    times as long to read back. One row group, columns without nulls declared
    non-nullable, delta encoding for the positions, LZ4 compression, no column
    statistics (nothing reads them). The Arrow table is made here, so later
    changes to ``table`` never reach the file.
    """
    import pyarrow as pa

    arrays, categories = [], {}
    for name in table.columns:
        column = table[name]
        if isinstance(column.dtype, pd.CategoricalDtype) and all(
            isinstance(c, str) for c in column.cat.categories
        ):
            categories[name] = column.cat.categories.tolist()
            arrays.append(pa.array(column.cat.codes.to_numpy()))
        else:
            arrays.append(pa.array(column.to_numpy()))
    attrs = {k: v for k, v in table.attrs.items() if k != "cache"}
    meta = {"key": key, "attrs": attrs, "columns": list(table.columns), "categories": categories}
    # fields without nulls declared so: Parquet then stores no definition level per value,
    # which makes the file a quarter faster to write and a third faster to read
    schema = pa.schema(
        [pa.field(n, a.type, nullable=a.null_count > 0) for n, a in zip(table.columns, arrays, strict=True)],
        metadata={b"nkresearch": json.dumps(meta, default=str).encode()},
    )
    arrow = pa.table(arrays, schema=schema)
    if not background:
        _write_arrow(arrow, path)
        return
    thread = threading.Thread(target=_write_arrow, args=(arrow, path), name=f"write {path.name}")
    _WRITES[path] = thread
    thread.start()


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
