"""The report: run every notebook in a fresh kernel, for the bundled corpus or a user's own.

:func:`build_report` executes ``notebooks/NN-*.ipynb`` in order with nbclient (a
progress bar per notebook). For a corpus of the user's (``corpus=``), it first injects
the corpus, its metadata and the grouping column as parameters, papermill-style: a
cell tagged ``injected-parameters`` after the cell tagged ``parameters``, setting the
names that cell defines (and ``None`` for the groups a notebook compares, so it takes
the largest groups of that corpus). It writes under the output folder:

- ``notebooks/<name>.ipynb``: the executed notebooks;
- ``<name>.html``: one page per notebook, with no script from the network;
- ``figures/``: what the notebooks saved through :func:`nkresearch.save_figure` (PNG,
  SVG, PDF, the CSV of the data shown, and ``figures.json``, the record of them all);
- ``index.html``: one self-contained page for an editor (:mod:`.page`).

The report stops with an error naming the notebook and the cell if a cell fails, or
the notebook if one that says it writes figures wrote none. A build writes into a
staging folder (``.building-<pid>``) and moves its files into place only when every
notebook ran, figures first and ``index.html`` last, each by an atomic rename: a build
that fails or is killed leaves the previous report whole (each kernel's log goes to
``notebooks/<name>.kernel.log`` at once). The next build removes the staging folders of
dead builds and the temporary files of killed figure writes.
"""

from __future__ import annotations

import ast
import contextlib
import logging
import os
import re
import shutil
import warnings
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..analysis.core.options import renamed
from ..config import FIGURES_ENV, NOTEBOOK_ENV, PROJECT_DIR, REPORTS_DIR, RESOURCES_DIR
from ..errors import NKResearchError
from ..tokens.store import process_alive
from .page import NotebookInfo, index_page, report_corpora

if TYPE_CHECKING:
    import pandas as pd
    from nbformat import NotebookNode

NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
#: parameters a notebook compares groups with: ``None`` on a user's corpus (the largest groups)
GROUP_PARAMETERS = ("actors", "targets", "parties")
_NO_FIGURES = re.compile(r"\*\*Figures written:?\*\*:?\s*none", re.IGNORECASE)


def read_notebook_info(path: str | Path) -> NotebookInfo:
    """Read a notebook's title (first heading), parameter names and whether it promises figures."""
    import nbformat

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    first = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    if first is None:
        raise NKResearchError(
            f"{path}: the notebook has no markdown cell; start it with its question and figures."
        )
    heading = re.search(r"^#\s+(.+)$", first.source, re.MULTILINE)
    names, defaults = _assigned(_parameters_cell(nb, path).source)
    title = heading.group(1).strip() if heading else path.stem
    return NotebookInfo(path, title, names, not _NO_FIGURES.search(first.source), defaults)


def _assigned(source: str) -> tuple[tuple[str, ...], tuple[tuple[str, object], ...]]:
    """The names a parameters cell assigns, and the values of those assigned a literal."""
    names: list[str] = []
    defaults: list[tuple[str, object]] = []
    for node in ast.parse(source).body:
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            if isinstance(target, ast.Name):
                names.append(target.id)
                with contextlib.suppress(ValueError):  # not a literal: no default to report
                    defaults.append((target.id, ast.literal_eval(node.value)))
    return tuple(names), tuple(defaults)


def _parameters_cell(nb: NotebookNode, path: Path) -> Any:
    tagged = [c for c in nb.cells if c.cell_type == "code" and "parameters" in c.metadata.get("tags", [])]
    if len(tagged) != 1:
        raise NKResearchError(
            f"{path.name}: {len(tagged)} cells are tagged 'parameters'; tag exactly one, the first code cell."
        )
    return tagged[0]


