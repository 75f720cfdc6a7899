"""Lexical diversity: how varied a group's vocabulary is (TTR and MATTR)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ...errors import NKResearchError
from ..core.checks import Unit, as_categorical, carry_attrs, check_tokens, check_unit, words_only
from ..core.groups import By, by_columns
from ..core.options import renamed
from ..core.results import result_of
from ..measures.diversity import mattr


@renamed(window="mattr_window")
@result_of("lexical_diversity")
def lexical_diversity(
    tokens: pd.DataFrame,
    *,
    by: By = "actor",
    mattr_window: int = 100,
    unit: Unit = "norm",
) -> pd.DataFrame:
    """Type-token ratio and moving-average TTR of each group's words.

    TTR (types / tokens) falls as a text grows, so groups of different sizes cannot
    be compared with it; MATTR (Covington & McFall 2010, "Cutting the Gordian knot:
    the moving-average type-token ratio", J. Quantitative Linguistics 17(2)) averages
    the TTR of every run of ``mattr_window`` consecutive words and does not depend on
    length.

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`.
    by
        The column (or list of columns) whose values are the groups.
    mattr_window
        MATTR's moving window, in words (quanteda's ``MATTR_window``; ``window=`` is
        its old name here). A group shorter than it gets NaN and a warning.
    unit
        ``norm``, ``lemma`` or ``token``.

    Returns
    -------
    pandas.DataFrame
        ``<by>, tokens`` (words, punctuation excluded), ``types``, ``ttr``,
        ``mattr``, ``mattr_window``.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> div = nk.lexical_diversity(tok, by="actor", mattr_window=100)
    >>> div[["actor", "tokens", "types"]].values.tolist()[0]
    ['Baku', 500, 239]
    """
    func = "lexical_diversity"
    check_tokens(tokens, func)
    cols = by_columns(tokens, func, by)
    check_unit(func, unit)
    size = mattr_window
    if size < 1:
        raise NKResearchError(f"{func}: mattr_window={size!r} must be a positive number of words.")
    words = words_only(tokens)
    codes = np.asarray(as_categorical(words[unit]).codes, dtype=np.int64)
    rows = []
    short = []
    key = cols[0] if len(cols) == 1 else cols
    for group, index in words.groupby(key, observed=True, sort=True).indices.items():
        seq = codes[index]
        if len(seq) < size:
            short.append(f"{group} ({len(seq)} words)")
        types = len(np.unique(seq))
        values = group if isinstance(group, tuple) else (group,)
        rows.append((*values, len(seq), types, types / len(seq), mattr(seq, size), size))
    if short:
        warnings.warn(
            f"lexical_diversity: MATTR is NaN for groups shorter than its window ({size} words): "
            + ", ".join(short),
            stacklevel=3,  # the caller of lexical_diversity (one frame up: the renamed() wrapper)
        )
    table = pd.DataFrame(rows, columns=[*cols, "tokens", "types", "ttr", "mattr", "mattr_window"])
    return carry_attrs(table, mattr_window=size, unit=unit)
