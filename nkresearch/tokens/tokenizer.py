"""Tokens: one row per token, each mapped to its exact span in the document's text.

:func:`tokenize` splits every voice segment into sentences (NLTK's Punkt, with the
parameters shipped in :mod:`nkresearch.corpus.sentences`) and words (the pattern below, the
one NLTK's :class:`~nltk.tokenize.RegexpTokenizer` would run: one ``findall`` per
segment gives every token with the white space before it, which tells the offsets;
the spans equal ``RegexpTokenizer(token_pattern()).span_tokenize`` on the bundled
corpora, ``tests/test_tokens.py::test_words_and_sentences_are_nltks``, at a fraction
of its cost). Sentences never cross a segment, so n-grams
and windows that stop at sentence ends never mix two voices.

The word pattern, in order of preference:

1. multi-word names of ``resources/mwe.csv`` (``OSCE Minsk Group`` -> one token,
   ``norm`` ``minsk_group``), case-insensitive, any white space between the words;
2. abbreviations with their period (``Dec.``, ``U.S.``; ``resources/abbreviations.txt``);
3. numbers, with separators, an ordinal or decade suffix and a hyphenated tail (``120,000``,
   ``2017-11-21``, ``75th``, ``1990s``, ``44-day``);
4. words, hyphenated words kept whole (``Nagorno-Karabakh``, ``co-chairs``; also when a
   line ends after the hyphen, ``Nagorno-`` then ``Karabakh`` on the next line: one
   token, ``norm`` ``nagorno-karabakh``), with English clitics split off as in the Penn
   Treebank (``Karabakh’s`` -> ``Karabakh`` ``’s``; ``hasn’t`` -> ``has`` ``n’t``);
5. an ellipsis or a dash run, else any other single non-space character.

Each segment is tokenized by the rules of its document's language (the ``language``
column of the documents table, :mod:`nkresearch.corpus.languages`; detected from the
text where the segments have no such column). English, the only language before, is
tokenized exactly as it was, on its own code path. Russian, Armenian and Azerbaijani
take the same word pattern (their words are words of it) with one change for Armenian:
the marks written on a word (``՞ ՜ ՛``) stay inside it (``ինչո՞ւ`` is one token);
their sentences, norms, lemmas and stopwords are those of :mod:`.languages`.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import regex
import simplemma

from ..config import RESOURCES_DIR
from ..corpus.languages import LANGUAGES, detect_language, language_code
from ..corpus.sentences import read_abbreviations, sentence_spans
from ..errors import NKResearchError
from .languages import ARMENIAN_MARKS, RULES, lemma_of, norm_of
from .languages import stopwords as language_stopwords

TOKEN_COLUMNS = [
    "doc_id",
    "seg_id",
    "sent_id",
    "tok_id",
    "start",
    "end",
    "token",
    "norm",
    "lemma",
    "is_stop",
    "is_punct",
    "is_alpha",
    "actor",
    "speaker",
    "kind",
]

_QUOTES = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "´": "'", "`": "'"}
)
_DASHES = re.compile(r"[‐‑‒–—―]|--+")
_ALPHA = regex.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")  # letters as NLTK's engine sees them (marks too)
_CLITIC = r"['’](?:[sSdDmM]|re|RE|ve|VE|ll|LL)(?![\w])"


def read_mwe(path: str | Path | None = None) -> pd.DataFrame:
    """The multi-word names that :func:`tokenize` keeps as one token.

    Parameters
    ----------
    path
        A CSV with ``phrase, norm`` (and optionally ``note``); default: the shipped
        ``resources/mwe.csv``.

    Returns
    -------
    pandas.DataFrame
        ``phrase`` (as written; matched case-insensitively with any white space
        between its words), ``norm`` (the token's ``norm``), ``note``.

    Examples
    --------
    >>> import nkresearch as nk
    >>> mine = pd.DataFrame({"phrase": ["Brussels format"], "norm": ["brussels_format"]})
    >>> tok = nk.tokenize(nk.segment_voices(nk.load_corpus()), mwe=pd.concat([nk.read_mwe(), mine]))
    """
    return pd.read_csv(path or RESOURCES_DIR / "mwe.csv", dtype=str, keep_default_na=False, comment="#")


def read_stopwords() -> frozenset[str]:
    """The shipped English stopword list, as ``norm`` forms.

    Returns
    -------
    frozenset of str
        The words of ``resources/stopwords.txt``: closed-class English words and the
        clitics the tokenizer splits off (``'s``, ``n't``).

    Examples
    --------
    >>> import nkresearch as nk
    >>> "the" in nk.read_stopwords(), "talks" in nk.read_stopwords()
    (True, False)
    """
    lines = (RESOURCES_DIR / "stopwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _phrase_key(text: str) -> str:
    return " ".join(text.translate(_QUOTES).lower().split())


def _alternation(strings: Iterable[str], *, fold: bool) -> str:
    """One regex matching any of ``strings``, longest first, as a trie of shared prefixes.

    A space inside a string matches any run of white space; ``fold`` lowercases the
    strings (for a case-insensitive group). At each node at most one branch can match
    the next character and stopping is tried after going on, so the trie matches
    exactly what the alternation of the strings, longest first, matches, while the
    regex engine tests one character per step instead of every alternative.
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for text in strings:
        node = trie
        for i, word in enumerate(text.split()):
            for atom in ([r"\s+"] if i else []) + [re.escape(c.lower() if fold else c) for c in word]:
                node = node.setdefault(atom, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        alts = [atom + emit(child) for atom, child in node.items() if atom]
        if "" in node:
            return f"(?:{'|'.join(alts)})?" if alts else ""
        return alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"

    return emit(trie)


def token_pattern(phrases: Iterable[str] = ()) -> str:
    """The word pattern described in the module docstring, with ``phrases`` first.

    Examples
    --------
    >>> import re
    >>> re.findall(token_pattern(["Minsk Group"]), "The Minsk  Group's co-chairs met on Dec. 12.")
    ['The', 'Minsk  Group', "'s", 'co-chairs', 'met', 'on', 'Dec.', '12', '.']
    >>> re.findall(token_pattern(), "the 75th session, the 1990s, 21st-century, 5s, 12thx")
    ['the', '75th', 'session', ',', 'the', '1990s', ',', '21st-century', ',', '5', 's', ',', '12', 'thx']
    """
    mwe, rest = _pattern_parts(tuple(phrases))
    return "|".join([rf"(?i:(?<![\w-]){mwe}(?![\w-]))", *rest] if mwe else rest)


def _pattern_parts(phrases: tuple[str, ...]) -> tuple[str, list[str]]:
    """The trie of multi-word names ('' without phrases) and the word pattern's other alternatives."""
    names = {p.strip() for p in phrases if p.strip()}
    mwe = _alternation(names, fold=True) if names else ""  # no names: no alternative that matches nothing
    abbrevs = _alternation(read_abbreviations(), fold=False)
    rest = [
        rf"(?<![\w.]){abbrevs}(?!\w)",
        r"(?<![\w.])(?:[A-Za-z]\.){2,}(?!\w)",
        r"\d+(?:[.,:/]\d+)*(?:(?:st|nd|rd|th|(?<=0)s)(?![^\W_]))?(?:-[^\W_]+)*",
        r"[^\W_]+?(?=n['’]t(?!\w))",
        r"n['’]t(?!\w)",
        rf"(?<=\w){_CLITIC}",
        rf"[^\W_]+(?:-{_LINE_END}?[^\W_]+|['’](?!(?:[sSdDmMtT]|re|ve|ll)(?!\w))[^\W_]+)*",
        r"\.\.\.|…|--+|_+",
        r"[^\w\s]",
    ]
    return mwe, rest


#: A line end inside a hyphenated word printed over two lines (``Nagorno-\nKarabakh``,
#: ``Secretary-\nGeneral``): the word is one token, its ``norm`` without the line end.
_LINE_END = r"(?:[ \t]*\n[ \t]*)"
_LINE_END_RE = re.compile(rf"(?<=-){_LINE_END}")

#: A plain word: letters, then neither a word character, an apostrophe, a period nor a hyphen.
_PLAIN_WORD = r"[^\W\d_]+(?![\w'’.-])"


@cache
def _spaced_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    r"""``\s*`` then the word pattern, reordered to match the same tokens sooner.

    ``findall`` gives each token with the white space before it: every character
    that is not white space starts some alternative of the word pattern and none
    starts with white space, so the tokens are those of
    ``RegexpTokenizer(token_pattern(phrases)).span_tokenize`` and the white space
    between them tells their offsets. Skipping the white space inside the match also
    spares the engine a failed try of every alternative at each space.

    Two changes make the common case cheap without changing any match (checked
    against ``RegexpTokenizer`` on the bundled corpora and on hard cases by
    ``tests/test_tokens.py::test_words_and_sentences_are_nltks`` and
    ``::test_word_spans_on_hard_cases_are_regexp_tokenizers``):

    - the multi-word names are tried only at a character that can start one;
    - a plain word (:data:`_PLAIN_WORD`, most tokens) is tried right after the names,
      before the abbreviations. Where it matches, no alternative it jumps can:
      abbreviations (when each starts with letters and a period, as the shipped ones
      do; else the plain word goes after them) and initials need a period right after
      their first letters, numbers a digit, the ``n't`` and clitic alternatives an
      apostrophe; and the word alternative would match the same letters, as nothing
      follows them that could extend it.
    """
    mwe, rest = _pattern_parts(phrases)
    first = {p.strip()[0] for p in phrases if p.strip()}
    names = [rf"(?i:(?=[{''.join(sorted(map(re.escape, first)))}])(?<![\w-]){mwe}(?![\w-]))"] if mwe else []
    plain_at = 0 if all(re.match(r"[^\W\d_]+\.", a) for a in read_abbreviations()) else 1
    return re.compile(rf"\s*(?:{'|'.join([*names, *rest[:plain_at], _PLAIN_WORD, *rest[plain_at:]])})")


_ARMENIAN_LETTERS = "\u0531-\u0556\u0561-\u0587"
#: an Armenian word with a mark written on it (ինչո՞ւ, Այո՛): one token
_MARKED_WORD = rf"[{_ARMENIAN_LETTERS}]+(?:[{ARMENIAN_MARKS}]+[{_ARMENIAN_LETTERS}]*)+"


@cache
def _armenian_pattern(spaced: re.Pattern[str]) -> re.Pattern[str]:
    """The spaced word pattern with an Armenian word and its marks tried first."""
    rest = spaced.pattern.removeprefix(r"\s*")
    return re.compile(rf"\s*(?:{_MARKED_WORD}|{rest})")


def _word_spans(
    texts: list[str], pattern: re.Pattern[str], patterns: list[re.Pattern[str]] | None = None
) -> tuple[np.ndarray, list[str], np.ndarray, np.ndarray, np.ndarray]:
    r"""The tokens of each text, with their offsets, worked out per distinct string.

    ``findall`` gives each token with the white space before it (its *form*); the
    forms are numbered once, and each distinct form's token (``lstrip`` of the white
    space both engines call ``\s``) and lengths found once. The offsets come from the
    lengths: a token ends where the forms up to it end, and starts its own length
    before that.

    NLTK compiles the pattern with the ``regex`` module, whose ``\w``, ``\d`` and
    ``\s`` follow Unicode more closely than ``re``'s (combining marks, ZWJ and ZWNJ,
    other numbers are word characters there). A text holding a character on which
    the two engines differ is tokenized with the pattern compiled by ``regex``, as
    NLTK would; the rest with ``re``, which is faster and gives the same tokens on
    them.

    ``patterns``, one per text, replaces ``pattern`` for texts of other languages.

    Returns
    -------
    tuple
        For every token of every text in order: its code into ``types`` (the sorted
        distinct tokens), ``types``, its start and end offset in its text; and each
        text's number of tokens.
    """
    spaced: list[str] = []
    counts = np.zeros(len(texts), dtype=np.int64)
    odd = _engines_differ(texts)
    if patterns is None:
        twin = _regex_twin(pattern.pattern) if odd.any() else pattern
        for i, text in enumerate(texts):
            found = (twin if odd[i] else pattern).findall(text)
            counts[i] = len(found)
            spaced += found
    else:
        for i, text in enumerate(texts):
            found = (_regex_twin(patterns[i].pattern) if odd[i] else patterns[i]).findall(text)
            counts[i] = len(found)
            spaced += found
    form_codes, forms = _factorize(spaced, sort=False)
    del spaced
    tokens = [form.lstrip(_REGEX_SPACES) for form in forms]
    form_len = np.fromiter(map(len, forms), np.int64, len(forms))
    token_len = np.fromiter(map(len, tokens), np.int64, len(forms))
    token_of_form, types = _factorize(tokens)
    ends = np.cumsum(form_len[form_codes])
    first = np.cumsum(counts) - counts  # each text's first token
    ends -= np.repeat(np.concatenate(([0], ends))[first], counts)  # offsets within each text
    return token_of_form[form_codes], types, ends - token_len[form_codes], ends, counts


#: the classes of the word pattern, on which ``re`` and ``regex`` may disagree for a character
_CLASSES = (r"\w", r"\s", r"\d", r"[^\W\d_]")
#: white space for both engines (re's \s also holds U+001C-U+001F: a text with those goes to regex)
_REGEX_SPACES = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c not in "\x1c\x1d\x1e\x1f")
_DIFFERS: dict[str, bool] = {}


def _engines_differ(texts: list[str]) -> np.ndarray:
    """Per text, whether it holds a character that ``re`` and ``regex`` class differently."""
    seen = set().union(*texts) if texts else set()
    for c in seen - _DIFFERS.keys():
        _DIFFERS[c] = any(bool(re.fullmatch(p, c)) != bool(regex.fullmatch(p, c)) for p in _CLASSES)
    odd = {c for c in seen if _DIFFERS[c]}
    if not odd:
        return np.zeros(len(texts), dtype=bool)
    return np.fromiter((not odd.isdisjoint(text) for text in texts), bool, len(texts))


@cache
def _regex_twin(source: str) -> Any:
    """The word pattern compiled by the ``regex`` module, as NLTK's ``RegexpTokenizer`` compiles it."""
    return regex.compile(source)


def _norm(token: str, lowercase: bool) -> str:
    t = _DASHES.sub("-", _LINE_END_RE.sub("", token.translate(_QUOTES)))
    return t.lower() if lowercase else t


def _factorize(values: list[str], *, sort: bool = True) -> tuple[np.ndarray, list[str]]:
    """Integer codes of ``values`` and their distinct values, sorted or in order of appearance."""
    uniques = sorted(set(values)) if sort else list(dict.fromkeys(values))
    index = {v: i for i, v in enumerate(uniques)}
    return np.fromiter(map(index.__getitem__, values), np.int32, len(values)), uniques


def tokenize(
    segments: pd.DataFrame,
    *,
    lowercase: bool = True,
    lemmatize: bool = True,
    mwe: bool | pd.DataFrame = True,
    stopwords: Iterable[str] | Mapping[str, Iterable[str]] | None = None,
) -> pd.DataFrame:
    """Split voice segments into the tokens table, one token per row.

    Parameters
    ----------
    segments
        The segments table of :func:`nkresearch.segment_voices`.
    lowercase
        Lowercase ``norm`` (and ``lemma``).
    lemmatize
        Fill ``lemma`` with simplemma's English lemma of ``norm`` (else ``lemma`` =
        ``norm``). Multi-word names and clitics keep their ``norm``. Other languages:
        :mod:`nkresearch.tokens.languages` (a capitalised word is its own lemma).
    mwe
        ``True``: keep the multi-word names of :func:`read_mwe` as one token;
        ``False``: do not; or a table with ``phrase, norm`` columns to use instead
        (``pd.concat([nk.read_mwe(), mine])`` extends the shipped list).
    stopwords
        ``norm`` forms flagged in ``is_stop``, for every language; or a mapping from
        language codes to such forms (a language it lacks keeps its default). Default:
        :func:`read_stopwords` for English, :func:`nkresearch.tokens.languages.stopwords`
        for ``ru``, ``hy`` and ``az``.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, seg_id, sent_id, tok_id`` (sentence and token numbers run through
        the document), ``start, end`` (offsets into the document's clean ``text``:
        ``text[start:end] == token``), ``token``, ``norm`` (quotes and dashes
        unified, lowercased), ``lemma``, ``is_stop``, ``is_punct`` (no letter or
        digit), ``is_alpha`` (letters, with inner hyphens or apostrophes), ``actor,
        speaker, kind`` and the document metadata. Text columns are categoricals.
        ``attrs["tokenize"]`` records the options and the tokenizer, and under
        ``"languages"`` each language's number of documents and rules.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.tokenize(nk.segment_voices(nk.load_corpus()))
    >>> tok.loc[tok["norm"] == "minsk_group", "token"].iloc[0]
    'OSCE Minsk Group'
    """
    if len(segments) == 0:
        raise NKResearchError("tokenize: the segments table is empty; load a corpus with documents.")
    missing = {"doc_id", "seg_id", "start", "text", "actor", "speaker", "kind"} - set(segments.columns)
    if missing:
        raise NKResearchError(
            f"tokenize: segments lack columns {sorted(missing)}; pass the table of nk.segment_voices()."
        )
    if mwe is True:
        mwe_table = read_mwe()
    elif mwe is False:
        mwe_table = pd.DataFrame(columns=["phrase", "norm"])
    else:
        mwe_table = mwe
        lacking = {"phrase", "norm"} - set(getattr(mwe_table, "columns", []))
        if not isinstance(mwe_table, pd.DataFrame) or lacking:
            raise NKResearchError(
                f"tokenize: mwe= needs a table with the columns 'phrase' and 'norm' (lacking: "
                f"{sorted(lacking)}), like nk.read_mwe(); or True (the shipped list) or False (none)."
            )
    mwe_norms = {_phrase_key(p): n for p, n in zip(mwe_table["phrase"], mwe_table["norm"], strict=True)}
    pattern = _spaced_pattern(tuple(mwe_table["phrase"]))
    stops = _stopword_sets(stopwords)
    stop = stops["en"]
    languages = _segment_languages(segments)
    with _gc_paused():  # millions of small objects, no cycles: the collector would only rescan them
        if languages is None:  # English only: the English code path, as it always was
            columns = _token_columns(segments, pattern)
            table = _type_columns(columns.pop("tokens"), mwe_norms, lowercase, lemmatize, stop)
        else:
            columns = _token_columns(segments, pattern, languages)
            token_languages = np.array([LANGUAGES.index(x) for x in languages], np.int8)[columns["rows"]]
            options = (mwe_norms, lowercase, lemmatize, stops)
            table = _language_type_columns(columns.pop("tokens"), token_languages, *options)
    rows = columns.pop("rows")
    for name, values in reversed(columns.items()):
        table.insert(0, name, values)
    doc_codes, doc_ids = _factorize(segments["doc_id"].astype(str).tolist(), sort=False)
    table.insert(
        0, "doc_id", pd.Series(pd.Categorical.from_codes(doc_codes[rows], categories=pd.Index(doc_ids)))
    )
    # per-segment columns: types and categories from the segments that have tokens, then one gather
    has_tokens = np.bincount(rows, minlength=len(segments)) > 0
    extra = [c for c in segments.columns if c not in ("doc_id", "seg_id", "start", "end", "text")]
    for col in extra:
        values = segments[col].to_numpy()
        if pd.api.types.is_integer_dtype(segments[col].dtype):  # year, session: smallest int that fits
            table[col] = values.astype(pd.to_numeric(values[has_tokens], downcast="integer").dtype)[rows]
        else:
            per_segment = pd.Categorical(segments[col])
            seg_codes = per_segment.codes
            used = np.unique(seg_codes[has_tokens & (seg_codes >= 0)])
            recode = np.full(len(per_segment.categories) + 1, -1, dtype=np.int64)  # the last: missing
            recode[used] = np.arange(len(used))
            table[col] = pd.Categorical.from_codes(
                recode[seg_codes][rows],
                categories=per_segment.categories[used],
                ordered=per_segment.ordered,
            )
    table.attrs = {
        **segments.attrs,
        "tokenize": {
            "lowercase": lowercase,
            "lemmatize": "simplemma (en)" if lemmatize else False,
            "mwe": len(mwe_norms),
            "stopwords": len(stop),
            "sentences": "nltk PunktSentenceTokenizer, nkresearch/resources/punkt",
            "words": "nkresearch.tokens.token_pattern (the spans of nltk RegexpTokenizer)",
            "languages": _languages_used(segments, languages),
        },
    }
    return table


def _stopword_sets(
    stopwords: Iterable[str] | Mapping[str, Iterable[str]] | None,
) -> dict[str, frozenset[str]]:
    """The stopwords ``stopwords`` gives, per language; English's always (default :func:`read_stopwords`).

    A language missing from the result takes its default when its tokens are described.
    """
    if stopwords is None:
        return {"en": read_stopwords()}
    if not isinstance(stopwords, Mapping):
        return dict.fromkeys(LANGUAGES, frozenset(stopwords))
    chosen = {code: frozenset(words) for code, words in stopwords.items()}
    unknown = sorted(set(chosen) - set(LANGUAGES))
    if unknown:
        raise NKResearchError(
            f"tokenize: stopwords= has languages {unknown} that nkresearch does not tokenize; "
            f"key the mapping by {LANGUAGES}."
        )
    chosen.setdefault("en", read_stopwords())
    return chosen


def _segment_languages(segments: pd.DataFrame) -> list[str] | None:
    """Each segment's language code, or ``None`` when every one is English.

    From the ``language`` column (codes or names, see
    :func:`nkresearch.corpus.languages.language_code`); where it is missing or empty,
    detected from the document's segments.
    """
    if "language" in segments.columns:
        column = segments["language"]
        values = column.cat.categories if isinstance(column.dtype, pd.CategoricalDtype) else column.unique()
        if len(values) == 1 and values[0] == "en" and not column.isna().any():
            return None
        where = "tokenize: the segments' language column"
        codes = {v: language_code(v, where) for v in values}
        given = [None if pd.isna(v) else codes[v] for v in column]
    else:
        given = [None] * len(segments)
    if any(g is None for g in given):
        texts: dict[object, list[str]] = {}
        for doc, text in zip(segments["doc_id"], segments["text"], strict=True):
            texts.setdefault(doc, []).append(text)
        found = {doc: detect_language("\n\n".join(parts)) for doc, parts in texts.items()}
        given = [g or found[d] for g, d in zip(given, segments["doc_id"], strict=True)]
    languages = [str(g) for g in given]
    return None if set(languages) == {"en"} else languages


def _languages_used(segments: pd.DataFrame, languages: list[str] | None) -> dict[str, dict[str, object]]:
    """For ``attrs``: each language's number of documents and its rules."""
    if languages is None:
        return {"en": {"documents": int(segments["doc_id"].nunique()), **RULES["en"]}}
    docs = pd.DataFrame({"doc_id": segments["doc_id"].to_numpy(), "language": languages})
    per = docs.drop_duplicates().groupby("language")["doc_id"].size()
    return {code: {"documents": int(per[code]), **RULES[code]} for code in LANGUAGES if code in per.index}


@contextmanager
def _gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _token_columns(
    segments: pd.DataFrame, pattern: re.Pattern[str], languages: list[str] | None = None
) -> dict[str, Any]:
    """Sentences and word spans of every segment: the positional columns, and the token codes.

    ``languages``: each segment's language, where not all are English.
    """
    texts = segments["text"].tolist()
    patterns = None
    if languages is not None:
        armenian = _armenian_pattern(pattern)
        patterns = [armenian if x == "hy" else pattern for x in languages]
    token_codes, types, starts, ends, counts = _word_spans(texts, pattern, patterns)
    rows = np.repeat(np.arange(len(texts)), counts)
    bounds = np.concatenate(([0], np.cumsum(counts))).tolist()
    sent_ids = np.empty(len(rows), dtype=np.int32)
    tok_ids = np.empty(len(rows), dtype=np.int32)
    prev_doc, sent_base, tok_base = None, 0, 0
    for i, (doc_id, text) in enumerate(zip(segments["doc_id"], texts, strict=True)):
        if doc_id != prev_doc:
            prev_doc, sent_base, tok_base = doc_id, 0, 0
        a, b = bounds[i], bounds[i + 1]
        spans = sentence_spans(text) if languages is None else sentence_spans(text, languages[i])
        sent_starts = np.array([s for s, _ in spans], dtype=np.int64)
        local_sent = np.searchsorted(sent_starts, starts[a:b], side="right") - 1
        sent_ids[a:b] = sent_base + np.maximum(local_sent, 0)
        tok_ids[a:b] = tok_base + np.arange(b - a)
        sent_base += len(sent_starts)
        tok_base += b - a
    seg_start = segments["start"].to_numpy(np.int64)[rows]
    return {
        "rows": rows,
        "seg_id": segments["seg_id"].to_numpy(np.int32)[rows],
        "sent_id": sent_ids,
        "tok_id": tok_ids,
        "start": (seg_start + starts).astype(np.int32),
        "end": (seg_start + ends).astype(np.int32),
        "tokens": (token_codes, types),
    }


def _type_columns(
    tokens: tuple[np.ndarray, list[str]],
    mwe_norms: dict[str, str],
    lowercase: bool,
    lemmatize: bool,
    stop: frozenset[str],
) -> pd.DataFrame:
    """``token, norm, lemma`` and the flags, each worked out once per distinct string.

    ``tokens``: each token's code into the sorted distinct tokens, and those tokens.
    """
    token_codes, types = tokens
    is_mwe = [_phrase_key(t) in mwe_norms for t in types]
    norm_of_type, norms = _factorize(
        [mwe_norms[_phrase_key(t)] if m else _norm(t, lowercase) for t, m in zip(types, is_mwe, strict=True)]
    )
    norm_codes = norm_of_type[token_codes]
    if lemmatize:
        mwe_norm_set = set(np.asarray(norms, dtype=object)[np.unique(norm_of_type[np.flatnonzero(is_mwe)])])
        lemma_of_norm, lemmas = _factorize(
            [n if n in mwe_norm_set or not n[:1].isalpha() else _lemma(n, lowercase) for n in norms]
        )
    else:
        lemma_of_norm, lemmas = np.arange(len(norms), dtype=np.int32), norms
    return pd.DataFrame(
        {
            "token": pd.Categorical.from_codes(token_codes, categories=pd.Index(types)),
            "norm": pd.Categorical.from_codes(norm_codes, categories=pd.Index(norms)),
            "lemma": pd.Categorical.from_codes(lemma_of_norm[norm_codes], categories=pd.Index(lemmas)),
            "is_stop": np.array([n in stop for n in norms], dtype=bool)[norm_codes],
            "is_punct": np.array([not any(c.isalnum() for c in n) for n in norms], dtype=bool)[norm_codes],
            "is_alpha": np.array([bool(_ALPHA.fullmatch(n)) for n in norms], dtype=bool)[norm_codes],
        },
        copy=False,
    )


def _language_type_columns(
    tokens: tuple[np.ndarray, list[str]],
    token_languages: np.ndarray,
    mwe_norms: dict[str, str],
    lowercase: bool,
    lemmatize: bool,
    stops: dict[str, frozenset[str]],
) -> pd.DataFrame:
    """The columns of :func:`_type_columns` for tokens of several languages.

    Each distinct (language, token) pair is described once: an English one exactly as
    :func:`_type_columns` describes it, another by :mod:`nkresearch.tokens.languages`.
    ``token_languages``: each token's index into ``LANGUAGES``.
    """
    token_codes, types = tokens
    pairs, inverse = np.unique(
        token_languages.astype(np.int64) * len(types) + token_codes, return_inverse=True
    )
    is_mwe = {t: _phrase_key(t) in mwe_norms for t in types}
    mwe_norm_set = {mwe_norms[_phrase_key(t)] for t, m in is_mwe.items() if m}
    norms, lemmas, stop, punct, alpha = [], [], [], [], []
    for pair in pairs.tolist():
        language, token = LANGUAGES[pair // len(types)], types[pair % len(types)]
        if is_mwe[token]:
            norm = mwe_norms[_phrase_key(token)]
        elif language == "en":
            norm = _norm(token, lowercase)
        else:
            norm = norm_of(_norm(token, False), language, lowercase)
        if not lemmatize or norm in mwe_norm_set or not norm[:1].isalpha():
            lemma = norm
        else:
            english = language == "en"
            lemma = _lemma(norm, lowercase) if english else lemma_of(token, norm, language, lowercase)
        norms.append(norm)
        lemmas.append(lemma)
        stop.append(norm in (stops[language] if language in stops else language_stopwords(language)))
        punct.append(not any(c.isalnum() for c in norm))
        alpha.append(bool(_ALPHA.fullmatch(norm)))
    norm_codes, norm_types = _factorize(norms)
    lemma_codes, lemma_types = _factorize(lemmas)
    return pd.DataFrame(
        {
            "token": pd.Categorical.from_codes(token_codes, categories=pd.Index(types)),
            "norm": pd.Categorical.from_codes(norm_codes[inverse], categories=pd.Index(norm_types)),
            "lemma": pd.Categorical.from_codes(lemma_codes[inverse], categories=pd.Index(lemma_types)),
            "is_stop": np.array(stop, dtype=bool)[inverse],
            "is_punct": np.array(punct, dtype=bool)[inverse],
            "is_alpha": np.array(alpha, dtype=bool)[inverse],
        },
        copy=False,
    )


@cache
def _lemma(norm: str, lowercase: bool) -> str:
    if norm in ("n't", "n’t"):
        return "not"
    lemma = simplemma.lemmatize(norm, lang="en")
    return lemma.lower() if lowercase else lemma
