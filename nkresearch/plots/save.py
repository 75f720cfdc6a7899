"""Writing figures: :func:`save_figure` is the one place that writes a figure file.

By default it writes to ``figures/`` under the current directory (the folder you work
in, never the project's ``reports/``); the report builder points it at the report's
own folder. Beside the figure it writes the table the figure shows (``<name>.csv``)
when given one, and records the figure in ``figures.json`` (name, caption, the
notebook that made it, the files): the report's index page is built from that record.

Files are byte-identical when the same figure is saved twice: no timestamps or
software versions in the metadata (PNG ``Software``, PDF ``Creator``/``Producer``/
``CreationDate``, SVG ``Date``/``Creator``) and SVG element ids from a fixed salt.
Each file is written to a temporary name and renamed, so an interrupted run never
leaves a half-written figure.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import IO

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from ..analysis.core.options import renamed
from ..config import NOTEBOOK_ENV, figures_dir
from ..errors import NKResearchError

FORMATS = ("png", "svg", "pdf")
_METADATA: dict[str, dict[str, str | None]] = {
    "png": {"Software": None},
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None},
    "svg": {"Date": None, "Creator": None},
}
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")
#: the record of the figures in a folder, for the report's index page
MANIFEST = "figures.json"


def figure_name(*labels: object) -> str:
    """A file name for :func:`save_figure` made of ``labels``: lowercase ASCII words joined by ``-``.

    Parameters
    ----------
    *labels
        The pieces of the name, such as an analysis and the groups it compares; any
        text (accents are dropped, other characters separate words).

    Returns
    -------
    str
        A name :func:`save_figure` accepts.

    Examples
    --------
    >>> import nkresearch as nk
    >>> nk.figure_name("keyness", "Stepanakert", "vs rest")
    'keyness-stepanakert-vs-rest'
    >>> nk.figure_name("collocates", "Voice of América", "Ağdam")
    'collocates-voice-of-america-agdam'
    """
    text = unicodedata.normalize("NFKD", " ".join(str(p) for p in labels))
    words = re.findall(r"[a-z0-9]+", text.encode("ascii", "ignore").decode().lower())
    if not words:
        raise NKResearchError(f"figure_name: {labels!r} has no letter or digit to name a file with.")
    return "-".join(words)


def _caption_of(fig: Figure) -> str:
    """The figure's own title: its suptitle, else the first axes title."""
    titles = [fig.get_suptitle()] + [ax.get_title() for ax in fig.axes]
    return next((" ".join(t.split()) for t in titles if t and t.strip()), "")


def _user_mode() -> int:
    """The mode a file the user writes gets: 0o666 less the process's umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomically(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write ``path`` through a temporary file in its folder, renamed into place.

    The file gets the mode of any file the user writes (the umask's), not the
    temporary file's private 0600: a report or a figure on a shared drive opens for others.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    try:
        if hasattr(os, "fchmod"):  # POSIX; elsewhere a new file already has the user's permissions
            os.fchmod(fd, _user_mode())
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def read_manifest(folder: str | Path) -> dict[str, dict[str, object]]:
    """The figures recorded in ``folder``'s ``figures.json``, by name (empty if there is none).

    Each entry: ``caption``, ``notebook`` (empty outside a report run), ``files``, ``table``
    (the CSV of the data shown, or empty).
    """
    path = Path(folder) / MANIFEST
    if not path.is_file():
        return {}
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise NKResearchError(
            f"{path}: the figure record is not readable JSON ({err}); delete it and save the figures again."
        ) from None
    return {str(e["name"]): e for e in entries}


@renamed(folder="out")
def save_figure(
    fig: Figure,
    name: str,
    *,
    formats: Sequence[str] = FORMATS,
    dpi: int = 300,
    out: str | Path | None = None,
    caption: str | None = None,
    data: pd.DataFrame | None = None,
) -> list[Path]:
    """Write a figure in each format, byte-stable, and return the paths.

    Parameters
    ----------
    fig
        The figure (every ``plot_*`` function returns one).
    name
        File name without extension, describing the content
        (``"keyness-baku-vs-rest"``): lowercase letters, digits, ``.``, ``_``, ``-``.
    formats
        Any of ``"png"``, ``"svg"``, ``"pdf"``.
    dpi
        Resolution of the PNG.
    out
        The folder to write to (created if missing; ``folder=`` is its old name).
        Default: ``figures/`` under the current
        directory; in a report run, the report's ``figures/`` folder.
    caption
        One sentence saying what the figure shows (default: the figure's title).
    data
        The table the figure shows, written beside it as ``<name>.csv``; its
        ``attrs["figure"]`` becomes ``name``, so the sentences written from it
        (:func:`nkresearch.describe`) say which figure they are about.

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of ``formats`` (then the CSV, if any).

    Examples
    --------
    >>> import nkresearch as nk, tempfile
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> fig = nk.plot_lexicon(nk.lexicon_counts(tok, nk.read_lexicon("frames")))
    >>> paths = nk.save_figure(fig, "frames-by-actor", formats=["png"], out=tempfile.mkdtemp())
    >>> paths[0].name
    'frames-by-actor.png'
    """
    if not _NAME.fullmatch(name):
        raise NKResearchError(
            f"save_figure: name={name!r} is not a plain file name; use lowercase letters, digits, "
            "'.', '_' and '-', without an extension (e.g. 'keyness-baku-vs-rest')."
        )
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise NKResearchError(f"save_figure: formats {bad} are not supported; choose from {list(FORMATS)}.")
    folder = Path(out) if out is not None else figures_dir()
    folder.mkdir(parents=True, exist_ok=True)
    # Lay the figure out once and freeze it: constrained layout re-run at every save
    # moves axes by tiny amounts, and two saves of one figure would differ.
    fig.draw_without_rendering()
    fig.set_layout_engine("none")
    paths = []
    for fmt in formats:
        path = folder / f"{name}.{fmt}"
        with mpl.rc_context({"svg.hashsalt": "nkresearch"}):
            write_atomically(path, partial(fig.savefig, format=fmt, dpi=dpi, metadata=_METADATA[fmt]))
        paths.append(path)
    if data is not None:
        table = folder / f"{name}.csv"
        write_atomically(table, lambda handle: handle.write(data.to_csv(index=False).encode("utf-8")))
        paths.append(table)
        data.attrs["figure"] = name
    entries = read_manifest(folder)
    entries[name] = {
        "name": name,
        "caption": " ".join((caption or _caption_of(fig)).split()),
        "notebook": os.environ.get(NOTEBOOK_ENV, ""),
        "files": [p.name for p in paths],
        "table": f"{name}.csv" if data is not None else "",
    }
    write_manifest(folder, entries)
    return paths


def write_manifest(folder: Path, entries: dict[str, dict[str, object]]) -> None:
    """Write ``folder``'s ``figures.json`` atomically: the entries of :func:`read_manifest`, by name."""
    record = json.dumps(sorted(entries.values(), key=lambda e: str(e["name"])), indent=1, ensure_ascii=False)
    write_atomically(folder / MANIFEST, lambda handle: handle.write(record.encode("utf-8") + b"\n"))