def list_notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The notebooks of the series, in reading order (``NN-name.ipynb``)."""
    return sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb"))


def inject_parameters(nb: NotebookNode, values: dict[str, object], *, path: Path) -> NotebookNode:
    """Add a cell after the ``parameters`` cell setting those of ``values`` the notebook defines."""
    import nbformat

    cell = _parameters_cell(nb, path)
    defined, _ = _assigned(cell.source)
    lines = [f"{name} = {value!r}" for name, value in values.items() if name in defined]
    if lines:
        injected = nbformat.v4.new_code_cell(
            "# Injected parameters\n" + "\n".join(lines), metadata={"tags": ["injected-parameters"]}
        )
        if (nb.nbformat, nb.get("nbformat_minor", 0)) >= (4, 5):
            injected["id"] = "injected-parameters"  # the same in every run (cell ids exist from 4.5)
        else:
            injected.pop("id", None)
        nb.cells.insert(nb.cells.index(cell) + 1, injected)
    return nb


def run_notebook(
    path: str | Path,
    *,
    parameters: dict[str, object] | None = None,
    timeout: int = 600,
    progress: bool = True,
    kernel_log: str | Path | None = None,
) -> NotebookNode:
    """Execute a notebook top to bottom in a fresh ``python3`` kernel; return it executed.

    ``parameters`` are injected after the ``parameters`` cell; the kernel process's own
    output goes to ``kernel_log`` (default: discarded). Raises :class:`NKResearchError`
    naming the notebook and the cell that failed.
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    nb: NotebookNode = nbformat.read(path, as_version=4)
    if parameters:
        nb = inject_parameters(nb, parameters, path=path)
        if "corpus" in parameters:
            nb = name_the_corpus(nb, str(parameters["corpus"]))
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    # the kernel's own log lines (such as ipykernel's notice that its local TCP sockets are not
    # encrypted) go to kernel_log, not into the progress bars; cell errors come through the client
    with open(kernel_log or os.devnull, "ab") as log:
        _execute(client, nb, path, progress=progress, log=log)
    return nb


def _execute(client: Any, nb: NotebookNode, path: Path, *, progress: bool, log: Any) -> None:
    from nbclient.exceptions import CellExecutionError
    from tqdm.auto import tqdm

    with _environment({NOTEBOOK_ENV: path.stem}), client.setup_kernel(stderr=log, stdout=log):
        cells = tqdm(nb.cells, desc=path.stem, unit="cell", disable=not progress, leave=True)
        for index, cell in enumerate(cells):
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as err:
                raise NKResearchError(
                    f"{path.name}: cell {index} failed ({err.ename}: {err.evalue}). Open the notebook, "
                    "run it top to bottom and fix that cell."
                ) from None


