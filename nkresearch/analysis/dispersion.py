"""Dispersion: whether a term is spread evenly over the corpus or bunched in a few parts."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..errors import NKResearchError
from ._checks import Unit, carry_attrs, check_by, check_tokens, check_unit, words_only


def dispersion(
    tokens: pd.DataFrame,
    terms: str | Iterable[str],
    *,
    parts: str = "doc_id",
    unit: Unit = "norm",
) -> pd.DataFrame:
    """Range, Juilland's D and Gries' DP of each term over the parts of the corpus.

    With ``n`` parts, part ``i`` holding ``s_i`` of the corpus's words (a share) and
    ``v_i`` of the term's ``f`` occurrences, and ``p_i = v_i / size_i`` the term's
    relative frequency in part ``i``:

    - ``range``: parts where the term occurs;
    - Juilland's ``D = 1 - (sd(p) / mean(p)) / sqrt(n - 1)`` (Juilland & Chang-Rodríguez
      1964; ``sd`` the population standard deviation); 1 = perfectly even;
    - Gries' ``DP = 0.5 * sum(|v_i / f - s_i|)`` (Gries 2008, "Dispersions and
      adjusted frequencies in corpora", IJCL 13(4)); 0 = perfectly even;
    - ``DPnorm = DP / (1 - min(s))`` (Lijffijt & Gries 2012), scaled to 0..1.

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`.
    terms
        One term or several, as ``unit`` values (``"karabakh"``).
    parts
        The column that cuts the corpus into parts (documents by default; ``actor``,
        ``year``...).
    unit
        ``norm``, ``lemma`` or ``token``.

    Returns
    -------
    pandas.DataFrame
        ``term, f, parts, range, D, DP, DPnorm``; ``D`` is undefined (NaN) for a
        term that never occurs or a corpus of one part.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> nk.dispersion(tok, ["conflict", "artsakh"])[["term", "f", "range"]].values.tolist()
    [['conflict', 26, 5], ['artsakh', 18, 2]]
    """
    func = "dispersion"
    check_tokens(tokens, func)
    check_by(tokens, func, parts)
    check_unit(func, unit)
    wanted = [terms] if isinstance(terms, str) else list(terms)
    if not wanted:
        raise NKResearchError(f"{func}: no terms given.")
    words = words_only(tokens)
    part = words[parts].astype(str).to_numpy()
    sizes = pd.Series(part).value_counts().sort_index()
    share = (sizes / sizes.sum()).to_numpy()
    values = words[unit].astype(str).to_numpy()
    rows = []
    for term in wanted:
        v = pd.Series(part[values == term]).value_counts().reindex(sizes.index, fill_value=0).to_numpy(float)
        f = v.sum()
        n = len(sizes)
        p = v / sizes.to_numpy(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            d = 1 - (p.std() / p.mean()) / np.sqrt(n - 1) if n > 1 and f > 0 else np.nan
            dp = 0.5 * np.abs(v / f - share).sum() if f > 0 else np.nan
        dp_norm = dp / (1 - share.min()) if n > 1 else np.nan
        rows.append((term, int(f), n, int((v > 0).sum()), d, dp, dp_norm))
    table = pd.DataFrame(rows, columns=["term", "f", "parts", "range", "D", "DP", "DPnorm"])
    return carry_attrs(table, tokens, measure="dispersion", parts=parts, unit=unit)
