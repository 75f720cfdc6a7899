"""Worker processes: the one pool the package starts, and the one size of input that is worth it.

Reading, attributing and tokenizing a large corpus runs in worker processes
(:mod:`nkresearch.tokens.build`, :mod:`nkresearch.voices.pool`); both start them here,
so both decide alike (:func:`workers_for`, one threshold: :data:`PARALLEL_CHARS`) and
their workers end alike. Given a Dask client (``dask.distributed``), the build's jobs
go to that client's cluster instead, whatever it is (local processes, SSH, a batch
queue, Kubernetes, a cloud service): :func:`executor` is the one seam that submits them.
Workers end with their caller: on an exception or an interrupt
the pool is cancelled and its workers terminated, and each worker watches the process
that started it, so a caller killed outright (a timeout's SIGTERM or SIGKILL, a
restarted Jupyter kernel) leaves no worker running.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

#: Inputs of at least this many characters in all are worked on in worker processes: below,
#: starting them (each imports the package and compiles the rules) costs more than it saves.
PARALLEL_CHARS = 2_000_000


def workers_for(workers: int | None, chars: int, jobs: int) -> int:
    """How many processes work on ``jobs`` pieces of ``chars`` characters: 1 (this one) when small.

    ``workers`` is the caller's choice (None: every core).

    >>> big = 10 * PARALLEL_CHARS
    >>> workers_for(None, 100, 5), workers_for(4, big, 5), workers_for(4, big, 1)
    (1, 4, 1)
    """
    n = workers or os.cpu_count() or 1
    return n if n > 1 and chars >= PARALLEL_CHARS and jobs >= 2 else 1


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


class DaskExecutor:
    """A Dask client as the build's executor: ``submit`` gives a future with ``result()``."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run ``fn(*args)`` on one of the cluster's workers (not deduplicated by its arguments)."""
        return self.client.submit(fn, *args, pure=False)

    def workers(self) -> int:
        """How many workers the cluster has now (at least 1)."""
        return max(len(self.client.scheduler_info().get("workers", {})), 1)


class InProcess:
    """The calling process as an executor: ``submit`` runs the job at once, giving its finished future."""

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        """Run ``fn(*args)`` here; its exception, if any, is raised by ``result()``."""
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args))
        except Exception as err:  # as a pool would: raised by result()
            future.set_exception(err)
        return future


def release_free_memory() -> None:
    """Hand the free pages of this process's heap back to the system (glibc's ``malloc_trim``).

    A store's parts as read or built (their layouts hold millions of small objects: each
    part's categories) are freed once the tokens table is decoded, but glibc keeps their
    pages for reuse, and the large arrays made next (an analysis's counts) are mapped
    anew: after a cold build of the whole UN archive about half a gigabyte stayed
    resident beside the table (``benchmarks/RESULTS.md``). Dask's workers trim their
    memory the same way. Nothing happens where the C library has no ``malloc_trim``
    (macOS, Windows, musl).
    """
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


@contextlib.contextmanager
def executor(workers: int, client: Any = None) -> Iterator[Any]:
    """Where jobs run: the cluster of a Dask ``client`` when one is given, else :func:`worker_pool`.

    Used as ``with executor(2, client) as pool: pool.submit(fn, *args).result()``. On an
    exception the client's futures of this block that are still held are cancelled, as
    the pool's workers are terminated; a future its caller has let go of is not kept
    alive here, so the cluster releases its result (a build of 10x the UN archive kept
    every chunk's tokens on the workers when it was).

    Parameters
    ----------
    workers
        Local worker processes, without a client (1: this process, no worker started).
    client
        A ``distributed.Client`` (its workers must be able to import nkresearch and to
        read the corpus's folder).
    """
    if client is None and workers == 1:  # no process to start: each job runs when submitted
        yield InProcess()
        return
    if client is None:
        with worker_pool(workers) as pool:
            yield pool
        return
    dask = DaskExecutor(client)
    futures: weakref.WeakSet[Any] = weakref.WeakSet()  # not kept alive here: a result taken is released
    submit = dask.submit

    def tracked(fn: Callable[..., Any], *args: Any) -> Any:
        future = submit(fn, *args)
        futures.add(future)
        return future

    dask.submit = tracked  # type: ignore[method-assign]
    try:
        yield dask
    except BaseException:
        client.cancel(list(futures))
        raise


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
