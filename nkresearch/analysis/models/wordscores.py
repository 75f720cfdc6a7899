"""Wordscores: positions of texts from reference texts of known position (Laver, Benoit & Garry 2003).

Laver, Benoit & Garry (2003), "Extracting policy positions from political texts
using words as data", *American Political Science Review* 97(2):311–331. With
``F_wr`` the relative frequency of word w in reference text r (``smooth`` added to
every count first, as quanteda.textmodels does) and ``A_r`` the reference scores:

- ``P_wr = F_wr / Σ_r F_wr`` (their eq. 1) and the word score ``S_w = Σ_r P_wr A_r``
  (eq. 2), for the words found in some reference text (only these are scored);
- a text's raw score ``S_v = Σ_w F_wv S_w`` (eq. 3), ``F_wv`` the relative frequency of
  w among the text's scored words;
- its standard error ``sqrt(Σ_w F_wv (S_w − S_v)² / N_v)``, ``N_v`` the text's scored
  words (eq. 4–5); the interval ``S_v ± z · se``.

Rescaling: ``"lbg"`` (their eq. 6) ``S*_v = (S_v − S̄_v)(SD_r / SD_v) + S̄_v``, with S̄_v
and SD_v (n−1 divisor) the mean and standard deviation of the raw scores of the
texts without a reference score and SD_r that of the reference scores; with fewer
than two such texts nothing is rescaled (as austin does; quanteda's ``predict``
counts the reference texts among them by default, which gives −0.53 for the LBG
example's V1 instead of −0.45). ``"mv"`` (Martin & Vanberg 2008, *Political
Analysis* 16:93–100) ``S*_v = (S_v − S_r1)(A_r2 − A_r1) / (S_r2 − S_r1) + A_r1``, r1 and
r2 the reference texts with the lowest and highest reference score. Both are linear,
so the standard error and the interval's ends go through the same transformation
(the standard error times its slope). Every row, reference texts included, is
transformed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd
from scipy.stats import norm

from ...errors import NKResearchError
from ..core.checks import Unit, carry_attrs, check_choice, check_tokens, check_unit
from ..core.counts import words_in_groups
from ..core.groups import check_show, shown_columns
from ..core.options import moved, through_old_option
from ..core.results import result_of

RESCALINGS = (None, "lbg", "mv")
MARGINS = ("groups", "words")


@result_of("wordscores")
def wordscores(
    tokens: pd.DataFrame,
    reference_scores: Mapping[str, float] | pd.Series,
    *,
    by: str = "doc_id",
    rescale: Literal["lbg", "mv"] | None = None,
    smooth: float = 0,
    unit: Unit = "norm",
    drop_stop: bool = False,
    level: float = 0.95,
    margin: Literal["groups", "words"] = "groups",
    show: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Score every group (text) from the reference texts' known positions (LBG 2003).

    Checked against the LBG (2003) worked example (austin's ``lbg`` data, as
    quanteda.textmodels' and austin's tests use it): word scores as austin lists
    them, V1's raw score −0.448 with standard error 0.0119 and its MV-rescaled
    score −0.51 (``tests/test_comparison.py``).

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`.
    reference_scores
        The known position of each reference group, ``{"ARM-1992": -1, ...}``;
        the other groups are scored.
    by
        The column whose values are the texts (a document, or a speaker).
    rescale
        None (raw scores), ``"lbg"`` or ``"mv"`` (see the module docstring).
    smooth
        Pseudo-count added to every count of every text before scoring.
    unit
        ``norm``, ``lemma`` or ``token``.
    drop_stop
        Leave stopwords out of the scoring.
    level
        Coverage of the interval.
    margin
        Deprecated: ``"words"`` is now :func:`wordscores_words`, the word scores (it
        still works, with a ``DeprecationWarning``).
    show
        Columns of the tokens table to show for each group (a text's ``actor``,
        ``year``), after ``by`` in the scores table; a group with several values shows
        the value of most of its tokens.

    Returns
    -------
    pandas.DataFrame
        One row per group, reference texts included: ``<by>, reference_score`` (NaN
        for the texts scored), ``N`` (words), ``n_scored`` (words with a word
        score), ``raw, raw_se``, then ``score, se, ci_low, ci_high`` (rescaled as
        asked). ``attrs``: ``rescale``, ``smooth``, ``scored_words``,
        ``level``, ``slope`` (of the rescaling).

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("ungdc", progress=False)  # the UN subset, cached
    >>> ws = nk.wordscores(tok, {"ARM-1993": -1.0, "AZE-1993": 1.0}, rescale="mv")
    >>> ws.set_index("doc_id").loc[["ARM-1993", "AZE-1993"], "score"].round(2).tolist()
    [-1.0, 1.0]
    """
    func = "wordscores"
    if margin == "words":
        moved("wordscores", "margin='words'", "wordscores_words")
    check_tokens(tokens, func)
    check_show(tokens, func, show)
    check_unit(func, unit)
    check_choice(func, "rescale", rescale, RESCALINGS)
    check_choice(func, "margin", margin, MARGINS)
    if not isinstance(by, str):
        raise NKResearchError(f"{func}: by={by!r} must be one column, such as 'doc_id'.")
    if not smooth >= 0:
        raise NKResearchError(f"{func}: smooth={smooth!r} must be 0 or more.")
    counted = words_in_groups(tokens, func, by=by, unit=unit)
    names = counted.groups.names
    present = np.flatnonzero(counted.docs_per_group() > 0)  # groups with words here
    names = names[present]
    counts = counted.count(docs=False).matrix()[present].tocsc()
    vocab = counted.vocab
    if drop_stop:
        counts, vocab = counts[:, np.flatnonzero(~counted.stop)], vocab[~counted.stop]
    counts = counts.tocsr()
    given = pd.Series(reference_scores, dtype=float)
    unknown = sorted(set(map(str, given.index)) - set(names))
    if unknown:
        raise NKResearchError(f"{func}: {unknown[:5]} in reference_scores are not groups of by={by!r}.")
    a = given.reindex(names).to_numpy(float)
    ref = np.flatnonzero(~np.isnan(a))
    if len(np.unique(a[ref])) < 2:
        raise NKResearchError(f"{func}: reference_scores needs two texts or more with different scores.")
    ref_counts = counts[ref].toarray() + smooth  # the few reference texts, dense
    f_ref = ref_counts / ref_counts.sum(axis=1, keepdims=True)
    scored = np.flatnonzero(f_ref.sum(axis=0) > 0)
    p = f_ref[:, scored] / f_ref[:, scored].sum(axis=0)
    word_score = p.T @ a[ref]
    # every text's sums over its scored words, its counts plus ``smooth`` each (kept sparse)
    seen = counts[:, scored]
    n_seen = np.asarray(seen.sum(axis=1)).reshape(-1)
    n_scored = n_seen + smooth * len(scored)
    first = seen @ word_score + smooth * word_score.sum()
    second = seen @ word_score**2 + smooth * (word_score**2).sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        raw = first / n_scored
        # Σ F_wv (S_w − S_v)² = Σ F_wv S_w² − S_v²
        raw_se = np.sqrt(np.maximum(second / n_scored - raw**2, 0.0) / n_scored)
    if margin == "words":
        words = pd.DataFrame(
            {
                "term": vocab[scored].astype(str),
                "n_reference": ref_counts[:, scored].sum(axis=0) - smooth * len(ref),
                "score": word_score,
            }
        )
        words = words.sort_values(["score", "term"], ascending=[False, True]).reset_index(drop=True)
        return carry_attrs(words, analysis="wordscores_words", by=by, margin=margin, smooth=smooth)
    slope, shift = _rescaling(rescale, raw, a, ref)
    z = norm.isf((1 - level) / 2)
    table = pd.DataFrame(
        {
            by: names.astype(str),
            "reference_score": a,
            "N": np.asarray(counts.sum(axis=1)).reshape(-1).astype(np.int64),
            "n_scored": n_seen.astype(np.int64),
            "raw": raw,
            "raw_se": raw_se,
        }
    )
    table["score"] = raw * slope + shift
    table["se"] = raw_se * abs(slope)
    table["ci_low"] = table["score"] - z * table["se"]
    table["ci_high"] = table["score"] + z * table["se"]
    table = shown_columns(table, tokens, func, by=by, show=show)
    return carry_attrs(
        table,
        by=by,
        rescale=rescale,
        smooth=smooth,
        level=level,
        slope=float(slope),
        scored_words=len(scored),
    )


