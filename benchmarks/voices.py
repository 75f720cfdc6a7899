"""``python -m benchmarks.voices``: how good is the automatic voice attribution on unseen news?

Scores ``segment_voices(method="auto")`` with the package's own evaluators on the two
development sets of the shared corpora (read in place, nothing copied):

- ``karabakh-dev`` (200 gold snippets in 25 Karabakh news pages) and ``karabakh-dev-2``
  (313 snippets in 40 pages of other outlets and years) (:func:`nkresearch.evaluate_voices`):
  actor right, actor and kind right, per actor and per kind; then the 65 pages of both in
  two folds split by outlet (:func:`folds`: every page of an outlet in one fold), so
  that a rule written from one fold is judged on the other; and the same scores on the
  Russian, Armenian and Azerbaijani dev sets (``karabakh-ru``, ``-hy``, ``-az``);
- ``polnear`` dev: 84 US political news articles with brat attribution spans
  (:func:`nkresearch.evaluate_attributions`, the first annotator listed for each
  article): content tokens, direct-quote tokens, content spans at 30% overlap, and the
  speaker of the found spans whose source carries a name.

Each with two baselines: everything narration (every snippet Media narration; no token
attributed) and, for PolNeAR, everything attributed (every token a paraphrase in one
segment per document). Then the speed: PolNeAR train (840 articles) through load,
voices and tokens, one 50-million-character document through ``segment_voices`` made of
PolNeAR's texts and one made of the UN archive's speeches, the line of the four Security
Council resolutions on the conflict ("822 (1993), 853 (1993), 874 (1993), 884 (1993) —
the"), and one run-on line of reporting clauses without a full stop at 1x and 8x (linear:
the same characters per second).
Options: ``--shared`` (default ``../shared/corpora``), ``--out`` (a Markdown file to
write the tables to), ``--no-speed``.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

import nkresearch as nk

ROOT = Path(__file__).resolve().parent.parent


def karabakh(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The per-snippet scores of the automatic attribution, and of the all-narration baseline."""
    docs = nk.load_corpus(folder / "texts")
    gold = pd.read_csv(folder / "gold.csv", dtype=str, keep_default_na=False)
    auto = nk.evaluate_voices(nk.segment_voices(docs, method="auto"), gold, docs=docs)
    auto["outlet"] = auto["doc_id"].map(docs.set_index("doc_id")["outlet"])
    baseline = gold.copy()
    baseline["actor_ok"] = (gold["actor"] == "Media").to_numpy()
    baseline["kind_ok"] = (gold["kind"].isin(["narration", "debris"]) & baseline["actor_ok"]).to_numpy()
    return auto, baseline


def karabakh_table(auto: pd.DataFrame, baseline: pd.DataFrame) -> pd.DataFrame:
    """Counts right per actor and per kind, with the overall rows first."""
    rows = []
    for name, table in (("auto", auto), ("baseline: all Media narration", baseline)):
        both = table["actor_ok"] & table["kind_ok"]
        rows.append((name, "all", "actor", int(table["actor_ok"].sum()), len(table)))
        rows.append((name, "all", "actor and kind", int(both.sum()), len(table)))
    for column in ("actor", "kind"):
        for value, group in auto.groupby(column, sort=True):
            rows.append(("auto", f"{column} = {value}", "actor", int(group["actor_ok"].sum()), len(group)))
    out = pd.DataFrame(rows, columns=["method", "snippets", "right", "n_right", "n"])
    out["share"] = (out["n_right"] / out["n"]).round(3)
    return out


def outlet_key(outlet: str) -> str:
    """An outlet's name without what the metadata adds in brackets or after a comma ("TASS",
    not "News.Az (Kommersant interview reprinted)"; "Reuters (via Ya Libnan)" is Reuters)."""
    return outlet.split("(")[0].split(",")[0].strip().casefold()


