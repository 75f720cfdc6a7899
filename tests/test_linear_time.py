"""Every regular expression of the text rules runs without exponential backtracking: checked on its parse.

A backtracking matcher tries, before it gives up, every way the pattern can read the
text. Where a repeat can read the same text in two ways per round, a line of n rounds
costs 2**n: ``[\\W\\d]*(?:(?:\\d+|...)[\\W\\d]*)+$`` splits each run of digits between
``\\d+`` and ``[\\W\\d]*`` ("822 (1993), 853 (1993), 874 (1993) — the" took 38 s), and
``(?:\\s+(?:reportedly|[a-z]+ly))+`` reads "reportedly" with either alternative. The
check (:func:`ambiguities`) finds both kinds, a repeat nested in a repeat whose parts
overlap and alternatives that overlap inside a repeat, on the pattern's position
automaton, deterministically; a nested repeat whose parts cannot overlap (``(?:\\s+[A-Z]\\w*)*``)
or that is possessive or atomic (``[\\W\\d]*+``, ``(?>...)``) passes. It does not bound
polynomial cost (two ``\\s*`` in a row read a run of n spaces n ways): the run on
adversarial lines, in a child process with a generous timeout, guards against that.

The patterns are collected, not listed: every compiled pattern in the globals (and in
lists, dicts and classes) of the modules of :data:`PACKAGES`, those the ``@cache``
builders without arguments return, those an :class:`AutoAttributor` holds, and those
compiled while the bundled corpus and the adversarial lines are cleaned, attributed and
tokenized (patterns built in functions, such as the people of one text).
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
import subprocess
import sys
import time
import types
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from re import _constants as sre
from re import _parser as sre_parse
from typing import Any

import pytest
import regex

PACKAGES = ("nkresearch.voices", "nkresearch.corpus", "nkresearch.tokens")
Key = tuple[str, int]  # a pattern's source and flags
_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE | re.ASCII  # same bits in `regex`
_ENGINE = ("re", "regex", "functools")  # the frames between a compile and the package's caller


# --- collecting the patterns -------------------------------------------------------------


def _modules() -> Iterator[Any]:
    for name in PACKAGES:
        package = importlib.import_module(name)
        yield package
        for info in pkgutil.walk_packages(package.__path__, name + "."):
            yield importlib.import_module(info.name)


def _key(pattern: re.Pattern[str] | Any) -> Key | None:
    if isinstance(pattern, re.Pattern | regex.Pattern) and isinstance(pattern.pattern, str):
        return pattern.pattern, pattern.flags & _FLAGS
    return None


def _walk(value: object, where: str, found: dict[Key, str], seen: set[int], depth: int = 0) -> None:
    """Add the patterns in ``value``: itself, its items, a package class's or object's attributes."""
    if id(value) in seen or depth > 6:
        return
    seen.add(id(value))
    if key := _key(value):
        found.setdefault(key, where + (" [regex]" if isinstance(value, regex.Pattern) else ""))
    elif isinstance(value, list | tuple | set | frozenset):
        for i, item in enumerate(value):
            _walk(item, f"{where}[{i}]", found, seen, depth + 1)
    elif isinstance(value, dict):
        for k, item in value.items():
            _walk(item, f"{where}[{k!r}]", found, seen, depth + 1)
    elif (value if isinstance(value, type) else type(value)).__module__.startswith("nkresearch"):
        for k, item in getattr(value, "__dict__", {}).items():
            _walk(item, f"{where}.{k}", found, seen, depth + 1)


def _builders(module: Any) -> Iterator[tuple[str, Any]]:
    """The ``@cache``/``@lru_cache`` functions of a module that take no argument."""
    for name, value in vars(module).items():
        if callable(value) and hasattr(value, "cache_info") and value.__module__ == module.__name__:
            params = inspect.signature(value).parameters.values()
            if all(p.default is not p.empty for p in params):
                yield name, value


@cache
def static_patterns() -> dict[Key, str]:
    """The patterns the modules hold or build without input, each with where it was found."""
    from nkresearch.voices.actors import read_speakers
    from nkresearch.voices.auto import AutoAttributor
    from nkresearch.voices.gazetteer import read_places

    found: dict[Key, str] = {}
    for module in _modules():
        _scan(module, found)
    _walk(AutoAttributor(read_speakers(), read_places()), "AutoAttributor(...)", found, set())
    return found


def _scan(module: Any, found: dict[Key, str]) -> None:
    """Add the patterns of a module: in its globals, and returned by its builders."""
    seen: set[int] = set()
    for name, value in vars(module).items():
        if callable(value) and getattr(value, "__module__", None) != module.__name__:
            continue  # an imported class or function: walked in its own module
        _walk(value, f"{module.__name__}.{name}", found, seen)
    for name, builder in _builders(module):
        _walk(builder(), f"{module.__name__}.{name}()", found, set())


@cache
def compiled_patterns() -> dict[Key, str]:
    """The static patterns and those the package compiles while it loads, attributes and tokenizes."""
    import nkresearch as nk
    from nkresearch.corpus.cleaning import clean_text

    found = dict(static_patterns())
    compile_re, compile_regex = re._compile, regex.compile

    def record(compiled: Any) -> Any:
        frame = sys._getframe(2)
        while frame.f_back and frame.f_globals.get("__name__", "").split(".")[0] in _ENGINE:
            frame = frame.f_back
        module = frame.f_globals.get("__name__", "")
        if module.startswith(PACKAGES) and (key := _key(compiled)):
            engine = " [regex]" if isinstance(compiled, regex.Pattern) else ""
            found.setdefault(key, f"{module}:{frame.f_lineno}{engine}")
        return compiled

    for module in _modules():  # what a builder cached earlier in this process is built again, and seen
        for value in list(vars(module).values()):
            if hasattr(value, "cache_clear") and getattr(value, "__module__", None) == module.__name__:
                value.cache_clear()
    re._compile = lambda *a, **k: record(compile_re(*a, **k))
    regex.compile = lambda *a, **k: record(compile_regex(*a, **k))
    try:
        nk.tokenize(nk.segment_voices(nk.load_corpus(), method="auto"))
        lines = [clean_text(line)[0] for line in adversarial_lines()[::7]]
        nk.tokenize(nk.segment_voices(_documents(lines), method="auto", workers=1))
    finally:
        re._compile, regex.compile = compile_re, compile_regex
    return found


def _documents(texts: list[str]) -> Any:
    import pandas as pd

    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts, "outlet": "x"})


# --- the static check --------------------------------------------------------------------
#
# The pattern becomes a position automaton (Glushkov): one state per character class
# of the pattern, an edge from one to each that may come next, labelled with the
# characters that may be read there. A backtracking matcher tries every path that
# reads a prefix of the text; it takes exponential time on some text when some state
# has two different paths back to itself that read the same string (the automaton is
# exponentially ambiguous: Weber and Seidl, 1991; Wüstholz et al., 2017). That is
# found on the product of the automaton with itself: a loop through a pair of equal
# states and a pair of different ones (or two parallel edges). An atomic group (and a
# possessive repeat) is never backtracked into: two paths that enter it together go
# through it alike; inside, the matcher searches it on its own until a path ends, which
# is checked apart, as the body of a lookaround is. A possessive repeat of one class
# (``[\W\d]*+``) never stops before a character of its class: its exits carry that as a
# guard on the next character. Lookarounds and anchors read nothing: they are taken as
# always true, which can only add paths (never hide an ambiguity).

_UNIVERSE = (1 << 0x10000) - 1  # the Basic Multilingual Plane: classes are compared there
_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}


@cache
def _category(code: Any, ascii_only: bool) -> int:
    members = re.findall(_CATEGORIES[code], "".join(map(chr, range(0x10000))), re.ASCII if ascii_only else 0)
    return sum(1 << ord(c) for c in set(members))


@cache
def _case_variants(code: int) -> int:
    """The characters ``re.IGNORECASE`` matches for one character (its case variants)."""
    c = chr(code)
    variants = {c, c.lower(), c.upper(), c.casefold()}
    return sum(1 << ord(v) for v in variants if len(v) == 1 and ord(v) < 0x10000)


def _chars(codes: range, flags: int) -> int:
    out = 0
    for code in codes:
        if code < 0x10000:
            out |= _case_variants(code) if flags & re.IGNORECASE else 1 << code
    return out


def _class(items: list[tuple[Any, Any]], flags: int) -> int:
    chars, negate = 0, False
    for op, av in items:
        if op is sre.NEGATE:
            negate = True
        elif op is sre.LITERAL:
            chars |= _chars(range(av, av + 1), flags)
        elif op is sre.RANGE:
            chars |= _chars(range(av[0], av[1] + 1), flags)
        elif op is sre.CATEGORY:
            chars |= _category(av, bool(flags & re.ASCII))
    return _UNIVERSE & ~chars if negate else chars


def _leaf_mask(op: Any, av: Any, flags: int) -> int:
    if op is sre.LITERAL:
        return _chars(range(av, av + 1), flags)
    if op is sre.NOT_LITERAL:
        return _UNIVERSE & ~_chars(range(av, av + 1), flags)
    if op is sre.IN:
        return _class(av, flags)
    return _UNIVERSE  # ANY, a back reference


#: Where a piece's paths start or end: a position, a guard on the character read next to
#: it, the atomic groups a path enters (with nothing read) between the position and that character.
Ends = list[tuple[int, int, frozenset[int]]]
Empty = list[tuple[int, frozenset[int]]]  # a path that reads nothing: its guard and groups
_NONE: frozenset[int] = frozenset()


class _Piece:
    """A part of the pattern: where its paths start and end, and its paths that read nothing."""

    def __init__(self, first: Ends, last: Ends, empty: Empty):
        self.first, self.last, self.empty = _twice(first), _twice(last), _twice(empty)


def _twice(ends: list[Any]) -> list[Any]:
    """Each entry at most twice: two paths alike are ambiguity enough, and the lists stay short."""
    seen: dict[Any, int] = {}
    out = []
    for end in ends:
        seen[end] = seen.get(end, 0) + 1
        if seen[end] <= 2:
            out.append(end)
    return out


_NOTHING = _Piece([], [], [(_UNIVERSE, _NONE)])


class Automaton:
    """The position automaton of a parsed pattern, with its atomic groups."""

    def __init__(self, source: str, flags: int = 0):
        parsed = sre_parse.parse(source, flags)
        self.masks: list[int] = []
        self.names: list[str] = []
        self.loops: list[str] = []  # the innermost unbounded repeat around each position
        self.atomic: list[frozenset[int]] = []  # the atomic groups around each position
        self.edges: list[list[tuple[int, int, frozenset[int]]]] = []  # target, label, groups entered
        self._loop = [unparse(parsed.data)]
        self._groups: list[int] = []
        self._count = 0
        self._sequence(parsed.data, parsed.state.flags)

    def _position(self, op: Any, av: Any, flags: int) -> _Piece:
        p = len(self.masks)
        self.masks.append(_leaf_mask(op, av, flags))
        self.names.append(unparse([(op, av)]))
        self.loops.append(self._loop[-1])
        self.atomic.append(frozenset(self._groups))
        self.edges.append([])
        return _Piece([(p, _UNIVERSE, _NONE)], [(p, _UNIVERSE, _NONE)], [])

    def _link(self, last: Ends, first: Ends) -> None:
        for q, g, e in last:
            for t, h, f in first:
                if label := self.masks[t] & g & h:
                    self.edges[q].append((t, label, e | f))

    def _concat(self, a: _Piece, b: _Piece) -> _Piece:
        self._link(a.last, b.first)
        return _Piece(
            a.first + [(t, h & g, e | f) for g, e in a.empty for t, h, f in b.first],
            b.last + [(q, g & h, e | f) for h, f in b.empty for q, g, e in a.last],
            [(g & h, e | f) for g, e in a.empty for h, f in b.empty],
        )

    def _sequence(self, items: list[tuple[Any, Any]], flags: int) -> _Piece:
        piece = _NOTHING
        for op, av in items:
            piece = self._concat(piece, self._item(op, av, flags))
        return piece

    def _item(self, op: Any, av: Any, flags: int) -> _Piece:
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
            return self._position(op, av, flags)
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            return self._repeat(op, *av, flags)
        if op is sre.POSSESSIVE_REPEAT:  # each round atomic, and no round given back
            return self._atomic(lambda: self._repeat(op, *av, flags), lambda: self._sequence(av[2], flags))
        if op is sre.SUBPATTERN:
            return self._sequence(av[3], (flags | av[1]) & ~av[2])
        if op is sre.ATOMIC_GROUP:
            return self._atomic(lambda: self._sequence(av, flags), lambda: self._sequence(av, flags))
        if op is sre.BRANCH:
            return self._branches([self._sequence(b, flags) for b in av[1]])
        if op is sre.GROUPREF_EXISTS:
            no = self._sequence(av[2], flags) if av[2] is not None else _NOTHING
            return self._branches([self._sequence(av[1], flags), no])
        if op is sre.GROUPREF:  # any text: an unbounded repeat of any character
            return self._repeat(sre.MAX_REPEAT, 0, sre.MAXREPEAT, [(sre.ANY, None)], flags)
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            self._apart(lambda: self._sequence(av[1], flags))
        return _NOTHING  # reads nothing

    def _apart(self, build: Any) -> None:
        """Paths that the matcher searches on their own until one ends (a lookaround, an atomic group)."""
        groups, self._groups = self._groups, []
        build()
        self._groups = groups

    def _atomic(self, build: Any, body: Any) -> _Piece:
        """A group the matcher never backtracks into: two paths that enter it together go through it alike.

        Inside, it searches ``body`` on its own until a path ends: that search is checked apart.
        """
        self._apart(body)
        self._count += 1
        self._groups.append(self._count)
        piece = build()
        self._groups.pop()
        g = frozenset({self._count})
        return _Piece(
            [(t, h, e | g) for t, h, e in piece.first],
            piece.last,
            list(dict.fromkeys((h, e | g) for h, e in piece.empty)),  # one way through, reading nothing too
        )

    @staticmethod
    def _branches(pieces: list[_Piece]) -> _Piece:
        return _Piece(
            [e for p in pieces for e in p.first],
            [e for p in pieces for e in p.last],
            [g for p in pieces for g in p.empty],
        )

    def _repeat(self, op: Any, lo: int, hi: int, body: Any, flags: int) -> _Piece:
        if hi != sre.MAXREPEAT:  # bounded: as many copies as it may take, the optional ones nested
            tail = _NOTHING
            for _ in range(hi - lo):
                opt = self._concat(self._sequence(body, flags), tail)
                tail = _Piece(opt.first, opt.last, [*opt.empty, (_UNIVERSE, _NONE)])
            for _ in range(lo):
                tail = self._concat(self._sequence(body, flags), tail)
            return tail
        head = _NOTHING
        for _ in range(max(lo - 1, 0)):
            head = self._concat(head, self._sequence(body, flags))
        self._loop.append(unparse([(op, (lo, hi, body))]))
        loop = self._sequence(body, flags)
        self._loop.pop()
        self._link(loop.last, loop.first)
        empty = loop.empty if lo else [(_UNIVERSE, _NONE), *loop.empty]
        last = loop.last
        if op is sre.POSSESSIVE_REPEAT and len(body) == 1 and body[0][0] in (sre.LITERAL, sre.IN, sre.ANY):
            stop = _UNIVERSE & ~_leaf_mask(*body[0], flags)  # it stops only before another character
            last = [(q, g & stop, e) for q, g, e in last]
            empty = [(stop, _NONE)] if not lo else loop.empty
        return self._concat(head, _Piece(loop.first, last, empty))

    def ambiguities(self) -> list[str]:
        """Where a state has two different paths back to itself that read the same text."""
        found = []
        for scc in _components(range(len(self.masks)), lambda q: [t for t, _, _ in self.edges[q]]):
            if len(scc) < 2 and not any(t == scc[0] for t, _, _ in self.edges[scc[0]]):
                continue
            if problem := self._ambiguous(set(scc)):
                found.append(problem)
        return found

    def _ambiguous(self, scc: set[int]) -> str | None:
        """Two paths in ``scc`` that part and meet again, reading the same text.

        A node of the product is a pair of states, and the atomic groups the two paths
        entered together: inside those they go alike (same edge each step).
        """
        edges = {q: [(i, *e) for i, e in enumerate(self.edges[q]) if e[0] in scc] for q in scc}
        Node = tuple[int, int, frozenset[int]]
        split: set[tuple[Node, Node]] = set()  # parallel edges between equal states

        def moves(node: Node) -> list[Node]:
            a, b, synced = node
            out = []
            for i, t1, l1, e1 in edges[a]:
                for j, t2, l2, e2 in edges[b]:
                    if not l1 & l2:
                        continue
                    inside = synced & (self.atomic[t1] | self.atomic[t2])
                    if (inside and i != j) or (e1 & e2 and t1 != t2):
                        continue  # in an atomic group they entered together, two paths cannot part
                    together = (inside | (e1 & e2)) if t1 == t2 else _NONE
                    nxt = (min(t1, t2), max(t1, t2), together)
                    out.append(nxt)
                    if a == b and t1 == t2 and i != j:
                        split.add((node, nxt))
            return out

        # two paths from one state share their past: the atomic groups around it they entered together
        for component in _components([(q, q, self.atomic[q]) for q in sorted(scc)], moves):
            nodes = set(component)
            equal = [n for n in component if n[0] == n[1]]
            other = [n for n in component if n[0] != n[1]]
            doubled = [e for e in split if e[0] in nodes and e[1] in nodes]
            if equal and (other or doubled):
                a, b, _ = other[0] if other else doubled[0][1]
                return (
                    f"in {max((self.loops[q] for q in scc), key=len)[:160]}: {self.names[a]} and "
                    f"{self.names[b]} read the same text on two paths around {self.names[equal[0][0]]}"
                )
        return None


def _components(start: Any, successors: Any) -> list[list[Any]]:
    """The strongly connected components reachable from ``start`` (Tarjan's, without recursion)."""
    index: dict[Any, int] = {}
    low: dict[Any, int] = {}
    stack: list[Any] = []
    on_stack: set[Any] = set()
    found: list[list[Any]] = []
    for root in start:
        if root in index:
            continue
        work = [(root, iter(successors(root)))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(successors(child))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    found.append(component)
    return found


def ambiguities(source: str, flags: int = 0) -> list[str]:
    """The exponential ambiguities of a pattern, told in words (none: it runs in linear time)."""
    return Automaton(source, flags).ambiguities()


def unparse(items: list[tuple[Any, Any]]) -> str:
    """A parse shown again as a pattern, near enough to find it in the source."""
    out = []
    for op, av in items:
        if op is sre.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is sre.NOT_LITERAL:
            out.append(f"[^{re.escape(chr(av))}]")
        elif op is sre.ANY:
            out.append(".")
        elif op is sre.IN:
            out.append(_unparse_class(av))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            lo, hi, body = av
            count = {(0, sre.MAXREPEAT): "*", (1, sre.MAXREPEAT): "+", (0, 1): "?"}.get(
                (lo, hi), f"{{{lo}}}" if lo == hi else f"{{{lo},{'' if hi == sre.MAXREPEAT else hi}}}"
            )
            inner = unparse(body)
            single = len(body) == 1 and body[0][0] in (sre.LITERAL, sre.IN, sre.ANY, sre.SUBPATTERN)
            suffix = {sre.MIN_REPEAT: "?", sre.POSSESSIVE_REPEAT: "+"}.get(op, "")
            out.append((inner if single else f"(?:{inner})") + count + suffix)
        elif op is sre.SUBPATTERN:
            out.append(f"({'' if av[0] else '?:'}{unparse(av[3])})")
        elif op is sre.ATOMIC_GROUP:
            out.append(f"(?>{unparse(av)})")
        elif op is sre.BRANCH:
            out.append("(?:" + "|".join(unparse(b) for b in av[1]) + ")")
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            out.append(f"(?{'<' if av[0] < 0 else ''}{'=' if op is sre.ASSERT else '!'}{unparse(av[1])})")
        elif op is sre.AT:
            out.append({sre.AT_BEGINNING: "^", sre.AT_END: "$", sre.AT_BOUNDARY: r"\b"}.get(av, "<at>"))
        else:
            out.append(f"<{op}>")
    return "".join(out)


def _unparse_class(items: list[tuple[Any, Any]]) -> str:
    names = _CATEGORIES
    parts = []
    for op, av in items:
        if op is sre.NEGATE:
            parts.append("^")
        elif op is sre.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is sre.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre.CATEGORY:
            parts.append(names.get(av, str(av)))
    body = "".join(parts)
    return body if len(items) == 1 and items[0][0] is sre.CATEGORY else f"[{body}]"


# --- adversarial lines --------------------------------------------------------------------

_PIECES = [
    "822 (1993), ", "1", "1993 ", "12:30 ", "2020-01-01 ", "(", ")", "[", "]", "{", "}", ",", ", ", ";", ":",
    " — ", "—", "–", "-", "--", '"', "'", "“", "”", "‘", "’", "«", "»", "„", "‹", "›", "<", ">", "“a”, ",
    "Aaa ", "Aaa Bbb, ", "A. ", "AB", "Mr. ", " ", "a ", "\t", "\n", "\r\n", "\n\n", ".", "...", "…",
    " on the also", " rightly", " once again", " this morning", ", who said, ", "said ", " and said that ",
    "according to ", "“Yes,” he said. ", "Jan ", "is ", "said:", "x said:\n", "1. Aa\n", "#", "@a ", "_",
]  # fmt: skip
_PREFIXES = ["", "As ", "“", "Discussion Policy\r\n", "2020-01-01 ", "BAKU, ", "The minister said ", "1. "]
_SUFFIXES = ["", " — the", "x", "!", ":"]


@cache
def adversarial_lines(size: int = 1500) -> list[str]:
    """Lines a backtracking pattern may choke on: runs of one piece, between a prefix and a suffix."""
    lines = []
    for i, piece in enumerate(_PIECES):
        run = piece * max(1, size // len(piece))
        lines.append(_PREFIXES[i % len(_PREFIXES)] + run + _SUFFIXES[i % len(_SUFFIXES)])
    lines += [", ".join(f"{822 + 10 * k} (1993)" for k in range(n)) + " — the" for n in (3, 4, 10, 30)]
    return lines


def run_adversarial() -> dict[str, Any]:
    """Every pattern's ``search`` and the whole attribution on every adversarial line (in a child)."""
    from nkresearch.voices.actors import read_speakers
    from nkresearch.voices.auto import AutoAttributor
    from nkresearch.voices.gazetteer import read_places

    lines = adversarial_lines()
    slowest: list[tuple[float, str]] = []
    for (source, flags), where in compiled_patterns().items():
        pattern = regex.compile(source, flags) if where.endswith("[regex]") else re.compile(source, flags)
        start = time.perf_counter()
        for line in lines:
            pattern.search(line)
        slowest.append((time.perf_counter() - start, where))
    auto = AutoAttributor(read_speakers(), read_places())
    start = time.perf_counter()
    for line in lines:
        auto.document(line)
    slowest.append((time.perf_counter() - start, "AutoAttributor.document"))
    slowest.sort(reverse=True)
    return {"lines": len(lines), "chars": sum(map(len, lines)), "slowest": slowest[:5]}


# --- the tests -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "exponential"),
    [
        (r"[\W\d]*(?:(?:\d+|[ap]m)[\W\d]*)+$", True),  # the old date line
        (r"(?:\d+,?)+$", True),
        (r"(?:a*)*b", True),
        (r"(?:\w{1,3})+$", True),  # a bounded repeat inside an unbounded one
        (r"(?:\s+(?:once|again|once again))+$", True),  # two alternatives read the same
        (r"(?:\s+(?:reportedly|[a-z]+ly))+$", True),
        (r"(?=(?:a+)+b)", True),  # a lookaround searches on its own
        (r"(?>(?:\d+,?)+x)", True),  # and so does an atomic group, inside
        (r"(?:(?>\d+)|\d)+$", True),
        (r"[\W\d]*+(?:(?:[ap]m)[\W\d]*+)*$", False),
        (r"(?:\s+[A-Z]\w*){0,4}", False),
        (r"(?:\s+[A-Z]\w*)*\s*$", False),  # each round starts with what the last cannot read
        (r"(?:\s+(?:also|[a-z]+ly))+\s*$", False),  # "ly" then a space: one place to stop
        (r"(?:(?>\d+),?)+$", False),
        (r"(?:\d++\W*+)+$", False),
        (r"(?:\s+(?:on (?:the )?+\w+|also))+$", False),
        (r"(?i)^(?:(?:and|but)\b[\s,]*)+", False),
    ],
)
def test_the_check_finds_exponential_backtracking(source: str, exponential: bool) -> None:
    assert bool(ambiguities(source)) == exponential, ambiguities(source)


def test_the_collection_holds_module_built_and_bound_patterns() -> None:
    from nkresearch.corpus.sentences import sentence_tokenizer
    from nkresearch.tokens.tokenizer import _spaced_pattern
    from nkresearch.voices import cues, layout

    found = compiled_patterns()
    wheres = set(found.values())
    assert found[(layout._DATE_LINE.pattern, 0)] == "nkresearch.voices.layout._DATE_LINE"
    assert _key(cues._participles()) in found  # an @cache builder
    assert any(w.startswith("AutoAttributor(...).gazetteer.") for w in wheres)  # the gazetteer's
    assert any(w.startswith("nkresearch.voices.sources:") for w in wheres)  # built per text
    assert _key(sentence_tokenizer()._lang_vars.period_context_re()) in found  # Punkt's, built lazily
    assert any(w.startswith("nkresearch.corpus.cleaning.CLEANING_RULES[") for w in wheres)  # in a tuple
    assert any(source.startswith(r"\s*(?:") for source, _ in found)  # the tokenizer's, per phrase list
    assert _spaced_pattern.cache_info().currsize


def test_a_new_module_pattern_is_collected_wherever_it_is_kept() -> None:
    module = types.ModuleType("nkresearch.voices.example")
    exec(  # a module as one would write it
        "import re\nfrom functools import cache\n"
        "A = re.compile('a')\nRULES = [(re.compile('b'), 'why')]\n"
        "class Rules:\n    C = re.compile('c')\n"
        "@cache\ndef built():\n    return re.compile('d')\n",
        module.__dict__,
    )
    found: dict[Key, str] = {}
    _scan(module, found)
    assert sorted(source for source, _ in found) == ["a", "b", "c", "d"]


@pytest.mark.slow
def test_no_pattern_of_the_rules_backtracks_exponentially() -> None:
    problems = [
        f"{where}: {problem}\n    pattern: {source[:200]!r}"
        for (source, flags), where in compiled_patterns().items()
        for problem in ambiguities(source, flags)
    ]
    assert not problems, "patterns that backtrack exponentially on some text:\n" + "\n".join(problems)


@pytest.mark.slow
def test_adversarial_lines_do_not_hang() -> None:
    """A guard, not a measure: the child runs everything once; only a hang (exponential time) fails."""
    here = Path(__file__)
    code = (
        f"import json, sys; sys.path.insert(0, {str(here.parent)!r}); import {here.stem} as t; "
        "print(json.dumps(t.run_adversarial()))"
    )
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("a pattern or the attribution hangs on an adversarial line (over 60 s)")
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["lines"] == len(adversarial_lines())
    print("slowest on adversarial lines (s):", report["slowest"])  # shown with pytest -s
