"""Voices: who is speaking in each passage of a document.

One news article holds several voices: the outlet's narration, quotes and reported
speech of two governments, reader comments. :func:`segment_voices` cuts every clean
document into segments, each with an ``actor`` (Baku, Stepanakert, Moscow, Media,
Readers, ... -- the list in ``resources/actors.csv`` plus any actor a corpus's
metadata declares), a ``speaker`` (person, body, outlet or commenter) and a ``kind``:

``headline``, ``caption``
    the outlet's title and photo captions (Media);
``narration``
    the outlet's own sentences, including the frames of quotes ("he said") (Media);
``quote``
    direct speech, quote marks included;
``paraphrase``
    reported speech ("The ministry expressed hope that <...>"), attributed to the
    source, so analyses can include or exclude it;
``statement``
    a text published by the actor itself (a metadata ``actor`` declares it);
``comment``, ``byline``
    a reader comment and the line naming its author ("1. GB said:").

Two methods: ``"gold"`` reads the hand-checked annotation
``data/annotations/voices.csv``; ``"auto"`` attributes by rules (:mod:`.auto`:
layout, quote marks, attribution frames of reporting cues, sources placed by their
description, the text's own appositions and the gazetteer ``resources/speakers.csv``,
pronouns and roles to the nearest earlier source, the outlet as default narrator,
comment blocks), each segment with the ``rule`` that made it and the ``source_rule``
that placed its source (ids of :func:`nkresearch.voice_rules`).
:func:`voice_agreement` measures how far two methods agree, token by token.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import pandas as pd

from ..corpus.source import check_document_columns
from ..errors import NKResearchError
from .actors import check_gazetteer, read_speakers
from .gazetteer import read_places
from .gold import GOLD_FILE, read_annotations
from .labels import SEGMENT_COLUMNS
from .pool import attribute


def _text(cell: object) -> str:
    """A metadata cell as text: "" for a missing or NaN one (a table joined from several folders)."""
    return "" if cell is None or (isinstance(cell, float) and cell != cell) else str(cell)


#: What a document's metadata declares to the automatic rules (``layout``: a saved page's block roles).
DECLARED = ("outlet", "actor", "speaker", "title", "language", "layout")

Method = Literal["default", "gold", "auto"]


def segment_voices(
    docs: pd.DataFrame,
    *,
    method: Method = "default",
    annotations: str | Path | None = None,
    speakers: pd.DataFrame | None = None,
    places: pd.DataFrame | None = None,
    workers: int | None = None,
) -> pd.DataFrame:
    """Cut every document into voice segments: who speaks where.

    Parameters
    ----------
    docs
        The documents table of :func:`nkresearch.load_corpus`.
    method
        ``"gold"``: the hand-checked annotation (an error for a document without
        one); ``"auto"``: rule-based attribution; ``"default"``: gold where a
        document is annotated, auto otherwise.
    annotations
        The annotation CSV (default ``data/annotations/voices.csv``).
    speakers
        The gazetteer of officials for the automatic method (default:
        :func:`read_speakers`); pass ``pd.concat([nk.read_speakers(), mine])`` to add
        your own.
    places
        The words that place a source's description on a side (default:
        :func:`read_places`, ``resources/places.csv``: ``pattern, actor``).
    workers
        Processes for the automatic method (default: every core, used once the
        documents hold two million characters; ``1``: this process only). A document
        over a million characters is attributed in pieces cut at paragraph breaks
        (see :mod:`nkresearch.voices.pool`).

    Returns
    -------
    pandas.DataFrame
        One row per segment: ``doc_id, seg_id, start, end`` (offsets into the
        document's clean ``text``), ``text``, ``actor, speaker, kind``, ``rule`` (why:
        the id of the layout, quote, frame or inheritance rule that made it, listed
        by :func:`nkresearch.voice_rules`; ``gold`` for the hand annotation),
        ``source_rule`` (the id of the rule that placed its source, or empty),
        ``relation`` and ``relation_source`` (an attribution inside the voice, where the
        words stay the voice's: "X commented on Y" leaves Y the outlet's narration, with
        relation ``speech`` and relation source X; empty elsewhere),
        ``method`` (``gold`` or ``auto``), then the document metadata
        columns. A document whose metadata declares an ``actor`` is that actor's
        ``statement`` (the line repeating its ``title`` stays the page's headline).

    Examples
    --------
    >>> import nkresearch as nk
    >>> seg = nk.segment_voices(nk.load_corpus())
    >>> sorted(seg["actor"].unique())
    ['Baku', 'Media', 'Moscow', 'Readers', 'Stepanakert']
    """
    if method not in ("default", "gold", "auto"):
        raise NKResearchError(f"method={method!r} is not one of 'default', 'gold', 'auto'.")
    check_document_columns(docs, "segment_voices: the documents table")
    if annotations is not None and not Path(annotations).is_file():
        raise NKResearchError(
            f"annotations={str(annotations)!r}: no such file. Give the path of the annotation CSV, "
            "or leave annotations out for the bundled one."
        )
    speakers = check_gazetteer(
        read_speakers() if speakers is None else speakers,
        what="speakers",
        columns=("pattern", "speaker", "actor"),
    )
    places = check_gazetteer(
        read_places() if places is None else places, what="places", columns=("pattern", "actor")
    )
    gold = (
        read_annotations(docs, Path(annotations) if annotations else GOLD_FILE) if method != "auto" else None
    )
    gold_docs = set() if gold is None else set(gold["doc_id"])
    if method == "gold" and (missing := [d for d in docs["doc_id"] if d not in gold_docs]):
        raise NKResearchError(
            f"method='gold': no annotation for {missing[:5]}. Use method='default' or 'auto', "
            "or annotate them."
        )
    records = docs.to_dict("records")
    to_attribute = [doc for doc in records if doc["doc_id"] not in gold_docs]
    automatic = attribute(
        [
            (
                doc["text"],
                {col: _text(doc.get(col)) for col in DECLARED},
                _year(doc),
            )
            for doc in to_attribute
        ],
        speakers,
        places,
        workers=workers,
    )
    auto_labels = dict(zip([doc["doc_id"] for doc in to_attribute], automatic, strict=True))
    rows = []
    for doc in records:
        doc_id, text = doc["doc_id"], doc["text"]
        if doc_id in gold_docs:
            assert gold is not None
            g = gold[gold["doc_id"] == doc_id].sort_values("start")
            labels = [
                (r["start"], r["end"], r["actor"], r["speaker"], r["kind"], "gold", "", "", "")
                for r in g.to_dict("records")
            ]
            used = "gold"
        else:
            labels, used = auto_labels[doc_id], "auto"
        rows += [
            (doc_id, k, s, e, text[s:e], actor, speaker, kind, rule, source_rule, relation, inner, used)
            for k, (s, e, actor, speaker, kind, rule, source_rule, relation, inner) in enumerate(labels)
        ]
    seg = pd.DataFrame(rows, columns=SEGMENT_COLUMNS)
    meta_cols = [
        c
        for c in docs.columns
        if c not in ("raw_text", "text", "body", "layout", "actor", "speaker", "doc_id")
    ]
    seg = seg.merge(docs[["doc_id", *meta_cols]], on="doc_id", how="left", validate="many_to_one")
    seg.attrs = {**docs.attrs, "voices": {"method": method}}
    return seg


def _year(doc: dict[Any, Any]) -> int | None:
    """The document's year, from a ``year`` column or a ``date`` that starts with one."""
    for value in (str(doc.get("year") or ""), str(doc.get("date") or "")[:4]):
        if value.isdigit() and 1900 < int(value) < 2200:
            return int(value)
    return None