@contextlib.contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """Set environment variables for the kernels started inside the block, then restore them."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def report_parameters(
    corpus: str | Path | None,
    *,
    metadata: str | Path | None = None,
    by: str | None = None,
    parameters: Mapping[str, object] | None = None,
    infos: Sequence[NotebookInfo] = (),
) -> dict[str, object]:
    """The parameters injected into every notebook: those of ``corpus``, then the user's own.

    For a corpus of the user's, its folder, metadata and ``by``, and ``None`` for the
    groups a notebook compares (so it takes the conflict's parties present, then the
    largest groups: :func:`nkresearch.groups_to_compare`). ``parameters`` set any
    name of a notebook's ``parameters`` cell (``{"parties": ["Baku", "Yerevan"]}``) and
    win; a name no notebook of ``infos`` defines is an error naming those that exist.
    """
    values: dict[str, object] = {}
    if corpus is None:
        if metadata is not None or by is not None:
            raise NKResearchError("build_report: metadata= and by= need corpus= (the folder they describe).")
    else:
        folder = Path(corpus)
        values["corpus"] = str(folder.resolve()) if folder.exists() else str(corpus)
        if metadata is not None:
            values["metadata"] = str(Path(metadata).resolve())
        values["by"] = by or "actor"
        values.update(dict.fromkeys(GROUP_PARAMETERS))
    known = sorted({name for info in infos for name in info.parameters})
    unknown = sorted(set(parameters or {}) - set(known)) if infos else []
    if unknown:
        raise NKResearchError(
            f"build_report: no notebook has the parameter(s) {unknown}; "
            f"the notebooks' parameters are {known}."
        )
    values.update(parameters or {})
    return values


def parameter_value(name: str, text: str, infos: Sequence[NotebookInfo]) -> object:
    """A parameter given as text on the command line, read as the notebooks' default is written.

    ``Baku,Yerevan`` is a list (and so is one name where the notebooks' default is a
    list); ``3`` an int, ``0.5`` a float, ``true``/``false`` a bool, ``none`` None.

    >>> info = NotebookInfo(Path("x.ipynb"), "x", ("parties",), True, (("parties", ["Baku", "Yerevan"]),))
    >>> parameter_value("parties", "Baku", [info]), parameter_value("parties", "none", [info])
    (['Baku'], None)
    """
    defaults = [dict(info.defaults).get(name) for info in infos if name in info.parameters]
    listy = any(isinstance(d, (list, tuple)) for d in defaults)
    if text.strip().lower() == "none":
        return None
    parts = [_literal(p.strip()) for p in text.split(",")] if (listy or "," in text) else [_literal(text)]
    return parts if listy or len(parts) > 1 else parts[0]


def _literal(text: str) -> object:
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    for kind in (int, float):
        with contextlib.suppress(ValueError):
            return kind(text)
    return text


def name_the_corpus(nb: NotebookNode, corpus: str) -> NotebookNode:
    r"""The notebook's title names the corpus read: ``(default: ...)`` replaced, or ``(corpus: ...)`` added.

    >>> import nbformat
    >>> title = nbformat.v4.new_markdown_cell("# 08 · Change (default: the UN)\n\nText")
    >>> name_the_corpus(nbformat.v4.new_notebook(cells=[title]), "/data/speeches").cells[0].source
    '# 08 · Change (corpus: speeches)\n\nText'
    """
    first = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    if first is None:
        return nb
    named = f"(corpus: {Path(corpus).name or corpus})"
    if re.search(r"\(default: [^)\n]*\)", first.source):
        first.source = re.sub(r"\(default: [^)\n]*\)", named, first.source, count=1)
    else:
        first.source = re.sub(r"^(#\s+.+?)\s*$", rf"\1 {named}", first.source, count=1, flags=re.MULTILINE)
    return nb


@renamed(out_dir="out")
def build_report(
    *,
    corpus: str | Path | None = None,
    metadata: str | Path | None = None,
    by: str | None = None,
    notebooks: list[Path] | None = None,
    out: str | Path | None = None,
    parameters: Mapping[str, object] | None = None,
    progress: bool = True,
) -> Path:
    """Run the notebooks and write the report; return the path of ``index.html``.

    Parameters
    ----------
    corpus
        A bundled corpus name or a folder of ``.txt`` files (default: each notebook's
        own, the bundled corpora).
    metadata
        The metadata file of ``corpus`` (default: its ``metadata.csv``, if any).
    by
        The column the notebooks compare (default ``"actor"``), for ``corpus``.
    notebooks
        The notebooks to run (default: every ``notebooks/NN-*.ipynb``, in order).
    out
        The folder to write to (default ``reports/``; ``out_dir=`` is its old name).
    parameters
        Values for the notebooks' ``parameters`` cells, by name, injected after them
        (papermill's convention): ``{"parties": ["Baku", "Yerevan"], "periods":
        ["1992-2019", "2020-"]}``. Each notebook takes those it defines; a name no
        notebook defines is an error. On the command line: ``-p parties Baku,Yerevan``.
    progress
        Show a progress bar per notebook.

    Returns
    -------
    pathlib.Path
        The index page.

    Examples
    --------
    >>> import nkresearch as nk
    >>> index = nk.build_report(corpus="my-articles/", out="my-report")  # doctest: +SKIP
    >>> index = nk.build_report(parameters={"parties": ["Baku", "Yerevan"]})  # doctest: +SKIP
    """
    out = Path(out) if out is not None else REPORTS_DIR
    paths = list_notebooks() if notebooks is None else [Path(p) for p in notebooks]
    if not paths:
        raise NKResearchError(f"build_report: no notebooks found in {NOTEBOOKS_DIR}.")
    infos = [read_notebook_info(path) for path in paths]
    values = report_parameters(corpus, metadata=metadata, by=by, parameters=parameters, infos=infos)
    remove_stale_builds(out)
    # everything is written in a staging folder first: a build that fails or is killed
    # leaves the previous report as it was (and its staging folder, removed by the next build)
    stage = out / f"{_STAGE_PREFIX}{os.getpid()}"
    (stage / "notebooks").mkdir(parents=True, exist_ok=True)
    (stage / "figures").mkdir(parents=True, exist_ok=True)
    caught: list[str] = []
    try:
        with _quiet(caught):  # the build's warnings and library log records into warnings.log
            index = _build(list(zip(paths, infos, strict=True)), values, stage, out, progress=progress)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
        _log_warnings(caught, out / "notebooks" / WARNINGS_LOG)
    return index


#: where a report's build writes the warnings of the package and its libraries (the terminal stays quiet)
WARNINGS_LOG = "warnings.log"


@contextlib.contextmanager
def _quiet(caught: list[str]) -> Iterator[None]:
    """Collect the warnings raised and the log records of the libraries (nbconvert's) into ``caught``."""

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            caught.append(f"{record.name}: {record.levelname}: {record.getMessage()}")

    handler = Collect(level=logging.WARNING)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as raised:
            warnings.simplefilter("always")
            yield
    finally:
        root.removeHandler(handler)
        caught.extend(f"{w.filename}:{w.lineno}: {w.category.__name__}: {w.message}" for w in raised)


def _log_warnings(caught: list[str], path: Path) -> None:
    """Write what a build caught to ``path``, each line once; nothing caught: no file."""
    path.unlink(missing_ok=True)
    if not caught:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(dict.fromkeys(caught)) + "\n", encoding="utf-8")


