"""Every path the package uses, in one place.

The project's data folder sits next to the package (``<project>/data``); the shipped
resources (Punkt parameters, word lists, lexicons) sit inside it
(``nkresearch/resources``), so they travel with an installed package.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The package's version (also ``nkresearch.__version__`` and ``pyproject.toml``).
VERSION = "0.1.0"

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
RESOURCES_DIR = PACKAGE_DIR / "resources"

DATA_DIR = PROJECT_DIR / "data"
RAW_DIR = DATA_DIR / "raw"
ANNOTATIONS_DIR = DATA_DIR / "annotations"
PROCESSED_DIR = DATA_DIR / "processed"
#: Where ``make report`` writes the bundled corpus's report (``nkresearch report --out`` chooses another).
REPORTS_DIR = PROJECT_DIR / "reports"
#: Set by the report builder for the kernels it starts: the folder the notebooks' figures go to
#: and the notebook that is running (``nk.save_figure`` records it beside each figure).
FIGURES_ENV = "NKRESEARCH_FIGURES"
NOTEBOOK_ENV = "NKRESEARCH_NOTEBOOK"
#: The folder of the token caches when a call names none (``nkresearch --cache-dir`` sets it for a
#: run and the kernels it starts); unset, ``data/processed/``.
CACHE_ENV = "NKRESEARCH_CACHE"


def cache_folder() -> Path:
    """Where token caches go when no ``cache_dir`` is given: ``$NKRESEARCH_CACHE``, else data/processed/."""
    return Path(os.environ.get(CACHE_ENV) or PROCESSED_DIR)


def figures_dir() -> Path:
    """Where :func:`nkresearch.save_figure` writes by default: the report's folder, else ``./figures``."""
    return Path(os.environ.get(FIGURES_ENV) or Path.cwd() / "figures")


#: The corpora shipped with the project: name -> (text folder, metadata file).
BUNDLED_CORPORA: dict[str, tuple[Path, Path]] = {
    "seeds": (RAW_DIR / "seeds", DATA_DIR / "metadata.csv"),
    "ungdc": (RAW_DIR / "ungdc", DATA_DIR / "metadata-ungdc.csv"),
}