def folds(scored: pd.DataFrame) -> pd.Series:
    """Fold 1 or 2 for each scored snippet: whole outlets to a fold, balancing the snippets.

    ``scored`` holds the per-snippet scores of both dev sets, with ``set`` and ``outlet``
    columns. Outlets are taken from the one with most snippets down and each goes to the
    fold where it leaves the two folds' snippets of each set closest to even, so each
    fold holds about half of ``karabakh-dev`` (the set the rules were first written from)
    and half of ``karabakh-dev-2``. Deterministic: the same sets give the same folds.
    """
    keys = scored["outlet"].map(outlet_key)
    sizes = pd.crosstab(keys, scored["set"])
    total = sizes.sum(axis=1)
    order = sorted(total.index, key=lambda k: (-total[k], k))
    counts = {1: pd.Series(0, index=sizes.columns), 2: pd.Series(0, index=sizes.columns)}
    fold_of: dict[str, int] = {}
    for key in order:
        after = {f: counts[f] + sizes.loc[key] - counts[3 - f] for f in (1, 2)}
        cost = {f: float((after[f] ** 2).to_numpy().sum()) for f in (1, 2)}
        fold = min(cost, key=lambda f: (cost[f], f))
        counts[fold] = counts[fold] + sizes.loc[key]
        fold_of[key] = fold
    return keys.map(fold_of).rename("fold")


def fold_table(scored: pd.DataFrame) -> pd.DataFrame:
    """Actor right and actor-and-kind right per fold (and per set within it), with the outlets of each."""
    scored = scored.assign(fold=folds(scored), both=scored["actor_ok"] & scored["kind_ok"])
    rows = []
    for fold, group in scored.groupby("fold", sort=True):
        for name, part in [("both sets", group), *group.groupby("set", sort=True)]:
            rows.append(
                (
                    fold,
                    name,
                    part["doc_id"].nunique(),
                    len(part),
                    int(part["actor_ok"].sum()),
                    int(part["both"].sum()),
                )
            )
    out = pd.DataFrame(
        rows, columns=["fold", "set", "pages", "snippets", "actor right", "actor and kind right"]
    )
    out["actor"] = (out["actor right"] / out["snippets"]).round(3)
    out["actor and kind"] = (out["actor and kind right"] / out["snippets"]).round(3)
    outlets = scored.assign(key=scored["outlet"].map(outlet_key)).groupby("fold")["key"].unique()
    out.attrs["outlets"] = {f: sorted(v) for f, v in outlets.items()}
    return out


