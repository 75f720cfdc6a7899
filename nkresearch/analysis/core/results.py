"""What a result table says about itself: one schema of ``attrs``, written by one decorator.

Every public analysis is decorated with :func:`result_of`, which writes the same keys
on the table it returns, so plots (:func:`nkresearch.plot`), sentences
(:func:`nkresearch.describe`) and a reader of a saved table never guess from a
column's position:

``analysis``
    what made the table: the function's name (``"term_frequencies"``), or the name
    of the shape it returned when an option changes the shape (``"wordfish_words"``).
``by``
    the group columns of the table, always a list (``[]`` for none).
``unit``
    the token column terms were read from (``norm``, ``lemma``, ``token``; ``None``
    for an analysis that reads no terms).
every option of the call
    by its parameter name, defaults included (a pattern as its text, a table given
    as an option by its size).
``corpus``, ``tokenize``
    the corpus and tokenizer options of the tokens table analysed.

and whatever the analysis computed about the whole table (``terms_tested``, ``note``,
``converged``, ...). ``tests/test_schema.py`` runs every public analysis and checks these keys.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import pandas as pd

from ...errors import NKResearchError
from ...tokens.lazy import TokenStore

F = TypeVar("F", bound=Callable[..., Any])

#: the public analyses, by name: the functions decorated with :func:`result_of`
ANALYSES: dict[str, Callable[..., Any]] = {}
#: the analyses that take a token store as well as a tokens table
STORE_AWARE: set[str] = set()
#: the keys every result carries
SCHEMA = ("analysis", "by", "unit", "corpus", "tokenize")


def by_list(by: object) -> list[str]:
    """``by`` as a list of column names (``None`` is no column).

    >>> by_list("actor"), by_list(("actor", "kind")), by_list(None)
    (['actor'], ['actor', 'kind'], [])
    """
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    return [str(b) for b in by]  # type: ignore[attr-defined]


def _plain(value: object) -> object:
    """An option as it is recorded: a compiled pattern as its text, a table as its size."""
    if isinstance(value, re.Pattern):
        return value.pattern
    if isinstance(value, pd.DataFrame):
        return f"a table of {len(value)} rows"
    if isinstance(value, pd.Series):
        return {str(k): v for k, v in value.items()}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def result_of(name: str, *, store: bool = False) -> Callable[[F], F]:
    """Register an analysis under ``name`` and write the schema's ``attrs`` on every table it returns.

    ``store``: the analysis also counts a token store (:mod:`.stores`); one that does
    not, given a store, raises the package error that says what to pass instead.

    The first parameter (the tokens table) is not an option; the others are
    recorded as called, defaults filled in. Keys the analysis set itself are kept,
    and win over the recorded option of the same name (``window`` as a
    ``(left, right)`` pair); ``by`` always ends a list.

    >>> @result_of("example_count")
    ... def count(tokens, *, by="actor", unit="norm", min_freq=1):
    ...     return pd.DataFrame({"n": [len(tokens)]})
    >>> count(pd.DataFrame({"x": [1, 2]}), by=["actor", "kind"]).attrs["by"]
    ['actor', 'kind']
    >>> _ = ANALYSES.pop("example_count")
    """

    def wrap(func: F) -> F:
        signature = inspect.signature(func)
        first = next(iter(signature.parameters))

        @functools.wraps(func)
        def call(*args: Any, **kwargs: Any) -> Any:
            if not store and args and isinstance(args[0], TokenStore):
                raise NKResearchError(
                    f"{name}: this analysis needs the tokens table in memory, not a token store; pass "
                    "store.to_pandas() (or nk.corpus_tokens(...)). The analyses that count a store: "
                    f"{', '.join(sorted(STORE_AWARE))}."
                )
            table = func(*args, **kwargs)
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            options = {k: _plain(v) for k, v in bound.arguments.items() if k not in (first, "client")}
            if "client" in bound.arguments:  # a cluster is named, not kept: attrs are copied with tables
                client = bound.arguments["client"]
                options["client"] = None if client is None else repr(client)
            source = bound.arguments[first]
            own = dict(table.attrs)
            attrs: dict[str, object] = {
                "analysis": own.pop("analysis", name),
                "by": by_list(options.get("by")),
                "unit": options.get("unit"),
                **{k: v for k, v in options.items() if k not in ("by", "unit")},
                **{k: v for k, v in own.items() if k not in ("by", "unit", "corpus", "tokenize")},
                "corpus": getattr(source, "attrs", {}).get("corpus", {}),
                "tokenize": getattr(source, "attrs", {}).get("tokenize", {}),
            }
            table.attrs.clear()
            table.attrs.update(attrs)
            return table

        ANALYSES[name] = call
        if store:
            STORE_AWARE.add(name)
        return call  # type: ignore[return-value]

    return wrap


def group_column(table: pd.DataFrame, func: str, *, skip: tuple[str, ...] = ()) -> tuple[pd.DataFrame, str]:
    """A result's groups in one column, read from ``attrs["by"]``: the table and that column's name.

    One group column: the table unchanged. Several (``by=["language", "actor"]``): they
    are joined into one (``"ru | Baku"``, named ``"language | actor"``) in their place,
    so a figure draws one panel, row or line per combination, and a sentence names it.
    No group column (``by=[]``, or all of them in ``skip``): a column ``"all"`` of one
    value, ``"all"``, so the table is one group. A table without
    the schema (built by hand, or read back from a file, which drops ``attrs``) is an error.

    >>> t = pd.DataFrame({"language": ["ru", "hy"], "actor": ["Baku", "Baku"], "term": ["a", "b"]})
    >>> t.attrs = {"analysis": "term_frequencies", "by": ["language", "actor"]}
    >>> out, name = group_column(t, "plot")
    >>> name, out.columns.tolist(), out.iloc[0, 0]
    ('language | actor', ['language | actor', 'term'], 'ru | Baku')
    """
    by = table.attrs.get("by")
    if not isinstance(by, list):
        raise NKResearchError(
            f"{func}: the table does not say what its groups are (no attrs['by']); pass the table an "
            "nkresearch analysis returned (a table read back from a file has lost its attrs)."
        )
    by = [b for b in by if b not in skip]
    missing = [b for b in by if b not in table.columns]
    if missing:
        raise NKResearchError(f"{func}: the table lacks its group columns {missing}; pass it whole.")
    if not by:
        out = table.copy()
        out.insert(0, "all", "all")
        return out, "all"
    if len(by) == 1:
        return table, by[0]
    name = " | ".join(by)
    out = table.drop(columns=by)
    out.insert(0, name, table[by].astype(str).agg(" | ".join, axis=1))
    out.attrs.update(table.attrs)
    return out, name
