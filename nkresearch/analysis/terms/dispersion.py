"""Dispersion: whether a term is spread evenly over the corpus or bunched in a few parts."""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from ..core.checks import Unit, carry_attrs, check_tokens, check_unit
from ..core.counts import words_of
from ..core.groups import By, Groups, added_over
from ..core.options import renamed
from ..core.patterns import Matcher, Pattern, compile_pattern, merge_form_counts, most_frequent_forms
from ..core.results import result_of
from ..core.stores import Tokens, check_client, count_parts
from ..measures.dispersion import gries_dp, juilland_d


@renamed(terms="pattern", parts="by")
@result_of("dispersion", store=True)
def dispersion(
    tokens: Tokens,
    pattern: Pattern,
    *,
    by: By = "doc_id",
    unit: Unit = "norm",
    client: Any = None,
) -> pd.DataFrame:
    """Range, Juilland's D and Gries' DP of each item of a pattern over the parts of the corpus.

    With ``n`` parts, part ``i`` holding ``s_i`` of the corpus's words (a share) and
    ``v_i`` of the item's ``f`` occurrences, and ``p_i = v_i / size_i`` its relative
    frequency in part ``i``:

    - ``range``: parts where the item occurs;
    - Juilland's ``D = 1 - (sd(p) / mean(p)) / sqrt(n - 1)`` (Juilland & Chang-Rodríguez
      1964; ``sd`` the population standard deviation); 1 = perfectly even;
    - Gries' ``DP = 0.5 * sum(|v_i / f - s_i|)`` (Gries 2008, "Dispersions and
      adjusted frequencies in corpora", IJCL 13(4)); 0 = perfectly even;
    - ``DPnorm = DP / (1 - min(s))`` (Lijffijt & Gries 2012), scaled to 0..1.

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`, or a token store
        (:func:`nkresearch.token_store`), counted part by part.
    pattern
        A word (``"karabakh"``), glob, phrase or regex, or a list of them: one row per
        item (:mod:`nkresearch.analysis.core.patterns`); ``terms=`` is its old name.
    by
        The column (or list of columns) that cuts the corpus into parts (documents by
        default; ``actor``, ``year``...); ``parts=`` is its old name.
    unit
        ``norm``, ``lemma`` or ``token``.
    client
        A Dask client: a token store's parts are counted on its cluster.

    Returns
    -------
    pandas.DataFrame
        ``term`` (the item), ``f, parts, range, D, DP, DPnorm``; ``D`` is undefined
        (NaN) for an item that never occurs or a corpus of one part.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> nk.dispersion(tok, ["conflict", "artsakh"])[["term", "f", "range"]].values.tolist()
    [['conflict', 26, 5], ['artsakh', 18, 2]]
    """
    func = "dispersion"
    check_tokens(tokens, func)
    check_unit(func, unit)
    check_client(func, tokens, client)
    items = compile_pattern(pattern, unit=unit, func=func)
    count = functools.partial(_count_items, func=func, by=by, unit=unit, pattern=pattern)
    groups, words_per_part, found, forms = count_parts(tokens, count, _merge_items, client=client)
    used = np.flatnonzero(words_per_part)
    order = used[np.argsort(groups.names[used], kind="stable")]  # the parts, in the order of their names
    sizes = words_per_part[order].astype(float)
    share = sizes / sizes.sum()
    rows = []
    n = len(order)
    for item, per_part in zip(items, found, strict=True):
        v = per_part[order].astype(float)
        dp, dp_norm = gries_dp(v, share)
        rows.append((item.label, int(v.sum()), n, int((v > 0).sum()), juilland_d(v, sizes), dp, dp_norm))
    table = pd.DataFrame(rows, columns=["term", "f", "parts", "range", "D", "DP", "DPnorm"])
    return carry_attrs(table, by=by, unit=unit, forms=most_frequent_forms(forms))


Counted = tuple[Groups, np.ndarray, list[np.ndarray], dict[str, dict[str, int]]]


def _count_items(tokens: pd.DataFrame, *, func: str, by: By, unit: Unit, pattern: Pattern) -> Counted:
    """One tokens table (or part): its groups, their words, each item's uses per group, its forms."""
    words = words_of(tokens, func, by=by, unit=unit)
    groups = words.groups
    part_code = np.asarray(groups.codes, dtype=np.int64)
    matcher = Matcher(tokens, unit)
    items = compile_pattern(pattern, unit=unit, func=func)
    found = []
    for item in items:
        first, _ = matcher.spans([item])
        first = first[words.kept[first]]
        found.append(np.bincount(part_code[first], minlength=len(groups)))
    bare = replace(groups, codes=groups.codes[:0])  # the groups' names, not every token's group
    return bare, words.sizes(), found, matcher.form_counts(items)


def _merge_items(parts: list[Counted]) -> Counted:
    """The counts of several parts added up, over the union of their groups."""
    groups, (sizes, *found) = added_over([(p[0], [p[1], *p[2]]) for p in parts])
    return groups, sizes, found, merge_form_counts([p[3] for p in parts])
