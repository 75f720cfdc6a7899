"""Sentence splitting with NLTK's Punkt, from parameters shipped with the package.

The parameters in ``nkresearch/resources/punkt/`` are plain text in the layout of
NLTK's own ``punkt_tab`` models (``abbrev_types.txt``, ``collocations.tab``,
``ortho_context.tab``, ``sent_starters.txt``): never a pickle, and nothing is
downloaded. They were trained once with :class:`nltk.tokenize.punkt.PunktTrainer`
on the project's bundled English corpora (``scripts/train_punkt.py`` rebuilds them)
and completed with the abbreviations of ``resources/abbreviations.txt``
(Kiss & Strunk 2006, "Unsupervised Multilingual Sentence Boundary Detection",
Computational Linguistics 32(4)).

Russian, Armenian and Azerbaijani text (:func:`sentence_spans` with ``language``) is
split by the same Punkt rules with no trained statistics, only the language's list of
abbreviations (``resources/languages/<code>/abbreviations.txt``: ``т.е.``, ``г.``,
``им.``; ``ş.``, ``küç.``) and its sentence-final marks:

- ``ru``, ``az``: ``. ? !``; an abbreviation of the list, an initial or a run of
  initials (``В.В. Путин``, ``İ.H. Əliyev``) before a capital does not end a sentence;
- ``hy``: the Armenian full stop ``։`` (U+0589), ``?``, ``!``, and the ASCII colon
  before a capital letter (texts typed on keyboards without ``։`` use it for the full
  stop). The period is not a full stop in Armenian but the միջակետ, a pause before a
  quote or a list (``ասաց. «...»``), so neither it nor an abbreviation (``ս.թ.``,
  ``2020թ.``, ``ՀՀ``) ends a sentence; the marks written on a word, ``՞ ՜ ՛``
  (question, exclamation, emphasis), are parts of the word, not ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from nltk.tabdata import PunktDecoder
from nltk.tokenize.punkt import (
    PunktLanguageVars,
    PunktParameters,
    PunktSentenceTokenizer,
    PunktToken,
)

from ..config import RESOURCES_DIR
from ..errors import NKResearchError
from . import _nltk_private
from ._nltk_private import ORTHO_BEG_LC as _ORTHO_BEG_LC
from ._nltk_private import ORTHO_LC as _ORTHO_LC
from ._nltk_private import ORTHO_MID_UC as _ORTHO_MID_UC
from ._nltk_private import ORTHO_UC as _ORTHO_UC
from .languages import LANGUAGES, LANGUAGES_DIR

PUNKT_DIR = RESOURCES_DIR / "punkt"
ABBREVIATIONS_FILE = RESOURCES_DIR / "abbreviations.txt"


def read_abbreviations(path: Path = ABBREVIATIONS_FILE) -> list[str]:
    """The shipped abbreviations, as written in text (``"Dec."``, ``"U.S."``)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def load_punkt_parameters(folder: Path = PUNKT_DIR) -> PunktParameters:
    """Read Punkt parameters from a ``punkt_tab``-style folder of text files."""
    dec = PunktDecoder()
    params = PunktParameters()
    with open(folder / "collocations.tab", encoding="utf-8") as f:
        params.collocations = set(dec.tab2tups(f))
    with open(folder / "sent_starters.txt", encoding="utf-8") as f:
        params.sent_starters = dec.txt2set(f)
    with open(folder / "abbrev_types.txt", encoding="utf-8") as f:
        params.abbrev_types = dec.txt2set(f)
    with open(folder / "ortho_context.tab", encoding="utf-8") as f:
        params.ortho_context = dec.tab2intdict(f)
    # Punkt stores an abbreviation lowercased and without its final period.
    params.abbrev_types |= {a.lower().rstrip(".") for a in read_abbreviations()}
    return params


