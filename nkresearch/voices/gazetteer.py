"""The gazetteer: the words that place a source on a side, and the known officials.

``resources/places.csv`` lists nationality words, countries, capitals and
institutions by actor; ``resources/speakers.csv`` the officials and bodies with their
years in office. :class:`Gazetteer` compiles both once per run; :func:`names_in` finds
the person names of a source phrase (capitalised words that are neither titles nor
places).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from ..config import RESOURCES_DIR
from .lexicon import words

PERSON_NOUNS = words("person_nouns")
BODY_NOUNS = words("body_nouns")
TITLE_WORDS = words("title_words")
_FEMALE_FIRST = words("female_first")
_POSSESSIVE_END = re.compile(r"(?:'s|’s|'|’)$")
_FEMALE_SURNAME = re.compile(r"(?:ova|eva|yeva|ina|aya|skaya)$")
LETTER_RUNS = re.compile(r"[^\W\d_]{2,}")
NAME_TOKEN = re.compile(r"(?:[A-ZÀ-ÞĀ-Ž][\w'’.-]*|(?:de|von|der|van|al|bin|ibn|Le|La)\b)")
WORD_RUN = re.compile(r"[\w'’.-]+")


def read_places() -> pd.DataFrame:
    """The words that place a source's description on a side (``resources/places.csv``).

    Returns
    -------
    pandas.DataFrame
        ``pattern`` (a regular expression matched on whole words: nationality words,
        countries, capitals, institutions such as "Kremlin" or "Defense Army") and
        ``actor``. The leftmost match in a source phrase names its side.

    Examples
    --------
    >>> import nkresearch as nk
    >>> places = nk.read_places()
    >>> bool(places.loc[places["actor"] == "Moscow", "pattern"].str.contains("Kremlin").any())
    True
    """
    return pd.read_csv(RESOURCES_DIR / "places.csv", dtype=str, keep_default_na=False, comment="#")


def in_office(row: dict[str, str], year: int | None) -> bool:
    """Whether a gazetteer row's years in office include ``year`` (an unknown year: yes)."""
    if year is None:
        return True
    lo, hi = row.get("from", ""), row.get("to", "")
    return (not lo or int(lo) <= year) and (not hi or year <= int(hi))


def group_index(m: re.Match[str]) -> int:
    """Which of the named alternatives ``p<i>``/``g<i>`` of a joined pattern matched."""
    name = m.lastgroup or next(k for k, v in m.groupdict().items() if v is not None)
    return int(name[1:])


def _top_level_alternatives(pattern: str) -> list[str]:
    """The alternatives of a pattern outside any group, and of its leading groups, split on ``|``."""
    out, depth, start = [], 0, 0
    for k, c in enumerate(pattern):
        if c == "\\":
            continue
        if c == "(" and (k == 0 or pattern[k - 1] != "\\"):
            depth += 1
        elif c == ")" and pattern[k - 1] != "\\":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:k])
            start = k + 1
    out.append(pattern[start:])
    # an alternative that opens with a group may begin with any of that group's alternatives
    expanded = []
    for alt in out:
        m = re.match(r"\((?:\?(?:i)?:)?", alt)
        if m and alt.startswith("("):
            close, depth = m.end(), 1
            while close < len(alt) and depth:
                depth += {"(": 1, ")": -1}.get(alt[close], 0)
                close += 1
            inner, rest = alt[m.end() : close - 1], alt[close:]
            optional = rest.startswith(("?", "*"))
            expanded += [a + rest for a in _top_level_alternatives(inner)]
            if optional:
                expanded.append(rest[1:])
        else:
            expanded.append(alt)
    return expanded


def first_letters(patterns: pd.Series | list[str]) -> str:
    """A character class of the letters the patterns can begin with (``""``: can begin anyhow)."""
    letters: set[str] = set()
    for alt in _top_level_alternatives("|".join(patterns)):
        alt = re.sub(r"^(?:\(\?(?:i)?:|\()+", "", alt)
        if alt.startswith("["):
            letters.update(alt[1 : alt.index("]")])
        elif alt and (alt[0].isalnum() or alt[0] in "’'-"):
            letters.add(alt[0])  # patterns match case as written
        elif alt:
            return ""  # a group, an escape or a class first: any character may start it
    return "[" + "".join(re.escape(c) for c in sorted(letters)) + "]"


