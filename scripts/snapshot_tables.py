"""Write every analysis table of the bundled corpora to a folder, or compare two such folders.

A refactoring of the analyses must not change a number. Run this once on the commit
before the change and once after, then compare::

    git worktree add /tmp/before <commit>
    PYTHONPATH=/tmp/before python scripts/snapshot_tables.py write /tmp/snap-before
    python scripts/snapshot_tables.py write /tmp/snap-after
    python scripts/snapshot_tables.py compare /tmp/snap-before /tmp/snap-after

Each table is written as CSV with full float precision (pandas writes the shortest
repr that reads back to the same float), its ``attrs`` as JSON beside it; the calls
pass every option whose default changed, so both versions compute the same thing. ``compare``
prints each file that differs and exits non-zero when any does.
"""

from __future__ import annotations

import json
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import pandas as pd


def _calls(nk: object, tokens: pd.DataFrame, actors: list[str]) -> dict[str, Callable[[], pd.DataFrame]]:
    a = nk  # the package under test (whichever checkout is on the path)
    first, second = actors[0], actors[1]
    naming, frames = a.read_lexicon("naming"), a.read_lexicon("frames")  # type: ignore[attr-defined]
    return {
        "term_frequencies": lambda: a.term_frequencies(tokens, drop_stop=True),  # type: ignore[attr-defined]
        "term_frequencies-lemma-kind": lambda: a.term_frequencies(  # type: ignore[attr-defined]
            tokens, by="kind", unit="lemma", drop_stop=False, per=1000, ci=0.95
        ),
        "ngrams": lambda: a.ngrams(tokens, n=2, min_freq=2),  # type: ignore[attr-defined]
        "ngrams-3-kind": lambda: a.ngrams(tokens, n=3, by="kind"),  # type: ignore[attr-defined]
        "keyness": lambda: a.keyness(tokens, target=first, min_freq=3),  # type: ignore[attr-defined]
        "keyness-pair": lambda: a.keyness(  # type: ignore[attr-defined]
            tokens, target=second, reference=first, min_freq=1, unit="lemma"
        ),
        "collocates": lambda: a.collocates(tokens, "negotiat*", min_freq=2),  # type: ignore[attr-defined]
        "collocates-list": lambda: a.collocates(  # type: ignore[attr-defined]
            tokens, ["karabakh", "artsakh"], window=(2, 4), unit="lemma", min_freq=1
        ),
        "collocations": lambda: a.collocations(tokens, min_freq=3),  # type: ignore[attr-defined]
        "collocations-all": lambda: a.collocations(tokens, min_freq=1),  # type: ignore[attr-defined]
        "collocations-pmi": lambda: a.collocations(  # type: ignore[attr-defined]
            tokens, measure="pmi", min_freq=2, drop_stop=True
        ),
        "kwic": lambda: pd.DataFrame(a.kwic(tokens, "karabakh", window=5)),  # type: ignore[attr-defined]
        "kwic-phrase": lambda: pd.DataFrame(  # type: ignore[attr-defined]
            a.kwic(tokens, "nagorno karabakh", sort="right")  # type: ignore[attr-defined]
        ),
        "dispersion": lambda: a.dispersion(tokens, ["karabakh", "artsakh"]),  # type: ignore[attr-defined]
        "lexical_diversity": lambda: a.lexical_diversity(tokens),  # type: ignore[attr-defined]
        "lexicon_counts": lambda: a.lexicon_counts(tokens, naming),  # type: ignore[attr-defined]
        "lexicon_counts-entry": lambda: a.lexicon_counts(  # type: ignore[attr-defined]
            tokens, naming, level="entry", by="kind"
        ),
        "lexicon_counts-frames": lambda: a.lexicon_counts(tokens, frames),  # type: ignore[attr-defined]
        "lexicon_matches": lambda: a.lexicon_matches(tokens, naming),  # type: ignore[attr-defined]
        "voice_summary": lambda: a.voice_summary(tokens),  # type: ignore[attr-defined]
        "keyness_summary": lambda: a.keyness_summary(tokens, min_freq=3),  # type: ignore[attr-defined]
        "log_odds": lambda: a.log_odds(tokens, target=first, min_freq=2),  # type: ignore[attr-defined]
        "log_odds-flat": lambda: a.log_odds(  # type: ignore[attr-defined]
            tokens, target=first, reference=second, prior=0.5, drop_stop=True
        ),
        "similarity": lambda: a.similarity(tokens, n_boot=20),  # type: ignore[attr-defined]
        "similarity-js": lambda: a.similarity(  # type: ignore[attr-defined]
            tokens, measure="jensen_shannon", by="kind", n_boot=0
        ),
        "trends": lambda: a.trends(tokens, ["karabakh", "peace*"], time="doc_id"),  # type: ignore[attr-defined]
        "wordfish": lambda: a.wordfish(tokens, by="actor", min_freq=2),  # type: ignore[attr-defined]
        "wordfish-words": lambda: a.wordfish(  # type: ignore[attr-defined]
            tokens, by="actor", min_freq=2, margin="words"
        ),
        "wordscores": lambda: a.wordscores(  # type: ignore[attr-defined]
            tokens, {first: -1.0, second: 1.0}, by="actor"
        ),
    }


def write(folder: Path) -> None:
    """Write the tables of the seeds and the UN subset to ``folder``."""
    import nkresearch as nk

    folder.mkdir(parents=True, exist_ok=True)
    for corpus in ("seeds", "ungdc"):
        tokens = nk.corpus_tokens(corpus, progress=False)
        counts = tokens["actor"].astype(str).value_counts()
        actors = [a for a in counts.index if a not in ("Media", "Readers")][:2]
        for name, call in _calls(nk, tokens, actors).items():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                table = call()
            table.to_csv(folder / f"{corpus}-{name}.csv", index=False)
            attrs = {k: v for k, v in table.attrs.items() if k != "corpus"}
            (folder / f"{corpus}-{name}.json").write_text(json.dumps(attrs, sort_keys=True, default=str))


def compare(before: Path, after: Path, *, attrs: bool = True) -> int:
    """Print every table (and ``attrs`` file) that differs between two snapshot folders; the number of them.

    With ``attrs=False`` (``--tables``) the ``attrs`` files are listed but not counted:
    for a change that renames or adds keys of ``attrs`` and must not change a number.
    """
    names = sorted({p.name for p in before.iterdir()} | {p.name for p in after.iterdir()})
    changed = []
    for name in names:
        a, b = before / name, after / name
        if not (a.exists() and b.exists()) or a.read_bytes() != b.read_bytes():
            changed.append(name)
            print(f"differs: {name}")
    tables = [n for n in names if n.endswith(".csv")]
    tables_changed = [n for n in changed if n.endswith(".csv")]
    print(
        f"{len(tables) - len(tables_changed)} of {len(tables)} tables equal; "
        f"{len(changed) - len(tables_changed)} of {len(names) - len(tables)} attrs files differ"
        + ("" if attrs else " (not counted: --tables)")
    )
    return len(changed) if attrs else len(tables_changed)


if __name__ == "__main__":
    command, *paths = sys.argv[1:]
    if command == "write":
        write(Path(paths[0]))
    elif command == "compare":
        folders = [Path(p) for p in paths if p != "--tables"]
        sys.exit(1 if compare(folders[0], folders[1], attrs="--tables" not in paths) else 0)
    else:
        sys.exit("usage: snapshot_tables.py write FOLDER | compare BEFORE AFTER [--tables]")
