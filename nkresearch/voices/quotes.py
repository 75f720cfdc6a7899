"""Direct speech: the spans between quote marks, in every style news text uses.

Marks: “…” „…“ „…” «…» ‹…› <…> ‘…’ "…" '…' and ``…'', and ”…” where a closing mark
cannot stand (at the start of a line or after a space, before a word). A mark opens a quote only where
an opening mark can stand (start of text, after a space, a bracket or a dash, and
before a non-space), so the apostrophes of "Karabakh’s" and "Armenians' " are not
quotes; marks inside a quote are nested quotes and do not end it. A quote left open
at the end of a paragraph continues into the next paragraph when that paragraph
opens with a mark (the newspaper convention for a quote over several paragraphs) or
when the next paragraph closes a quote it never opened; otherwise it ends with its
paragraph, so an unbalanced mark never flips the rest of the text. A paragraph whose
first mark closes a quote before a speech tag ('We call on Baku ...," she said.') is
a quote that lost its opening mark, from the paragraph's start.
"""

from __future__ import annotations

import re

from .cues import cue_forms

#: opening mark -> the marks that close it
PAIRS = {
    "“": "”“",  # English (and German „…“ closes with “)
    "„": "“”",
    "«": "»",
    "‹": "›",
    "<": '>"”',  # ArmInfo's "<According to ..., ," she said.": closed by any mark
    "‘": "’",
    '"': '"',
    "'": "'",
    "``": "''",
    "”": "”“",  # a backwards opening mark, only before a word (see _opener_at)
}
_OPENERS = sorted(PAIRS, key=len, reverse=True)
_BEFORE_OPEN = " \t\n([{—–-/:;,"
_AFTER_CLOSE = " \t\n)]}.,;:!?—–-…/"


def _opener_at(text: str, k: int) -> str | None:
    if text[k] in "'’‘" and text[k + 1 : k + 2].isdigit():
        return None  # an elision ("the '90s"), not a quote
    if text[k] == "”" and (k == 0 or text[k - 1] in " \t\n([") and text[k + 1 : k + 2].isalnum():
        return "”"  # a backwards opening mark ("”Fear. I am afraid ...”"): a closing mark cannot stand here
    if text[k] == "<" and not (text[k + 1 : k + 2].isupper() and (k == 0 or text[k - 1] in " \t\n")):
        return None  # "<" opens a quote only before a capital, after a space ("<According to ...")
    for mark in _OPENERS:
        if text.startswith(mark, k):
            before_ok = k == 0 or text[k - 1] in _BEFORE_OPEN or text[k - 1] in "“„«‹‘\"'"
            after = text[k + len(mark) : k + len(mark) + 1]
            if before_ok and after and not after.isspace():
                return mark
            if mark in ("“", "„", "«", "‹"):  # unambiguous openers, wherever they stand
                return mark if after and not after.isspace() else None
    return None


def _closes(text: str, k: int, opener: str) -> int:
    """Length of the closing mark of ``opener`` at ``k``, or 0."""
    for mark in ("''",) if opener == "``" else tuple(PAIRS[opener]):
        if text.startswith(mark, k):
            after = text[k + len(mark) : k + len(mark) + 1]
            before = text[k - 1] if k else " "
            if mark in "'’" and (not (after == "" or after in _AFTER_CLOSE) or before.isspace()):
                continue  # an apostrophe ("Armenia’s", "'90s"), not a closing mark
            if mark == '"' and before.isspace() and after and not after.isspace() and opener == '"':
                continue  # a new opening mark of a sloppy text, not this quote's end
            return len(mark)
    return 0


#: every character that can be (part of) a quote mark: only these positions are looked at
_MARKS = re.compile(r"[`“”„«»‹›‘’\"'<>]")


def _scan(
    text: str, start: int, end: int, opener: str | None
) -> tuple[list[tuple[int, int]], str | None, int]:
    """Quotes of one paragraph; returns the spans, the mark still open at its end, where it opened."""
    spans: list[tuple[int, int]] = []
    qstart, skip_to = start, start
    for hit in _MARKS.finditer(text, start, end):
        k = hit.start()
        if k < skip_to:
            continue
        if opener is None:
            mark = _opener_at(text, k)
            if mark:
                opener, qstart, skip_to = mark, k, k + len(mark)
        else:
            n = _closes(text, k, opener)
            if n:
                spans.append((qstart, k + n))
                opener, skip_to = None, k + n
    return spans, opener, qstart


def _unmatched_closer(text: str, start: int, end: int, opener: str) -> int | None:
    """Position after a closing mark of ``opener`` in a paragraph that opens none before it."""
    for hit in _MARKS.finditer(text, start, end):
        k = hit.start()
        if _opener_at(text, k):
            return None
        if n := _closes(text, k, opener):
            return k + n
    return None


#: a closing mark after the punctuation that ends a quote: '...," she said', '....” — Zakharova'
_CLOSE = re.compile(r"""[,.!?…][”"»]""")
#: a signature after a quote: a dash and a capitalised name
_SIGNED = re.compile(r"\s*[—–―-]\s*[A-Z]")
_TAG_WORDS = re.compile(r"[A-Za-z]+")


def _closed_only(text: str, start: int, end: int) -> int | None:
    """Where a quote ends in a paragraph that opens none before it, or None.

    The first mark of the paragraph closes a quote after the punctuation that ends one,
    and a speech tag or a signature follows ('We call on Baku ...," she said.'): the
    quote lost its opening mark and runs from the paragraph's start.
    """
    first = _MARKS.search(text, start, end)
    if first is None or first.start() == start or _opener_at(text, first.start()) is not None:
        return None
    k = first.start()
    if _CLOSE.match(text, k - 1) is None or len(_TAG_WORDS.findall(text, start, k)) < 4:
        return None
    if _SIGNED.match(text, k + 1) is not None:
        return k + 1
    tag = _TAG_WORDS.findall(text, k + 1, min(end, k + 60))[:5]  # "she said", "the minister added"
    return k + 1 if set(tag) & cue_forms().keys() else None


def quote_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """The direct quotes of a text: ``(start, end, continued)`` with the marks included.

    ``continued`` is true for the part of a multi-paragraph quote after its first
    paragraph (its speaker is the speaker of the part before).
    """
    out: list[tuple[int, int, bool]] = []
    carry: str | None = None  # a quote that runs on from the paragraph before
    for i, (s, e) in enumerate(paragraphs):
        opener, pos, continued, qstart = None, s, False, s
        if carry is not None:
            mark = _opener_at(text, s)
            if mark is not None:  # '“A ...\n\n“B ...”': the new paragraph reopens it
                opener, pos, continued = mark, s + len(mark), True
            elif (close := _unmatched_closer(text, s, e, carry)) is not None:
                out.append((s, close, True))
                pos = close
            carry = None
        elif (close := _closed_only(text, s, e)) is not None:
            out.append((s, close, False))
            pos = close
        spans, still_open, open_at = _scan(text, pos, e, opener)
        if opener is not None and spans and spans[0][0] == pos:
            spans[0] = (qstart, spans[0][1])
        for k, (a, b) in enumerate(spans):
            out.append((a, b, continued and k == 0))
        if still_open is not None:
            start_at = qstart if (opener is not None and not spans) else open_at
            nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
            runs_on = nxt is not None and (
                _opener_at(text, nxt[0]) is not None or _unmatched_closer(text, nxt[0], nxt[1], still_open)
            )
            out.append((start_at, e, continued and not spans))
            carry = still_open if runs_on else None
    return out
