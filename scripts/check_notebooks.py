"""Check notebooks are committed clean: no outputs, no execution counts, kernel python3.

Usage: ``python scripts/check_notebooks.py [NOTEBOOK ...]`` (default: every
``notebooks/*.ipynb``). Prints one line per problem and exits 1 if there is any.
Run by the test suite and by the pre-commit hook.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def problems(path: Path) -> list[str]:
    """Every hygiene problem of one notebook, as readable lines."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = []
    kernel = nb.get("metadata", {}).get("kernelspec", {}).get("name")
    if kernel != "python3":
        found.append(f"{path}: kernel is {kernel!r}, not 'python3'")
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        if cell.get("outputs"):
            found.append(f"{path}: cell {i} has outputs (run nbstripout)")
        if cell.get("execution_count") is not None:
            found.append(f"{path}: cell {i} has an execution count (run nbstripout)")
    return found


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    found = [line for p in paths for line in problems(p)]
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
