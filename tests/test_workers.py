"""Worker processes end with their caller: on an interrupt, and when the caller is killed outright."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nkresearch.config import PACKAGE_DIR
from nkresearch.workers import worker_pool

pytestmark = pytest.mark.slow  # make test-fast leaves this module out
needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="reads processes from /proc")


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid``, from ``/proc/<pid>/stat``."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()  # the name may hold spaces
        except OSError:
            continue  # ended meanwhile
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pids: set[int]) -> set[int]:
    """The processes of ``pids`` that still run (a zombie has ended)."""
    running = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            running.add(pid)
    return running


def _wait_until(condition: object, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


#: A child that attributes enough text for worker processes (PARALLEL_CHARS), for seconds.
_CHILD = """
import sys
import pandas as pd
import nkresearch as nk
from nkresearch import workers

workers.PDEATHSIG = sys.argv[1] == "pdeathsig"
text = "\\n\\n".join(nk.load_corpus()["text"])
n = 3 * workers.PARALLEL_CHARS // len(text) + 2
docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)], "text": [text] * n})
nk.segment_voices(docs, method="auto", workers=2)
"""


@needs_proc
@pytest.mark.parametrize("how", ["pdeathsig", "polling"])
def test_workers_end_when_their_caller_is_killed(how: str) -> None:
    child = subprocess.Popen([sys.executable, "-c", _CHILD, how], stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        assert _wait_until(lambda: len(_children(child.pid)) >= 2, 120), "the child started no workers"
        workers = _children(child.pid)
        child.kill()  # SIGKILL: no handler, no finally, no atexit in the child
        child.wait(10)
        assert child.returncode == -signal.SIGKILL, "the child ended before it was killed"
        assert _wait_until(lambda: not _alive(workers), 20), (
            f"workers {_alive(workers)} outlived their caller"
        )
    finally:
        child.kill()
        child.wait(10)
        for pid in _alive(workers):  # orphans of a failed run: not left running by the test
            os.kill(pid, signal.SIGKILL)


@needs_proc
def test_an_interrupt_terminates_the_workers_at_once() -> None:
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt), worker_pool(2) as workers:
        for _ in range(4):
            workers.submit(time.sleep, 60)
        assert _wait_until(lambda: len(_children(os.getpid()) & set(workers._processes)) == 2, 60)
        pids = set(workers._processes)
        raise KeyboardInterrupt  # as Ctrl-C in Jupyter
    assert _wait_until(lambda: not _alive(pids), 20), "the workers went on with their jobs"
    assert time.monotonic() - started < 50  # not after the 60 s jobs


def test_every_process_pool_of_the_package_is_worker_pool() -> None:
    """One place starts worker processes, so they all end with their caller."""
    users = [
        path.relative_to(PACKAGE_DIR).as_posix()
        for path in PACKAGE_DIR.rglob("*.py")
        if "ProcessPoolExecutor(" in path.read_text(encoding="utf-8")
    ]
    assert users == ["workers.py"]


_ON_A_CLUSTER = """
import json, sys
import numpy as np, pandas as pd
import nkresearch as nk
import nkresearch.tokens.parts as parts_module
from distributed import Client, LocalCluster

if __name__ == "__main__":
    cache = sys.argv[1]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            built = nk.corpus_tokens("ungdc", client=client, cache_dir=cache, progress=False)
            ran = client.run(lambda dask_worker: dask_worker.state.executed_count)
            whole_part, parts_module.PART_CHARS = parts_module.PART_CHARS, 400_000  # several parts
            store = nk.token_store("ungdc", client=client, cache_dir=cache + "-store", progress=False)
            parts_module.PART_CHARS = whole_part
            counted = {
                "term_frequencies": nk.term_frequencies(store, by="actor", client=client),
                "keyness": nk.keyness(store, target="Baku", client=client),
                "log_odds": nk.log_odds(store, target="Baku", reference="Yerevan", client=client),
                "collocations": nk.collocations(store, min_freq=3, client=client),
                "kwic": nk.kwic(store, "karabakh*", client=client),  # lines in text order
            }
            after = client.run(lambda dask_worker: dask_worker.state.executed_count)
    serial = nk.corpus_tokens("ungdc", cache=False, workers=1, progress=False)
    cached = nk.corpus_tokens("ungdc", cache_dir=cache, progress=False)
    in_memory = {
        "term_frequencies": nk.term_frequencies(serial, by="actor"),
        "keyness": nk.keyness(serial, target="Baku"),
        "log_odds": nk.log_odds(serial, target="Baku", reference="Yerevan"),
        "collocations": nk.collocations(serial, min_freq=3),
        "kwic": nk.kwic(serial, "karabakh*"),
    }

    def same(a, b):
        return list(a.columns) == list(b.columns) and all(
            a[c].dtype == b[c].dtype
            and (
                a[c].cat.categories.tolist() == b[c].cat.categories.tolist()
                and np.array_equal(a[c].cat.codes.to_numpy(), b[c].cat.codes.to_numpy())
                if isinstance(b[c].dtype, pd.CategoricalDtype)
                else np.array_equal(a[c].to_numpy(), b[c].to_numpy())
            )
            for c in b.columns
        )

    print(json.dumps({
        "chunks_per_worker": sorted(ran.values()),
        "same_table": same(built, serial),
        "same_attrs": built.attrs["tokenize"] == serial.attrs["tokenize"],
        "same_frequencies": nk.term_frequencies(built).equals(nk.term_frequencies(serial)),
        "cached": cached.attrs["cache"]["from_cache"] and same(cached, serial),
        "parts": len(store),
        "counted_per_worker": sorted(after[w] - ran[w] for w in after),
        "same_counted": {k: counted[k].equals(in_memory[k]) for k in counted},
    }))
"""


def test_the_build_and_the_counting_run_on_a_dask_cluster_and_give_the_same_tables(tmp_path: Path) -> None:
    """corpus_tokens(client=...) on a LocalCluster of two worker processes: the table of a serial build.

    Then a token store built on the cluster and counted there, part by part: the tables of
    the table in memory.

    Run as a script of its own, as a user runs a cluster (the workers start from a main module).
    """
    import json

    script = tmp_path / "on_a_cluster.py"
    script.write_text(_ON_A_CLUSTER, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "cache")], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert len(report["chunks_per_worker"]) == 2 and min(report["chunks_per_worker"]) > 0  # both built
    assert report["same_table"] and report["same_attrs"] and report["same_frequencies"]
    assert report["cached"]  # the cache the cluster's build wrote reads back the same
    # a store of several parts, counted part by part on both workers: the tables of the table in memory
    assert report["parts"] > 2 and min(report["counted_per_worker"]) > 0
    assert all(report["same_counted"].values()) and len(report["same_counted"]) == 5, report["same_counted"]
