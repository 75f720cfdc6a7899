r"""Lexicon entries matched on the words as written: the ``pattern`` column, in any language.

A lexicon row with a ``pattern`` is found by that pattern on the surface forms of the
tokens (the ``token`` column, before lowercasing, quote unification or lemmatization),
not by its ``entry``: ``нагорн(?:ый|ого|ому|ым|ом) карабах(?:а|у|ом|е)?`` finds
"Нагорного Карабаха" and "Нагорном Карабахе". A pattern is words separated by single
spaces; each word is a regular expression without spaces, written in lower case; a space
matches the white space between two words of one sentence. The whole pattern must stand
between word boundaries, so ``карабах(?:а|у|ом|е)?`` does not find the adjective
"карабахский", and it may start or end at a hyphen inside a token ("Շուշի" in
"Շուշի-Քարին"). Write a bounded list of endings, never a nested repeat: the patterns run
on every candidate word of a corpus.

The text is lowercased by the entry's ``language``: Azerbaijani and Turkish ``I`` is
``ı`` and ``İ`` is ``i`` (so ``dağlıq`` finds "DAĞLIQ"); elsewhere ``I`` is ``i``.

An entry may be read by its document (``if_document_has``, ``then_canonical``): Russian
"Шуши" is the genitive of "Шуша" in a document that declines Шуша, else the
indeclinable Armenian name (see :func:`document_readings`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ...errors import NKResearchError
from .checks import as_categorical

#: lowercasing by language: the dotted and dotless i of Azerbaijani and Turkish
_TURKIC = str.maketrans({"I": "ı", "İ": "i"})
_OTHER = str.maketrans({"İ": "i"})
_FOLDS = {"az": _TURKIC, "tr": _TURKIC}
#: tokens read after a candidate word: a pattern of n words spans at most 3n tokens
#: (a dash between two words can be a token of its own)
_TOKENS_PER_WORD = 3


def fold(text: str, language: str) -> str:
    """``text`` in lower case, as the patterns of ``language`` are written; the same length."""
    folded = text.translate(_FOLDS.get(language, _OTHER)).lower()
    if len(folded) == len(text):
        return folded
    return "".join(
        c.lower() if len(c.lower()) == 1 else c for c in text.translate(_FOLDS.get(language, _OTHER))
    )


@dataclass(frozen=True)
class SurfaceEntry:
    """One lexicon row with a pattern: its row number, words, and compiled forms."""

    index: int
    category: str
    language: str
    first: re.Pattern[str]  # the first word, searched inside a token
    whole: re.Pattern[str]  # the pattern between word boundaries
    words: int


def compile_entries(lexicon: pd.DataFrame, func: str) -> list[SurfaceEntry]:
    """The rows of ``lexicon`` with a non-empty ``pattern``, compiled (checked)."""
    if "pattern" not in lexicon.columns:
        return []
    languages = lexicon["language"] if "language" in lexicon.columns else pd.Series("", index=lexicon.index)
    entries = []
    for k, (category, entry, pattern, language) in enumerate(
        zip(lexicon["category"], lexicon["entry"], lexicon["pattern"], languages, strict=True)
    ):
        if not isinstance(pattern, str) or not pattern.strip():
            continue
        words = pattern.split(" ")
        try:
            if "" in words:
                raise re.error("two spaces in a row, or a space at an end")
            for word in words:
                re.compile(word)
            whole = re.compile(r"(?<!\w)" + r"\s+".join(f"(?:{w})" for w in words) + r"(?!\w)")
        except re.error as err:
            raise NKResearchError(
                f"{func}: the pattern {pattern!r} of the entry {entry!r} is not usable ({err}); "
                "fix it in the lexicon: words separated by single spaces, each a regular "
                "expression without spaces, in lower case."
            ) from err
        lang = language if isinstance(language, str) else ""
        entries.append(SurfaceEntry(k, str(category), lang, re.compile(words[0]), whole, len(words)))
    return entries


class SurfaceText:
    """The surface forms of a tokens table, read in short windows around candidate words."""

    def __init__(self, tokens: pd.DataFrame, sent: np.ndarray):
        values = as_categorical(tokens["token"])
        self.types = [str(t) for t in values.categories]
        self.codes = np.asarray(values.codes, dtype=np.int64)
        self.start = tokens["start"].to_numpy(np.int64)
        self.end = tokens["end"].to_numpy(np.int64)
        self.sent = sent
        self._folded: dict[str, list[str]] = {}
        self._windows: dict[tuple[int, str, int], str] = {}

    def folded(self, language: str) -> list[str]:
        """The distinct token strings, lowercased as the patterns of ``language`` are."""
        key = "az" if language in _FOLDS else ""
        if key not in self._folded:
            self._folded[key] = [fold(t, key) for t in self.types]
        return self._folded[key]

    def window(self, p: int, language: str, size: int) -> str:
        """The folded text from token ``p`` to at most ``size`` tokens on, within its sentence.

        White space between tokens is read as spaces, so offsets in the window are
        offsets in the document from the start of token ``p``.
        """
        key = (p, "az" if language in _FOLDS else "", size)
        if key not in self._windows:
            folded = self.folded(language)
            parts = [folded[self.codes[p]]]
            last = min(p + size, len(self.codes))
            for j in range(p + 1, last):
                if self.sent[j] != self.sent[p]:
                    break
                parts.append(" " * int(self.start[j] - self.end[j - 1]) + folded[self.codes[j]])
            self._windows[key] = "".join(parts)
        return self._windows[key]

    def candidates(self, entries: list[SurfaceEntry]) -> dict[int, np.ndarray]:
        """For each entry, the positions of the tokens where one of its matches may begin."""
        found: dict[int, np.ndarray] = {}
        for language in {e.language for e in entries}:
            group = [e for e in entries if e.language == language]
            folded = self.folded(language)
            any_first = re.compile("|".join(f"(?:{e.first.pattern})" for e in group))
            hit_types = [i for i, t in enumerate(folded) if any_first.search(t)]
            if not hit_types:
                continue
            mask = np.zeros(len(folded) + 1, dtype=bool)  # the last: a token with no value
            mask[hit_types] = True
            positions = np.flatnonzero(mask[self.codes])
            for entry in group:
                own = np.zeros(len(folded) + 1, dtype=bool)
                own[[i for i in hit_types if entry.first.search(folded[i])]] = True
                found[entry.index] = positions[own[self.codes[positions]]]
        return found

    def matches(self, entry: SurfaceEntry, positions: np.ndarray) -> list[tuple[int, int, int, int]]:
        """``(first token, tokens, start, end)`` of each match of ``entry`` starting in ``positions``."""
        size = _TOKENS_PER_WORD * entry.words
        found = []
        for p in positions.tolist():
            text = self.window(p, entry.language, size)
            width = int(self.end[p] - self.start[p])
            for m in entry.whole.finditer(text):
                if m.start() >= width:
                    break
                start, end = int(self.start[p]) + m.start(), int(self.start[p]) + m.end()
                last = p + int(np.searchsorted(self.start[p : p + size], end, side="left")) - 1
                found.append((p, last - p + 1, start, end))
        return found


def document_readings(
    surface: SurfaceText, lexicon: pd.DataFrame, hits: pd.DataFrame, doc_codes: np.ndarray
) -> pd.DataFrame:
    """Decide the entries read by their document; ``hits`` with ``canonical, rule, evidence`` set.

    A row whose lexicon entry has ``if_document_has`` (a regular expression that must
    match a whole word, lower case) and ``then_canonical`` takes ``then_canonical`` when
    some word of its document matches, else its own ``canonical``. ``rule`` states the
    test; ``evidence`` lists the words found (with counts), or says none was.
    """
    if "if_document_has" not in lexicon.columns or hits.empty:
        return hits
    tests = lexicon["if_document_has"].fillna("").astype(str)
    hits = hits.copy()
    for k in np.flatnonzero(tests.to_numpy() != ""):
        rows = hits.index[hits["\x00k"].to_numpy() == k]
        if len(rows) == 0:
            continue
        language = str(lexicon["language"].iloc[k]) if "language" in lexicon.columns else ""
        test = re.compile(tests.iloc[k])
        folded = surface.folded(language)
        types = np.zeros(len(folded) + 1, dtype=bool)
        types[[i for i, t in enumerate(folded) if test.fullmatch(t)]] = True
        where = np.flatnonzero(types[surface.codes])
        forms: dict[int, Counter[str]] = {}
        for p in where.tolist():
            forms.setdefault(int(doc_codes[p]), Counter())[surface.types[surface.codes[p]]] += 1
        then = str(lexicon["then_canonical"].iloc[k])
        own = str(hits.loc[rows[0], "canonical"])
        rule = f"{then} if the document has a word matching {test.pattern}, else {own}"
        for r, row in zip(rows, hits.loc[rows, "row"].to_numpy(np.int64), strict=True):
            seen = forms.get(int(doc_codes[row]))
            hits.at[r, "rule"] = rule
            if seen:
                hits.at[r, "canonical"] = then
                hits.at[r, "evidence"] = ", ".join(f"{w} ×{n}" for w, n in sorted(seen.items()))
            else:
                hits.at[r, "evidence"] = "none in the document"
    return hits
