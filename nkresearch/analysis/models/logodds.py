r"""Log-odds with an informative Dirichlet prior ("Fightin' Words"): the words that separate two sides.

Monroe, Colaresi & Quinn (2008), "Fightin' Words: Lexical feature selection and
evaluation for identifying the content of political conflict", *Political Analysis*
16(4):372–403, section 3.5. For a term w with counts y_t (target) and y_r
(reference), the sides' word totals n_t and n_r, a prior α_w per term and
α₀ = Σ α_w:

- the log-odds of w in each side, smoothed by the prior (their eq. 15–16):
  ``ω_t = (y_t + α_w) / (n_t + α₀ − y_t − α_w)``, and ``δ = log ω_t − log ω_r``;
- its variance, the paper's two-term approximation (eq. 18–20):
  ``σ²(δ) ≈ 1 / (y_t + α_w) + 1 / (y_r + α_w)``;
- the z-score ``z = δ / σ`` (eq. 22), the paper's ranking.

The prior (section 3.5.1): ``"informative"`` takes α_w = α₀ · (w's share of the
whole corpus: every word with a group of ``by``), with α₀ = ``alpha0``; by default
α₀ is the corpus's word count, so α_w is w's count in the whole corpus (the prior
of Jurafsky et al. 2014 and of R's tidylo). A number ``a`` is a flat prior: α_w = a
for every term, α₀ = a × the terms listed. Rare words are shrunk toward no
difference instead of topping the list, as they do in a log ratio.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.stats import norm

from ...errors import NKResearchError
from ..core.checks import Unit, carry_attrs, check_min_freq, check_tokens, check_unit
from ..core.counts import TermCounts, count_table
from ..core.groups import By
from ..core.options import PER
from ..core.results import result_of
from ..core.stores import Tokens, check_client, count_parts
from ..measures.logodds import fightin_words

Prior = str | float


@result_of("log_odds", store=True)
def log_odds(
    tokens: Tokens,
    *,
    target: str | tuple[str, ...] | None,
    reference: str | tuple[str, ...] = "rest",
    by: By = "actor",
    prior: Prior = "informative",
    alpha0: float | None = None,
    unit: Unit = "norm",
    min_freq: int = 1,
    drop_stop: bool = False,
    alpha: float = 0.05,
    within: str | None = None,
    client: Any = None,
) -> pd.DataFrame:
    """Weighted log-odds of every term, a group against a reference (Monroe et al. 2008).

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`, or a token store
        (:func:`nkresearch.token_store`), counted part by part.
    target
        The group studied (a value of ``by``; a tuple for several columns). None:
        every group in turn against the rest, one block of rows per group.
    reference
        ``"rest"``: all other groups together; a group's name: that group alone.
    by
        The column (or list of columns) whose values are the groups.
    prior
        ``"informative"`` (α_w = α₀ × the term's share of the whole corpus) or a
        number (that many pseudo-counts added to every term: a flat prior).
    alpha0
        α₀ of the informative prior; default the whole corpus's word count (so
        α_w is the term's count in the whole corpus). Not used with a number.
    unit
        ``norm``, ``lemma`` or ``token``.
    min_freq
        Keep terms seen at least this often in target and reference together.
    drop_stop
        Leave stopwords out of the table; they are still in the model (its
        totals and, for a flat prior, α₀).
    alpha
        Two-sided level of ``significant`` (``|z|`` above the normal quantile;
        no correction for the many terms tested).
    within
        One of the ``by`` columns (``"language"`` with ``by=["language", "actor"]``):
        ``"rest"`` is then the other groups with the target's value of it, and the
        informative prior is that part of the corpus (the target's language), so
        no term is a group's just because the other groups write another language.
    client
        A Dask client: a token store's parts are counted on its cluster.

    Returns
    -------
    pandas.DataFrame
        ``term, n_target, n_reference, N_target, N_reference`` (the counts; every
        term of either side, including those one side never uses), ``prior``
        (α_w), ``log_odds`` (δ, eq. 16), ``se`` (eq. 20), ``z`` (eq. 22), ``p``
        (two-sided, normal), ``significant``, ``rate_target, rate_reference``
        (per 10,000 words), ``docs_target, docs_reference`` (documents each
        side's count comes from), ``one_doc_target`` and ``is_stop``; with
        ``target=None`` the ``by`` column(s) first. Sorted by z, the target's
        words first. ``attrs``: ``alpha0``, ``prior``, ``target``, ``reference``.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> lo = nk.log_odds(tok, target="Stepanakert", reference="rest", drop_stop=True)
    >>> lo["term"].iloc[0], int(lo["n_target"].iloc[0]), round(float(lo["z"].iloc[0]), 2)
    ('conditions', 5, 1.52)
    """
    func = "log_odds"
    check_tokens(tokens, func)
    check_unit(func, unit)
    check_min_freq(func, min_freq)
    check_client(func, tokens, client)
    count = functools.partial(count_table, func=func, by=by, unit=unit)
    counts = count_parts(tokens, count, TermCounts.merge, client=client)
    if not counts.sizes.sum():
        raise NKResearchError(f"{func}: no word of the tokens table has a value of by={by!r}.")
    per_group, docs = counts.matrix(), counts.matrix(docs=True)
    totals = np.asarray(per_group.sum(axis=0)).reshape(-1)
    doc_totals = np.asarray(docs.sum(axis=0)).reshape(-1)
    flat = _check_prior(func, prior, alpha0)
    present = np.flatnonzero(counts.sizes > 0)
    targets = present.tolist() if target is None else [counts.groups.find(func, "target", target)]
    if target is None and reference != "rest":
        raise NKResearchError(
            f"{func}: target=None compares every group with the rest; pass reference='rest'."
        )
    blocks = []
    for code in targets:
        share = np.flatnonzero(counts.groups.sharing(func, within, code))
        counted = (
            (per_group, docs, totals, doc_totals)
            if within is None
            else (
                per_group,
                docs,
                np.asarray(per_group[share].sum(axis=0)).reshape(-1),
                np.asarray(docs[share].sum(axis=0)).reshape(-1),
            )
        )
        table = _one_side(
            counts,
            code,
            counted,
            reference=reference,
            flat=flat,
            alpha0=alpha0,
            alpha=alpha,
        )
        keep = table["n_target"] + table["n_reference"] >= min_freq
        if drop_stop:
            keep &= ~table["is_stop"]
        table = table[keep]
        if target is None:
            names = counts.groups.frame(np.full(len(table), code, dtype=np.int64))
            table = pd.concat([pd.DataFrame(names, index=table.index), table], axis=1)
        blocks.append(table)
    result = pd.concat(blocks, ignore_index=True)
    return carry_attrs(
        result,
        correction="none",
        target=target,
        reference=reference,
        by=by,
        within=within,
        unit=unit,
        prior=prior,
        alpha0=_alpha0_note(flat, alpha0, float(totals.sum()), within),
    )


def _alpha0_note(flat: float | None, alpha0: float | None, words: float, within: str | None) -> object:
    """The α₀ the result used, for its attrs: a number, or what it was per target."""
    if flat is not None or alpha0 is not None:
        return alpha0
    return words if within is None else f"the words of the target's {within}"


def _check_prior(func: str, prior: Prior, alpha0: float | None) -> float | None:
    """The flat prior's pseudo-count, or None for the informative prior (checked)."""
    if isinstance(prior, str):
        if prior != "informative":
            raise NKResearchError(
                f"{func}: prior={prior!r} is not 'informative' or a number of pseudo-counts."
            )
        if alpha0 is not None and not alpha0 > 0:
            raise NKResearchError(f"{func}: alpha0={alpha0!r} must be a positive number (or None).")
        return None
    if isinstance(prior, bool) or not isinstance(prior, (int, float, np.number)) or not prior > 0:
        raise NKResearchError(f"{func}: prior={prior!r} must be 'informative' or a positive number.")
    return float(prior)


def _one_side(
    counts: TermCounts,
    code: int,
    counted: tuple[sparse.csr_matrix, sparse.csr_matrix, np.ndarray, np.ndarray],
    *,
    reference: str | tuple[str, ...],
    flat: float | None,
    alpha0: float | None,
    alpha: float,
) -> pd.DataFrame:
    """The table of :func:`log_odds` for the group ``code`` against ``reference``.

    ``counted``: per group and term its count and its documents, and their totals over
    the groups (counted once for every target).
    """
    func = "log_odds"
    per_group, docs, totals, doc_totals = counted
    y_t = per_group[code].toarray().reshape(-1)
    d_t = docs[code].toarray().reshape(-1)
    if reference == "rest":  # every other group: the totals less the target
        y_r, d_r = totals - y_t, doc_totals - d_t
    else:
        ref = counts.groups.find(func, "reference", reference)
        if ref == code:
            raise NKResearchError(
                f"{func}: the reference {reference!r} is the target itself; choose another group."
            )
        y_r, d_r = per_group[ref].toarray().reshape(-1), docs[ref].toarray().reshape(-1)
    n_t, n_r = float(y_t.sum()), float(y_r.sum())
    if n_r == 0:
        raise NKResearchError(f"{func}: the reference has no words; is the target the only group of by?")
    listed = np.flatnonzero(y_t + y_r > 0)
    y_t, y_r = y_t[listed], y_r[listed]
    if flat is None:
        a0 = float(totals.sum()) if alpha0 is None else float(alpha0)
        prior = a0 * totals[listed] / totals.sum()
    else:
        prior = np.full(len(listed), flat)
    # α₀ is the sum of α_w over the terms of the model: for the informative prior, over
    # the whole corpus (terms neither side uses included), as the prior's scale says
    delta, se, z = fightin_words(y_t, y_r, n_t, n_r, prior, a0=a0 if flat is None else None)
    table = pd.DataFrame(
        {
            "term": counts.vocab[listed].astype(str),
            "n_target": y_t.astype(np.int64),
            "n_reference": y_r.astype(np.int64),
            "N_target": int(n_t),
            "N_reference": int(n_r),
            "prior": prior,
            "log_odds": delta,
            "se": se,
            "z": z,
        }
    )
    table["p"] = 2 * norm.sf(np.abs(z))
    table["significant"] = np.abs(z) > norm.isf(alpha / 2)
    table["rate_target"] = y_t / n_t * PER
    table["rate_reference"] = y_r / n_r * PER
    table["docs_target"] = d_t[listed].astype(np.int64)
    table["docs_reference"] = d_r[listed].astype(np.int64)
    table["one_doc_target"] = table["docs_target"] == 1
    table["is_stop"] = counts.stop[listed]
    order = np.lexsort((table["term"].to_numpy(), -table["z"].to_numpy()))
    return table.iloc[order].reset_index(drop=True)
