"""Writing figures: :func:`save_figure` is the one place that writes a figure file.

Files are byte-identical when the same figure is saved twice: no timestamps or
software versions in the metadata (PNG ``Software``, PDF ``Creator``/``Producer``/
``CreationDate``, SVG ``Date``/``Creator``) and SVG element ids from a fixed salt.
Each file is written to a temporary name and renamed, so an interrupted run never
leaves a half-written figure.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

import matplotlib as mpl
from matplotlib.figure import Figure

from ..config import FIGURES_DIR
from ..errors import NKResearchError

FORMATS = ("png", "svg", "pdf")
_METADATA: dict[str, dict[str, str | None]] = {
    "png": {"Software": None},
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None},
    "svg": {"Date": None, "Creator": None},
}
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")


def save_figure(
    fig: Figure,
    name: str,
    *,
    formats: Sequence[str] = FORMATS,
    dpi: int = 300,
    folder: str | Path | None = None,
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
    folder
        Where to write (default ``reports/figures/``; created if missing).

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of ``formats``.

    Examples
    --------
    >>> import nkresearch as nk, tempfile
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> fig = nk.plot_lexicon(nk.lexicon_counts(tok, nk.read_lexicon("frames")))
    >>> paths = nk.save_figure(fig, "frames-by-actor", formats=["png"], folder=tempfile.mkdtemp())
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
    out = Path(folder) if folder is not None else FIGURES_DIR
    out.mkdir(parents=True, exist_ok=True)
    # Lay the figure out once and freeze it: constrained layout re-run at every save
    # moves axes by tiny amounts, and two saves of one figure would differ.
    fig.draw_without_rendering()
    fig.set_layout_engine("none")
    paths = []
    for fmt in formats:
        path = out / f"{name}.{fmt}"
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=f".{fmt}", dir=out)
        try:
            with os.fdopen(fd, "wb") as handle, mpl.rc_context({"svg.hashsalt": "nkresearch"}):
                fig.savefig(handle, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        paths.append(path)
    return paths
