"""Code and notebook hygiene: docstrings on the public API, clean notebooks."""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import nkresearch as nk
from nkresearch.config import PROJECT_DIR

CHECK = PROJECT_DIR / "scripts" / "check_notebooks.py"


def _sections(doc: str) -> dict[str, str]:
    """A numpy-style docstring's sections by header (``Parameters``, ``Returns``, ...)."""
    parts = re.split(r"^(\w[\w ]*)\n-{3,}\n", doc, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def _documented_parameters(section: str) -> list[str]:
    """The names a Parameters section documents: its unindented lines, ``a, b : type`` split."""
    names = []
    for line in section.splitlines():
        if line and not line[0].isspace():
            names += [n.strip().lstrip("*") for n in line.split(" : ")[0].split(",")]
    return names


def test_the_parameter_check_reads_the_parameters_section() -> None:
    doc = "Summary.\n\nParameters\n----------\nx, y : int\n    The tokens x and y.\n**kw\n    More.\n"
    assert _documented_parameters(_sections(doc)["Parameters"]) == ["x", "y", "kw"]
    # a name that appears only in prose is not documented
    assert "tokens" not in _documented_parameters(_sections(doc)["Parameters"])


@pytest.mark.parametrize("name", nk.__all__)
def test_every_public_name_has_a_full_docstring(name: str) -> None:
    obj = getattr(nk, name)
    doc = inspect.getdoc(obj) or ""
    assert len(doc) > 40, f"{name} has no real docstring"
    sections = _sections(doc)
    if inspect.isfunction(obj):
        params = [p for p in inspect.signature(obj).parameters if p not in ("self",)]
        if params:
            assert "Parameters" in sections, f"{name}: no Parameters section"
            documented = _documented_parameters(sections["Parameters"])
            assert documented == params, f"{name}: Parameters section {documented} != signature {params}"
        assert "Returns" in sections, f"{name}: no Returns section"
        assert "Examples" in sections, f"{name}: no Examples section"


def _notebook(
    path: Path, *, outputs: bool = False, count: int | None = None, kernel: str = "python3"
) -> Path:
    cell = {
        "cell_type": "code",
        "execution_count": count,
        "metadata": {},
        "outputs": [{"output_type": "stream", "name": "stdout", "text": ["5\n"]}] if outputs else [],
        "source": ["print(5)"],
    }
    nb = {
        "cells": [cell],
        "metadata": {"kernelspec": {"name": kernel, "display_name": "Python 3", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def _check(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(CHECK), *map(str, paths)], capture_output=True, text=True)


def test_notebook_check_catches_outputs_counts_and_kernels(tmp_path: Path) -> None:
    assert _check(_notebook(tmp_path / "clean.ipynb")).returncode == 0
    dirty = _check(_notebook(tmp_path / "out.ipynb", outputs=True, count=3))
    assert dirty.returncode == 1 and "has outputs" in dirty.stdout and "execution count" in dirty.stdout
    kernel = _check(_notebook(tmp_path / "k.ipynb", kernel="myenv"))
    assert kernel.returncode == 1 and "'myenv'" in kernel.stdout


def test_committed_notebooks_are_clean() -> None:
    result = _check()
    assert result.returncode == 0, result.stdout
