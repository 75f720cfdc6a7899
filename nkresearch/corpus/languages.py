"""The language of each document: from the metadata, else detected offline.

:func:`nkresearch.load_corpus` records two columns: ``language``, an ISO 639-1 code
of :data:`LANGUAGES`, and ``language_source``, ``"metadata"`` where the metadata's
``language`` column gave it (any spelling :func:`language_code` knows: ``ru``,
``rus``, ``Russian``, ``русский``) or ``"detected"`` where the column is missing or
the cell empty. A folder may mix languages.

Detection needs no model and no download (:func:`detect_language`): the script of
most letters decides (Armenian: ``hy``; Cyrillic: ``ru``); Latin text is Azerbaijani
when enough of its words in lower case (names do not count: an English text on
"Şuşa" and "Əliyev" stays English) hold a letter of the Azerbaijani alphabet that
English does not have (ə ğ ı ş ç ö ü) or are common Azerbaijani function words
(``resources/languages/az/detect.txt``); else English. The later stages take the
language from the ``language`` column: the tokenizer's sentences, norms, lemmas and
stopwords (:mod:`nkresearch.tokens.languages`).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from ..config import RESOURCES_DIR
from ..errors import NKResearchError

#: The languages the package tokenizes, as ISO 639-1 codes.
LANGUAGES = ("en", "ru", "hy", "az")
#: Where the per-language word lists live: ``resources/languages/<code>/``.
LANGUAGES_DIR = RESOURCES_DIR / "languages"

#: Other spellings of the four codes a metadata cell may use (compared lowercased, stripped).
_ALIASES = {
    "en": ("en", "eng", "english", "en-us", "en-gb", "английский", "անգլերեն", "ingilis"),
    "ru": ("ru", "rus", "russian", "ru-ru", "русский", "ռուսերեն", "rus dili", "rusca"),
    "hy": ("hy", "hye", "arm", "armenian", "hy-am", "армянский", "հայերեն", "erməni"),
    "az": ("az", "aze", "azj", "azb", "azerbaijani", "azeri", "az-latn", "азербайджанский", "azərbaycan"),
}
_CODES = {alias: code for code, aliases in _ALIASES.items() for alias in aliases}

#: Characters of a document's text that detection reads (the start of a long text suffices).
SAMPLE_CHARS = 20_000
#: Share of Latin words with Azerbaijani evidence from which Latin text is Azerbaijani.
AZ_SHARE = 0.15

_ARMENIAN = re.compile(r"[\u0531-\u0556\u0561-\u0587]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u0259]+")  # ə (U+0259) lies beyond Latin Extended-B
#: letters of the Azerbaijani Latin alphabet that English lacks (in lower case)
_AZ_LETTERS = re.compile(r"[əğışçöü]")


def language_code(value: object, where: str) -> str | None:
    """The ISO 639-1 code of a metadata cell, ``None`` for an empty one.

    Parameters
    ----------
    value
        The cell: a code (``"ru"``), a three-letter code (``"rus"``) or the language's
        name in English or in the language itself.
    where
        The file and line, for the error message.

    Raises
    ------
    NKResearchError
        For a language the package does not tokenize.

    Examples
    --------
    >>> language_code(" Russian ", "metadata.csv"), language_code("", "metadata.csv")
    ('ru', None)
    """
    if value is None or (isinstance(value, float) and value != value):  # missing (NaN)
        return None
    text = str(value).strip().lower()
    if not text:
        return None
    code = _CODES.get(text)
    if code is None:
        raise NKResearchError(
            f"{where}: language {value!r} is not one nkresearch tokenizes ({', '.join(LANGUAGES)}). "
            "Write one of these ISO 639-1 codes, or leave the cell empty to have the language detected."
        )
    return code


@cache
def _az_markers() -> frozenset[str]:
    path = LANGUAGES_DIR / "az" / "detect.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def detect_language(text: str) -> str:
    """The language of a text by its script and, for Latin script, a word test.

    Reads the first :data:`SAMPLE_CHARS` characters. Armenian letters in the majority:
    ``hy``; Cyrillic: ``ru``; Latin: ``az`` when at least :data:`AZ_SHARE` of the Latin
    words in lower case hold an Azerbaijani letter English lacks or are Azerbaijani
    function words, else ``en`` (also for a text without letters).

    Examples
    --------
    >>> detect_language("Talks resumed in Vienna."), detect_language("Переговоры возобновились.")
    ('en', 'ru')
    >>> detect_language("Բանակցությունները վերսկսվեցին։"), detect_language("Danışıqlar bərpa olunub.")
    ('hy', 'az')
    """
    sample = text[:SAMPLE_CHARS]
    words = _LATIN_WORD.findall(sample)
    latin = sum(map(len, words))
    armenian = len(_ARMENIAN.findall(sample))
    cyrillic = len(_CYRILLIC.findall(sample))
    if armenian > max(latin, cyrillic):
        return "hy"
    if cyrillic > max(latin, armenian):
        return "ru"
    # each distinct word tested once (a text's words recur): the same counts as word by word
    common = {w: n for w, n in Counter(words).items() if w[0].islower()}
    if not common:
        return "en"
    markers = _az_markers()
    evidence = sum(n for w, n in common.items() if w in markers or _AZ_LETTERS.search(w))
    return "az" if evidence >= AZ_SHARE * sum(common.values()) else "en"
