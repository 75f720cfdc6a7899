"""Real corpora: the bundled UN subset, periods, and the tokens cache."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import nkresearch as nk
import nkresearch.tokens.cache as cache_module


@pytest.fixture(scope="module")
def un_docs() -> pd.DataFrame:
    return nk.load_corpus("ungdc")


def test_un_subset_is_complete_with_metadata(un_docs: pd.DataFrame) -> None:
    assert len(un_docs) == 198
    assert un_docs.groupby("country").size().to_dict() == {
        c: 33 for c in ("ARM", "AZE", "FRA", "RUS", "TUR", "USA")
    }
    actors = dict(zip(un_docs["country"], un_docs["actor"], strict=False))
    assert actors == {
        "AZE": "Baku",
        "ARM": "Yerevan",
        "RUS": "Moscow",
        "USA": "Washington",
        "FRA": "Paris",
        "TUR": "Ankara",
    }
    aze_2023 = un_docs.set_index("doc_id").loc["AZE-2023"]
    assert (
        aze_2023["speaker"] == "Jeyhun Aziz oglu Bayramov"
        and aze_2023["post"] == "Minister of Foreign Affairs"
    )
    assert "Garabagh" in aze_2023["text"]
    assert un_docs["year"].between(1992, 2024).all()
    assert len(nk.cleaning_log(un_docs)) == 0  # speeches carry no web debris
    assert un_docs["n_words"].sum() == 517_676


def test_a_speech_is_a_statement_of_its_country(un_docs: pd.DataFrame) -> None:
    seg = nk.segment_voices(un_docs)
    assert len(seg) == 198 and set(seg["kind"]) == {"statement"}
    assert (seg["start"] == 0).all() and (seg["end"] == un_docs["text"].str.len().to_numpy()).all()
    assert seg.set_index("doc_id").loc["ARM-2022", "speaker"] == "Nikol Pashinyan"


def test_periods_from_labels_and_from_bounds(un_docs: pd.DataFrame) -> None:
    docs = nk.periods(un_docs, ["1992-2019", "2020-2023", "2024-"])
    assert docs.groupby("period", observed=True).size().to_dict() == {
        "1992-2019": 168,
        "2020-2023": 24,
        "2024-": 6,
    }
    assert list(docs["period"].cat.categories) == ["1992-2019", "2020-2023", "2024-"]
    named = nk.periods(un_docs, {"before the 2020 war": (None, 2019), "after": (2020, None)}, name="era")
    assert named.groupby("era", observed=True).size().tolist() == [168, 30]
    seeds = nk.periods(nk.load_corpus(), ["-2016", "2017-2019", "2020-"], column="date")
    assert seeds.set_index("doc_id")["period"].astype(str).to_dict()["mammadyarov-2019-report"] == "2017-2019"
    with pytest.raises(nk.NKResearchError, match="overlaps"):
        nk.periods(un_docs, ["1992-2019", "2019-2024"])
    with pytest.raises(nk.NKResearchError, match="cannot read years"):
        nk.periods(un_docs, ["the nineties"])


def test_periods_flow_into_tokens_and_grouping(un_docs: pd.DataFrame) -> None:
    docs = nk.periods(un_docs[un_docs["country"] == "AZE"], ["1992-2019", "2020-"])
    tokens = nk.tokenize(nk.segment_voices(docs))
    freq = nk.term_frequencies(tokens, by="period")
    assert set(freq["period"].astype(str)) == {"1992-2019", "2020-"}
    naming = nk.read_lexicon("naming")
    counts = nk.lexicon_counts(tokens, naming, by="period", level="entry").set_index(["period", "entry"])["n"]
    assert counts.get(("2020-", "Garabagh"), 0) >= 5 and counts.get(("1992-2019", "Garabagh"), 0) == 0


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "processed"
    monkeypatch.setattr(cache_module, "PROCESSED_DIR", folder)
    return folder


def test_cached_tokens_equal_fresh_ones_and_analyses_agree(cache_dir: Path) -> None:
    cold = nk.corpus_tokens("seeds", progress=False)
    warm = nk.corpus_tokens("seeds", progress=False)
    assert cold.attrs["cache"]["from_cache"] is False and warm.attrs["cache"]["from_cache"] is True
    files = list(cache_dir.glob("*.parquet"))
    assert len(files) == 1 and files[0].read_bytes()[:4] == b"PAR1"
    fresh = nk.tokenize(nk.segment_voices(nk.load_corpus()))
    pd.testing.assert_frame_equal(warm, fresh)
    assert warm.attrs["tokenize"] == fresh.attrs["tokenize"]
    for analysis in (
        lambda t: nk.keyness(t, target="Baku"),
        lambda t: nk.term_frequencies(t, ci=0.9),
        lambda t: nk.collocates(t, "negotiat*"),
        lambda t: nk.lexicon_counts(t, nk.read_lexicon("frames")),
    ):
        pd.testing.assert_frame_equal(analysis(warm), analysis(fresh))


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("Peace talks resumed in Vienna. Both sides came.", encoding="utf-8")
    (folder / "b.txt").write_text("The ceasefire held.", encoding="utf-8")
    (folder / "metadata.csv").write_text("file,actor\na.txt,Baku\nb.txt,Yerevan\n", encoding="utf-8")
    return folder


def test_a_changed_input_rebuilds_the_cache(cache_dir: Path, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    first = nk.corpus_tokens(folder, progress=False)
    (folder / "b.txt").write_text("The ceasefire broke.", encoding="utf-8")
    second = nk.corpus_tokens(folder, progress=False)
    assert second.attrs["cache"]["from_cache"] is False
    assert "broke" in set(second["norm"].astype(str)) and "broke" not in set(first["norm"].astype(str))
    assert len(list(cache_dir.glob("*.parquet"))) == 1  # the stale file is gone
    assert nk.corpus_tokens(folder, progress=False).attrs["cache"]["from_cache"] is True


def test_input_hashes_are_remembered_but_an_edit_of_the_same_size_is_seen(
    cache_dir: Path, tmp_path: Path
) -> None:
    folder = _folder(tmp_path)
    for path in folder.iterdir():
        os.utime(path, ns=(1_600_000_000 * 10**9, 1_600_000_000 * 10**9))  # files edited long ago
    key = cache_module.cache_key(folder)
    memo = json.loads((cache_dir / "input-digests.json").read_text(encoding="utf-8"))
    assert len(memo) == len(list(folder.glob("*.txt")))
    assert cache_module.cache_key(folder) == key  # from the memo
    text = (folder / "b.txt").read_text(encoding="utf-8")
    (folder / "b.txt").write_text(text.replace("a", "o", 1), encoding="utf-8")  # same size, just now
    assert cache_module.cache_key(folder) != key
    (folder / "b.txt").write_text(text, encoding="utf-8")
    (cache_dir / "input-digests.json").write_text("{broken", encoding="utf-8")  # an unreadable memo
    assert cache_module.cache_key(folder) == key


def test_a_corrupt_or_truncated_cache_is_rebuilt_with_a_warning(cache_dir: Path, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    good = nk.corpus_tokens(folder, progress=False)
    path = next(cache_dir.glob("*.parquet"))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.warns(UserWarning, match="unreadable tokens cache"):
        rebuilt = nk.corpus_tokens(folder, progress=False)
    pd.testing.assert_frame_equal(rebuilt, good)
    path.write_bytes(b"not a parquet file at all")
    with pytest.warns(UserWarning, match="rebuilding"):
        nk.corpus_tokens(folder, progress=False)
    assert not [p for p in cache_dir.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_parallel_tokenizing_gives_the_same_table(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "PARALLEL_CHARS", 1000)
    parallel = nk.corpus_tokens("seeds", cache=False, workers=2, progress=False)
    serial = nk.tokenize(nk.segment_voices(nk.load_corpus()))
    pd.testing.assert_frame_equal(parallel, serial)  # categories too: sorted in both
    assert isinstance(parallel["norm"].dtype, pd.CategoricalDtype)
    assert not list(cache_dir.glob("*"))  # cache=False writes nothing


def test_a_parallel_build_writes_its_cache_in_the_background(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "PARALLEL_CHARS", 1000)
    monkeypatch.setattr(cache_module, "CHUNK_CHARS", 200_000)  # several chunks of the UN subset
    cold = nk.corpus_tokens("ungdc", workers=2, progress=False)
    cache_module.wait_for_writes()
    assert not cache_module._WRITES
    files = list(cache_dir.iterdir())
    names = sorted(f.name for f in files)  # no temporary file left
    assert names == sorted([Path(cold.attrs["cache"]["path"]).name, "input-digests.json"])
    warm = nk.corpus_tokens("ungdc", workers=2, progress=False)
    assert warm.attrs["cache"]["from_cache"] is True
    serial = nk.tokenize(nk.segment_voices(nk.load_corpus("ungdc")))
    _assert_same_table(cold, serial)
    _assert_same_table(warm, serial)


def _assert_same_table(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    """``assert_frame_equal`` for big token tables: categories and codes compared as arrays."""
    assert list(got.columns) == list(expected.columns)
    for col in expected.columns:
        a, b = got[col], expected[col]
        assert a.dtype == b.dtype, col
        if isinstance(b.dtype, pd.CategoricalDtype):
            assert a.cat.categories.tolist() == b.cat.categories.tolist(), col
            assert np.array_equal(a.cat.codes.to_numpy(), b.cat.codes.to_numpy()), col
        else:
            assert np.array_equal(a.to_numpy(), b.to_numpy()), col
