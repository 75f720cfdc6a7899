"""How well are the contested names found: the mentions of a corpus scored against a gold list.

The gold is an exhaustive list of mentions in the format of the shared dev sets
(``karabakh-ru``, ``karabakh-hy``, ``karabakh-az``: ``names.csv`` with ``file, context,
surface, canonical``): each row's ``context`` is located in the file's text as read
(``raw_text``; a context listed k times is the k first places it occurs), the mention is
``surface`` inside it. A found mention is right when its characters are exactly those
and its ``canonical`` is the gold's; a found mention of another span or name is a false
positive, a gold row not found a miss. Only the canonical names of the inventory the
gold lists are scored (:data:`NAME_INVENTORY`): the lexicon's other categories (the
population, the wars, the conflict) are not in these lists.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from ...errors import NKResearchError
from .lexicons import lexicon_matches, read_lexicon

#: the canonical names the dev sets list exhaustively (their READMEs, "names.csv")
NAME_INVENTORY = (
    "Nagorno-Karabakh",
    "Karabakh",
    "Artsakh",
    "Republic of Artsakh",
    "Nagorno-Karabakh Republic",
    "separatist regime",
    "Stepanakert",
    "Khankendi",
    "Shusha",
    "Shushi",
    "Lachin",
    "Berdzor",
    "Lachin Corridor",
    "Lachin road",
    "occupied territories",
    "liberated territories",
)


def _gold_spans(docs: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """``doc_id, start, end, surface, canonical, note`` of each gold row, offsets in ``raw_text``."""
    by_file = dict(
        zip(
            docs["file"].astype(str),
            zip(docs["doc_id"].astype(str), docs["raw_text"], strict=True),
            strict=True,
        )
    )
    seen: Counter[tuple[str, str]] = Counter()
    rows = []
    for file, context, surface, canonical, note in zip(
        gold["file"],
        gold["context"],
        gold["surface"],
        gold["canonical"],
        gold.get("note", [""] * len(gold)),
        strict=True,
    ):
        if file not in by_file:
            raise NKResearchError(
                f"evaluate_names: the gold file {file!r} is not in the documents' 'file' column; "
                "load the folder the gold was made from."
            )
        doc_id, raw = by_file[file]
        at = -1
        for _ in range(seen[(file, context)] + 1):
            at = raw.find(context, at + 1)
        seen[(file, context)] += 1
        inner = context.find(surface)
        if at < 0 or inner < 0:
            raise NKResearchError(
                f"evaluate_names: {file}: the context {context!r} (or its surface {surface!r}) is not "
                "in the text; fix the gold row or pass the documents it was made from."
            )
        rows.append((doc_id, at + inner, at + inner + len(surface), surface, canonical, note))
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "surface", "canonical", "note"])


def _to_clean(docs: pd.DataFrame, spans: pd.DataFrame) -> pd.DataFrame:
    """Gold offsets carried from ``raw_text`` to ``text`` (-1 where the cleaning removed the mention)."""
    from ...voices.evaluate import raw_to_clean

    spans = spans.copy()
    for doc_id, raw, text in zip(docs["doc_id"].astype(str), docs["raw_text"], docs["text"], strict=True):
        rows = spans.index[spans["doc_id"] == doc_id]
        if len(rows) == 0 or raw == text:
            continue
        where = raw_to_clean(raw, text)
        start, end = where[spans.loc[rows, "start"].to_numpy()], where[spans.loc[rows, "end"].to_numpy() - 1]
        removed = (start < 0) | (end < 0)
        spans.loc[rows, "start"] = np.where(removed, -1, start)
        spans.loc[rows, "end"] = np.where(removed, -1, end + 1)
    return spans


def evaluate_names(
    tokens: pd.DataFrame,
    docs: pd.DataFrame,
    gold: pd.DataFrame,
    *,
    lexicon: pd.DataFrame | None = None,
    inventory: tuple[str, ...] = NAME_INVENTORY,
) -> pd.DataFrame:
    """Every gold and every found mention of the inventory's names, each marked right or wrong.

    Parameters
    ----------
    tokens
        The tokens table of the documents (:func:`nkresearch.tokenize`), offsets into
        ``docs["text"]``.
    docs
        The documents table (:func:`nkresearch.load_corpus`): ``doc_id, file,
        raw_text, text``. Gold offsets count ``raw_text`` and are carried to ``text``;
        a mention the cleaning removed (a repeated headline) is a miss.
    gold
        ``file, context, surface, canonical`` (and ``note``): the exhaustive mention list.
    lexicon
        The lexicon whose matches are scored (default ``read_lexicon("naming")``).
    inventory
        The canonical names scored; found mentions of other names are left out.

    Returns
    -------
    pandas.DataFrame
        One row per mention: ``doc_id, start, end, surface, gold`` (its canonical in
        the gold, or empty), ``found`` (the canonical found, or empty), ``entry,
        language, rule, evidence`` (of the match), ``note`` (of the gold row) and
        ``status``: ``right``, ``missed`` (gold not found with that span and name) or
        ``extra`` (found, not in the gold with that span and name); a mention found
        with the wrong name is both a ``missed`` and an ``extra`` row.
        ``attrs["scores"]`` is :func:`name_scores` of the table.

    Examples
    --------
    >>> import pandas as pd
    >>> import nkresearch as nk
    >>> text = "В Нагорном Карабахе и в Арцахе."
    >>> docs = pd.DataFrame({"doc_id": ["d"], "file": ["d.txt"], "raw_text": [text], "text": [text]})
    >>> seg = docs.assign(seg_id=0, start=0, actor="", speaker="", kind="")
    >>> gold = pd.DataFrame({"file": ["d.txt"], "context": ["В Нагорном Карабахе"],
    ...                      "surface": ["Нагорном Карабахе"], "canonical": ["Nagorno-Karabakh"]})
    >>> table = nk.evaluate_names(nk.tokenize(seg), docs, gold)
    >>> table["status"].tolist()
    ['right', 'extra']
    """
    gold_spans = _to_clean(docs, _gold_spans(docs, gold))
    hits = lexicon_matches(tokens, read_lexicon("naming") if lexicon is None else lexicon)
    hits = hits[hits["canonical"].isin(inventory)]
    doc_of = tokens["doc_id"].astype(str).to_numpy()
    texts = dict(zip(docs["doc_id"].astype(str), docs["text"], strict=True))
    found = pd.DataFrame(
        {
            "doc_id": doc_of[hits["row"].to_numpy(np.int64)],
            "start": hits["start"].to_numpy(),
            "end": hits["end"].to_numpy(),
            "found": hits["canonical"].to_numpy(),
            "entry": hits["entry"].to_numpy(),
            "language": hits["language"].to_numpy(),
            "rule": hits["rule"].to_numpy(),
            "evidence": hits["evidence"].to_numpy(),
        }
    )
    found["surface"] = [
        texts[d][s:e] for d, s, e in zip(found["doc_id"], found["start"], found["end"], strict=True)
    ]
    gold_spans = gold_spans.rename(columns={"canonical": "gold"})
    key = ["doc_id", "start", "end"]
    both = gold_spans.merge(
        found, left_on=[*key, "gold"], right_on=[*key, "found"], how="outer", suffixes=("", "_found")
    )
    both["surface"] = both["surface"].fillna(both.pop("surface_found"))
    both["status"] = np.where(both["gold"].isna(), "extra", np.where(both["found"].isna(), "missed", "right"))
    columns = [
        "doc_id",
        "start",
        "end",
        "surface",
        "gold",
        "found",
        "entry",
        "language",
        "rule",
        "evidence",
        "note",
        "status",
    ]
    table = (
        both[columns]
        .fillna("")
        .sort_values(["doc_id", "start", "status"], kind="stable")
        .reset_index(drop=True)
    )
    table.attrs = {"analysis": "evaluate_names", "inventory": list(inventory), "scores": name_scores(table)}
    return table


def name_scores(table: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall of :func:`evaluate_names`'s table, overall and per canonical name.

    Parameters
    ----------
    table
        The table of :func:`evaluate_names` (``gold``, ``found``, ``status``).

    Returns
    -------
    pandas.DataFrame
        ``canonical`` (``all`` first), ``gold`` (mentions listed), ``found``
        (mentions found), ``right``, ``precision`` (right / found), ``recall``
        (right / gold); empty where the denominator is 0.

    Examples
    --------
    >>> import pandas as pd
    >>> import nkresearch as nk
    >>> table = pd.DataFrame({"gold": ["Karabakh", "Karabakh", ""], "found": ["Karabakh", "", "Artsakh"],
    ...                       "status": ["right", "missed", "extra"]})
    >>> nk.name_scores(table)[["canonical", "gold", "found", "right"]].values.tolist()
    [['all', 2, 2, 1], ['Karabakh', 2, 1, 1], ['Artsakh', 0, 1, 0]]
    """
    gold = table[table["gold"] != ""].groupby("gold").size()
    found = table[table["found"] != ""].groupby("found").size()
    right = table[table["status"] == "right"].groupby("gold").size()
    names = sorted(set(gold.index) | set(found.index), key=lambda c: (-gold.get(c, 0), c))
    rows = [("all", int(gold.sum()), int(found.sum()), int(right.sum()))]
    rows += [(c, int(gold.get(c, 0)), int(found.get(c, 0)), int(right.get(c, 0))) for c in names]
    out = pd.DataFrame(rows, columns=["canonical", "gold", "found", "right"])
    out["precision"] = (out["right"] / out["found"].where(out["found"] > 0)).round(3)
    out["recall"] = (out["right"] / out["gold"].where(out["gold"] > 0)).round(3)
    out.attrs = {"analysis": "name_scores", "n_gold": int(gold.sum()), "n_found": int(found.sum())}
    return out
