"""Frames of a report whose source goes unnamed: a cue in the passive, an adverb of hearsay.

"was accused of", "is expected to", "were echoed by X"; "reportedly", "allegedly".

A passive names what was said and often not who said it: "Mr. Quiros was accused of
using the money" reports an accusation whose source the text leaves out, as PolNeAR
(Newell, Margolin & Ruths 2018) annotates it: the clause is the content, the source
empty. With an agent ("His views were echoed by many experts") the agent is the source
and the subject the content; after a cue of telling ("Residents were told to leave")
the subject is the audience and what follows the cue the content. The participles of
the lexicon whose passive reports nothing (a modal "was supposed to", an author
"written by", a feast "is observed", a name "is called X") frame nothing. "X has
reportedly agreed to ...": the clause of the adverb is reported, no one named.
:func:`nkresearch.voices.frames.find_frames` weighs these frames after every other
frame of the sentence.
"""

from __future__ import annotations

import re

from .cues import QUOTING, STATE_WORDS, TELL_LIKE, Cue
from .labels import Frame
from .lexicon import alternation, words
from .phrases import WORD, chunk_after, chunk_before, trim
from .rules import RuleId

#: "was accused of", "has been widely criticized for", "is expected to": a cue in the passive
_PASSIVE_AUX = re.compile(
    r"(?:^|\s)(?:is|are|was|were|be|been|being|(?:is|are|was|were)(?: not|n[’']t))"
    # "widely" is one of [a-z]+ly: each word listed once, or a run of adverbs parses 2**n ways
    r"(?:\s+(?:not|also|still|now|first|long|once|already|[a-z]+ly))*\s+$"
)
#: irregular past participles of the lexicon ("was told", "is thought to")
_IRREGULAR_PARTICIPLES = words("irregular_participles")
#: participles of the lexicon whose passive reports nothing: a modal ("was supposed to"), an author
#: ("written by"), a feast ("is observed"), a price or a match ("offered", "compared"), a name given
_NOT_REPORTING_PASSIVE = words("not_reporting_passive")
_STATE_WORD = re.compile(STATE_WORDS)
#: cues that give a name in the passive ("is called Mission Armenia"), and the name after them
_NAMING_CUES = words("naming_cues")
_NAME_NEXT = re.compile(r"\s+[A-Z]")
#: the agent of a passive: "by X", near the cue
_AGENT = re.compile(r"\s+(?:(?:[a-z]+ly|first|in detail|in part|repeatedly|publicly)\s+)?by\s+(?=[A-Za-z])")
#: where the clause of a passive ends: a semicolon or a dash before the next clause
_CLAUSE_STOP = re.compile(r"\s*(?:;|\s[—–-]+)\s")


#: after "was quoted" or "was cited": the channel, then the words it reports ("by TASS as saying that")
_AS_SAYING = re.compile(
    r"(?:\s+by\s+(?:the\s+)?[\w.'’-]+(?:\s+[\w.'’-]+){0,4}?)?\s+as\s+(?:saying|stating|telling\s+\S+)(?:\s+that)?\s*"
)


def passive_frame(m: str, cue: Cue, end: int) -> Frame | None:
    """The frame of a cue in the passive, or None.

    A frame without an agent has an empty source (``source[0] == source[1]``). The clause
    runs from its subject (:func:`.phrases.chunk_before`) to the next semicolon or dash.
    """
    word = cue.group().split()[0].lower()
    if not (word.endswith("ed") or word in _IRREGULAR_PARTICIPLES) or word in _NOT_REPORTING_PASSIVE:
        return None
    if _STATE_WORD.fullmatch(word):
        return None  # "is worried about": a state of mind, whose subject is the source (:mod:`.states`)
    if word in _NAMING_CUES and _NAME_NEXT.match(m, cue.end()):
        return None  # "is called Mission Armenia": a name given
    aux = _PASSIVE_AUX.search(m, max(0, cue.start() - 60), cue.start())
    if aux is None:
        return None
    s, e = chunk_before(m, aux.start() + (1 if m[aux.start()].isspace() else 0))
    if not WORD.search(m, s, e):
        return None
    stop = _CLAUSE_STOP.search(m, cue.end(), end)
    clause_end = stop.start() if stop is not None else end
    if word in QUOTING and (said := _AS_SAYING.match(m, cue.end())) is not None:
        # "Peskov was quoted (by TASS) as saying that ...": the subject is the source, not the content
        c = trim(m, said.end(), clause_end)
        return Frame((s, e), (cue.start(), said.end()), [c] if c is not None else [], RuleId.QUOTED_AS_SAYING)
    agent = _AGENT.match(m, cue.end())
    if agent is not None:
        a, b = chunk_after(m, agent.end())
        if b <= a or (c := trim(m, s, e)) is None:
            return None
        return Frame((a, b), (cue.start(), agent.end()), [c], RuleId.PASSIVE_BY)
    if word in TELL_LIKE:  # "Residents were told to leave": the subject is the audience, the rest is said
        c = trim(m, cue.end(), clause_end)
        if c is None or len(WORD.findall(m[c[0] : c[1]])) < 2:
            return None
    elif (c := trim(m, s, clause_end)) is None:
        return None
    return Frame((cue.start(), cue.start()), (cue.start(), cue.end()), [c], RuleId.PASSIVE)


#: "This was announced on July 6 during a briefing by X.": the words said are the sentences before it
_THIS_SAID = re.compile(
    rf"(?i:{alternation('this_said_subjects')})\s+(?:was|has\s+been|had\s+been)\s+(?:[a-z]+ly\s+)?"
    rf"(?:{alternation('this_said_verbs')})\b(?P<rest>[^.;:!?]{{0,120}}?)\s+by\s+(?=[A-Za-z])"
)


def this_said(m: str) -> list[Frame]:
    """The frame of "This was announced by X" opening a sentence: X the source, no content of its own.

    Its words are the sentences before it, in its paragraph (:meth:`.auto._Document._this_said`).
    """
    said = _THIS_SAID.match(m)
    if said is None:
        return []
    a, b = chunk_after(m, said.end())
    return [Frame((a, b), (said.start(), said.end()), [], RuleId.THIS_SAID)] if b > a else []


#: adverbs that report hearsay: the clause they stand in is someone's report, no one named
HEARSAY = re.compile(rf"\b(?:{alternation('hearsay')})\b")


def hearsay_frames(m: str, end: int) -> list[Frame]:
    """The frames of the adverbs of hearsay of a sentence: "The FBI is reportedly planning to ..."."""
    out = []
    for h in HEARSAY.finditer(m):
        s, _ = chunk_before(m, h.start())
        stop = _CLAUSE_STOP.search(m, h.end(), end)
        if (c := trim(m, s, stop.start() if stop is not None else end)) is not None:
            out.append(Frame((h.start(), h.start()), (h.start(), h.end()), [c], RuleId.HEARSAY))
    return out
