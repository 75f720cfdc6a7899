"""Where a source phrase begins and ends in a sentence, around its reporting cue.

A source phrase runs back from the cue to the last clause boundary (a comma, a
conjunction, a relative pronoun, a quote) without its adverbials ("on Oct. 6", "also",
"has"), or forward from an inverted cue ("..., said X while ...") to the next boundary;
an apposition between commas joins the name it describes ("Dmitry Peskov, the Kremlin
spokesman") and asides that name nobody ("however", "59", "of Ashton, Md.") are skipped.
:mod:`.frames` builds the frames from these phrases.
"""

from __future__ import annotations

import bisect
import itertools
import re
from functools import lru_cache

from .cues import QUOTE
from .lexicon import words

_LEAD = re.compile(
    r"(?i)^(?:(?:And|Or|But|So|Meanwhile|Moreover|However|Also|Yet|Then|Now|Still|Thus|Further|"
    r"Furthermore|In turn|At the same time)\b[\s,]*)+"
)
#: Each run of trailing words parses one way only, or a run of them fails in 2**n tries: no
#: alternative spells what others do in one or two rounds ("reportedly", "recently" are
#: [a-z]{3,}ly; "once again" is "once" then "again"), and after "on" the article is taken
#: whenever it is there ("on the eve": never "on the" then "eve").
_TRAIL = re.compile(
    r"(?:\s+(?:also|again|further|then|later|earlier|has|have|had|"
    r"would|will|[a-z]{3,}ly|long|just|since|first|still|always|often|even|ever|once|"
    r"(?:is|are|was|were|do|does|did|has|have|had|would|could|will|can|should)n[’']t|won[’']t|can[’']t|cannot|"
    r"(?:appear(?:s|ed)?|seem(?:s|ed)?|tr(?:y|ies|ied)|sought|went on|want(?:s|ed)?|continu(?:e|es|ed)|"
    r"beg(?:an|ins?)|(?:is|was|are|were) quick|proceed(?:s|ed)?|dared?) to|"
    r"could|can|may|might|did|does|do|not|never|already|today|yesterday|tonight|now|only|here|there|"
    r"last (?:week|month|year|night)|this (?:week|month|year)|"
    r"on (?:the (?=[\w.]))?+[\w.]+(?: \d{1,2}(?:st|nd|rd|th)?)?(?: of [\w-]+)?|in an? (?:statement|"
    r"interview|press release|message)|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:this|in the) (?:morning|evening|afternoon)))+\s*$"
)
_BOUNDARY = re.compile(
    rf"[,;:\[\]{QUOTE}—–]|\s-\s|^|\b(?i:that|which|who|whom|whose|where|when|while|because|although|though|if|as|"
    r"after|before|since|until|but|whereas|saying|adding)\b"
)
_PHRASE_END = re.compile(r"\s*(?:$|[,.;:!?)—–]|(?:while|when|as|after|during|in|on|at|who|adding|noting)\b)")
WORD = re.compile(r"[\w'’-]+")
_RELATIVE = re.compile(r",[^,;]{0,80}?\b(?:who|which|whose)\b[^,;]{1,150},\s{0,8}$")
_RELATIVE_SPAN = 1 + 80 + 7 + 150 + 1 + 8  # the longest match of _RELATIVE


@lru_cache(maxsize=16)
def _boundary_ends(m: str) -> list[int]:
    """Where the clause boundaries of a sentence end, in order (computed once per sentence)."""
    return [b.end() for b in _BOUNDARY.finditer(m)]


def chunk_before(m: str, end: int) -> tuple[int, int]:
    """The source phrase that ends at ``end``: back to the last clause boundary, adverbials off."""
    # "Hajiyev, who is also ..., said"; a relative clause that ends at `end` begins at most
    # _RELATIVE_SPAN characters before it: looked for there only, so a long line stays linear
    if rel := _RELATIVE.search(m, max(0, end - _RELATIVE_SPAN), end):
        end = rel.start()
    ends = _boundary_ends(m)
    start = ends[bisect.bisect_right(ends, end) - 1] if ends and ends[0] <= end else 0
    piece = m[start:end]
    lead = _LEAD.match(piece.lstrip())
    s = start + len(piece) - len(piece.lstrip()) + (lead.end() if lead else 0)
    s = _after_opening_phrase(m, s, end)
    trail = _TRAIL.search(m, s, end)
    e = trail.start() if trail and trail.start() > s else end
    return s, len(m[:e].rstrip())


#: words that open a clause of their own
SUBORDINATORS = words("subordinators")
PREPOSITIONS = words("prepositions")


_NUMBERS = words("numbers")


def opens_phrase(words: list[str]) -> bool:
    """The words open a prepositional phrase ("Following a meeting"), not a quantity ("About 9 percent")."""
    quantity = len(words) > 1 and (words[1][0].isdigit() or words[1].lower() in _NUMBERS)
    return words[0].lower() in PREPOSITIONS and not quantity


def _after_opening_phrase(m: str, s: int, end: int) -> int:
    """Skip an opening prepositional phrase without a comma: "In a written statement the ministry"."""
    words = list(WORD.finditer(m, s, end))
    if len(words) < 3 or words[0].group().lower() not in PREPOSITIONS:
        return s
    for prev, w in itertools.pairwise(words[1:]):
        starts_np = w.group().lower() in ("the", "a", "an") or w.group()[0].isupper()
        if starts_np and prev.group().lower() not in PREPOSITIONS and not prev.group()[0].isupper():
            return w.start()
    return s