def polnear_docs(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A PolNeAR split as a documents table (read in place; the metadata in a temporary file)."""
    meta = pd.read_csv(folder / "metadata.tsv", sep="\t", dtype=str, keep_default_na=False)
    with tempfile.TemporaryDirectory() as tmp:
        rows = [
            {"file": f"{m['filename']}.txt", "doc_id": m["filename"], "title": m["title"],
             "outlet": m["publisher"], "date": m["publication_date"]}
            for m in meta.to_dict("records")
        ]  # fmt: skip
        with open(Path(tmp) / "metadata.csv", "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        docs = nk.load_corpus(folder / "text", metadata=Path(tmp) / "metadata.csv")
    return docs, meta


def polnear(folder: Path) -> pd.DataFrame:
    """PolNeAR dev: the metrics of the automatic attribution and of the two baselines."""
    docs, meta = polnear_docs(folder)
    spans = []
    for m in meta.to_dict("records"):
        annotator = m["annotators"].split("|")[0]
        table = nk.read_brat(folder / "attributions" / f"{m['filename']}_{annotator}.ann")
        table.insert(0, "doc_id", m["filename"])
        spans.append(table)
    gold = pd.concat(spans, ignore_index=True)
    t = time.perf_counter()
    segments = nk.segment_voices(docs, method="auto")
    seconds = time.perf_counter() - t
    tokens = nk.tokenize(segments)
    narration = tokens.assign(
        kind=pd.Categorical(["narration"] * len(tokens)), relation="", relation_source=""
    )
    attributed = tokens.assign(
        kind=pd.Categorical(["paraphrase"] * len(tokens)),
        seg_id=0,
        speaker="",
        relation="",
        relation_source="",
    )
    results = [
        nk.evaluate_attributions(table, gold, docs=docs).assign(method=method)
        for method, table in (
            ("auto", tokens),
            ("baseline: all narration", narration),
            ("baseline: all attributed", attributed),
        )
    ]
    out = pd.concat(results, ignore_index=True)
    out.attrs["seconds"] = seconds
    return out[["method", "metric", "tp", "n_pred", "n_gold", "precision", "recall", "f1"]].round(3)


def speed(polnear_train: Path, *, repeats: int = 3, long_mb: int = 50) -> pd.DataFrame:
    """Seconds (median of ``repeats``) for PolNeAR train through load, voices and tokens, and for
    ``segment_voices`` on one unannotated document of ``long_mb`` million characters (PolNeAR
    dev's texts repeated, built in memory), with the characters per second."""
    rows = []
    if polnear_train.is_dir():
        times, chars = [], 0
        for _ in range(repeats):
            t = time.perf_counter()
            docs, _ = polnear_docs(polnear_train)
            tokens = nk.tokenize(nk.segment_voices(docs, method="auto"))
            times.append(time.perf_counter() - t)
            chars = int(docs["text"].str.len().sum())
        rows.append(
            ("PolNeAR train: load, voices, tokens", len(docs), chars, len(tokens), statistics.median(times))
        )
    dev = sorted((polnear_train.parent / "dev" / "text").glob("*.txt"))
    if dev and long_mb:
        unit = "\n\n".join(p.read_text(encoding="utf-8") for p in dev)
        text = (unit * (long_mb * 1_000_000 // len(unit) + 1))[: long_mb * 1_000_000]
        rows.append(_one(f"one {long_mb} MB document: voices", text))
    archive = polnear_train.parent.parent / "ungdc" / "ungdc-1946-2024.tar.xz"
    if archive.is_file() and long_mb:
        rows.append(
            _one(
                f"one {long_mb} MB document of UN speeches: voices", _un_paragraphs(archive, long_mb * 10**6)
            )
        )
    # the language dev sets' texts repeated to one document of 1 and of 4 million characters in each
    # language: the rules of voices/multilingual.py must keep the same characters per second at both
    for language in ("ru", "hy", "az"):
        folder = polnear_train.parent.parent / f"karabakh-{language}" / "texts"
        if folder.is_dir() and long_mb:
            unit = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))
            for size in (1, 4):
                text = (unit * (size * 10**6 // len(unit) + 1))[: size * 10**6]
                rows.append(_one(f"one {size} MB document in {language}: voices", text, language))
    # the Security Council resolutions Baku cites in almost every statement, as the UN archive prints
    # them: each item once multiplied the time of a pattern (exponential backtracking)
    rows.append(
        _one("the four resolutions line: voices", "822 (1993), 853 (1993), 874 (1993), 884 (1993) — the")
    )
    # one line of news-like clauses with a cue in each and no full stop, at 1x and 8x: the
    # attribution rules must stay linear on it (the same characters per second at both sizes)
    unit = (
        "".join(
            f"{who} {cue}, "
            for who in ("the minister", "Lavrov", "The Ministry Of Defence")
            for cue in ("said", "noted")
        )
        + "as the ministry noted, according to the ministry, “we are ready,” he said, "
    )
    for size in (1, 8):
        rows.append(_one(f"one run-on line of cues, {size}x: voices", unit * (40_000 * size // len(unit))))
    out = pd.DataFrame(rows, columns=["workload", "documents", "characters", "rows out", "seconds"])
    out["chars_per_second"] = (out["characters"] / out["seconds"]).round(0).astype("int64")
    return out.round({"seconds": 2})


def _one(workload: str, text: str, language: str = "en") -> tuple[str, int, int, int, float]:
    """The row of one document attributed: its workload, size, segments and seconds."""
    docs = pd.DataFrame(
        {"doc_id": ["one"], "text": [text], "raw_text": [text], "title": [""], "language": [language]}
    )
    t = time.perf_counter()
    segments = nk.segment_voices(docs, method="auto")
    return workload, 1, len(text), len(segments), time.perf_counter() - t


def _un_paragraphs(archive: Path, size: int) -> str:
    """About ``size`` characters of UN General Debate speeches, read from the archive in place."""
    import tarfile

    parts, total = [], 0
    with tarfile.open(archive) as tar:
        for member in tar:
            if not (member.isfile() and member.name.endswith(".txt")):
                continue
            handle = tar.extractfile(member)
            if handle is None:
                continue
            text = handle.read().decode("utf-8", errors="replace")
            parts.append(text)
            total += len(text)
            if total >= size:
                break
    return "\n\n".join(parts)[:size]


def names_section(shared: Path) -> list[str]:
    """Contested names in karabakh-ru, -hy and -az: precision and recall against each ``names.csv``.

    Two texts per set: the pipeline's clean text (``load_corpus``, ``segment_voices``,
    ``tokenize``: what a user's tables count), where a mention the cleaning removed is a
    miss; then, as a diagnosis of the lexicon alone, the files as written (one segment per
    document, site navigation included, which the gold does not count). Printed, and
    returned as the Markdown lines of the section.
    """
    lines = ["## Contested names (ru, hy, az)", ""]
    lines += [
        "`nk.evaluate_names` with `nk.read_lexicon('naming')` against each set's exhaustive `names.csv`:",
        "first through the pipeline (the package's answer), then the lexicon alone on the files as",
        "written (site navigation included, which the gold does not count).",
        "",
    ]
    for name in ("karabakh-ru", "karabakh-hy", "karabakh-az"):
        if not (shared / name / "names.csv").is_file():
            continue
        docs = nk.load_corpus(shared / name / "texts")
        gold = pd.read_csv(shared / name / "names.csv", dtype=str, keep_default_na=False)
        raw = docs.assign(text=docs["raw_text"])
        segments = raw.assign(seg_id=0, start=0, actor="", speaker="", kind="")
        for text, tokens, pages in (
            ("clean (pipeline)", nk.tokenize(nk.segment_voices(docs)), docs),
            ("as written (the lexicon alone)", nk.tokenize(segments), raw),
        ):
            table = nk.evaluate_names(tokens, pages, gold)
            scores = table.attrs["scores"]
            print(f"\n{name}, names, text {text}:")
            print(scores.to_string(index=False))
            lines += [f"### {name}: text {text}", "", _markdown(scores), ""]
            wrong = table[table["status"] != "right"]
            for row in wrong.to_dict("records"):
                where = f"at {row['start']}" if row["start"] >= 0 else "(removed by the cleaning)"
                name_of = row["gold"] or row["found"]
                lines.append(f"- {row['status']}: {row['doc_id']} {where} {row['surface']!r} ({name_of})")
            lines += [""] if len(wrong) else []
    return lines


def _markdown(table: pd.DataFrame) -> str:
    lines = ["| " + " | ".join(map(str, table.columns)) + " |", "|" + " --- |" * len(table.columns)]
    lines += ["| " + " | ".join(map(str, row)) + " |" for row in table.itertuples(index=False)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.voices", description=__doc__)
    parser.add_argument("--shared", default=str(ROOT.parent / "shared" / "corpora"))
    parser.add_argument("--out", default=None)
    parser.add_argument("--no-speed", action="store_true", help="skip the timings (about two minutes)")
    args = parser.parse_args(argv)
    shared = Path(args.shared)
    lines = ["# Voice attribution on unseen news", ""]
    scored = []
    # the English sets, then the conflict's own languages (the folds are over the English two)
    for name in ("karabakh-dev", "karabakh-dev-2", "karabakh-ru", "karabakh-hy", "karabakh-az"):
        if not (shared / name).is_dir():
            print(f"{shared / name}: not found, skipped", file=sys.stderr)
            continue
        auto, baseline = karabakh(shared / name)
        table = karabakh_table(auto, baseline)
        print(f"\n{name} ({len(auto)} gold snippets):")
        print(table.to_string(index=False))
        lines += [f"## {name}", "", _markdown(table), ""]
        if name in ("karabakh-dev", "karabakh-dev-2"):
            scored.append(auto.assign(set=name))
    if len(scored) == 2:
        table = fold_table(pd.concat(scored, ignore_index=True))
        print("\nThe two folds (every page of an outlet in one fold):")
        print(table.to_string(index=False))
        outlets = "; ".join(f"fold {f}: {', '.join(v)}" for f, v in table.attrs["outlets"].items())
        lines += ["## The two folds", "", f"Outlets: {outlets}.", "", _markdown(table), ""]
    lines += names_section(shared)
    if (shared / "polnear" / "dev").is_dir():
        table = polnear(shared / "polnear" / "dev")
        print("\nPolNeAR dev (alphabetic tokens; spans at 30% overlap):")
        print(table.to_string(index=False))
        print(f"segment_voices took {table.attrs['seconds']:.1f} s")
        lines += ["## PolNeAR dev", "", _markdown(table), ""]
    else:
        print(f"{shared / 'polnear' / 'dev'}: not found, skipped", file=sys.stderr)
    if not args.no_speed and (shared / "polnear" / "train").is_dir():
        table = speed(shared / "polnear" / "train")
        print(f"\nSpeed ({os.cpu_count()} cores; segment_voices uses them all for large inputs):")
        print(table.to_string(index=False))
        note = (
            f"On {os.cpu_count()} cores (`segment_voices` uses every core for large inputs; "
            "PolNeAR train: median of three runs; timings are noisy)."
        )
        lines += ["## Speed", "", note, "", _markdown(table), ""]
    if args.out:
        Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
