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

from .lines import line_matches
from .pages import is_page, page_rules, read_page
from .templates import outlets_of, template_spans, templates_of

_EOL = r"[^\S\n]*\r?(?:\n|\Z)"  # rest of a line: blanks, then the line end


@dataclass(frozen=True)
class Rule:
    """A cleaning rule: a name, a regular expression over the raw text, a reason.

    ``needles``: strings of which every match holds one; a text with none of them is
    not searched (a line-anchored pattern is otherwise tried at every character).
    Empty: always searched. A pattern compiled with ``re.IGNORECASE`` takes its needles
    in lower case and looks for them in the lower-cased text.
    """

    name: str
    pattern: re.Pattern[str]
    description: str
    needles: tuple[str, ...] = ()


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}"
    rf"|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})"
)
_TIME = r"(?:\d{1,2}:\d{2}(?::\d{2})?(?:[^\S\n]*[AaPp]\.?[Mm]\.?(?![A-Za-z]))?)"  # "AM", not "AMT"
_STAMP = rf"(?:{_DATE}|{_TIME})"
#: What may stand beside a date or time on a line of its own: separators, another date
#: or time, a time zone ("AMT", "(UTC +04:00)"), a view count. Each is read one way (an
#: atomic group; a run of capitals or digits whole, "2020-01-01" as a date): a line that
#: fails then fails in linear time, not after every split of "1234567890" or "ABCDEF".
_AFTER_STAMP = rf"(?:[^\S\n]*(?:[,|/\-–—][^\S\n]*)?(?>{_STAMP}|[A-Z]{{2,}}|\(UTC[^)\n]*\)|\d{{1,7}}))*"
_BULLET = r"(?:[•·*\-–][^\S\n]*)?"
#: Lines of a page's furniture: links, buttons and notices of the site, not of the article.
_FURNITURE = (
    r"(?:Read (?:more|also)|Also read|See also|Show (?:more|news feed)|All news|Back to top(?: button)?"
    r"|Jump to content|Subscribe(?: to [^\n]{0,60})?|Share(?: this(?: article)?)?|Print(?: this)?"
    r"|Follow us[^\n]{0,60}|Find us on[^\n]{0,60}|Check our website[^\n]{0,40}|Sign up[^\n]{0,60}"
    r"|Please log in to reply|Advertisement|End of content[^\n]{0,40}|No more pages to load"
    r"|Your search did not match any articles)"
)

#: a capital letter of the package's scripts: Latin (with Azerbaijani Ə), Cyrillic, Armenian
_CAPITAL = "[A-ZÀ-ÖØ-ÞĀ-ŽƏА-ЯЁԱ-Ֆ]"

