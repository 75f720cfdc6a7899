r"""What to look for: one pattern model for kwic, collocates, dispersion and the lexicons.

A pattern is

- a word (``"artsakh"``) or a glob (``"negotiat*"``, ``"occup?ed"``): one token whose
  ``unit`` value it matches whole, case-insensitively;
- a phrase, words or globs separated by spaces (``"occupied territories"``): consecutive
  tokens of one sentence. A phrase or word without glob characters also matches the
  way the tokenizer reads it: a multi-word name the tokenizer joins ("OSCE Minsk
  Group" is the one token ``osce_minsk_group``) or, with ``unit="lemma"``, the lemmas
  of its words;
- a compiled regular expression (``re.compile(r"occup\w+")``): one token whose value
  it matches whole (with the flags it was compiled with);
- alternatives separated by ``|`` (``"artsakh|nagorn?-karabakh"``), or a list of any of
  these: any of them. Tables with a row per item (``dispersion``, ``trends``) keep them
  apart; ``collocates`` and ``kwic`` take their union. ``|`` is how a result names a
  list (:func:`pattern_label`), so a label read back from a table is a pattern again.

:class:`Matcher` finds the occurrences of a pattern in a tokens table: the position of
each match's first token and its length in tokens.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from ...errors import NKResearchError
from .checks import as_categorical, sentence_keys

Pattern = str | re.Pattern[str] | Iterable[str | re.Pattern[str]]
_GLOB_CHARS = frozenset("*?[")
#: queries answered by a scan of the codes before the matcher sorts them by code once
_SCANS_BEFORE_INDEX = 8


@dataclass(frozen=True)
class Test:
    """What one token must be: equal to ``text`` (lower case) or matched by ``regex``."""

    text: str = ""
    regex: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Item:
    """One item of a pattern: its label and the token sequences any of which it matches."""

    label: str
    sequences: tuple[tuple[Test, ...], ...]


def _test(word: str) -> Test:
    if _GLOB_CHARS & set(word):
        return Test(regex=re.compile(fnmatch.translate(word.lower()), re.IGNORECASE))
    return Test(text=word.lower())


@lru_cache(maxsize=4096)
def _as_tokenized(text: str, unit: str) -> tuple[str, ...]:
    """The ``unit`` values the tokenizer gives ``text`` (multi-word names joined)."""
    from ...tokens.tokenizer import tokenize

    seg = pd.DataFrame(
        [{"doc_id": "p", "seg_id": 0, "start": 0, "text": text, "actor": "", "speaker": "", "kind": ""}]
    )
    return tuple(str(v).lower() for v in tokenize(seg)[unit])


def _alternatives(part: str | re.Pattern[str]) -> list[str | re.Pattern[str]]:
    """A string's ``|``-separated alternatives (a compiled regex is one part)."""
    if isinstance(part, str) and "|" in part:
        return [alt.strip() for alt in part.split("|")]
    return [part]


def compile_pattern(pattern: Pattern, *, unit: str = "norm", func: str = "pattern") -> list[Item]:
    """The items of a pattern (see the module docstring), checked."""
    if isinstance(pattern, (str, re.Pattern)):
        parts: list[str | re.Pattern[str]] = [pattern]
    else:
        parts = list(pattern)
    parts = [alt for part in parts for alt in _alternatives(part)]
    if not parts:
        raise NKResearchError(f"{func}: no pattern given; pass a word, a glob like 'negotiat*', or a list.")
    items = []
    for part in parts:
        if isinstance(part, re.Pattern):
            items.append(Item(part.pattern, ((Test(regex=part),),)))
            continue
        if not isinstance(part, str) or not part.strip():
            raise NKResearchError(f"{func}: {part!r} is not a pattern; pass a word, a glob or a phrase.")
        words = part.split()
        sequences = [tuple(_test(w) for w in words)]
        if not _GLOB_CHARS & set(part):
            tokenized = tuple(Test(text=v) for v in _as_tokenized(part, unit))
            if tokenized and tokenized != sequences[0]:
                sequences.append(tokenized)
        items.append(Item(part, tuple(sequences)))
    return items


#: forms of a wildcard item a reader is shown (its most frequent matches)
SHOWN_FORMS = 3
#: items of a pattern a reader is shown before "and N more"
SHOWN_ITEMS = 3


def _wild(label: str) -> bool:
    return bool(_GLOB_CHARS & set(label)) or bool(re.search(r"[\\+(){}^$]", label))


def _readable_item(label: str, found: list[str] | None) -> str:
    if not found:
        return label.replace("*", "…").replace("?", "…") if _GLOB_CHARS & set(label) else label
    return "/".join(found[:SHOWN_FORMS]) + ("/…" if len(found) > SHOWN_FORMS else "")


def readable(label: str, forms: dict[str, list[str]] | None = None) -> str:
    """A pattern as a reader reads it in a sentence or a legend: never a glob or a regex.

    A word or phrase is itself; a glob or regular expression is the forms it matched,
    most frequent first (``forms``: what :meth:`Matcher.forms` found, recorded in the
    table's ``attrs["forms"]``), or with its wildcards as "…" where it matched nothing;
    alternatives are listed, the first three and how many more.

    >>> readable("nagorn?-karabakh", {"nagorn?-karabakh": ["nagorno-karabakh", "nagorny-karabakh"]})
    'nagorno-karabakh/nagorny-karabakh'
    >>> readable("negotiat*|talks|dialogue|peace*")
    'negotiat…, talks, dialogue and 1 more'
    """
    forms = forms or {}
    if label in forms or "|" not in label:
        return _readable_item(label, forms.get(label))
    items = [item.strip() for item in label.split("|")]
    shown = ", ".join(_readable_item(item, forms.get(item)) for item in items[:SHOWN_ITEMS])
    more = len(items) - SHOWN_ITEMS
    return f"{shown} and {more} more" if more > 0 else shown


