"""Argument checks and small helpers shared by the analyses (private)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from ...errors import NKResearchError
from ...tokens.lazy import TokenStore

Unit = Literal["norm", "lemma", "token"]
UNITS = ("norm", "lemma", "token")


def check_choice(func: str, name: str, value: object, choices: Sequence[object]) -> None:
    """Raise the package error unless ``value`` is one of ``choices``."""
    if value not in choices:
        raise NKResearchError(f"{func}: {name}={value!r} is not valid; choose one of {list(choices)}.")


def check_tokens(tokens: pd.DataFrame | TokenStore, func: str, *columns: str) -> None:
    """Raise the package error for an empty or incomplete tokens table (or token store)."""
    if not isinstance(tokens, pd.DataFrame | TokenStore) or len(tokens) == 0:
        raise NKResearchError(f"{func}: the tokens table is empty; pass the table of nk.tokenize().")
    needed = {"doc_id", "sent_id", "norm", "is_punct", *columns}
    missing = sorted(needed - set(tokens.columns))
    if missing:
        raise NKResearchError(f"{func}: the tokens table lacks {missing}; pass the table of nk.tokenize().")


def check_unit(func: str, unit: str) -> None:
    """Raise the package error unless ``unit`` is norm, lemma or token."""
    check_choice(func, "unit", unit, UNITS)


def check_min_freq(func: str, min_freq: int) -> None:
    """Raise the package error unless ``min_freq`` is a count of 1 or more."""
    if not isinstance(min_freq, (int, np.integer)) or min_freq < 1:
        raise NKResearchError(f"{func}: min_freq={min_freq!r} must be a whole number, 1 or more.")


def window_sides(func: str, window: int | tuple[int, int]) -> tuple[int, int]:
    """Turn ``window`` (``5`` or ``(left, right)``) into (left, right), checked."""
    left, right = (window, window) if isinstance(window, int) else tuple(window)
    if left < 0 or right < 0 or left + right <= 0:
        raise NKResearchError(
            f"{func}: window={window!r} must be positive (a number or a (left, right) pair)."
        )
    return int(left), int(right)


def sentence_keys(tokens: pd.DataFrame) -> np.ndarray:
    """One integer per token that is equal exactly within a sentence of a document."""
    doc = tokens["doc_id"].astype("category").cat.codes.to_numpy(np.int64)
    keys: np.ndarray = doc * (int(tokens["sent_id"].max()) + 1) + tokens["sent_id"].to_numpy(np.int64)
    return keys


def words_only(tokens: pd.DataFrame) -> pd.DataFrame:
    """The tokens that are words (not punctuation), in text order."""
    return tokens[~tokens["is_punct"].to_numpy(bool)]


def as_categorical(column: pd.Series) -> pd.Categorical:
    """A column as a pandas Categorical (the tokens table stores text this way)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        categorical: pd.Categorical = column.array  # the column's own: its codes are not copied
        return categorical
    return pd.Categorical(column.astype(str).to_numpy())


def per_label(per: int) -> str:
    """Column name of a rate per ``per`` words: ``per_10k`` for 10,000."""
    return f"per_{per // 1000}k" if per % 1000 == 0 else f"per_{per}"


def carry_attrs(result: pd.DataFrame, **facts: object) -> pd.DataFrame:
    """Give a result table what its analysis found about it as a whole (``terms_tested``, ``note``, ...).

    Only these facts: :func:`nkresearch.analysis.core.results.result_of` writes the
    schema around them (the analysis, ``by``, ``unit``, the options, the corpus).
    """
    result.attrs.clear()
    result.attrs.update(facts)
    return result
