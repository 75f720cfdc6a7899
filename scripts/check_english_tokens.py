"""Check that English tokens tables stay the same: hash them on one checkout, compare with another.

Tokenizing more languages must not change a single English token. Run ``write`` with
the checkout before the change on the path and again with the one after, then
``compare``::

    git archive main | tar -x -C /tmp/before
    PYTHONPATH=/tmp/before python scripts/check_english_tokens.py write /tmp/tokens-before.json
    PYTHONPATH=. python scripts/check_english_tokens.py write /tmp/tokens-after.json
    python scripts/check_english_tokens.py compare /tmp/tokens-before.json /tmp/tokens-after.json

Each corpus (the two bundled ones and the English dev sets next to the project, where
present) is loaded, segmented and tokenized without the cache; every column of its
tokens table is hashed (dtype, categories, values; SHA-256), and the whole table as
well. ``compare`` reports each column that differs and each column one side lacks (a
new metadata column, such as ``language_source``, is listed, not counted as a change),
and exits non-zero when a column both have differs or the row count changed.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pandas as pd

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"
CORPORA = {
    "seeds": None,
    "ungdc": None,
    "karabakh-dev": SHARED / "karabakh-dev" / "texts",
    "karabakh-dev-2": SHARED / "karabakh-dev-2" / "texts",
}


def _column_hash(column: pd.Series) -> str:
    digest = hashlib.sha256(str(column.dtype).encode())
    if isinstance(column.dtype, pd.CategoricalDtype):
        digest.update(json.dumps([str(c) for c in column.cat.categories]).encode())
        digest.update(column.cat.codes.to_numpy().tobytes())
    else:
        digest.update(pd.util.hash_pandas_object(column, index=False).to_numpy().tobytes())
    return digest.hexdigest()


def write(out: Path) -> None:
    import nkresearch as nk

    result: dict[str, object] = {"package": nk.__file__}
    for name, folder in CORPORA.items():
        if folder is not None and not folder.is_dir():
            continue
        docs = nk.load_corpus(name if folder is None else folder)
        tokens = nk.tokenize(nk.segment_voices(docs))
        result[name] = {
            "rows": len(tokens),
            "columns": {c: _column_hash(tokens[c]) for c in tokens.columns},
        }
        print(f"{name}: {len(tokens):,} tokens, {tokens.shape[1]} columns")
    out.write_text(json.dumps(result, indent=1), encoding="utf-8")


def compare(before: Path, after: Path) -> int:
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (before, after))
    changed = 0
    for name in CORPORA:
        if name not in a or name not in b:
            continue
        ca, cb = a[name]["columns"], b[name]["columns"]
        same = [c for c in ca if c in cb and ca[c] == cb[c]]
        differ = [c for c in ca if c in cb and ca[c] != cb[c]]
        rows = "same rows" if a[name]["rows"] == b[name]["rows"] else "ROWS DIFFER"
        print(
            f"{name}: {a[name]['rows']:,} tokens, {rows}; {len(same)} columns identical, "
            f"differing: {differ or 'none'}; only before: {[c for c in ca if c not in cb] or 'none'}; "
            f"only after: {[c for c in cb if c not in ca] or 'none'}"
        )
        changed += len(differ) + (a[name]["rows"] != b[name]["rows"])
    return 1 if changed else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "write":
        write(Path(sys.argv[2]))
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        sys.exit(__doc__)
