"""Real corpora: the bundled UN subset, periods, and the tokens cache."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import assert_same_table

import nkresearch as nk
import nkresearch.tokens.build as build_module
import nkresearch.tokens.cache as cache_module
import nkresearch.tokens.parts as parts_module
import nkresearch.workers as workers_module
from nkresearch.config import CACHE_ENV
from nkresearch.corpus.source import resolve_source
from nkresearch.tokens.key import cache_key
from nkresearch.tokens.parts import partition
from nkresearch.voices import GOLD_FILE


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
    # speeches carry no web debris; the printed record's page headers hold date lines
    # ("Fifty-first session 30 September 1996", four times in TUR-1996; "13/01/2021")
    log = nk.cleaning_log(un_docs)
    assert log["rule"].tolist() == ["date_line"] * 5 and set(log["doc_id"]) == {"TUR-1996", "TUR-2020"}
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


def test_an_undated_corpus_is_one_undated_period() -> None:
    table = pd.DataFrame({"doc_id": ["a", "b", "c"], "year": ["2019", "", "2021"]})
    marked = nk.periods(table, ["-2020", "2021-"], undated="undated")
    assert marked["period"].astype(str).tolist() == ["-2020", "undated", "2021-"]
    assert list(marked["period"].cat.categories) == ["-2020", "2021-", "undated"]
    with pytest.warns(UserWarning, match="no row has a year"):
        no_dates = nk.periods(table.drop(columns="year"), ["-2020"], undated="undated")
    assert set(no_dates["period"].astype(str)) == {"undated"}
    with pytest.raises(nk.NKResearchError, match="no column 'year'"):
        nk.periods(table.drop(columns="year"), ["-2020"])


def test_periods_flow_into_tokens_and_grouping(un_docs: pd.DataFrame) -> None:
    docs = nk.periods(un_docs[un_docs["country"] == "AZE"], ["1992-2019", "2020-"])
    tokens = nk.tokenize(nk.segment_voices(docs))
    freq = nk.term_frequencies(tokens, by="period")
    assert set(freq["period"].astype(str)) == {"1992-2019", "2020-"}
    naming = nk.read_lexicon("naming")
    counts = nk.lexicon_counts(tokens, naming, by="period", count_by="entry").set_index(["period", "entry"])[
        "n"
    ]
    assert counts.get(("2020-", "Garabagh"), 0) >= 5 and counts.get(("1992-2019", "Garabagh"), 0) == 0


def test_ordinals_of_the_un_speeches_are_whole_words(un_docs: pd.DataFrame) -> None:
    """ "the 75th session", "the 1990s": no number followed by a suffix fragment ("75" + "th")."""
    docs = un_docs[un_docs["country"].isin(["AZE", "ARM", "RUS"])]
    tokens = nk.tokenize(nk.segment_voices(docs))
    tok = tokens["token"].astype(str).to_numpy(str)
    touching = tokens["start"].to_numpy()[1:] == tokens["end"].to_numpy()[:-1]
    fragments = np.isin(tok[1:], ["th", "st", "nd", "rd", "s"]) & touching & np.char.isdigit(tok[:-1])
    assert not fragments.any()
    ordinals = {t for t in tok if t[:1].isdigit() and t.endswith(("th", "st", "nd", "rd"))}
    assert {"75th", "1990s"} & set(tok) and len(ordinals) >= 5


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "processed"
    monkeypatch.setenv(CACHE_ENV, str(folder))  # where `corpus_tokens` caches when no cache_dir is given
    return folder


def test_cached_tokens_equal_fresh_ones_and_analyses_agree(cache_dir: Path) -> None:
    cold = nk.corpus_tokens("seeds", progress=False)
    warm = nk.corpus_tokens("seeds", progress=False)
    assert cold.attrs["cache"]["from_cache"] is False and warm.attrs["cache"]["from_cache"] is True
    files = list(cache_dir.glob("tokens-seeds-*/part-*.parquet"))  # a store of parts: the seeds are one
    assert len(files) == 1 and files[0].read_bytes()[:4] == b"PAR1"
    fresh = nk.tokenize(nk.segment_voices(nk.load_corpus()))
    pd.testing.assert_frame_equal(warm, fresh)
    assert warm.attrs["tokenize"] == fresh.attrs["tokenize"]
    for analysis in (
        lambda t: nk.keyness(t, target="Baku"),
        lambda t: nk.term_frequencies(t, level=0.9),
        lambda t: nk.collocates(t, "negotiat*"),
        lambda t: nk.lexicon_counts(t, nk.read_lexicon("frames")),
    ):
        pd.testing.assert_frame_equal(analysis(warm), analysis(fresh))


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "texts"
    folder.mkdir(parents=True)
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
    assert len(list(cache_dir.glob("*/part-*.parquet"))) == 1  # the stale part is gone
    assert nk.corpus_tokens(folder, progress=False).attrs["cache"]["from_cache"] is True


def test_input_hashes_are_remembered_but_an_edit_of_the_same_size_is_seen(
    cache_dir: Path, tmp_path: Path
) -> None:
    folder = _folder(tmp_path)
    for path in folder.iterdir():
        os.utime(path, ns=(1_600_000_000 * 10**9, 1_600_000_000 * 10**9))  # files edited long ago

    def key_of(folder: Path) -> str:
        return cache_key(resolve_source(folder), options={}, annotations=GOLD_FILE, cache_dir=cache_dir)

    key = key_of(folder)
    memo = json.loads((cache_dir / "input-digests.json").read_text(encoding="utf-8"))
    assert len(memo) == len(list(folder.glob("*.txt")))
    assert key_of(folder) == key  # from the memo
    text = (folder / "b.txt").read_text(encoding="utf-8")
    (folder / "b.txt").write_text(text.replace("a", "o", 1), encoding="utf-8")  # same size, just now
    assert key_of(folder) != key
    (folder / "b.txt").write_text(text, encoding="utf-8")
    (cache_dir / "input-digests.json").write_text("{broken", encoding="utf-8")  # an unreadable memo
    assert key_of(folder) == key
    # an edit of the same size whose modification time is then restored (cp -p, rsync -t)
    long_ago = (1_600_000_000 * 10**9, 1_600_000_000 * 10**9)
    os.utime(folder / "b.txt", ns=long_ago)
    assert key_of(folder) == key
    memo = json.loads((cache_dir / "input-digests.json").read_text(encoding="utf-8"))
    assert os.path.abspath(folder / "b.txt") in memo  # remembered, so only its stamp can tell
    time.sleep(0.05)  # past the file system's clock tick, so the edit's change time differs
    (folder / "b.txt").write_text(text.replace("a", "o", 1), encoding="utf-8")
    os.utime(folder / "b.txt", ns=long_ago)
    assert key_of(folder) != key


def test_a_corrupt_or_truncated_cache_is_rebuilt_with_a_warning(cache_dir: Path, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    good = nk.corpus_tokens(folder, progress=False)
    path = next(cache_dir.glob("*/part-*.parquet"))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.warns(UserWarning, match="unreadable tokens cache"):
        rebuilt = nk.corpus_tokens(folder, progress=False)
    pd.testing.assert_frame_equal(rebuilt, good)
    path.write_bytes(b"not a parquet file at all")
    with pytest.warns(UserWarning, match="rebuilding"):
        nk.corpus_tokens(folder, progress=False)
    assert not [p for p in cache_dir.rglob(".*")]  # no temporary files left


def test_a_tampered_cache_is_never_trusted(cache_dir: Path, tmp_path: Path) -> None:
    """A file rewritten by hand (a token code, a category) or with a flipped bit: rebuilt, with a warning."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = _folder(tmp_path)
    good = nk.corpus_tokens(folder, progress=False)
    path = next(cache_dir.glob("*/part-*.parquet"))
    original = path.read_bytes()
    table = pq.read_table(path)
    meta = dict(table.schema.metadata)

    def rewrite(arrow: pa.Table, metadata: dict[bytes, bytes]) -> None:
        pq.write_table(arrow.replace_schema_metadata(metadata), path, write_page_checksum=True)

    norm = table.column("norm").to_numpy().copy()
    norm[3] = norm[4]  # a valid file whose fourth token now reads as the fifth
    renamed = json.loads(meta[b"nkresearch"])
    renamed["categories"]["norm"][0] = "tampered"  # a category renamed in the file's metadata
    chunk = pq.ParquetFile(pa.BufferReader(original)).metadata.row_group(0).column(4)  # the norm codes
    flipped = bytearray(original)
    flipped[chunk.data_page_offset + chunk.total_compressed_size - 3] ^= 0x10  # one bit in their data
    edits = [
        lambda: rewrite(table.set_column(4, "norm", pa.array(norm)), meta),
        lambda: rewrite(table, {**meta, b"nkresearch": json.dumps(renamed).encode()}),
        lambda: path.write_bytes(bytes(flipped)),
    ]
    for edit in edits:
        edit()
        with pytest.warns(UserWarning, match="unreadable tokens cache"):
            rebuilt = nk.corpus_tokens(folder, progress=False)
        pd.testing.assert_frame_equal(rebuilt, good)
        assert nk.corpus_tokens(folder, progress=False).attrs["cache"][
            "from_cache"
        ]  # the rebuilt file is good