def _build(
    series: list[tuple[Path, NotebookInfo]],
    values: dict[str, object],
    stage: Path,
    out: Path,
    *,
    progress: bool,
) -> Path:
    """Run the series, write each corpus's explorer, publish the files, write the index last."""
    from ..plots.save import write_atomically
    from ..tokens.cache import corpus_tokens

    executed = _run_series(series, values, stage, out, progress=progress)
    corpora = report_corpora(executed, values)
    # each corpus's tokens read once (cached by the notebooks' run): its explorer and its facts
    tokens = {c: corpus_tokens(c, metadata=meta, progress=False) for c, (meta, _) in corpora.items()}
    explorers = _write_explorers(corpora, tokens, stage, values.get("parties"))
    figures = _publish(stage, out)
    index = out / "index.html"
    page = index_page(
        executed, figures, figures_dir=out / "figures", parameters=values, explorers=explorers, tokens=tokens
    )
    write_atomically(index, lambda handle: handle.write(page.encode("utf-8")))  # the index last
    return index


def _run_series(
    series: list[tuple[Path, NotebookInfo]],
    values: dict[str, object],
    stage: Path,
    out: Path,
    *,
    progress: bool,
) -> list[tuple[NotebookInfo, NotebookNode]]:
    """Run each notebook into the staging folder: its executed copy, its page, its figures checked.

    One progress bar for the series (a notebook a step); each kernel's own output goes to
    ``notebooks/<name>.kernel.log`` under ``out``.
    """
    import nbformat
    from nbconvert import HTMLExporter
    from tqdm.auto import tqdm

    from ..plots.save import read_manifest

    exporter = HTMLExporter(
        template_name="offline", extra_template_basedirs=[str(RESOURCES_DIR / "nbconvert")]
    )
    executed = []
    bar = tqdm(series, desc="report", unit="notebook", disable=not progress, leave=True)
    with _environment({FIGURES_ENV: str((stage / "figures").resolve())}):
        for path, info in bar:
            bar.set_postfix_str(path.stem)
            log = stage / "notebooks" / f"{path.stem}.kernel.log"
            try:
                nb = run_notebook(path, parameters=values, progress=False, kernel_log=log)
            finally:  # the kernel's log where the user looks, also when the notebook failed
                (out / "notebooks").mkdir(parents=True, exist_ok=True)
                if log.exists():
                    os.replace(log, out / "notebooks" / log.name)
            nbformat.write(nb, stage / "notebooks" / path.name)
            body, _ = exporter.from_notebook_node(nb)
            (stage / f"{path.stem}.html").write_text(body, encoding="utf-8")
            made = [e for e in read_manifest(stage / "figures").values() if e["notebook"] == path.stem]
            if info.writes_figures and not made:
                raise NKResearchError(
                    f"{path.name} says it writes figures but saved none. Save them with "
                    "nk.save_figure(fig, name) or write 'Figures written: none' in its first cell."
                )
            executed.append((info, nb))
    return executed


