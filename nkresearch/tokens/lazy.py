"""A corpus's token store as a lazy handle: its parts read one at a time, never all at once.

:func:`nkresearch.token_store` makes sure the store of a folder corpus holds every part
(:mod:`.parts`) and returns a :class:`TokenStore`, which holds only the parts' paths
and keys. The analyses that count (``term_frequencies``, ``keyness``, ``log_odds``, ...)
take it in place of a tokens table and count it part by part
(:mod:`nkresearch.analysis.core.stores`), so a corpus larger than memory can be
counted, here or on a Dask cluster.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from ..errors import NKResearchError
from .build import merged_attrs
from .store import code_dtype, read_cache, read_meta


@dataclass(frozen=True)
class TokenStore:
    """The parts of a corpus's token store: where each is, and the key it must hold.

    Nothing is read until asked for: :meth:`read` reads one part (checked as the cache
    is: its key and checksums), iterating reads them one after another, and
    :meth:`to_pandas` reads and merges them all into one tokens table.
    """

    path: Path
    files: tuple[str, ...]
    keys: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.files)

    def __repr__(self) -> str:
        return f"TokenStore({str(self.path)!r}, {len(self)} parts)"

    def read(self, part: int) -> pd.DataFrame:
        """The tokens table of part ``part``; the package error when it no longer reads back whole."""
        return read_part(self.files[part], self.keys[part])

    def __iter__(self) -> Iterator[pd.DataFrame]:
        for part in range(len(self)):
            yield self.read(part)

    @cached_property
    def _metas(self) -> list[dict[str, Any]]:
        """Each part's attrs and columns (not the rest of its layout, which is as large as its vocabulary)."""
        return [{k: v for k, v in _meta_of(f).items() if k in ("attrs", "columns")} for f in self.files]

    @cached_property
    def attrs(self) -> dict[str, Any]:
        """The attrs of the whole tokens table (``corpus``, ``tokenize``, ...), from the parts' own."""
        merged = merged_attrs([m.get("attrs", {}) for m in self._metas])
        merged["cache"] = {"path": str(self.path), "from_cache": True, "parts": len(self)}
        return merged

    @property
    def columns(self) -> pd.Index:
        """The columns of the tokens table (those of every part)."""
        names: list[str] = self._metas[0]["columns"] if self._metas else []
        return pd.Index(names)

    def to_pandas(self) -> pd.DataFrame:
        """The whole tokens table in memory: every part read and merged, in corpus order."""
        tables = list(self)
        doc_ids = [str(d) for t in tables for d in t["doc_id"].cat.categories]
        table = tables[0] if len(tables) == 1 else merge_parts(tables, doc_ids)
        table.attrs["cache"] = dict(self.attrs["cache"])
        return table


def read_part(file: str, key: str) -> pd.DataFrame:
    """One part of a store (on a Dask worker too: a path and a key travel, not a table)."""
    table = read_cache(Path(file), key)
    if table is None:
        raise _damaged(file, "see the warning")
    return table


def _meta_of(file: str) -> dict[str, Any]:
    try:
        return read_meta(Path(file))
    except Exception as err:  # any damage: the file is named, and the fix
        raise _damaged(file, str(err)) from err


def _damaged(file: str, why: str) -> NKResearchError:
    return NKResearchError(
        f"{file}: this part of the token store no longer reads back whole ({why}); "
        "call nk.token_store(...) again to rebuild it."
    )


def merge_parts(tables: list[pd.DataFrame], doc_ids: list[str]) -> pd.DataFrame:
    """One tokens table from the tables of consecutive parts, equal to a build of them all at once.

    Text columns stay categorical: their categories are the sorted union of the parts'
    (as a build of all documents makes them; ``doc_id``: ``doc_ids``, in corpus order),
    recoded by pandas' ``union_categoricals`` without a string per token. The parts'
    tables are emptied column by column as the merged one is made.
    """
    attrs = merged_attrs([{str(k): v for k, v in t.attrs.items()} for t in tables])
    columns: dict[str, object] = {}
    for name in list(tables[0].columns):
        values = [t[name] for t in tables]
        if name == "doc_id":
            position = {d: i for i, d in enumerate(doc_ids)}
            codes = [
                np.append(np.fromiter(map(position.__getitem__, v.cat.categories), np.int32), -1)[v.cat.codes]
                for v in values
            ]
            columns[name] = pd.Categorical.from_codes(
                np.concatenate(codes).astype(code_dtype(len(doc_ids))),
                categories=pd.Index(doc_ids),
                validate=False,
            )
        elif isinstance(values[0].dtype, pd.CategoricalDtype):
            columns[name] = union_categoricals([v.array for v in values], sort_categories=True)
        else:
            columns[name] = np.concatenate([v.to_numpy() for v in values])
        for t in tables:  # the parts' copy of this column goes: the peak is one table and a column
            del t[name]
    table = pd.DataFrame(columns, copy=False)
    table.attrs.update(attrs)
    return table
