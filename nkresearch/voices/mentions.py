"""Where the side of a source in Russian, Armenian or Azerbaijani comes from besides its own words.

A role or body named without its side ("Səfirlik qeyd edir ki", "Посольство подчеркнуло")
takes the side of its latest earlier mention ("Azərbaycanın Rusiyadakı Səfirliyindən",
"посольство Азербайджана в Москве"); a news opener ("Как сообщает X,", "Ինչպես հաղորդում է
X,") cites a side where its phrase names one and no news outlet ("the ministry's press
service", not "Armenpress" or "the agency's correspondent"). Used by :mod:`.multilingual`.
"""

from __future__ import annotations

import re

from .gazetteer import Gazetteer
from .grammars import Grammar

_WORD = re.compile(r"\w+")
_LOOKBACK = 3000  # how far back a role's earlier mention is looked for (characters)
_ROLE_WORDS = 4  # the words on each side of that mention (to a comma) whose description places it
#: a news site named by its address ("Metbuat.az", "News.am"): what it reports is the outlet's narration
NEWS_SITE = re.compile(r"[^\W\d_][\w-]*\.(?:az|am|ru|ge|tr|ir|com|net|org|info|news)")


_LETTERS = re.compile(r"(?<![\w.-])[^\W\d_]{4,}")


def capitalised(text: str) -> list[re.Match[str]]:
    """The capitalised words of four letters or more (a name, or a sentence's first word)."""
    return [m for m in _LETTERS.finditer(text) if m.group()[0].isupper() and m.group()[1:].islower()]


def possessors(text: str, s: int, claim: re.Match[str]) -> list[tuple[int, int]]:
    """Where the possessor of a claim noun may stand, nearest first.

    After the noun ("заявление МИД Азербайджана о том, что"), else one to six words before
    it ("Ադրբեջանի ԱԳՆ հայտարարությանը").
    """
    if claim.group("of").strip():
        return [claim.span("of")]
    starts = [w.start() for w in _WORD.finditer(text, max(s, claim.start() - 80), claim.start())]
    return [(a, claim.start()) for a in reversed(starts[-6:])]


def clause_end(text: str, start: int, limit: int) -> int:
    """Where a claim's content from ``start`` ends: the last comma before ``limit`` with words after it."""
    comma = text.rfind(",", start, limit)
    return comma if comma > start and len(_WORD.findall(text, comma, limit)) >= 2 else limit


def stem(word: str) -> str:
    """A name without its case ending: the first letters that every inflected form keeps."""
    return word[: max(4, len(word) - 2)].lower()


def mentioned_side(text: str, at: int, phrase: str, grammar: Grammar, gazetteer: Gazetteer) -> str | None:
    """The side of the latest mention before ``at`` of the role ``phrase`` names, or None."""
    role = grammar.role.search(phrase)
    if role is None:
        return None
    start = max(0, at - _LOOKBACK)
    earlier = list(re.finditer(rf"(?i)(?<![\w-]){re.escape(stem(role.group()))}[\w-]*", text[start:at]))
    if not earlier:
        return None
    s, e = (start + x for x in earlier[-1].span())
    before = [w.start() for w in _WORD.finditer(text, max(0, s - 80), s)][-_ROLE_WORDS:]
    after = [w.end() for w in _WORD.finditer(text, e, min(at, e + 60))][:_ROLE_WORDS]
    stop = re.search(r"[.,;:!?։՝]", text[e : after[-1]]) if after else None
    placed = gazetteer.place(
        text[before[0] if before else s : e + stop.start() if stop else (after or [e])[-1]]
    )
    return placed[0] if placed is not None else None


def cites_side(text: str, a: int, b: int, grammar: Grammar, gazetteer: Gazetteer) -> bool:
    """Whether the news opener ``text[a:b]`` cites a side by its description, not a news outlet."""
    placed = gazetteer.place(text[a:b])
    press = grammar.press.search(text, a, b) or NEWS_SITE.search(text, a, b)
    return placed is not None and placed[0] not in ("Media", "Unknown") and press is None
