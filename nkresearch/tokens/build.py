"""Building a corpus's tokens table: serially, or in worker processes for large corpora.

Small corpora go load -> segment -> tokenize in this process. A corpus of at least
:data:`nkresearch.workers.PARALLEL_CHARS` bytes is cut into chunks of documents (kept whole and in
order) that worker processes read, clean, segment and tokenize; the parent merges
their columns into one table equal to a serial build, categories included.
"""

from __future__ import annotations

import copy
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..corpus.documents import load_corpus, read_documents, read_text
from ..corpus.languages import LANGUAGES
from ..corpus.source import Source
from ..corpus.templates import Templates, outlets_of, templates_of
from ..voices.segment import segment_voices
from ..workers import DaskExecutor, executor, workers_for
from .store import code_dtype
from .tokenizer import tokenize

#: Characters per chunk handed to a worker.
CHUNK_CHARS = 4_000_000


def build(
    source: Source,
    method: str,
    options: dict[str, object],
    workers: int | None,
    progress: bool,
    client: Any = None,
) -> tuple[pd.DataFrame, bool]:
    """The tokens table of a corpus, and whether it was made in worker processes.

    With a Dask ``client``, a folder's documents are built on its cluster, whatever
    their size (:func:`nkresearch.workers.executor`).
    """
    if source.documents is not None:  # already in memory: segmented and tokenized here
        return _tokens_of(source.documents, method, options, workers), False
    rows, sizes = source.table, list(source.sizes)
    if client is not None:
        workers = DaskExecutor(client).workers()
    else:
        workers = workers_for(workers, sum(sizes), len(rows))
        if workers == 1:
            return _tokens_of(load_corpus(source), method, options), False
    spec = (source.folder, source.corpus, method, options)
    return _build_parallel(rows, sizes, spec, workers, progress, client), True


def _tokens_of(
    docs: pd.DataFrame, method: str, options: dict[str, object], workers: int | None = None
) -> pd.DataFrame:
    segments = segment_voices(docs, method=method, workers=workers)  # type: ignore[arg-type]
    return tokenize(segments, **options)  # type: ignore[arg-type]


def _concat(parts: list[dict[str, Any]], doc_ids: list[str]) -> pd.DataFrame:
    """Concatenate the columns of token tables, text columns staying categorical.

    A text column comes from each part as integer codes and the list of its
    categories. The parts' categories are merged into one sorted list (``doc_id``:
    ``doc_ids``, in corpus order) and each part's codes written into the final array
    through an integer lookup, so no string is touched per token. Columns are merged
    in threads (numpy copies without holding the interpreter lock) and each part's
    arrays are released as soon as they are copied.
    """
    attrs = merged_attrs([p["attrs"] for p in parts])  # each chunk counted its own documents
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
        width = code_dtype(len(merged))
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
    table.attrs.update(attrs)
    return table


def merged_attrs(attrs: list[dict[str, Any]]) -> dict[str, Any]:
    """The attrs of tokens tables of parts as one table's: each language's documents added up."""
    merged = copy.deepcopy({k: v for k, v in attrs[0].items() if k != "cache"})
    languages: dict[str, dict[str, Any]] = {}
    for one in attrs:
        for code, facts in one.get("tokenize", {}).get("languages", {}).items():
            if code in languages:
                languages[code]["documents"] = languages[code].get("documents", 0) + facts.get("documents", 0)
            else:
                languages[code] = dict(facts)
    if "tokenize" in merged and languages:
        order = {code: i for i, code in enumerate(LANGUAGES)}  # as a build of all documents lists them
        merged["tokenize"]["languages"] = dict(sorted(languages.items(), key=lambda kv: order.get(kv[0], 99)))
    return merged


def _codes(column: Any) -> Any:
    return column[0] if isinstance(column, tuple) else column


def _sorted_union(lists: list[list[Any]]) -> list[Any]:
    values: set[object] = set().union(*lists)
    try:
        return sorted(values)
    except TypeError:  # values that do not sort together: first appearance
        return list(dict.fromkeys(v for values_ in lists for v in values_))


def _tokens_of_files(
    table: pd.DataFrame,
    folder: Path,
    corpus: dict[str, str],
    method: str,
    options: dict[str, object],
    templates: Templates,
) -> dict[str, Any]:
    """In a worker: read and clean some documents, attribute voices, tokenize.

    The table goes back as its columns: arrays, and for each categorical its codes
    and the list of its categories, which the parent merges (:func:`_concat`).
    """
    docs = read_documents(table, folder, corpus, templates=templates)
    tokens = _tokens_of(docs, method, options, workers=1)  # in a worker already
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
    spec: tuple[Path, dict[str, str], str, dict[str, object]],
    workers: int,
    progress: bool,
    client: Any = None,
) -> pd.DataFrame:
    """Read, clean, segment and tokenize chunks of documents in worker processes (or on a Dask cluster).

    ``spec``: the folder, the corpus's record, the voice method and the tokenize options.
    """
    from tqdm.auto import tqdm

    folder, corpus, method, options = spec

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
    # the site templates of the outlets of all documents, not of one chunk: as a serial build
    outlets = outlets_of(table)
    templates = {} if outlets is None else templates_of(table, [read_text(folder / f) for f in table["file"]])
    parts: list[dict[str, Any]] = []
    with executor(workers, client) as pool:  # local workers end with this process
        futures = [
            pool.submit(_tokens_of_files, table.iloc[c], folder, corpus, method, options, templates)
            for c in chunks
        ]
        for future in tqdm(futures, desc="tokenizing", unit="chunk", disable=not progress):
            parts.append(future.result())
    return _concat(parts, [str(d) for d in table["doc_id"]])
