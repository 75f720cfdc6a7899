"""The token store: a tokens table as one Parquet file, and back.

Only what cannot be derived is stored per token (see :func:`write_cache`); the rest
goes in the file's metadata as small tables. Files are written to a temporary name
(carrying the writer's process id) and renamed, so a crash never leaves a
half-written cache under its final name; the temporary files of a writer that died
are removed by the next write into the same folder. A file that cannot be read whole,
or holds another key than its name, is reported and not used.

Two checksums guard a file: Parquet's page checksums (CRC-32 of every data page,
written and verified by Arrow), and a SHA-256 over the stored columns and the
file's own metadata, kept in the file and checked before the table is trusted, so
that neither a flipped bit nor a file rewritten by hand with other values loads.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import threading
import warnings
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "Stored",
    "code_dtype",
    "decode",
    "process_alive",
    "read_cache",
    "read_meta",
    "read_parts",
    "read_stored",
    "remove_stale_temporaries",
    "wait_for_writes",
    "write_cache",
    "write_part",
]

#: Columns stored per token in the cache (see :func:`write_cache`), after ``segment``.
_TOKEN_STORED = ("sent_id", "start", "token", "norm")
#: Columns that are functions of ``norm``, stored once per norm.
_PER_NORM = ("lemma", "is_stop", "is_punct", "is_alpha")
#: Columns worked out from the others on reading.
_DERIVED = ("end", "tok_id")
#: Columns written with delta encoding (they grow by small steps along the table).
_DELTA_COLUMNS = ("segment", "sent_id", "start")
#: The file's metadata entries: the layout and small tables, and the digest over them and the columns.
_META, _DIGEST = b"nkresearch", b"nkresearch-sha256"
#: Background cache writes of this process, by cache path.
_WRITES: dict[Path, threading.Thread] = {}


def wait_for_writes() -> None:
    """Return once every tokens cache this process is writing in the background is on disk.

    :func:`write_cache` can write in a background thread, and Python waits for it at
    exit anyway. :func:`corpus_tokens` no longer does: a folder's parts are written as
    each is built, before it returns. Kept for code that calls it.

    Examples
    --------
    >>> import nkresearch as nk
    >>> nk.cache.wait_for_writes()
    """
    for path in list(_WRITES):
        thread = _WRITES.pop(path, None)
        if thread is not None:
            thread.join()


def read_meta(path: Path) -> dict[str, Any]:
    """The layout and attrs a cache file records about itself, without reading its columns."""
    import pyarrow.parquet as pq

    meta: dict[str, Any] = json.loads((pq.read_schema(path).metadata or {}).get(_META, b"{}"))
    return meta


@dataclass(frozen=True)
class Stored:
    """A tokens table as its file holds it: the per-token columns, and the layout in ``meta``.

    ``columns``: ``segment`` and the columns of ``_TOKEN_STORED`` (``token`` and
    ``norm`` as codes); ``meta``: the categories, the per-segment and per-norm tables
    and the attrs (see :func:`write_cache`). :func:`decode` makes the tokens table;
    :func:`nkresearch.tokens.lazy.merge_stored` joins the parts of a store first, so a
    whole corpus is decoded once.
    """

    columns: dict[str, np.ndarray]
    meta: dict[str, Any]

    def __len__(self) -> int:
        return len(self.columns["segment"])


def read_stored(path: Path, key: str) -> Stored | None:
    """The columns and layout stored at ``path`` if it holds ``key`` and reads back whole, else None."""
    return read_parts([path], [key])[0]


def read_parts(paths: Sequence[Path], keys: Sequence[str]) -> list[Stored | None]:
    """:func:`read_stored` for many files, read in threads; None (warned) for each that cannot be trusted.

    Arrow's reading, the checksum and the checks release the interpreter lock, so the
    files are read one a core. The warnings are given here, in the files' order.
    """
    with _jemalloc():  # once for every thread: the pool is the process's default
        if len(paths) < 2:
            found = [_read(path, key) for path, key in zip(paths, keys, strict=True)]
        else:
            with ThreadPoolExecutor(max_workers=min(len(paths), os.cpu_count() or 1)) as threads:
                found = list(threads.map(_read, paths, keys))
    for path, part in zip(paths, found, strict=True):
        if isinstance(part, str):
            warnings.warn(f"{path}: unreadable tokens cache ({part}); rebuilding it.", stacklevel=3)
    return [None if isinstance(part, str) else part for part in found]


def _read(path: Path, key: str) -> Stored | str:
    """The part stored at ``path``, or why it cannot be trusted."""
    import pyarrow.parquet as pq

    try:
        with pq.ParquetFile(path, page_checksum_verification=True) as file:  # every page's CRC checked
            file_meta = file.schema_arrow.metadata or {}
            meta_bytes = file_meta.get(_META, b"{}")
            meta = json.loads(meta_bytes)
            if meta.get("key") != key:
                raise ValueError("the key inside the file does not match its name")
            arrow = file.read()  # one row group: one chunk a column
        if arrow.column_names != ["segment", *_TOKEN_STORED]:
            raise ValueError("its columns are not those of the tokens cache")
        # a single chunk without nulls is viewed, not copied (read-only, kept alive by the view)
        stored = {
            name: arrow.column(name).chunk(0).to_numpy(zero_copy_only=False) for name in arrow.column_names
        }
        if file_meta.get(_DIGEST, b"").decode() != _digest(meta_bytes, stored):
            raise ValueError("its checksum does not match its contents: the file was changed or damaged")
        _check(stored, meta)
    except Exception as err:  # a damaged cache is never trusted, whatever the damage
        return str(err)
    return Stored(stored, meta)


def read_cache(path: Path, key: str) -> pd.DataFrame | None:
    """The tokens table stored at ``path`` if it holds ``key`` and reads back whole, else None (warned)."""
    stored = read_stored(path, key)
    if stored is None:
        return None
    try:
        table = decode(stored)
    except Exception as err:  # its small tables do not fit its columns
        warnings.warn(f"{path}: unreadable tokens cache ({err}); rebuilding it.", stacklevel=2)
        return None
    table.attrs = {**stored.meta.get("attrs", {}), "cache": {"path": str(path), "from_cache": True}}
    return table


def code_dtype(n_categories: int) -> type[np.signedinteger[Any]]:
    """The integer type of pandas' codes for this many categories (so they are not copied again)."""
    return np.int8 if n_categories < 127 else np.int16 if n_categories < 32_767 else np.int32


