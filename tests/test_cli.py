"""The command line, in this process: what it says about a corpus and how it words errors."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
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
    assert "The voices come from automatic attribution (rules) in 2 documents." in out
    assert "1 of the automatic ones declare their actor" in out


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


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for the examples, so each bundled corpus is tokenized once."""
    return tmp_path_factory.mktemp("cli-cache")


@pytest.mark.parametrize("command", cli.COMMANDS, ids=lambda c: c.name)
def test_every_table_command_runs_its_own_example(
    command: cli.Command,
    shared_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The example its --help shows runs, prints a table and writes it whole with --csv."""
    import shlex

    monkeypatch.setenv(CACHE_ENV, str(shared_cache))
    argv = shlex.split(command.example)
    assert argv[:2] == ["nkresearch", command.name]
    out_csv = shared_cache / f"{command.name}.csv"
    assert cli.main([*argv[1:], "--csv", str(out_csv)]) == 0
    printed = capsys.readouterr().out
    written = pd.read_csv(out_csv)
    assert len(written) > 0 and f"wrote {len(written)} rows" in printed
    with pytest.raises(SystemExit):
        cli.main([command.name, "--help"])
    assert f"example:\n  {command.example}" in capsys.readouterr().out


def test_every_option_of_an_analysis_is_a_flag_of_its_command() -> None:
    """Generated from the signature: no parameter of the analysis is out of reach."""
    import inspect

    from nkresearch.analysis.core.results import ANALYSES

    parser = cli._parser()
    subparsers = next(a for a in parser._actions if isinstance(a, cli.argparse._SubParsersAction))
    for command in cli.COMMANDS:
        dests = {a.dest for a in subparsers.choices[command.name]._actions}
        params = list(inspect.signature(inspect.unwrap(ANALYSES[command.analysis])).parameters)[1:]
        expected = {p for p in params if not (p == "lexicon" and command.lexicon)}
        assert expected <= dests, (command.name, expected - dests)


def test_a_command_gives_the_api_s_table_with_the_api_s_defaults(tmp_path: Path) -> None:
    """No hidden filter: `keywords` is nk.keyness with the same options.

    Reader-comment bylines are left out, as in the notebooks (``--drop-kinds``).
    """
    import nkresearch as nk

    path = tmp_path / "k.csv"
    assert cli.main(["keywords", "--target", "Baku", "--csv", str(path)]) == 0
    tokens = nk.corpus_tokens("seeds", progress=False)
    api = nk.keyness(tokens[tokens["kind"] != "byline"], target="Baku")
    cli_table = pd.read_csv(path)
    assert len(cli_table) == len(api) and int(cli_table["significant"].sum()) == int(api["significant"].sum())
    assert cli_table["term"].tolist() == api["term"].tolist()


def test_values_are_read_as_the_analysis_takes_them() -> None:
    args = cli._parser().parse_args(["wordscores", "A=-1,B=1.5", "--show", "actor,year", "--by", "actor"])
    assert args.reference_scores == {"A": -1.0, "B": 1.5} and args.show == ("actor", "year")
    assert args.by == "actor"
    args = cli._parser().parse_args(["keyness-summary", "--targets", "Baku"])
    assert args.targets == ("Baku",)  # a list of one, never the letters of a string
    args = cli._parser().parse_args(["collocates", "x", "--window", "2,3"])
    assert args.window == (2, 3)
    with pytest.raises(SystemExit):
        cli._parser().parse_args(["collocations", "--measure", "nonsense"])


def test_a_bad_value_says_what_is_wrong_as_argparse_does(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main(["wordscores", "A:-1"])
    assert done.value.code == 2 and "'A:-1' is not TEXT=SCORE" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["lexicon", "absent.csv"])
    assert "neither a shipped lexicon" in capsys.readouterr().err
    args = cli._parser().parse_args(["log-odds", "--target", "Baku", "--prior", "2.5"])
    assert (
        args.prior == 2.5 and cli._parser().parse_args(["log-odds", "--target", "B"]).prior == "informative"
    )


def test_an_analysis_error_names_the_flags(capsys: pytest.CaptureFixture[str]) -> None:
    """The package says target='Bak'; the command line says --target 'Bak'."""
    assert cli.main(["keywords", "--target", "Bak"]) == 2
    err = capsys.readouterr().err
    assert "--target 'Bak' is not a group of --by ['actor']" in err and "target=" not in err
