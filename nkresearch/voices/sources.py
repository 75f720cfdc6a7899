"""From the words that name a source to a speaker and an actor: description first, then names.

A source is the noun phrase of an attribution ("Azerbaijan's defence ministry",
"Russian presidential spokesman Dmitry Peskov", "the Kremlin", "she", "the
official"). :class:`SourceBook` places it, per document:

1. a pronoun or a role without a name ("he", "it", "the minister", "the statement")
   is the nearest earlier *source* of a compatible kind (a person for he/she and
   person roles, of the right gender when known; a body for it and body roles; of
   the same side when the role names one), in its paragraph or the two before,
   else any earlier one; never someone only mentioned;
2. a name is looked up in what the document itself says of it ("Iranian Foreign
   Ministry spokesman Nasser Kanaani", "Babayan, the Artsakh President's spokesman"
   anywhere in the text), then in the gazetteer ``resources/speakers.csv`` (within the
   person's years in office), then placed by the description around it;
3. otherwise the description names the side: nationality words, countries, capitals
   and institutions of ``resources/places.csv`` (the leftmost wins);
4. a source with a name or a speaker noun but no side is ``Unknown`` with its words
   as ``speaker`` (never the outlet's ``Media``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from .gazetteer import (
    BODY_NOUNS,
    LETTER_RUNS,
    NAME_TOKEN,
    PERSON_NOUNS,
    TITLE_WORDS,
    WORD_RUN,
    Gazetteer,
    first_letters,
    gender_of,
    group_index,
    in_office,
    names_in,
)
from .lexicon import words
from .rules import RuleId

_PHRASE_STOP = re.compile(r"[,.;\n]")
_NAME_BEFORE = re.compile(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}$")
_TITLE_TOKENS = re.compile(r"[\w'’.-]+|[,()]")
_POSSESSIVE = re.compile(r"(?:'s|’s)$")
_HEAD_CUT = re.compile(r"\s(?:of|for|to|at|in|on|from|with)\s")
_DETERMINER = re.compile(r"^(?:the|The|a|A|an|An|its|Its|his|His|her|Her|their|Their)\s+")
_LOOKBACK = 50  # how many of the latest sources a pronoun may reach back to, beyond two paragraphs
PRONOUNS = {
    "he": "m",
    "him": "m",
    "she": "f",
    "her": "f",
    "his": "m",
    "it": "body",
    "its": "body",
    "their": "any",
    "they": "any",
    "them": "any",
    "we": "any",
    "us": "any",
    "i": "any",
}


#: the source rules that place a source by its name or description, not by a pronoun or a role's neighbour
BY_NAME = frozenset(
    {
        RuleId.NAME_GAZETTEER,
        RuleId.NAME_DESCRIBED,
        RuleId.NAME_BY_TEXT,
        RuleId.BODY_DESCRIBED,
        RuleId.ROLE_DESCRIBED,
    }
)


class Placed(NamedTuple):
    """A source placed on a side: who, which side, a person or a body, and the rule that placed it."""

    speaker: str
    actor: str
    type: str  # person, body or any
    gender: str  # f, m or ""
    rule: str  # a source rule of :mod:`.rules`


@dataclass
class Spoken:
    """A source that has spoken in the document: the candidates of later coreference."""

    speaker: str
    actor: str
    type: str  # person or body
    gender: str  # f, m or ""
    para: int
    roles: set[str] = field(default_factory=set)  # the kinds of office its phrase named

    def placed(self, rule: str) -> Placed:
        """The source as :meth:`SourceBook.resolve` returns one, with the rule that found it."""
        return Placed(self.speaker, self.actor, self.type, self.gender, rule)


_GLUE = words("glue")


#: a word that ends its sentence: a full stop after two letters or more ("Kocharyan.", not "J.")
_ENDS_SENTENCE = re.compile(r"\w{2,}[.!?]$")


#: an office whose holder a description names before its side word: "The head of the ... of the"
_OFFICE_BEFORE = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+(?P<office>[a-z]+)\s+of\b[^,;:.\n]{0,100}$")


def _office_before(text: str, start: int) -> bool:
    """A description that opens with an office and goes on to the side word at ``start``."""
    m = _OFFICE_BEFORE.search(text, max(0, start - 120), start)
    return m is not None and m.group("office") in PERSON_NOUNS


def _titled_name(text: str, end: int, *, titled: bool = False) -> str | None:
    """The name after a side word and titles only ("Russian Foreign Minister Sergey Lavrov").

    ``titled``: an office named before the side word already ("The head of the General Staff
    of the Russian Armed Forces Sergei Rudskoy").
    """
    name, name_words = list[str](), list[str]()
    last = end
    for w in _TITLE_TOKENS.finditer(text, end, end + 100):
        word = w.group()
        core = _POSSESSIVE.sub("", word)
        if name:
            if "\n" in text[last : w.start()] or _ENDS_SENTENCE.search(name_words[-1]):
                break  # "... Robert Kocharyan.\n\nPowell said": a name ends with its sentence
            if NAME_TOKEN.fullmatch(core) and core not in TITLE_WORDS and not core.isupper():
                name.append(core.strip("."))
                name_words.append(word)
                last = w.end()
                continue
            break
        if core.lower() in PERSON_NOUNS:
            titled = True
        elif (
            (word == "," and titled)
            or core.lower() in _GLUE
            or core.lower() in BODY_NOUNS
            or core in TITLE_WORDS
        ):
            continue
        elif titled and NAME_TOKEN.fullmatch(core) and not core.isupper() and core[0].isupper():
            name.append(core.strip("."))
            name_words.append(word)
        else:
            return None
    return " ".join(name) if name else None


class SourceBook:
    """Who has spoken so far in one document, and who a source phrase is."""

    def __init__(self, gazetteer: Gazetteer, text: str, year: int | None):
        self.gazetteer, self.year, self.text = gazetteer, year, text
        self.spoken: list[Spoken] = []
        self.known: dict[str, tuple[str, str]] = {}  # a name or surname -> (full name, actor)
        self.mentions: list[tuple[int, str, str]] = []  # (position, full name, actor) of placed names
        self._learn(text)

    def _learn(self, text: str) -> None:
        """What the text says of its names: "<side> <titles> Name" and "Name, <titles> of <side>"."""
        hits = self.gazetteer.places_in(text)
        for start, end, actor in hits:
            name = _titled_name(text, end, titled=_office_before(text, start))
            if name:
                self._remember(name, actor)
                self.mentions.append((start, self.known[name][0], self.known[name][1]))
        people = [row for _, row in self.gazetteer.people if in_office(row, self.year)]
        words = set(LETTER_RUNS.findall(text))
        people = [row for row in people if not words.isdisjoint(row["_words"])]
        if people:  # the people the text may name, in one pattern: one pass over it
            letters = first_letters([r["pattern"] for r in people])
            either = re.compile(  # the first letters first: most positions fail at once
                (f"(?={letters})" if letters else "")
                + r"(?<![\w-])(?:"
                + "|".join(rf"(?P<g{i}>{r['pattern']})" for i, r in enumerate(people))
                + r")(?![\w-])"
            )
            for m in either.finditer(text):
                row = people[group_index(m)]
                self.mentions.append((m.start(), row["speaker"], row["actor"]))
        self.mentions.sort()
        self._mention_at = [m[0] for m in self.mentions]
        for start, end, actor in hits:  # "Babayan, the Artsakh President's spokesman, said"
            comma = text.rfind(", ", max(0, start - 80), start)
            stop = _PHRASE_STOP.search(text, end, end + 200)
            if comma < 0 or _PHRASE_STOP.search(text, comma + 2, start):
                continue
            apposition = text[comma + 2 : stop.start() if stop else len(text)]
            if not {w.lower() for w in WORD_RUN.findall(apposition)} & PERSON_NOUNS:
                continue
            named = _NAME_BEFORE.search(text, max(0, comma - 60), comma)
            if named is not None and (names := names_in(named.group(), self.gazetteer)):
                self._remember(names[-1], actor)

    def _remember(self, name: str, actor: str) -> None:
        if name not in self.known:
            self.known[name] = (name, actor)
        last = name.split()[-1]
        if len(name.split()) > 1 and last not in self.known:
            self.known[last] = (name, actor)

    def said(self, speaker: str, actor: str, kind: str, gender: str, para: int, phrase: str = "") -> None:
        """Record a source that has just spoken (a candidate for later pronouns and roles)."""
        roles = {_ROLE_CLASS.get(w.lower(), "") for w in WORD_RUN.findall(phrase)} - {""}
        self.spoken.append(Spoken(speaker, actor, kind, gender, para, roles))

    def _nearest(self, want: str, gender: str, actor: str | None, para: int, role: str = "") -> Spoken | None:
        def fits(s: Spoken) -> bool:
            if want == "person" and s.type != "person":
                return False
            if want == "body" and s.type != "body" and not (actor and s.actor == actor):
                return False
            if gender in ("f", "m") and s.gender and s.gender != gender:
                return False
            if role and s.roles and role not in s.roles:
                return False
            return actor is None or s.actor == actor

        for s in reversed(self.spoken):  # in its paragraph or the two before
            if para - s.para > 2:
                break
            if fits(s):
                return s
        for s in reversed(self.spoken[-_LOOKBACK:]):  # else one of the latest sources (bounded: linear time)
            if fits(s):
                return s
        return None

    def _latest_text(self) -> Spoken | None:
        """The latest source named as a text's ("according to the statement by the OSCE MG")."""
        return next((s for s in reversed(self.spoken[-_LOOKBACK:]) if "text" in s.roles), None)

    def _mentioned(self, gender: str, pos: int) -> tuple[str, str] | None:
        """A pronoun's fallback: the first placed person of the nearest earlier paragraph naming one.

        The first name of a news paragraph is most often its subject ("Hajiyev took part in
        debates with Pashinyan's adviser. [...] He also noted that ...").
        """
        lo, hi = bisect.bisect_left(self._mention_at, pos - 1500), bisect.bisect_left(self._mention_at, pos)
        before = self.mentions[lo:hi]
        before = [m for m in before if not gender or gender_of(m[1], None) in ("", gender)]
        if not before:
            return None
        last_para = self.text.rfind("\n", 0, before[-1][0]) + 1
        first = next(m for m in before if m[0] >= last_para)
        return first[1], first[2]

    def resolve(self, phrase: str, para: int, pos: int = 0) -> Placed | None:
        """The source a phrase names, placed (:class:`Placed`), or None if it names no source."""
        words = WORD_RUN.findall(phrase)
        if not words:
            return None
        low = [w.lower() for w in words]
        if len(words) == 1 and low[0] in PRONOUNS:
            return self._pronoun(words[0], para, pos)
        # "Hajiyev, a top aide to the president": the name of an apposition comes first
        names = names_in(phrase.split(",")[0], self.gazetteer) or names_in(phrase, self.gazetteer)
        place = self.gazetteer.place(phrase)
        head_words = _HEAD_CUT.split(" ".join(low), maxsplit=1)[0].split()
        head = _POSSESSIVE.sub("", head_words[-1]) if head_words else ""
        person_role = next((w for w in low if w.strip("’'s") in PERSON_NOUNS), "")
        if names:
            return self._name(phrase, names[-1], place, body=head in BODY_NOUNS and not person_role)
        row = self.gazetteer.person(phrase, self.year)
        if row is not None:
            kind = row.get("type", "person") or "person"
            return Placed(row["speaker"], row["actor"], kind, row.get("gender", ""), RuleId.NAME_GAZETTEER)
        speaker = _DETERMINER.sub("", phrase.strip())
        definite = low[0] in ("the", "this", "that", "its", "his", "her", "their")
        if head in _PRESS and not place:
            return None  # "The journalists asked the Kremlin representative about ...": the outlet's question
        side = place[0] if place else None
        if head in PERSON_NOUNS or (person_role and head not in BODY_NOUNS):
            return self._role(speaker, low, side, definite, (para, pos))
        if head in BODY_NOUNS or (place and place[2] - place[1] >= len(speaker) - 4):
            return self._body(speaker, side, definite, para)
        single = len(words) == 1 and words[0][0].islower()  # "got", "please": not a noun phrase
        if single and not (low[0] in _QUANTIFIERS or low[0].endswith("s")):
            return None
        if _NOUN_PHRASE.fullmatch(phrase.strip()) and low[-1] not in _NOT_HEADS:
            return Placed(speaker, "Unknown", "any", "", RuleId.NOUN_PHRASE)
        return None

    def _pronoun(self, word: str, para: int, pos: int) -> Placed:
        """A pronoun: the nearest earlier source of its kind, else the paragraph's first placed person."""
        want = PRONOUNS[word.lower()]
        kind = "body" if want == "body" else ("person" if want in ("f", "m") else "any")
        hit = self._nearest(kind, want, None, para) or (
            self._nearest("any", "", None, para) if kind == "body" else None
        )
        if hit is not None:
            return hit.placed(RuleId.PRONOUN_NEAREST)
        if kind == "person" and (named := self._mentioned(want, pos)):
            return Placed(named[0], named[1], "person", want, RuleId.PRONOUN_MENTIONED)
        return Placed(word, "Unknown", kind, want if want in "fm" else "", RuleId.PRONOUN_UNRESOLVED)

    def _name(self, phrase: str, name: str, place: tuple[str, int, int] | None, *, body: bool) -> Placed:
        """A phrase with a name: by what the text says of it, the gazetteer, then its description."""
        row = self.gazetteer.person(phrase, self.year)
        if name in self.known:
            full, actor = self.known[name]
            return Placed(full, actor, "person", gender_of(full, row), RuleId.NAME_BY_TEXT)
        if row is not None:
            kind = row.get("type", "person") or "person"
            last = name.split()[-1]  # "Arayik Harutyunyan", then "Harutyunyan": the same person
            same = row["speaker"].split()[-1] == last  # the name is the gazetteer's person, not a neighbour
            if same and last != name and self.gazetteer.person(last, self.year) is None:
                self.known.setdefault(last, (row["speaker"], row["actor"]))
            return Placed(row["speaker"], row["actor"], kind, gender_of(name, row), RuleId.NAME_GAZETTEER)
        if place is not None:
            self._remember(name, place[0])
            return Placed(name, place[0], "person", gender_of(name, None), RuleId.NAME_DESCRIBED)
        if body:
            return Placed(phrase.strip(), "Unknown", "body", "", RuleId.BODY_UNPLACED)
        words = WORD_RUN.findall(phrase)
        if "," not in phrase and words[-1][0].islower():  # "Connecticut's tax commissioner"
            return Placed(phrase.strip(), "Unknown", "person", "", RuleId.NAME_ROLE_UNPLACED)
        return Placed(name, "Unknown", "person", gender_of(name, None), RuleId.NAME_UNPLACED)

    def _role(
        self, speaker: str, low: list[str], side: str | None, definite: bool, where: tuple[int, int]
    ) -> Placed:
        """A role without a name: the nearest earlier source of its office and side, or its description."""
        para, pos = where
        role = next((_ROLE_CLASS[w] for w in low if w in _ROLE_CLASS), "")
        hit = self._nearest("person", "", side, para, role) or self._nearest("person", "", side, para)
        if hit is not None and definite:
            return hit.placed(RuleId.ROLE_NEAREST)
        if definite and side is None and (named := self._mentioned("", pos)):
            return Placed(named[0], named[1], "person", "", RuleId.ROLE_MENTIONED)
        if side is not None:
            return Placed(speaker, side, "person", "", RuleId.ROLE_DESCRIBED)
        return Placed(speaker, "Unknown", "person", "", RuleId.ROLE_UNPLACED)

    def _body(self, speaker: str, side: str | None, definite: bool, para: int) -> Placed:
        """A body: placed by its description, else (when definite) the nearest earlier source."""
        if side is None and definite:  # "the statement": the source of the latest statement first
            text = any(_ROLE_CLASS.get(w) == "text" for w in speaker.lower().split())
            hit = (
                (self._latest_text() if text else None)
                or self._nearest("body", "", None, para)
                or self._nearest("any", "", None, para)
            )
            if hit is not None:
                return hit.placed(RuleId.BODY_NEAREST)
        if side is not None:
            return Placed(speaker, side, "body", "", RuleId.BODY_DESCRIBED)
        return Placed(speaker, "Unknown", "body", "", RuleId.BODY_UNPLACED)


#: the press: a question or a report of theirs is the outlet's narration, not a source's speech
_PRESS = words("press")
#: a noun phrase a cue can take as its source though no list names its head
#: ("74 percent", "many", "the network")
_NOUN_PHRASE = re.compile(
    r"(?:(?:the|a|an|some|many|most|few|several|both|all|other|others|\d[\d,.]*(?: percent| per cent|%)?|"
    r"one|two|three|its|his|her|their|our|this|these|those|[A-Z][\w'’.-]*)\s*)?[\w'’.-]+(?:\s+[\w'’.-]+){0,6}",
    re.IGNORECASE,
)
_QUANTIFIERS = words("quantifiers")
_NOT_HEADS = words("not_heads")
_ROLE_CLASS = {
    "spokesman": "spokes", "spokeswoman": "spokes", "spokesperson": "spokes", "secretary": "spokes",
    "representative": "spokes", "minister": "minister", "president": "president", "premier": "premier",
    "ambassador": "ambassador", "envoy": "ambassador", "commander": "commander", "ombudsman": "ombudsman",
    "statement": "text", "message": "text", "release": "text", "communique": "text", "communiqué": "text",
    "declaration": "text",
}  # fmt: skip
