"""The notebook series and the report: executed in real kernels, opened in a real browser."""

from __future__ import annotations

import ast
import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from conftest import chrome_driver, need_browser

import nkresearch as nk
import nkresearch.report.build as build_module
from nkresearch.config import CACHE_ENV, PROJECT_DIR, RAW_DIR
from nkresearch.plots.save import read_manifest
from nkresearch.report import list_notebooks, read_notebook_info

pytestmark = pytest.mark.slow  # make test-fast leaves this module out

NOTEBOOKS = list_notebooks()
_NETWORK = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


@pytest.fixture(scope="session")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run every notebook once (the real `make report` code path) into a temporary folder."""
    out = tmp_path_factory.mktemp("report")
    nk.build_report(out=out, progress=False)
    return out


def test_the_series_is_numbered_and_complete() -> None:
    names = [p.stem for p in NOTEBOOKS]
    assert names == [
        "01-corpus-overview",
        "02-word-frequencies",
        "03-keywords",
        "04-collocations",
        "05-naming-and-framing",
        "06-concordance-explorer",
        "07-un-general-debate",
        "08-positions-and-change",
        "09-languages",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_are_thin(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].cell_type == "markdown"
    first = nb.cells[0].source
    assert "**Question.**" in first and "**Inputs.**" in first and "Figures written" in first
    code = [c for c in nb.cells if c.cell_type == "code"]
    tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "one cell tagged 'parameters'"
    assert code.index(tagged[0]) == 0, "the parameters cell comes first"
    for cell in code:
        assert not re.search(r"^\s*(def|class|async def)\s", cell.source, re.MULTILINE), cell.source
        assert "lambda" not in cell.source
        python = "\n".join(
            line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!"))
        )
        loops = (ast.For, ast.While, ast.AsyncFor, ast.ListComp, ast.DictComp, ast.SetComp, ast.GeneratorExp)
        built = [n for n in ast.walk(ast.parse(python)) if isinstance(n, loops)]
        assert not built, f"a loop builds a table by hand (make it an option of a function): {cell.source}"
        assert not re.search(r"\bpd\.(DataFrame|concat)\(|\.append\(", cell.source), cell.source
    assert any("import nkresearch as nk" in c.source for c in code)
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_text_of_a_notebook_holds_no_number_of_a_corpus(path: Path) -> None:
    """Findings are written by the describe_* functions when the notebook runs, never typed in.

    A markdown cell may name parameters, methods and the default corpus; a count of a
    corpus in bold (the form the findings take) or a sentence about what one corpus
    shows would be wrong for any other.
    """
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            assert not re.search(r"\*\*\d[\d,.]*\*\*", cell.source), cell.source
            assert not re.search(r"\b(?:times in|words, all|o of \d)", cell.source), cell.source
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    if read_notebook_info(path).writes_figures:
        assert "nk.describe_" in code, "a notebook with figures says what they show in generated sentences"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_notebook_ran_and_wrote_the_figures_it_promises(report: Path, path: Path) -> None:
    executed = nbformat.read(report / "notebooks" / path.name, as_version=4)
    errors = [
        o for c in executed.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
    ]
    assert not errors
    info = read_notebook_info(path)
    made = [e for e in read_manifest(report / "figures").values() if e["notebook"] == path.stem]
    assert bool(made) == info.writes_figures
    images = sum(
        "image/png" in o.get("data", {}) for c in executed.cells if c.cell_type == "code" for o in c.outputs
    )
    assert images >= len(made)
    for entry in made:
        for fmt in ("png", "svg", "pdf"):
            assert (report / "figures" / f"{entry['name']}.{fmt}").stat().st_size > 1000, entry["name"]
        assert len(str(entry["caption"])) > 20
        table = report / "figures" / str(entry["table"])
        assert entry["table"] and table.stat().st_size > 50, f"{entry['name']}: no table behind the figure"
    first = executed.cells[0].source
    for entry in made:  # the first cell names each figure, or its pattern (``keyness-<target>-vs-rest``)
        patterns = re.findall(r"`([a-z0-9<>._-]+)`:", first)
        assert any(re.fullmatch(re.sub(r"<[a-z]+>", "[a-z0-9-]+", p), str(entry["name"])) for p in patterns)
    assert (report / f"{path.stem}.html").stat().st_size > 10_000
    page = (report / f"{path.stem}.html").read_text(encoding="utf-8")
    assert not _NETWORK.search(page), "the page loads something from the network"
    assert "MathJax" not in page


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_sentences_a_notebook_shows_are_written_from_its_tables(report: Path, path: Path) -> None:
    """A notebook with figures shows generated sentences, each output carrying them as its metadata.

    That the sentences say what the tables hold is tested on hand-made and real tables in
    tests/test_prose.py; that no number is typed into a notebook's text, above.
    """
    executed = nbformat.read(report / "notebooks" / path.name, as_version=4)
    prose = [
        o
        for c in executed.cells
        if c.cell_type == "code"
        for o in c.outputs
        if "text/markdown" in o.get("data", {})
    ]
    if read_notebook_info(path).writes_figures:
        assert prose, "no generated sentences"
    for output in prose:
        sentences = output["metadata"]["text/markdown"]["nkresearch"]
        assert sentences["findings"]
        assert output["data"]["text/markdown"].startswith(sentences["findings"][0].replace("$", "\\$")[:40])


def test_the_explorer_falls_back_to_a_static_table(report: Path) -> None:
    executed = nbformat.read(report / "notebooks" / "06-concordance-explorer.ipynb", as_version=4)
    outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs]
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
    assert any("<mark><b>negotiations</b></mark>" in o.get("data", {}).get("text/html", "") for o in outputs)


def test_index_page_is_one_self_contained_page_an_editor_can_read(report: Path) -> None:
    page = (report / "index.html").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        assert f'href="{path.stem}.html"' in page
    figures = read_manifest(report / "figures")
    assert figures
    for name, entry in figures.items():
        assert f'<figure id="{name}"><img src="data:image/png;base64,' in page
        assert html.escape(str(entry["caption"])) in page
        assert f'download="{name}.csv" href="data:text/csv;base64,' in page
    for anchor, heading in [
        ("analysed", "What was analysed"),
        ("findings", "Key findings and their caveats"),
        ("method", "Method"),
        ("figures", "Figures"),
    ]:
        assert f'<h2 id="{anchor}">{heading}</h2>' in page and f'<a href="#{anchor}">' in page  # contents
    assert f"nkresearch {nk.__version__}" in page and re.search(r"Built \d{4}-\d\d-\d\d", page)
    tokens = nk.corpus_tokens("seeds", progress=False)
    summary = nk.voice_summary(tokens[tokens["kind"] != "byline"], by="actor")  # as every notebook counts
    for actor, words in zip(summary["actor"], summary["words"], strict=True):
        assert f"<tr><td>{actor}</td><td>" in page and f"<td>{words:,}</td>" in page
    assert "The voices come from the hand-checked annotation in 5 documents." in page
    assert "rest on fewer than 1,000 words" in page  # a caveat from the notebooks
    assert "<script" not in page and not _NETWORK.search(page)
    for href in re.findall(r'(?:href|src)="([^"#]+)"', page):
        assert href.startswith("data:") or (report / href).is_file(), href


def test_a_second_run_changes_no_figure(report: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    figure_notebooks = [p for p in NOTEBOOKS if read_notebook_info(p).writes_figures]
    nk.build_report(notebooks=figure_notebooks, out=again, progress=False)
    first = sorted((report / "figures").iterdir())
    assert [p.name for p in first] == sorted(p.name for p in (again / "figures").iterdir())
    for p in first:
        assert p.read_bytes() == (again / "figures" / p.name).read_bytes(), p.name


def test_a_failing_cell_names_the_notebook_and_the_cell(tmp_path: Path) -> None:
    broken = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell(
                "# Broken\n\n**Question.** none\n\n**Inputs.** none\n\nFigures written: none"
            ),
            nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
            nbformat.v4.new_code_cell("1 / 0"),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    path = tmp_path / "99-broken.ipynb"
    nbformat.write(broken, path)
    with pytest.raises(nk.NKResearchError, match=r"99-broken\.ipynb: cell 2 failed \(ZeroDivisionError"):
        nk.build_report(notebooks=[path], out=tmp_path / "out", progress=False)


def test_a_failed_or_killed_build_leaves_the_previous_report_whole(report: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    shutil.copytree(report, out)
    before = {
        p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file() and p.suffix != ".log"
    }
    good = nbformat.read(next((report / "notebooks").glob("01-*.ipynb")), as_version=4)
    good.cells.append(nbformat.v4.new_code_cell("1 / 0"))  # runs, writes its figures, then fails
    path = tmp_path / "01-corpus.ipynb"
    nbformat.write(good, path)
    with pytest.raises(nk.NKResearchError, match=r"01-corpus\.ipynb: cell \d+ failed \(ZeroDivisionError"):
        nk.build_report(notebooks=[path], out=out, progress=False)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file() and p.suffix != ".log"}
    assert after == before, "a failed build changed the report"
    assert (out / "notebooks" / "01-corpus.kernel.log").is_file()  # its kernel's log is kept
    # what a killed build leaves, removed by the next one: its staging folder, a figure half-written
    (out / ".building-2147483646" / "figures").mkdir(parents=True)
    (out / "figures" / ".keyness-baku.a1b2c3d4.png").write_bytes(b"half a png")
    removed = build_module.remove_stale_builds(out)
    assert {p.name for p in removed} == {".building-2147483646", ".keyness-baku.a1b2c3d4.png"}
    assert not list(out.glob(".building-*")) and not list((out / "figures").glob(".*"))


def test_report_opens_in_a_real_browser_with_every_image_loaded(report: Path, tmp_path: Path) -> None:
    need_browser()
    from selenium.webdriver.support.ui import WebDriverWait

    driver = chrome_driver(tmp_path / "profile")
    try:
        pages = [report / "index.html", *[report / f"{p.stem}.html" for p in NOTEBOOKS]]
        for page in pages:
            driver.get(page.as_uri())  # type: ignore[attr-defined]
            WebDriverWait(driver, 20).until(  # a loaded page may still be decoding its images
                lambda d: d.execute_script(
                    "return document.readyState === 'complete'"
                    " && Array.from(document.images).every(i => i.complete)"
                )
            )
            images = driver.execute_script(  # type: ignore[attr-defined]
                "return Array.from(document.images)"
                ".map(i => [i.getAttribute('src').slice(0, 60), i.complete, i.naturalWidth])"
            )
            assert images or page.stem.startswith("06"), f"{page.name}: no images"
            broken = [src for src, complete, width in images if not (complete and width > 0)]
            assert not broken, f"{page.name}: images not loaded: {broken}"
            fetched = driver.execute_script(  # type: ignore[attr-defined]
                "return performance.getEntriesByType('resource').map(r => r.name)"
            )
            remote = [u for u in fetched if not u.startswith(("file:", "data:"))]
            assert not remote, f"{page.name} asked the network for {remote}"
        driver.get((report / "index.html").as_uri())  # type: ignore[attr-defined]
        links = driver.execute_script(  # type: ignore[attr-defined]
            "return Array.from(document.links).map(a => a.href)"
        )
        assert len(links) >= len(NOTEBOOKS) * 2
        for href in links:
            if href.startswith("data:text/csv;base64,"):
                continue  # a figure's table, inside the page
            assert href.startswith("file://")
            assert Path(href.removeprefix("file://").split("#")[0]).is_file(), href
        title = driver.title  # type: ignore[attr-defined]
        assert title == "nkresearch report"
        explorers = sorted(h.rsplit("/", 1)[-1] for h in links if "/explorer-" in h)
        assert explorers == ["explorer-seeds.html", "explorer-ungdc.html"]  # one per corpus, linked
    finally:
        driver.quit()  # type: ignore[attr-defined]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nkresearch", *args], capture_output=True, text=True, cwd=PROJECT_DIR
    )


def test_command_line_tables(tmp_path: Path) -> None:
    def run(*args: str) -> str:
        done = _cli(*args)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "The voices come from" in run("corpus")
    out = tmp_path / "key.csv"
    printed = run("keywords", "--target", "Baku", "--drop-stop", "--csv", str(out))
    assert "status" in printed
    header = printed.splitlines()[0].split()
    assert header == ["term", "n_target", "n_reference", "docs_target", "log_ratio", "g2", "significant"]
    assert max(len(line) for line in printed.splitlines()) < 110
    table = pd.read_csv(out)  # the whole table, every column, stopwords left out (--drop-stop)
    assert list(table.columns[:5]) == ["term", "n_target", "n_reference", "N_target", "N_reference"]
    assert not table["is_stop"].any()
    kept = tmp_path / "kept.xlsx"
    run("keywords", "--target", "Baku", "--xlsx", str(kept))  # the API's default: stopwords kept
    excel = pd.read_excel(kept)
    assert excel["is_stop"].any() and len(excel) > len(table)
    assert run("keywords", "--target", "Baku", "--drop-stop", "--all").splitlines()[0].split() == list(
        table.columns
    )
    assert run("keywords", "--target", "Baku", "--columns", "term,g2").splitlines()[0].split() == [
        "term",
        "g2",
    ]
    assert "logdice" in run("collocates", "negotiations", "--by", "actor")
    lines = run("kwic", "negotiat*", "--sort", "right").splitlines()
    bars = {line.index(" | ") for line in lines if " | " in line}
    assert len(bars) == 1, "the left context is aligned on the match"
    assert "negotiations" in lines[0]
    by_outlet = run("kwic", "negotiat*", "--show", "outlet", "--rows", "3")
    assert "Report" in by_outlet and "Baku" not in by_outlet.split("|")[0]
    assert run("kwic", "zzzq") == "No match for 'zzzq'.\n"
    assert "No rows (no term occurs --min-freq 1000 times)" in run(
        "keywords", "--target", "Baku", "--min-freq", "1000"
    )
    listing = run("corpus", "--rows", "2").split("\n\n")[1]
    assert len(listing.splitlines()) == 4 and "3 more rows" in listing
    bad = _cli("keywords", "--target", "Bak")
    assert bad.returncode == 2 and "choose one of" in bad.stderr
    assert _cli("kwic", "the", "--show", "nope").returncode == 2
    caches = tmp_path / "caches"
    assert "The voices come from" in run("--cache-dir", str(caches), "corpus")
    assert [p.suffix for p in caches.glob("tokens-seeds-*/part-*")] == [".parquet"]  # the cache went there


def test_a_closed_pipe_ends_the_command_quietly() -> None:
    done = subprocess.run(
        f"{sys.executable} -m nkresearch kwic the --rows 2000 | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
    )
    assert len(done.stdout.splitlines()) == 1
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr


def test_the_readme_figure_is_the_one_the_report_makes(report: Path) -> None:
    shown = sorted((PROJECT_DIR / "docs" / "figures").glob("*.png"))
    assert shown
    for path in shown:
        assert path.read_bytes() == (report / "figures" / path.name).read_bytes(), (
            f"docs/figures/{path.name} is stale: copy it again from reports/figures after `make report`"
        )


def test_the_series_runs_on_a_folder_whose_metadata_has_only_file(tmp_path: Path) -> None:
    """`nkresearch report --corpus FOLDER`: every notebook runs, and says what that corpus shows."""
    folder = tmp_path / "my-articles"
    folder.mkdir()
    for text in sorted((RAW_DIR / "seeds").glob("*.txt"))[:4]:
        shutil.copy(text, folder / f"article-{text.name[:3]}.txt")  # not the bundled names: no gold voices
    (folder / "metadata.csv").write_text(
        "file\n" + "".join(f"{p.name}\n" for p in sorted(folder.glob("*.txt"))), encoding="utf-8"
    )
    out, caches = tmp_path / "my-report", tmp_path / "caches"
    before, cached_before = _tree(PROJECT_DIR / "reports"), _tree(PROJECT_DIR / "data" / "processed")
    command = ["report", "--corpus", str(folder), "--out", str(out)]
    done = subprocess.run(
        [sys.executable, "-m", "nkresearch", "--cache-dir", str(caches), *command],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "without encryption" not in done.stderr, "a kernel's transport warning reached the terminal"
    page = (out / "index.html").read_text(encoding="utf-8")
    tokens = nk.corpus_tokens(folder, progress=False, cache_dir=caches)
    assert tokens.attrs["cache"]["from_cache"], "the notebooks' token cache is not in --cache-dir"
    words = int((~tokens["is_punct"] & (tokens["kind"] != "byline")).sum())  # bylines out, as every page
    assert f"<h3>{folder}</h3>" in page and "<h3>seeds</h3>" not in page and "<h3>ungdc</h3>" not in page
    assert f"The corpus holds <b>{words:,}</b> words" in page
    executed = nbformat.read(out / "notebooks" / "03-keywords.ipynb", as_version=4)
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and str(folder) in injected[0].source and "targets = None" in injected[0].source
    largest = nk.groups_to_compare(tokens[tokens["kind"] != "byline"], top=2, exclude=["Media"])
    made = read_manifest(out / "figures")
    assert {nk.figure_name("keyness", t, "vs rest") for t in largest} <= set(made)
    explorer = out / f"explorer-{nk.figure_name(folder.name)}.html"
    assert explorer.is_file() and f'href="{explorer.name}"' in page  # that corpus's explorer, linked
    assert _tree(PROJECT_DIR / "reports") == before, "the user's report wrote into the project's reports/"
    assert not (tmp_path / "figures").exists(), "figures went to the working folder, not the report"
    assert _tree(PROJECT_DIR / "data" / "processed") == cached_before, "a cache went to data/processed/"


def _tree(folder: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in folder.rglob("*")} if folder.exists() else {}


def test_data_never_becomes_markup_in_the_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Group names, titles and text from the user's data show as text on every page; none runs."""
    need_browser()
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "caches"))  # this run and its kernels: not data/processed/
    from selenium.webdriver.support.ui import WebDriverWait

    folder = tmp_path / "payloads"
    folder.mkdir()
    text = "The minister said <script>window.pwned = 1</script> the talks <b onmouseover=x> go on."
    for i in range(3):
        (folder / f"doc{i}.txt").write_text(f"{text}\n\nA second paragraph {i}.", encoding="utf-8")
    actor = 'Actor1 <img src=x onerror="window.pwned = 2">'
    (folder / "metadata.csv").write_text(
        "file,actor,title\n"
        + "".join(f'doc{i}.txt,"{actor.replace(chr(34), chr(34) * 2)}",T<i>{i}</i>\n' for i in range(3)),
        encoding="utf-8",
    )
    cached_before = _tree(PROJECT_DIR / "data" / "processed")
    out = nk.build_report(corpus=folder, notebooks=[NOTEBOOKS[0]], out=tmp_path / "report", progress=False)
    assert _tree(PROJECT_DIR / "data" / "processed") == cached_before, "a cache went to data/processed/"
    assert any((tmp_path / "caches").iterdir())
    driver = chrome_driver(tmp_path / "profile")
    try:
        for page in [out, out.parent / f"{NOTEBOOKS[0].stem}.html"]:
            driver.get(page.as_uri())  # type: ignore[attr-defined]
            WebDriverWait(driver, 20).until(
                lambda d: d.execute_script("return document.readyState === 'complete'")
            )
            assert driver.execute_script("return typeof window.pwned") == "undefined", page.name  # type: ignore[attr-defined]
            shown = driver.execute_script("return document.body.innerText")  # type: ignore[attr-defined]
            assert 'onerror="window.pwned = 2"' in shown, (
                f"{page.name}: the group's name is not shown as text"
            )
    finally:
        driver.quit()  # type: ignore[attr-defined]