_STAGE_PREFIX = ".building-"


def _write_explorers(
    corpora: dict[str, tuple[str | None, str]],
    tokens: dict[str, pd.DataFrame],
    stage: Path,
    parties: object = None,
) -> dict[str, str]:
    """One explorer page per corpus the notebooks read (``explorer-<name>.html``); corpus -> file name.

    Each opens on the two groups the notebooks compare: the ``parties`` the user gave
    where both are groups of that corpus, else :func:`nkresearch.groups_to_compare`'s.
    """
    from ..analysis.terms.summary import groups_to_compare
    from ..plots.save import figure_name
    from .explorer import explorer

    pages: dict[str, str] = {}
    for corpus, (_, by) in corpora.items():
        name = f"explorer-{figure_name(Path(corpus).name or corpus)}.html"
        table = tokens[corpus]
        present = set(table[by].dropna().astype(str))
        given = [str(p) for p in parties] if isinstance(parties, (list, tuple)) else []
        pair = given[:2] if len(given) >= 2 and set(given[:2]) <= present else None
        if pair is None:
            spoken = table[table["kind"] != "byline"]
            pair = groups_to_compare(spoken, by=by, top=2, exclude=["Media"]) if len(spoken) else []
        explorer(table, by=by, out=stage / name, compare=(pair[0], pair[1]) if len(pair) == 2 else None)
        pages[corpus] = name
    return pages


def _publish(stage: Path, out: Path) -> dict[str, dict[str, object]]:
    """Move the staged figures, notebooks and pages into ``out`` (each by an atomic rename).

    The figure record merges the earlier one with this build's (this build's entries win);
    returns it.
    """
    from ..plots.save import MANIFEST, read_manifest, write_manifest

    figures = {**read_manifest(out / "figures"), **read_manifest(stage / "figures")}
    (out / "figures").mkdir(parents=True, exist_ok=True)
    for item in sorted((stage / "figures").iterdir()):
        if item.name != MANIFEST:
            os.replace(item, out / "figures" / item.name)
    write_manifest(out / "figures", figures)
    for item in sorted((stage / "notebooks").iterdir()):
        os.replace(item, out / "notebooks" / item.name)
    for item in sorted(stage.glob("*.html")):
        os.replace(item, out / item.name)
    return figures


def remove_stale_builds(out: Path) -> list[Path]:
    """Remove what killed builds left in ``out``: staging folders of dead builds, temporary figure files.

    A staging folder is named after its build's process id; one of a running build is kept.
    Returns what was removed.
    """
    removed: list[Path] = []
    if not out.is_dir():
        return removed
    for stage in out.glob(f"{_STAGE_PREFIX}*"):
        pid = stage.name.removeprefix(_STAGE_PREFIX)
        if pid.isdigit() and int(pid) != os.getpid() and process_alive(int(pid)):
            continue
        shutil.rmtree(stage, ignore_errors=True)
        removed.append(stage)
    for temporary in (out / "figures").glob(".*") if (out / "figures").is_dir() else ():
        if _FIGURE_TEMPORARY.fullmatch(temporary.name):  # a figure write killed before its rename
            temporary.unlink(missing_ok=True)
            removed.append(temporary)
    return removed


#: the temporary name of a figure file or record being written (:func:`nkresearch.save_figure`)
_FIGURE_TEMPORARY = re.compile(r"\.[^/]+\.[A-Za-z0-9_]{6,}\.(?:png|svg|pdf|csv|json)")