@pytest.mark.slow
def test_parallel_tokenizing_gives_the_same_table(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers_module, "PARALLEL_CHARS", 1000)
    parallel = nk.corpus_tokens("seeds", cache=False, workers=2, progress=False)
    serial = nk.tokenize(nk.segment_voices(nk.load_corpus()))
    pd.testing.assert_frame_equal(parallel, serial)  # categories too: sorted in both
    assert parallel.attrs["tokenize"] == serial.attrs["tokenize"]  # each chunk's documents added up
    assert isinstance(parallel["norm"].dtype, pd.CategoricalDtype)
    assert not list(cache_dir.glob("*"))  # cache=False writes nothing


@pytest.mark.slow
def test_a_parallel_build_writes_its_cache_in_the_background(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers_module, "PARALLEL_CHARS", 1000)
    monkeypatch.setattr(build_module, "CHUNK_CHARS", 200_000)  # several chunks of the UN subset
    cold = nk.corpus_tokens("ungdc", workers=2, progress=False)
    cache_module.wait_for_writes()
    assert not cache_module._WRITES
    files = list(cache_dir.iterdir())
    names = sorted(f.name for f in files)  # no temporary file left
    assert names == sorted([Path(cold.attrs["cache"]["path"]).name, "input-digests.json"])
    warm = nk.corpus_tokens("ungdc", workers=2, progress=False)
    assert warm.attrs["cache"]["from_cache"] is True
    serial = nk.tokenize(nk.segment_voices(nk.load_corpus("ungdc")))
    assert_same_table(cold, serial)
    assert_same_table(warm, serial)


