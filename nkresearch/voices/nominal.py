"""Frames around a noun of speech: "a statement by X that", "X's claim that", "the words of X: “…”".

The noun carries the cue, the phrase it names or is possessed by the source, and the
clause after it (or the quote that follows) the content. A noun of a verdict or a
proposal takes its object as the content: "Trump's criticism of the judge", "her plan
for the border" (PolNeAR annotates these; a noun of a military act, "attacks on", is
none of them); so does a participle of stance after its noun, a reduced relative
clause: "a super PAC backing Rubio", "polls showing her behind".
"""

from __future__ import annotations

import re

from .content import object_end
from .cues import EVALUATION_NOUNS, POSSESSED_NOUNS, QUOTE, SPEECH_NOUNS, Cue, find_cues
from .labels import Frame
from .lexicon import alternation, words
from .phrases import PREPOSITIONS, SUBORDINATORS, WORD, chunk_before, trim
from .rules import RuleId
from .verbs import FINITE, PAST

#: "a recent statement by Yerevan that ...": a noun of speech, its source, its content
_NOMINAL = re.compile(
    rf"\b{SPEECH_NOUNS}\s+(?:(?:made|issued|released|voiced|published|given)\s+)?(?:by|of|from)\s+"
    r"(?P<src>(?:the |an? )?[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|the|for))*)(?:\s*,)?\s+that\b\s*"
)
#: "Aliyev's claim that ...", "his promise to build ...": what the possessor said, claimed or promised
#: the possessor of a noun: "Aliyev's", "The ministry's", "his"
_POSSESSOR = (
    r"(?P<src>\b(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.-]*(?=['’]s?\s)|\b[Tt]he\s+(?:[a-z]+\s+)?[a-z]+(?=['’]s\s)"
    r"|\b(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)(?=\s))(?:['’]s?)?\s+(?:[a-z]+\s+)?"
)
_POSSESSIVE_NOMINAL = re.compile(
    _POSSESSOR + rf"(?:{SPEECH_NOUNS}|{POSSESSED_NOUNS})"
    r"\s+(?:that\b\s*|to\s+(?=[a-z]))"
)
#: "Trump's criticism of the judge", "her support for the deal": a verdict or a proposal and its object
_POSSESSED_VERDICT = re.compile(
    _POSSESSOR + rf"{EVALUATION_NOUNS}\s+(?:of|for|about|on|against|to)\s+(?=[\w{QUOTE}])"
)
#: "the words of X: “...”": a quote that follows the name of the one whose words they are
_WORDS_OF = re.compile(
    rf"\b(?:{alternation('words_of')})"
    rf"\s+(?:of|by|from)\s+(?P<src>(?:the |an? )?[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|the|to|for|in))*)"
    rf"\s*[:,]?\s*(?={QUOTE})"
)

#: words that open a phrase before the possessor: "Despite the ministry's claims that ..."
_OPENERS = PREPOSITIONS | SUBORDINATORS | words("openers")


def _possessor(m: str, n: re.Match[str]) -> list[re.Match[str]]:
    """The words of the possessor, not the preposition before it ("Despite X's claim that")."""
    words = list(WORD.finditer(m, n.start("src"), n.end("src")))
    while len(words) > 1 and words[0].group().lower() in _OPENERS:
        words = words[1:]
    return words


def _possessed(m: str, n: re.Match[str], end: int) -> Frame | None:
    """The frame of "X's claim that <content>" (``n``, a match of :data:`_POSSESSIVE_NOMINAL`)."""
    words = _possessor(m, n)
    first = WORD.search(m, 0, n.end("src"))
    stop = end
    if first is not None and first.group().lower() in _OPENERS and (comma := m.find(",", n.end(), end)) > 0:
        stop = comma  # "Despite X's claim that A, B": the content ends with the opening phrase
    content = trim(m, n.end(), stop)
    if not words or content is None:
        return None
    return Frame((words[0].start(), n.end("src")), (n.end("src"), n.end()), [content], RuleId.POSSESSED_CLAIM)


