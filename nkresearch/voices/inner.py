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
from typing import TypeVar

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
_T = TypeVar("_T")  # a piece of a span: a label, or a span tuple (start, end, ...)
#: frames of a verb of saying or "according to": not "refused to attend", an act
_ACCORDING = frozenset({RuleId.ACCORDING_BEFORE, RuleId.ACCORDING_AFTER})
#: what opens a reported clause after the cue ("announced that", "said:"), not an object
#: ("declared its readiness")
_CLAUSE_OPENS = re.compile(r"\bthat\b|:|[\"“«]")
_REPORT_HINT = re.compile(r"\b(?:that|[Aa]ccording)\b|:")
_TRIM = " \"'“”‘’«»„"


def inner_reports(text: str, labels: list[Label], place: Callable[[str, int], Placed | None]) -> list[Label]:
    """The labels, each quote, statement or paraphrase split where it reports another side's speech.

    In a paraphrase only a noun's claim is read ("the statement by X that ..."). ``place(phrase,
    position)`` places a source phrase found at ``position`` of ``text``.
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
            phrase, relation = m[f.source[0] : f.source[1]].strip(_TRIM), relation_of(f, m)
            placed = place(phrase, lab.start + a + f.source[0]) if relation in _REPORTS and phrase else None
            if placed is None or placed.rule not in BY_NAME or placed.actor in _NO_SIDE | {lab.actor}:
                continue
            why = (f.rule, placed.rule, relation, phrase)
            inner += [
                Label(
                    lab.start + a + cs, lab.start + a + ce, placed.actor, placed.speaker, "paraphrase", *why
                )
                for cs, ce in f.content
            ]
    rest = astuple(lab)[2:]
    return cut(lab.start, lab.end, inner, lambda x: (x.start, x.end), lambda s, e: Label(s, e, *rest))


def _said(f: Frame, m: str) -> bool:
    """A verb of saying with a clause after it ("announced that", "said:"), or "according to"."""
    if f.rule in _ACCORDING:
        return True
    return (
        m[f.cue[0] : f.cue[1]].split()[0].lower() in INVERTING
        and _CLAUSE_OPENS.search(m, f.cue[1], f.content[0][0] + 1) is not None
    )


def cut(
    start: int,
    end: int,
    inner: list[_T],
    span_of: Callable[[_T], tuple[int, int]],
    gap: Callable[[int, int], _T],
) -> list[_T]:
    """``[start, end)`` cut around the pieces ``inner``: each piece, and ``gap(s, e)`` between them."""
    by_start = {span_of(piece)[0]: piece for piece in inner}
    return [
        by_start[s] if own else gap(s, e) for s, e, own in around(start, end, [span_of(x) for x in inner])
    ]


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
