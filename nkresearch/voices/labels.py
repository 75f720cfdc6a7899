"""What a voice segment says: the kinds of passage, the segments table's columns, a label, a frame.

Shared by the automatic rules (:mod:`.auto`), the hand annotation (:mod:`.gold`) and
:func:`nkresearch.segment_voices`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("headline", "caption", "narration", "quote", "paraphrase", "statement", "comment", "byline")


SEGMENT_COLUMNS = [
    "doc_id", "seg_id", "start", "end", "text", "actor", "speaker", "kind", "rule", "source_rule",
    "relation", "relation_source", "method",
]  # fmt: skip


@dataclass
class Label:
    """A span of a document's clean text with its voice: who (actor, speaker) and what kind."""

    start: int
    end: int
    actor: str
    speaker: str
    kind: str
    rule: str = (
        ""  # the id of the rule that gave it this voice (:mod:`.rules`; "gold" for the hand annotation)
    )
    source_rule: str = ""  # the id of the rule that placed its source, where one was placed
    #: an attribution inside the voice: what is reported ("speech", "claim", "belief", "intention",
    #: "state") and by whom, where the words stay the voice's ("X commented on Y": Y, the outlet's)
    relation: str = ""
    relation_source: str = ""


@dataclass
class Frame:
    """An attribution in a sentence: offsets of the source phrase, the cue, the content."""

    source: tuple[int, int]
    cue: tuple[int, int]
    content: list[tuple[int, int]] = field(default_factory=list)
    rule: str = ""  # the id of the frame's rule (:class:`.rules.RuleId`): its priority is the registry's
    colon: bool = False  # the content is what follows the colon (maybe the next paragraph)
