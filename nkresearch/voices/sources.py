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

import pandas as pd

from ..config import RESOURCES_DIR


def _words(text: str) -> list[str]:
    """The words of a word list written as one string."""
    return text.split()


_LOOKBACK = 50  # how many of the latest sources a pronoun may reach back to, beyond two paragraphs
PRONOUNS = {
    "he": "m",
    "him": "m",
    "she": "f",
    "her": "f",
    "it": "body",
    "they": "any",
    "them": "any",
    "we": "any",
    "us": "any",
    "i": "any",
}
PERSON_NOUNS = frozenset(
    _words(
        """
        minister spokesman spokeswoman spokesperson spokespeople official officials president premier
        secretary aide assistant adviser advisor ambassador envoy diplomat diplomats representative
        chairman chairwoman chair head leader leaders commander general deputy counterpart ombudsman
        defender mediator mediators co-chair co-chairs co-chairmen member members lawmaker lawmakers
        senator congressman congresswoman candidate nominee governor mayor source sources analyst
        analysts expert experts observer observers witness witnesses resident residents negotiator
        negotiators director chief officer officers counsel attorney lawyer ally allies supporter
        supporters critic critics voter voters aides staff manager strategist economist professor
        researcher journalist reporter correspondent king queen prince emir sheikh pope patriarch
        catholicos bishop mufti colonel major captain lieutenant
        """
    )
)
BODY_NOUNS = frozenset(
    _words(
        """
        ministry government army military forces office service department agency committee council
        parliament assembly administration authorities side statement report bulletin command country
        state republic embassy mission organization organisation party group union campaign kremlin
        house pentagon press court commission cabinet presidency leadership troops contingent
        headquarters police guard guards directorate bureau center centre institute foundation poll
        survey study newspaper agency channel website
        """
    )
)
TITLE_WORDS = frozenset(
    _words(
        """
        President Presidential Prime Minister Ministry Foreign Defense Defence Affairs Spokesman
        Spokeswoman Spokesperson Press Secretary Deputy Ambassador Assistant Head Department Republic
        Army Armed Forces Office Service Government State General Mr Mrs Ms Dr Sir Senator Sen Rep Gov
        Governor Mayor Chairman Chief Commander Colonel Major Lieutenant Captain Security Council
        National Assembly Parliament Speaker Administration Policy Relations Interior Justice
        Information Communications Director Envoy Special Representative Official Officials Co-Chair Co-
        Chairs Co-chairs Human Rights Defender Ombudsman Vice Acting Former Ex Then Foreign-Minister
        Spokesperson's Statement Committee The A An His Her Its Their This That These Those Our Your My
        According In On At By For With From Of And Also But Meanwhile Moreover However Earlier Later
        Today Yesterday Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
        April May June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep
        Sept Oct Nov Dec Ministry's President's Minister's Kremlin's Press-Secretary MFA MoD FM PM
        """
    )
)
_FEMALE_FIRST = frozenset(
    _words(
        """
        Maria Anna Ani Leyla Shushan Mane Mehriban Hillary Nancy Kellyanne Sarah Elizabeth Catherine
        Ursula Federica Angela Theresa Liz Kamala Nikki Susan Samantha Victoria Jen Karine Lynne Zarui
        Lusine Natalia Valentina Svetlana Olga Tatiana Elena Irina Ekaterina Jennifer Linda Karen
        Patricia Mary Michelle Melania Ivanka Huma Donna Debbie Elaine Condoleezza Madeleine
        """
    )
)
_LETTER_RUNS = re.compile(r"[^\W\d_]{2,}")
_NAME_TOKEN = re.compile(r"(?:[A-ZÀ-ÞĀ-Ž][\w'’.-]*|(?:de|von|der|van|al|bin|ibn|Le|La)\b)")
_WORDS = re.compile(r"[\w'’.-]+")


@dataclass
class Spoken:
    """A source that has spoken in the document: the candidates of later coreference."""

    speaker: str
    actor: str
    type: str  # person or body
    gender: str  # f, m or ""
    para: int
    roles: set[str] = field(default_factory=set)  # the kinds of office its phrase named


def read_places() -> pd.DataFrame:
    """The side-naming words of source descriptions: ``pattern, actor`` (``resources/places.csv``)."""
    return pd.read_csv(RESOURCES_DIR / "places.csv", dtype=str, keep_default_na=False, comment="#")


