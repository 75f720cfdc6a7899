"""The project around the package: dependencies, data integrity, offline operation."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

import nkresearch as nk
from nkresearch.config import DATA_DIR, PROJECT_DIR, RAW_DIR


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower()


def test_environment_yml_and_pyproject_list_the_same_packages() -> None:
    project = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pip_names = {_name(r) for r in project["dependencies"]}
    pip_names |= {_name(r) for extra in project["optional-dependencies"].values() for r in extra}
    env = yaml.safe_load((PROJECT_DIR / "environment.yml").read_text(encoding="utf-8"))
    conda_names = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    assert conda_names == pip_names
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip_section == ["-e .[dev]"]


def test_licence_citation_and_data_rights_are_stated() -> None:

    licence = (PROJECT_DIR / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and "data/README.md" in licence
    pyproject = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["license"] == {"text": "MIT"}
    citation = yaml.safe_load((PROJECT_DIR / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0" and citation["version"] == nk.__version__
    assert citation["license"] == "MIT" and citation["title"] and citation["authors"]
    assert any(r.get("doi") == "10.1177/2053168017712821" for r in citation["references"])
    rights = (PROJECT_DIR / "data" / "README.md").read_text(encoding="utf-8").split("## Rights", 1)[1]
    assert "raw/seeds/" in rights and "raw/ungdc/" in rights and "copyright" in rights


def test_raw_files_match_their_manifest() -> None:
    manifest = (DATA_DIR / "MANIFEST.sha256").read_text(encoding="utf-8").split("\n")
    entries = dict(reversed(line.split("  ", 1)) for line in manifest if line)
    on_disk = {p.relative_to(DATA_DIR).as_posix() for p in RAW_DIR.rglob("*") if p.is_file()}
    assert on_disk == set(entries)
    for path, digest in entries.items():
        assert hashlib.sha256((DATA_DIR / path).read_bytes()).hexdigest() == digest, path


def test_the_pipeline_never_writes_under_data_raw() -> None:
    before = {p: (p.stat().st_mtime_ns, p.stat().st_size) for p in RAW_DIR.rglob("*")}
    docs = nk.load_corpus()
    nk.tokenize(nk.segment_voices(docs))
    nk.cleaning_log(docs)
    after = {p: (p.stat().st_mtime_ns, p.stat().st_size) for p in RAW_DIR.rglob("*")}
    assert before == after


OFFLINE = """
import socket, sys
import nltk, nltk.data
def refuse(*a, **k):
    raise RuntimeError("network or download attempted")
socket.socket.connect = refuse
socket.create_connection = refuse
nltk.download = refuse
nltk.data.path[:] = [sys.argv[1]]
import nkresearch as nk
tok = nk.tokenize(nk.segment_voices(nk.load_corpus()))
print(len(tok), tok["sent_id"].max())
"""


@pytest.mark.slow
def test_whole_pipeline_runs_offline_without_nltk_data(tmp_path: Path) -> None:
    empty = tmp_path / "no_nltk_data"
    env = {**os.environ, "NLTK_DATA": str(empty), "HOME": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", OFFLINE, str(empty)], env=env, capture_output=True, text=True, check=True
    )
    n_tokens, max_sent = map(int, out.stdout.split())
    assert n_tokens > 3000 and max_sent > 10
    assert not empty.exists()
