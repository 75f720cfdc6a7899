"""Reports inside a speaker's words: the other side's own speech or claim is given to that side.

The voice of a passage is its outermost speaker (``docs/voices.md``). Inside a quote, a
statement or an interview's answer, the speaker may report what another side said:
"Azerbaijan announced that the problem no longer exists", "According to the Co-Chairs,
those principles are presented as a whole". By the convention, only such speech or
claim (a verb of saying with a clause after it, or "according to"), with a source the
text places on a side other than the speaker's, is that side's: its content becomes a ``paraphrase`` of
that side, the frame's words stay the speaker's. An intention, a belief or a state the
speaker ascribes to another side ("Azerbaijan seeks to ...") stays the speaker's, as
does anything a pronoun or an unplaced role reports.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import astuple
from typing import Any, TypeVar, cast

from ..corpus.sentences import sentence_spans
from .cues import INVERTING, may_frame
from .frames import find_frames, relation_of
from .labels import Frame, Label
from .nesting import outermost_first
from .nominal import nominal_frames
from .rules import RuleId
from .sources import BY_NAME, Placed

#: the frames read inside a speaker's words: the first of each sentence's is weighed
_MAX_FRAMES = 8
#: the voices whose words may hold another side's report
_OUTER_KINDS = frozenset({"quote", "statement", "paraphrase"})
#: frames of a noun of speech: "the claim by X that ...", "X's statement that ..." (in a paraphrase too)
_CLAIM_NOUNS = frozenset({RuleId.NOUN_BY, RuleId.POSSESSED_CLAIM})
_NO_SIDE = frozenset({"Media", "Readers", "Unknown", ""})
_REPORTS = frozenset({"speech", "claim"})
_S = TypeVar("_S", bound=tuple[Any, ...])  # a span: (start, end, ...)
#: frames of a verb of saying or "according to": not "refused to attend", an act
_ACCORDING = frozenset({RuleId.ACCORDING_BEFORE, RuleId.ACCORDING_AFTER})
#: what opens a reported clause after the cue ("announced that", "said:"), not an object
#: ("declared its readiness")
_CLAUSE_OPENS = re.compile(r"\bthat\b|:|[\"“«]")
_REPORT_HINT = re.compile(r"\b(?:that|[Aa]ccording)\b|:")
_TRIM = " \"'“”‘’«»„"


def inner_reports(text: str, labels: list[Label], place: Callable[[str, int], Placed | None]) -> list[Label]:
    """The labels, each quote or statement split where it reports another side's speech or claim.

    ``place(phrase, position)`` places a source phrase found at ``position`` of ``text``.
    """
    out: list[Label] = []
    for lab in labels:
        if lab.kind in _OUTER_KINDS and lab.actor not in _NO_SIDE and not lab.relation:
            out += _split(text, lab, place)
        else:
            out.append(lab)
    return out


def _split(text: str, lab: Label, place: Callable[[str, int], Placed | None]) -> list[Label]:
    words = text[lab.start : lab.end]
    if _REPORT_HINT.search(words) is None or not may_frame(words):
        return [lab]  # every report read here has "that", a colon or "according to"
    inner: list[Label] = []
    for a, b in sentence_spans(words):
        m = words[a:b]
        if lab.kind == "paraphrase":  # only a noun's claim is carved out of a paraphrase: no full parse
            frames = nominal_frames(m, len(m.rstrip(" .!?\n")), quoted=False)
        else:
            frames = outermost_first(find_frames(m)[:_MAX_FRAMES], m)
        reports = [f for f in frames if f.rule in _CLAIM_NOUNS and f.content]  # "the claim by X that"
        if lab.kind != "paraphrase" and frames and frames[0].content and _said(frames[0], m):
            reports.insert(0, frames[0])
        for f in reports:
            phrase = m[f.source[0] : f.source[1]].strip(_TRIM)
            placed = (
                place(phrase, lab.start + a + f.source[0])
                if relation_of(f, m) in _REPORTS and phrase
                else None
            )
            if placed is None or placed.rule not in BY_NAME or placed.actor in _NO_SIDE | {lab.actor}:
                continue
            for cs, ce in f.content:
                s, e = lab.start + a + cs, lab.start + a + ce
                why = (f.rule, placed.rule, relation_of(f, m), phrase)
                inner.append(Label(s, e, placed.actor, placed.speaker, "paraphrase", *why))
    by_start = {piece.start: piece for piece in inner}
    return [
        by_start[s] if own else Label(s, e, *astuple(lab)[2:])
        for s, e, own in around(lab.start, lab.end, [(x.start, x.end) for x in inner])
    ]


def _said(f: Frame, m: str) -> bool:
    """A verb of saying with a clause after it ("announced that", "said:"), or "according to"."""
    if f.rule in _ACCORDING:
        return True
    return (
        m[f.cue[0] : f.cue[1]].split()[0].lower() in INVERTING
        and _CLAUSE_OPENS.search(m, f.cue[1], f.content[0][0] + 1) is not None
    )


def cut(span: _S, inner: list[_S]) -> list[_S]:
    """``span`` cut around the spans ``inner`` (each ``(start, end, ...)``).

    The gaps keep the rest of ``span``.
    """
    by_start = {piece[0]: piece for piece in inner}
    out = around(span[0], span[1], [(x[0], x[1]) for x in inner])
    return [by_start[s] if own else cast(_S, (s, e, *span[2:])) for s, e, own in out]


def around(start: int, end: int, inner: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """``[start, end)`` cut around the spans ``inner``: each of them (True) and the gaps (False), in order.

    An inner span that overlaps one before it is left out.
    """
    out, pos = [], start
    for s, e in sorted(inner):
        if s < pos:
            continue
        if s > pos:
            out.append((pos, s, False))
        out.append((s, e, True))
        pos = e
    return [*out, (pos, end, False)] if pos < end else out