_RUBRIC = (
    "a site's section label: a 'Categories: ...' line, or a single word "
    "standing alone as the page's first paragraph, over its own blurb or over the page's date line"
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
        # a paragraph of its own, or over its rubric's blurb ("Карабах\nКарабах - самые ..."); not
        # the first word of a hard-wrapped line ("I\nwould like to ...")
        re.compile(rf"\A[^\S\n]*(?P<w>{_CAPITAL}[\w-]*)[^\S\n]*\r?\n(?=[^\S\n]*(?:\r?\n|(?P=w)\b))"),
        _RUBRIC,
    ),
    Rule(  # a section label over the page's date line ("Qarabağ" over "25 Dekabr , 2015 13:14")
        "rubric",
        re.compile(
            rf"^[^\S\n]*{_CAPITAL}[\w-]*[^\S\n]*\r?\n(?=[^\S\n]*(?:{_DATE}|\d{{1,2}}[^\S\n]+{_CAPITAL}\w+"
            rf"[^\S\n]*,?[^\S\n]*\d{{4}})[^\n]{{0,30}}$)",
            re.MULTILINE,
        ),
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
            # blank lines as blanks then "\n" ("\r" is a blank): a CRLF line parses one way, not two
            r"^[^\S\n]*Discussion Policy[^\S\n]*\r?\n(?:[^\S\n]*\n)*[^\n]*\S[^\n]*(?:\n|\Z)",
            re.MULTILINE,
        ),
        "a site's comment policy: the 'Discussion Policy' heading and its paragraph",
        ("Discussion Policy",),
    ),
    Rule(
        "date_line",
        re.compile(
            rf"^[^\S\n]*{_BULLET}(?:[A-Za-z][\w-]*:?[^\S\n]+){{0,2}}{_STAMP}{_AFTER_STAMP}" + _EOL,
            re.MULTILINE,
        ),
        "a line that is only a date or a time (with a label, a time zone or a view count): "
        "a page's time stamp, not the article's dateline",
    ),
    Rule(
        "site_furniture",
        re.compile(
            rf"^[^\S\n]*{_BULLET}{_FURNITURE}[^\S\n]*(?::[^\n]{{0,80}})?" + _EOL, re.MULTILINE | re.IGNORECASE
        ),
        "a line of the site's furniture: 'Read more: ...', 'Show news feed', 'All news', "
        "share, print, subscribe and follow lines, 'Back to top', 'No more pages to load'",
    ),
    Rule(
        "site_notice",
        re.compile(r"^[^\n]*\bCtrl[^\S\n]*\+[^\S\n]*Enter\b[^\n]*" + _EOL, re.MULTILINE | re.IGNORECASE),
        "a site's notice to report typos by selecting text and pressing Ctrl+Enter",
        ("ctrl",),
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
SITE_TEMPLATE = (
    "site_template",
    "a short line that recurs in most documents of the same outlet (the site's template)",
)
REPEATED_HEADLINE = (
    "repeated_headline",
    "a later line that repeats the first line, the page's title (also with or without a "
    "' - Site name' ending)",
)
#: A title ending that names the site: " - MFA NKR", " | Reuters".
_SITE_SUFFIX = re.compile(r"[^\S\n]+[-|–—][^\S\n]+\S[^\n]{0,40}$")
#: Only a title of at least this many characters counts as repeated.
_MIN_TITLE_CHARS = 20

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


def _plain(raw: str) -> bool:
    """Whether ``raw`` is in NFC without odd spaces: its lines are then ``_norm_line``'s but for spacing."""
    return unicodedata.is_normalized("NFC", raw) and not any(old in raw for old, _ in _SPACES)


def _repeated_copy(raw: str) -> list[tuple[int, int]]:
    """Spans of blocks of lines that repeat earlier lines of the same text."""
    lines = raw.splitlines(keepends=True)
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line)
    # a text already in NFC without odd spaces has lines that are too: skip the per-line work
    keys = [" ".join(line.split()) for line in lines] if _plain(raw) else [_norm_line(line) for line in lines]
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


