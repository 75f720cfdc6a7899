"""Documents: loading, cleaning and its log, and the errors for bad input."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

import nkresearch as nk
from nkresearch.config import RAW_DIR
from nkresearch.corpus.cleaning import CLEANING_RULES, _fix_spaces, _norm_line, _repeated_copy, normalize_text

XINHUA = "lavrov-baku-2017-xinhua"


def test_bundled_corpus_has_five_documents_with_metadata(docs: pd.DataFrame) -> None:
    assert len(docs) == 5
    assert list(docs.columns[:2]) == ["doc_id", "file"]
    for col in ("title", "outlet", "date", "date_note", "genre", "url", "language", "raw_text", "text"):
        assert col in docs.columns
    assert docs["doc_id"].is_unique
    assert set(docs["language"]) == {"en"}
    # ISO dates (full or year-month); every inferred date says why
    assert docs["date"].str.fullmatch(r"\d{4}-\d{2}(-\d{2})?").all()
    assert (docs["date_note"].str.len() > 20).all()


def test_raw_text_is_the_file_as_on_disk(docs: pd.DataFrame) -> None:
    for file, raw in zip(docs["file"], docs["raw_text"], strict=True):
        assert raw == (RAW_DIR / "seeds" / file).read_bytes().decode("utf-8")


def test_clean_text_is_normalised(docs: pd.DataFrame) -> None:
    for text in docs["text"]:
        assert unicodedata.is_normalized("NFC", text)
        assert "\r" not in text and "\xa0" not in text and "\ufeff" not in text
        assert "\n\n\n" not in text and text == text.strip()
    # curly and straight quotes are kept in the text
    joined = "".join(docs["text"])
    assert "“" in joined and '"' in joined and "’" in joined


def test_cleaning_log_records_every_removal_with_its_span(docs: pd.DataFrame) -> None:
    log = nk.cleaning_log(docs)
    raw = dict(zip(docs["doc_id"], docs["raw_text"], strict=True))
    for row in log.itertuples(index=False):
        assert raw[row.doc_id][row.start : row.end] == row.removed_text
        assert row.n_chars == row.end - row.start
    removed = {(r.rule, r.removed_text.strip().splitlines()[0]) for r in log.itertuples(index=False)}
    assert ("navigation", "Latest news") in removed
    assert ("navigation", "Back to Top Close") in removed
    assert ("navigation", "Xinhuanet") in removed
    assert ("rubric", "Categories: 2023") in removed
    assert ("comment_policy", "Discussion Policy") in removed
    assert ("machine_string", "010020070750000000000000011105091367671831") in removed
    dateline = log[log["rule"] == "dateline"]
    assert len(dateline) == 1 and "Editor: huaxia" in dateline["removed_text"].iloc[0]
    copy = log[log["rule"] == "repeated_copy"]
    assert list(copy["doc_id"]) == [XINHUA]
    assert copy["removed_text"].iloc[0].startswith("Russia hopes Nagorno-Karabakh")
    assert copy["removed_text"].iloc[0].rstrip().endswith("President Ilham Aliyev.")


def test_xinhua_article_counted_once_and_comments_kept(texts: dict[str, str]) -> None:
    xinhua = texts[XINHUA]
    assert xinhua.count("diplomacy can help move the process") == 1
    assert xinhua.count("Russia hopes Nagorno-Karabakh conflict to be resolved") == 1
    assert "Source:" not in xinhua and "Xinhuanet" not in xinhua
    comments = texts["torpedoing-2012-asbarez"]
    assert "Azerpyjan is not a democratic sheikhdom" in comments
    assert "Discussion Policy" not in comments and "Asbarez reserves the right" not in comments


def test_clean_text_is_raw_text_minus_the_logged_removals(docs: pd.DataFrame) -> None:
    log = nk.cleaning_log(docs)
    for doc in docs.itertuples(index=False):
        raw = doc.raw_text
        for r in log[log["doc_id"] == doc.doc_id].sort_values("start", ascending=False).itertuples():
            raw = raw[: r.start] + raw[r.end :]
        assert " ".join(raw.split()) == " ".join(doc.text.split())


def test_normalize_text_strips_line_ends_as_the_regex_does() -> None:
    """Trailing blanks go line by line with str.rstrip: the same text as the regular expressions."""

    def by_regex(text: str) -> str:
        text = _fix_spaces(text.replace("\r\n", "\n").replace("\r", "\n"))
        text = re.sub(r"[^\S\n]+\n", "\n", unicodedata.normalize("NFC", text))
        return re.sub(r"\n{3,}", "\n\n", text).strip()

    texts = [
        "a \t\nb\u00a0\u2003\n\n\n\nc \n",
        "x\x0b\x0c\n\x1c\x1dy\u3000\n \n \n\u2028z\r\n\r\n\r\nw\r",
        "  lead\n\n\n trail  ",
        "no line end at all",
    ]
    for text in texts:
        assert normalize_text(text) == by_regex(text), repr(text)


def test_each_match_of_a_cleaning_rule_holds_one_of_its_needles(docs: pd.DataFrame) -> None:
    """A rule skips texts without its needles: sound only if every match holds one."""
    checked = 0
    for rule in CLEANING_RULES:
        for raw in docs["raw_text"]:
            for match in rule.pattern.finditer(raw):
                checked += bool(rule.needles)
                assert not rule.needles or any(n in match.group() for n in rule.needles), rule.name
    assert checked >= 3  # the seeds hold navigation, dateline and comment-policy lines


# ------------------------------------------------------------------ a user's corpus


def _corpus(tmp_path: Path, files: dict[str, bytes], meta: str | None = None) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    if meta is None:
        meta = "file\n" + "".join(f"{name}\n" for name in files)
    (folder / "metadata.csv").write_text(meta, encoding="utf-8")
    return folder


def test_user_folder_with_bom_crlf_and_nbsp_loads_clean(tmp_path: Path) -> None:
    folder = _corpus(
        tmp_path,
        {"a.txt": "\ufeffPeace\xa0talks resumed.\r\nBoth sides came.\r\n".encode(), "b.txt": b"Second text."},
        "file,doc_id,actor\na.txt,first,Yerevan\nb.txt,second,\n",
    )
    docs = nk.load_corpus(folder)
    assert list(docs["doc_id"]) == ["first", "second"]
    assert docs["text"].iloc[0] == "Peace talks resumed.\nBoth sides came."
    assert docs["raw_text"].iloc[0].startswith("\ufeff")
    log = nk.cleaning_log(docs)
    assert list(log["rule"]) == ["bom"]
    assert docs.attrs["corpus"]["name"] == "corpus"


def test_doc_id_defaults_to_the_file_name(tmp_path: Path) -> None:
    docs = nk.load_corpus(_corpus(tmp_path, {"speech_1992.txt": b"We spoke."}))
    assert list(docs["doc_id"]) == ["speech_1992"]


def test_metadata_relative_to_the_folder(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, {"a.txt": b"Text."})
    (folder / "meta2.csv").write_text("file,doc_id\na.txt,x\n", encoding="utf-8")
    assert list(nk.load_corpus(folder, metadata="meta2.csv")["doc_id"]) == ["x"]


@pytest.mark.parametrize(
    ("files", "meta", "needle"),
    [
        ({"a.txt": b"Text."}, "file\na.txt\nmissing.txt\n", "missing.txt"),
        ({"a.txt": b"Text.", "extra.txt": b"More."}, "file\na.txt\n", "extra.txt"),
        ({"a.txt": b"Text.", "b.txt": b"More."}, "file,doc_id\na.txt,x\nb.txt,x\n", "duplicate doc_id"),
        ({"a.txt": b"   \n"}, None, "empty"),
        ({"a.txt": b"Text."}, "file\n/etc/passwd\n", "outside the corpus folder"),
        ({"a.txt": b"Text."}, "file\n../a.txt\n", "outside the corpus folder"),
        ({"a.txt": b"Text."}, "name\na.txt\n", "no 'file' column"),
        ({"a.txt": b"Text."}, "file,title\n", "a header but no row"),
        ({"a.txt": b"Text."}, "", "the file is empty"),
        ({"a.txt": b"Text."}, "file,title\na.txt,Talks, x\n", r"line 2: 3 fields where the header has 2"),
        ({"a.txt": "Talks".encode("utf-16-le")}, None, "NUL characters"),  # UTF-16 without its mark
        ({"a.txt": b"\x00\x01\x02binary"}, None, "NUL characters"),
        ({"a.txt": "\u200b\u200d \ufeff\u2060".encode()}, None, "no visible character"),
    ],
)
def test_bad_input_names_the_file_and_the_fix(
    tmp_path: Path, files: dict[str, bytes], meta: str | None, needle: str
) -> None:
    folder = _corpus(tmp_path, files, meta)
    with pytest.raises(nk.NKResearchError, match=needle) as err:
        nk.load_corpus(folder)
    assert isinstance(err.value, ValueError)
    assert str(folder) in str(err.value)


def test_bytes_that_are_not_utf8_give_the_offset_and_the_option(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, {"a.txt": "Caf\u00e9 talks".encode("cp1252")})
    with pytest.raises(nk.NKResearchError, match=r"a\.txt: bytes at offset 3 .*if every file .*encoding="):
        nk.load_corpus(folder)  # encoding= is for every file: one odd file is better re-saved
    assert nk.load_corpus(folder, encoding="cp1252")["text"].iloc[0] == "Caf\u00e9 talks"


def test_odd_inputs_get_the_package_error_or_load_right(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, {"a.txt": b"Text.", "b.txt": "Talks in Baku".encode("utf-16")})  # with its BOM
    (folder / "metadata.csv").write_text("file\n./a.txt\nb.txt\n", encoding="utf-8")  # "./a.txt" is a.txt
    assert nk.load_corpus(folder)["text"].tolist() == ["Text.", "Talks in Baku"]
    with pytest.raises(nk.NKResearchError, match=r"'utf-9'.*not an encoding"):
        nk.load_corpus(folder, encoding="utf-9")
    (folder / "metadata.csv").write_bytes("file,title\na.txt,Caf\u00e9\n".encode("cp1252"))
    with pytest.raises(nk.NKResearchError, match=r"metadata\.csv: bytes at offset .* not UTF-8"):
        nk.load_corpus(folder)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Not for the corpus.", encoding="utf-8")
    (folder / "link.txt").symlink_to(outside / "secret.txt")
    (folder / "metadata.csv").write_text("file\na.txt\nb.txt\nlink.txt\n", encoding="utf-8")
    with pytest.raises(nk.NKResearchError, match=r"link\.txt' is a link to .*outside the corpus folder"):
        nk.load_corpus(folder)
    (folder / "link.txt").unlink()
    (folder / "sub").symlink_to(outside, target_is_directory=True)  # a linked subfolder
    (folder / "metadata.csv").write_text("file\na.txt\nb.txt\nsub/secret.txt\n", encoding="utf-8")
    with pytest.raises(
        nk.NKResearchError, match=r"sub/secret\.txt' is a link to .*outside the corpus folder"
    ):
        nk.load_corpus(folder)
    with pytest.raises(nk.NKResearchError, match=r"source=5 \(int\) is not a corpus"):
        nk.load_corpus(5)  # type: ignore[arg-type]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(nk.NKResearchError, match=r"no \.txt or \.html file and no metadata\.csv"):
        nk.load_corpus(empty)


def test_missing_metadata_and_unknown_corpus(tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("Text.", encoding="utf-8")
    with pytest.raises(nk.NKResearchError, match="metadata file not found"):
        nk.load_corpus(folder)
    with pytest.raises(nk.NKResearchError, match="not a folder"):
        nk.load_corpus(tmp_path / "nowhere")


def test_repeated_copy_shortcut_for_plain_text_gives_the_same_lines() -> None:
    """Texts already in NFC without odd spaces skip the per-line normalisation: same keys."""
    texts = [*nk.load_corpus("ungdc")["raw_text"], "Plain line one.\nPlain  line\ttwo.\u2028three"]
    plain = [t for t in texts if unicodedata.is_normalized("NFC", t) and "\u00a0" not in t]
    assert len(plain) > 100
    for text in plain:
        lines = text.splitlines(keepends=True)
        assert [" ".join(line.split()) for line in lines] == [_norm_line(line) for line in lines]
    line = "A decomposed cafe\u0301 in a line long enough to count as a copy.\n"  # not NFC: per line
    assert _repeated_copy(line * 5) == [(len(line), 5 * len(line))]


def test_a_documents_table_loads_as_it_is_with_its_languages() -> None:
    table = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Talks resumed.", "Переговоры возобновились."]})
    docs = nk.load_corpus(table)
    assert list(docs["text"]) == list(table["text"]) == list(docs["raw_text"])
    assert list(docs["language"]) == ["en", "ru"] and set(docs["language_source"]) == {"detected"}
    given = nk.load_corpus(table.assign(language=["English", "rus"]))
    assert list(given["language"]) == ["en", "ru"] and set(given["language_source"]) == {"metadata"}
    with pytest.raises(nk.NKResearchError, match=r"documents table, row 0: language 'xx'"):
        nk.load_corpus(table.assign(language=["xx", ""]))


@pytest.mark.parametrize(
    ("files", "meta", "needle"),
    [
        ({"a.docx": b"PK\x03\x04word/document.xml"}, "file\na.docx\n", r"a zipped document .*plain text"),
        ({"a.txt": b"PK\x03\x04word/document.xml"}, None, "a zipped document"),  # a .docx renamed .txt
        ({"a.pdf": b"%PDF-1.7 ..."}, "file\na.pdf\n", "a PDF, not plain text"),
        ({"a.mht": b"MIME-Version: 1.0\r\n<html>Text</html>"}, "file\na.mht\n", "a saved web page"),
        ({"a.txt": b"\n<!DOCTYPE html>\n<html><script>var x;</script>"}, None, "a saved web page"),
        ({"a.txt": b"Text."}, "file,Actor\na.txt,Baku\n", r"'Actor' looks like 'actor'.*Rename the column"),
        ({"a.txt": b"Text."}, "file,actors\na.txt,Baku\n", "'actors' looks like 'actor'"),
        ({"a.txt": b"Text."}, "File,actor\na.txt,Baku\n", "'File' looks like 'file'"),
    ],
)  # fmt: skip
def test_other_formats_and_near_miss_columns_are_errors_that_name_them(
    tmp_path: Path, files: dict[str, bytes], meta: str | None, needle: str
) -> None:
    folder = _corpus(tmp_path, files, meta)
    with pytest.raises(nk.NKResearchError, match=needle) as err:
        nk.load_corpus(folder)
    assert str(folder) in str(err.value)


def test_a_semicolon_or_tab_separated_metadata_file_is_read(tmp_path: Path) -> None:
    for sep in (";", "\t"):
        meta = f"file{sep}actor{sep}title\na.txt{sep}Baku{sep}One, a title\nb.txt{sep}Yerevan{sep}Two\n"
        folder = _corpus(
            tmp_path / ("semicolon" if sep == ";" else "tab"), {"a.txt": b"One.", "b.txt": b"Two."}, meta
        )
        docs = nk.load_corpus(folder)
        assert docs["actor"].tolist() == ["Baku", "Yerevan"] and docs["title"].tolist() == [
            "One, a title",
            "Two",
        ]


def test_a_year_comes_from_the_date_when_the_metadata_has_none(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "dated", {"a.txt": b"Text one.", "b.txt": b"Text two."},
                     "file,actor,date\na.txt,Baku,2020-10-03\nb.txt,Yerevan,3 May 2016\n")  # fmt: skip
    docs = nk.load_corpus(folder)
    assert docs["year"].tolist() == [2020, 2016]
    tokens = nk.tokenize(nk.segment_voices(docs))
    assert sorted(tokens["year"].unique().tolist()) == [2016, 2020]  # the time analyses' column
    folder = _corpus(tmp_path / "undated", {"a.txt": b"Text one."}, "file,actor,date\na.txt,Baku,autumn\n")
    with pytest.warns(UserWarning, match=r"no 'year' derived from 'date'.*\['autumn'\]"):
        docs = nk.load_corpus(folder)
    assert "year" not in docs.columns


def test_a_bundled_corpus_name_that_is_also_a_local_folder_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "seeds").mkdir()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(nk.NKResearchError, match=r"'seeds' names both a bundled corpus and the folder"):
        nk.load_corpus("seeds")
