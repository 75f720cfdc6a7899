"""Building a corpus's tokens table: serially, or in worker processes for large corpora.

Small corpora go load -> segment -> tokenize in this process. A corpus of at least
:data:`nkresearch.workers.PARALLEL_CHARS` bytes is cut into chunks of documents (kept whole and in
order) that worker processes read, clean, segment and tokenize; the parent merges
their columns into one table equal to a serial build, categories included.
"""

from __future__ import annotations

import copy
import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..corpus.documents import load_corpus, read_documents, read_text
from ..corpus.languages import LANGUAGES
from ..corpus.pages import has_pages, is_page
from ..corpus.source import Source
from ..corpus.templates import Templates, outlets_of, templates_of
from ..voices.segment import segment_voices
from ..workers import DaskExecutor, executor, workers_for
from .store import code_dtype
from .tokenizer import tokenize

#: Characters per chunk handed to a worker.
CHUNK_CHARS = 4_000_000
#: Jobs submitted per worker ahead of the one whose result is awaited: the workers never wait
#: for work, and the results not yet taken (each a chunk's tokens) never pile up on them.
JOBS_AHEAD = 3


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
    workers = workers_of(source, workers, client)
    if workers == 1 and client is None:
        return _tokens_of(load_corpus(source), method, options), False
    # the site templates of the outlets of all documents, not of one chunk's: as a serial build
    spec = (method, options, corpus_templates(source.table, source.folder), has_pages(source.table))
    out: list[pd.DataFrame] = []
    whole = [list(range(len(source.table)))]
    build_parts(source, whole, spec, (workers, progress, client), lambda _, table: out.append(table))
    return out[0], True


def workers_of(source: Source, workers: int | None, client: Any) -> int:
    """The processes a build of ``source`` uses: the client's workers, else :func:`workers_for`'s."""
    if client is not None:
        return DaskExecutor(client).workers()
    return workers_for(workers, sum(source.sizes), len(source.table))


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
    how: tuple[str, dict[str, object]],
    templates: Templates,
    pages: bool,
) -> dict[str, Any]:
    """In a worker: read and clean some documents, attribute voices, tokenize.

    ``how``: the voice method and the tokenize options; ``pages``: whether the corpus
    holds saved pages (so every chunk has the page columns). The table goes back as its
    columns: arrays, and for each categorical its codes and the list of its categories,
    which the parent merges (:func:`_concat`).
    """
    method, options = how
    docs = read_documents(table, folder, corpus, templates=templates, workers=1, pages=pages)  # in a worker
    tokens = _tokens_of(docs, method, options, workers=1)
    columns = {
        name: (column.cat.codes.to_numpy(), column.cat.categories.tolist())
        if isinstance(column.dtype, pd.CategoricalDtype)
        else column.to_numpy()
        for name, column in tokens.items()
    }
    return {"attrs": tokens.attrs, "columns": columns}


def corpus_templates(table: pd.DataFrame, folder: Path) -> Templates:
    """The site templates of a corpus's outlets, from all its documents (none without outlets)."""
    texts = table[[not is_page(str(f)) for f in table["file"]]]  # a page's furniture is found in its markup
    outlets = outlets_of(texts)
    return {} if outlets is None else templates_of(texts, [read_text(folder / f) for f in texts["file"]])


def chunks_of(parts: list[list[int]], sizes: list[int], workers: int) -> list[tuple[int, list[int]]]:
    """The jobs of a build: runs of consecutive documents, each within one part, as ``(part, rows)``.

    A job holds at most :data:`CHUNK_CHARS` characters (a worker's memory grows with its
    job), and there are at least four per worker when the parts allow, balanced by size;
    with one worker each part is one job.

    >>> chunks_of([[0, 1, 2], [3]], [10, 10, 10, 10], workers=2)
    [(0, [0]), (0, [1]), (0, [2]), (1, [3])]
    >>> chunks_of([[0, 1, 2], [3]], [10, 10, 10, 10], workers=1)
    [(0, [0, 1, 2]), (1, [3])]
    """
    total = sum(sizes[i] for part in parts for i in part)
    target = min(total / (workers * 4), CHUNK_CHARS) if workers > 1 else float("inf")
    jobs: list[tuple[int, list[int]]] = []
    for k, part in enumerate(parts):
        current: list[int] = []
        filled = 0
        for i in part:
            current.append(i)
            filled += sizes[i]
            if filled >= target:
                jobs.append((k, current))
                current, filled = [], 0
        if current:
            jobs.append((k, current))
    return jobs


def build_parts(
    source: Source,
    parts: list[list[int]],
    spec: tuple[str, dict[str, object], Templates, bool],
    run: tuple[int, bool, Any],
    on_part: Callable[[int, pd.DataFrame], None],
) -> None:
    """Build the tokens of some parts of a folder corpus, handing each part's table to ``on_part``.

    ``parts``: lists of positions of ``source.table`` (consecutive documents); ``spec``:
    the voice method, the tokenize options and the site templates of the whole corpus;
    ``run``: the worker processes (1: this process), whether to show progress, and a
    Dask client or None. The jobs (:func:`chunks_of`) run in worker processes or on the
    client's cluster, :data:`JOBS_AHEAD` a worker submitted ahead of the one awaited; a
    part's table is assembled as soon as its last job is done and handed over in part
    order, so neither the caller nor the workers hold more than a few chunks' tokens.
    """
    from tqdm.auto import tqdm

    method, options, templates, pages = spec
    workers, progress, client = run
    table, folder, corpus = source.table, source.folder, source.corpus
    jobs = chunks_of(parts, list(source.sizes), workers)
    last_job = {k: j for j, (k, _) in enumerate(jobs)}
    doc_ids = [str(d) for d in table["doc_id"]]
    with executor(workers, client) as pool:  # local workers end with this process
        pending: deque[Any] = deque()

        def submit_ahead() -> None:  # at most JOBS_AHEAD jobs a worker not yet taken from
            while len(pending) < JOBS_AHEAD * workers and len(pending) + taken < len(jobs):
                rows = jobs[taken + len(pending)][1]
                args = (table.iloc[rows], folder, corpus, (method, options), templates, pages)
                pending.append(pool.submit(_tokens_of_files, *args))

        done: list[dict[str, Any]] = []
        bar = tqdm(total=len(jobs), desc="tokenizing", unit="chunk", disable=not progress or workers == 1)
        for taken, (k, _) in enumerate(jobs):
            submit_ahead()
            done.append(pending.popleft().result())  # its result is here now: the executor forgets it
            bar.update()
            if last_job.get(k) == taken:
                on_part(k, _concat(done, [doc_ids[i] for i in parts[k]]))
                done = []
        bar.close()
