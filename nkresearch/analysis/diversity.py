"""Lexical diversity: how varied a group's vocabulary is (TTR and MATTR)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ..errors import NKResearchError
from ._checks import Unit, as_categorical, carry_attrs, check_by, check_tokens, check_unit, words_only


def mattr(codes: np.ndarray, window: int) -> float:
    """Moving-average type-token ratio of a sequence of type codes (Covington & McFall 2010).

    The mean, over every window of ``window`` consecutive tokens, of the window's
    types / ``window``. Computed exactly in O(n): a token at position ``i`` adds a new
    type to exactly those windows that contain it and not the previous occurrence
    of its type. NaN when the sequence is shorter than the window.
    """
    n = len(codes)
    if n < window:
        return float("nan")
    order = np.argsort(codes, kind="stable")
    prev = np.full(n, -1)
    same = codes[order][1:] == codes[order][:-1]
    prev[order[1:][same]] = order[:-1][same]
    i = np.arange(n)
    first_window = np.maximum(np.maximum(i - window + 1, prev + 1), 0)
    last_window = np.minimum(i, n - window)
    new_in = np.clip(last_window - first_window + 1, 0, None)
    return float(new_in.sum() / ((n - window + 1) * window))


def lexical_diversity(
    tokens: pd.DataFrame,
    *,
    by: str = "actor",
    window: int = 100,
    unit: Unit = "norm",
) -> pd.DataFrame:
    """Type-token ratio and moving-average TTR of each group's words.

    TTR (types / tokens) falls as a text grows, so groups of different sizes cannot
    be compared with it; MATTR (Covington & McFall 2010, "Cutting the Gordian knot:
    the moving-average type-token ratio", J. Quantitative Linguistics 17(2)) averages
    the TTR of every window of ``window`` words and does not depend on length.

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`.
    by
        The column whose values are the groups.
    window
        MATTR's window, in words. A group shorter than the window gets NaN and a
        warning.
    unit
        ``norm``, ``lemma`` or ``token``.

    Returns
    -------
    pandas.DataFrame
        ``<by>, tokens`` (words, punctuation excluded), ``types``, ``ttr``,
        ``mattr``, ``window``.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> div = nk.lexical_diversity(tok, by="actor", window=100)
    >>> div[["actor", "tokens", "types"]].values.tolist()[0]
    ['Baku', 500, 239]
    """
    func = "lexical_diversity"
    check_tokens(tokens, func)
    check_by(tokens, func, by)
    check_unit(func, unit)
    if window < 1:
        raise NKResearchError(f"{func}: window={window!r} must be a positive number of words.")
    words = words_only(tokens)
    codes = np.asarray(as_categorical(words[unit]).codes, dtype=np.int64)
    rows = []
    short = []
    for group, index in words.groupby(by, observed=True, sort=True).indices.items():
        seq = codes[index]
        if len(seq) < window:
            short.append(f"{group} ({len(seq)} words)")
        rows.append(
            (group, len(seq), len(np.unique(seq)), len(np.unique(seq)) / len(seq), mattr(seq, window), window)
        )
    if short:
        warnings.warn(
            f"lexical_diversity: MATTR is NaN for groups shorter than the window ({window} words): "
            + ", ".join(short),
            stacklevel=2,
        )
    table = pd.DataFrame(rows, columns=[by, "tokens", "types", "ttr", "mattr", "window"])
    return carry_attrs(table, tokens, measure="lexical_diversity", window=window, unit=unit)
