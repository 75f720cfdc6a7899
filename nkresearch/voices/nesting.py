"""How the frames of one sentence relate: which one is the sentence's, where one ends.

:func:`find_frames <.frames.find_frames>` returns every frame of a sentence; a sentence
often holds two. One may lie in the other's content ("The ministry said that the convoy
had reported shelling": the convoy's report is part of what the ministry said), or the
two may stand side by side ("Peskov said the talks had stalled, while Hajiyev said the
road would reopen"). :func:`cut_at_next_clause` ends a content before the next clause's
frame; :func:`outermost_first` puts the sentence's own frame first.
"""

from __future__ import annotations

import re

from .labels import Frame
from .phrases import trim
from .rules import priority

#: the end of a clause before a new one with a frame of its own: ", while", ", but", "; ", and
#: "while" or "whereas" without a comma ("A had been killed while Y said B")
_NEXT_CLAUSE = re.compile(r"(?:,\s*(?:while|but|whereas|although|though)|\s(?:while|whereas)|;)\s*$")


def cut_at_next_clause(m: str, frames: list[Frame]) -> list[Frame]:
    """The frames, with a content cut where a clause with a frame of its own begins.

    "X said A, while Y said B": X's content is A, not "A, while Y said B".
    """
    for f in frames:
        for k, (cs, ce) in enumerate(f.content):
            for g in frames:
                if g is f or not cs < g.source[0] < g.cue[0] < ce or not g.content:
                    continue
                cut = _NEXT_CLAUSE.search(m, max(cs, g.source[0] - 24), g.source[0])  # just before Y
                if cut is not None and (c := trim(m, cs, cut.start())) is not None:
                    f.content[k] = c
                    ce = c[1]
    return frames


#: what may end a sentence after its closing tag's cue: "told reporters.", "said on Friday."
_TAG_END = re.compile(r"(?:\s+[\w'’-]+){0,3}\s*[.!?]?\s*$")
_AFTER_COMMA = re.compile(r",\s*$")  # the tag's source opens its phrase: ", a spokesman told reporters."
#: that source: a noun phrase of at most eight words, not a participle's ("gasping facedown in ...")
_TAG_SOURCE = re.compile(r"(?![\w'’-]*ing\b)[\w'’.-]+(?:\s+[\w'’.-]+){0,7}\s*")
#: its verb, finite: "said", "told", "announced", "says" (not "report" ending a noun phrase)
_FINITE = re.compile(r"(?:ed|said|told|[a-z]s)$")


def outermost_first(frames: list[Frame], m: str = "") -> list[Frame]:
    """The tie-break between the frames of a sentence: the first is the sentence's.

    By the priority of each frame's rule (:mod:`.rules`: the weak frames, a passive, a
    state of mind, hearsay, last), then with the frames whose cue lies in another frame's
    content after the others: "The ministry said that the convoy had reported heavy
    shelling overnight": "reported" is part of what the ministry said; its frame is the
    sentence's. Of two frames that each hold the other's cue, a tag that closes the
    sentence ``m`` is the sentence's ("Peacekeepers have called on the sides to ..., a
    spokesman told reporters."). Otherwise the order in which they were found.
    """

    def holds(g: Frame, f: Frame) -> bool:  # f's cue lies in g's content
        return any(a <= f.cue[0] < b for a, b in g.content)

    def closes(f: Frame, g: Frame) -> bool:  # f: the tag ", X said." or ", said X." ending the sentence
        return (
            f.cue[0] > g.cue[0]
            and holds(f, g)
            and _TAG_END.fullmatch(m, max(f.cue[1], f.source[1])) is not None
            and _AFTER_COMMA.search(m, 0, min(f.cue[0], f.source[0])) is not None
            and _TAG_SOURCE.fullmatch(m, f.source[0], f.source[1]) is not None
            and _FINITE.search(m, f.cue[0], f.cue[1]) is not None
        )

    def inside(f: Frame) -> bool:
        # two frames that hold each other's cue ("A called on B ..., X told reporters."): the
        # tag that closes the sentence is the outer one
        return any(g is not f and holds(g, f) and not closes(f, g) for g in frames)

    return sorted(
        frames, key=lambda f: (priority(f.rule), inside(f))
    )  # stable: the order of the rest is kept
