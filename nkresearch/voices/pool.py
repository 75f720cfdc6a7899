"""Running the automatic rules over many documents, or very long ones: pieces and worker processes.

The rules cost about two seconds per million characters in one process. Documents
together holding at least :data:`PARALLEL_CHARS` characters are attributed in worker
processes (each compiles the rules once); a document longer than :data:`PIECE_CHARS`
is cut at paragraph breaks into pieces attributed on their own, so one long document
also uses every core and memory stays flat. What a piece loses: a pronoun or a quote
at its start cannot reach a source in the piece before (a few sentences per million
characters), and only the first piece looks for a headline.

Workers end with their caller (:func:`worker_pool`, used by the token builder too): on
an exception or an interrupt the pool is cancelled and its workers terminated, and each
worker watches the process that started it, so a caller killed outright (a timeout's
SIGTERM or SIGKILL, a restarted Jupyter kernel) leaves no worker running.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .auto import AutoAttributor, tidy

#: Documents holding at least this many characters in all are attributed in worker processes.
PARALLEL_CHARS = 2_000_000
#: A document longer than this is cut into pieces of about this many characters.
PIECE_CHARS = 1_000_000


@dataclass(frozen=True)
class Job:
    """One document, or one piece of a long one, and what its metadata declares."""

    text: str
    offset: int  # where the piece starts in its document
    declared: tuple[tuple[str, str], ...]  # outlet, actor, speaker, title
    year: int | None
    opening: bool  # the first piece: the one that may hold a headline


def pieces(text: str, size: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """Cut ``text`` into ``(start, end)`` pieces of about ``size`` characters at paragraph breaks."""
    cuts, start = [], 0
    while len(text) - start > size:
        at = text.find("\n\n", start + size)
        if at < 0:
            at = text.find("\n", start + size)
        if at < 0:
            break
        cuts.append((start, at + 1))
        start = at + 1
    cuts.append((start, len(text)))
    return cuts


#: How often a worker checks that the process that started it is still there (seconds).
PARENT_POLL = 0.5
#: Ask the kernel for SIGKILL when the parent dies (Linux); the polling thread works everywhere.
PDEATHSIG = sys.platform.startswith("linux")
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _end_with(parent: int) -> None:
    """End this worker when ``parent`` does, however it ends (SIGKILL included).

    On Linux the kernel sends SIGKILL when the parent exits (``PR_SET_PDEATHSIG``; strictly
    when the thread that started the worker ends: the pool's caller, which waits inside
    :func:`worker_pool`). A daemon thread also polls the parent's id, on every platform,
    and exits at once (``os._exit``) when the worker has been handed to another process.
    """
    if PDEATHSIG:
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            threading.Event().wait(PARENT_POLL)
        os._exit(1)

    threading.Thread(target=watch, name="nkresearch-parent-watch", daemon=True).start()


def _start_worker(parent: int, initializer: Callable[..., object] | None, initargs: tuple[Any, ...]) -> None:
    _end_with(parent)
    if initializer is not None:
        initializer(*initargs)


@contextlib.contextmanager
def worker_pool(
    workers: int, initializer: Callable[..., object] | None = None, initargs: tuple[Any, ...] = ()
) -> Iterator[ProcessPoolExecutor]:
    """A process pool whose workers end with the caller.

    Used as ``with worker_pool(2) as pool: ...``. Leaving the block normally waits for
    the workers as ``ProcessPoolExecutor`` does; an exception, ``KeyboardInterrupt``
    included, cancels what is queued and terminates the workers before it propagates
    (a plain pool would let them finish their running jobs, and keep idle ones waiting).

    Parameters
    ----------
    workers
        The number of worker processes.
    initializer, initargs
        Called in each worker as ``initializer(*initargs)`` once it watches its parent.
    """
    pool = ProcessPoolExecutor(
        workers, initializer=_start_worker, initargs=(os.getpid(), initializer, initargs)
    )
    try:
        yield pool
    except BaseException:
        processes = list((getattr(pool, "_processes", None) or {}).values())  # forgotten on shutdown
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        raise
    pool.shutdown(wait=True)


_WORKER: AutoAttributor | None = None


def _init(speakers: pd.DataFrame, places: pd.DataFrame) -> None:
    global _WORKER
    _WORKER = AutoAttributor(speakers, places)


#: start, end, actor, speaker, kind, rule, source_rule, relation, relation_source
Row = tuple[int, int, str, str, str, str, str, str, str]


def _run(job: Job, auto: AutoAttributor | None = None) -> list[Row]:
    """The tidied labels of one job, as rows with offsets into its document."""
    rules = auto or _WORKER
    assert rules is not None
    labels = tidy(job.text, rules.document(job.text, dict(job.declared), year=job.year, opening=job.opening))
    o = job.offset
    return [
        (
            lab.start + o,
            lab.end + o,
            lab.actor,
            lab.speaker,
            lab.kind,
            str(lab.rule),
            str(lab.source_rule),
            lab.relation,
            lab.relation_source,
        )
        for lab in labels
    ]


def attribute(
    documents: list[tuple[str, dict[str, str], int | None]],
    speakers: pd.DataFrame,
    places: pd.DataFrame,
    *,
    workers: int | None = None,
) -> list[list[Row]]:
    """The automatic labels of each ``(text, declared, year)`` as rows, in order, tidied per piece."""
    jobs: list[Job] = []
    owner: list[int] = []
    for i, (text, declared, year) in enumerate(documents):
        for k, (s, e) in enumerate(pieces(text)):
            jobs.append(Job(text[s:e], s, tuple(declared.items()), year, k == 0))
            owner.append(i)
    workers = workers or os.cpu_count() or 1
    total = sum(len(t) for t, _, _ in documents)
    if workers <= 1 or total < PARALLEL_CHARS or len(jobs) < 2:
        auto = AutoAttributor(speakers, places)
        results = [_run(job, auto) for job in jobs]
    else:
        chunksize = max(1, len(jobs) // (workers * 8))
        with worker_pool(workers, _init, (speakers, places)) as pool:
            results = list(pool.map(_run, jobs, chunksize=chunksize))
    merged: list[list[Row]] = [[] for _ in documents]
    for i, rows in zip(owner, results, strict=True):
        merged[i] += rows
    return merged
