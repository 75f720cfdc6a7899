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


def outermost_first(frames: list[Frame]) -> list[Frame]:
    """The tie-break between the frames of a sentence: the first is the sentence's.

    By the priority of each frame's rule (:mod:`.rules`: the weak frames, a passive, a
    state of mind, hearsay, last), then with the frames whose cue lies in another frame's
    content after the others: "The ministry said that the convoy had reported heavy
    shelling overnight": "reported" is part of what the ministry said; its frame is the
    sentence's. Otherwise the order in which they were found.
    """

    def inside(f: Frame) -> bool:
        return any(g is not f and any(a <= f.cue[0] < b for a, b in g.content) for g in frames)

    return sorted(
        frames, key=lambda f: (priority(f.rule), inside(f))
    )  # stable: the order of the rest is kept