def test_two_folders_of_the_same_name_keep_their_own_caches(cache_dir: Path, tmp_path: Path) -> None:
    one = _folder(tmp_path / "one")
    two = _folder(tmp_path / "two")  # also called "texts"
    (two / "b.txt").write_text("The ceasefire broke.", encoding="utf-8")
    first, second = nk.corpus_tokens(one, progress=False), nk.corpus_tokens(two, progress=False)
    assert first.attrs["cache"]["path"] != second.attrs["cache"]["path"]
    again = nk.corpus_tokens(one, progress=False)
    assert again.attrs["cache"]["from_cache"] is True  # not evicted by the other folder
    assert again.attrs["corpus"]["folder"] == str(one)
    assert "broke" in set(nk.corpus_tokens(two, progress=False)["norm"].astype(str))


def test_tokenize_options_are_part_of_the_key(cache_dir: Path, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    lower = nk.corpus_tokens(folder, progress=False)
    kept = nk.corpus_tokens(folder, tokenize={"lowercase": False}, progress=False)
    assert kept.attrs["cache"]["from_cache"] is False
    assert "Peace" in set(kept["norm"].astype(str)) and "Peace" not in set(lower["norm"].astype(str))
    fresh = nk.tokenize(nk.segment_voices(nk.load_corpus(folder)), lowercase=False)
    pd.testing.assert_frame_equal(kept, fresh)
    with pytest.raises(nk.NKResearchError, match="unknown options"):
        nk.corpus_tokens(folder, tokenize={"lower": False}, progress=False)


def test_cache_dir_chooses_the_folder(cache_dir: Path, tmp_path: Path) -> None:
    mine = tmp_path / "my-cache"
    tokens = nk.corpus_tokens(_folder(tmp_path), cache_dir=mine, progress=False)
    assert Path(tokens.attrs["cache"]["path"]).parent == mine
    assert not cache_dir.exists()


def test_a_documents_table_is_a_source_cached_by_its_contents(cache_dir: Path) -> None:
    docs = nk.load_corpus("seeds")
    first = nk.corpus_tokens(docs, progress=False)
    assert first.attrs["cache"]["from_cache"] is False
    pd.testing.assert_frame_equal(first, nk.corpus_tokens("seeds", cache=False, progress=False))
    assert nk.corpus_tokens(docs.copy(), progress=False).attrs["cache"]["from_cache"] is True
    edited = docs.assign(text=docs["text"].str.replace("baku", "bakx", case=False))  # same length
    changed = nk.corpus_tokens(edited, method="auto", progress=False)
    assert changed.attrs["cache"]["path"] != first.attrs["cache"]["path"]
    assert "bakx" in set(changed["norm"].astype(str)) and "baku" not in set(changed["norm"].astype(str))
    with pytest.raises(nk.NKResearchError, match=r"lacks \['text'\]"):
        nk.corpus_tokens(docs[["doc_id"]], progress=False)
    with pytest.raises(nk.NKResearchError, match="more than once"):
        nk.corpus_tokens(pd.concat([docs, docs]), progress=False)
    with pytest.raises(nk.NKResearchError, match="holds its own"):
        nk.corpus_tokens(docs, metadata="metadata.csv", progress=False)


def test_the_key_follows_the_code_that_shapes_tokens_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    import nkresearch.tokens.key as key_module

    copy = tmp_path / "package"
    shutil.copytree(key_module.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(key_module, "PACKAGE_DIR", copy)
    monkeypatch.setattr(key_module, "RESOURCES_DIR", copy / "resources")
    src = resolve_source("seeds")

    def key() -> str:
        return cache_key(src, options={}, annotations=GOLD_FILE, cache_dir=tmp_path / "memo")

    before = key()
    with (copy / "plots" / "charts.py").open("a", encoding="utf-8") as f:
        f.write("\n# a change to a chart\n")
    with (copy / "analysis" / "keyness.py").open("a", encoding="utf-8") as f:
        f.write("\n# a change to an analysis\n")
    assert key() == before
    with (copy / "tokens" / "tokenizer.py").open("a", encoding="utf-8") as f:
        f.write("\n# a change to the tokenizer\n")
    changed = key()
    assert changed != before
    with (copy / "resources" / "stopwords.txt").open("a", encoding="utf-8") as f:
        f.write("\nzzz\n")
    assert key() != changed


def test_temporary_files_of_dead_writers_are_removed(cache_dir: Path, tmp_path: Path) -> None:
    cache_dir.mkdir(parents=True)
    dead = cache_dir / ".tokens-texts-0a1b2c3d-0123456789abcdef.2147483646.k2j4h5g6.parquet.tmp"
    dead_memo = cache_dir / ".input-digests.2147483646.a1b2c3d4.tmp"
    alive = cache_dir / f".tokens-texts-0a1b2c3d-0123456789abcdef.{os.getppid()}.z9y8x7w6.parquet.tmp"
    other = cache_dir / "notes.txt"
    for path in (dead, dead_memo, alive, other):
        path.write_bytes(b"partial")
    nk.corpus_tokens(_folder(tmp_path), progress=False)
    assert not dead.exists() and not dead_memo.exists()
    assert alive.exists() and other.exists()  # a running writer's file, a file of someone else


def _many(folder: Path, n: int, *, outlet: bool = False) -> Path:
    """A folder of ``n`` short statements (with an outlet whose pages share a template line)."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["file,actor" + (",outlet" if outlet else "")]
    for i in range(n):
        furniture = "Share on Facebook\n" if outlet else ""
        text = f"{furniture}Statement {i}: the talks on the corridor resumed in Vienna, round {i}."
        (folder / f"s{i:03d}.txt").write_text(text, encoding="utf-8")
        rows.append(f"s{i:03d}.txt,{'Baku' if i % 2 else 'Yerevan'}" + (",Wire" if outlet else ""))
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def _parts(cache_dir: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in cache_dir.glob("*/part-*.parquet")}


def test_a_corpus_grows_by_new_parts_and_a_changed_file_rebuilds_its_own(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store: a new file builds only its part, an edit rebuilds one part, the rest is read back."""
    monkeypatch.setattr(parts_module, "PART_CHARS", 150)  # a part ends after about two statements
    folder = _many(tmp_path / "texts", 12)
    first = nk.corpus_tokens(folder, progress=False)
    before = _parts(cache_dir)
    assert first.attrs["cache"]["parts"] == len(before) >= 4
    (folder / "metadata.csv").write_text(
        (folder / "metadata.csv").read_text(encoding="utf-8") + "s999.txt,Baku\n", encoding="utf-8"
    )
    (folder / "s999.txt").write_text("A new statement on the corridor, the last one.", encoding="utf-8")
    grown = nk.corpus_tokens(folder, progress=False)
    assert grown.attrs["cache"]["rebuilt"] == 1 and grown.attrs["cache"]["parts"] >= len(before)
    after = _parts(cache_dir)
    kept = {name for name in before if after.get(name) == before[name]}
    assert len(kept) >= len(before) - 1  # every part but the one the new file joined: not rewritten
    pd.testing.assert_frame_equal(grown, nk.corpus_tokens(folder, cache=False, progress=False))
    (folder / "s004.txt").write_text("Statement four, edited: the corridor stays shut.", encoding="utf-8")
    edited = nk.corpus_tokens(folder, progress=False)
    assert edited.attrs["cache"]["rebuilt"] == 1 and "shut" in set(edited["norm"].astype(str))
    pd.testing.assert_frame_equal(edited, nk.corpus_tokens(folder, cache=False, progress=False))
    warm = nk.corpus_tokens(folder, progress=False)
    assert warm.attrs["cache"]["from_cache"] and warm.attrs["cache"]["rebuilt"] == 0
    assert warm.attrs["tokenize"]["languages"]["en"]["documents"] == 13  # each part's documents added up
    assert len(_parts(cache_dir)) == warm.attrs["cache"]["parts"]  # the replaced parts are gone


def test_a_damaged_part_is_rebuilt_alone_with_a_warning_naming_it(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parts_module, "PART_CHARS", 150)
    folder = _many(tmp_path / "texts", 10)
    good = nk.corpus_tokens(folder, progress=False)
    damaged = sorted(cache_dir.glob("*/part-*.parquet"))[1]
    damaged.write_bytes(damaged.read_bytes()[:100])
    with pytest.warns(UserWarning, match=rf"{damaged.name}: unreadable tokens cache"):
        rebuilt = nk.corpus_tokens(folder, progress=False)
    assert rebuilt.attrs["cache"]["rebuilt"] == 1
    pd.testing.assert_frame_equal(rebuilt, good)


def test_a_part_is_cleaned_with_the_whole_corpus_s_templates(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Site templates are found over all of an outlet's pages, also when one part is rebuilt."""
    monkeypatch.setattr(parts_module, "PART_CHARS", 150)
    folder = _many(tmp_path / "texts", 10, outlet=True)
    nk.corpus_tokens(folder, progress=False)
    (folder / "s003.txt").write_text("Share on Facebook\nStatement three, edited.", encoding="utf-8")
    edited = nk.corpus_tokens(folder, progress=False)
    assert edited.attrs["cache"]["rebuilt"] == 1
    assert "facebook" not in set(edited["norm"].astype(str))  # the template line, removed in every part
    pd.testing.assert_frame_equal(edited, nk.corpus_tokens(folder, cache=False, progress=False))


def test_a_part_boundary_moves_only_where_a_document_is_added() -> None:
    names = [f"doc-{i:04d}.txt" for i in range(2000)]
    sizes = [1000 + (i * 37) % 500 for i in range(2000)]
    before = partition(names, sizes, part_chars=20_000)
    assert 40 <= len(before) <= 200  # about the mean size asked
    grown = partition(
        [*names[:700], "inserted.txt", *names[700:]], [*sizes[:700], 1200, *sizes[700:]], part_chars=20_000
    )
    as_names = {tuple(names[i] for i in part) for part in before}
    kept = [
        p for p in grown if tuple(([*names[:700], "inserted.txt", *names[700:]])[i] for i in p) in as_names
    ]
    assert len(kept) >= len(before) - 1  # every part but the one the new document joined