@result_of("wordscores_words")
def wordscores_words(
    tokens: pd.DataFrame,
    reference_scores: Mapping[str, float] | pd.Series,
    *,
    by: str = "doc_id",
    smooth: float = 0,
    unit: Unit = "norm",
    drop_stop: bool = False,
) -> pd.DataFrame:
    """The word scores of Wordscores: each word's mean reference score over its uses (LBG 2003).

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`.
    reference_scores
        The known positions of the reference texts, by their value of ``by``.
    by
        The column whose values are the texts.
    smooth
        Add this count to every word of every reference text (0: none).
    unit
        ``norm``, ``lemma`` or ``token``.
    drop_stop
        Leave stopwords out.

    Returns
    -------
    pandas.DataFrame
        ``term, n_reference`` (its count in the reference texts), ``score``, sorted
        by score, highest first.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> words = nk.wordscores_words(tok, {"Baku": -1.0, "Stepanakert": 1.0}, by="actor")
    >>> list(words.columns)
    ['term', 'n_reference', 'score']
    """
    return through_old_option(  # type: ignore[no-any-return]
        wordscores,
        tokens,
        reference_scores,
        by=by,
        smooth=smooth,
        unit=unit,
        drop_stop=drop_stop,
        margin="words",
    )


def _rescaling(rescale: str | None, raw: np.ndarray, a: np.ndarray, ref: np.ndarray) -> tuple[float, float]:
    """``(slope, shift)`` of the linear rescaling: ``score = raw * slope + shift``."""
    if rescale == "mv":
        low, high = ref[np.argmin(a[ref])], ref[np.argmax(a[ref])]
        slope = (a[high] - a[low]) / (raw[high] - raw[low])
        return float(slope), float(a[low] - raw[low] * slope)
    virgin = np.setdiff1d(np.flatnonzero(~np.isnan(raw)), ref)
    if rescale == "lbg" and len(virgin) >= 2 and np.std(raw[virgin]) > 0:
        mean, sd_v = raw[virgin].mean(), raw[virgin].std(ddof=1)
        slope = float(np.std(a[ref], ddof=1) / sd_v)
        return slope, float(mean - mean * slope)
    return 1.0, 0.0
