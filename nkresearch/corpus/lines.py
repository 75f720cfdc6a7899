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


@lru_cache(maxsize=256)
def anchored(pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` can match at line starts only: ``re.MULTILINE``, and ``^`` before all else.

    Read from the pattern as ``re`` parses it, so ``^a|b`` (``b`` anywhere) is not anchored
    while ``(?im)^(?:a|b)`` is.

    Examples
    --------
    >>> [anchored(re.compile(p, re.MULTILINE)) for p in ("(?i)^reply$", "^a|b", "reply")]
    [True, False, False]
    >>> anchored(re.compile("^reply$"))  # without re.MULTILINE: the text's start only
    False
    """
    if not pattern.flags & re.MULTILINE:
        return False
    from re import _constants, _parser  # type: ignore[attr-defined]

    try:
        first = _parser.parse(pattern.pattern, pattern.flags).data[:1]
    except Exception:  # a parser of another Python version: tried at every character, as finditer does
        return False
    return bool(first == [(_constants.AT, _constants.AT_BEGINNING)])


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
    last = len(text) if endpos is None else max(0, min(endpos, len(text)))
    pos = max(0, min(pos, len(text)))  # as finditer takes them
    if not anchored(pattern) or pos > last:
        yield from pattern.finditer(text, pos, last)
        return
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
