"""The standard workload and its two references, each runnable in a fresh process.

``python -m benchmarks.workloads KIND CORPUS [METADATA] [CACHE_DIR]`` runs one
pipeline on one corpus and prints a JSON line: seconds per step, tokens counted and
peak RSS. KIND is ``nk-cold`` (no cache), ``nk-warm`` (tokens from the cache),
``nltk`` (what a user would write with NLTK alone), ``floor`` (regex + Counter: the
words and adjacent word pairs of each group) or ``floor-words`` (the words only).
"""

from __future__ import annotations

import json
import re
import resource
import sys
import time
from collections import Counter, defaultdict
from itertools import pairwise
from pathlib import Path


def _corpus_files(corpus: str, metadata: str | None) -> tuple[list[Path], list[str]]:
    """The corpus's text files and each file's country, read the way nkresearch reads them."""
    import nkresearch as nk
    from nkresearch.corpus.source import resolve_source

    source = resolve_source(corpus if corpus in ("seeds", "ungdc") else Path(corpus), metadata)
    folder, table = source.folder, source.table
    group = "country" if "country" in table.columns else "doc_id"
    del nk
    return [folder / f for f in table["file"]], [str(g) for g in table[group]]


def run_nk(corpus: str, metadata: str | None, cache_dir: str, warm: bool) -> dict[str, object]:
    import nkresearch as nk
    import nkresearch.tokens.cache as cache_module

    source: str | Path = corpus if corpus in ("seeds", "ungdc") else Path(corpus)
    steps: dict[str, float] = {}
    t = time.perf_counter()
    tokens = nk.corpus_tokens(source, metadata=metadata, cache_dir=cache_dir, progress=False)
    steps["load+tokenize" if not warm else "load cached tokens"] = time.perf_counter() - t
    if warm and not tokens.attrs["cache"]["from_cache"]:
        raise SystemExit("nk-warm found no cache: run nk-cold first")
    by = "country" if "country" in tokens.columns else "doc_id"
    target = "AZE" if by == "country" else str(tokens["doc_id"].iloc[0])
    work = {
        "term_frequencies": lambda: nk.term_frequencies(tokens, by=by),
        "keyness": lambda: nk.keyness(tokens, target=target, by=by, min_freq=3),
        "collocates": lambda: nk.collocates(tokens, "karabakh", by=by, window=5),
        "collocations": lambda: nk.collocations(tokens, by=by, min_freq=3),
    }
    for name, step in work.items():
        t = time.perf_counter()
        step()
        steps[name] = time.perf_counter() - t
    if not warm:  # nothing is left to write now (a folder's parts are written as they are built): 0 s
        t = time.perf_counter()
        cache_module.wait_for_writes()
        steps["cache write, left to wait"] = time.perf_counter() - t
    return {"steps": steps, "tokens": len(tokens)}


def run_nltk(corpus: str, metadata: str | None) -> dict[str, object]:
    """Punkt sentences, NLTKWordTokenizer, FreqDist per group, BigramCollocationFinder."""
    from nltk import FreqDist
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder
    from nltk.tokenize import NLTKWordTokenizer

    from nkresearch.corpus.sentences import sentence_tokenizer

    files, groups = _corpus_files(corpus, metadata)
    punkt, words = sentence_tokenizer(), NLTKWordTokenizer()
    steps: dict[str, float] = {}
    t = time.perf_counter()
    sentences_by_group: dict[str, list[list[str]]] = defaultdict(list)
    for path, group in zip(files, groups, strict=True):
        text = path.read_text(encoding="utf-8-sig")
        for sentence in punkt.tokenize(text):
            sentences_by_group[group].append([w.lower() for w in words.tokenize(sentence)])
    steps["load+tokenize"] = time.perf_counter() - t
    t = time.perf_counter()
    freqs = {g: FreqDist(w for s in sents for w in s) for g, sents in sentences_by_group.items()}
    steps["term_frequencies"] = time.perf_counter() - t
    t = time.perf_counter()
    for sents in sentences_by_group.values():
        finder = BigramCollocationFinder.from_documents(sents)
        finder.apply_freq_filter(3)
        finder.score_ngrams(BigramAssocMeasures.likelihood_ratio)
    steps["collocations"] = time.perf_counter() - t
    return {"steps": steps, "tokens": sum(f.N() for f in freqs.values())}


def run_floor(corpus: str, metadata: str | None, *, pairs: bool) -> dict[str, object]:
    """The least any pipeline must do: read, lowercase, regex words, count per group.

    With ``pairs``, also count each group's adjacent word pairs: the counts behind the
    workload's ``collocations``, as the words' counts are those behind ``term_frequencies``.
    """
    files, groups = _corpus_files(corpus, metadata)
    word = re.compile(r"\w+")
    t = time.perf_counter()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    pair_counts: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for path, group in zip(files, groups, strict=True):
        words = word.findall(path.read_text(encoding="utf-8-sig").lower())
        counts[group].update(words)
        if pairs:
            pair_counts[group].update(pairwise(words))
    return {
        "steps": {"load+tokenize+count" + (" words and pairs" if pairs else ""): time.perf_counter() - t},
        "tokens": sum(c.total() for c in counts.values()),
    }


def main(argv: list[str]) -> int:
    kind, corpus = argv[0], argv[1]
    metadata = argv[2] if len(argv) > 2 and argv[2] != "-" else None
    cache_dir = argv[3] if len(argv) > 3 else "data/processed/bench-cache"
    if kind in ("nk-cold", "nk-warm"):
        result = run_nk(corpus, metadata, cache_dir, warm=kind == "nk-warm")
    elif kind == "nltk":
        result = run_nltk(corpus, metadata)
    elif kind in ("floor", "floor-words"):
        result = run_floor(corpus, metadata, pairs=kind == "floor")
    else:
        raise SystemExit(f"unknown workload {kind!r}")
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result["peak_rss_children_mb"] = children
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