def with_apposition(m: str, s: int) -> int:
    """Start of "Name, <role>" when the phrase at ``s`` is the role of a name before it."""
    before = m[:s].rstrip()
    if not before.endswith(","):
        return s
    prev_s, _ = chunk_before(m, len(before) - 1)
    prev = m[prev_s : len(before) - 1]
    words = WORD.findall(prev)
    here = WORD.findall(m[s : s + 80].split(",")[0])
    named = 1 <= len(words) <= 4 and all(w[0].isupper() or w in _PARTICLES for w in words)
    role = any(w.lower() in _ROLE_WORDS for w in words) and len(words) <= 9
    here_named = 1 <= len(here) <= 4 and all(w[0].isupper() for w in here)
    here_role = any(w.lower() in _ROLE_WORDS for w in here) or bool(
        here
        and (
            here[0].lower() in ("the", "a", "an", "its", "his", "her", "their")
            or here[0].endswith(("'s", "’s"))
        )
    )
    if (named and here_role) or (role and here_named):
        return prev_s
    return s


_PARTICLES = words("particles")
_ROLE_WORDS = words("role_words")


#: a full stop that ends a phrase, not the one of "Mr." or an initial ("Julie A. Diaz")
_STOP = (
    "".join(
        rf"(?<!\b{a})"
        for a in (
            "Mr",
            "Mrs",
            "Ms",
            "Dr",
            "Rep",
            "Sen",
            "Gov",
            "Gen",
            "Lt",
            "Col",
            "St",
            "Jr",
            "Sr",
            "Prof",
            "Rev",
        )
    )
    + r"(?<!\b[A-Z])\."
)
_AFTER_STOP = re.compile(
    rf"[,;:!?\[\]—–]|{_STOP}|\s-\s|\b(?:while|when|as|after|during|in|on|at|who|which|that|adding|noting|saying|"
    r"commenting|speaking|told|to)\b"
)


def chunk_after(m: str, start: int) -> tuple[int, int]:
    """The source phrase of an inverted frame ("..., said X while ..."): up to a boundary."""
    rest = m[start:]
    # "said spokesperson of the Foreign Ministry ..." : "of"/"for"/"the" run on inside the phrase
    hit = _AFTER_STOP.search(rest, len(rest) - len(rest.lstrip()))
    e = start + (hit.start() if hit else len(rest))
    piece = m[start:e]
    return start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())


def trim(m: str, s: int, e: int) -> tuple[int, int] | None:
    """The span ``s:e`` without the spaces and punctuation at its ends, or None if nothing is left."""
    piece = m[s:e]
    s2 = s + len(piece) - len(piece.lstrip(" ,;:—–-"))
    e2 = s + len(piece.rstrip(" ,;:—–-"))
    return (s2, e2) if e2 > s2 else None


_ADVERBS = words("adverbs")
#: appositions that say nothing of who speaks: an age ("25"), an origin ("of Ashton", "Md.")
_SKIPPED_APPOSITION = re.compile(
    r"\s*(?:\d+|(?:of|from|in|at|on|during|after|before|speaking|addressing|while|when)\s[^,]*|[A-Z][a-z]{0,3}\.(?:[A-Z]\.)*|[A-Z]\.(?:[A-Z]\.)+"
    r"|[a-z]+ed\s+(?:by|in|on|at|for|with|from|over|between|among)\s[^,]*"  # "conducted by the institute"
    r"|for (?:example|instance)|of course|in (?:fact|particular|addition|contrast|response)|by contrast"
    r"|on the other hand|at the same time)\s*"
)


def skippable(m: str, s: int, e: int) -> bool:
    """An apposition between commas that names no source: an adverb, an age, a place, a time."""
    words = WORD.findall(m[s:e])
    whole = m[m.rfind(",", 0, s) + 1 : e]  # with the opening phrase chunk_before skipped
    return bool(words) and (
        not {w.lower() for w in words} - _ADVERBS or bool(_SKIPPED_APPOSITION.fullmatch(whole))
    )


def ends_phrase(m: str, pos: int) -> bool:
    """Whether a source phrase ending at ``pos`` ends its clause ("..., said X." / "said X, who ...")."""
    return bool(_PHRASE_END.match(m, pos))


#: a date or a weekday after a cue ("said Thursday morning"): a time, not a source
TIME_PHRASE = re.compile(
    r"(?:(?:last|this|on|late|early)\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|"
    r"May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
    r"(?:\s+(?:\d{1,2}|morning|afternoon|evening|night))?"
)
#: an opening adverbial before the subject ("During his tour, he ...", "Nonetheless, I believe")
OPENING_ADVERBIAL = re.compile(
    r"(?:During|In|On|At|After|Before|Since|For|With|Without|Despite|Following|Under|Amid|Among|Throughout|"
    r"Unlike|Like|Nonetheless|Nevertheless|However|Meanwhile|Instead|Indeed|Moreover|Furthermore|Still|Yet|"
    r"Now|Then|Later|Earlier|Today|Yesterday|Also|Finally|First|Second|Again|Separately)\b[^,;:]*"
)