def _speeches(folder: Path) -> Path:
    """Baku, Moscow and Yerevan at the UN, Moscow with the most words: a folder of one's own."""
    folder.mkdir()
    rows = ["file,actor,date"]
    for country, actor, years in [("AZE", "Baku", 2), ("RUS", "Moscow", 6), ("ARM", "Yerevan", 2)]:
        for path in sorted((RAW_DIR / "ungdc").glob(f"{country}_7*.txt"))[:years]:
            shutil.copy(path, folder / path.name)
            rows.append(f"{path.name},{actor},{path.stem[-4:]}-09-25")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def test_the_report_compares_the_parties_and_takes_parameters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unsteered, the conflict's parties (not the largest groups); steered with -p, what the user asks.

    The index names the corpus in every finding, links its figure, puts its caveats under it and
    opens with a table of contents; the titles name the corpus read; the terminal shows no warning.
    """
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "caches"))  # this run, its kernels and its subprocesses
    folder = _speeches(tmp_path / "speeches")
    keywords = NOTEBOOKS[2]
    assert keywords.stem == "03-keywords"
    out = nk.build_report(corpus=folder, notebooks=[keywords], out=tmp_path / "parties", progress=False)
    made = set(read_manifest(out.parent / "figures"))
    assert {
        "keyness-baku-vs-rest",
        "keyness-yerevan-vs-rest",
    } <= made and "keyness-moscow-vs-rest" not in made
    page = out.read_text(encoding="utf-8")
    assert '<a href="#findings-03-keywords">' in page  # the contents
    assert (
        '<a href="#keyness-baku-vs-rest">Figure: Keywords of Baku' in page
        and "corpus <code>speeches</code>" in page
    )
    finding = page[page.index('<h3 id="findings-03-keywords">') :]
    assert (
        finding.index("strongest keywords of Baku") < finding.index('class="caveat"') < finding.index("</ul>")
    )
    steered = str(tmp_path / "steered")
    done = subprocess.run(
        [sys.executable, "-m", "nkresearch", "report", "--corpus", str(folder), "--out", steered,
         "--notebooks", "03", "-p", "targets", "Moscow,Yerevan", "-p", "top", "5"],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    made = set(read_manifest(tmp_path / "steered" / "figures"))
    assert {
        "keyness-moscow-vs-rest",
        "keyness-yerevan-vs-rest",
    } <= made and "keyness-baku-vs-rest" not in made
    executed = nbformat.read(tmp_path / "steered" / "notebooks" / "03-keywords.ipynb", as_version=4)
    assert executed.cells[0].source.startswith(
        "# 03 · Keywords: each group against the rest and against general English (corpus: speeches)\n"
    )
    injected = next(c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert "targets = ['Moscow', 'Yerevan']" in injected.source and "top = 5" in injected.source
    assert "Warning" not in done.stderr, done.stderr[-2000:]  # the build's warnings went to warnings.log
    bad = subprocess.run(
        [sys.executable, "-m", "nkresearch", "report", "--corpus", str(folder), "-p", "partiez", "Baku"],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert bad.returncode == 2 and "-p: no notebook has the parameter(s) ['partiez']" in bad.stderr


def test_a_group_has_one_number_of_words_on_every_page(report: Path) -> None:
    """Notebook 01, the later notebooks and the index count a group's words alike (bylines out)."""
    tokens = nk.corpus_tokens("seeds", progress=False)
    kept_table = nk.voice_summary(tokens[tokens["kind"] != "byline"], by="actor").set_index("actor")
    kept = kept_table["words"]
    every = nk.voice_summary(tokens, by="actor").set_index("actor")["words"]
    assert every["Readers"] > kept["Readers"]  # the seeds have bylines: the test can tell the two apart
    overview = nbformat.read(report / "notebooks" / "01-corpus-overview.ipynb", as_version=4)
    said = " ".join(
        str(o.get("data", {}).get("text/markdown", "")) for c in overview.cells for o in c.get("outputs", [])
    )
    assert f"Readers ({kept['Readers']:,})" in said and f"Readers ({every['Readers']:,})" not in said
    index = (report / "index.html").read_text(encoding="utf-8")
    docs = int(kept_table.loc["Readers", "docs"])
    assert f"<tr><td>Readers</td><td>{docs}</td><td>{kept['Readers']:,}</td></tr>" in index