def pattern_label(pattern: Pattern) -> str:
    """How a pattern is named in a result table: its text, items joined by ``|``."""
    if isinstance(pattern, str):
        return pattern
    if isinstance(pattern, re.Pattern):
        return pattern.pattern
    return "|".join(p.pattern if isinstance(p, re.Pattern) else str(p) for p in pattern)


def most_frequent_forms(counts: dict[str, dict[str, int]]) -> dict[str, list[str]]:
    """Per item, its forms most frequent first (ties alphabetical), at most ``SHOWN_FORMS + 1``.

    >>> most_frequent_forms({"negotiat*": {"negotiations": 5, "negotiation": 2, "negotiating": 2}})
    {'negotiat*': ['negotiations', 'negotiating', 'negotiation']}
    """
    return {
        label: [form for form, _ in sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[: SHOWN_FORMS + 1]]
        for label, found in counts.items()
    }


def merge_form_counts(parts: list[dict[str, dict[str, int]]]) -> dict[str, dict[str, int]]:
    """The form counts of several parts of a table added up (items in their first order)."""
    merged: dict[str, dict[str, int]] = {}
    for part in parts:
        for label, found in part.items():
            into = merged.setdefault(label, {})
            for form, n in found.items():
                into[form] = into.get(form, 0) + n
    return merged


class Matcher:
    """The occurrences of patterns in one tokens table (built once, asked many times)."""

    def __init__(self, tokens: pd.DataFrame, unit: str, *, values: pd.Categorical | None = None):
        values = as_categorical(tokens[unit]) if values is None else values
        self.raw = pd.Index(values.categories).astype(str)
        self.lower = self.raw.str.lower()
        self.codes = np.asarray(values.codes, dtype=np.int64)
        self._tokens = tokens
        self._sent: np.ndarray | None = None
        self._by_code: tuple[np.ndarray, np.ndarray] | None = None
        self._queries = 0

    @property
    def sent(self) -> np.ndarray:
        """One integer per token, equal exactly within a sentence (computed when first needed)."""
        if self._sent is None:
            self._sent = sentence_keys(self._tokens)
        return self._sent

    def forms(self, items: list[Item]) -> dict[str, list[str]]:
        """The forms each wildcard item (glob or regex, one token) matched, most frequent first.

        At most ``SHOWN_FORMS + 1`` per item (one more than a reader is shown, so
        :func:`readable` knows there are more); items without a wildcard are left out.
        """
        return most_frequent_forms(self.form_counts(items))

    def form_counts(self, items: list[Item]) -> dict[str, dict[str, int]]:
        """How often each wildcard item matched each of its forms (lower-cased): what :meth:`forms` ranks.

        Counts of parts of a table add up to the table's (:func:`merge_form_counts`).
        """
        counts: np.ndarray | None = None
        found: dict[str, dict[str, int]] = {}
        for item in items:
            first = item.sequences[0]
            if len(first) != 1 or first[0].regex is None:
                continue
            if counts is None:
                counts = np.bincount(self.codes[self.codes >= 0], minlength=len(self.raw))
            mask = self.mask(first[0])
            by_form = pd.Series(counts[mask], index=self.lower[mask])
            by_form = by_form[by_form > 0].groupby(level=0).sum()
            found[item.label] = {str(form): int(n) for form, n in by_form.items()}
        return found

    def mask(self, test: Test) -> np.ndarray:
        """Boolean per vocabulary entry: does it pass ``test``."""
        if test.regex is None:
            return np.asarray(self.lower == test.text)
        match = test.regex.fullmatch
        return np.fromiter((bool(match(c)) for c in self.raw), dtype=bool, count=len(self.raw))

    def _positions(self, mask: np.ndarray) -> np.ndarray:
        """Positions of the tokens whose entry is in ``mask``, in text order.

        A few queries scan the codes (one pass each); many (a lexicon's entries) sort the
        positions by code once and then read each entry's slice.
        """
        hits = np.flatnonzero(mask)
        self._queries += 1
        if len(hits) > 64 or (self._by_code is None and self._queries <= _SCANS_BEFORE_INDEX):
            return np.flatnonzero(np.append(mask, False)[self.codes])  # code -1 (no value): False
        if self._by_code is None:
            order = np.argsort(self.codes, kind="stable")
            self._by_code = order, np.searchsorted(self.codes[order], np.arange(len(self.raw) + 1))
        order, bounds = self._by_code
        found = [order[bounds[c] : bounds[c + 1]] for c in hits]
        return np.sort(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)

    def starts(self, sequence: tuple[Test, ...]) -> np.ndarray:
        """Where ``sequence`` begins: consecutive tokens of one sentence, in text order."""
        start = self._positions(self.mask(sequence[0]))
        n = len(self.codes)
        for k, test in enumerate(sequence[1:], start=1):
            start = start[start + k < n]
            nxt = self.codes[start + k]
            start = start[np.append(self.mask(test), False)[nxt] & (self.sent[start + k] == self.sent[start])]
        return start

    def spans(self, items: list[Item]) -> tuple[np.ndarray, np.ndarray]:
        """Every match of any item: ``(first, last)`` token positions, sorted, each span once."""
        found = [
            (s, s + len(seq) - 1) for item in items for seq in item.sequences for s in [self.starts(seq)]
        ]
        if not found:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        first = np.concatenate([f for f, _ in found])
        last = np.concatenate([la for _, la in found])
        pairs = np.unique(np.stack([first, last], axis=1), axis=0)
        return pairs[:, 0], pairs[:, 1]
