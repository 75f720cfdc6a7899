"""A light stemmer for Azerbaijani nouns: the ``lemma`` of az tokens.

No package lemmatizes Azerbaijani offline (simplemma has no ``az``), and the stemmers
on PyPI cut names ("Əliyev" -> "əl", "Qarabağ" -> "qara"). This one strips the noun
endings of ``resources/languages/az/suffixes.csv`` (plural, 3rd-person possessive,
case, copula) from words written in lower case only, where the grammar allows the
ending (the file's header gives the conditions: the order of the endings, vowel
harmony, the buffer consonants after a vowel, a stem of at least 3 letters with a
vowel). Of the ways to strip the endings, the one that leaves the shortest stem wins:
``ərazisində`` is ``ərazi-sində``, not ``ərazis-ində``. Words of
``resources/languages/az/not_stemmed.txt`` and of the stopword list stay whole, and a
capitalised word is never passed here (:func:`nkresearch.tokens.languages.lemma_of`),
so names keep their form. It is a stemmer, not a lemmatizer: verbs keep their
endings, and a loanword whose stem ends like an ending may lose a letter
(``prosesinə`` -> ``prose``, as ``ərazisinə`` -> ``ərazi``).
"""

from __future__ import annotations

from functools import cache

from ..corpus.languages import LANGUAGES_DIR

_VOWELS = frozenset("aıoueəiöü")
#: the vowels an ending may have after a stem's last vowel (two- and four-way harmony)
_HARMONY = {
    "a": "aı",
    "ı": "aı",
    "o": "au",
    "u": "au",
    "e": "əi",
    "ə": "əi",
    "i": "əi",
    "ö": "əü",
    "ü": "əü",
}
#: letters a stem keeps at least; before an ending that opens with a vowel, one more
MIN_STEM = 3
#: the slots of the endings, from the stem out; an ending strips only after one of a later slot
SLOTS = ("plural", "possessive", "case", "copula")


@cache
def suffixes() -> tuple[tuple[str, int], ...]:
    """The endings of ``resources/languages/az/suffixes.csv`` and their slots, longest first."""
    lines = (LANGUAGES_DIR / "az" / "suffixes.csv").read_text(encoding="utf-8").splitlines()
    rows = [line.split(",") for line in lines if line.strip() and not line.startswith("#")]
    found = {(ending.strip(), SLOTS.index(slot.strip())) for ending, slot in rows[1:]}
    return tuple(sorted(found, key=lambda e: (-len(e[0]), e)))


@cache
def _whole() -> frozenset[str]:
    """Words never stemmed: not_stemmed.txt and the stopwords."""
    words: set[str] = set()
    for name in ("not_stemmed.txt", "stopwords.txt"):
        lines = (LANGUAGES_DIR / "az" / name).read_text(encoding="utf-8").splitlines()
        words |= {w.strip() for w in lines if w.strip() and not w.startswith("#")}
    return frozenset(words)


def _allowed(stem: str, ending: str) -> bool:
    """Whether ``ending`` may follow ``stem`` (see the module docstring)."""
    opens_with_vowel = ending[0] in _VOWELS
    if len(stem) < MIN_STEM + opens_with_vowel:
        return False
    vowels = [c for c in stem if c in _VOWELS]
    if not vowels:
        return False
    if ending[0] in "yns" and stem[-1] not in _VOWELS:  # buffer consonants follow a vowel
        return False
    if opens_with_vowel and stem[-1] in _VOWELS:
        return False
    first = next(c for c in ending if c in _VOWELS)
    return first in _HARMONY[vowels[-1]]


@cache
def az_stem(word: str) -> str:
    """The stem of a lower-case Azerbaijani word: its noun endings stripped.

    Words with a capital, a digit or a hyphen are returned as they are.

    Examples
    --------
    >>> az_stem("danışıqlarda"), az_stem("münaqişənin"), az_stem("ərazisində")
    ('danışıq', 'münaqişə', 'ərazi')
    >>> az_stem("Qarabağın"), az_stem("bildirib")
    ('Qarabağın', 'bildirib')
    """
    if not word.isalpha() or not word.islower() or word in _whole():
        return word
    return _shortest(word, len(SLOTS))


def _shortest(word: str, below: int) -> str:
    """The shortest stem left by stripping endings of slots below ``below``, outermost first."""
    best = word
    for ending, slot in suffixes():
        if slot < below and word.endswith(ending) and _allowed(word[: -len(ending)], ending):
            # after the copula only a plural (-lardır), after a case ending a possessive or plural
            stem = _shortest(word[: -len(ending)], 1 if slot == len(SLOTS) - 1 else slot)
            if len(stem) < len(best):
                best = stem
    return best
