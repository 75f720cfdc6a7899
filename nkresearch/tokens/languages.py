"""What a token's ``norm``, ``lemma``, ``is_stop`` and ``is_alpha`` are in Russian, Armenian and Azerbaijani.

English tokens keep the tokenizer's own rules (:mod:`nkresearch.tokens.tokenizer`);
a document's language comes from the documents table's ``language`` column
(:mod:`nkresearch.corpus.languages`). For the other languages:

- ``norm``: quotes and dashes unified as in English, then lowercased: Azerbaijani
  (and Turkish) ``İ`` -> ``i`` and ``I`` -> ``ı`` (Python's ``lower`` would give ``i̇``
  and ``i``); Armenian drops the marks written on a word, ``՞ ՜ ՛`` (question,
  exclamation, emphasis: ``ինչո՞ւ`` -> ``ինչու``), which the word pattern keeps
  inside the token.
- ``lemma``: **a capitalised word is its own lemma** (its ``norm``), in every one of
  these languages. Names are capitalised, and a lemmatizer merges the forms that
  make the contrast this package counts: pymorphy3 lemmatizes "Шуши" (the Armenian,
  indeclinable name of the town) to "шуша" (the Azerbaijani-side name), simplemma
  maps "Карабаха" to "Карабах" and the Azerbaijani stemmers on PyPI cut "Qarabağ" to
  "qara". The cost: a common word at the start of a sentence keeps its form as lemma
  (a sentence-initial "Переговоры" is not "переговоры"'s lemma; its ``norm`` is the
  same). Words in lower case: Russian and Armenian by ``simplemma``'s dictionary (its
  ``ru`` and ``hy`` data ship with it), looked up only: a form the dictionary lacks
  keeps its form, as simplemma's rules for unknown words guess wrongly
  ("нагорнокарабахского" -> "нагорнокарабахскто"); Azerbaijani by the light stemmer of
  :mod:`nkresearch.tokens.azerbaijani`.
- ``is_stop``: Russian and Armenian from the ``stopwordsiso`` package (stopwords-iso,
  which ships its lists), less the content words of ``resources/languages/<code>/
  not_stopwords.txt``; Azerbaijani from the shipped ``resources/languages/az/
  stopwords.txt`` (its source is in the file), less its ``not_stopwords.txt``.
- ``is_alpha``: letters, with inner hyphens or apostrophes, of the ``norm`` (so an
  Armenian word with its marks is alphabetic).
"""

from __future__ import annotations

from functools import cache

from simplemma import Lemmatizer
from simplemma.strategies import DictionaryLookupStrategy

from ..corpus.languages import LANGUAGES_DIR
from .azerbaijani import az_stem

#: the marks written on an Armenian word (U+055B emphasis, U+055C exclamation, U+055E question)
ARMENIAN_MARKS = "\u055b\u055c\u055e"
_NO_MARKS = str.maketrans("", "", ARMENIAN_MARKS)
_TURKIC_I = str.maketrans({"İ": "i", "I": "ı"})

#: What ``tokenize(...).attrs["tokenize"]["languages"]`` says of each language's rules.
RULES = {
    "en": {
        "sentences": "nltk Punkt, parameters in nkresearch/resources/punkt",
        "lemmas": "simplemma (en)",
        "stopwords": "nkresearch/resources/stopwords.txt",
    },
    "ru": {
        "sentences": "nltk Punkt rules, abbreviations in nkresearch/resources/languages/ru",
        "lemmas": "simplemma dictionary lookup (ru); a capitalised word is its own lemma",
        "stopwords": "stopwordsiso (ru) less nkresearch/resources/languages/ru/not_stopwords.txt",
    },
    "hy": {
        "sentences": "nltk Punkt rules: ։ ? ! and : before a capital",
        "lemmas": "simplemma dictionary lookup (hy); a capitalised word is its own lemma",
        "stopwords": "stopwordsiso (hy)",
    },
    "az": {
        "sentences": "nltk Punkt rules, abbreviations in nkresearch/resources/languages/az",
        "lemmas": "nkresearch.tokens.azerbaijani stemmer; a capitalised word is its own lemma",
        "stopwords": "nkresearch/resources/languages/az/stopwords.txt less not_stopwords.txt",
    },
}


def _words(path: str) -> frozenset[str]:
    file = LANGUAGES_DIR / path
    if not file.is_file():
        return frozenset()
    lines = file.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@cache
def stopwords(language: str) -> frozenset[str]:
    """The stopwords of ``ru``, ``hy`` or ``az``, as ``norm`` forms (see the module docstring).

    Examples
    --------
    >>> "и" in stopwords("ru"), "война" in stopwords("ru"), "və" in stopwords("az")
    (True, False, True)
    """
    if language == "az":
        found = _words("az/stopwords.txt")
    else:
        import stopwordsiso  # reads the lists of every language: only when one is needed

        found = frozenset(w for w in stopwordsiso.stopwords(language) if " " not in w)
    return found - _words(f"{language}/not_stopwords.txt")


def lower(text: str, language: str) -> str:
    """``text`` lowercased by the rules of ``language`` (Azerbaijani: ``İ`` -> ``i``, ``I`` -> ``ı``).

    Examples
    --------
    >>> lower("İLHAM İsmayıl", "az"), lower("İLHAM", "en")
    ('ilham ismayıl', 'i̇lham')
    """
    if language == "az":
        text = text.translate(_TURKIC_I)
    return text.lower()


def norm_of(unified: str, language: str, lowercase: bool) -> str:
    """The ``norm`` of a token whose quotes and dashes are already unified."""
    if language == "hy":
        unified = unified.translate(_NO_MARKS) or unified
    return lower(unified, language) if lowercase else unified


#: simplemma with its dictionary only (no guessing rules)
_LOOKUP = Lemmatizer(lemmatization_strategy=DictionaryLookupStrategy())


@cache
def lemma_of(token: str, norm: str, language: str, lowercase: bool) -> str:
    """The ``lemma`` of a word of ``language`` (see the module docstring).

    Examples
    --------
    >>> lemma_of("Шуши", "шуши", "ru", True), lemma_of("заявила", "заявила", "ru", True)
    ('шуши', 'заявить')
    >>> lemma_of("Qarabağda", "qarabağda", "az", True), lemma_of("danışıqlarda", "danışıqlarda", "az", True)
    ('qarabağda', 'danışıq')
    """
    if token[:1].isupper():
        return norm
    lemma = az_stem(norm) if language == "az" else _LOOKUP.lemmatize(norm, lang=language)
    return lower(lemma, language) if lowercase else lemma
