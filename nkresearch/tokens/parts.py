"""The parts of a corpus's token store: which documents go together, and what names each part.

A corpus's tokens are cached as a store of parts (:mod:`.cache`), each a Parquet file of
the tokens of some consecutive documents (:mod:`.store`), so that a corpus that grows
by new files grows by new parts, and a changed file rebuilds its own part only.

Where a part ends does not depend on the rest of the corpus: a part ends after a
document with the probability ``size / PART_CHARS``, decided by a hash of the
document's file name (content-defined chunking, as rsync and restic cut files). Parts
hold about :data:`PART_CHARS` characters on average, whatever the documents' sizes, and
adding, removing or changing one document moves no boundary but its own: every other
part keeps its documents, and so its key.

A part's key hashes everything that shapes its tokens (:func:`part_keys`): the corpus's
header (the cache format, the package version, the source, the options, the code and
resources that shape tokens, the annotation file), and for each of its documents the
file name, the file's bytes (through their SHA-256), its metadata row, and the site
templates of its outlet (:mod:`nkresearch.corpus.templates`: the cleaning removes them,
so a new page of an outlet that changes its templates changes the parts of that outlet).
"""

from __future__ import annotations

import contextlib
import dataclasses
import glob
import hashlib
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..corpus.pages import has_pages
from ..corpus.source import Source
from ..corpus.templates import Templates
from ..workers import release_free_memory
from .build import build_parts, corpus_templates, workers_of
from .key import file_digests, header_key
from .lazy import TokenStore, decode_parts
from .store import Stored, read_parts, read_stored, remove_stale_temporaries, write_part

#: The mean characters of text a part holds (its documents are read whole).
PART_CHARS = 8_000_000
#: A part is cut at the latest when it holds this many times :data:`PART_CHARS`.
MAX_PARTS_OF_MEAN = 2
#: The store's memo of its corpus's site templates, by the files they were found in.
TEMPLATES_MEMO = "templates.json"


def partition(names: Sequence[str], sizes: Sequence[int], *, part_chars: int = PART_CHARS) -> list[list[int]]:
    """Consecutive runs of document positions, each one part (see the module docstring).

    >>> partition(["a.txt", "b.txt", "c.txt"], [10, 10, 10], part_chars=10)  # each ends a part
    [[0], [1], [2]]
    >>> len(partition([f"{i}.txt" for i in range(1000)], [1] * 1000, part_chars=100)) < 30
    True
    """
    parts: list[list[int]] = []
    current: list[int] = []
    filled = 0
    for i, (name, size) in enumerate(zip(names, sizes, strict=True)):
        current.append(i)
        filled += size
        draw = int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big") / 2**64
        if draw < size / part_chars or filled >= MAX_PARTS_OF_MEAN * part_chars:
            parts.append(current)
            current, filled = [], 0
    if current:
        parts.append(current)
    return parts


def part_keys(
    header: str,
    table: pd.DataFrame,
    parts: list[list[int]],
    file_digests: Sequence[bytes],
    templates: Mapping[str, frozenset[str]],
) -> list[str]:
    """The key of each part: the header's hash and, per document, what shapes its tokens."""
    outlets = _outlets(table)
    outlet_digest = {
        outlet: hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()
        for outlet, lines in templates.items()
    }
    rows = table.to_dict("records")
    keys = []
    for part in parts:
        digest = hashlib.sha256(header.encode())
        for i in part:
            row = json.dumps(rows[i], sort_keys=True, default=str)
            outlet = outlets[i]
            digest.update(f"\0{row}\0{outlet_digest.get(outlet, '')}\0".encode())
            digest.update(file_digests[i])
        keys.append(digest.hexdigest())
    return keys


def _outlets(table: pd.DataFrame) -> list[str]:
    from ..corpus.templates import outlets_of

    outlets = outlets_of(table)
    return [""] * len(table) if outlets is None else [str(o) for o in outlets]


def part_file(key: str) -> str:
    """The file name of the part with ``key``."""
    return f"part-{key[:16]}.parquet"


# --- the store: reading the parts that are there, building those that are not -----------------


