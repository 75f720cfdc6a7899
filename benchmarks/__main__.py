"""``python -m benchmarks``: time the standard workload side by side with NLTK and a floor.

Each pipeline runs in its own process (so peak memory is its own), on the same texts:

- ``nkresearch, cold``: load, voices, tokens (parallel workers on a large corpus), the
  Parquet cache written; then term_frequencies, keyness, collocates, collocations;
- ``nkresearch, warm``: the same with the tokens read from the cache;
- ``NLTK only``: Punkt sentences, NLTKWordTokenizer, FreqDist per group,
  BigramCollocationFinder with likelihood_ratio;
- ``floor (regex + Counter): words and pairs``: regex ``findall`` of ``\\w+`` on the
  lowercased text, and ``collections.Counter`` of each group's words and adjacent word
  pairs -- the least work that gives the counts behind ``term_frequencies`` and
  ``collocations``;
- ``floor: words only``: the same without the pairs (the floor of a word count alone).

Options: ``--corpus`` (``ungdc``, ``seeds`` or a folder; repeatable; default: the
bundled UN subset, then the whole archive of the shared corpora when it is there),
``--metadata``, ``--out`` (default ``benchmarks/RESULTS.md``), ``--skip-nltk``,
``--numpy-hugepages`` (default 0).

Every pipeline runs with ``NUMPY_MADVISE_HUGEPAGE`` set to ``--numpy-hugepages``. On
the project's virtual machine numpy's default (1: advise the kernel to back large
arrays with huge pages) makes each new large array wait for memory compaction
(transparent huge pages, ``defrag=madvise``): the analyses run about 25% slower.
The setting is numpy's own and the same for the three pipelines; RESULTS.md records it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT.parent / "shared" / "corpora" / "ungdc" / "ungdc-1946-2024.tar.xz"
FULL_DIR = ROOT / "data" / "processed" / "bench" / "ungdc-full"


#: The hand-written section of RESULTS.md that a new run keeps.
DESIGN_HEADER = "## Design measurements"


def _machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def _full_archive() -> tuple[str, str] | None:
    """Unpack the whole UN archive once under data/processed/bench/ and give it an actor column."""
    if not ARCHIVE.is_file():
        return None
    meta = FULL_DIR / "metadata-nk.csv"
    if not meta.is_file():
        FULL_DIR.mkdir(parents=True, exist_ok=True)
        with tarfile.open(ARCHIVE) as tar:
            for member in tar.getmembers():
                if member.isfile() and (member.name.endswith(".txt") or member.name.endswith("metadata.csv")):
                    member.name = Path(member.name).name
                    tar.extract(member, FULL_DIR, filter="data")
        table = pd.read_csv(FULL_DIR / "metadata.csv")
        table["actor"] = table["country"]
        table.to_csv(meta, index=False)
    return str(FULL_DIR), "metadata-nk.csv"


#: NUMPY_MADVISE_HUGEPAGE for the pipelines' processes (see the module docstring).
HUGEPAGES = "0"


def _run(kind: str, corpus: str, metadata: str | None, cache_dir: str) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "benchmarks.workloads", kind, corpus, metadata or "-", cache_dir]
    env = {**os.environ, "NUMPY_MADVISE_HUGEPAGE": HUGEPAGES}
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False, env=env)
    if done.returncode != 0:
        raise SystemExit(f"{kind} on {corpus} failed:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def bench(corpus: str, metadata: str | None, skip_nltk: bool) -> pd.DataFrame:
    cache_dir = tempfile.mkdtemp(prefix="nk-bench-cache-")
    try:
        runs = {"nkresearch, cold": _run("nk-cold", corpus, metadata, cache_dir)}
        runs["nkresearch, warm"] = _run("nk-warm", corpus, metadata, cache_dir)
        if not skip_nltk:
            runs["NLTK only"] = _run("nltk", corpus, metadata, cache_dir)
        runs["floor (regex + Counter): words and pairs"] = _run("floor", corpus, metadata, cache_dir)
        runs["floor: words only"] = _run("floor-words", corpus, metadata, cache_dir)
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)
    rows = []
    for name, result in runs.items():
        steps: dict[str, float] = result["steps"]
        total = sum(steps.values())
        rows.append(
            {
                "corpus": Path(corpus).name,
                "pipeline": name,
                "tokens": result["tokens"],
                "seconds": round(total, 2),
                "tokens_per_s": round(int(result["tokens"]) / total) if total else None,
                "peak_rss_mb": round(
                    max(float(result["peak_rss_mb"]), float(result["peak_rss_children_mb"]))
                ),
                "steps": ", ".join(f"{k} {v:.2f}s" for k, v in steps.items()),
            }
        )
    table = pd.DataFrame(rows)
    cold = table.loc[table["pipeline"] == "nkresearch, cold", "seconds"].iloc[0]
    table["cold_vs_this"] = (table["seconds"] / cold).round(2)
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", help="ungdc, seeds or a folder (repeatable)")
    parser.add_argument("--metadata", default=None)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS.md"))
    parser.add_argument("--skip-nltk", action="store_true", help="leave out the NLTK-only reference")
    parser.add_argument("--numpy-hugepages", choices=["0", "1"], default="0")
    args = parser.parse_args(argv)
    global HUGEPAGES
    HUGEPAGES = args.numpy_hugepages
    targets: list[tuple[str, str | None]] = [(c, args.metadata) for c in args.corpus or ["ungdc"]]
    if not args.corpus and (full := _full_archive()) is not None:
        targets.append(full)
    tables = []
    for corpus, metadata in targets:
        print(f"benchmarking {corpus} ...", flush=True)
        table = bench(corpus, metadata, args.skip_nltk)
        print(table.drop(columns="steps").to_string(index=False), flush=True)
        tables.append(table)
    result = pd.concat(tables, ignore_index=True)
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {_machine()}. Written by `make bench` (`python -m benchmarks`); each pipeline",
        "ran in its own process on the same texts. `cold_vs_this`: the seconds of this pipeline",
        "divided by those of nkresearch cold on the same corpus (above 1: nkresearch cold is faster).",
        "The floor counts what the workload counts (each group's words and adjacent word pairs)",
        "with a regex and `Counter`; `words only` leaves the pairs out.",
        f"Every pipeline ran with NUMPY_MADVISE_HUGEPAGE={HUGEPAGES} (see `benchmarks/__main__.py`).",
        "",
        "| corpus | pipeline | tokens | seconds | tokens/s | peak RSS (MB) | cold_vs_this | steps |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in result.to_dict("records"):
        lines.append(
            f"| {row['corpus']} | {row['pipeline']} | {row['tokens']:,} | {row['seconds']} | "
            f"{row['tokens_per_s']:,} | {row['peak_rss_mb']:,} | {row['cold_vs_this']} | {row['steps']} |"
        )
    out = Path(args.out)
    kept = ""  # the hand-written section below the table survives a new run
    if out.is_file() and DESIGN_HEADER in (previous := out.read_text(encoding="utf-8")):
        kept = "\n" + previous[previous.index(DESIGN_HEADER) :]
    out.write_text("\n".join(lines) + "\n" + kept, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
