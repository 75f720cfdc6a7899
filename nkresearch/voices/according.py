"""Frames of a source named in a phrase: "according to X", "in the words of X", "Citing X", "as X said".

The phrase sits before the content ("According to Peskov, the talks ...") or after it
("The talks failed, according to Peskov"), or in its middle ("The economy, according to
the IMF, will grow": both parts are the content). The aside "as X pointed out" comments
on the sentence around it.
"""

from __future__ import annotations

import re

from .content import GOES_ON
from .cues import QUOTE, Cue
from .labels import Frame
from .lexicon import words
from .phrases import SUBORDINATORS, WORD, chunk_after, trim
from .rules import RuleId
from .verbs import FINITE, PAST, is_opening

_ONLY_QUOTES = re.compile(rf"[{QUOTE}\s,]*")
_INFORMATION_FROM = re.compile(
    r"(?:the |a |an )?(?:(?:latest|new|recent|official|preliminary|initial) )?(?:information|data|"
    r"reports?|figures|"
    r"estimates?|statements?|statistics|sources?|tally|count) (?:from|of|by|released by|"
    r"provided by|published by) "
)
_ACCORDING = re.compile(
    r"\b(?:[Aa]ccording to|[Ii]n the words of|[Aa]s (?:stated|reported|said|noted|quoted) by|"
    r"^(?:Citing|Quoting))\s+"  # "Citing a ministry statement, ..."; "..., citing X" is a participle
)
#: a past participle that begins a reduced relative clause after the source: "X posted on its website"
_PARTICIPLE = re.compile(r"(?<=[\w.)]) (?:[a-z]+ed|made|given|sent|written|issued|released)\b")
_APPOSITION = re.compile(r"\s*,\s*(?:a|an|the|its|his|her|their|one|compared|even|then|now)\b[^,;:]*")
_CONJUNCTIONS = words("conjunctions")


def _apposition(m: str, pos: int) -> bool:
    """After a source, ", a Moscow pollster": an apposition (no verb), not the rest of the clause."""
    a = _APPOSITION.match(m, pos)
    return a is not None and not {w for w in WORD.findall(a.group()) if w in FINITE or w in PAST}


def according_frames(m: str, end: int) -> list[Frame]:
    """The frames of the source phrases of a sentence (quotes masked) that ends its words at ``end``."""
    out: list[Frame] = []
    for acc in _ACCORDING.finditer(m):
        s, e = chunk_after(m, acc.end())
        if (via := _INFORMATION_FROM.match(m, s, e)) is not None:  # "according to information from X"
            s = via.end()
        if (participle := _PARTICIPLE.search(m, s, e)) is not None:  # "the OSCE MG posted on its website"
            e = len(m[: participle.start()].rstrip())
        if e <= s:
            continue
        before = m[: acc.start()].strip(" ,")
        content = []
        words = {w.lower() for w in WORD.findall(before)}
        # "Moreover, according to Peskov, ...", "But, according to the poll, ...": an opening phrase,
        # not a clause ("Now the FBI is looking into it, according to ...")
        opening = is_opening(before) or words <= _CONJUNCTIONS
        if opening or WORD.search(before) is None or _ONLY_QUOTES.fullmatch(before) is not None:
            if (c := trim(m, e, end)) is not None:
                content.append(c)
            rule = RuleId.ACCORDING_BEFORE
        else:
            if (c := trim(m, 0, acc.start())) is not None:
                content.append(c)
            # "The economy, according to the IMF, will grow": the rest of the clause, not an apposition
            # of the source ("..., according to Ivan Petrov, a Moscow pollster") nor a new clause
            goes_on = GOES_ON.match(m, e) is not None and not _apposition(m, e)
            if goes_on and (c2 := trim(m, e, end)) is not None and len(WORD.findall(m[c2[0] : c2[1]])) >= 3:
                content.append(c2)
            rule = RuleId.ACCORDING_AFTER
        out.append(Frame((s, e), (acc.start(), acc.end()), content, rule))
    return out


_AS_BEFORE = re.compile(
    r"(?:^|(?<=[\s,(]))[Aa]s\s+(?P<src>[^;:,]{1,80}?)(?:,[^;:,]{1,60},)?"
    # "rightly" is one of [a-z]+ly: each word listed once, or a run of adverbs parses 2**n ways
    r"(?:\s+(?:has|have|had|also|already|once|so|long|[a-z]+ly))*\s*$"
)
_CONTRACTION = re.compile(r"['’](?:ve|d|ll|s)$")
_AS_AFTER = re.compile(r"\s*+(?:,|[.!?]?\s*$)")  # the spaces read once: two \s* would split a run n ways


def as_aside(m: str, cue: Cue, end: int) -> Frame | None:
    """The aside "as X pointed out," and the sentence it comments on, before and after it."""
    tail = _AS_AFTER.match(m, cue.end())
    if tail is None:
        return None
    head = _AS_BEFORE.search(m, max(0, cue.start() - 160), cue.start())
    if head is None or not WORD.findall(head.group("src")):
        return None
    content = []
    # a word before the aside that is not a subordinator (the first such word is enough to know)
    before = any(w.group().lower() not in SUBORDINATORS for w in WORD.finditer(m, 0, head.start()))
    if before and m[: head.start()].rstrip().endswith(",") and (c := trim(m, 0, head.start())):
        content.append(c)  # "Hawaii, as one of the advisers pointed out, normally does not ..."
    if tail.group().strip() == "," and (c := trim(m, tail.end(), end)) is not None:
        content.append(c)
    if not content:
        return None
    src_end = head.start("src") + len(_CONTRACTION.sub("", head.group("src")))
    return Frame((head.start("src"), src_end), (cue.start(), cue.end()), content, RuleId.AS_ASIDE)
