"""Line-anchored regular expressions, tried at the starts of lines only.

With ``re.MULTILINE`` a pattern that begins with ``^`` can match only at the text's
start and after a line feed (``re``'s only line break for ``^``), yet ``finditer`` tries
it at every character, and a line of a hundred characters costs a hundred tries.
:func:`line_matches` tries it at each line start instead, from where the last match
ended: the same matches (``tests/test_cleaning.py`` and ``tests/test_voices.py`` check
them against ``finditer``), in a pass over the lines rather than the characters. The
cleaning rules (:mod:`.cleaning`) and the comment-block patterns of the voices
(:mod:`nkresearch.voices.layout`) are such patterns.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache

__all__ = ["anchored", "line_matches", "line_starts"]

_NEWLINE = re.compile("\n")
#: a pattern's source that begins with ``^``, after inline flags such as ``(?im)``
_CARET_FIRST = re.compile(r"(?:\(\?[aiLmsux]+\))?\^")


@lru_cache(maxsize=8)
def line_starts(text: str) -> tuple[int, ...]:
    r"""Where the lines of ``text`` start: 0 and the position after each line feed.

    Kept for the last few texts: the patterns of one text ask for them in turn.

    Examples
    --------
    >>> line_starts("a\nbc\n")
    (0, 2, 5)
    """
    return (0, *(m.end() for m in _NEWLINE.finditer(text)))


def anchored(pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` can match at line starts only (``re.MULTILINE`` and a leading ``^``).

    Examples
    --------
    >>> anchored(re.compile(r"(?im)^reply$")), anchored(re.compile(r"^reply$")), anchored(re.compile("reply"))
    (True, False, False)
    """
    return bool(pattern.flags & re.MULTILINE) and _CARET_FIRST.match(pattern.pattern) is not None


def line_matches(
    pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> Iterator[re.Match[str]]:
    r"""The matches of ``pattern.finditer(text, pos, endpos)``; an :func:`anchored` one tried at line starts.

    A match that is empty hands the rest to ``finditer`` itself, from its line start on
    (after an empty match ``finditer`` tries the same place again for a longer one).

    Examples
    --------
    >>> pattern = re.compile(r"^\d+$", re.MULTILINE)
    >>> [m.group() for m in line_matches(pattern, "12\nab3\n45")]
    ['12', '45']
    """
    if not anchored(pattern):
        yield from pattern.finditer(text, pos, len(text) if endpos is None else endpos)
        return
    last = len(text) if endpos is None else min(endpos, len(text))
    starts = line_starts(text)
    end = pos
    for k in range(bisect.bisect_left(starts, pos), len(starts)):
        at = starts[k]
        if at > last:
            break
        if at < end:
            continue
        match = pattern.match(text, at, last)
        if match is None:
            continue
        if match.end() == at:
            yield from pattern.finditer(text, at, last)
            return
        end = match.end()
        yield match
