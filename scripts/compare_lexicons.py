"""The English lexicon tables before and after a change to the lexicons: the same rows and values.

``lexicon_matches`` and ``lexicon_counts`` (by category, by entry, by kind) with the shipped
``naming`` and ``frames`` lexicons on the bundled corpus and on ``karabakh-dev`` (through
``segment_voices`` and ``tokenize``). Run once with the checkout before the change on the
path and once after, then compare::

    PYTHONPATH=/path/to/main python scripts/compare_lexicons.py write /tmp/lex-before
    python scripts/compare_lexicons.py write /tmp/lex-after
    python scripts/compare_lexicons.py compare /tmp/lex-before /tmp/lex-after

``compare`` reads each table of the first folder and the same columns of the second (a
change may add columns, such as ``canonical`` or ``language``, never change the old ones)
and exits non-zero when any value, row or row order differs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"


def write(folder: Path) -> None:
    """Write the lexicon tables of both corpora to ``folder`` as CSV."""
    import nkresearch as nk

    folder.mkdir(parents=True, exist_ok=True)
    corpora = {"seeds": nk.load_corpus(), "karabakh-dev": nk.load_corpus(SHARED / "karabakh-dev" / "texts")}
    for name, docs in corpora.items():
        tokens = nk.tokenize(nk.segment_voices(docs))
        for lexicon in ("naming", "frames"):
            table = nk.read_lexicon(lexicon)
            calls = {
                "matches": lambda t=table, k=tokens: nk.lexicon_matches(k, t),
                "category": lambda t=table, k=tokens: nk.lexicon_counts(k, t),
                "entry": lambda t=table, k=tokens: nk.lexicon_counts(k, t, count_by="entry"),
                "entry-kind": lambda t=table, k=tokens: nk.lexicon_counts(k, t, count_by="entry", by="kind"),
            }
            for call, run in calls.items():
                run().to_csv(folder / f"{name}-{lexicon}-{call}.csv", index=False)
        print(name, len(tokens), "tokens")


def compare(before: Path, after: Path) -> int:
    """Print each table whose old columns differ; the number of such tables."""
    bad = 0
    for path in sorted(before.glob("*.csv")):
        old = pd.read_csv(path, dtype=str, keep_default_na=False)
        new = pd.read_csv(after / path.name, dtype=str, keep_default_na=False)
        missing = [c for c in old.columns if c not in new.columns]
        if missing or not old.equals(new[old.columns]):
            bad += 1
            print(f"{path.name}: differs (missing columns {missing}; rows {len(old)} -> {len(new)})")
        else:
            added = [c for c in new.columns if c not in old.columns]
            print(f"{path.name}: same {len(old)} rows" + (f" (added columns {added})" if added else ""))
    return bad


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(Path(sys.argv[2]))
    else:
        sys.exit(1 if compare(Path(sys.argv[2]), Path(sys.argv[3])) else 0)
