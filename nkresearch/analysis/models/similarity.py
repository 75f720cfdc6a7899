"""How alike the groups' vocabularies are: cosine or Jensen–Shannon, with bootstrap intervals.

Each group is its vector of term counts (punctuation left out, stopwords counted
unless ``drop_stop``). For groups a and b with relative frequencies p and q:

- ``"cosine"``: ``p · q / (|p| |q|)``, from 0 (no word in common) to 1 (the same
  proportions); as in quanteda.textstats' ``textstat_simil(method = "cosine")``;
- ``"jensen_shannon"``: ``1 − JSD(p, q)`` with the divergence in bits,
  ``JSD = ½ KL(p ‖ m) + ½ KL(q ‖ m)``, ``m = ½ (p + q)`` (Lin 1991); 1 for the same
  proportions, 0 for no word in common. scipy's ``jensenshannon`` returns the square
  root of JSD, the distance.

The interval (Efron & Tibshirani 1993, the percentile bootstrap) resamples each
group's documents with replacement, ``n_boot`` times, and recomputes the similarity:
it shows how much the figure rests on which texts happen to be in the corpus. A
group of one document has no such interval (its bounds equal the estimate).
Resampled groups are less alike than the sample (a text drawn twice narrows a
group's vocabulary), so the percentile interval lies below the estimate by about
``bias`` (the resamples' mean less the estimate); the sample's own similarity is
low by about as much, which ``interval="basic"`` corrects: ``(2θ̂ − q_high,
2θ̂ − q_low)`` (Davison & Hinkley 1997, eq. 5.6), clipped to [0, 1].
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
from scipy import sparse

from ...errors import NKResearchError
from ..core.checks import Unit, carry_attrs, check_choice, check_tokens, check_unit
from ..core.counts import words_in_groups
from ..core.evidence import FEW_DOCS
from ..core.groups import By
from ..core.results import result_of
from ..measures.divergence import MEASURES, pair_similarity

INTERVALS = ("percentile", "basic")


@result_of("similarity")
def similarity(
    tokens: pd.DataFrame,
    *,
    by: By = "actor",
    measure: Literal["cosine", "jensen_shannon"] = "cosine",
    within: str | None = None,
    unit: Unit = "norm",
    drop_stop: bool = False,
    n_boot: int = 1000,
    seed: int = 0,
    level: float = 0.95,
    interval: Literal["percentile", "basic"] = "percentile",
) -> pd.DataFrame:
    """How similar each pair of groups' vocabularies are, with a bootstrap interval over documents.

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`.
    by
        The column whose values are the groups compared.
    measure
        ``"cosine"`` or ``"jensen_shannon"`` (see the module docstring).
    within
        A column (such as ``"period"``): pairs are formed within each of its values
        only, so the table says how alike the groups were in each period.
    unit
        ``norm``, ``lemma`` or ``token``.
    drop_stop
        Leave stopwords out of the vectors (function words make every pair of
        texts in one language look alike).
    n_boot
        Resamples of documents (0: no interval).
    seed
        Seed of the resampling: the same seed gives the same interval.
    level
        Coverage of the interval.
    interval
        ``"percentile"`` (the resamples' quantiles) or ``"basic"`` (reflected about
        the estimate; see the module docstring).

    Returns
    -------
    pandas.DataFrame
        One row per pair: ``[within], group_a, group_b, similarity, ci_low, ci_high,
        bias`` (the resamples' mean less the estimate), ``n_docs_a, n_docs_b, N_a,
        N_b`` (words) and ``few_docs`` (either group has fewer than 5 documents:
        its interval is rough). ``attrs``: ``by``, ``measure``, ``within``,
        ``n_boot``, ``seed``, ``level``, ``interval``.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> sim = nk.similarity(tok, by="actor", n_boot=200)
    >>> sim[["group_a", "group_b"]].iloc[0].tolist()
    ['Baku', 'Media']
    """
    func = "similarity"
    check_tokens(tokens, func)
    check_unit(func, unit)
    check_choice(func, "measure", measure, MEASURES)
    check_choice(func, "interval", interval, INTERVALS)
    if not isinstance(by, str):
        raise NKResearchError(f"{func}: by={by!r} must be one column; use within= for a second one.")
    if not isinstance(n_boot, (int, np.integer)) or n_boot < 0:
        raise NKResearchError(f"{func}: n_boot={n_boot!r} must be a whole number, 0 or more.")
    if not 0 < level < 1:
        raise NKResearchError(f"{func}: level={level!r} must be between 0 and 1, such as 0.95.")
    columns = [by] if within is None else [within, by]
    words = words_in_groups(tokens, func, by=columns, unit=unit)
    counts, part_group = words.per_document()
    if drop_stop:
        counts = counts @ sparse.diags((~words.stop).astype(float))
    rng = np.random.default_rng(seed)
    rows = []
    outer = words.groups.values[0] if within is not None else np.asarray([""], dtype=object)
    for block in pd.unique(outer):
        codes = np.flatnonzero(outer == block) if within is not None else np.arange(len(words.groups))
        codes = codes[np.isin(codes, part_group)]  # groups with words here only
        names = words.groups.values[-1][codes]
        members = [np.flatnonzero(part_group == c) for c in codes]
        vectors = np.vstack([np.asarray(counts[m].sum(axis=0)).reshape(-1) for m in members])
        keep_terms = np.flatnonzero(vectors.sum(axis=0) > 0)
        vectors = vectors[:, keep_terms]
        estimate = pair_similarity(vectors, measure=measure)
        draws = _bootstrap(counts[:, keep_terms].tocsr(), members, measure=measure, n_boot=n_boot, rng=rng)
        for i in range(len(codes)):
            for j in range(i + 1, len(codes)):
                low = high = estimate[i, j]
                bias = 0.0
                if n_boot:
                    low, high = np.quantile(draws[:, i, j], [(1 - level) / 2, (1 + level) / 2])
                    bias = float(draws[:, i, j].mean() - estimate[i, j])
                    if interval == "basic":
                        low, high = max(2 * estimate[i, j] - high, 0.0), min(2 * estimate[i, j] - low, 1.0)
                row = {"group_a": names[i], "group_b": names[j]}
                if within is not None:
                    row = {within: block, **row}
                rows.append(
                    {
                        **row,
                        "similarity": estimate[i, j],
                        "ci_low": float(low),
                        "ci_high": float(high),
                        "bias": bias,
                        "n_docs_a": len(members[i]),
                        "n_docs_b": len(members[j]),
                        "N_a": int(vectors[i].sum()),
                        "N_b": int(vectors[j].sum()),
                    }
                )
    columns = [*([within] if within is not None else []), "group_a", "group_b", "similarity", "ci_low"]
    columns += ["ci_high", "bias", "n_docs_a", "n_docs_b", "N_a", "N_b"]
    table = pd.DataFrame(rows, columns=columns)  # no pair (one group): the columns all the same
    table["few_docs"] = np.minimum(table["n_docs_a"], table["n_docs_b"]) < FEW_DOCS
    return carry_attrs(
        table,
        measure=measure,
        by=by,
        within=within,
        n_boot=n_boot,
        seed=seed,
        level=level,
        interval=interval,
    )


def _bootstrap(
    counts: sparse.csr_matrix,
    members: list[np.ndarray],
    *,
    measure: str,
    n_boot: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """``n_boot`` similarity matrices, each group's documents drawn with replacement."""
    if n_boot == 0:
        return np.zeros((0, len(members), len(members)))
    weights = np.zeros((len(members), counts.shape[0]))
    out = np.empty((n_boot, len(members), len(members)))
    for b in range(n_boot):
        weights[:] = 0
        for g, m in enumerate(members):
            weights[g, m] = np.bincount(rng.integers(0, len(m), len(m)), minlength=len(m))
        out[b] = pair_similarity(np.asarray(counts.T @ weights.T).T, measure=measure)
    return out
