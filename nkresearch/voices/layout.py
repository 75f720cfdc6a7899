"""The layout of a web text: paragraphs, the headline, captions, bylines, datelines, comments.

Web text pasted from a page separates paragraphs by a single newline, by a blank line
or both; some copies wrap long lines inside a paragraph. :func:`paragraphs` takes each
line as a paragraph unless the text is hard-wrapped (most lines that run on into the
next one stop mid-sentence), then it joins the lines of a block. The headline is the
paragraph that repeats the metadata ``title``, else the first title-like line (short,
no final punctuation, not a date, byline or navigation line); title-like lines after it
are captions (longer) or datelines and site furniture (short). Reader comments begin at
the first author line ("1. Name said:", a bare "Name Name:" before the end, or a
numbered list of handles "1. Avatar"), after a heading ("1 Comment", "Readers'
comments"), at a forum thread's first author (two ranks or more: "Staff member"), or at
the first comment of a page that prints each comment's buttons ("Reply", "3 hours ago");
without author lines each line is a comment of its handle or of "a reader", and the
headings, time stamps and buttons are the site's.
"""

from __future__ import annotations

import bisect
import itertools
import re

from ..corpus.lines import line_matches
from ..corpus.templates import COMMENT_HEADING
from .labels import Label
from .rules import RuleId

