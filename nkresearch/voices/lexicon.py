"""The rules' vocabularies, read from data files keyed by language.

Every word the rules look for lives in ``resources/voices/<language>/`` (``en`` now),
never in code:

``cues.csv``
    the reporting cues, one form a row (``entry, form, flags``): each form once, with
    its flags (``inverts``: a verb of saying whose source may follow it, "..., said
    X"; ``audience``: its object is the audience, "told reporters that"; ``after``: it
    frames speech only after it, "..., he continued"; ``quoting``: it names the one
    quoted, "citing officials"; ``headline``: a capitalised form of headline style,
    for the reader of the file; ``belief``, ``intention``, ``claim``: what it reports
    where that is not speech, the relation of :func:`.frames.relation_of`; ``topic``:
    its object is what was spoken about, "commented on the blockade"; ``adjunct``: a
    participle that reports what the subject said after "by", "and" or "while";
    ``goes_on``: a participle after a comma that goes on with what the frame's source
    said, "..., said X, noting that");
``words.csv``
    the other word lists, one form a row (``list, form``): nouns of speech, states of
    mind, the grammar words a source phrase is cut by, and so on; each list is named
    where the rules use it.

Lines that start with ``#`` are comments. A list or a language that is not there is an
:class:`~nkresearch.errors.NKResearchError` naming the file.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

from ..config import RESOURCES_DIR
from ..errors import NKResearchError

LEXICON_DIR = RESOURCES_DIR / "voices"
CUE_FLAGS = frozenset(
    {"inverts", "audience", "after", "quoting", "headline", "belief", "intention", "claim", "topic"}
    | {"adjunct", "goes_on", "impersonal"}
)


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise NKResearchError(f"{path}: no such word list; the rules' vocabularies live in {LEXICON_DIR}")
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


@cache
def cue_flags(language: str = "en") -> dict[str, frozenset[str]]:
    """Every cue form of ``language`` (as written: "said", "call on", "Says") and its flags."""
    path = LEXICON_DIR / language / "cues.csv"
    out: dict[str, frozenset[str]] = {}
    for row in _rows(path):
        flags = frozenset(row["flags"].split())
        if flags - CUE_FLAGS or row["form"] in out:
            raise NKResearchError(
                f"{path}: {row['form']!r} is listed twice or has an unknown flag "
                f"({' '.join(sorted(flags - CUE_FLAGS))}); the flags are {', '.join(sorted(CUE_FLAGS))}"
            )
        out[row["form"]] = flags
    return out


def cues_with(flag: str, language: str = "en", *, first_word: bool = False) -> frozenset[str]:
    """The cue forms with ``flag``, lower-cased (``first_word``: only their first words)."""
    forms = (f.lower() for f, flags in cue_flags(language).items() if flag in flags)
    return frozenset(f.split()[0] if first_word else f for f in forms)


@cache
def cue_entry(entry: str, language: str = "en") -> frozenset[str]:
    """The lower-cased forms of one entry of the cue lexicon ("say": say, says, said, saying)."""
    path = LEXICON_DIR / language / "cues.csv"
    forms = frozenset(row["form"].lower() for row in _rows(path) if row["entry"] == entry)
    if not forms:
        raise NKResearchError(f"{path}: no cue entry {entry!r}")
    return forms


@cache
def _lists(language: str) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for row in _rows(LEXICON_DIR / language / "words.csv"):
        found.setdefault(row["list"], set()).add(row["form"])
    return {name: frozenset(forms) for name, forms in found.items()}


def word_lists(language: str = "en") -> frozenset[str]:
    """The names of the word lists of ``language``."""
    return frozenset(_lists(language))


def words(name: str, language: str = "en") -> frozenset[str]:
    """The forms of the word list ``name`` of ``language`` (``resources/voices/<language>/words.csv``)."""
    lists = _lists(language)
    if name not in lists:
        raise NKResearchError(
            f"{LEXICON_DIR / language / 'words.csv'}: no word list {name!r}; add its forms there "
            f"(lists: {', '.join(sorted(lists))})"
        )
    return lists[name]


def alternation(name: str, language: str = "en") -> str:
    """The forms of a word list as a regular-expression alternation, the longest first."""
    return "|".join(re.escape(w) for w in sorted(words(name, language), key=lambda w: (-len(w), w)))
