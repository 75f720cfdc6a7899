"""A token store counted part by part gives the tables of the tokens table in memory.

The UN subset is cut into many parts (a small ``PART_CHARS``); every analysis that takes a
store is run on the store and on the whole table, and the tables and their ``attrs`` must be
equal, for several options each. The cluster runs the same counting in ``test_workers.py``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import assert_same_table

import nkresearch as nk
import nkresearch.tokens.parts as parts_module


@pytest.fixture(scope="module")
def cut(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[nk.TokenStore, pd.DataFrame]]:
    """The UN subset as a store of many parts, and as one table."""
    folder = tmp_path_factory.mktemp("stores")
    whole_part = parts_module.PART_CHARS
    parts_module.PART_CHARS = 150_000
    try:
        store = nk.token_store("ungdc", cache_dir=folder, progress=False)
    finally:
        parts_module.PART_CHARS = whole_part
    yield store, nk.corpus_tokens("ungdc", cache=False, progress=False)


def test_the_store_holds_the_corpus_in_many_parts_and_reads_back_whole(
    cut: tuple[nk.TokenStore, pd.DataFrame],
) -> None:
    store, table = cut
    assert len(store) >= 8
    sizes = [len(store.read(i)) for i in range(len(store))]
    assert sum(sizes) == len(table) and min(sizes) > 0
    assert store.attrs["corpus"] == table.attrs["corpus"]
    assert store.attrs["tokenize"] == table.attrs["tokenize"]  # each part's documents added up
    assert list(store.columns) == list(table.columns)
    assert_same_table(store.to_pandas(), table)


CALLS: list[tuple[str, Callable[..., pd.DataFrame], dict[str, Any]]] = [
    ("frequencies", nk.term_frequencies, {"by": "actor"}),
    ("frequencies, two columns", nk.term_frequencies, {"by": ["actor", "year"], "drop_stop": True}),
    ("frequencies, lemmas per document", nk.term_frequencies, {"by": "doc_id", "unit": "lemma"}),
    ("keyness", nk.keyness, {"target": "Baku"}),
    ("keyness, a reference", nk.keyness, {"target": "Baku", "reference": "Yerevan", "min_freq": 3}),
    (
        "keyness within",
        nk.keyness,
        {"target": ("Baku", "statement"), "by": ["actor", "kind"], "within": "kind", "drop_stop": True},
    ),
    ("keyness english", nk.keyness_english, {"target": "Baku", "min_freq": 2}),
    ("log-odds", nk.log_odds, {"target": "Baku"}),
    ("log-odds, every group", nk.log_odds, {"target": None, "min_freq": 5, "drop_stop": True}),
    ("log-odds, flat prior", nk.log_odds, {"target": "Baku", "reference": "Yerevan", "prior": 0.5}),
    ("dispersion", nk.dispersion, {"pattern": ["karabakh", "negotiat*", "occupied territories"]}),
    ("dispersion by actor and year", nk.dispersion, {"pattern": "armenia*", "by": ["actor", "year"]}),
    ("ngrams", nk.ngrams, {"n": 2, "by": "actor", "min_freq": 2}),
    ("trigrams by year", nk.ngrams, {"n": 3, "by": "year", "drop_stop": True, "drop_punct": False}),
    ("trends", nk.trends, {"pattern": ["karabakh", "armenia*", "occupied territories"], "by": "actor"}),
    ("trends by two columns", nk.trends, {"pattern": "negotiat*", "by": ["actor", "kind"], "unit": "lemma"}),
    ("voice summary", nk.voice_summary, {}),
    ("voice summary by year", nk.voice_summary, {"by": ["year", "actor"]}),
    ("collocations", nk.collocations, {"by": "actor", "min_freq": 3}),
    (
        "collocations, pmi",
        nk.collocations,
        {"by": "year", "measure": "pmi", "min_freq": 5, "drop_stop": True},
    ),
    ("collocates", nk.collocates, {"pattern": "karabakh", "by": "actor", "window": 5}),
    (
        "collocates of a glob",
        nk.collocates,
        {"pattern": "negotiat*", "by": ["actor", "year"], "window": (2, 4), "min_freq": 2, "drop_stop": True},
    ),
    ("collocates, the node kept", nk.collocates, {"pattern": "occupied territories", "keep_node": True}),
    ("lexicon counts", nk.lexicon_counts, {"lexicon": nk.read_lexicon("naming")}),
    (
        "lexicon counts per entry",
        nk.lexicon_counts,
        {"lexicon": nk.read_lexicon("naming"), "by": ["actor", "year"], "count_by": "entry"},
    ),
    (
        "lexicon counts per name",
        nk.lexicon_counts,
        {"lexicon": nk.read_lexicon("naming"), "count_by": "canonical"},
    ),
    ("kwic", nk.kwic, {"pattern": "karabakh*", "window": 5}),
    (
        "kwic, sorted, more columns",
        nk.kwic,
        {"pattern": "occupied territories", "show": "year", "sort": "left"},
    ),
]


@pytest.mark.parametrize(("name", "analysis", "options"), CALLS, ids=[c[0] for c in CALLS])
def test_an_analysis_of_the_store_is_the_analysis_of_the_table(
    cut: tuple[nk.TokenStore, pd.DataFrame], name: str, analysis: Callable[..., pd.DataFrame], options: dict
) -> None:
    store, table = cut
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # neither warns
        expected, got = analysis(table, **options), analysis(store, **options)
    assert len(expected) > 0, name
    pd.testing.assert_frame_equal(got, expected)
    assert got.attrs == expected.attrs


def test_a_store_gives_the_same_errors_as_the_table(cut: tuple[nk.TokenStore, pd.DataFrame]) -> None:
    store, table = cut
    for call in (
        lambda t: nk.keyness(t, target="Nowhere"),
        lambda t: nk.keyness(t, target="Baku", reference="Baku"),
        lambda t: nk.keyness(t, target="Baku", within="nope"),
        lambda t: nk.log_odds(t, target="Baku", by="nope"),
        lambda t: nk.ngrams(t, by="nope"),
        lambda t: nk.trends(t, "karabakh", time="nope"),
    ):
        messages = []
        for tokens in (table, store):
            with pytest.raises(nk.NKResearchError) as caught:
                call(tokens)
            messages.append(str(caught.value))
        assert messages[0] == messages[1]


def test_what_needs_the_table_in_memory_says_so(cut: tuple[nk.TokenStore, pd.DataFrame]) -> None:
    store, table = cut
    with pytest.raises(nk.NKResearchError, match=r"level=.*needs the tokens table in memory.*to_pandas"):
        nk.term_frequencies(store, level=0.95)
    with pytest.raises(nk.NKResearchError, match="client= counts the parts of a token store"):
        nk.term_frequencies(table, client=object())


def test_a_part_damaged_after_the_store_was_made_is_named(tmp_path: Path) -> None:
    store = nk.token_store("seeds", cache_dir=tmp_path, progress=False)
    part = Path(store.files[0])
    data = part.read_bytes()
    column = pq.ParquetFile(part).metadata.row_group(0).column(3)  # the codes of the tokens
    at = column.data_page_offset + column.total_compressed_size // 2
    part.write_bytes(data[: len(data) // 2])  # its footer gone
    with pytest.raises(nk.NKResearchError, match=rf"{part.name}.*call nk.token_store\(...\) again"):
        nk.term_frequencies(store)
    part.write_bytes(data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :])  # a bit of its columns flipped
    store = nk.TokenStore(store.path, store.files, store.keys)  # a new handle: nothing read yet
    with (
        pytest.warns(UserWarning, match="unreadable tokens cache"),
        pytest.raises(nk.NKResearchError, match=rf"{part.name}.*call nk.token_store\(...\) again"),
    ):
        nk.term_frequencies(store)
    with pytest.warns(UserWarning, match="rebuilding"):
        again = nk.token_store("seeds", cache_dir=tmp_path, progress=False)
    assert len(nk.term_frequencies(again)) > 0


def test_a_documents_table_has_no_store(docs: pd.DataFrame) -> None:
    with pytest.raises(nk.NKResearchError, match="documents table is in memory already"):
        nk.token_store(docs)


def test_an_analysis_that_needs_the_table_says_so_for_a_store(
    cut: tuple[nk.TokenStore, pd.DataFrame],
) -> None:
    from nkresearch.analysis.core.results import ANALYSES, STORE_AWARE

    store, _ = cut
    assert {c[1].__name__ for c in CALLS} == STORE_AWARE  # every analysis that takes a store is tested
    for name in sorted(set(ANALYSES) - STORE_AWARE):
        with pytest.raises(
            nk.NKResearchError, match=rf"^{name}: this analysis needs the tokens table in memory"
        ):
            ANALYSES[name](store)