def _year_ok(row: dict[str, str], year: int | None) -> bool:
    if year is None:
        return True
    lo, hi = row.get("from", ""), row.get("to", "")
    return (not lo or int(lo) - 1 <= year) and (not hi or year <= int(hi) + 1)


def _group_index(m: re.Match[str]) -> int:
    """Which of the named alternatives ``p<i>``/``g<i>`` of a joined pattern matched."""
    name = m.lastgroup or next(k for k, v in m.groupdict().items() if v is not None)
    return int(name[1:])


def _first_letters(patterns: pd.Series) -> str:
    """The letters the alternatives of some patterns can begin with (a superset)."""
    letters: set[str] = set()
    for alt in "|".join(patterns).split("|"):
        alt = re.sub(r"^(?:\(\?(?:i)?:|\()+", "", alt)
        if alt.startswith("("):  # an optional group first: any letter
            return "A-Za-z"
        if alt.startswith("["):
            letters.update(alt[1 : alt.index("]")])
        elif alt:
            letters.add(alt[0])
            letters.add(alt[0].upper())
    return "".join(sorted(letters))


class Gazetteer:
    """The places and the known people, compiled once for a run."""

    def __init__(self, speakers: pd.DataFrame, places: pd.DataFrame):
        self.places = [
            (re.compile(rf"(?<![\w-])(?:{p})(?![\w-])"), a)
            for p, a in zip(places["pattern"], places["actor"], strict=True)
        ]
        self.people = []
        for row in speakers.fillna("").astype(str).to_dict("records"):
            if row.get("type", "name") in ("anaphor", "role"):
                continue  # the coreference rules of this module replace the old pattern types
            # the longest word of each alternative: a fast test that the pattern can match at all
            row["_words"] = tuple(max(re.findall(r"[^\W\d_]{2,}", alt) or [alt], key=len) for alt in row["pattern"].split("|"))
            self.people.append((re.compile(rf"(?<![\w-])(?:{row['pattern']})(?![\w-])"), row))
        # every place in one pattern, for one pass over a whole text
        self.any_place = re.compile(  # the first letters first: most positions fail at once
            rf"(?=[{re.escape(_first_letters(places['pattern']))}])(?<![\w-])(?:"
            + "|".join(rf"(?P<p{i}>{p})" for i, p in enumerate(places["pattern"]))
            + r")(?![\w-])"
        )
        self.place_actors = list(places["actor"])

    def places_in(self, text: str) -> list[tuple[int, int, str]]:
        """Every side-naming phrase of a text: ``(start, end, actor)``, in text order."""
        return [(m.start(), m.end(), self.place_actors[_group_index(m)]) for m in self.any_place.finditer(text)]

    def place(self, phrase: str) -> tuple[str, int, int] | None:
        """The actor the leftmost side-naming words of ``phrase`` name, with their span."""
        m = self.any_place.search(phrase)
        return (self.place_actors[_group_index(m)], m.start(), m.end()) if m else None

    def person(self, phrase: str, year: int | None) -> dict[str, str] | None:
        """The gazetteer row of the last known name in ``phrase`` (the head of "X's spokesman Y")."""
        best: tuple[int, dict[str, str]] | None = None
        words = set(_WORDS.findall(phrase))
        for pattern, row in self.people:
            if words.isdisjoint(row["_words"]):
                continue
            for m in pattern.finditer(phrase):
                if _year_ok(row, year) and (best is None or m.start() > best[0]):
                    best = (m.start(), row)
        return best[1] if best else None


def names_in(phrase: str, gazetteer: Gazetteer) -> list[str]:
    """The person names of a phrase: runs of capitalised words that are not titles or places."""
    masked = gazetteer.any_place.sub(lambda m: " " * len(m.group()), phrase)
    runs: list[list[str]] = [[]]
    for word in _WORDS.findall(masked):
        core = re.sub(r"(?:'s|’s|'|’)$", "", word).strip(".")
        particle = core in ("de", "von", "der", "van", "al", "bin", "ibn", "Le", "La")
        if (
            core
            and _NAME_TOKEN.fullmatch(core)
            and core not in TITLE_WORDS
            and not core.isupper()
            and (runs[-1] or not particle)
        ):
            runs[-1].append(core)
        elif runs[-1]:
            runs.append([])
    return [
        " ".join(r).removesuffix(" de").removesuffix(" al")
        for r in runs
        if r and not all(w[0].islower() for w in r)
    ]


