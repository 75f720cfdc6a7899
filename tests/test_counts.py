"""The counting core: counts worked out by hand, and counts made part by part then merged."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import toy_tokens

import nkresearch as nk
from nkresearch.analysis.core.counts import TermCounts, words_of
from nkresearch.analysis.terms.frequencies import frequency_table
from nkresearch.analysis.terms.keyness import keyness_table
from nkresearch.errors import NKResearchError

TOY = {
    "A": ["The cat sat. The cat ran, fast.", "A dog sat."],
    "B": ["The dog ran. The dog sat."],
}


def _pairs(counts: TermCounts) -> dict[tuple[str, str], int]:
    """The counts as {(group, term): n}."""
    names, vocab = counts.groups.names, counts.vocab
    rows = zip(counts.group, counts.term, counts.n, strict=True)
    return {(str(names[g]), str(vocab[t])): int(n) for g, t, n in rows}


def test_counts_by_hand() -> None:
    words = words_of(toy_tokens(TOY), "test", by="actor", unit="norm")
    counts = words.count()
    pairs = _pairs(counts)
    assert pairs[("A", "cat")] == 2 and pairs[("A", "sat")] == 2 and pairs[("B", "dog")] == 2
    assert ("B", "cat") not in pairs
    assert counts.sizes.tolist() == [10, 6]  # words, punctuation left out
    keys = zip(counts.groups.names[counts.group], counts.vocab[counts.term], strict=True)
    assert counts.docs is not None
    docs = dict(zip(keys, counts.docs, strict=True))
    assert docs[("A", "sat")] == 2 and docs[("A", "cat")] == 1
    cat = int(np.flatnonzero(counts.vocab == "cat")[0])
    assert counts.lookup(np.array([0, 1]), np.array([cat, cat])).tolist() == [2, 0]
    assert counts.in_groups([0, 1])[cat] == 2
    assert counts.without_stopwords().sizes.tolist() == [10, 6]
    assert ("A", "the") in pairs and ("A", "the") not in _pairs(counts.without_stopwords())


def test_ngrams_by_hand_stop_at_sentences_and_punctuation() -> None:
    words = words_of(toy_tokens(TOY), "test", by="actor", unit="norm")
    counts, grams = words.ngrams(2)
    pairs = _pairs(counts)
    # "the cat" twice in A; "ran fast" spans a comma, "sat the" a sentence end: neither is a pair
    assert pairs[("A", "the cat")] == 2 and pairs[("B", "the dog")] == 2
    assert ("A", "ran fast") not in pairs and ("A", "sat the") not in pairs
    assert counts.sizes.tolist() == [6, 4]  # the pairs each group has
    assert [" ".join(words.vocab[g]) for g in grams] == counts.vocab.tolist()  # each n-gram's words
    kept, _ = words.ngrams(2, min_freq=2)
    assert set(_pairs(kept)) == {("A", "the cat"), ("B", "the dog")}


def _parts(tokens: pd.DataFrame, n: int) -> list[pd.DataFrame]:
    """The table cut into ``n`` parts of whole documents, each with categories of its own."""
    docs = tokens["doc_id"].astype(str).unique()
    parts = []
    for chunk in np.array_split(docs, n):
        part = tokens[tokens["doc_id"].astype(str).isin(chunk)].reset_index(drop=True)
        for column in part.select_dtypes("category").columns:
            part[column] = part[column].astype(str).astype("category")  # codes unlike the whole's
        parts.append(part)
    return parts


@pytest.mark.parametrize("by", ["actor", ["kind", "actor"]])
def test_counted_in_parts_then_merged_equals_counted_at_once(
    tokens: pd.DataFrame, by: str | list[str]
) -> None:
    parts = [words_of(p, "test", by=by, unit="norm") for p in _parts(tokens, 3)]
    merged = TermCounts.merge([w.count() for w in parts])
    pd.testing.assert_frame_equal(
        frequency_table(merged), nk.term_frequencies(tokens, by=by), check_dtype=False
    )
    merged_grams = TermCounts.merge([w.ngrams(2)[0] for w in parts])
    bigrams = nk.ngrams(tokens, n=2, by=by)
    columns = [by] if isinstance(by, str) else by
    groups = bigrams[columns].astype(str).agg(" | ".join, axis=1)
    expected = dict(zip(zip(groups, bigrams["ngram"], strict=True), bigrams["n"], strict=True))
    assert _pairs(merged_grams) == expected


def test_keyness_of_merged_counts_equals_keyness(tokens: pd.DataFrame) -> None:
    merged = TermCounts.merge(
        [words_of(p, "test", by="actor", unit="norm").count() for p in _parts(tokens, 2)]
    )
    target = int(merged.groups.find("test", "target", "Baku"))
    rest = [g for g in range(len(merged.groups)) if g != target]
    table = keyness_table(merged, target=[target], reference=rest, min_freq=3)
    expected = nk.keyness(tokens, target="Baku", min_freq=3)  # counted with its documents, two sides
    documents = ["docs_target", "docs_reference", "one_doc_target"]
    pd.testing.assert_frame_equal(table, expected.drop(columns=documents), check_dtype=False)


def test_merge_needs_parts() -> None:
    with pytest.raises(NKResearchError, match="no parts"):
        TermCounts.merge([])


def test_the_matrix_and_the_per_document_view_are_the_same_counts(tokens: pd.DataFrame) -> None:
    words = words_of(tokens, "test", by="actor", unit="norm")
    counts = words.count(docs=True)
    matrix, docs = counts.matrix().toarray(), counts.matrix(docs=True).toarray()
    assert matrix.sum() == len(words) and (matrix[counts.group, counts.term] == counts.n).all()
    parts, group = words.per_document()
    assert (np.diff(group) >= 0).all()  # sorted by group
    summed = np.vstack(
        [np.asarray(parts[group == g].sum(axis=0)).reshape(-1) for g in range(len(words.groups))]
    )
    assert (summed == matrix).all()  # the parts of a group add up to the group
    used = np.vstack(
        [np.asarray((parts[group == g] > 0).sum(axis=0)).reshape(-1) for g in range(len(words.groups))]
    )
    assert (used == docs).all()  # a term's documents in a group: the group's parts that use it