def nominal_frames(m: str, end: int, *, quoted: bool) -> list[Frame]:
    """The frames of the nouns of speech of a sentence (quotes masked); "the words of X" if ``quoted``."""
    out: list[Frame] = []
    for n in _NOMINAL.finditer(m):
        if (c := trim(m, n.end(), end)) is not None:
            out.append(
                Frame(
                    (n.start("src"), n.end("src")),
                    (n.start(), n.start("src")),
                    [c],
                    RuleId.NOUN_BY,
                )
            )
    for n in _POSSESSIVE_NOMINAL.finditer(m):
        if (frame := _possessed(m, n, end)) is not None:
            out.append(frame)
    for n in _POSSESSED_VERDICT.finditer(m):
        words = _possessor(m, n)
        if words and (c := trim(m, n.end(), object_end(m, n.end(), end))) is not None:
            frame = Frame(
                (words[0].start(), n.end("src")), (n.end("src"), n.end()), [c], RuleId.POSSESSED_VERDICT
            )
            out.append(frame)
    for w in _WORDS_OF.finditer(m) if quoted else ():
        out.append(Frame((w.start("src"), w.end("src")), (w.start(), w.start("src")), [], RuleId.WORDS_OF))
    return out


#: "The OSCE Minsk Group Co-Chairs have issued the following statement on ...:": a text and who issued it
_STATEMENT_LEAD = re.compile(
    rf"^\s*(?:[^,]{{0,60}},\s*)?(?P<src>(?:[Tt]he\s+)?[A-Z][^,;:]{{0,80}}?)\s+(?:has\s+|have\s+|had\s+)?"
    rf"(?P<cue>(?:{alternation('issuing')})\s+(?:(?:a|an|the|its|their|his|her)\s+)?(?:following\s+|joint\s+|new\s+|"
    rf"special\s+|official\s+)*(?:{alternation('statement_nouns')}))\b(?P<rest>[^:{QUOTE}]*)"
    rf"(?:(?P<colon>:)\s*(?P<after>[^{QUOTE}\s][^{QUOTE}]*)?)?\s*$"
)


def statement_lead(m: str) -> list[Frame]:
    """A sentence that says who issued the text that follows: "X has issued a statement on Y:".

    What follows the colon (on the same line, or the next paragraph), and the quotes of the
    sentence and after it, are the issuer's; the topic ("on the situation in
    Nagorno-Karabakh") is the outlet's.
    """
    lead = _STATEMENT_LEAD.match(m)
    if lead is None or find_cues(lead.group("rest")):
        return []  # "issued a statement saying that ...": the cue's frame
    colon = lead.group("colon") is not None
    after = [(lead.start("after"), len(m.rstrip()))] if lead.group("after") else []  # "...: Recently, ..."
    return [Frame(lead.span("src"), lead.span("cue"), after, RuleId.STATEMENT_LEAD, colon)]


#: participles that modify the noun before them and report its stance: "a poll showing X ahead"
_STANCE_ING = words("stance_ing")
_DEPICTIONS = words("depictions")
#: what shows something: "polls showing", "records showing"
_EVIDENCE = words("evidence")
_NOUN_END = re.compile(r"[A-Za-z][\w'’.-]*\s+$")


def participle_after_noun(m: str, cue: Cue, end: int) -> Frame | None:
    """A reduced relative clause of stance: "a super PAC backing Rubio", "polls showing her behind"."""
    if (
        cue.group().lower() not in _STANCE_ING
        or _NOUN_END.search(m, max(0, cue.start() - 40), cue.start()) is None
    ):
        return None  # after a comma it is an adjunct of the clause (see participle_adjunct)
    s, e = chunk_before(m, cue.start())
    for w in WORD.finditer(m, s, e):  # the noun phrase after the last preposition or verb of the chunk
        if (
            w.group().lower() in FINITE | PREPOSITIONS | _OPENERS
            or w.group() in PAST
            or w.group().endswith("ed")
        ):
            s = w.end()
    words = WORD.findall(m[s:e])
    if not words or words[-1].endswith("ly") or words[-1].lower() in _DEPICTIONS:
        return None  # "footage showing the shelling": a picture, not anyone's stance
    if cue.group().lower() == "showing" and words[-1].lower() not in _EVIDENCE:
        return None  # "a strong showing in Iowa": a noun; "polls showing her behind": a finding
    s += len(m[s:e]) - len(m[s:e].lstrip())
    if (c := trim(m, cue.end(), object_end(m, cue.end(), end))) is None or not WORD.search(m, c[0], c[1]):
        return None
    return Frame((s, e), (cue.start(), cue.end()), [c], RuleId.PARTICIPLE_AFTER_NOUN)
