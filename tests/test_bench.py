"""The benchmark runs end to end on a small corpus (it times nothing in the tests)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from nkresearch.config import PROJECT_DIR

pytestmark = pytest.mark.slow  # make test-fast leaves this module out


def test_benchmark_runs_every_pipeline_on_a_small_corpus(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--corpus", "seeds", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
    )
    assert done.returncode == 0, done.stderr
    table = out.read_text(encoding="utf-8")
    pipelines = ("nkresearch, cold", "nkresearch, warm", "NLTK only")
    floors = ("floor (regex + Counter): words and pairs", "floor: words only")
    for pipeline in pipelines + floors:
        assert f"| seeds | {pipeline} |" in table
    assert "Machine: " in table and "cores" in table and "NUMPY_MADVISE_HUGEPAGE=0" in table
    assert "load cached tokens" in table  # the warm run read the cache
