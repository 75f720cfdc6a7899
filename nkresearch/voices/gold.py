"""The hand-checked voice annotation: read and check a CSV of segments by character offsets."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..config import ANNOTATIONS_DIR
from ..corpus.source import read_csv_checked
from ..errors import NKResearchError
from .actors import known_actors
from .labels import KINDS

GOLD_FILE = ANNOTATIONS_DIR / "voices.csv"


def read_annotations(docs: pd.DataFrame, path: Path = GOLD_FILE) -> pd.DataFrame:
    """Read and check a voice annotation file for the documents in ``docs``.

    The CSV has ``doc_id, start, end, actor, speaker, kind`` (offsets into the clean
    ``text``) and optionally ``excerpt``, the segment's first characters, checked
    against the text. Rows of documents not in ``docs`` are ignored.
    """
    if not path.is_file():
        return pd.DataFrame(columns=["doc_id", "start", "end", "actor", "speaker", "kind"])
    table = read_csv_checked(path, header="doc_id,start,end,actor,speaker,kind", rows=False)
    missing = {"doc_id", "start", "end", "actor", "speaker", "kind"} - set(table.columns)
    if missing:
        raise NKResearchError(f"{path}: missing columns {sorted(missing)}.")
    table = table[table["doc_id"].isin(set(docs["doc_id"]))].copy()
    texts = dict(zip(docs["doc_id"], docs["text"], strict=True))
    actors = known_actors(docs)
    for i, row in zip(table.index + 2, table.to_dict("records"), strict=True):
        where = f"{path}, line {i} ({row['doc_id']})"
        if row["actor"] not in actors:
            raise NKResearchError(
                f"{where}: unknown actor {row['actor']!r}. Use one of {actors}, "
                "or declare the actor in the corpus metadata's 'actor' column."
            )
        if row["kind"] not in KINDS:
            raise NKResearchError(f"{where}: unknown kind {row['kind']!r}. Use one of {list(KINDS)}.")
        try:
            start, end = int(row["start"]), int(row["end"])
        except ValueError:
            raise NKResearchError(f"{where}: start and end must be whole numbers.") from None
        n = len(texts[row["doc_id"]])
        if not 0 <= start < end <= n:
            raise NKResearchError(
                f"{where}: span {start}:{end} lies outside the document (0:{n}). "
                "Offsets count characters of the clean text; rebuild the annotation."
            )
        excerpt = row.get("excerpt", "")
        if excerpt and texts[row["doc_id"]][start : start + len(excerpt)] != excerpt:
            raise NKResearchError(
                f"{where}: the text at {start} does not start with {excerpt!r}; the clean "
                "text has changed since the annotation was made. Rebuild it "
                "(scripts/build_gold_voices.py for the bundled corpus)."
            )
    table["start"] = table["start"].astype(int)
    table["end"] = table["end"].astype(int)
    for doc_id, group in table.sort_values(["doc_id", "start"]).groupby("doc_id"):
        if (group["start"].to_numpy()[1:] < group["end"].to_numpy()[:-1]).any():
            raise NKResearchError(f"{path}: segments of {doc_id} overlap. Make them disjoint.")
    return table