_GLUE = frozenset(
    _words(
        """
        of the for and 's ’s presidential foreign defence defense press affairs deputy prime state
        national security former acting first vice special personal chief senior top his her its their
        """
    )
)


def _titled_name(text: str, end: int) -> str | None:
    """The name after a side word and titles only ("Russian Foreign Minister Sergey Lavrov")."""
    titled, name = False, []
    for w in re.finditer(r"[\w'’.-]+|[,()]", text[end : end + 100]):
        word = w.group()
        core = re.sub(r"(?:'s|’s)$", "", word)
        if name:
            if _NAME_TOKEN.fullmatch(core) and core not in TITLE_WORDS and not core.isupper():
                name.append(core.strip("."))
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
        elif titled and _NAME_TOKEN.fullmatch(core) and not core.isupper() and core[0].isupper():
            name.append(core.strip("."))
        else:
            return None
    return " ".join(name) if name else None


def gender_of(name: str, row: dict[str, str] | None) -> str:
    if row and row.get("gender"):
        return row["gender"]
    first, last = name.split()[0], name.split()[-1]
    if first in _FEMALE_FIRST or re.search(r"(?:ova|eva|yeva|ina|aya|skaya)$", last):
        return "f"
    return ""


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
            name = _titled_name(text, end)
            if name:
                self._remember(name, actor)
                self.mentions.append((start, self.known[name][0], self.known[name][1]))
        people = [row for _, row in self.gazetteer.people if _year_ok(row, self.year)]
        words = set(_LETTER_RUNS.findall(text))
        people = [row for row in people if not words.isdisjoint(row["_words"])]
        if people:  # the people the text may name, in one pattern: one pass over it
            either = re.compile("|".join(rf"(?<![\w-])(?P<g{i}>{r['pattern']})(?![\w-])" for i, r in enumerate(people)))
            for m in either.finditer(text):
                row = people[_group_index(m)]
                self.mentions.append((m.start(), row["speaker"], row["actor"]))
        self.mentions.sort()
        self._mention_at = [m[0] for m in self.mentions]
        for m in re.finditer(
            r"([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}), ((?:the |an? )?[^,.;\n]{3,80}?)[,.;]", text
        ):
            words = {w.lower() for w in _WORDS.findall(m.group(2))}
            if not words & PERSON_NOUNS:
                continue
            found = self.gazetteer.place(m.group(2))
            if found and names_in(m.group(1), self.gazetteer):
                self._remember(names_in(m.group(1), self.gazetteer)[-1], found[0])

    def _remember(self, name: str, actor: str) -> None:
        if name not in self.known:
            self.known[name] = (name, actor)
        last = name.split()[-1]
        if len(name.split()) > 1 and last not in self.known:
            self.known[last] = (name, actor)

    def said(self, speaker: str, actor: str, kind: str, gender: str, para: int, phrase: str = "") -> None:
        roles = {_ROLE_CLASS.get(w.lower(), "") for w in _WORDS.findall(phrase)} - {""}
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

    def _mentioned(self, gender: str, pos: int) -> tuple[str, str] | None:
        """A fallback for a pronoun: the first placed person of the nearest paragraph before it that names one.

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

    def resolve(self, phrase: str, para: int, pos: int = 0) -> tuple[str, str, str, str, str] | None:
        """``(speaker, actor, type, gender, rule)`` of a source phrase, or None if it names no source."""
        words = _WORDS.findall(phrase)
        if not words:
            return None
        low = [w.lower() for w in words]
        if len(words) == 1 and low[0] in PRONOUNS:
            want = PRONOUNS[low[0]]
            kind = "body" if want == "body" else ("person" if want in ("f", "m") else "any")
            hit = self._nearest(kind, want, None, para) or (
                self._nearest("any", "", None, para) if kind == "body" else None
            )
            if hit is not None:
                return (
                    hit.speaker,
                    hit.actor,
                    hit.type,
                    hit.gender,
                    f"source: '{words[0]}' = nearest earlier source",
                )
            if kind == "person" and (named := self._mentioned(want, pos)):
                return (
                    named[0],
                    named[1],
                    "person",
                    want,
                    f"source: '{words[0]}' = nearest earlier placed name",
                )
            return (
                words[0],
                "Unknown",
                kind,
                want if want in "fm" else "",
                "source: pronoun, no earlier source",
            )
        # "Flynn, a top Trump surrogate": the name of an apposition comes first
        names = names_in(phrase.split(",")[0], self.gazetteer) or names_in(phrase, self.gazetteer)
        place = self.gazetteer.place(phrase)
        head_words = re.split(r"\s(?:of|for|to|at|in|on|from|with)\s", " ".join(low), maxsplit=1)[0].split()
        head = re.sub(r"(?:'s|’s)$", "", head_words[-1]) if head_words else ""
        person_role = next((w for w in low if w.strip("’'s") in PERSON_NOUNS), "")
        if names:
            name = names[-1]
            row = self.gazetteer.person(phrase, self.year)
            if name in self.known:
                full, actor = self.known[name]
                return full, actor, "person", gender_of(full, row), "source: name, placed by the text"
            if row is not None:
                kind = row.get("type", "person") or "person"
                return (
                    row["speaker"],
                    row["actor"],
                    kind,
                    gender_of(name, row),
                    "source: name in the gazetteer",
                )
            if place is not None:
                self._remember(name, place[0])
                return (
                    name,
                    place[0],
                    "person",
                    gender_of(name, None),
                    "source: name placed by its description",
                )
            if head in BODY_NOUNS and not person_role:
                return phrase.strip(), "Unknown", "body", "", "source: unplaced body"
            if "," not in phrase and words[-1][0].islower():  # "Connecticut's tax commissioner"
                return phrase.strip(), "Unknown", "person", "", "source: unplaced role of a name"
            return name, "Unknown", "person", gender_of(name, None), "source: unplaced name"
        row = self.gazetteer.person(phrase, self.year)
        if row is not None:
            kind = row.get("type", "person") or "person"
            return row["speaker"], row["actor"], kind, row.get("gender", ""), "source: name in the gazetteer"
        speaker = re.sub(r"^(?:the|The|a|A|an|An|its|Its|his|His|her|Her|their|Their)\s+", "", phrase.strip())
        definite = low[0] in ("the", "this", "that", "its", "his", "her", "their")
        if head in PERSON_NOUNS or (person_role and head not in BODY_NOUNS):
            role = next((_ROLE_CLASS[w] for w in low if w in _ROLE_CLASS), "")
            side = place[0] if place else None
            hit = self._nearest("person", "", side, para, role) or self._nearest("person", "", side, para)
            if hit is not None and definite:
                return hit.speaker, hit.actor, hit.type, hit.gender, "source: role = nearest earlier source"
            if definite and not place and (named := self._mentioned("", pos)):
                return named[0], named[1], "person", "", "source: role = nearest earlier placed name"
            if place:
                return speaker, place[0], "person", "", "source: role placed by its description"
            return speaker, "Unknown", "person", "", "source: unplaced role"
        if head in BODY_NOUNS or (place and place[2] - place[1] >= len(phrase.strip()) - 4):
            if place is None and definite:
                hit = self._nearest("body", "", None, para) or self._nearest("any", "", None, para)
                if hit is not None:
                    return (
                        hit.speaker,
                        hit.actor,
                        hit.type,
                        hit.gender,
                        "source: body = nearest earlier source",
                    )
            if place:
                return speaker, place[0], "body", "", "source: body placed by its description"
            return speaker, "Unknown", "body", "", "source: unplaced body"
        if _NOUN_PHRASE.fullmatch(phrase.strip()) and low[-1] not in _NOT_HEADS:
            return speaker, "Unknown", "any", "", "source: an unplaced noun phrase"
        return None


#: a noun phrase a cue can take as its source though no list names its head ("74 percent", "many", "the network")
_NOUN_PHRASE = re.compile(
    r"(?:(?:the|a|an|some|many|most|few|several|both|all|other|others|\d[\d,.]*(?: percent| per cent|%)?|"
    r"one|two|three|its|his|her|their|our|this|these|those|[A-Z][\w'’.-]*)\s*)?[\w'’.-]+(?:\s+[\w'’.-]+){0,6}",
    re.IGNORECASE,
)
_NOT_HEADS = frozenset(
    _words(
        """
        the a an of to in on at for with by and or but that which who this these those it its there here
        not no also very more most less only just even still yet so such as if than then when while
        already however meanwhile again too though instead indeed
        """
    )
)
_ROLE_CLASS = {
    "spokesman": "spokes", "spokeswoman": "spokes", "spokesperson": "spokes", "secretary": "spokes",
    "representative": "spokes", "minister": "minister", "president": "president", "premier": "premier",
    "ambassador": "ambassador", "envoy": "ambassador", "commander": "commander", "ombudsman": "ombudsman",
}  # fmt: skip