def _repeated_headline(raw: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of later lines that repeat the first line (the page's title), outside ``taken``."""
    lines = raw.splitlines(keepends=True)
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return []
    title = _norm_line(lines[first])
    if len(title) < _MIN_TITLE_CHARS:
        return []
    word = lines[first].split()[0]  # a later line that repeats the title holds its first word again
    if (
        raw.count(word) < 2
        and raw.count(unicodedata.normalize("NFD", word)) + raw.count(title.split()[0]) < 2
    ):
        return []
    forms = {title, _SITE_SUFFIX.sub("", title)}
    # in a text already in NFC without odd spaces a line's key starts with the line's own first
    # word, so only a line that starts with the title's can repeat it (either form keeps that word)
    plain = _plain(raw)
    spans = []
    for i in range(first + 1, len(lines)):
        if plain and not lines[i].lstrip().startswith(word):
            continue
        key = _norm_line(lines[i])
        if key and (key in forms or _SITE_SUFFIX.sub("", key) in forms):
            span = (offsets[i], offsets[i] + len(lines[i]))
            if not _overlaps(span, taken):
                spans.append(span)
    return spans


RELATED_LINKS = (
    "related_links",
    "links to other articles under the page's first line: a paragraph of three or more "
    "lines, each opening with a capital or a digit, of 3 to 25 words, none ending a sentence",
)
#: the page's first line, blank lines, then a paragraph of at least three lines and a blank line
_FIRST_PARAGRAPHS = re.compile(
    r"\A[^\n]*\S[^\n]*\n(?:[^\S\n]*\n)+(?P<block>(?:[^\S\n]*\S[^\n]*\n){3,})[^\S\n]*\n"
)
_LINK_LINE = re.compile(rf"[^\S\n]*(?:{_CAPITAL}|\d|[«“\"])[^\n]*")


def _related_links(raw: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The span of a block of links to other articles under the page's first line, if there is one."""
    m = _FIRST_PARAGRAPHS.match(raw)
    if m is None or _overlaps(m.span("block"), taken):
        return []
    lines = [line.strip() for line in m.group("block").splitlines()]
    titles = all(
        _LINK_LINE.fullmatch(line) and 3 <= len(line.split()) <= 25 and not line.endswith(tuple(".!?:;,։"))
        for line in lines
    )
    return [m.span("block")] if titles else []


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def find_removals(raw: str, *, template: frozenset[str] = frozenset()) -> list[Removal]:
    """Every span of ``raw`` that cleaning removes, in text order.

    Repeated copies are found first (a copy may contain lines that other rules
    would also match, such as its own dateline); then the lines of the outlet's
    site ``template`` (:mod:`nkresearch.corpus.templates`), a repeated headline, and
    the pattern rules of :data:`CLEANING_RULES` on what is left. Spans never overlap.
    """
    taken = _repeated_copy(raw)
    removals = [Removal(REPEATED_COPY[0], s, e, raw[s:e], REPEATED_COPY[1]) for s, e in taken]
    for s, e in template_spans(raw, template):
        if not _overlaps((s, e), taken):
            taken.append((s, e))
            removals.append(Removal(SITE_TEMPLATE[0], s, e, raw[s:e], SITE_TEMPLATE[1]))
    for s, e in _repeated_headline(raw, taken):
        taken.append((s, e))
        removals.append(Removal(REPEATED_HEADLINE[0], s, e, raw[s:e], REPEATED_HEADLINE[1]))
    for s, e in _related_links(raw, taken):
        taken.append((s, e))
        removals.append(Removal(RELATED_LINKS[0], s, e, raw[s:e], RELATED_LINKS[1]))
    lowered: str | None = None
    for rule in CLEANING_RULES:
        if rule.needles:
            if rule.pattern.flags & re.IGNORECASE:
                lowered = raw.lower() if lowered is None else lowered
                if not any(needle in lowered for needle in rule.needles):
                    continue
            elif not any(needle in raw for needle in rule.needles):
                continue
        for match in line_matches(rule.pattern, raw):  # a line-anchored rule: at line starts only
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


def clean_text(raw: str, *, template: frozenset[str] = frozenset()) -> tuple[str, list[Removal]]:
    r"""Clean one document's raw text.

    Parameters
    ----------
    raw
        The text as decoded from the file.
    template
        The template lines of the document's outlet
        (:func:`nkresearch.corpus.templates.site_templates`).

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
    removals = find_removals(raw, template=template)
    kept = []
    pos = 0
    for removal in removals:
        kept.append(raw[pos : removal.start])
        pos = removal.end
    kept.append(raw[pos:])
    return normalize_text("".join(kept)), removals


def page_removals(markup: str, *, url: str | None = None) -> list[Removal]:
    """The removed blocks of a page as cleaning removals (spans of its ``page_text``), for the log."""
    page = read_page(markup, url=url)
    described = {r.id: r.description for r in page_rules()}
    return [
        Removal(b.rule, b.start, b.end, page.page_text[b.start : b.end], described[b.rule])
        for b in page.removed
    ]


def cleaning_log(docs: pd.DataFrame) -> pd.DataFrame:
    """Every removal that cleaning made, one row per removed span.

    Parameters
    ----------
    docs
        The documents table of :func:`nkresearch.load_corpus` (needs ``doc_id`` and
        ``raw_text``; its ``outlet`` or ``url`` column gives the site templates).

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, rule, start, end, n_chars, removed_text, description``;
        ``start``/``end`` are character offsets into that document's ``raw_text``,
        so ``raw_text[start:end] == removed_text``. For a saved page (a ``file``
        ending ``.html`` or ``.htm``) each row is a removed block, and the offsets are
        into the page's text, ``read_page(raw_text).page_text`` (every block, in page
        order; :mod:`nkresearch.corpus.pages`).

    Examples
    --------
    >>> import nkresearch as nk
    >>> log = nk.cleaning_log(nk.load_corpus())
    >>> sorted(log["rule"].unique())[:2]
    ['comment_policy', 'dateline']
    """
    texts = docs[[not is_page(str(f)) for f in docs["file"]]] if "file" in docs else docs
    templates = templates_of(texts)  # of the text files only, as load_corpus finds them
    outlets = outlets_of(docs)
    outlet_list = list(outlets) if outlets is not None else [""] * len(docs)
    files = list(docs["file"]) if "file" in docs.columns else [""] * len(docs)
    urls = list(docs["url"]) if "url" in docs.columns else [None] * len(docs)
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
        for doc_id, raw, outlet, file, url in zip(
            docs["doc_id"], docs["raw_text"], outlet_list, files, urls, strict=True
        )
        for r in (
            page_removals(raw, url=url if isinstance(url, str) and url else None)
            if is_page(str(file))
            else find_removals(raw, template=templates.get(outlet, frozenset()))
        )
    ]
    columns = ["doc_id", "rule", "start", "end", "n_chars", "removed_text", "description"]
    return pd.DataFrame(rows, columns=columns)
