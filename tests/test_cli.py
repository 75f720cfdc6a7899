"""The command line, in this process: what it says about a corpus and how it words errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from nkresearch import cli
from nkresearch.config import CACHE_ENV, VERSION


def _folder(tmp_path: Path, meta: str) -> Path:
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("Baku said that the talks go on.", encoding="utf-8")
    (folder / "b.txt").write_text("Yerevan said that the talks stall.", encoding="utf-8")
    (folder / "metadata.csv").write_text(meta, encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The caches of these runs in a folder of their own, the environment restored after."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))


def test_the_corpus_summary_says_which_voice_method_was_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, "file,actor\na.txt,Baku\nb.txt,\n")
    assert cli.main(["corpus", "--corpus", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "Voices by automatic attribution in 2 documents; 1 of them declare their actor" in out


def test_cli_errors_name_the_flag_not_a_python_call(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, "file\na.txt\nb.txt\n")
    code = cli.main(["corpus", "--corpus", str(folder), "--metadata", str(tmp_path / "absent.csv")])
    err = capsys.readouterr().err
    assert code == 2 and "Give --metadata a CSV" in err and "load_corpus(" not in err
    (folder / "a.txt").write_bytes("Caf\xe9 talks.".encode("cp1252"))
    assert cli.main(["corpus", "--corpus", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "not valid utf-8" in err and "pass load_corpus(" not in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.strip() == f"nkresearch {VERSION}"


def test_an_xlsx_has_a_frozen_header_a_filter_and_fitted_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "key.xlsx"
    assert cli.main(["keywords", "--target", "Baku", "--xlsx", str(path)]) == 0
    ws = load_workbook(path)["keywords"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == ws.dimensions
    assert ws["A1"].value == "term" and ws.column_dimensions["A"].width >= 8
    assert "wrote" in capsys.readouterr().out