class _StdlibLanguageVars(PunktLanguageVars):  # type: ignore[misc]
    """Punkt's English conventions, its patterns compiled by ``re``.

    NLTK >= 3.10 compiles Punkt's patterns with the ``regex`` engine under a 5-second
    wall-clock limit per call (``nltk.redos``); the two that scan a whole paragraph
    can exceed it on a long one, and every call pays for the guard (a large share of
    Punkt's time: ``benchmarks/RESULTS.md``, design measurements). They are NLTK's
    own fixed patterns (the sources below are NLTK's), so ``re`` runs them; the
    sentences are the same (``tests/test_tokens.py::test_words_and_sentences_are_nltks``).
    """

    re_boundary_realignment = re.compile(
        r'["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)', re.MULTILINE
    )

    def period_context_re(self) -> re.Pattern[str]:
        if not hasattr(self, "_stdlib_period_context"):
            source = self._period_context_fmt % {
                "NonWord": self._re_non_word_chars,
                "SentEndChars": self._re_sent_end_chars,
            }
            self._stdlib_period_context = re.compile(source, re.UNICODE | re.VERBOSE)
        return self._stdlib_period_context

    def _word_tokenizer_re(self) -> re.Pattern[str]:
        if not hasattr(self, "_stdlib_word_tokenizer"):
            source = self._word_tokenize_fmt % {
                "NonWord": self._re_non_word_chars,
                "MultiChar": self._re_multi_char_punct,
                "WordStart": self._re_word_start,
            }
            self._stdlib_word_tokenizer = re.compile(source, re.UNICODE | re.VERBOSE)
        return self._stdlib_word_tokenizer


class _StdlibPunktToken(PunktToken):  # type: ignore[misc]
    """NLTK's Punkt token, its four patterns (NLTK's) compiled by ``re`` (see above)."""

    __slots__ = ()
    _RE_ELLIPSIS = re.compile(r"\.\.+$")
    _RE_NUMERIC = re.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")
    _RE_INITIAL = re.compile(r"[^\W\d]\.$", re.UNICODE)
    _RE_ALPHA = re.compile(r"[^\W\d]+$", re.UNICODE)


