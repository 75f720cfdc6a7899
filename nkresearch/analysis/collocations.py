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

from . import measures
from ._checks import (
    Unit,
    as_categorical,
    carry_attrs,
    check_choice,
    check_min_freq,
    check_tokens,
    check_unit,
    window_sides,
)
from .counting import alphabetical, count_keys, count_pairs, pair_ids, same_sentence_as_next, strings_at
from .groups import By, groups_of
from .options import renamed
from .patterns import Matcher, Pattern, compile_pattern, pattern_label

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
def collocates(
    tokens: pd.DataFrame,
    pattern: Pattern,
    *,
    by: By = "actor",
    window: int | tuple[int, int] = 5,
    unit: Unit = "norm",
    min_freq: int = 1,
    drop_stop: bool = False,
) -> pd.DataFrame:
    """Words that occur within a window around a pattern (the node), per group, with their scores.

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`.
    pattern
        The node: a word, a glob (``"negotiat*"``), a phrase, a compiled regex or a
        list of them (:mod:`nkresearch.analysis.patterns`); ``node=`` is its old name.
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

    Returns
    -------
    pandas.DataFrame
        ``<by>, node, collocate, o`` (co-occurrences in the window), ``f_node``
        (node occurrences in the group), ``f_collocate``, ``N`` (words of the
        group), ``span`` (``left + right``), ``e`` (expected:
        ``f_node * f_collocate * span / N``), ``mi = log2(o / e)`` (Church & Hanks
        1990), ``mi3 = log2(o**3 / e)`` (Oakes 1998), ``t = (o - e) / sqrt(o)``,
        ``logdice = 14 + log2(2 o / (f_node + f_collocate))`` (Rychlý 2008),
        ``window_slots`` (``W``: word positions inside the node's windows),
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
    groups = groups_of(tokens, func, by)
    check_unit(func, unit)
    left, right = window_sides(func, window)
    check_min_freq(func, min_freq)
    items = compile_pattern(pattern, unit=unit, func=func)
    label = pattern_label(pattern)
    word = ~tokens["is_punct"].to_numpy(bool)  # windows count words: punctuation out first
    values = as_categorical(tokens[unit])
    codes = values.codes[word]
    # the node's matches, found on all tokens, then as positions among the words
    first, last = Matcher(tokens, unit, values=values).spans(items)
    whole = word[first] & word[last]
    punct_at = np.flatnonzero(~word)  # a token's place among the words: its place less the punctuation before
    node_first = first[whole] - np.searchsorted(punct_at, first[whole])
    node_last = last[whole] - np.searchsorted(punct_at, last[whole])
    doc = as_categorical(tokens["doc_id"]).codes[word]
    sent = tokens["sent_id"].to_numpy()[word]
    g_codes = groups.codes[word]
    grouped = g_codes[node_first] >= 0
    node_first, node_last = node_first[grouped], node_last[grouped]
    n = len(codes)

    found_pos = []
    for offset in [*range(-left, 0), *range(1, right + 1)]:
        anchor = node_first if offset < 0 else node_last
        other = anchor + offset
        ok = (other >= 0) & (other < n)
        ok[ok] &= (sent[other[ok]] == sent[anchor[ok]]) & (doc[other[ok]] == doc[anchor[ok]])
        found_pos.append(other[ok])
    hits = np.concatenate(found_pos) if found_pos else np.array([], dtype=np.int64)
    pairs = pd.DataFrame({"g": g_codes[hits], "c": codes[hits]}).value_counts().rename("o").reset_index()
    n_words = np.bincount(g_codes[g_codes >= 0], minlength=len(groups))
    f_node = np.bincount(g_codes[node_first], minlength=len(groups))
    slots = np.bincount(g_codes[hits], minlength=len(groups))
    table = pairs[pairs["o"] >= min_freq].copy()
    vocab_size = len(values.categories)
    needed = table["g"].to_numpy(np.int64) * vocab_size + table["c"].to_numpy(np.int64)
    order = np.argsort(needed)
    is_collocate = np.zeros(vocab_size, dtype=bool)
    is_collocate[table["c"].to_numpy()] = True
    of_collocate = is_collocate[codes] & (g_codes >= 0)  # count only the words that are collocates
    found_keys = g_codes[of_collocate].astype(np.int64) * vocab_size + codes[of_collocate]
    f_sorted = count_keys(found_keys, needed[order])
    f_collocate = np.empty_like(f_sorted)
    f_collocate[order] = f_sorted
    table["f_collocate"] = f_collocate
    g = table["g"].to_numpy(np.int64)
    table_codes = table["c"].to_numpy()
    o = table["o"].to_numpy(float)
    f_c = table["f_collocate"].to_numpy(float)
    table = pd.DataFrame(
        {
            **groups.frame(g),
            "node": label,
            "collocate": np.asarray(values.categories.astype(str))[table["c"].to_numpy()],
            "o": table["o"].to_numpy(),
            "f_node": f_node[g],
            "f_collocate": table["f_collocate"].to_numpy(),
            "N": n_words[g],
            "span": left + right,
        }
    )
    for col in (*groups.columns, "node", "collocate"):  # text, also when nothing was found
        table[col] = table[col].astype(str)
    fn, total, w = f_node[g].astype(float), n_words[g].astype(float), slots[g].astype(float)
    e = measures.expected_in_window(fn, f_c, left + right, total)
    table["e"] = e
    table["mi"] = measures.mutual_information(o, e)
    table["mi3"] = measures.mi3(o, e)
    table["t"] = measures.t_score(o, e)
    table["logdice"] = measures.logdice(o, fn, f_c)
    table["window_slots"] = slots[g]
    given_node, given_collocate = measures.delta_p(o, f_c, w, total)
    table["delta_p_collocate_given_node"] = given_node
    table["delta_p_node_given_collocate"] = given_collocate
    stop_code = np.zeros(vocab_size, dtype=bool)
    stop_code[codes[tokens["is_stop"].to_numpy(bool)[word]]] = True
    table["is_stop"] = stop_code[table_codes]
    if drop_stop:
        table = table[~table["is_stop"].to_numpy(bool)]
    keys = [*groups.columns, "logdice", "collocate"]
    table = table.sort_values(keys, ascending=[True] * len(groups.columns) + [False, True], kind="stable")
    return carry_attrs(
        table.reset_index(drop=True),
        tokens,
        measure="collocates",
        pattern=label,
        window=(left, right),
        unit=unit,
        min_freq=min_freq,
    )


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
    groups = groups_of(tokens, func, by)
    check_unit(func, unit)
    check_choice(func, "measure", measure, MEASURES)
    check_min_freq(func, min_freq)
    score_fn = getattr(BigramAssocMeasures, measure)
    values = as_categorical(tokens[unit])
    codes = values.codes
    vocab = np.asarray(values.categories.astype(str))
    v = len(vocab)
    group_names = groups.names
    g_codes = groups.codes
    word = ~tokens["is_punct"].to_numpy(bool) & (g_codes >= 0)
    # NLTK's word_fd counts every word of every chunk; ngram_fd every adjacent pair in a chunk.
    # Both on integer codes: (group, word) pairs numbered once, then a sparse matrix of
    # (group, w1) rows by w2 columns whose duplicate entries scipy sums row by row.
    word_codes, word_groups = codes[word], g_codes[word]
    ids, word_keys, word_fd = pair_ids(word_groups, word_codes, v)  # sorted (group, word) keys
    doc = as_categorical(tokens["doc_id"]).codes
    adjacent = same_sentence_as_next(doc, tokens["sent_id"].to_numpy()) & word[:-1] & word[1:]
    followed = np.append(adjacent, False)[word][:-1]  # word i is followed by word i + 1
    matrix = count_pairs(ids[:-1], word_codes[1:], (len(word_keys), v), where=followed)
    kept = np.flatnonzero(matrix.data >= min_freq)
    rows = np.searchsorted(matrix.indptr, kept, side="right") - 1
    first_keys, w2_codes, n_ii = word_keys[rows], matrix.indices[kept].astype(np.int64), matrix.data[kept]
    g_pair, w1_codes = np.divmod(first_keys, np.int64(v))
    n_ix = word_fd[rows]
    if drop_stop:
        is_stop_code = np.zeros(v, dtype=bool)
        is_stop_code[codes[tokens["is_stop"].to_numpy(bool)]] = True
        keep = ~is_stop_code[w1_codes] & ~is_stop_code[w2_codes]
        g_pair, w1_codes, w2_codes, n_ii, n_ix = (a[keep] for a in (g_pair, w1_codes, w2_codes, n_ii, n_ix))
    n_xi = word_fd[np.searchsorted(word_keys, g_pair * v + w2_codes)]
    group_words = np.bincount(word_keys // v, weights=word_fd, minlength=len(group_names))  # words a group
    n_xx = group_words.astype(np.int64)[g_pair]
    if measure == "likelihood_ratio":  # the default: NLTK's formula on whole arrays
        scores = _likelihood_ratio(n_ii.astype(float), n_ix.astype(float), n_xi.astype(float), n_xx)
    else:  # NLTK's own scoring function on NLTK's counts (BigramCollocationFinder.score_ngram)
        scores = np.array(
            [
                score_fn(float(ii), (int(ix), int(xi)), int(xx))
                for ii, ix, xi, xx in zip(n_ii, n_ix, n_xi, n_xx, strict=True)
            ],
            dtype=float,
        )
    alpha = alphabetical(vocab)  # ties within a group: by w1, then w2 (one key: their places)
    pair_place = alpha[w1_codes] * np.int64(v) + alpha[w2_codes]
    order = np.lexsort((pair_place, -scores, alphabetical(group_names)[g_pair]))
    w1, w2 = strings_at(vocab, w1_codes[order]), strings_at(vocab, w2_codes[order])
    table = pd.DataFrame(
        {
            **groups.frame(g_pair[order]),
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
    return carry_attrs(table, tokens, measure=measure, unit=unit, min_freq=min_freq)


def _likelihood_ratio(n_ii: np.ndarray, n_ix: np.ndarray, n_xi: np.ndarray, n_xx: np.ndarray) -> np.ndarray:
    """NLTK's ``BigramAssocMeasures.likelihood_ratio`` on arrays, term by term in NLTK's order.

    The contingency cells, expected values, the 1e-20 guards and the order of the
    sum are NLTK's (Manning & Schütze 1999, 5.3.4); only the loop is numpy's, so the
    scores equal NLTK's to floating-point rounding
    (``tests/test_analyses.py::test_collocations_scores_equal_nltks_own``).
    """
    small = 1e-20
    n_xx = np.asarray(n_xx, dtype=float)
    n_oi = n_xi - n_ii
    n_io = n_ix - n_ii
    cont = (n_ii, n_oi, n_io, n_xx - n_ii - n_oi - n_io)
    total = cont[0] + cont[1] + cont[2] + cont[3]
    score = np.zeros_like(n_ii)
    for i in range(4):
        expected = (cont[i] + cont[i ^ 1]) * (cont[i] + cont[i ^ 2]) / total
        with np.errstate(divide="ignore", invalid="ignore"):
            score = score + cont[i] * np.log(cont[i] / (expected + small) + small)
    result: np.ndarray = 2 * score
    return result