_LINE = re.compile(r"[^\n]*\S[^\n]*")
_TERMINAL = tuple(".!?…:;\"”’'»)“‘«›‹„։․")  # ։ the Armenian full stop, ․ its colon
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"  # then its other letters ("Sept")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATE_WORDS = (
    rf"{_MONTH}[a-z]*\.?|{_WEEKDAY}|"
    r"\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
)
#: A line of dates and times: a date word or a year, and besides digits and punctuation
#: only month and weekday names, am/pm and time zones. Digits and punctuation are one
#: possessive run, and a month takes all its letters: a line parses one way, so a line
#: that fails ("822 (1993), 853 (1993), 874 (1993) — the") fails in linear time, not 2**n.
_DATE_LINE = re.compile(
    rf"^(?=.*(?:\b(?:{_DATE_WORDS})\b|\b\d{{4}}\b))"
    rf"[\W\d]*+(?:(?:{_MONTH}[a-z]*+|{_WEEKDAY}|[ap]m|[AP]M|MSK|GMT|UTC)[\W\d]*+)*$"
)
_BYLINE = re.compile(
    r"^(?:By|Posted by|Written by|Reporting by|Reported by|Author:|Text by)\s|@\w{2,}|"
    r"\b(?:Newswire|News Agency|"
    r"Correspondent|Staff Writer|Editor)\b",
)
_PHOTO = re.compile(
    r"^(?:Photo|Image|Picture|Video)\b\s*[:|/-]|\((?:[^()\n]*\bPHOTO\b[^()\n]*|[^()\n]*/[^()\n]*)\)\s*$|\bPhoto:"
)
_NAVIGATION = re.compile(r"^(?:Home|News|Main)\s*[/>»|]|[/>»|]\s*(?:News|Home)\s*[/>»|]")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_DATELINE = re.compile(
    r"[A-Z][A-Z.'-]{2,}(?:[ ,]+[A-Z0-9][A-Z0-9.'-]*)*:\s+(?=\S)|"
    r"[A-Z][A-Z .'-]{2,}(?:,[^—–\n]{0,30}?)?(?:\s*\([^)\n]*\))?\s*(?:--|—|–)\s*|"
    # "STEPANAKERT, March 3 - ", "BAKU (Reuters) - ": a single hyphen after a date or a bracket
    r"[A-Z][A-Z.'-]{2,}(?:[ ][A-Z][A-Z.'-]+)*"
    r"(?:,[ ][^—–\n-]{1,30}?(?:\s*\([^)\n]*\))?|\s*\([^)\n]*\))[ ]-[ ]+|"
    r"[A-Z][A-Z'-]{2,}(?:,\s*[A-Z][A-Z'-]{2,})*\.\s+(?:[A-Z][a-z]{2,}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,})\s*(?:\.|—|–|-)?\s*"
)
_COMMENT_BYLINE = re.compile(
    r"^[^\S\n]*(?:\d+\.[^\S\n]+|[•*][^\S\n]+)?(?P<handle>[^\n:]{1,40}?) said:[^\S\n]*$", re.MULTILINE
)
_BARE_BYLINE = re.compile(
    r"^[^\S\n]*(?P<handle>[A-Z][\w'.-]*(?:[^\S\n]+[A-Z][\w'.-]*){1,3}):[^\S\n]*$", re.MULTILINE
)
_NUMBERED_HANDLE = re.compile(
    r"^[^\S\n]*(?P<n>\d{1,3})\.[^\S\n]+(?P<handle>\S[^\n]{0,30}?)[^\S\n]*$", re.MULTILINE
)
_COLON_AT_LINE_END = re.compile(r":[^\S\n]*$", re.MULTILINE)
#: quick tests before the line-anchored patterns, which are tried at every character: a comment
#: byline ends its line with " said:", and a numbered list of handles holds "1. "
_SAID_AT_LINE_END = re.compile(r" said:[^\S\n]*$", re.MULTILINE)
_FIRST_NUMBER = re.compile(r"1\.[^\S\n]")
#: a line that ends in the hyphen of a word ("Nagorno-"), and a line that starts with a letter
_WORD_HYPHEN_END = re.compile(r"[^\W\d_]-$")
_WORD_START = re.compile(r"[^\W\d_]")


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The paragraphs of ``text[start:end]`` as ``(start, end)`` offsets, trimmed.

    Each line is a paragraph, except in a hard-wrapped block (lines between blank lines
    where most line breaks fall after a long line without final punctuation): there the
    lines that run on are joined. A line that ends in a word's hyphen and a next line
    that starts with a letter are one paragraph anywhere: a hyphenated word printed over
    two lines (``Nagorno-`` / ``Karabakh``), which the tokenizer reads as one word.
    """
    end = len(text) if end is None else end
    lines = [(start + m.start(), start + m.end()) for m in _LINE.finditer(text[start:end])]
    lines = [(s + len(text[s:e]) - len(text[s:e].lstrip()), s + len(text[s:e].rstrip())) for s, e in lines]
    if not lines:
        return []
    same_block = [text[b:c].count("\n") == 1 for (_, b), (c, _) in itertools.pairwise(lines)]
    run_on = [
        joined and len(text[a:b]) >= 40 and not text[a:b].endswith(_TERMINAL)
        for joined, (a, b) in zip(same_block, lines, strict=False)
    ]
    # the share of run-on breaks, per block of lines between blank lines
    block_of, block = [], 0
    for joined in same_block:
        block_of.append(block)
        block += not joined
    breaks: dict[int, list[bool]] = {}
    for k, joined in enumerate(same_block):
        if joined:
            breaks.setdefault(block_of[k], []).append(run_on[k])
    wrapped = {b for b, r in breaks.items() if sum(r) >= 1 and sum(r) * 2 >= len(r)}
    if sum(sum(breaks[b]) for b in wrapped) < 3:  # too little evidence that the text is hard-wrapped
        wrapped = set()
    # a line that ends in a word's hyphen goes on in the next ("Nagorno-" / "Karabakh"), whatever the block
    split_word = [
        joined and _WORD_HYPHEN_END.search(text[a:b]) is not None and _WORD_START.match(text[c:d]) is not None
        for joined, (a, b), (c, d) in zip(same_block, lines, lines[1:], strict=False)
    ]
    out = [lines[0]]
    for k, (s, e) in enumerate(lines[1:]):
        if split_word[k] or (run_on[k] and block_of[k] in wrapped):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _same(a: str, b: str) -> bool:
    """The same line, but for spacing, case and a final full stop ("Title" and "Title.")."""

    def norm(line: str) -> str:
        return " ".join(line.split()).casefold().rstrip(".")

    return bool(a) and norm(a) == norm(b)


def is_title_like(line: str) -> bool:
    """A short line without final punctuation, or a photo caption: not running text."""
    if len(line) > 300 or (len(_WORD.findall(line)) > 24 and not _PHOTO.search(line)):
        return False
    return bool(_PHOTO.search(line)) or not line.rstrip().endswith(_TERMINAL)


def opening_kind(line: str) -> str:
    """What a title-like line is: ``byline``, ``caption``, ``dateline`` (dates, places, furniture)."""
    words = _WORD.findall(line)
    if _BYLINE.search(line):
        return "byline"
    if _PHOTO.search(line):
        return "caption"
    if _DATE_LINE.match(line) or _NAVIGATION.search(line) or len(words) < 3:
        return "dateline"
    return "caption" if len(words) >= 9 else "dateline"


#: a line that reports speech ("X said on Friday that ..."): a lede or standfirst, not a caption
_REPORTED = re.compile(r"\b(?:said|says|told|stated|states|announced|noted|added)\b[^.!?\n]{0,60}?\bthat\b")


def _running(text: str, end: int, line: str) -> bool:
    """A title-like line that is running text, not a caption.

    A lede that reports speech printed without its full stop ("X said on Friday that
    ..."), or the text's last line stopping mid-sentence (a page saved or pasted in part).
    A photo credit, a byline or a last line in title case (a link to another article)
    keeps its label.
    """
    if _PHOTO.search(line) or _BYLINE.search(line):
        return False
    if _REPORTED.search(line) and len(_WORD.findall(line)) >= 9:
        return True  # a lede printed without its full stop: running text
    if text[end:].strip():
        return False
    words = _WORD.findall(line)
    title_case = sum(w[0].isupper() for w in words) * 2 > len(words)
    return len(words) >= 9 and not title_case and not line.rstrip().endswith(_TERMINAL)


def _headline_like(line: str) -> bool:
    """A title-like line that can be a headline: three words or more, not a date, byline, caption or menu."""
    if len(_WORD.findall(line)) < 3 or len(line) >= 200:
        return False
    return not (
        _PHOTO.search(line) or _BYLINE.search(line) or _DATE_LINE.match(line) or _NAVIGATION.search(line)
    )


def frame_lines(
    text: str, paras: list[tuple[int, int]], title: str, media: str, *, opening: bool = True
) -> tuple[list[Label], set[int]]:
    """Label the headline, captions, bylines and datelines; return them and their paragraph indexes.

    ``opening=False`` (a later piece of a long document): no headline is looked for.
    """
    labels: list[Label] = []
    used: set[int] = set()
    head = next((i for i, (s, e) in enumerate(paras) if _same(text[s:e], title)), None) if opening else None
    if head is None and opening:
        for i, (s, e) in enumerate(paras[:6]):
            line = text[s:e]
            if not is_title_like(line):
                break
            if _headline_like(line):
                head = i
                break
    for i, (s, e) in enumerate(paras):
        line = text[s:e]
        if i == head or (head is not None and _same(line, text[paras[head][0] : paras[head][1]])):
            labels.append(Label(s, e, "Media", media, "headline", RuleId.HEADLINE))
            used.add(i)
        elif (
            is_title_like(line)
            and not line.lstrip().startswith(tuple("“„«\"'‘"))
            and not _running(text, e, line)
        ):
            kind = opening_kind(line)
            if kind == "dateline":
                labels.append(Label(s, e, "Media", media, "narration", RuleId.SITE_LINE))
            else:
                rule = RuleId.BYLINE if kind == "byline" else RuleId.CAPTION
                labels.append(Label(s, e, "Media", media, kind, rule))
            used.add(i)
        elif _BYLINE.match(line) and len(line) < 120:
            labels.append(Label(s, e, "Media", media, "byline", RuleId.BYLINE))
            used.add(i)
    return labels, used


#: the furniture of a comment block: a heading, a rank, a time stamp, the buttons of a comment
_FURNITURE = re.compile(
    r"(?i)^[^\S\n]*(?:[•*]?[^\S\n]*(?:reply|recommend|report|like|share|permalink|flag|quote|"
    r"\d+[^\S\n]+(?:likes?|replies|posts?|comments?)|[\d,]+ posts|gender:\S*|"
    r"(?:posted|joined)\b.*|\d+[^\S\n]+(?:minutes?|hours?|days?|weeks?|months?|years?)[^\S\n]+ago)"
    r"|[\d:/. -]{6,}+(?:[ap]m)?)[^\S\n]*$"
)


#: a line that addresses someone ("Dear T9TCfVFh9Z,", "To ybe9eQauGH,"): the comment's, not its author
_SALUTATION = re.compile(r"(?i)(?:dear|to|hi|hello|@)\b|.*,$")


def _unsigned_comments(text: str, at: int, media: str) -> list[Label]:
    """A comment block without "Name said:" lines: its furniture, authors' lines and comments.

    A short line without final punctuation that opens a run of paragraphs is its author's
    line (a handle, or a forum member's name over its rank, which belongs to it); headings,
    time stamps and buttons are the site's furniture (``media``'s); every other paragraph
    is a comment of the last author, or of an unnamed reader.
    """
    labels: list[Label] = []
    author = "a reader"
    after_author = False
    for line in _LINE.finditer(text, at):
        s = line.start() + len(line.group()) - len(line.group().lstrip())
        e = line.start() + len(line.group().rstrip())
        body = text[s:e]
        words = _WORD.findall(body)
        if _HEADING_LINE.fullmatch(body) or _FURNITURE.fullmatch(body):  # the site's, not a reader's
            labels.append(Label(s, e, "Media", media, "narration", RuleId.SITE_LINE))
        elif _RANK_LINE.fullmatch(body):
            labels.append(Label(s, e, "Readers", author, "byline", RuleId.COMMENT_AUTHOR))
        elif (
            len(words) <= 4
            and not body.endswith(_TERMINAL)
            and not after_author
            and not _SALUTATION.match(body)
        ):
            author, after_author = body, True
            labels.append(Label(s, e, "Readers", author, "byline", RuleId.COMMENT_AUTHOR))
        else:
            after_author = False
            labels.append(Label(s, e, "Readers", author, "comment", RuleId.COMMENT))
    return labels


def dateline(text: str, s: int, e: int) -> int:
    """End of a dateline that opens a paragraph ("BAKU, Sept 28 (Reuters) - "), or ``s``."""
    m = _DATELINE.match(text, s, e)
    return m.end() if m else s


#: a line that heads a block of reader comments: "1 Comment", "Readers' comments", "Leave a Reply"
_HEADING_LINE = re.compile(
    r"(?im)^[^\S\n]*(?:[1-9]\d*\s+(?:comments?|responses?|replies)|comments?(?:\s*\([1-9]\d*\))?|"
    r"readers?['’]?\s+comments\b[^\n]*|discussion|leave a (?:reply|comment)|join the discussion)"
    r"[^\S\n]*:?[^\S\n]*$"
)
#: a forum member's rank under the name of a post's author: "Staff member", "Premium Member"
_RANK_LINE = re.compile(
    r"(?im)^[^\S\n]*[•*]?[^\S\n]*(?:(?:staff|premium|well-known|active|senior|junior|new|veteran|"
    r"registered|super|forum|full)[^\S\n]+)?(?:member|moderator|administrator)[^\S\n]*$"
)
#: the words of text a heading must have after it, and before it unless it names reader comments
_HEADING_WORDS = 15
_ARTICLE_WORDS = 50


def _heading_zone(text: str) -> int | None:
    """Where the comments begin: after a heading line ("1 Comment", "Reader comments are listed below").

    A bare heading ("Comments") counts after an article of some length only: at the top of
    a page it is a menu's word.
    """
    headings = list(line_matches(_HEADING_LINE, text))
    if not headings:
        return None
    starts = [w.start() for w in _WORD.finditer(text)]  # once: the words before and after each heading
    for m in headings:
        named = "comment" in m.group().lower() and "reader" in m.group().lower()
        before = bisect.bisect_left(starts, m.start())
        after = len(starts) - bisect.bisect_left(starts, m.end())
        if after >= _HEADING_WORDS and (named or before >= _ARTICLE_WORDS):
            return m.end()  # the heading itself is the page's furniture, the outlet's
    return None


def _forum_zone(text: str) -> int | None:
    """Where the posts of a forum thread begin: the author line over the first of two rank lines or more."""
    ranks = list(line_matches(_RANK_LINE, text))
    if len(ranks) < 2:
        return None
    # back from the first rank over the short lines of its author block ("Left Coast", "This Is Water")
    start = ranks[0].start()
    for line in reversed(list(_LINE.finditer(text, 0, start))):
        if len(_WORD.findall(line.group())) > 4 or line.group().rstrip().endswith(_TERMINAL):
            break
        start = line.start()
    return start


#: a line of a comment's own buttons or age: "Reply", "Recommend", "Report abuse", "3 hours ago"
_BUTTON_LINE = re.compile(
    r"(?im)^[^\S\n]*(?:reply|recommend|report(?: abuse)?|\d+[^\S\n]+(?:minutes?|hours?|days?|weeks?|months?|"
    r"years?)[^\S\n]+ago)[^\S\n]*$"
)


def _buttons_zone(text: str) -> int | None:
    """Where comments begin on a page that prints no names but each comment's buttons ("Reply").

    Two button lines or more: the comments begin with the line before the first of them (and
    the short author line over it, where there is one).
    """
    buttons = list(line_matches(_BUTTON_LINE, text))
    if len(buttons) < 2:
        return None
    before = [m for m in _LINE.finditer(text, 0, buttons[0].start()) if not _BUTTON_LINE.fullmatch(m.group())]
    if not before:
        return None
    start = before[-1].start()
    if len(before) >= 2:  # a handle over the comment: short, no final punctuation
        handle = before[-2].group().strip()
        if len(_WORD.findall(handle)) <= 4 and not handle.endswith(_TERMINAL):
            start = before[-2].start()
    return start


def comment_zone(text: str) -> int:
    """Where reader comments begin (``len(text)`` when there are none)."""
    starts = _author_lines(text)[:1]
    if (heading := _heading_zone(text)) is not None:
        starts.append(heading)
    if (forum := _forum_zone(text)) is not None:
        starts.append(forum)
    if (buttons := _buttons_zone(text)) is not None:
        starts.append(buttons)
    if _COLON_AT_LINE_END.search(text):
        starts += [m.start() for m in line_matches(_BARE_BYLINE, text) if not text[m.end() :].strip()]
    numbered = _numbered_handles(text)
    if numbered:
        starts.append(numbered[0].start())
    return min(starts, default=len(text))


_PRONOUN_HANDLE = re.compile(r"(?i)(?:he|she|it|they|we|i|you|the \w+|\w+ also|\w+ then|\w+ later|\w+ has)")
_COMMENT_MARK = COMMENT_HEADING  # the cleaning's site templates keep these lines


def _author_lines(text: str) -> list[int]:
    """Where the "<handle> said:" lines of a comment block begin.

    "He said:" before a quote in an article is not one: a handle line counts when it is
    numbered ("1. GB said:"), when another follows it, or when a comment heading
    ("Comments", "Discussion Policy", "Leave a Reply") comes before it.
    """
    if not _SAID_AT_LINE_END.search(text):  # the pattern is tried at every line: first a quick test
        return []
    hits = [
        m
        for m in line_matches(_COMMENT_BYLINE, text)
        if not _PRONOUN_HANDLE.fullmatch(m.group("handle").strip())
    ]
    mark = _COMMENT_MARK.search(text)
    for k, m in enumerate(hits):
        numbered = re.match(r"[^\S\n]*(?:\d+\.|[•*])", m.group())
        if numbered or k + 1 < len(hits) or (mark is not None and mark.start() < m.start()):
            return [h.start() for h in hits[k:]]
    return []


def _numbered_handles(text: str) -> list[re.Match[str]]:
    """A numbered list of short author lines (1. Avatar, 2. Avatar, ...), two or more in order."""
    if not _FIRST_NUMBER.search(text):  # a list starts at "1. ": without one, no line is tried
        return []
    hits = [m for m in line_matches(_NUMBERED_HANDLE, text) if len(_WORD.findall(m.group("handle"))) <= 3]
    run: list[re.Match[str]] = []
    for m in hits:
        if run and int(m.group("n")) == int(run[-1].group("n")) + 1:
            run.append(m)
        elif int(m.group("n")) == 1:
            if len(run) >= 2:
                break
            run = [m]
    return run if len(run) >= 2 else []


def comments(text: str, at: int, media: str = "") -> list[Label]:
    """The bylines and comments of the comment block that begins at ``at`` (``media``: the outlet)."""
    labels: list[Label] = []
    authors = set(_author_lines(text))
    lines = (
        [m for m in line_matches(_COMMENT_BYLINE, text, at) if m.start() in authors]
        or [m for m in _numbered_handles(text) if m.start() >= at]
        or list(line_matches(_BARE_BYLINE, text, at))
    )
    if not lines and at < len(text):
        return _unsigned_comments(text, at, media)
    for k, m in enumerate(lines):
        handle = m.group("handle").strip()
        s = m.start() + len(m.group()) - len(m.group().lstrip())
        labels.append(Label(s, m.end(), "Readers", handle, "byline", RuleId.COMMENT_AUTHOR))
        stop = lines[k + 1].start() if k + 1 < len(lines) else len(text)
        body = text[m.end() : stop]
        if body.strip():
            b = m.end() + len(body) - len(body.lstrip())
            labels.append(
                Label(
                    b,
                    m.end() + len(body.rstrip()),
                    "Readers",
                    handle,
                    "comment",
                    RuleId.COMMENT,
                )
            )
    return labels


#: A saved page's roles (``corpus/pages.py``) read as the voices' kinds: (actor, kind); None: the body.
_PAGE_KINDS = {
    "headline": ("Media", "headline"),
    "standfirst": ("Media", "narration"),
    "dateline": ("Media", "narration"),
    "byline": ("Media", "byline"),
    "caption": ("Media", "caption"),
    "comment_author": ("Readers", "byline"),
    "comment": ("Readers", "comment"),
}


#: Every role a page's layout may name (``corpus/pages.py``).
_PAGE_ROLES = frozenset({*_PAGE_KINDS, "paragraph", "subheading", "quote", "list_item"})


def page_layout(text: str, layout: str) -> list[tuple[int, int, str, int]] | None:
    """A saved page's paragraphs with their roles: ``(start, end, role, comment)``; None without one.

    ``layout`` is the documents table's (one role a kept block, ``comment:2`` for a
    block of the page's comment 2); ``text`` holds the blocks separated by blank lines.
    None as well when the two do not match (a piece of a long page, a text edited since).
    """
    roles = layout.split()
    if not roles or any(r.partition(":")[0] not in _PAGE_ROLES for r in roles):
        return None
    spans, at = [], 0
    for block in text.split("\n\n"):
        spans.append((at, at + len(block)))
        at += len(block) + 2
    if len(spans) != len(roles) or any(s == e or "\n" in text[s:e] for s, e in spans):
        return None
    out = []
    for (s, e), role in zip(spans, roles, strict=True):
        name, _, group = role.partition(":")
        out.append((s, e, name, int(group) if group.isdigit() else -1))
    return out


def page_labels(
    text: str, page: list[tuple[int, int, str, int]], media: str
) -> tuple[list[Label], list[tuple[int, int]]]:
    """The labels a saved page's markup gives (headline, bylines, captions, comments), and its body.

    A comment's speaker is the author its own comment names on the page ("a reader" when
    it names none); everything else of the page's markup is the outlet's.
    """
    authors = {group: text[s:e] for s, e, role, group in page if role == "comment_author" and group >= 0}
    labels, body = [], []
    for s, e, role, group in page:
        kind = _PAGE_KINDS.get(role)
        if kind is None:
            body.append((s, e))
            continue
        actor, what = kind
        speaker = (authors.get(group) or "a reader") if actor == "Readers" else media
        if role == "comment_author":
            speaker = text[s:e]
        labels.append(Label(s, e, actor, speaker, what, RuleId.PAGE_MARKUP))
    return labels, body
