"""The word lists of one language compiled for the voice rules of :mod:`.multilingual`.

:class:`Grammar` compiles ``resources/voices/<language>/cues.csv`` and ``words.csv`` once
per language into the patterns the rules match; :func:`read_language_places` and
:func:`read_language_speakers` read how that language names the sides and the
gazetteer's people; :func:`comment_heading` finds where a page's comments begin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pandas as pd

from .lexicon import LEXICON_DIR, cue_flags, word_lists, words

#: The languages read by the rules of :mod:`.multilingual` (others by the English rules).
LANGUAGES = ("ru", "hy", "az")
_WORD = re.compile(r"\w+")


def _forms(forms: frozenset[str]) -> str:
    ordered = sorted(forms, key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(re.escape(p) for p in f.split()) for f in ordered)


def _words_re(forms: frozenset[str], *, stems: bool = False) -> re.Pattern[str]:
    tail = r"[\w-]*" if stems else ""
    return re.compile(rf"(?<![\w-])(?:{_forms(forms)}){tail}(?![\w-])", re.IGNORECASE)


def _optional(name: str, language: str) -> frozenset[str]:
    return words(name, language) if name in word_lists(language) else frozenset()


@dataclass(frozen=True)
class Grammar:
    """The compiled word lists of one language."""

    language: str
    cue: re.Pattern[str]
    flags: dict[str, frozenset[str]]
    that: re.Pattern[str]
    according_x: re.Pattern[str] | None
    x_according: re.Pattern[str] | None
    anaphor: re.Pattern[str]
    role: re.Pattern[str]  # a role or body named without its side ("Səfirlik", "министерство")
    press: re.Pattern[str]  # a news outlet's words ("агентства", "գործակալության", "müxbiri")
    #: a noun of a statement or claim, then "that": "заявление ... о том, что", "հայտարարությանը, թե"
    claim: re.Pattern[str]
    #: a participle of saying after a frame, then "that": ", отметив, что ...", "՝ նշելով, որ ..."
    goes_on: re.Pattern[str]
    back: re.Pattern[str]
    auxiliary: re.Pattern[str]  # what may stand between a cue and what follows it (Armenian "է")
    clause_stop: re.Pattern[str]  # where the phrase after a cue ends: a comma, a bracket, an audience word
    colon: re.Pattern[str]  # a colon between a cue and its quote (Armenian also "․" and ".")
    first_person: re.Pattern[str]  # "мы", "մենք", "biz": a frame in the voice around it
    #: the outlet's opening of a sentence it reports ("Как сообщает X, ...", "X xəbər verir ki, ...")
    news_opener: re.Pattern[str]
    #: a noun of a statement: "X выступил с заявлением" names the speaker of what follows
    statement: re.Pattern[str]
    #: "this statement" opening a sentence: what was said before it is its maker's
    statement_anaphor: re.Pattern[str]
    question: re.Pattern[str]  # the label of a printed Q&A's question ("Вопрос:")
    answer: re.Pattern[str]  # the label of its answer ("Ответ:")

    @classmethod
    @cache
    def of(cls, language: str) -> Grammar:
        """The grammar of ``language``, compiled once."""
        flags = {f.lower(): fl for f, fl in cue_flags(language).items()}
        before, after = _optional("according", language), _optional("x_according", language)
        auxiliaries = _optional("auxiliaries", language)
        marks = re.escape("".join(sorted(words("colons", language))))
        aux = rf"(?:\s+(?:{_forms(auxiliaries)})(?![\w-]))?" if auxiliaries else ""
        return cls(
            language=language,
            cue=_words_re(frozenset(flags)),
            flags=flags,
            that=re.compile(
                rf"{aux}\s*,?\s*(?:{_forms(words('that', language))})(?![\w-])\s*,?", re.IGNORECASE
            ),
            according_x=_words_re(before) if before else None,
            x_according=_words_re(after) if after else None,
            anaphor=re.compile(rf"(?:{_forms(words('anaphors', language))})(?![\w-])", re.IGNORECASE),
            back=_words_re(words("pronouns", language) | words("back_nouns", language), stems=True),
            role=_words_re(words("back_nouns", language), stems=True),
            press=_words_re(words("press", language), stems=True),
            claim=re.compile(
                rf"(?<![\w-])(?:{_forms(words('claim_nouns', language))})[\w-]*"
                r"(?P<of>(?:\s+[^\W\d_][\w-]*){0,4}?)"
                rf"(?:\s+(?:{_forms(words('about_it', language))}))?\s*,?\s*"
                rf"(?:{_forms(words('that', language))})(?![\w-])\s*,?\s*",
                re.IGNORECASE,
            ),
            goes_on=re.compile(
                rf"[,՝`]\s*(?:{_forms(words('goes_on', language))})\s*,?\s*"
                rf"(?:{_forms(words('that', language))})(?![\w-])\s*,?\s*",
                re.IGNORECASE,
            ),
            auxiliary=re.compile(aux),
            clause_stop=re.compile(
                rf"[,՝`;:(]|(?<![\w-])(?:{_forms(words('audience', language))})(?![\w-])", re.I
            ),
            colon=re.compile(rf"[^,;«\"“„{marks}]{{0,40}}[{marks}]\s*"),
            first_person=_words_re(words("first_person", language)),
            statement=_words_re(words("statement_nouns", language)),
            news_opener=re.compile(
                rf"[^,!?\n]{{0,80}}?(?<![\w-])(?P<opener>{_forms(words('news_openers', language))})(?![\w-])"
                r"[^,\n]{0,60},\s*",
                re.IGNORECASE,
            ),
            statement_anaphor=re.compile(
                rf"\s*(?:{_forms(words('statement_anaphors', language))})(?![\w-])", re.IGNORECASE
            ),
            question=re.compile(rf"(?:{_forms(words('question_labels', language))})\s*[:.—–-]\s*"),
            answer=re.compile(rf"(?:{_forms(words('answer_labels', language))})\s*[:.—–-]\s*"),
        )

    def cue_flags(self, form: str) -> frozenset[str]:
        """The flags of a cue as the text writes it (any case, any white space)."""
        return self.flags.get(" ".join(form.lower().split()), frozenset())


_HEADING_WORDS, _ARTICLE_WORDS = 15, 50  # as the English comment headings (layout._heading_zone)


@cache
def _heading(language: str) -> re.Pattern[str]:
    forms = _forms(words("comment_headings", language))
    return re.compile(rf"(?im)^[^\S\n]*(?:{forms})(?:[^\S\n]*\(?\d+\)?)?[^\S\n]*:?[^\S\n]*$")


def comment_heading(text: str, language: str) -> int | None:
    """Where reader comments begin after a heading of the language ("Комментарии", "Şərhlər"), or None.

    The comments need 15 words after the heading; a one-word heading also needs an article of
    50 words before it (at the top of a page it is a menu's word).
    """
    for m in _heading(language).finditer(text):
        after = len(_WORD.findall(text, m.end()))
        one_word = len(_WORD.findall(m.group())) == 1
        if after >= _HEADING_WORDS and (
            not one_word or len(_WORD.findall(text, 0, m.start())) >= _ARTICLE_WORDS
        ):
            return m.end()
    return None


def read_language_places(language: str) -> pd.DataFrame:
    """The words that place a source's description on a side in ``language`` (``places.csv``)."""
    path = LEXICON_DIR / language / "places.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")


def read_language_speakers(language: str, speakers: pd.DataFrame) -> pd.DataFrame:
    """The gazetteer's people as ``language`` writes them: ``speakers`` rows with that language's patterns.

    ``resources/voices/<language>/speakers.csv`` gives a ``pattern`` for a ``speaker`` of
    the gazetteer; actor, office and years come from the gazetteer's own row.
    """
    path = LEXICON_DIR / language / "speakers.csv"
    if not path.is_file():
        return speakers.iloc[0:0]
    spelled = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")
    rows = speakers.drop(columns=["pattern"]).drop_duplicates("speaker")
    return spelled[["speaker", "pattern"]].merge(rows, on="speaker", how="inner")