def fill_store(
    src: Source,
    options: dict[str, object],
    tokenize: dict[str, object],
    folder: Path,
    run: tuple[int | None, bool, Any],
    *,
    keep: bool,
) -> tuple[TokenStore, list[Stored] | None, int]:
    """Make sure the store ``<folder>/tokens-<name>-<uid>/`` of a folder corpus holds every part.

    Each part whose file holds its key and reads back whole is kept as it is; the
    others are built (:func:`.build.build_parts`: in worker processes, or on the
    cluster of a Dask client, for a large remainder) and each is written as soon as its
    last chunk is done, so no more is held here than ``keep`` asks. A damaged or stale
    part is rebuilt with a warning naming its file (:func:`.store.read_cache`); the
    files of parts the corpus no longer has are removed once the new ones are written.
    ``run``: the worker processes (None: every core), whether to show progress, a Dask
    client or None.

    Returns the store, with ``keep`` every part as stored (:class:`.store.Stored`, about
    a third of its table's memory) in corpus order (else None), and how many parts were built.
    """
    from ..voices.gold import GOLD_FILE

    store = folder / f"tokens-{src.name}-{src.uid}"
    remove_stale_temporaries(store)
    header = header_key(src, options=options, annotations=GOLD_FILE)
    digests = file_digests(src.files, folder)
    templates = _templates(src, header, digests, store)
    parts = partition([str(f) for f in src.table["file"]], list(src.sizes), part_chars=PART_CHARS)
    keys = part_keys(header, src.table, parts, digests, templates)
    paths = [store / part_file(key) for key in keys]
    tables: list[Stored | None]
    if keep:  # every part is kept: read in threads
        there = [k for k, path in enumerate(paths) if path.is_file()]
        read = dict(zip(there, read_parts([paths[k] for k in there], [keys[k] for k in there]), strict=True))
        tables = [read.get(k) for k in range(len(paths))]
        stale = [k for k, part in enumerate(tables) if part is None]
    else:  # a store perhaps larger than memory: each part read only to check it, one at a time
        tables = [None] * len(paths)
        stale = [
            k
            for k, (path, key) in enumerate(zip(paths, keys, strict=True))
            if not path.is_file() or read_stored(path, key) is None
        ]
    if stale:
        workers, progress, client = run
        rows = [i for k in stale for i in parts[k]]
        sub = dataclasses.replace(
            src, table=src.table.iloc[rows].reset_index(drop=True), sizes=tuple(src.sizes[i] for i in rows)
        )
        offsets = np.cumsum([0, *(len(parts[k]) for k in stale)])
        sub_parts = [list(range(offsets[j], offsets[j + 1])) for j in range(len(stale))]

        def write(j: int, table: pd.DataFrame) -> None:
            k = stale[j]
            part = write_part(table, paths[k], keys[k])
            if keep:
                tables[k] = part

        spec = (str(options["method"]), tokenize, templates, has_pages(src.table))
        build_parts(sub, sub_parts, spec, (workers_of(sub, workers, client), progress, client), write)
        names = {path.name for path in paths}
        for old in store.glob("part-*.parquet"):  # the parts the corpus no longer has
            if old.name not in names:
                old.unlink(missing_ok=True)
    _remove_single_file_caches(folder, store.name)
    handle = TokenStore(path=store, files=tuple(str(p) for p in paths), keys=tuple(keys))
    return handle, [t for t in tables if t is not None] if keep else None, len(stale)


def _remove_single_file_caches(folder: Path, stem: str) -> None:
    """Remove the one-file caches an earlier version wrote for this corpus (the store replaces them)."""
    for old in folder.glob(f"{glob.escape(stem)}-*.parquet"):
        old.unlink(missing_ok=True)


def stored_tokens(
    src: Source,
    options: dict[str, object],
    tokenize: dict[str, object],
    folder: Path,
    run: tuple[int | None, bool, Any],
) -> pd.DataFrame:
    """The tokens table of a folder corpus, from its store (:func:`fill_store`), its parts merged."""
    handle, tables, rebuilt = fill_store(src, options, tokenize, folder, run, keep=True)
    assert tables is not None
    table = decode_parts(tables, [str(d) for d in src.table["doc_id"]])
    del tables  # the parts as stored, and their layouts' millions of small objects: freed, and
    release_free_memory()  # the pages of the heap they leave free handed back before any analysis
    table.attrs["cache"] = {
        "path": str(handle.path),
        "from_cache": not rebuilt,
        "parts": len(handle),
        "rebuilt": rebuilt,
    }
    return table


def _templates(src: Source, header: str, digests: Sequence[bytes], store: Path) -> Templates:
    """The corpus's site templates, remembered in the store by the files of its outlets' documents."""
    outlets = _outlets(src.table)
    if not any(outlets):
        return {}
    digest = hashlib.sha256(header.encode())
    for name, outlet, file_digest in zip(src.table["file"], outlets, digests, strict=True):
        if outlet:
            digest.update(f"\0{name}\0{outlet}\0".encode())
            digest.update(file_digest)
    key = digest.hexdigest()
    memo = store / TEMPLATES_MEMO
    with contextlib.suppress(OSError, ValueError):
        kept = json.loads(memo.read_text(encoding="utf-8"))
        if isinstance(kept, dict) and kept.get("key") == key:
            return {str(o): frozenset(map(str, lines)) for o, lines in kept["templates"].items()}
    templates = corpus_templates(src.table, src.folder)
    record = {"key": key, "templates": {o: sorted(lines) for o, lines in templates.items()}}
    with contextlib.suppress(OSError):  # a memo that cannot be written only costs time
        store.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".templates.{os.getpid()}.", suffix=".tmp", dir=store)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(record, handle)
        os.replace(tmp, memo)
    return templates
