"""Collocation: words that keep company, in a window around a node or side by side.

:func:`collocates` counts the words within a window around a node word (AntConc's
"Collocates" tool) and scores them with MI, MI3, t, logDice and delta P.
:func:`collocations` finds adjacent word pairs per group with NLTK's
:class:`~nltk.collocations.BigramCollocationFinder`, whose scores it returns
unchanged. Both work on words (punctuation is removed first) and stop at sentence
ends, so no window or pair spans two sentences, or two voices.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import Any, Literal, get_args

import numpy as np
import pandas as pd
from nltk.collocations import BigramAssocMeasures

from ..core.checks import (
    Unit,
    carry_attrs,
    check_choice,
    check_min_freq,
    check_tokens,
    check_unit,
    window_sides,
)
from ..core.counts import TermCounts, tally, words_of
from ..core.groups import By, union_of
from ..core.kernels import alphabetical, strings_at
from ..core.options import renamed
from ..core.patterns import (
    Matcher,
    Pattern,
    compile_pattern,
    merge_form_counts,
    most_frequent_forms,
    pattern_label,
)
from ..core.results import result_of
from ..core.stores import Tokens, check_client, count_parts
from ..measures import association as measures

Measure = Literal[
    "likelihood_ratio",
    "pmi",
    "student_t",
    "chi_sq",
    "dice",
    "jaccard",
    "phi_sq",
    "poisson_stirling",
    "raw_freq",
]
MEASURES: tuple[str, ...] = get_args(Measure)


@renamed(node="pattern")
@result_of("collocates", store=True)
def collocates(
    tokens: Tokens,
    pattern: Pattern,
    *,
    by: By = "actor",
    window: int | tuple[int, int] = 5,
    unit: Unit = "norm",
    min_freq: int = 1,
    drop_stop: bool = False,
    keep_node: bool = False,
    client: Any = None,
) -> pd.DataFrame:
    """Words that occur within a window around a pattern (the node), per group, with their scores.

    The windows of nearby nodes overlap; a word position in several of them is counted
    once (the windows' union), so ``o <= f_collocate``, ``o <= f_node * span`` and
    both delta P lie in [-1, 1] (``tests/test_analyses.py``, the collocate invariants).

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`, or a token store
        (:func:`nkresearch.token_store`), counted part by part.
    pattern
        The node: a word, a glob (``"negotiat*"``), a phrase, a compiled regex or a
        list of them (:mod:`nkresearch.analysis.core.patterns`); ``node=`` is its old name.
    by
        The column (or list of columns) whose values are the groups.
    window
        Words on each side of the node (``5``), or ``(left, right)``. Windows count
        words (punctuation is removed first) and stop at sentence ends.
    unit
        ``norm``, ``lemma`` or ``token``.
    min_freq
        Keep collocates seen at least this often (``o``) near the node.
    drop_stop
        Leave out collocates that are stopwords (they still count in ``N``).
    keep_node
        Count the node's own words as collocates too (a word of a list, another
        match of the glob, a second occurrence of the word inside the window). By
        default they are left out: a search word is not its own company.
    client
        A Dask client: a token store's parts are counted on its cluster.

    Returns
    -------
    pandas.DataFrame
        ``<by>, node, collocate, o`` (word positions in the union of the node's
        windows that hold the collocate), ``docs`` (the documents those ``o``
        positions lie in: 1 means one text), ``f_node`` (node occurrences in the
        group), ``f_collocate``, ``N`` (words of the
        group), ``span`` (``left + right``), ``e`` (expected:
        ``f_node * f_collocate * span / N``), ``mi = log2(o / e)`` (pointwise MI in
        its window form, Evert 2008: the span is in ``e``; Church & Hanks' 1990
        association ratio, with no span, is ``mi + log2(span)``),
        ``mi3 = log2(o**3 / e)`` (Oakes 1998), ``t = (o - e) / sqrt(o)``,
        ``logdice = 14 + log2(2 o / (f_node + f_collocate))`` (Rychlý 2008),
        ``window_slots`` (``W``: word positions inside the union of the node's windows),
        ``delta_p_collocate_given_node = o / W - (f_collocate - o) / (N - W)`` and
        ``delta_p_node_given_collocate = o / f_collocate - (W - o) / (N - f_collocate)``
        (Gries 2013, from the 2x2 table of positions in and out of the windows),
        and ``is_stop``. Sorted by group and descending logDice.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> col = nk.collocates(tok, "negotiat*", by="actor", window=5, drop_stop=True)
    >>> top = col[col["actor"] == "Baku"].iloc[0]
    >>> top["collocate"], int(top["o"]), int(top["f_node"]), round(float(top["logdice"]), 2)
    ('conflict', 4, 13, 12.75)
    """
    func = "collocates"
    check_tokens(tokens, func)
    check_unit(func, unit)
    left, right = window_sides(func, window)
    check_min_freq(func, min_freq)
    check_client(func, tokens, client)
    compile_pattern(pattern, unit=unit, func=func)  # a bad pattern: its error before any counting
    label = pattern_label(pattern)
    count = functools.partial(
        _count_windows, func=func, by=by, unit=unit, pattern=pattern, sides=(left, right), keep_node=keep_node
    )
    found, word_fd, f_node, forms = count_parts(tokens, count, _merge_windows, client=client)
    found = found.where(found.n >= min_freq)
    groups = found.groups
    g, c = found.group, found.term
    n_words = word_fd.sizes
    slots = found.sizes  # W: every word position inside the windows
    o = found.n.astype(float)
    f_c = word_fd.lookup(g, c)  # the window counts and the word counts share their terms and groups
    table = pd.DataFrame(
        {
            **groups.frame(g),
            "node": label,
            "collocate": strings_at(found.vocab, c),
            "o": found.n,
            "docs": found.docs,
            "f_node": f_node[g],
            "f_collocate": f_c,
            "N": n_words[g],
            "span": left + right,
        }
    )
    for col in (*groups.columns, "node", "collocate"):  # text, also when nothing was found
        table[col] = table[col].astype(str)
    fn, total, w = f_node[g].astype(float), n_words[g].astype(float), slots[g].astype(float)
    e = measures.expected_in_window(fn, f_c.astype(float), left + right, total)
    table["e"] = e
    table["mi"] = measures.mutual_information(o, e)
    table["mi3"] = measures.mi3(o, e)
    table["t"] = measures.t_score(o, e)
    table["logdice"] = measures.logdice(o, fn, f_c.astype(float))
    table["window_slots"] = slots[g]
    given_node, given_collocate = measures.delta_p(o, f_c.astype(float), w, total)
    table["delta_p_collocate_given_node"] = given_node
    table["delta_p_node_given_collocate"] = given_collocate
    table["is_stop"] = found.stop[c]
    if drop_stop:
        table = table[~table["is_stop"].to_numpy(bool)]
    keys = [*groups.columns, "logdice", "collocate"]
    table = table.sort_values(keys, ascending=[True] * len(groups.columns) + [False, True], kind="stable")
    return carry_attrs(
        table.reset_index(drop=True),
        pattern=label,
        forms=most_frequent_forms(forms),
        window=(left, right),
        unit=unit,
        min_freq=min_freq,
        keep_node=keep_node,
    )


@result_of("collocations", store=True)
def collocations(
    tokens: Tokens,
    *,
    by: By = "actor",
    measure: Measure = "likelihood_ratio",
    min_freq: int = 1,
    unit: Unit = "norm",
    drop_stop: bool = False,
    client: Any = None,
) -> pd.DataFrame:
    """Adjacent word pairs that go together, per group, scored by NLTK.

    The counts are those of :meth:`BigramCollocationFinder.from_documents` given
    each group's sentences, split also at punctuation, as documents: no pair spans a
    sentence end, a comma or a quote mark. They are made with numpy (NLTK's
    finder counts in Python, word by word); every pair seen ``min_freq`` times is
    then scored by NLTK's own function, as ``finder.score_ngram`` does, so the
    scores are NLTK's. (NLTK's ``Text.collocation_list`` instead runs over the
    whole text and hides a stopword list, a frequency filter of 2 and a minimum
    word length of 3: here every threshold is an argument.)

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`, or a token store
        (:func:`nkresearch.token_store`), counted part by part.
    by
        The column (or list of columns) whose values are the groups.
    measure
        A scoring function of :class:`nltk.metrics.BigramAssocMeasures`
        (``likelihood_ratio``, ``pmi``, ``student_t``, ``chi_sq``, ``dice``,
        ``jaccard``, ``phi_sq``, ``poisson_stirling``, ``raw_freq``; Manning &
        Schütze 1999, ch. 5).
    min_freq
        Keep pairs seen at least this often (``finder.apply_freq_filter``).
    unit
        ``norm``, ``lemma`` or ``token``.
    drop_stop
        Leave out pairs with a stopword (``finder.apply_word_filter``); the counts
        still include them.
    client
        A Dask client: a token store's parts are counted on its cluster.

    Returns
    -------
    pandas.DataFrame
        ``<by>, w1, w2, bigram, score, measure`` and NLTK's contingency counts
        ``n_ii`` (the pair's count), ``n_ix`` (``w1``'s frequency), ``n_xi``
        (``w2``'s frequency) and ``n_xx`` (words of the group), from which NLTK
        computes the score; sorted by group and descending score.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> pairs = nk.collocations(tok, by="actor", min_freq=3, drop_stop=True)
    >>> pairs[pairs["actor"] == "Stepanakert"]["bigram"].head(2).tolist()
    ['international community', 'international law']
    """
    func = "collocations"
    check_tokens(tokens, func)
    check_unit(func, unit)
    check_choice(func, "measure", measure, MEASURES)
    check_min_freq(func, min_freq)
    score_fn = getattr(BigramAssocMeasures, measure)
    # NLTK's word_fd counts every word of every chunk; ngram_fd every adjacent pair in a chunk
    check_client(func, tokens, client)
    if isinstance(tokens, pd.DataFrame):
        word_fd, pairs, grams = _count_pairs(tokens, func=func, by=by, unit=unit, min_freq=min_freq)
    else:  # the parts' pairs are kept whatever their count, merged, then filtered
        count = functools.partial(_count_part_pairs, func=func, by=by, unit=unit)
        word_fd, pairs, grams = count_parts(tokens, count, _merge_pairs, client=client)
        pairs = pairs.where(pairs.n >= min_freq)
    pairs = pairs.without_stopwords() if drop_stop else pairs
    g_pair, n_ii = pairs.group, pairs.n
    vocab, group_names = word_fd.vocab, word_fd.groups.names
    w1_codes, w2_codes = grams[pairs.term, 0], grams[pairs.term, 1]
    n_ix, n_xi = word_fd.lookup(g_pair, w1_codes), word_fd.lookup(g_pair, w2_codes)
    n_xx = word_fd.sizes[g_pair]
    if measure == "likelihood_ratio":  # the default: NLTK's formula on whole arrays
        scores = measures.likelihood_ratio(n_ii.astype(float), n_ix.astype(float), n_xi.astype(float), n_xx)
    else:  # NLTK's own scoring function on NLTK's counts (BigramCollocationFinder.score_ngram)
        scores = np.array(
            [
                score_fn(float(ii), (int(ix), int(xi)), int(xx))
                for ii, ix, xi, xx in zip(n_ii, n_ix, n_xi, n_xx, strict=True)
            ],
            dtype=float,
        )
    alpha = alphabetical(vocab)  # ties within a group: by w1, then w2 (one key: their places)
    pair_place = alpha[w1_codes] * np.int64(len(vocab)) + alpha[w2_codes]
    order = np.lexsort((pair_place, -scores, alphabetical(group_names)[g_pair]))
    w1, w2 = strings_at(vocab, w1_codes[order]), strings_at(vocab, w2_codes[order])
    table = pd.DataFrame(
        {
            **pairs.groups.frame(g_pair[order]),
            "w1": w1,
            "w2": w2,
            "bigram": w1 + " " + w2,
            "score": scores[order],
            "measure": measure,
            "n_ii": n_ii[order],
            "n_ix": n_ix[order],
            "n_xi": n_xi[order],
            "n_xx": n_xx[order],
        }
    )
    return carry_attrs(table, measure=measure, unit=unit, min_freq=min_freq)


Windows = tuple[TermCounts, TermCounts, np.ndarray, dict[str, dict[str, int]]]


def _count_windows(
    tokens: pd.DataFrame,
    *,
    func: str,
    by: By,
    unit: Unit,
    pattern: Pattern,
    sides: tuple[int, int],
    keep_node: bool,
) -> Windows:
    """One tokens table (or part): the words in the node's windows, all words, the node's uses, its forms.

    The window counts and the word counts have the same terms and groups (those of the
    table's words), per group the node's occurrences; a window never leaves its sentence,
    so a part's windows are its own.
    """
    words = words_of(tokens, func, by=by, unit=unit)  # windows count words: punctuation out first
    items = compile_pattern(pattern, unit=unit, func=func)
    # the node's matches, found on all tokens, then as positions among the words counted
    matcher = Matcher(tokens, unit)
    first, last = matcher.spans(items)
    node_first, node_last = words.positions_of(first), words.positions_of(last)
    whole = (node_first >= 0) & (node_last >= 0)
    node_first, node_last = np.unique(np.stack([node_first[whole], node_last[whole]]), axis=1)
    near = np.unique(words.window(node_first, node_last, *sides))  # the union of the windows
    if not keep_node:  # the node's own words are not its collocates
        length = node_last - node_first + 1
        inside = (
            np.repeat(node_first, length)
            + np.arange(length.sum())
            - np.repeat(np.cumsum(length) - length, length)
        )
        near = near[~np.isin(near, inside)]
    found = tally(words, words.term[near], near, vocab=words.vocab, stop=lambda: words.stop, docs=True)
    f_node = np.bincount(words.group[node_first], minlength=len(words.groups))
    word_fd = words.count(docs=False)
    return found.detached(), word_fd.detached(), f_node, matcher.form_counts(items)


def _merge_windows(parts: list[Windows]) -> Windows:
    """The window counts, word counts, node uses and forms of several parts added up."""
    found = TermCounts.merge([p[0] for p in parts])
    word_fd = TermCounts.merge([p[1] for p in parts])
    _, maps = union_of([p[0].groups for p in parts])
    f_node = np.zeros(len(found.groups), dtype=np.int64)
    for part, code in zip(parts, maps, strict=True):
        np.add.at(f_node, code, part[2])
    return found, word_fd, f_node, merge_form_counts([p[3] for p in parts])


Pairs = tuple[TermCounts, TermCounts, np.ndarray]
#: between a pair's two words in the terms of merged pair counts (no token holds it)
PAIR_JOIN = "\x1f"


def _count_pairs(tokens: pd.DataFrame, *, func: str, by: By, unit: Unit, min_freq: int) -> Pairs:
    """One tokens table (or part): its word counts, its adjacent pairs seen ``min_freq`` times, their words.

    The pairs' words are codes of the word counts' terms, per pair term.
    """
    words = words_of(tokens, func, by=by, unit=unit)
    pairs, grams = words.ngrams(2, min_freq=min_freq, docs=False)
    word_fd = words.count(docs=False)  # after the pairs: the words' numbers they made serve here too
    return word_fd.detached(), pairs.detached(), grams


def _count_part_pairs(tokens: pd.DataFrame, *, func: str, by: By, unit: Unit) -> Pairs:
    """:func:`_count_pairs` of a store's part: every pair kept, its term its words joined by PAIR_JOIN.

    So the pairs of parts merge by their words (and ``min_freq`` applies to the sum).
    """
    word_fd, pairs, grams = _count_pairs(tokens, func=func, by=by, unit=unit, min_freq=1)
    joined = strings_at(word_fd.vocab, grams[:, 0]) + PAIR_JOIN + strings_at(word_fd.vocab, grams[:, 1])
    return word_fd, replace(pairs, vocab=np.asarray(joined, dtype=object)), grams


def _merge_pairs(parts: list[Pairs]) -> Pairs:
    """The word counts and the joined pairs of several parts added up; the pairs' words from their terms."""
    word_fd = TermCounts.merge([p[0] for p in parts])
    pairs = TermCounts.merge([p[1] for p in parts])
    split = pd.Series(pairs.vocab, dtype=object).str.split(PAIR_JOIN, n=1, expand=True)
    index = pd.Index(word_fd.vocab.astype(str))
    if len(split):
        grams = np.column_stack([index.get_indexer(split[0]), index.get_indexer(split[1])])
    else:
        grams = np.zeros((0, 2), dtype=np.int64)
    return word_fd, pairs, grams
