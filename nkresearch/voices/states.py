"""Frames of a state of mind: "X is worried about A", "X was confident that A", "X is eager to A".

An adjective of feeling or certainty after a form of "be" makes its subject the source
and what follows its preposition or "that" the content, as PolNeAR (Newell, Margolin &
Ruths 2018) annotates reported belief and attitude: "The ministry is concerned about the
escalation", "Aides are convinced that the vote will hold". A state frame is weighed,
like a passive, after every other frame of its sentence (:func:`.frames.find_frames`).
"""

from __future__ import annotations

import re

from .cues import INTENT_WORDS, STATE_WORDS
from .labels import Frame
from .lexicon import words
from .phrases import WORD, chunk_before, trim
from .rules import RuleId

#: "be", its adverbs, an adjective of feeling or certainty and the word that opens its content
#: (none before a clause after one of certainty: "We are convinced this is ...")
_STATE = re.compile(
    r"(?:^|\s)(?:is|are|was|were|be|been|being|am|(?<=\w)['’](?:s|re|m))"
    r"(?:\s+(?:not|also|still|now|very|so|too|all|quite|more|less|[a-z]+ly))*\s+"
    rf"(?:(?P<state>{STATE_WORDS})|(?P<intent>{INTENT_WORDS})(?=\s+to\s))"
    r"(?:\s+(?P<opens>that|about|over|with|by|at|of|whether|if|to)\b|"
    r"(?=\s+(?:he|she|they|it|we|I|you|the|this|there|his|her|their|its)\s))\s*"
)
_CERTAIN = words("certain")
#: words that leave a state without a source: "it is certain that" says who is certain nowhere
_NO_SOURCE = frozenset({"it", "this", "that", "there", "what", "which"})


def state_frames(m: str, end: int) -> list[Frame]:
    """The frames of the states of mind of a sentence (quotes masked)."""
    out = []
    for st in _STATE.finditer(m):
        be = st.start() + (1 if m[st.start()].isspace() else 0)
        s, e = chunk_before(m, be)
        words = [w.lower() for w in WORD.findall(m, s, e)]
        if not words or words[-1] in _NO_SOURCE or len(words) > 12:
            continue
        opens = st.group("opens") or ""
        if opens == "to" and st.group("intent") is None:
            continue  # "He was critical to the deal": only an intention takes "to"
        if not opens and st.group("state") not in _CERTAIN:
            continue  # "We are pleased the talks ...": only certainty takes a bare clause
        content_start = st.start("opens") if opens in ("whether", "if", "to") else st.end()
        if (c := trim(m, content_start, end)) is None or not WORD.search(m, c[0], c[1]):
            continue
        cue = (st.start("state") if st.group("state") else st.start("intent"), st.end())
        out.append(Frame((s, e), cue, [c], RuleId.STATE))
    return out
