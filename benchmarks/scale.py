"""``python -m benchmarks.scale`` (``make bench-scale``): the token store at 1× and 10× the UN archive.

The whole UN General Debate archive (as ``make bench`` unpacks it) is replicated ``k``
times under ``data/processed/bench/ungdc-x<k>/``: every file hard-linked under a new
name (``c03-AZE_75_2020.txt``), so each copy is a document of its own with the same
text, and the metadata repeated with the new names. For ``k`` = 1 and 10, a fresh
process starts a Dask ``LocalCluster`` of two single-threaded worker processes and:

1. builds the token store (``nk.token_store(folder, client=client)``, no cache before);
2. counts ``term_frequencies``, ``keyness`` (``AZE`` against the rest) and ``log_odds``
   (the same) by ``actor`` on the store, part by part on the cluster.

Peak memory is the largest sum, sampled every 0.2 s, of the resident memory of that
process and all its children (the scheduler runs in it; the two workers and their
nannies are its children). Seconds per million tokens at 10× are compared with 1×:
linear growth keeps them within 20%. The section "Scale" of ``benchmarks/RESULTS.md``
is rewritten with the figures (the rest of the file is kept).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pandas as pd

from benchmarks.__main__ import ROOT, _full_archive, _machine

BENCH_DIR = ROOT / "data" / "processed" / "bench"
SCALE_HEADER = "## Scale (`make bench-scale`)"
#: The targets the issue set: peak memory at 10×, and seconds per million tokens at 10× against 1×.
PEAK_LIMIT_GB, LINEAR_WITHIN = 8.0, 0.20


def replicate(copies: int) -> tuple[Path, str]:
    """The archive ``copies`` times over (hard links under new names), made once."""
    found = _full_archive()
    if found is None:
        raise SystemExit("the UN archive is not in ../shared/corpora/ungdc/: nothing to replicate")
    source = Path(found[0])
    folder = BENCH_DIR / f"ungdc-x{copies}"
    meta_path = folder / "metadata-nk.csv"
    if meta_path.is_file():
        return folder, meta_path.name
    meta = pd.read_csv(source / found[1])
    folder.mkdir(parents=True, exist_ok=True)
    tables = []
    for k in range(copies):
        copy = meta.copy()
        copy["file"] = [f"c{k:02d}-{name}" for name in meta["file"]]
        for old, new in zip(meta["file"], copy["file"], strict=True):
            target = folder / new
            if not target.exists():
                os.link(source / old, target)
        tables.append(copy)
    pd.concat(tables, ignore_index=True).to_csv(meta_path, index=False)
    return folder, meta_path.name


class PeakMemory:
    """The largest resident memory of this process and all its children together, sampled."""

    def __init__(self, every: float = 0.2) -> None:
        import psutil

        self.process, self.every, self.peak = psutil.Process(), every, 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        import psutil

        while not self.stopped.wait(self.every):
            total = 0
            for process in [self.process, *self.process.children(recursive=True)]:
                try:
                    total += process.memory_info().rss
                except psutil.Error:  # ended between the listing and the reading
                    continue
            self.peak = max(self.peak, total)

    def stop(self) -> float:
        """Stop sampling; the peak in GB."""
        self.stopped.set()
        self.thread.join()
        return self.peak / 1e9


def run(folder: str, metadata: str, cache_dir: str) -> dict[str, Any]:
    """In a fresh process: build the store on a two-worker LocalCluster and count on it."""
    import pyarrow.parquet as pq
    from distributed import Client, LocalCluster

    import nkresearch as nk

    memory = PeakMemory()
    steps: dict[str, float] = {}
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        t = time.perf_counter()
        store = nk.token_store(
            Path(folder), metadata=metadata, cache_dir=cache_dir, client=client, progress=False
        )
        steps["build the store"] = time.perf_counter() - t
        work = {
            "term_frequencies": lambda: nk.term_frequencies(store, by="actor", client=client),
            "keyness": lambda: nk.keyness(store, target="AZE", by="actor", client=client),
            "log_odds": lambda: nk.log_odds(store, target="AZE", by="actor", client=client),
        }
        for name, step in work.items():
            t = time.perf_counter()
            table = step()
            steps[name] = time.perf_counter() - t
            if not len(table):
                raise SystemExit(f"{name} gave an empty table")
    tokens = sum(pq.read_metadata(f).num_rows for f in store.files)
    return {"steps": steps, "tokens": tokens, "parts": len(store), "peak_gb": memory.stop()}


def _section(results: dict[int, dict[str, Any]]) -> str:
    """The Scale section of RESULTS.md, every sentence from the numbers."""
    lines = [
        SCALE_HEADER,
        "",
        f"Machine: {_machine()}. The whole UN archive replicated k times (renamed documents,",
        "the same texts); a fresh process with a Dask `LocalCluster` of two single-threaded",
        "worker processes builds the token store and counts `term_frequencies`, `keyness` and",
        "`log_odds` by actor on it, part by part on the cluster. Peak: the largest sampled sum",
        "of the resident memory of that process and its children (scheduler, workers, nannies).",
        "",
        "| copies | tokens | parts | build (s) | term_frequencies (s) | keyness (s) | log_odds (s) "
        "| total (s) | s per million tokens | peak (GB) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    rate = {}
    for copies, result in sorted(results.items()):
        steps = result["steps"]
        total = sum(steps.values())
        rate[copies] = total / (result["tokens"] / 1e6)
        lines.append(
            f"| {copies} | {result['tokens']:,} | {result['parts']} | {steps['build the store']:.1f} | "
            f"{steps['term_frequencies']:.1f} | {steps['keyness']:.1f} | {steps['log_odds']:.1f} | "
            f"{total:.1f} | {rate[copies]:.2f} | {result['peak_gb']:.2f} |"
        )
    lines.append("")
    if len(rate) == 2:
        small, large = sorted(rate)
        growth = rate[large] / rate[small] - 1
        peak = results[large]["peak_gb"]
        linear = "met" if abs(growth) <= LINEAR_WITHIN else "not met"
        bounded = "met" if peak <= PEAK_LIMIT_GB else "not met"
        lines.append(
            f"At {large}× the seconds per million tokens differ by {growth:+.1%} from those at {small}× "
            f"(the target: within {LINEAR_WITHIN:.0%}, {linear}); the peak at {large}× is {peak:.2f} GB "
            f"(the target: at most {PEAK_LIMIT_GB:g} GB, {bounded})."
        )
        lines.append("")
    return "\n".join(lines)


def write_section(section: str, out: Path) -> None:
    """Put the Scale section at the end of ``out``, in place of the one there."""
    text = out.read_text(encoding="utf-8") if out.is_file() else ""
    if SCALE_HEADER in text:
        text = text[: text.index(SCALE_HEADER)].rstrip() + "\n"
    out.write_text(text.rstrip() + "\n\n" + section, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale", description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, action="append", help="replications (default: 1 and 10)")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS.md"))
    parser.add_argument("--run", nargs=3, metavar=("FOLDER", "METADATA", "CACHE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run:  # the child process
        print(json.dumps(run(*args.run)))
        return 0
    results = {}
    for copies in args.copies or [1, 10]:
        folder, metadata = replicate(copies)
        cache = BENCH_DIR / f"scale-cache-x{copies}"
        shutil.rmtree(cache, ignore_errors=True)
        print(f"{copies}×: building and counting {folder} ...", flush=True)
        cmd = [sys.executable, "-m", "benchmarks.scale", "--run", str(folder), metadata, str(cache)]
        env = {**os.environ, "NUMPY_MADVISE_HUGEPAGE": "0"}  # as make bench runs its pipelines
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False, env=env)
        shutil.rmtree(cache, ignore_errors=True)
        if done.returncode != 0:
            raise SystemExit(f"{copies}× failed:\n{done.stderr[-3000:]}")
        results[copies] = json.loads(done.stdout.strip().splitlines()[-1])
        print(json.dumps(results[copies]), flush=True)
    section = _section(results)
    print(section)
    write_section(section, Path(args.out))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
