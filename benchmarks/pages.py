"""``python -m benchmarks.pages``: how well and how fast are saved web pages read?

On the development half of the Zyte article-extraction benchmark
(``../shared/corpora/article-extraction``: 91 saved pages, their hand-made
``articleBody`` and the benchmark's own scorer ``evaluate.py``), unpacked into a folder
as a user's saved pages with a ``metadata.csv`` (``file, url``):

- ``nk.load_corpus`` reads the folder; its ``body`` column is the prediction;
- trafilatura alone (``trafilatura.extract`` on each page, its defaults), in the same run
  on the same pages, is the reference;
- both are scored by the benchmark's ``evaluate.py`` (run as it is, in a folder with
  ``ground-truth.json`` and ``output/*.json``), on all 91 pages and on two folds (the
  pages whose id begins with an even or an odd byte), so that a rule written from one
  fold can be judged on the other;
- speed: the 91 pages copied to 1,000 pages under new names and read by
  ``nk.load_corpus`` (pages per second; the target is 1,000 pages in at most 30 s).

Writes ``benchmarks/PAGES.md`` (``--out``). Options: ``--shared`` (default
``../shared/corpora``), ``--n-bootstrap`` (the scorer's, default 100), ``--no-speed``.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _unpack(bench: Path, folder: Path, copies: int = 1) -> dict[str, str]:
    """The benchmark's pages as a folder of saved pages (``copies`` times, renamed); id -> file."""
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    folder.mkdir(parents=True)
    rows, files = ["file,url"], {}
    pages = sorted((bench / "html").glob("*.html.gz"))
    for n in range(copies):
        for path in pages:
            page_id = path.name.split(".")[0]
            name = f"{page_id}.html" if copies == 1 else f"copy{n:03d}-{page_id}.html"
            (folder / name).write_bytes(gzip.decompress(path.read_bytes()))
            rows.append(f"{name},{truth[page_id]['url']}")
            files[page_id if copies == 1 else name] = name
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return files


def _score(bench: Path, outputs: dict[str, dict[str, Any]], n_bootstrap: int) -> dict[str, dict[str, float]]:
    """The benchmark's evaluate.py on these outputs (name -> {id: {"articleBody": ...}}), each fold too."""
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    folds = {
        "all": list(truth),
        "fold 0": [k for k in truth if int(k[:2], 16) % 2 == 0],
        "fold 1": [k for k in truth if int(k[:2], 16) % 2 == 1],
    }
    scores: dict[str, dict[str, float]] = {}
    for fold, ids in folds.items():
        with tempfile.TemporaryDirectory(prefix="nk-pages-score-") as tmp:
            work = Path(tmp)
            (work / "output").mkdir()
            (work / "ground-truth.json").write_text(json.dumps({k: truth[k] for k in ids}), encoding="utf-8")
            for name, output in outputs.items():
                chosen = {k: output[k] for k in ids}
                (work / "output" / f"{name}.json").write_text(json.dumps(chosen), encoding="utf-8")
            cmd = [sys.executable, str(bench / "evaluate.py"), "--n-bootstrap", str(n_bootstrap)]
            cmd += ["--output", str(work / "metrics.json")]
            subprocess.run(cmd, cwd=work, check=True, capture_output=True, text=True)
            metrics = json.loads((work / "metrics.json").read_text(encoding="utf-8"))
        for name, m in metrics.items():
            for key in ("f1", "precision", "recall"):
                scores.setdefault(name, {})[f"{fold} {key}"] = float(m[key])
    return scores


def _read(folder: Path) -> tuple[Any, float]:
    import nkresearch as nk

    start = time.perf_counter()
    docs = nk.load_corpus(folder)
    return docs, time.perf_counter() - start


def _trafilatura(folder: Path, files: dict[str, str], urls: dict[str, str]) -> tuple[dict[str, Any], float]:
    import trafilatura

    out, start = {}, time.perf_counter()
    for page_id, name in files.items():
        html = (folder / name).read_text(encoding="utf-8")
        out[page_id] = {"articleBody": trafilatura.extract(html, url=urls[page_id]) or ""}
    return out, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "PAGES.md")
    parser.add_argument("--n-bootstrap", type=int, default=100)
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args(argv)
    bench = args.shared / "article-extraction"
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    urls = {k: v["url"] for k, v in truth.items()}
    with tempfile.TemporaryDirectory(prefix="nk-pages-") as tmp:
        folder = Path(tmp) / "pages"
        files = _unpack(bench, folder)
        docs, nk_seconds = _read(folder)
        body = dict(zip(docs["file"], docs["body"], strict=True))
        ours = {page_id: {"articleBody": body[name]} for page_id, name in files.items()}
        theirs, tf_seconds = _trafilatura(folder, files, urls)
        scores = _score(bench, {"nkresearch": ours, "trafilatura": theirs}, args.n_bootstrap)
        speed = None
        if not args.no_speed:
            many = Path(tmp) / "many"
            _unpack(bench, many, copies=11)
            for extra in sorted(many.glob("copy010-*.html"))[1000 - 910 :]:
                extra.unlink()  # 1,000 pages: ten copies and 90 pages of an eleventh
            kept = {p.name for p in many.glob("*.html")}
            lines = (many / "metadata.csv").read_text(encoding="utf-8").splitlines()
            rows = [lines[0], *(r for r in lines[1:] if r.split(",", 1)[0] in kept)]
            (many / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
            many_docs, many_seconds = _read(many)
            speed = (len(many_docs), many_seconds)
        shutil.rmtree(folder, ignore_errors=True)
    text = _report(scores, (len(files), nk_seconds, tf_seconds), speed)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


def _report(
    scores: dict[str, dict[str, float]], timing: tuple[int, float, float], speed: tuple[int, float] | None
) -> str:
    import trafilatura

    import nkresearch as nk

    n, nk_seconds, tf_seconds = timing
    lines = [
        "# Saved web pages: the article body, and speed",
        "",
        f"Written by `make bench-html` (`python -m benchmarks.pages`); {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, nkresearch {nk.__version__}, "
        f"trafilatura {trafilatura.__version__}.",
        f"The development half of the Zyte article-extraction benchmark ({n} pages), scored by its own "
        "`evaluate.py` (character-shingle F1, precision and recall per page, averaged). Folds: pages "
        "whose id begins with an even (fold 0) or odd (fold 1) byte.",
        "",
        "| extractor | F1 | precision | recall | F1 fold 0 | F1 fold 1 | seconds for the pages |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, seconds in (("nkresearch", nk_seconds), ("trafilatura", tf_seconds)):
        s = scores[name]
        label = (
            "nkresearch (`load_corpus`, `body`)" if name == "nkresearch" else "trafilatura alone (`extract`)"
        )
        lines.append(
            f"| {label} | {s['all f1']:.3f} | {s['all precision']:.3f} | {s['all recall']:.3f} | "
            f"{s['fold 0 f1']:.3f} | {s['fold 1 f1']:.3f} | {seconds:.1f} |"
        )
    lines.append("")
    if speed is not None:
        pages, seconds = speed
        lines.append(
            f"Speed: `nk.load_corpus` read {pages:,} pages (the benchmark's pages copied under new names) "
            f"in {seconds:.1f} s, {pages / seconds:.1f} pages per second; the target is {pages:,} pages "
            f"in at most 30 s ({'met' if seconds <= 30 else 'not met'})."
        )
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    if importlib.util.find_spec("trafilatura") is None:  # pragma: no cover
        raise SystemExit("trafilatura is not installed: make bench-html needs the project's environment")
    raise SystemExit(main())
