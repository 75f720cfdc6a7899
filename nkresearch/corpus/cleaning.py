"""Cleaning: from the text as saved (``raw_text``) to the text that is analysed (``text``).

Web pages saved as text carry debris: site navigation, rubrics, a news agency's
dateline block, comment policies, machine strings and sometimes the whole article
twice. :func:`clean_text` removes it by named rules and records every removal
(character span in the raw text, the removed text, the rule), so nothing disappears
silently; :func:`nkresearch.cleaning_log` shows those records as a table. Reader
comments are not debris: they stay and become the ``Readers`` voice.

After the removals the text is normalised: a leading byte-order mark dropped, CRLF
and CR to LF, non-breaking and narrow spaces to spaces, Unicode NFC, trailing
spaces of lines dropped and runs of blank lines folded to one. Curly and straight
quotes are kept as they are (they carry meaning); ``norm`` in the tokens table
unifies them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

_EOL = r"[^\S\n]*\r?(?:\n|\Z)"  # rest of a line: blanks, then the line end


@dataclass(frozen=True)
class Rule:
    """A cleaning rule: a name, a regular expression over the raw text, a reason.

    ``needles``: strings of which every match holds one; a text with none of them is
    not searched (a line-anchored pattern is otherwise tried at every character).
    Empty: always searched.
    """

    name: str
    pattern: re.Pattern[str]
    description: str
    needles: tuple[str, ...] = ()


_RUBRIC = (
    "a site's section label: a 'Categories: ...' line, or a single word "
    "standing alone as the page's first line"
)

#: The pattern rules, applied in this order after ``repeated_copy``.
CLEANING_RULES: tuple[Rule, ...] = (
    Rule(
        "bom",
        re.compile("\\A\ufeff"),
        "a byte-order mark at the start of the file",
    ),
    Rule(
        "navigation",
        re.compile(
            r"^[^\S\n]*(?:Latest news|Back to Top(?: Close)?|Xinhuanet)" + _EOL,
            re.MULTILINE,
        ),
        "a line of site navigation ('Latest news', 'Back to Top Close', 'Xinhuanet')",
        ("Latest news", "Back to Top", "Xinhuanet"),
    ),
    Rule(
        "rubric",
        re.compile(r"^[^\S\n]*Categories:[^\n]*(?:\n|\Z)", re.MULTILINE),
        _RUBRIC,
        ("Categories:",),
    ),
    Rule(  # the same rule at the start of the text, where it needs no needle
        "rubric",
        re.compile(r"\A[^\S\n]*[A-Z][\w-]*[^\S\n]*\r?\n(?=[^\S\n]*\r?\n)"),
        _RUBRIC,
    ),
    Rule(
        "dateline",
        re.compile(r"^[^\S\n]*Source:[^\n]*?\d{4}-\d{2}-\d{2}[^\n]*(?:\n|\Z)", re.MULTILINE),
        "a news agency's page-template line 'Source: <agency> <date time> | Editor: ...'",
        ("Source:",),
    ),
    Rule(
        "comment_policy",
        re.compile(
            r"^[^\S\n]*Discussion Policy[^\S\n]*\r?\n(?:[^\S\n]*\r?\n)*[^\n]*\S[^\n]*(?:\n|\Z)",
            re.MULTILINE,
        ),
        "a site's comment policy: the 'Discussion Policy' heading and its paragraph",
        ("Discussion Policy",),
    ),
    Rule(
        "machine_string",
        re.compile(r"^[^\S\n]*\d{20,}" + _EOL, re.MULTILINE),
        "a line holding only a long run of digits (a page id or tracking string)",
    ),
)

REPEATED_COPY = (
    "repeated_copy",
    "a second copy of lines already in the document (a page saved with its article twice)",
)

#: A repeated block must hold at least this many repeated lines and characters.
_MIN_REPEAT_LINES = 3
_MIN_REPEAT_CHARS = 200
#: Lines shorter than this are not evidence of a copy ("Thank you." recurs honestly).
_MIN_LINE_CHARS = 20
#: Lines that differ between the copies (a reformatted dateline) may interrupt a block.
_MAX_GAP_LINES = 2

_SPACES = (("\u00a0", " "), ("\u202f", " "), ("\u2007", " "), ("\ufeff", ""))


def _fix_spaces(text: str) -> str:
    """Non-breaking, narrow and figure spaces to spaces; byte-order marks dropped.

    ``str.replace`` scans in C; ``str.translate`` with a mapping is much slower on
    long texts (``benchmarks/RESULTS.md``, design measurements).
    """
    for old, new in _SPACES:
        if old in text:
            text = text.replace(old, new)
    return text


@dataclass(frozen=True)
class Removal:
    """One piece of raw text that cleaning removed."""

    rule: str
    start: int
    end: int
    text: str
    description: str


def _norm_line(line: str) -> str:
    return " ".join(unicodedata.normalize("NFC", _fix_spaces(line)).split())


def _repeated_copy(raw: str) -> list[tuple[int, int]]:
    """Spans of blocks of lines that repeat earlier lines of the same text."""
    lines = raw.splitlines(keepends=True)
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line)
    # a text already in NFC without odd spaces has lines that are too: skip the per-line work
    plain = unicodedata.is_normalized("NFC", raw) and not any(old in raw for old, _ in _SPACES)
    keys = [" ".join(line.split()) for line in lines] if plain else [_norm_line(line) for line in lines]
    seen: set[str] = set()
    status = []  # "repeat", "blank" or "other" for each line
    for key in keys:
        if not key:
            status.append("blank")
        elif len(key) >= _MIN_LINE_CHARS and key in seen:
            status.append("repeat")
        else:
            status.append("other")
        if key:
            seen.add(key)
    spans = []
    i = 0
    while i < len(lines):
        if status[i] != "repeat":
            i += 1
            continue
        first = last = i
        gap = 0
        j = i + 1
        while j < len(lines):
            if status[j] == "repeat":
                last, gap = j, 0
            elif status[j] == "other":
                gap += 1
                if gap > _MAX_GAP_LINES:
                    break
            j += 1
        block = range(first, last + 1)
        n_repeat = sum(status[k] == "repeat" for k in block)
        start, end = offsets[first], offsets[last] + len(lines[last])
        if n_repeat >= _MIN_REPEAT_LINES and end - start >= _MIN_REPEAT_CHARS:
            spans.append((start, end))
        i = last + 1
    return spans


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def find_removals(raw: str) -> list[Removal]:
    """Every span of ``raw`` that cleaning removes, in text order.

    Repeated copies are found first (a copy may contain lines that other rules
    would also match, such as its own dateline); the pattern rules of
    :data:`CLEANING_RULES` then apply to what is left. Spans never overlap.
    """
    taken = _repeated_copy(raw)
    removals = [Removal(REPEATED_COPY[0], s, e, raw[s:e], REPEATED_COPY[1]) for s, e in taken]
    for rule in CLEANING_RULES:
        if rule.needles and not any(needle in raw for needle in rule.needles):
            continue
        for match in rule.pattern.finditer(raw):
            span = match.span()
            if span[0] == span[1] or _overlaps(span, taken):
                continue
            taken.append(span)
            removals.append(Removal(rule.name, *span, match.group(), rule.description))
    return sorted(removals, key=lambda r: r.start)


def normalize_text(text: str) -> str:
    """Normalise whitespace and Unicode as described in the module docstring."""
    text = _fix_spaces(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = unicodedata.normalize("NFC", text)
    # each line's trailing blanks (what re.sub(r"[^\S\n]+\n", "\n", text) removes, ten times sooner)
    text = "\n".join([line.rstrip() for line in text.split("\n")])
    if "\n\n\n" in text:
        text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def clean_text(raw: str) -> tuple[str, list[Removal]]:
    r"""Clean one document's raw text.

    Parameters
    ----------
    raw
        The text as decoded from the file.

    Returns
    -------
    tuple
        The clean text and the list of :class:`Removal` records (spans in ``raw``).

    Examples
    --------
    >>> text, removed = clean_text("Peace talks resumed.\n\nLatest news\n")
    >>> text, [r.rule for r in removed]
    ('Peace talks resumed.', ['navigation'])
    """
    removals = find_removals(raw)
    kept = []
    pos = 0
    for removal in removals:
        kept.append(raw[pos : removal.start])
        pos = removal.end
    kept.append(raw[pos:])
    return normalize_text("".join(kept)), removals


def cleaning_log(docs: pd.DataFrame) -> pd.DataFrame:
    """Every removal that cleaning made, one row per removed span.

    Parameters
    ----------
    docs
        The documents table of :func:`nkresearch.load_corpus` (needs ``doc_id`` and
        ``raw_text``).

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, rule, start, end, n_chars, removed_text, description``;
        ``start``/``end`` are character offsets into that document's ``raw_text``,
        so ``raw_text[start:end] == removed_text``.

    Examples
    --------
    >>> import nkresearch as nk
    >>> log = nk.cleaning_log(nk.load_corpus())
    >>> sorted(log["rule"].unique())[:2]
    ['comment_policy', 'dateline']
    """
    rows = [
        {
            "doc_id": doc_id,
            "rule": r.rule,
            "start": r.start,
            "end": r.end,
            "n_chars": r.end - r.start,
            "removed_text": r.text,
            "description": r.description,
        }
        for doc_id, raw in zip(docs["doc_id"], docs["raw_text"], strict=True)
        for r in find_removals(raw)
    ]
    columns = ["doc_id", "rule", "start", "end", "n_chars", "removed_text", "description"]
    return pd.DataFrame(rows, columns=columns)