def test_a_report_runs_on_a_folder_of_saved_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder of .html pages and a text, with a metadata.csv naming only the files, makes a report."""
    from test_pages import PAGE

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "caches"))
    folder = tmp_path / "saved-pages"
    folder.mkdir()
    topics = ["Vienna", "Geneva", "Moscow"]
    for topic in topics:
        (folder / f"talks-{topic.lower()}.html").write_text(PAGE.replace("Vienna", topic), encoding="utf-8")
    (folder / "note.txt").write_text("A plain note on the talks, kept beside the pages.\n", encoding="utf-8")
    names = sorted(p.name for p in folder.iterdir())
    (folder / "metadata.csv").write_text("file\n" + "".join(f"{n}\n" for n in names), encoding="utf-8")
    out = nk.build_report(corpus=folder, notebooks=[NOTEBOOKS[0]], out=tmp_path / "report", progress=False)
    page = out.read_text(encoding="utf-8")
    assert f"<h3>{folder}</h3>" in page
    tokens = nk.corpus_tokens(folder, progress=False, cache_dir=tmp_path / "caches")
    assert tokens.attrs["cache"]["from_cache"], "the report's kernels did not use the cache it was pointed at"
    assert {"talks-geneva", "note"} <= set(tokens["doc_id"].astype(str))
    assert "cookies" not in set(tokens["norm"].astype(str)), "a removed block reached the tokens"
    assert (tokens["kind"] == "headline").any(), "the page's headline was not read as a headline"
