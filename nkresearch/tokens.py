"""Tokens: one row per token, each mapped to its exact span in the document's text.

:func:`tokenize` splits every voice segment into sentences (NLTK's Punkt, with the
parameters shipped in :mod:`nkresearch.sentences`) and words (NLTK's
:class:`~nltk.tokenize.RegexpTokenizer`, whose ``span_tokenize`` gives the
offsets). Sentences never cross a segment, so n-grams and windows that stop at
sentence ends never mix two voices.

The word pattern, in order of preference:

1. multi-word names of ``resources/mwe.csv`` (``OSCE Minsk Group`` -> one token,
   ``norm`` ``minsk_group``), case-insensitive, any white space between the words;
2. abbreviations with their period (``Dec.``, ``U.S.``; ``resources/abbreviations.txt``);
3. numbers, with separators and a hyphenated tail (``120,000``, ``2017-11-21``, ``44-day``);
4. words, hyphenated words kept whole (``Nagorno-Karabakh``, ``co-chairs``), with
   English clitics split off as in the Penn Treebank (``Karabakh’s`` -> ``Karabakh``
   ``’s``; ``hasn’t`` -> ``has`` ``n’t``);
5. an ellipsis or a dash run, else any other single non-space character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import simplemma
from nltk.tokenize import RegexpTokenizer

from .config import RESOURCES_DIR
from .errors import NKResearchError
from .sentences import read_abbreviations, sentence_spans

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
_ALPHA = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
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


def token_pattern(phrases: Iterable[str] = ()) -> str:
    """The word pattern described in the module docstring, with ``phrases`` first."""
    mwe = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    mwe_alt = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in mwe)
    abbrevs = sorted(read_abbreviations(), key=len, reverse=True)
    parts = [
        rf"(?i:(?<![\w-])(?:{mwe_alt})(?![\w-]))" if mwe_alt else None,
        rf"(?<![\w.])(?:{'|'.join(re.escape(a) for a in abbrevs)})(?!\w)",
        r"(?<![\w.])(?:[A-Za-z]\.){2,}(?!\w)",
        r"\d+(?:[.,:/]\d+)*(?:-[^\W_]+)*",
        r"[^\W_]+?(?=n['’]t(?!\w))",
        r"n['’]t(?!\w)",
        rf"(?<=\w){_CLITIC}",
        r"[^\W_]+(?:-[^\W_]+|['’](?!(?:[sSdDmMtT]|re|ve|ll)(?!\w))[^\W_]+)*",
        r"\.\.\.|…|--+|_+",
        r"[^\w\s]",
    ]
    return "|".join(p for p in parts if p)


class _StdlibRegexpTokenizer(RegexpTokenizer):  # type: ignore[misc]
    """NLTK's RegexpTokenizer, its pattern compiled by Python's own ``re``.

    NLTK >= 3.10 compiles every pattern with the third-party ``regex`` engine under a
    wall-clock limit of 5 s per call (``nltk.redos``), which guards against patterns
    from untrusted users but aborts long documents and halves the speed. The pattern
    here is the package's own, fixed and linear, so ``re`` runs it: same matches,
    no time limit. ``span_tokenize`` is NLTK's.
    """

    def _check_regexp(self) -> None:
        if getattr(self, "_regexp", None) is None:
            self._regexp = re.compile(self._pattern, self._flags)


@cache
def _word_tokenizer(phrases: tuple[str, ...]) -> RegexpTokenizer:
    return _StdlibRegexpTokenizer(token_pattern(phrases))


def _norm(token: str, lowercase: bool) -> str:
    t = _DASHES.sub("-", token.translate(_QUOTES))
    return t.lower() if lowercase else t


def tokenize(
    segments: pd.DataFrame,
    *,
    lowercase: bool = True,
    lemmatize: bool = True,
    mwe: bool | pd.DataFrame = True,
    stopwords: Iterable[str] | None = None,
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
        ``norm``). Multi-word names and clitics keep their ``norm``.
    mwe
        ``True``: keep the multi-word names of :func:`read_mwe` as one token;
        ``False``: do not; or a table with ``phrase, norm`` columns to use instead
        (``pd.concat([nk.read_mwe(), mine])`` extends the shipped list).
    stopwords
        ``norm`` forms flagged in ``is_stop`` (default :func:`read_stopwords`).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, seg_id, sent_id, tok_id`` (sentence and token numbers run through
        the document), ``start, end`` (offsets into the document's clean ``text``:
        ``text[start:end] == token``), ``token``, ``norm`` (quotes and dashes
        unified, lowercased), ``lemma``, ``is_stop``, ``is_punct`` (no letter or
        digit), ``is_alpha`` (letters, with inner hyphens or apostrophes), ``actor,
        speaker, kind`` and the document metadata. Text columns are categoricals.
        ``attrs["tokenize"]`` records the options and the tokenizer.

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
    mwe_norms = {_phrase_key(p): n for p, n in zip(mwe_table["phrase"], mwe_table["norm"], strict=True)}
    tokenizer = _word_tokenizer(tuple(mwe_table["phrase"]))
    stop = read_stopwords() if stopwords is None else frozenset(stopwords)

    seg_rows, sent_ids, tok_ids, starts, ends, tokens = [], [], [], [], [], []
    prev_doc, sent_base, tok_base = None, 0, 0
    for i, (doc_id, seg_start, text) in enumerate(
        zip(segments["doc_id"], segments["start"], segments["text"], strict=True)
    ):
        if doc_id != prev_doc:
            prev_doc, sent_base, tok_base = doc_id, 0, 0
        sents = list(sentence_spans(text))
        sent_starts = np.array([s for s, _ in sents])
        spans = np.array(list(tokenizer.span_tokenize(text)), dtype=np.int64).reshape(-1, 2)
        n = len(spans)
        local_sent = np.searchsorted(sent_starts, spans[:, 0], side="right") - 1
        seg_rows.append(np.full(n, i))
        sent_ids.append(sent_base + np.maximum(local_sent, 0))
        tok_ids.append(tok_base + np.arange(n))
        starts.append(seg_start + spans[:, 0])
        ends.append(seg_start + spans[:, 1])
        tokens += [text[s:e] for s, e in spans]
        sent_base += len(sents)
        tok_base += n

    rows = np.concatenate(seg_rows)
    token_cat = pd.Categorical(tokens)
    types = pd.Series(token_cat.categories)
    norms = types.map(lambda t: mwe_norms.get(_phrase_key(t)) or _norm(t, lowercase))
    is_mwe = types.map(lambda t: _phrase_key(t) in mwe_norms)
    norm_cat = pd.Categorical(norms.to_numpy()[token_cat.codes])
    norm_types = pd.Series(norm_cat.categories)
    if lemmatize:
        mwe_norm_set = set(norms[is_mwe])
        lemmas = norm_types.map(
            lambda n: n if n in mwe_norm_set or not n[:1].isalpha() else _lemma(n, lowercase)
        )
    else:
        lemmas = norm_types
    table = pd.DataFrame(
        {
            "doc_id": segments["doc_id"].to_numpy()[rows],
            "seg_id": segments["seg_id"].to_numpy(np.int32)[rows],
            "sent_id": np.concatenate(sent_ids).astype(np.int32),
            "tok_id": np.concatenate(tok_ids).astype(np.int32),
            "start": np.concatenate(starts).astype(np.int32),
            "end": np.concatenate(ends).astype(np.int32),
            "token": token_cat,
            "norm": norm_cat,
            "lemma": pd.Categorical(lemmas.to_numpy()[norm_cat.codes]),
            "is_stop": norm_types.isin(stop).to_numpy()[norm_cat.codes],
            "is_punct": norm_types.map(lambda n: not any(c.isalnum() for c in n)).to_numpy(bool)[
                norm_cat.codes
            ],
            "is_alpha": norm_types.map(lambda n: bool(_ALPHA.fullmatch(n))).to_numpy(bool)[norm_cat.codes],
        }
    )
    extra = [c for c in segments.columns if c not in ("doc_id", "seg_id", "start", "end", "text")]
    for col in extra:
        values = segments[col].to_numpy()[rows]
        if pd.api.types.is_integer_dtype(segments[col].dtype):  # year, session: smallest int that fits
            table[col] = pd.to_numeric(values, downcast="integer")
        else:
            table[col] = pd.Categorical(values)
    table["doc_id"] = pd.Categorical(table["doc_id"], categories=list(dict.fromkeys(segments["doc_id"])))
    table.attrs = {
        **segments.attrs,
        "tokenize": {
            "lowercase": lowercase,
            "lemmatize": "simplemma (en)" if lemmatize else False,
            "mwe": len(mwe_norms),
            "stopwords": len(stop),
            "sentences": "nltk PunktSentenceTokenizer, nkresearch/resources/punkt",
            "words": "nltk RegexpTokenizer, nkresearch.tokens.token_pattern",
        },
    }
    return table


@cache
def _lemma(norm: str, lowercase: bool) -> str:
    if norm in ("n't", "n’t"):
        return "not"
    lemma = simplemma.lemmatize(norm, lang="en")
    return lemma.lower() if lowercase else lemma
