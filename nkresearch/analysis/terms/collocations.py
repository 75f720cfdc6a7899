"""Collocation: words that keep company, in a window around a node or side by side.

:func:`collocates` counts the words within a window around a node word (AntConc's
"Collocates" tool) and scores them with MI, MI3, t, logDice and delta P.
:func:`collocations` finds adjacent word pairs per group with NLTK's
:class:`~nltk.collocations.BigramCollocationFinder`, whose scores it returns
unchanged. Both work on words (punctuation is removed first) and stop at sentence
ends, so no window or pair spans two sentences, or two voices.
"""

from __future__ import annotations

from typing import Literal, get_args

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
from ..core.counts import tally, words_of
from ..core.groups import By
from ..core.kernels import alphabetical, strings_at
from ..core.options import renamed
from ..core.patterns import Matcher, Pattern, compile_pattern, pattern_label
from ..core.results import result_of
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
@result_of("collocates")
def collocates(
    tokens: pd.DataFrame,
    pattern: Pattern,
    *,
    by: By = "actor",
    window: int | tuple[int, int] = 5,
    unit: Unit = "norm",
    min_freq: int = 1,
    drop_stop: bool = False,
    keep_node: bool = False,
) -> pd.DataFrame:
    """Words that occur within a window around a pattern (the node), per group, with their scores.

    The windows of nearby nodes overlap; a word position in several of them is counted
    once (the windows' union), so ``o <= f_collocate``, ``o <= f_node * span`` and
    both delta P lie in [-1, 1] (``tests/test_analyses.py``, the collocate invariants).

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`.
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
    items = compile_pattern(pattern, unit=unit, func=func)
    label = pattern_label(pattern)
    words = words_of(tokens, func, by=by, unit=unit)  # windows count words: punctuation out first
    groups = words.groups
    # the node's matches, found on all tokens, then as positions among the words counted
    matcher = Matcher(tokens, unit)
    first, last = matcher.spans(items)
    node_first, node_last = words.positions_of(first), words.positions_of(last)
    whole = (node_first >= 0) & (node_last >= 0)
    node_first, node_last = np.unique(np.stack([node_first[whole], node_last[whole]]), axis=1)
    near = np.unique(words.window(node_first, node_last, left, right))  # the union of the windows
    if not keep_node:  # the node's own words are not its collocates
        length = node_last - node_first + 1
        inside = (
            np.repeat(node_first, length)
            + np.arange(length.sum())
            - np.repeat(np.cumsum(length) - length, length)
        )
        near = near[~np.isin(near, inside)]
    found = tally(words, words.term[near], near, vocab=words.vocab, stop=lambda: words.stop, docs=True)
    found = found.where(found.n >= min_freq)
    g, c = found.group, found.term
    n_words = words.sizes()
    f_node = np.bincount(words.group[node_first], minlength=len(groups))
    slots = found.sizes  # W: every word position inside the windows
    o = found.n.astype(float)
    f_c = words.count_pairs_of(g, c)
    table = pd.DataFrame(
        {
            **groups.frame(g),
            "node": label,
            "collocate": strings_at(words.vocab, c),
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
    table["is_stop"] = words.stop[c]
    if drop_stop:
        table = table[~table["is_stop"].to_numpy(bool)]
    keys = [*groups.columns, "logdice", "collocate"]
    table = table.sort_values(keys, ascending=[True] * len(groups.columns) + [False, True], kind="stable")
    return carry_attrs(
        table.reset_index(drop=True),
        pattern=label,
        forms=matcher.forms(items),
        window=(left, right),
        unit=unit,
        min_freq=min_freq,
        keep_node=keep_node,
    )


@result_of("collocations")
def collocations(
    tokens: pd.DataFrame,
    *,
    by: By = "actor",
    measure: Measure = "likelihood_ratio",
    min_freq: int = 1,
    unit: Unit = "norm",
    drop_stop: bool = False,
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
        The tokens table of :func:`nkresearch.tokenize`.
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
    words = words_of(tokens, func, by=by, unit=unit)
    word_fd = words.count(docs=False)
    pairs, pair_words = words.ngrams(2, min_freq=min_freq, docs=False)
    pairs = pairs.without_stopwords() if drop_stop else pairs
    g_pair, n_ii = pairs.group, pairs.n
    w1_codes, w2_codes = pair_words[pairs.term, 0], pair_words[pairs.term, 1]
    n_ix, n_xi = word_fd.lookup(g_pair, w1_codes), word_fd.lookup(g_pair, w2_codes)
    n_xx = word_fd.sizes[g_pair]
    vocab, group_names = words.vocab, words.groups.names
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
            **words.groups.frame(g_pair[order]),
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
