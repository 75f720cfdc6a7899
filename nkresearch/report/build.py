"""The report: run every notebook in a fresh kernel and publish the results.

:func:`build_report` executes ``notebooks/NN-*.ipynb`` in order with nbclient (a
progress bar per notebook), and writes under ``reports/``:

- ``notebooks/<name>.ipynb``: the executed notebooks;
- ``<name>.html``: one page per notebook (nbconvert);
- ``figures/<figure>.{png,svg,pdf}``: written by the notebooks themselves through
  :func:`nkresearch.save_figure`;
- ``index.html``: links to every page, and every figure with its caption and the
  notebook that made it.

A notebook promises its figures in its first (markdown) cell, one line each::

    - `keyness-baku-vs-rest`: Keywords of Baku against all other voices.

and the report stops with an error naming the notebook if one was not written, or
naming the notebook and the cell if a cell fails.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .config import PROJECT_DIR, REPORTS_DIR
from .errors import NKResearchError
from .plots.save import FORMATS

if TYPE_CHECKING:
    from nbformat import NotebookNode

NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
_FIGURE_LINE = re.compile(
    r"^\s*[-*]\s+`(?P<name>[a-z0-9][a-z0-9._-]*)`\s*[:—-]\s*(?P<caption>.+?)\s*$", re.MULTILINE
)


@dataclass(frozen=True)
class NotebookInfo:
    """A notebook of the series: its file, title and the figures it promises."""

    path: Path
    title: str
    figures: tuple[tuple[str, str], ...]  # (name, caption)


def read_notebook_info(path: Path) -> NotebookInfo:
    """Read a notebook's title (first heading) and promised figures (first cell)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    first = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    if first is None:
        raise NKResearchError(
            f"{path}: the notebook has no markdown cell; start it with its question and figures."
        )
    heading = re.search(r"^#\s+(.+)$", first.source, re.MULTILINE)
    figures = tuple((m["name"], m["caption"]) for m in _FIGURE_LINE.finditer(first.source))
    return NotebookInfo(path, heading.group(1).strip() if heading else path.stem, figures)


def list_notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The notebooks of the series, in reading order (``NN-name.ipynb``)."""
    return sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb"))


def run_notebook(path: Path, *, timeout: int = 600, progress: bool = True) -> NotebookNode:
    """Execute a notebook top to bottom in a fresh ``python3`` kernel; return it executed.

    Raises :class:`NKResearchError` naming the notebook and the cell that failed.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from tqdm.auto import tqdm

    nb: NotebookNode = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    with client.setup_kernel():
        cells = tqdm(nb.cells, desc=path.stem, unit="cell", disable=not progress, leave=True)
        for index, cell in enumerate(cells):
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as err:
                raise NKResearchError(
                    f"{path.name}: cell {index} failed ({err.ename}: {err.evalue}). Open the notebook, "
                    "run it top to bottom and fix that cell."
                ) from None
    return nb


def build_report(
    *,
    notebooks: list[Path] | None = None,
    out_dir: str | Path | None = None,
    progress: bool = True,
) -> Path:
    """Run the notebooks and write the report; return the path of ``index.html``.

    Parameters
    ----------
    notebooks
        The notebooks to run (default: every ``notebooks/NN-*.ipynb``, in order).
    out_dir
        Where to write (default ``reports/``). The notebooks' figures go to its
        ``figures/`` folder: the kernels get ``NKRESEARCH_REPORTS`` set to it.
    progress
        Show a progress bar per notebook.

    Returns
    -------
    pathlib.Path
        The index page.

    Examples
    --------
    >>> import nkresearch as nk
    >>> index = nk.build_report()  # doctest: +SKIP
    """
    import nbformat
    from nbconvert import HTMLExporter

    out = Path(out_dir) if out_dir is not None else REPORTS_DIR
    paths = list_notebooks() if notebooks is None else [Path(p) for p in notebooks]
    if not paths:
        raise NKResearchError(f"build_report: no notebooks found in {NOTEBOOKS_DIR}.")
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    figures_dir = out / "figures"
    figures_dir.mkdir(parents=True, exist_ok=True)
    previous = os.environ.get("NKRESEARCH_REPORTS")
    os.environ["NKRESEARCH_REPORTS"] = str(out.resolve())
    exporter = HTMLExporter(template_name="lab")
    infos = []
    try:
        for path in paths:
            info = read_notebook_info(path)
            nb = run_notebook(path, progress=progress)
            nbformat.write(nb, out / "notebooks" / path.name)
            body, _ = exporter.from_notebook_node(nb)
            (out / f"{path.stem}.html").write_text(body, encoding="utf-8")
            missing = [
                f"{name}.{fmt}"
                for name, _ in info.figures
                for fmt in FORMATS
                if not (figures_dir / f"{name}.{fmt}").is_file()
            ]
            if missing:
                raise NKResearchError(
                    f"{path.name} promises figures it did not write: {missing}. Save them with "
                    "nk.save_figure(fig, name) or drop them from the notebook's first cell."
                )
            infos.append(info)
    finally:
        if previous is None:
            os.environ.pop("NKRESEARCH_REPORTS", None)
        else:
            os.environ["NKRESEARCH_REPORTS"] = previous
    index = out / "index.html"
    index.write_text(_index_page(infos), encoding="utf-8")
    return index


def _index_page(infos: list[NotebookInfo]) -> str:
    esc = html.escape
    toc = "".join(
        f'<li><a href="{esc(i.path.stem)}.html">{esc(i.title)}</a> '
        f'(<a href="notebooks/{esc(i.path.name)}">executed notebook</a>)</li>'
        for i in infos
    )
    figures = []
    for info in infos:
        for name, caption in info.figures:
            links = " · ".join(f'<a href="figures/{esc(name)}.{fmt}">{fmt.upper()}</a>' for fmt in FORMATS)
            image = f'<img src="figures/{esc(name)}.png" alt="{esc(caption)}" loading="eager">'
            made_by = f'<a href="{esc(info.path.stem)}.html">{esc(info.path.stem)}</a>'
            figures.append(
                f'<figure id="{esc(name)}">{image}<figcaption><b>{esc(caption)}</b><br>'
                f"Made by {made_by} · {links}</figcaption></figure>"
            )
    style = (
        "body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}"
        "figure{margin:2em 0;border-top:1px solid #ddd;padding-top:1em}"
        "img{max-width:100%;height:auto}figcaption{font-size:.9em;color:#444}"
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>nkresearch report</title>"
        f"<style>{style}</style></head><body>"
        "<h1>nkresearch report</h1>"
        "<p>How Baku, Stepanakert, Moscow and the media speak about the Nagorno-Karabakh conflict. "
        "Every figure below was made by the notebook named under it; each notebook was run top to "
        "bottom in a fresh kernel by <code>make report</code>.</p>"
        f"<h2>Notebooks</h2><ol>{toc}</ol><h2>Figures</h2>{''.join(figures)}</body></html>\n"
    )
