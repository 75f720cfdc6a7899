"""The README and the manual (docs/, mkdocs.yml): short, runnable, linked, complete, and built strictly."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

import nkresearch as nk
from nkresearch.config import PROJECT_DIR

README = PROJECT_DIR / "README.md"
DOCS = PROJECT_DIR / "docs"
MAX_README_BYTES = 12_500  # the 12.5 KB: what a newcomer needs first, the rest in the manual


def _pages() -> list[Path]:
    return [README, *sorted(DOCS.rglob("*.md"))]


def _block(text: str, heading: str, language: str) -> str:
    """The first fenced block of ``language`` after ``heading``."""
    section = text.split(heading, 1)[1]
    return section.split(f"```{language}\n", 1)[1].split("```", 1)[0]


def _hook(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"docs_hook_{name}", DOCS / "hooks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_readme_is_at_most_12_5_kb() -> None:
    size = len(README.read_bytes())
    assert size <= MAX_README_BYTES, f"README.md is {size} bytes; move the details into docs/"


def test_the_readmes_ten_line_example_runs_and_gives_what_its_comments_say(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = _block(README.read_text(encoding="utf-8"), "## Ten lines of Python", "python")
    assert len(code.strip().splitlines()) <= 10
    monkeypatch.chdir(tmp_path)  # save_figure writes into ./figures/
    scope: dict[str, object] = {}
    exec(code, scope)  # the README's own example
    docs, tokens, key = scope["docs"], scope["tokens"], scope["key"]
    assert isinstance(docs, pd.DataFrame) and len(docs) == 5  # the five bundled web articles
    assert isinstance(tokens, pd.DataFrame) and {"actor", "start", "end"} <= set(tokens.columns)
    voices = set(nk.voice_summary(tokens, by="actor")["actor"].astype(str))
    assert {"Baku", "Stepanakert", "Moscow", "Media"} <= voices
    assert isinstance(key, pd.DataFrame) and key.attrs["analysis"] == "keyness"
    assert nk.describe(key).findings
    written = {p.name for p in (tmp_path / "figures").iterdir()}
    assert {f"keyness-baku-vs-rest.{ext}" for ext in ("png", "svg", "pdf", "csv")} <= written


def _write_corpus(folder: Path, metadata: str) -> None:
    folder.mkdir()
    (folder / "metadata.csv").write_text(metadata, encoding="utf-8")
    texts = {
        "Baku": "Azerbaijan's Foreign Ministry said on Friday that talks would resume.",
        "Stepanakert": "The Artsakh Foreign Ministry issued a statement on the blockade.",
        "Moscow": "Russia supports the negotiations between Baku and Yerevan.",
        "": "Azerbaijan and Armenia held talks in Brussels, the Russian Foreign Ministry said.",
    }
    for row in pd.read_csv(folder / "metadata.csv", keep_default_na=False).itertuples():
        (folder / row.file).write_text(texts[row.actor] + "\n", encoding="utf-8")


def test_the_readmes_metadata_csv_loads_as_the_manual_says(tmp_path: Path) -> None:
    metadata = _block(README.read_text(encoding="utf-8"), "## Your own texts", "csv")
    corpus_page = (DOCS / "corpus.md").read_text(encoding="utf-8")
    assert _block(corpus_page, "## A folder and its `metadata.csv`", "csv") == metadata  # one example
    assert metadata.splitlines()[0] == "file,actor,date"
    _write_corpus(tmp_path / "my-texts", metadata)
    docs = nk.load_corpus(tmp_path / "my-texts")
    stated = re.search(r"`docs` then has the columns `([^`]+)`", corpus_page.replace("\n", " "))
    assert stated, "docs/corpus.md no longer says which columns the example's table has"
    assert list(docs.columns) == [c.strip() for c in stated[1].split(",")]
    assert docs["year"].tolist() == [2023, 2023, 2022, 2023]  # taken from date
    seg = nk.segment_voices(docs)
    statements = seg[seg["kind"] == "statement"]
    assert set(statements["actor"].astype(str)) == {"Baku", "Stepanakert", "Moscow"}
    news = seg[seg["doc_id"] == "news-2023-09-19"]
    assert "statement" not in set(news["kind"].astype(str))  # no actor: the automatic attribution


def test_the_readmes_report_command_parses() -> None:
    from nkresearch.cli import _parser

    readme = README.read_text(encoding="utf-8")
    line = next(ln for ln in _block(readme, "## Your own texts", "sh").splitlines() if "report" in ln)
    argv = line.split("nkresearch", 1)[1].split()
    args = _parser().parse_args(argv)
    assert (args.command, args.corpus, args.metadata) == ("report", "my-texts/", "my-texts/metadata.csv")


def _api_entries() -> dict[str, str]:
    """Each ``::: path`` of docs/api.md by the public name it documents (its last part).

    A name whose module has the same name (``nkresearch.periods`` would be the module
    ``nkresearch.corpus.periods`` to mkdocstrings) is written with its full path.
    """
    api = (DOCS / "api.md").read_text(encoding="utf-8")
    paths = re.findall(r"^::: (nkresearch(?:\.\w+)+)$", api, re.M)
    entries = {path.rsplit(".", 1)[1]: path for path in paths}
    assert len(entries) == len(paths), "a name is documented twice in docs/api.md"
    return entries


def _resolve(path: str) -> object:
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):  # the longest importable module, then attributes
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        return obj
    raise AssertionError(path)


def test_every_public_name_is_in_the_api_reference() -> None:
    entries = _api_entries()
    assert sorted(set(nk.__all__) - set(entries)) == [], "names of __all__ missing in docs/api.md"
    assert sorted(set(entries) - set(nk.__all__)) == [], "docs/api.md documents names not in __all__"
    for name, path in entries.items():  # the object itself, not a module of the same name
        assert _resolve(path) is getattr(nk, name), (name, path)


_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def _relative_links(page: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)  # not in code blocks
    text = re.sub(r"`[^`\n]*`", "", text)  # nor in code spans
    targets = [m[1] for m in _LINK.finditer(text)]
    return [t for t in targets if not re.match(r"[a-z][a-z0-9+.-]*:|#", t)]


@pytest.mark.parametrize("page", _pages(), ids=lambda p: p.relative_to(PROJECT_DIR).as_posix())
def test_every_relative_link_resolves_to_a_file(page: Path) -> None:
    broken = [t for t in _relative_links(page) if not (page.parent / t.split("#", 1)[0]).is_file()]
    assert broken == [], f"{page.relative_to(PROJECT_DIR)}: links to no file: {broken}"


def test_the_link_check_finds_a_broken_link(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    (tmp_path / "there.md").write_text("# There\n", encoding="utf-8")
    page.write_text(
        "[ok](there.md#part), ![img](missing.png), [web](https://example.org), `[code](x.md)`\n",
        encoding="utf-8",
    )
    assert _relative_links(page) == ["there.md#part", "missing.png"]


def test_the_cli_page_is_generated_from_the_parser() -> None:
    from nkresearch.cli import _parser

    hook = _hook("cli")
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert hook.MARKER in page
    made = hook.on_page_markdown(page, None, None, None)
    assert hook.MARKER not in made
    parser = _parser()
    names = list(hook.subcommands(parser))
    assert "report" in names and "keywords" in names
    for name in names:  # every subcommand, with each of its options
        assert f"### `nkresearch {name}`" in made
        sub = hook.subcommands(parser)[name][1]
        for action in sub._actions:
            if action.option_strings and not isinstance(action, argparse._HelpAction):
                assert f"`{action.option_strings[0]}" in made, (name, action.option_strings)


def test_the_cli_hook_follows_a_new_subcommand() -> None:
    hook = _hook("cli")
    parser = argparse.ArgumentParser(prog="nkresearch", description="d")
    sub = parser.add_subparsers(dest="command")
    new = sub.add_parser("brand-new", help="a command added later", epilog="example:\n  nkresearch brand-new")
    new.add_argument("--level", type=float, default=0.9, help="the level")
    made = hook.cli_reference(parser)
    assert "### `nkresearch brand-new`" in made and "A command added later." in made
    assert "| `--level LEVEL` | The level. Default: `0.9`. |" in made and "nkresearch brand-new\n```" in made


def test_the_glossary_page_lists_every_shared_option() -> None:
    from nkresearch.analysis.core.options import GLOSSARY

    hook = _hook("glossary")
    page = (DOCS / "analyses" / "index.md").read_text(encoding="utf-8")
    assert hook.MARKER in page
    made = hook.on_page_markdown(page, None, None, None)
    for option in GLOSSARY:
        assert f"| `{option}` |" in made


@pytest.mark.slow
def test_the_manual_builds_strictly_offline(tmp_path: Path) -> None:
    site = tmp_path / "site"
    env = {k: v for k, v in os.environ.items() if k.lower() != "no_proxy"}
    dead = "http://127.0.0.1:9"  # the discard port: any fetch through a proxy fails
    env.update(NO_MKDOCS_2_WARNING="1", HTTP_PROXY=dead, HTTPS_PROXY=dead, http_proxy=dead, https_proxy=dead)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    api = (site / "api.html").read_text(encoding="utf-8")
    for path in _api_entries().values():  # rendered from its docstring, as a function or class
        heading = re.search(rf'id="{re.escape(path)}"[^>]*>\s*<code class="[^"]*doc-symbol-(\w+)"', api)
        assert heading and heading[1] in ("function", "class"), path
    cli = (site / "cli.html").read_text(encoding="utf-8")
    assert "nkresearch-cli" not in cli and "nkresearch report" in cli
    html = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    loaded = re.findall(r'<(?:script|link|img)\b[^>]*\b(?:src|href)="(https?:[^"]*)"', html)
    assert loaded == [], f"the pages load from the network: {sorted(set(loaded))}"
