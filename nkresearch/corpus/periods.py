"""Time as a dimension: group documents (or tokens) into named periods of years."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from ..errors import NKResearchError

_LABEL = re.compile(r"^\s*(\d{4})?\s*[-–]\s*(\d{4})?\s*$|^\s*(\d{4})\s*$")


def _bounds(label: str) -> tuple[int | None, int | None]:
    m = _LABEL.match(label)
    if not m:
        raise NKResearchError(
            f"periods: cannot read years from {label!r}; write '1992-2019', '2024-', '-1991' or '2020', "
            "or give (first, last) years: {'before 2020': (None, 2019)}."
        )
    if m.group(3):
        year = int(m.group(3))
        return year, year
    return (int(m.group(1)) if m.group(1) else None, int(m.group(2)) if m.group(2) else None)


def periods(
    table: pd.DataFrame,
    spans: Iterable[str] | Mapping[str, tuple[int | None, int | None] | None],
    *,
    column: str = "year",
    name: str = "period",
    undated: str | None = None,
) -> pd.DataFrame:
    """Add a column naming the period of each row's year.

    Parameters
    ----------
    table
        A documents, segments or tokens table with a year (or ISO date) column.
    spans
        Period labels that say their years (``["1992-2019", "2020-2023", "2024-"]``),
        or a mapping from label to ``(first, last)`` years, either open (``None``).
        Both ends are included. Periods may not overlap.
    column
        The column holding the year (or a date such as ``2023-03``: its first four
        digits are the year).
    name
        The new column's name.
    undated
        A label for rows without a year (the last period); with it, a table
        without ``column`` is one undated period instead of an error.

    Returns
    -------
    pandas.DataFrame
        A copy of ``table`` with ``name``, an ordered categorical in the order the
        periods were given; rows in no period get a missing value.

    Examples
    --------
    >>> import nkresearch as nk
    >>> docs = nk.periods(nk.load_corpus("ungdc"), ["1992-2019", "2020-2023", "2024-"])
    >>> docs.groupby("period", observed=True).size().tolist()
    [168, 24, 6]
    """
    if column not in table.columns and undated is None:
        raise NKResearchError(f"periods: no column {column!r}; choose one of {list(table.columns)}.")
    if isinstance(spans, Mapping):
        items = [(str(k), _bounds(str(k)) if v is None else v) for k, v in spans.items()]
    else:
        items = [(str(k), _bounds(str(k))) for k in spans]
    if not items:
        raise NKResearchError("periods: no period given.")
    dates = table[column].astype(str) if column in table.columns else pd.Series("", index=table.index)
    years = pd.to_numeric(dates.str.extract(r"(\d{4})", expand=False), errors="coerce")
    values = years.to_numpy(float)
    labels = np.full(len(table), None, dtype=object)
    for label, (first, last) in items:
        inside = (values >= (first if first is not None else -np.inf)) & (
            values <= (last if last is not None else np.inf)
        )
        if (inside & (labels != None)).any():  # noqa: E711 (elementwise comparison)
            raise NKResearchError(
                f"periods: {label!r} overlaps an earlier period; make the periods disjoint."
            )
        labels[inside] = label
    categories = [label for label, _ in items]
    if undated is not None:
        labels[np.isnan(values)] = undated
        if len(values) and np.isnan(values).all():
            warnings.warn(
                f"periods: no row has a year in {column!r}, so every row is one period, {undated!r}: the "
                "analyses over time (periods, trends) can show no change. Add a 'year' column, or a "
                "'date' column of YYYY-MM-DD dates, to the metadata.",
                UserWarning,
                stacklevel=2,
            )
        categories.append(undated)
    out = table.copy()
    out[name] = pd.Categorical(labels, categories=categories, ordered=True)
    out.attrs = dict(table.attrs)
    return out
