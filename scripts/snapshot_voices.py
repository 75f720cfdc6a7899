"""Write the automatic voice segments of every development corpus to a folder, or compare two.

A refactoring of the voice rules must not change a label. Run this once on the commit
before the change and once after, then compare::

    git worktree add /tmp/before <commit>
    PYTHONPATH=/tmp/before python scripts/snapshot_voices.py write /tmp/voices-before
    python scripts/snapshot_voices.py write /tmp/voices-after
    python scripts/snapshot_voices.py compare /tmp/voices-before /tmp/voices-after

The corpora: the bundled one, ``karabakh-dev``, ``karabakh-dev-2`` and PolNeAR train and
dev (read in place from ``--shared``, default ``../shared/corpora``; a missing one is
skipped with a note). Each segments table of ``segment_voices(method="auto")`` is
written as CSV, every column, so ``compare`` sees a changed offset, actor, speaker, kind
or rule. ``compare`` prints each corpus that differs, with its first differing rows,
and exits non-zero when any does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent


def _corpora(shared: Path) -> dict[str, pd.DataFrame]:
    import nkresearch as nk

    sys.path.insert(0, str(ROOT))
    from benchmarks.voices import polnear_docs

    out = {"bundled": nk.load_corpus()}
    for name in ("karabakh-dev", "karabakh-dev-2"):
        if (shared / name / "texts").is_dir():
            out[name] = nk.load_corpus(shared / name / "texts")
        else:
            print(f"{shared / name}: not found, skipped", file=sys.stderr)
    for split in ("train", "dev"):
        if (shared / "polnear" / split).is_dir():
            out[f"polnear-{split}"] = polnear_docs(shared / "polnear" / split)[0]
        else:
            print(f"{shared / 'polnear' / split}: not found, skipped", file=sys.stderr)
    return out


def write(folder: Path, shared: Path) -> None:
    """The segments of every corpus as ``<corpus>.csv`` in ``folder``."""
    import nkresearch as nk

    folder.mkdir(parents=True, exist_ok=True)
    print(f"nkresearch from {Path(nk.__file__).parent}")
    for name, docs in _corpora(shared).items():
        segments = nk.segment_voices(docs, method="auto")
        segments.to_csv(folder / f"{name}.csv", index=False)
        print(f"{name}: {len(segments):,} segments")


def compare(before: Path, after: Path, *, labels_only: bool = False) -> int:
    """Print every corpus whose segments differ; the number that differ.

    ``labels_only``: compare the voices (offsets, text, actor, speaker, kind) but not the
    rule columns, for a change that renames rules; it prints how many old rule names map
    onto how many new ones. Columns one side lacks (a change that adds one) are left out.
    """
    differ = 0
    mapping: set[tuple[str, str]] = set()
    for old in sorted(before.glob("*.csv")):
        new = after / old.name
        if not new.exists():
            print(f"{old.stem}: missing in {after}")
            differ += 1
            continue
        a = pd.read_csv(old, dtype=str, keep_default_na=False)
        b = pd.read_csv(new, dtype=str, keep_default_na=False)
        common = [c for c in a.columns if c in b.columns]  # a change may add a column
        a, b = a[common], b[common]
        if labels_only:
            rules = [c for c in ("rule", "source_rule") if c in b.columns]
            if len(a) == len(b):
                new_rule = b[rules].astype(str).agg(" + ".join, axis=1)
                mapping |= set(zip(a["rule"], new_rule, strict=True))
            a, b = a.drop(columns=["rule", "source_rule"], errors="ignore"), b.drop(columns=rules)
        if a.equals(b):
            print(f"{old.stem}: identical ({len(a):,} segments)")
            continue
        differ += 1
        print(f"{old.stem}: differs ({len(a):,} segments before, {len(b):,} after)")
        n = min(len(a), len(b))
        rows = (a.iloc[:n] != b.iloc[:n]).any(axis=1)
        for i in rows[rows].index[:5]:
            print("  before:", a.iloc[i].to_dict())
            print("  after: ", b.iloc[i].to_dict())
    if mapping:
        new_names = {n for _, n in mapping}
        print(f"{len({o for o, _ in mapping})} old rule names map onto {len(new_names)} new ones")
    return differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="write the segments of every corpus to FOLDER")
    w.add_argument("folder", type=Path)
    w.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "corpora")
    c = sub.add_parser("compare", help="compare two folders written by 'write'")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--labels-only", action="store_true", help="ignore the rule columns (a renaming)")
    args = parser.parse_args(argv)
    if args.command == "write":
        write(args.folder, args.shared)
        return 0
    return 1 if compare(args.before, args.after, labels_only=args.labels_only) else 0


if __name__ == "__main__":
    sys.exit(main())