class _Punkt(PunktSentenceTokenizer):  # type: ignore[misc]
    """NLTK's Punkt with its decision for one candidate break made on plain strings.

    For every candidate (a period, question or exclamation mark followed by space or
    punctuation) NLTK's ``span_tokenize`` asks ``text_contains_sentbreak`` about the
    few words around it, building a :class:`PunktToken` for each through generators.
    The override below runs the same two annotation passes (Kiss & Strunk 2006,
    sections 4.1-4.3; NLTK's ``_first_pass_annotation``, ``_second_pass_annotation``
    and ``_ortho_heuristic``, rule for rule) on the word strings themselves; the
    decisions equal NLTK's on every candidate of the bundled corpora
    (``tests/test_tokens.py::test_each_sentence_break_decision_is_nltks``).
    Everything else is NLTK's.
    """

    #: Decisions remembered, by context; the memo is emptied when it holds this many.
    MEMO_SIZE = 1 << 18

    def text_contains_sentbreak(self, text: str) -> bool:
        """NLTK's decision for one candidate's context, remembered.

        Many contexts of a large corpus (``"Nations. We"``) recur.
        """
        memo: dict[str, bool] = self.__dict__.setdefault("_decisions", {})
        decision = memo.get(text)
        if decision is None:
            if len(memo) >= self.MEMO_SIZE:
                memo.clear()
            decision = memo[text] = self._decide(text)
        return decision

    #: whether a period can end a sentence (the second pass looks at words ending in one)
    _periods = True

    def _decide(self, text: str) -> bool:
        words = self._lang_vars.word_tokenize
        toks = [t for line in text.split("\n") if line.strip() for t in words(line)]
        n = len(toks)
        if n < 2:
            return False
        sentbreak, abbr, ellipsis = [False] * n, [False] * n, [False] * n
        self._first_pass(toks, sentbreak, abbr, ellipsis)
        for i in range(n - 1):  # second pass on (word, next word); a break before the last word
            if self._periods and toks[i].endswith("."):
                sentbreak[i], abbr[i] = self._second_pass(toks[i], toks[i + 1], sentbreak, abbr, ellipsis, i)
            if sentbreak[i]:
                return True
        return False

    def _first_pass(
        self, toks: list[str], sentbreak: list[bool], abbr: list[bool], ellipsis: list[bool]
    ) -> None:
        """Mark each word from its type alone: a sentence break, an abbreviation, an ellipsis."""
        abbrevs = self._params.abbrev_types
        for i, tok in enumerate(toks):
            if tok in (".", "?", "!"):
                sentbreak[i] = True
            elif _StdlibPunktToken._RE_ELLIPSIS.match(tok):
                ellipsis[i] = True
            elif tok.endswith(".") and not tok.endswith(".."):
                low = tok[:-1].lower()
                if low in abbrevs or low.split("-")[-1] in abbrevs:
                    abbr[i] = True
                else:
                    sentbreak[i] = True

    def _second_pass(
        self, tok1: str, tok2: str, sentbreak: list[bool], abbr: list[bool], ellipsis: list[bool], i: int
    ) -> tuple[bool, bool]:
        params = self._params
        typ = _no_period(_type(tok1))
        next_typ = _no_period(_type(tok2)) if sentbreak[i + 1] else _type(tok2)
        initial = bool(_StdlibPunktToken._RE_INITIAL.match(tok1))
        if (typ, next_typ) in params.collocations:  # 4.1.2 collocation heuristic
            return False, True
        if (abbr[i] or ellipsis[i]) and not initial:  # 4.2 abbreviation that also ends a sentence
            if self._ortho(tok2, next_typ) is True:
                return True, abbr[i]
            if tok2[0].isupper() and next_typ in params.sent_starters:
                return True, abbr[i]
        if initial or typ == "##number##":  # 4.3 initials and ordinals
            starter = self._ortho(tok2, next_typ)
            if starter is False:
                return False, True
            always_upper = not (params.ortho_context.get(next_typ, 0) & _ORTHO_LC)
            if starter is None and initial and tok2[0].isupper() and always_upper:
                return False, True
        return sentbreak[i], abbr[i]

    def _ortho(self, tok: str, typ: str) -> bool | None:
        """4.1.1 orthographic heuristic: is ``tok`` the first word of a sentence (None: unknown)."""
        if tok in self.PUNCTUATION:
            return False
        context = self._params.ortho_context.get(typ, 0)
        if tok[0].isupper() and (context & _ORTHO_LC) and not (context & _ORTHO_MID_UC):
            return True
        if tok[0].islower() and ((context & _ORTHO_UC) or not (context & _ORTHO_BEG_LC)):
            return False
        return None


def _type(tok: str) -> str:
    return str(_StdlibPunktToken._RE_NUMERIC.sub("##number##", tok.lower()))


def _no_period(typ: str) -> str:
    return typ[:-1] if len(typ) > 1 and typ[-1] == "." else typ


#: Per language other than English: the marks that end a sentence, and those of them that end
#: one only before a capital letter (see the module docstring).
SENTENCE_ENDS: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    "ru": ((".", "?", "!"), frozenset()),
    "az": ((".", "?", "!"), frozenset()),
    "hy": (("\u0589", ":", "?", "!"), frozenset(":")),
}
#: two or more initials: "В.В.", "İ.H."
_INITIALS = re.compile(r"(?:[^\W\d_]\.){2,}$")


class _LanguageVars(_StdlibLanguageVars):
    """Punkt's conventions with a language's sentence-final marks."""

    def __init__(self, ends: tuple[str, ...]) -> None:
        self.sent_end_chars = ends


