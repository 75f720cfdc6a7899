"""Keyness: which terms a group uses more (or less) than a reference.

For each term, the 2x2 table is

=============  ===========  ===============  ===========
.              target       reference        total
term           a            b                a + b
other words    c = N_t - a  d = N_r - b
total          N_t          N_r              N = N_t + N_r
=============  ===========  ===============  ===========

and the expected counts are ``E1 = N_t (a + b) / N``, ``E2 = N_r (a + b) / N``,
``E3 = N_t (c + d) / N``, ``E4 = N_r (c + d) / N``. ``N_t`` and ``N_r`` count words
(tokens that are not punctuation, stopwords included).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import chi2

from ...errors import NKResearchError
from ..core.checks import Unit, carry_attrs, check_min_freq, check_tokens, check_unit
from ..core.counts import TermCounts, count_table, words_of
from ..core.evidence import FEW_USES
from ..core.groups import By, Groups, groups_of, union_of
from ..core.options import PER, moved, through_old_option
from ..core.results import result_of
from ..core.stores import Tokens, check_client, count_parts
from ..measures.keyness import G2Form, g2, log_ratio

#: Stand-in frequency for words wordfreq does not list (its lists stop near 1e-8).
ENGLISH_FLOOR = 1e-9


@result_of("keyness", store=True)
def keyness(
    tokens: Tokens,
    *,
    target: str | tuple[str, ...],
    by: By = "actor",
    reference: str | tuple[str, ...] = "rest",
    unit: Unit = "norm",
    min_freq: int = 1,
    drop_stop: bool = False,
    alpha: float = 0.05,
    g2_form: G2Form = "4-term",
    within: str | None = None,
    client: Any = None,
) -> pd.DataFrame:
    """Compare a group's terms with a reference: effect sizes, G² and its reliability.

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`, or a token store
        (:func:`nkresearch.token_store`), counted part by part.
    target
        The group studied (a value of ``by``, such as ``"Baku"``; a tuple of values
        when ``by`` is a list of columns).
    by
        The column (or list of columns) whose values are the groups.
    reference
        ``"rest"``: all other groups together (tokens without a value of ``by``
        are in neither target nor reference); a group's name: that group alone
        (``"english"``, general English, is now :func:`keyness_english`).
    unit
        ``norm``, ``lemma`` or ``token``.
    min_freq
        Keep terms seen at least this often in target and reference together.
    drop_stop
        Leave stopwords out of the table after the test (``terms_tested`` and the
        Bonferroni correction still count them).
    alpha
        Level of the Bonferroni-corrected test (``alpha`` divided by the number of
        terms tested).
    g2_form
        ``"4-term"`` (Dunning 1993, the default; AntConc) or ``"2-term"`` (Rayson &
        Garside 2000; Wmatrix, UCREL's calculator): see :func:`g2`.
    within
        One of the ``by`` columns (``"language"`` with ``by=["language", "actor"]``):
        ``"rest"`` is then the other groups with the target's value of it (Russian
        Baku against the other Russian voices, not against every Armenian word).
        None: every other group.
    client
        A Dask client: a token store's parts are counted on its cluster.

    Returns
    -------
    pandas.DataFrame
        ``term, n_target, n_reference, N_target, N_reference`` (the 2x2 table;
        see the module docstring), ``rate_target, rate_reference`` (per 10,000
        words), ``log_ratio`` (Hardie 2014), ``pct_diff`` (Gabrielatos & Marchi
        2012: ``(rate_t - rate_r) / rate_r * 100``; infinite when the reference has
        none), ``g2`` (in ``g2_form``; ``attrs["g2_form"]`` names it), ``p`` (chi-square with 1 df),
        ``significant`` (``p < alpha / terms tested``: Bonferroni), ``bic``
        (``g2 - ln N``; Wilson 2013: above 2 positive, 6 strong, 10 very strong
        evidence), ``expected_min`` (the smaller of E1, E2) and ``low_expected``
        (``expected_min < 5``: G²'s chi-square approximation is unreliable there),
        ``is_stop`` (to hide function words without changing the test),
        ``docs_target, docs_reference`` (the documents each side's count comes
        from) and ``one_doc_target`` (all of the target's uses are in one document:
        one text's topic, not the group's habit). Sorted from the most to the
        least characteristic of the target (terms the target under-uses come
        last). Against general English: :func:`keyness_english`.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> key = nk.keyness(tok, target="Stepanakert", reference="rest", min_freq=3, drop_stop=True)
    >>> top = key.iloc[0]
    >>> top["term"], int(top["n_target"]), int(top["n_reference"]), bool(top["significant"])
    ('conditions', 5, 0, False)
    """
    func = "keyness"
    check_tokens(tokens, func)
    check_unit(func, unit)
    check_min_freq(func, min_freq)
    check_client(func, tokens, client)
    if reference == "english":
        moved("keyness", "reference='english'", "keyness_english")
        count = functools.partial(count_table, func=func, by=by, unit=unit, docs=False)
        counts = count_parts(tokens, count, TermCounts.merge, client=client)
        target_code = counts.groups.find(func, "target", target)
        table = _against_english(counts, target_code, min_freq=min_freq)
        table = table[~table["is_stop"].to_numpy(bool)].reset_index(drop=True) if drop_stop else table
        table.attrs["unit"] = unit
        return carry_attrs(table, target=target, by=by, **{str(k): v for k, v in table.attrs.items()})
    sides = functools.partial(
        _count_sides, func=func, by=by, unit=unit, target=target, reference=reference, within=within
    )
    counts, groups = count_parts(tokens, sides, _merge_sides, client=client)
    _check_sides(func, groups, target, reference, within)  # the sides below: in the merge's (sorted) order
    t_side, r_side = (counts.groups.find(func, "side", name) for name in ("target", "reference"))
    if counts.sizes[r_side] == 0:
        where = f" with its {within}" if within is not None else ""
        raise NKResearchError(
            f"{func}: the reference has no words; is {target!r} the only group of {by!r}{where}?"
        )
    table = keyness_table(
        counts, target=[t_side], reference=[r_side], min_freq=min_freq, alpha=alpha, g2_form=g2_form
    )
    tested = len(table)
    table = table[~table["is_stop"].to_numpy(bool)] if drop_stop else table
    return carry_attrs(
        table.reset_index(drop=True),
        correction="bonferroni",
        target=target,
        reference=reference,
        by=by,
        within=within,
        unit=unit,
        terms_tested=tested,
        alpha=alpha,
        g2_form=g2_form,
    )


#: the two groups keyness counts: the target's words (0) and the reference's (1)
SIDES = Groups(["side"], np.zeros(0, dtype=np.int64), [np.asarray(["target", "reference"], dtype=object)])


def _count_sides(
    tokens: pd.DataFrame,
    *,
    func: str,
    by: By,
    unit: Unit,
    target: str | tuple[str, ...],
    reference: str | tuple[str, ...],
    within: str | None,
) -> tuple[TermCounts, Groups]:
    """The target's and the reference's term counts in one tokens table (or part), and its groups.

    A group is on a side by its name, so every part puts it on the same side, also a
    part without the target; each document is in one part, so the parts' documents add up.
    """
    words = words_of(tokens, func, by=by, unit=unit)
    groups = words.groups
    keys = list(zip(*groups.values, strict=True))
    side = np.full(len(groups), 1 if reference == "rest" else -1, dtype=np.int8)
    if within is not None and len(groups):
        groups.sharing(func, within, 0)  # the package error for a `within` that is not a by column
        at, wanted = groups.columns.index(within), _key(target)
        side[groups.values[at] != (wanted[at] if at < len(wanted) else None)] = -1
    if reference != "rest":
        side[[i for i, k in enumerate(keys) if k == _key(reference)]] = 1
    side[[i for i, k in enumerate(keys) if k == _key(target)]] = 0
    return words.regroup(side, SIDES).count(docs=True).detached(), replace(groups, codes=groups.codes[:0])


def _merge_sides(parts: list[tuple[TermCounts, Groups]]) -> tuple[TermCounts, Groups]:
    """The sides' counts of several parts added up, and the groups of them all."""
    return TermCounts.merge([c for c, _ in parts]), union_of([g for _, g in parts])[0]


def _key(value: object) -> tuple[str, ...]:
    """A group's name as :meth:`Groups.find` compares it: a tuple of texts."""
    return tuple(str(v) for v in (value if isinstance(value, tuple) else (value,)))


def _check_sides(
    func: str,
    groups: Groups,
    target: str | tuple[str, ...],
    reference: str | tuple[str, ...],
    within: str | None,
) -> None:
    """The package errors of a target or reference that is not a group of the whole table."""
    target_code = groups.find(func, "target", target)
    groups.sharing(func, within, target_code)
    if reference != "rest" and groups.find(func, "reference", reference) == target_code:
        raise NKResearchError(
            f"{func}: the reference {reference!r} is the target itself; choose another group."
        )


def keyness_table(
    counts: TermCounts,
    *,
    target: Sequence[int],
    reference: Sequence[int],
    min_freq: int = 1,
    alpha: float = 0.05,
    g2_form: G2Form = "4-term",
) -> pd.DataFrame:
    """The keyness table of grouped counts: the groups ``target`` against the groups ``reference``.

    The columns of :func:`keyness` (the 2x2 table of the module docstring, its
    measures and ``is_stop``), one row per term seen at least ``min_freq`` times in
    target and reference together, sorted from the most to the least characteristic
    of the target; every row is a term tested (``alpha`` is divided by their number).
    """
    n_target, n_reference = counts.in_groups(target), counts.in_groups(reference)
    keep = np.flatnonzero((n_target + n_reference >= min_freq) & (n_target + n_reference > 0))
    table = pd.DataFrame(
        {"term": counts.vocab[keep], "n_target": n_target[keep], "n_reference": n_reference[keep]}
    )
    table["term"] = table["term"].astype(str)
    table["N_target"] = int(counts.sizes[list(target)].sum())
    table["N_reference"] = int(counts.sizes[list(reference)].sum())
    a, b = table["n_target"].to_numpy(float), table["n_reference"].to_numpy(float)
    n_t, n_r = table["N_target"].to_numpy(float), table["N_reference"].to_numpy(float)
    table["rate_target"] = a / n_t * PER
    table["rate_reference"] = b / n_r * PER
    table["log_ratio"] = log_ratio(a, b, n_t, n_r)
    with np.errstate(divide="ignore", invalid="ignore"):
        table["pct_diff"] = np.where(b > 0, (a / n_t - b / n_r) / (b / n_r) * 100, np.inf)
    table["g2"] = g2(a, b, n_t, n_r, form=g2_form)
    table["p"] = chi2.sf(table["g2"], df=1)
    table["significant"] = table["p"] < alpha / max(len(table), 1)
    table["bic"] = table["g2"] - np.log(n_t + n_r)
    table["expected_min"] = np.minimum(n_t * (a + b) / (n_t + n_r), n_r * (a + b) / (n_t + n_r))
    table["low_expected"] = table["expected_min"] < FEW_USES
    table["is_stop"] = counts.stop[keep]
    if counts.docs is not None and len(target) == 1 and len(reference) == 1:
        table["docs_target"] = counts.docs_in(target[0])[keep]
        table["docs_reference"] = counts.docs_in(reference[0])[keep]
        table["one_doc_target"] = table["docs_target"] == 1
    order = np.lexsort((table["term"], -np.sign(table["log_ratio"]) * table["g2"]))
    return table.iloc[order].reset_index(drop=True)


@result_of("keyness_summary")
def keyness_summary(
    tokens: pd.DataFrame,
    *,
    by: By = "actor",
    targets: Sequence[str | tuple[str, ...]] | None = None,
    reference: str | tuple[str, ...] = "rest",
    unit: Unit = "norm",
    min_freq: int = 1,
    alpha: float = 0.05,
    g2_form: G2Form = "4-term",
    within: str | None = None,
) -> pd.DataFrame:
    """How much each group's keyness test can say: one row per target group.

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`.
    by
        The column (or list of columns) whose values are the groups.
    targets
        The groups to test, each against ``reference``; all groups if None.
    reference
        As in :func:`keyness` (``"rest"`` or a group).
    unit
        ``norm``, ``lemma`` or ``token``.
    min_freq
        As in :func:`keyness`.
    alpha
        As in :func:`keyness`.
    g2_form
        As in :func:`keyness`.
    within
        As in :func:`keyness`: each target against the rest of its ``language``.

    Returns
    -------
    pandas.DataFrame
        ``<by>`` (the target), ``N_target`` (its words), ``terms_tested``,
        ``significant_bonferroni`` (terms with ``p < alpha / terms_tested``) and
        ``expected_at_least_5`` (terms whose smaller expected count is 5 or more, where
        G²'s chi-square approximation holds), from the tables of :func:`keyness`.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> nk.keyness_summary(tok, targets=["Baku"], min_freq=3)["terms_tested"].tolist()
    [192]
    """
    func = "keyness_summary"
    check_tokens(tokens, func)
    groups = groups_of(tokens, func, by)
    if reference == "english":
        raise NKResearchError(f"{func}: reference='english' has no test to summarise; use keyness_english().")
    present = np.unique(groups.codes[groups.codes >= 0])
    chosen = list(targets) if targets is not None else [tuple(v[c] for v in groups.values) for c in present]
    rows = []
    for target in chosen:
        name = target[0] if isinstance(target, tuple) and len(groups.columns) == 1 else target
        key = keyness(
            tokens,
            target=name,
            by=by,
            reference=reference,
            unit=unit,
            min_freq=min_freq,
            alpha=alpha,
            g2_form=g2_form,
            within=within,
        )
        values = name if isinstance(name, tuple) else (name,)
        rows.append(
            (
                *values,
                int(key["N_target"].iloc[0]) if len(key) else 0,
                int(key.attrs["terms_tested"]),
                int(key["significant"].sum()),
                int((~key["low_expected"]).sum()),
            )
        )
    columns = [*groups.columns, "N_target", "terms_tested", "significant_bonferroni", "expected_at_least_5"]
    table = pd.DataFrame(rows, columns=columns)
    table = table.astype(
        {**{c: str for c in groups.columns}, **{c: np.int64 for c in columns[len(groups.columns) :]}}
    )
    return carry_attrs(table, correction="bonferroni", reference=reference, min_freq=min_freq, within=within)


@result_of("keyness_english", store=True)
def keyness_english(
    tokens: pd.DataFrame,
    *,
    target: str | tuple[str, ...],
    by: By = "actor",
    unit: Unit = "norm",
    min_freq: int = 1,
    drop_stop: bool = False,
) -> pd.DataFrame:
    """Compare a group's terms with general English: rates and log ratio against wordfreq's frequencies.

    A frequency list has no counts, so G², p, BIC and %DIFF cannot be computed; the
    table says so in ``attrs["note"]``. Words wordfreq does not list get a frequency
    of 1e-9 (its lists stop near 1e-8).

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize` (English).
    target
        The group studied (a value of ``by``).
    by
        The column (or list of columns) whose values are the groups.
    unit
        ``norm``, ``lemma`` or ``token``.
    min_freq
        Keep terms the target uses at least this often.
    drop_stop
        Leave stopwords out of the table.

    Returns
    -------
    pandas.DataFrame
        ``term, n_target, N_target, rate_target, rate_reference`` (wordfreq's,
        per 10,000 words), ``log_ratio, is_stop``, most characteristic first.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> key = nk.keyness_english(tok, target="Baku", min_freq=3)
    >>> list(key.columns)[:3]
    ['term', 'n_target', 'N_target']
    """
    return through_old_option(  # type: ignore[no-any-return]
        keyness,
        tokens,
        target=target,
        by=by,
        reference="english",
        unit=unit,
        min_freq=min_freq,
        drop_stop=drop_stop,
    )


def _against_english(counts: TermCounts, target: int, *, min_freq: int) -> pd.DataFrame:
    from wordfreq import word_frequency

    n_target = counts.in_groups([target])
    keep = np.flatnonzero((n_target >= min_freq) & (n_target > 0))
    table = pd.DataFrame({"term": counts.vocab[keep].astype(str), "n_target": n_target[keep]})
    table["N_target"] = int(counts.sizes[target])
    table["rate_target"] = table["n_target"] / table["N_target"] * PER
    freq = np.array([word_frequency(t.replace("_", " "), "en", minimum=ENGLISH_FLOOR) for t in table["term"]])
    table["rate_reference"] = freq * PER
    table["log_ratio"] = np.log2(table["rate_target"] / table["rate_reference"])
    table["is_stop"] = counts.stop[keep]
    table = table.sort_values(["log_ratio", "term"], ascending=[False, True]).reset_index(drop=True)
    table.attrs = {
        "reference": "english",
        "note": (
            "reference='english' compares with wordfreq's general English frequencies "
            f"(words it does not list get {ENGLISH_FLOOR:g}); a frequency list has no counts, "
            "so G², p, BIC and %DIFF cannot be computed: only rates and log ratio."
        ),
    }
    return table
