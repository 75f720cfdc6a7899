"""The groups of ``by=``: one column or a list of columns of the tokens table, as integer codes.

Every analysis groups the same way: a token's group is its value of ``by`` (the
combination of values, for a list of columns); tokens without a value belong to no
group, as in pandas' ``groupby``. Tables sort their rows by the groups' values
(``kernels.alphabetical(groups.names)``; several columns: column by column).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ...errors import NKResearchError
from .checks import as_categorical
from .kernels import strings_at

if TYPE_CHECKING:
    from ...tokens.lazy import TokenStore

By = str | Sequence[str]


def by_columns(tokens: pd.DataFrame | TokenStore, func: str, by: By) -> list[str]:
    """The columns of ``by``, checked: each a column of the tokens table (or of a store's), at least one."""
    columns = [by] if isinstance(by, str) else list(by)
    if not columns:
        raise NKResearchError(f"{func}: by=[] names no column; pass a column such as 'actor'.")
    missing = [c for c in columns if c not in tokens.columns]
    if missing:
        raise NKResearchError(
            f"{func}: by={by!r}: {missing} not a column of the tokens table; "
            f"choose from {list(tokens.columns)}."
        )
    return columns


@dataclass
class Groups:
    """The group of every token (``codes``, -1 for none) and the values that name each group."""

    columns: list[str]
    codes: np.ndarray
    values: list[np.ndarray]  # per column: the value of each group, as text

    @property
    def names(self) -> np.ndarray:
        """One text per group (the values joined by " | " for several columns)."""
        if len(self.values) == 1:
            return self.values[0]
        return np.asarray([" | ".join(v) for v in zip(*self.values, strict=True)], dtype=object)

    def __len__(self) -> int:
        return len(self.values[0])

    def frame(self, group: np.ndarray) -> dict[str, pd.Series]:
        """The ``by`` columns of a result table whose rows belong to the groups ``group``."""
        return {c: strings_at(v, group) for c, v in zip(self.columns, self.values, strict=True)}

    def sharing(self, func: str, within: str | None, code: int) -> np.ndarray:
        """Which groups share group ``code``'s value of the ``by`` column ``within`` (all, for None).

        ``within="language"`` with ``by=["language", "actor"]``: the groups of the same
        language, so a "rest" reference stays in the target's language.
        """
        if within is None:
            return np.ones(len(self), dtype=bool)
        if within not in self.columns:
            raise NKResearchError(
                f"{func}: within={within!r} must be one of the by columns {self.columns} "
                f"(by=['language', 'actor'], within='language')."
            )
        values = self.values[self.columns.index(within)]
        return np.asarray(values == values[code], dtype=bool)

    def find(self, func: str, what: str, value: object) -> int:
        """The code of the group named ``value`` (a value, or a tuple of values for several columns)."""
        wanted = (value,) if not isinstance(value, tuple) else value
        for code, key in enumerate(zip(*self.values, strict=True)):
            if tuple(str(w) for w in wanted) == key:
                return code
        choices = sorted(self.names.tolist())
        raise NKResearchError(
            f"{func}: {what}={value!r} is not a group of by={self.columns}; choose one of {choices}."
        )


def groups_of(tokens: pd.DataFrame, func: str, by: By) -> Groups:
    """The groups of ``by`` in ``tokens``."""
    columns = by_columns(tokens, func, by)
    cats = [as_categorical(tokens[c]) for c in columns]
    if len(cats) == 1:
        names = np.asarray(pd.Index(cats[0].categories).astype(str), dtype=object)
        return Groups(columns, np.asarray(cats[0].codes), [names])
    codes = np.stack([np.asarray(c.codes, dtype=np.int64) for c in cats], axis=1)
    present = (codes >= 0).all(axis=1)
    combos, inverse = np.unique(codes[present], axis=0, return_inverse=True)  # sorted, column by column
    texts = [np.asarray(pd.Index(c.categories).astype(str), dtype=object) for c in cats]
    # categories are sorted alphabetically by as_categorical only for text; sort the combinations by text
    keys = [texts[i][combos[:, i]] for i in range(len(cats))]
    order = np.lexsort(keys[::-1]) if len(combos) else np.zeros(0, dtype=np.int64)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    group = np.full(len(codes), -1, dtype=np.int64)
    group[present] = rank[inverse.reshape(-1)]
    return Groups(columns, group, [k[order] for k in keys])


def union_of(parts: Sequence[Groups]) -> tuple[Groups, list[np.ndarray]]:
    """The groups of several parts together, sorted like :func:`groups_of`'s.

    Also, per part, the new code of each of its groups (for merging counts made part by part).
    """
    columns = parts[0].columns
    if any(p.columns != columns for p in parts):
        raise NKResearchError(f"the parts are grouped by different columns: {[p.columns for p in parts]}")
    keys = sorted({key for p in parts for key in zip(*p.values, strict=True)})
    code_of = {key: code for code, key in enumerate(keys)}
    values = [np.asarray([k[i] for k in keys], dtype=object) for i in range(len(columns))]
    maps = [np.asarray([code_of[k] for k in zip(*p.values, strict=True)], dtype=np.int64) for p in parts]
    return Groups(columns, np.zeros(0, dtype=np.int64), values), maps


def added_over(parts: Sequence[tuple[Groups, list[np.ndarray]]]) -> tuple[Groups, list[np.ndarray]]:
    """Per-group counts of several parts added up over the union of their groups (:func:`union_of`).

    Each part gives its groups and some arrays of one count per group (its words, its
    documents, an item's uses); the k-th arrays of the parts add up to the k-th result.

    Examples
    --------
    >>> a = Groups(["actor"], np.zeros(0, dtype=np.int64), [np.array(["Baku"], dtype=object)])
    >>> b = Groups(["actor"], np.zeros(0, dtype=np.int64), [np.array(["Baku", "Moscow"], dtype=object)])
    >>> groups, (words,) = added_over([(a, [np.array([3])]), (b, [np.array([1, 2])])])
    >>> groups.names.tolist(), words.tolist()
    (['Baku', 'Moscow'], [4, 2])
    """
    groups, maps = union_of([g for g, _ in parts])
    totals = [np.zeros(len(groups), dtype=np.int64) for _ in parts[0][1]]
    for (_, counts), code in zip(parts, maps, strict=True):
        for total, per_group in zip(totals, counts, strict=True):
            np.add.at(total, code, per_group)
    return groups, totals


def check_show(tokens: pd.DataFrame, func: str, show: object) -> list[str]:
    """The columns of ``show`` (a column, a list of them or None), each a column of the tokens table."""
    extra = [] if show is None else [show] if isinstance(show, str) else list(show)  # type: ignore[call-overload]
    missing = [c for c in extra if c not in tokens.columns]
    if missing:
        raise NKResearchError(
            f"{func}: show={show!r}: {missing} not a column of the tokens table; "
            f"choose from {list(tokens.columns)}."
        )
    return [str(c) for c in extra]


def shown_columns(
    table: pd.DataFrame, tokens: pd.DataFrame, func: str, *, by: str, show: object
) -> pd.DataFrame:
    """``table`` with the ``show`` columns of the tokens table, one value per group of ``by``, after ``by``.

    What a reader wants beside a text's position (its actor, its year) without a merge
    that would drop the table's ``attrs``. A group whose tokens have several values of a
    column (a news article with several voices) shows the value of most of its tokens
    (ties: the first in sorted order), as a text's main voice.
    """
    extra = [c for c in dict.fromkeys(check_show(tokens, func, show)) if c != by and c not in table.columns]
    if not extra:
        return table
    key = tokens[by].astype(str)
    values = pd.DataFrame(index=pd.Index(sorted(key.unique()), name=by))
    for column in extra:
        pairs = pd.DataFrame({by: key, column: tokens[column]}).dropna()
        counts = pairs.value_counts(sort=False).rename("n").reset_index()
        counts = counts.sort_values([by, "n", column], ascending=[True, False, True], kind="stable")
        most = counts.drop_duplicates(by).set_index(by)[column]
        values[column] = (
            most.astype(most.cat.categories.dtype) if isinstance(most.dtype, pd.CategoricalDtype) else most
        )
    place = list(table.columns).index(by) + 1
    joined = table.join(values, on=by)
    out = joined[[*table.columns[:place], *extra, *table.columns[place:]]]
    out.attrs.update(table.attrs)
    return out
