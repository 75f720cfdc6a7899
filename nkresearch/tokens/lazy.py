"""A corpus's token store as a lazy handle: its parts read one at a time, never all at once.

:func:`nkresearch.token_store` makes sure the store of a folder corpus holds every part
(:mod:`.parts`) and returns a :class:`TokenStore`, which holds only the parts' paths
and keys. The analyses that count (``term_frequencies``, ``keyness``, ``log_odds``, ...)
take it in place of a tokens table and count it part by part
(:mod:`nkresearch.analysis.core.stores`), so a corpus larger than memory can be
counted, here or on a Dask cluster.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import NKResearchError
from .build import merged_attrs
from .store import Stored, code_dtype, decode, read_cache, read_meta, read_parts


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
        """The whole tokens table in memory: every part read, joined as stored and decoded once."""
        parts = []
        for file, part in zip(self.files, read_parts([Path(f) for f in self.files], self.keys), strict=True):
            if part is None:
                raise _damaged(file, "see the warning")
            parts.append(part)
        doc_ids = [str(d) for p in parts for d in p.meta["segments"]["doc_id"]["categories"]]
        table = decode_parts(parts, doc_ids)
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


def decode_parts(parts: list[Stored], doc_ids: list[str]) -> pd.DataFrame:
    """One tokens table from the stored parts of consecutive documents, with their merged attrs."""
    merged = parts[0] if len(parts) == 1 else merge_stored(parts, doc_ids)
    table = decode(merged)
    table.attrs.update(merged.meta["attrs"])
    return table


def merge_stored(parts: list[Stored], doc_ids: list[str]) -> Stored:
    """The parts of consecutive documents joined as stored: decoded, equal to a build of them all at once.

    Text columns keep their codes: each categorical's categories are the sorted union
    of the parts' (as a build of all documents makes them; ``doc_id``: ``doc_ids``, in
    corpus order), and each part's codes are mapped to the union's through a table the
    size of its categories. Only the per-token codes and positions are joined; the
    tokens table is then decoded once, so no part is ever a table of its own here.
    """
    metas = [p.meta for p in parts]
    if any(m["columns"] != metas[0]["columns"] for m in metas):
        raise NKResearchError(
            f"the parts of a token store have different columns ({metas[0]['columns']} and others); "
            "delete the store's folder to rebuild it."
        )
    categories, maps = {}, {}
    for name in ("token", "norm"):
        categories[name], maps[name] = _union([m["categories"][name] for m in metas])
    tokens = np.cumsum([0, *map(len, parts)])
    segments = np.cumsum([0, *(len(m["segment_starts"]) for m in metas)])
    columns = _joined_columns(parts, tokens, segments, maps, categories)
    meta = {
        "key": "",
        "attrs": merged_attrs([m.get("attrs", {}) for m in metas]),
        "columns": metas[0]["columns"],
        "categories": categories,
        "segment_starts": np.concatenate(
            [np.asarray(m["segment_starts"], dtype=np.int64) + t for m, t in zip(metas, tokens, strict=False)]
        ),
        "segments": {
            name: _joined([m["segments"][name] for m in metas], doc_ids if name == "doc_id" else None)
            for name in metas[0]["segments"]
        },
        "per_norm": {
            name: _scattered([m["per_norm"][name] for m in metas], maps["norm"], len(categories["norm"]))
            for name in metas[0]["per_norm"]
        },
    }
    return Stored(columns, meta)


def _joined_columns(
    parts: list[Stored],
    tokens: np.ndarray,
    segments: np.ndarray,
    maps: dict[str, list[np.ndarray]],
    categories: dict[str, pd.Index],
) -> dict[str, np.ndarray]:
    """The parts' per-token columns one after another, each part's column let go once copied.

    ``tokens``/``segments``: where each part's tokens and segments begin; ``maps``: each
    part's codes of ``token`` and ``norm`` in ``categories``, the union of theirs. The
    parts give up their columns here (the caller decodes the result and keeps no part),
    so the parts and the joined columns are never held whole at once.
    """
    dtypes = {
        "segment": np.dtype(np.int32 if segments[-1] < 2**31 else np.int64),
        "sent_id": np.result_type(*(p.columns["sent_id"] for p in parts)),
        "start": np.result_type(*(p.columns["start"] for p in parts)),
        "token": np.dtype(code_dtype(len(categories["token"]))),
        "norm": np.dtype(code_dtype(len(categories["norm"]))),
    }
    columns = {name: np.empty(int(tokens[-1]), dtype=dtype) for name, dtype in dtypes.items()}
    for k, part in enumerate(parts):
        at = slice(int(tokens[k]), int(tokens[k + 1]))
        np.add(part.columns.pop("segment"), segments[k], out=columns["segment"][at], casting="unsafe")
        for name in ("sent_id", "start"):
            columns[name][at] = part.columns.pop(name)
        for name in ("token", "norm"):  # code -1 (missing) wraps to the map's last entry, -1
            lookup = maps[name][k].astype(dtypes[name])
            np.take(lookup, part.columns.pop(name), out=columns[name][at], mode="wrap")
    return columns


def _union(lists: list[list[Any]], order: list[str] | None = None) -> tuple[pd.Index, list[np.ndarray]]:
    """The union of some categories (sorted, or ``order``), and each list's codes in it (-1 kept).

    One hash pass numbers every list's values (:func:`pandas.factorize`); only the
    distinct values are then looked up in the union. Matched as Python objects (the
    categories come from JSON as such): pandas' string type would convert them for
    every lookup.
    """
    arrays = [np.asarray(c, dtype=object) for c in lists]
    codes, distinct = pd.factorize(np.concatenate(arrays), use_na_sentinel=False)
    if order is not None:
        values: list[Any] = list(order)
    else:
        values = list(distinct)
        with contextlib.suppress(TypeError):  # categories that do not sort together keep first appearance
            values.sort()
    position = pd.Index(values, dtype=object).get_indexer(np.asarray(distinct, dtype=object))
    ends = np.cumsum([0, *map(len, arrays)])
    maps = [np.append(position[codes[a:b]], -1) for a, b in pairwise(ends)]
    return pd.Index(values), maps


def _joined(specs: list[dict[str, Any]], order: list[str] | None) -> dict[str, Any]:
    """A per-segment column of the parts, one after another (categories joined by :func:`_union`)."""
    if "categories" not in specs[0]:
        dtype = np.result_type(*(np.dtype(s["dtype"]) for s in specs))
        return {
            "values": np.concatenate([np.asarray(s["values"], dtype=dtype) for s in specs]),
            "dtype": str(dtype),
        }
    union, maps = _union([s["categories"] for s in specs], order)
    codes = [m[np.asarray(s["values"], dtype=np.int64)] for m, s in zip(maps, specs, strict=True)]
    return {"values": np.concatenate(codes), "categories": union}


def _scattered(specs: list[dict[str, Any]], norm_maps: list[np.ndarray], n_norms: int) -> dict[str, Any]:
    """A per-norm column of the parts, each value put at its norm's code in the union of the norms."""
    categorical = "categories" in specs[0]
    if categorical:
        union, maps = _union([s["categories"] for s in specs])
        values = [m[np.asarray(s["values"], dtype=np.int64)] for m, s in zip(maps, specs, strict=True)]
        dtype = np.dtype(np.int64)
    else:
        dtype = np.result_type(*(np.dtype(s["dtype"]) for s in specs))
        values = [np.asarray(s["values"], dtype=dtype) for s in specs]
    out = np.zeros(n_norms, dtype=dtype)
    for at, value in zip(norm_maps, values, strict=True):
        out[at[:-1]] = value
    return {"values": out, "categories": union} if categorical else {"values": out, "dtype": str(dtype)}
