"""Counting a token store part by part: in this process, or on a Dask cluster.

An analysis that counts takes a tokens table or a :class:`nkresearch.TokenStore`
(:func:`nkresearch.token_store`). Its counting step is a function of one tokens table
(a part holds whole documents); :func:`count_parts` runs it on the table, or on each
part of the store in turn, or on the workers of a Dask ``client`` (each reads its part
from the store's path: a path and a key travel, never a table), and the analysis adds
the parts' counts up (:meth:`.counts.TermCounts.merge`). Only one part's tokens are
in memory at a time here; with a client, none.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd

from ...errors import NKResearchError
from ...tokens.lazy import TokenStore, read_part

__all__ = ["MERGE_EVERY", "TokenStore", "Tokens", "check_client", "count_parts", "in_memory"]

T = TypeVar("T")

#: Counts of this many parts are merged at once (and the merged counts with the next ones).
MERGE_EVERY = 8

#: What an analysis that counts part by part takes: the tokens table, or a token store.
Tokens = pd.DataFrame | TokenStore


def count_parts(
    tokens: Tokens,
    count: Callable[[pd.DataFrame], T],
    merge: Callable[[list[T]], T],
    *,
    client: Any = None,
    ordered: bool = False,
) -> T:
    """``count`` of the tokens table, or of each part of a store (on ``client``'s cluster), merged.

    ``count`` must be picklable for a client (a module-level function, or a
    ``functools.partial`` of one) and return what does not hold the part's table;
    ``merge`` adds up a list of its results. The parts' results are merged as they
    come, :data:`MERGE_EVERY` at a time and the merged ones again in a tree, so they
    never pile up here and no count is merged more than a few times: the merge must not
    depend on their order (:meth:`.counts.TermCounts.merge` sorts terms and groups),
    unless ``ordered``: then the parts' results are merged in the store's order (a
    concordance's lines in text order), waiting for each in turn on a cluster.
    """
    if isinstance(tokens, pd.DataFrame):
        return count(tokens)
    if client is None:
        results = (count(tokens.read(i)) for i in range(len(tokens)))
    else:
        from distributed import as_completed

        # no list of the futures is kept: a part's counts leave the cluster once they are taken
        futures = deque(client.map(_count_part, tokens.files, tokens.keys, count=count, pure=False))
        if ordered:
            results = (futures.popleft().result() for _ in range(len(futures)))
        else:
            arriving = as_completed(futures)  # type: ignore[no-untyped-call]
            futures.clear()  # as_completed lets each go as it hands it over
            results = (future.result() for future in arriving)
    levels: list[list[T]] = [[]]  # a merge tree: MERGE_EVERY results of a level make one of the next
    for result in results:
        levels[0].append(result)
        level = 0
        while len(levels[level]) == MERGE_EVERY:
            if level + 1 == len(levels):
                levels.append([])
            levels[level + 1].append(merge(levels[level]))
            levels[level] = []
            level += 1
    rest = [r for level_results in reversed(levels) for r in level_results]  # the earliest first
    return merge(rest) if len(rest) > 1 else rest[0]


def _count_part(file: str, key: str, *, count: Callable[[pd.DataFrame], T]) -> T:
    """On a worker: read one part of the store and count it."""
    return count(read_part(file, key))


def in_memory(tokens: Tokens, func: str, what: str) -> pd.DataFrame:
    """The tokens table itself; for a store, the package error: ``what`` needs the whole table."""
    if isinstance(tokens, TokenStore):
        raise NKResearchError(
            f"{func}: {what} needs the tokens table in memory; pass store.to_pandas() "
            "(or nk.corpus_tokens(...)) instead of the token store."
        )
    return tokens


def check_client(func: str, tokens: Tokens, client: Any) -> None:
    """A client counts a store's parts: with a tokens table in memory, the package error."""
    if client is not None and not isinstance(tokens, TokenStore):
        raise NKResearchError(
            f"{func}: client= counts the parts of a token store on the cluster; pass "
            "nk.token_store(...) as the tokens (a table in memory is counted here)."
        )
