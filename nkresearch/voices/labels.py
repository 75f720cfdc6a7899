"""What a voice segment says: the kinds of passage, the segments table's columns, a label, a frame.

Shared by the automatic rules (:mod:`.auto`), the hand annotation (:mod:`.gold`) and
:func:`nkresearch.segment_voices`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("headline", "caption", "narration", "quote", "paraphrase", "statement", "comment", "byline")


SEGMENT_COLUMNS = ["doc_id", "seg_id", "start", "end", "text", "actor", "speaker", "kind", "rule", "method"]


@dataclass
class Label:
    """A span of a document's clean text with its voice: who (actor, speaker) and what kind."""

    start: int
    end: int
    actor: str
    speaker: str
    kind: str
    rule: str = ""  # why the automatic rules gave it this voice ("gold" for the hand annotation)


@dataclass
class Frame:
    """An attribution in a sentence: offsets of the source phrase, the cue, the content."""

    source: tuple[int, int]
    cue: tuple[int, int]
    content: list[tuple[int, int]] = field(default_factory=list)
    rule: str = ""
    colon: bool = False  # the content is what follows the colon (maybe the next paragraph)
    weak: bool = False  # weighed after every other frame of its sentence (a passive, a state, hearsay)
