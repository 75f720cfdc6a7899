"""Running the automatic rules over many documents, or very long ones: pieces and worker processes.

The rules cost about two seconds per million characters in one process. Documents
together holding at least :data:`nkresearch.workers.PARALLEL_CHARS` characters are
attributed in worker processes (each compiles the rules once); a document longer than :data:`PIECE_CHARS`
is cut at paragraph breaks into pieces attributed on their own, so one long document
also uses every core and memory stays flat. What a piece loses: a pronoun or a quote
at its start cannot reach a source in the piece before (a few sentences per million
characters), and only the first piece looks for a headline.

The workers are those of :func:`nkresearch.workers.worker_pool`, which end with their caller.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..workers import worker_pool, workers_for
from .auto import AutoAttributor, tidy

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
    workers = workers_for(workers, sum(len(t) for t, _, _ in documents), len(jobs))
    if workers == 1:
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