class _LanguagePunkt(_Punkt):
    """Punkt for a language without trained statistics: its abbreviations and sentence ends.

    The decision of :class:`_Punkt` with three changes: the language's sentence-final
    marks instead of ``. ? !``; a "soft" mark (the Armenian text's ASCII colon) ends
    a sentence only before a word that starts with a capital; and a run of initials
    (``В.В.``) is an abbreviation. The second pass is :class:`_Punkt`'s (with no
    collocations, sentence starters or orthographic statistics: an abbreviation or an
    initial before a capital does not end a sentence, a number does).
    """

    def __init__(self, params: PunktParameters, ends: tuple[str, ...], soft: frozenset[str]) -> None:
        super().__init__(params, lang_vars=_LanguageVars(ends), token_cls=_StdlibPunktToken)
        self._ends, self._soft, self._periods = ends, soft, "." in ends

    def _first_pass(
        self, toks: list[str], sentbreak: list[bool], abbr: list[bool], ellipsis: list[bool]
    ) -> None:
        """The first pass with the language's ends (a soft end only before a capital) and its initials."""
        abbrevs, n = self._params.abbrev_types, len(toks)
        for i, tok in enumerate(toks):
            if tok in self._ends:
                sentbreak[i] = tok not in self._soft or (i + 1 < n and toks[i + 1][:1].isupper())
            elif _StdlibPunktToken._RE_ELLIPSIS.match(tok):
                ellipsis[i] = True
            elif self._periods and tok.endswith(".") and not tok.endswith(".."):
                low = tok[:-1].lower()
                if low in abbrevs or low.split("-")[-1] in abbrevs or _INITIALS.match(tok):
                    abbr[i] = True
                else:
                    sentbreak[i] = True


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise NKResearchError(
            f"language={language!r} is not one nkresearch splits into sentences; pass one of {LANGUAGES}."
        )


@cache
def sentence_tokenizer(language: str = "en") -> PunktSentenceTokenizer:
    """The package's Punkt sentence tokenizer for ``language`` (built once per process)."""
    _nltk_private.check()
    if language == "en":
        return _Punkt(load_punkt_parameters(), lang_vars=_StdlibLanguageVars(), token_cls=_StdlibPunktToken)
    _check_language(language)
    params = PunktParameters()
    path = LANGUAGES_DIR / language / "abbreviations.txt"
    if path.is_file():
        params.abbrev_types = {a.lower().rstrip(".") for a in read_abbreviations(path)}
    ends, soft = SENTENCE_ENDS[language]
    return _LanguagePunkt(params, ends, soft)


def sentence_spans(text: str, language: str = "en") -> Iterator[tuple[int, int]]:
    """Character spans of the sentences of ``text``.

    A blank line always ends a sentence (headlines and list items carry no final
    period); within a paragraph Punkt decides, by the rules of ``language`` (an ISO
    639-1 code of :data:`nkresearch.corpus.languages.LANGUAGES`; see the module docstring).

    Examples
    --------
    >>> list(sentence_spans("Talks resumed on Dec. 12 in Vienna. Both sides came."))
    [(0, 35), (36, 52)]
    >>> text = "В 1992 г. переговоры шли в т.ч. в Москве. В.В. Путин приехал."
    >>> [text[s:e] for s, e in sentence_spans(text, "ru")]
    ['В 1992 г. переговоры шли в т.ч. в Москве.', 'В.В. Путин приехал.']
    >>> text = "Նա ասաց. «Ինչո՞ւ ոչ»։ 2020թ. ՀՀ ԱԳՆ-ն հայտարարեց: Այո՛։"
    >>> [text[s:e] for s, e in sentence_spans(text, "hy")]
    ['Նա ասաց. «Ինչո՞ւ ոչ»։', '2020թ. ՀՀ ԱԳՆ-ն հայտարարեց:', 'Այո՛։']
    """
    tokenizer = sentence_tokenizer() if language == "en" else sentence_tokenizer(language)
    for p_start, p_end in _paragraph_spans(text):
        for s, e in tokenizer.span_tokenize(text[p_start:p_end]):
            yield p_start + s, p_start + e


def _paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    n = len(text)
    while pos < n:
        blank = text.find("\n\n", pos)
        end = n if blank == -1 else blank
        chunk = text[pos:end]
        if chunk.strip():
            yield pos, end
        if blank == -1:
            break
        pos = blank + 2