def with_dotted(pattern: str) -> str:
    """A pattern whose plain acronyms also match their dotted spelling ("OSCE" and "O.S.C.E.")."""
    alts = pattern.split("|")
    dotted = [r"\.".join(a) + r"\." for a in alts if re.fullmatch(r"[A-Z]{2,6}", a)]
    return "|".join([*dotted, *alts])  # the longer spelling first: "O.S.C.E." whole, not "O"


class Gazetteer:
    """The places and the known people, compiled once for a run."""

    def __init__(self, speakers: pd.DataFrame, places: pd.DataFrame, *, inflected: bool = False):
        """Compile the places and the people (``inflected``: names take endings; no whole-word pre-test)."""
        places = places.assign(pattern=places["pattern"].map(with_dotted))
        self.places = [
            (re.compile(rf"(?<![\w-])(?:{p})(?![\w-])"), a)
            for p, a in zip(places["pattern"], places["actor"], strict=True)
        ]
        self.people: list[tuple[re.Pattern[str], dict[str, Any]]] = []
        rows: list[dict[str, Any]] = speakers.fillna("").astype(str).to_dict("records")  # type: ignore[assignment]
        for row in rows:
            if row.get("type", "name") in ("anaphor", "role"):
                continue  # the coreference rules of this module replace the old pattern types
            # the longest word of each alternative: a fast test that the pattern can match at all
            row["_words"] = (
                ()
                if inflected
                else tuple(
                    max(re.findall(r"[^\W\d_]{2,}", alt) or [alt], key=len)
                    for alt in row["pattern"].split("|")
                )
            )
            self.people.append((re.compile(rf"(?<![\w-])(?:{row['pattern']})(?![\w-])"), row))
        # every place in one pattern, for one pass over a whole text
        self.any_place = re.compile(  # the first letters first: most positions fail at once
            (f"(?={starts})" if (starts := first_letters(places["pattern"])) else "")
            + r"(?<![\w-])(?:"
            + "|".join(rf"(?P<p{i}>{p})" for i, p in enumerate(places["pattern"]))
            + r")(?![\w-])"
        )
        self.place_actors = list(places["actor"])

    def places_in(self, text: str) -> list[tuple[int, int, str]]:
        """Every side-naming phrase of a text: ``(start, end, actor)``, in text order."""
        return [
            (m.start(), m.end(), self.place_actors[group_index(m)]) for m in self.any_place.finditer(text)
        ]

    def place(self, phrase: str) -> tuple[str, int, int] | None:
        """The actor the leftmost side-naming words of ``phrase`` name, with their span."""
        m = self.any_place.search(phrase)
        return (self.place_actors[group_index(m)], m.start(), m.end()) if m else None

    def person(self, phrase: str, year: int | None, *, first: bool = False) -> dict[str, str] | None:
        """The gazetteer row of the last known name in ``phrase`` (the head of "X's spokesman Y")."""
        found: list[tuple[int, int, dict[str, str]]] = []
        words = set(WORD_RUN.findall(phrase))
        for pattern, row in self.people:
            if row["_words"] and words.isdisjoint(row["_words"]):
                continue
            found += [(m.start(), m.end(), row) for m in pattern.finditer(phrase) if in_office(row, year)]
        # a name inside a longer one is part of it ("Aliyev" in "Heydar Aliyev"); then the last wins,
        # or the first where the phrase is a clause that opens with its subject
        whole = [
            f for f in found if not any(a <= f[0] and f[1] <= b and b - a > f[1] - f[0] for a, b, _ in found)
        ]
        if not whole:
            return None
        return (min if first else max)(whole, key=lambda f: f[0])[2]


def names_in(phrase: str, gazetteer: Gazetteer) -> list[str]:
    """The person names of a phrase: runs of capitalised words that are not titles or places."""
    masked = gazetteer.any_place.sub(lambda m: " " * len(m.group()), phrase)
    runs: list[list[str]] = [[]]
    for word in WORD_RUN.findall(masked):
        core = _POSSESSIVE_END.sub("", word).strip(".")
        particle = core in ("de", "von", "der", "van", "al", "bin", "ibn", "Le", "La")
        if (
            core
            and NAME_TOKEN.fullmatch(core)
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


def gender_of(name: str, row: dict[str, str] | None) -> str:
    """``f``, ``m`` or empty: from the gazetteer, else a female first name or surname ending."""
    if row and row.get("gender"):
        return row["gender"]
    first, last = name.split()[0], name.split()[-1]
    if first in _FEMALE_FIRST or _FEMALE_SURNAME.search(last):
        return "f"
    return ""