def _checked_codes(codes: np.ndarray, n_categories: int, name: str) -> np.ndarray:
    if len(codes) and (int(codes.max()) >= n_categories or int(codes.min()) < -1):
        raise ValueError(f"column {name!r} has codes outside its categories")
    return codes


def _check(stored: dict[str, np.ndarray], meta: dict[str, Any]) -> None:
    """That the per-token columns fit the layout: codes within their categories, segments where it says."""
    segment, categories = stored["segment"], meta["categories"]
    seg_first = np.asarray(meta["segment_starts"], dtype=np.int64)
    if len(segment) and (int(segment.max()) >= len(seg_first) or int(segment.min()) < 0):
        raise ValueError("column 'segment' points past the segments")
    for name in ("token", "norm"):
        _checked_codes(stored[name], len(categories[name]), name)
    if not np.array_equal(seg_first, np.flatnonzero(np.diff(segment, prepend=-1))):
        raise ValueError("its segments are not where it says they start")


def decode(part: Stored) -> pd.DataFrame:
    """The tokens table from the stored columns and the per-segment and per-norm tables (no attrs)."""
    stored, meta = part.columns, part.meta
    segments, per_norm, categories = meta["segments"], meta["per_norm"], meta["categories"]
    n = len(stored["segment"])
    seg_first = np.asarray(meta["segment_starts"], dtype=np.int64)
    codes = {name: stored[name] for name in ("token", "norm")}
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
            dtype = code_dtype(len(cats)) if cats is not None else np.dtype(spec["dtype"])
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

    Reading the cache makes large buffers at once; with transparent huge pages on
    advice, Arrow's default mimalloc pool spent much longer in the kernel doing it
    (``benchmarks/RESULTS.md``, design measurements). The buffers keep the pool that
    made them.
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


