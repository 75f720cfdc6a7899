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
#: Where the report goes; ``NKRESEARCH_REPORTS`` overrides it (the report builder sets it
#: for the kernels it starts, so notebooks save their figures next to their pages).
REPORTS_DIR = Path(os.environ.get("NKRESEARCH_REPORTS", PROJECT_DIR / "reports"))
FIGURES_DIR = REPORTS_DIR / "figures"

#: The corpora shipped with the project: name -> (text folder, metadata file).
BUNDLED_CORPORA: dict[str, tuple[Path, Path]] = {
    "seeds": (RAW_DIR / "seeds", DATA_DIR / "metadata.csv"),
    "ungdc": (RAW_DIR / "ungdc", DATA_DIR / "metadata-ungdc.csv"),
}