def write_cache(
    table: pd.DataFrame, path: Path, key: str, *, background: bool = False, replaces: bool = True
) -> None:
    """Write ``table`` to ``path`` atomically, now or in a background thread.

    ``replaces``: remove the caches of earlier inputs of the same corpus (files named
    as ``path`` but for its key) once it is written; a part of a store leaves its
    siblings alone (:mod:`.parts` removes the parts a corpus no longer has).

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
    columns, attrs = _table_columns(table)
    if not _cacheable(columns, path):
        return

    def write() -> None:
        stored, meta = _layout(columns, attrs, key)
        _write_arrow(_arrow(stored, json.dumps(meta, default=str).encode()), path, replaces=replaces)

    if not background:
        write()
        return
    thread = threading.Thread(target=write, name=f"write {path.name}")
    _WRITES[path] = thread
    thread.start()


def write_part(table: pd.DataFrame, path: Path, key: str) -> Stored:
    """Write ``table`` as a part of a store (as :func:`write_cache`), and return it as stored.

    What is returned is what :func:`read_stored` would read back (the layout goes
    through its JSON), so a part just built and a part read decode alike; it holds
    about a third of the table's memory. A table that cannot be cached is not
    written (with :func:`write_cache`'s warning) and is returned as stored all the same.
    """
    columns, attrs = _table_columns(table)
    stored, meta = _layout(columns, attrs, key)
    if not _cacheable(columns, path):
        return Stored(stored, meta)
    meta_bytes = json.dumps(meta, default=str).encode()
    _write_arrow(_arrow(stored, meta_bytes), path, replaces=False)
    return Stored(stored, json.loads(meta_bytes))


def _table_columns(table: pd.DataFrame) -> tuple[dict[str, Any], dict[str, Any]]:
    columns: dict[str, Any] = {
        str(name): column.array if isinstance(column.dtype, pd.CategoricalDtype) else column.to_numpy()
        for name, column in table.items()
    }
    return columns, {str(k): v for k, v in table.attrs.items() if k != "cache"}


def _cacheable(columns: dict[str, Any], path: Path) -> bool:
    """Whether the cache's layout holds these columns; warned when it does not."""
    odd = [
        name
        for name, column in columns.items()
        if isinstance(column, pd.Categorical) and not _json_categories(column.categories)
    ]
    if odd:  # the small tables are JSON: categories of other types would come back as strings
        warnings.warn(f"{path}: not cached: columns {odd} have categories that are not text.", stacklevel=4)
    return not odd


#: What pandas infers of categories that JSON gives back as they are (text and numbers).
_JSON_KINDS = frozenset({"string", "integer", "floating", "mixed-integer-float", "boolean", "empty"})


def _json_categories(categories: pd.Index) -> bool:
    """Categories that are text or numbers only (inferred in C; a mixed kind is checked one by one)."""
    if pd.api.types.infer_dtype(categories, skipna=False) in _JSON_KINDS:
        return True
    return all(isinstance(c, (str, int, float)) for c in categories)


def _layout(
    columns: dict[str, Any], attrs: dict[str, Any], key: str
) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The stored columns and the layout of the rest (see :func:`write_cache`)."""
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
    stored = {"segment": segment, **{name: _codes_or_values(columns[name]) for name in _TOKEN_STORED}}
    return stored, meta


def _arrow(stored: dict[str, np.ndarray], meta_bytes: bytes) -> Any:
    """The Arrow table of the stored columns, the layout and the digest in its metadata."""
    import pyarrow as pa

    arrays = [pa.array(v) for v in stored.values()]
    schema = pa.schema(
        [pa.field(name, a.type, nullable=False) for name, a in zip(stored, arrays, strict=True)],
        metadata={_META: meta_bytes, _DIGEST: _digest(meta_bytes, stored).encode()},
    )
    return pa.table(arrays, schema=schema)


def _digest(meta_bytes: bytes, stored: dict[str, np.ndarray]) -> str:
    """SHA-256 over the file's metadata entry and every stored column (name, type, bytes)."""
    digest = hashlib.sha256(meta_bytes)
    for name, column in stored.items():
        values = np.ascontiguousarray(column)
        digest.update(f"{name}:{values.dtype.str}:{len(values)}".encode())
        digest.update(values.data.cast("B") if values.size else b"")
    return digest.hexdigest()


def _codes_or_values(column: Any) -> np.ndarray:
    return np.asarray(column.codes if isinstance(column, pd.Categorical) else column)


def _spec(values: np.ndarray, column: Any) -> dict[str, Any]:
    """A small table's column for the metadata: its values, and its type or categories."""
    if isinstance(column, pd.Categorical):
        return {"values": values.tolist(), "categories": column.categories.tolist()}
    return {"values": values.tolist(), "dtype": str(values.dtype)}


def _write_arrow(arrow: Any, path: Path, *, replaces: bool = True) -> None:
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    delta = {c: "DELTA_BINARY_PACKED" for c in _DELTA_COLUMNS if c in arrow.column_names}
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.{os.getpid()}.", suffix=".parquet.tmp", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(
            arrow,
            tmp,
            row_group_size=max(arrow.num_rows, 1),
            use_dictionary=False,
            compression="lz4",  # faster to read back than snappy, and smaller (RESULTS.md)
            column_encoding=delta,
            write_statistics=False,
            write_page_checksum=True,
        )
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as err:  # a cache that cannot be written only costs time
        warnings.warn(f"{path}: could not write the tokens cache ({err}).", stacklevel=2)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    if not replaces:
        return
    earlier = re.compile(re.escape(path.name.rsplit("-", 1)[0]) + r"-[0-9a-f]{16}\.parquet")
    for old in path.parent.iterdir():  # the caches of earlier inputs of this corpus
        if old != path and earlier.fullmatch(old.name):
            old.unlink(missing_ok=True)


#: A writer's temporary file: ``.<name>.<pid>.<random>.parquet.tmp`` (a cache) or
#: ``.input-digests.<pid>.<random>.tmp`` (the memo of :mod:`nkresearch.tokens.key`).
_TEMPORARY = re.compile(r"\.[^.]+\.(?P<pid>\d+)\.[^.]+\.(?:parquet\.)?tmp")


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the temporary files of cache writers that are no longer running.

    A write killed before its rename leaves ``.<name>.<pid>.<random>.parquet.tmp``; the
    writer's process id in the name tells a dead writer's file from one being written
    now (by this or another process). Returns the files removed.
    """
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in folder.iterdir():
        match = _TEMPORARY.fullmatch(path.name)
        if match is None:
            continue
        pid = int(match.group("pid"))
        if pid == os.getpid() and any(t.is_alive() for t in _WRITES.values()):
            continue  # this process is writing in the background
        if pid != os.getpid() and process_alive(pid):
            continue
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def process_alive(pid: int) -> bool:
    """Whether the process ``pid`` runs (a writer that died left its temporary files)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True
