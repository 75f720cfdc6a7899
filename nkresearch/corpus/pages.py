"""Saved web pages: a page's blocks of text with their roles, what was removed and why, and its article.

:func:`read_page` parses a page (lxml) and cuts its visible text into blocks: a block is
the text of a block-level element (a paragraph, a heading, a list item, a caption, a
``div`` with text of its own), whitespace collapsed. Each block gets a **role**
(``headline``, ``standfirst``, ``byline``, ``dateline``, ``paragraph``, ``subheading``,
``quote``, ``list_item``, ``caption``, ``comment``, ``comment_author``) or is
**removed** by a rule (navigation, footer, cookie notice, subscription box, share
buttons, advertisement, related articles, a list of links, text outside the article).
The rules are data (``resources/pages/rules.csv``: id, priority, the tags and the
class or id words that trigger them, a description and an example page, which
``tests/test_pages.py`` runs); the first rule by priority that matches a block decides.

Where the article is: trafilatura (:func:`trafilatura.bare_extraction`) finds the page's
main content; a block whose words it kept is in the article. A paragraph, subheading,
quote or list item outside it is removed (``page_outside_article``); a caption, byline,
dateline or standfirst is kept inside the smallest element holding the article and
the headline. The **body** (the article's running text, as the article-extraction
benchmark's ``articleBody``) is the kept paragraphs, subheadings, quotes and list items.

A class or id word (``related``, ``newsletter``, ``comments``) removes or marks an
element only while the element holds less than half of the article's text, so a page
that puts such a word on a wrapper of the whole article keeps its article.

``Page.page_text`` is every block in page order, separated by blank lines; each
:class:`Block` is a span of it, so a removed block maps back exactly. ``Page.text``
is the kept blocks, the same way: what the voices read.
"""

from __future__ import annotations

import csv
import re
import warnings
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

import pandas as pd

from ..config import RESOURCES_DIR
from ..errors import NKResearchError
from .languages import LANGUAGES

#: The page rules: ``id, priority, action, tags, words, description, example``.
RULES_FILE = RESOURCES_DIR / "pages" / "rules.csv"
#: Elements whose content is not text of the page.
_NOT_TEXT = frozenset(
    [
        "script",
        "style",
        "noscript",
        "noframes",
        "template",
        "svg",
        "iframe",
        "head",
        "title",
        "meta",
        "link",
        "object",
        "embed",
        "canvas",
        "select",
        "option",
        "button",
        "input",
        "textarea",
        "map",
        "audio",
        "video",
        "source",
        "track",
        "picture",
    ]
)
#: Elements that begin a block of their own.
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "aside",
        "header",
        "footer",
        "nav",
        "menu",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "figure",
        "figcaption",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "caption",
        "address",
        "form",
        "fieldset",
        "details",
        "summary",
        "body",
        "html",
        "hr",
        "center",
        "tbody",
        "thead",
        "tfoot",
    ]
)
#: The columns of :func:`page_blocks`.
BLOCK_COLUMNS = (
    "doc_id",
    "block",
    "role",
    "rule",
    "body",
    "start",
    "end",
    "text_start",
    "text_end",
    "block_text",
)
#: File suffixes read as saved web pages.
PAGE_SUFFIXES = (".html", ".htm")
#: The metadata a page can give, where the user's metadata has none.
PAGE_FIELDS = ("title", "date", "outlet", "url", "language")
#: Share of a block's characters inside links from which it is a list of links.
LINK_SHARE = 0.8
#: A class or id word decides for an element that holds less than this share of the article's text.
SMALL_SHARE = 0.5
#: The roles whose blocks make the body.
BODY_ROLES = frozenset({"paragraph", "subheading", "quote", "list_item"})
#: Roles kept only inside the article's element (elsewhere they are the page's, not the article's).
_REGION_ROLES = frozenset({"standfirst", "caption", "byline", "dateline"})
#: A photo credit: a short line with a copyright sign, or one that begins by naming the picture.
_CREDIT = re.compile(r"©|^(?:photos?|images?|pictures?|credits?)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+")
_XML_DECLARATION = re.compile(r"\A\ufeff?\s*<\?xml[^>]*\?>")
_NORM_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class PageRule:
    """One rule of ``resources/pages/rules.csv``: a role it gives, or a removal."""

    id: str
    priority: int
    action: str  # "remove" or "role"
    tags: frozenset[str]
    words: frozenset[str]
    description: str
    example: str


@cache
def page_rules() -> tuple[PageRule, ...]:
    """The page rules, by priority (the first that matches a block decides).

    Examples
    --------
    >>> [r.id for r in page_rules()][:3]
    ['page_hidden', 'page_navigation', 'page_footer']
    """
    with RULES_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rules = [
        PageRule(
            id=row["id"],
            priority=int(row["priority"]),
            action=row["action"],
            tags=frozenset(row["tags"].split()),
            words=frozenset(row["words"].split()),
            description=row["description"],
            example=row["example"],
        )
        for row in rows
    ]
    return tuple(sorted(rules, key=lambda r: r.priority))


@cache
def _rule(rule_id: str) -> PageRule:
    return next(r for r in page_rules() if r.id == rule_id)


@dataclass(frozen=True)
class Block:
    """One block of a page: a span of ``Page.page_text``, its role (or ``removed``) and the rule."""

    start: int
    end: int
    role: str
    rule: str
    body: bool = False
    group: int = -1  # a comment's or a comment author's comment on the page (its number), else -1


@dataclass(frozen=True)
class Page:
    """A saved page read: its blocks, and what its markup says of it (``meta``: title, date, ...)."""

    page_text: str
    blocks: tuple[Block, ...]
    meta: dict[str, str]

    def _join(self, keep: Any) -> str:
        return "\n\n".join(self.page_text[b.start : b.end] for b in self.blocks if keep(b))

    @property
    def text(self) -> str:
        """The kept blocks in page order, separated by blank lines (what the voices read)."""
        return self._join(lambda b: b.role != "removed")

    @property
    def body(self) -> str:
        """The article's running text: its paragraphs, subheadings, quotes and list items."""
        return self._join(lambda b: b.body)

    @property
    def layout(self) -> str:
        """The roles of the kept blocks, in order, one word each (``comment:2``: the page's comment 2).

        The paragraphs of :attr:`text` in the same order: what the voices read the page's
        layout from (the documents table's ``layout``).
        """
        return " ".join(
            f"{b.role}:{b.group}" if b.group >= 0 else b.role for b in self.blocks if b.role != "removed"
        )

    @property
    def removed(self) -> list[Block]:
        """The removed blocks, in page order."""
        return [b for b in self.blocks if b.role == "removed"]


@dataclass
class _Raw:
    """A block as the walk finds it: its text, its element and the elements around it."""

    text: str
    chain: list[tuple[str, frozenset[str], bool, Any]]  # outermost first: tag, words, hidden, element
    links: int  # characters inside links
    inline: frozenset[str]  # the tags and class or id words of the inline elements inside it

    @cached_property
    def tags(self) -> frozenset[str]:
        return frozenset(tag for tag, *_ in self.chain)

    @cached_property
    def words(self) -> frozenset[str]:
        """The class and id words of every element around it."""
        return frozenset().union(*(words for _, words, *_ in self.chain))


def _words(el: Any) -> frozenset[str]:
    value = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return frozenset(_WORD.findall(value)) if value.strip() else frozenset()


def _hidden(el: Any) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return (
        el.get("hidden") is not None
        or el.get("aria-hidden") == "true"
        or "display:none" in style
        or "visibility:hidden" in style
    )


class _Walk:
    """The blocks of a tree in document order (one pass; inline text joins its block)."""

    def __init__(self) -> None:
        self.blocks: list[_Raw] = []
        self.stack: list[tuple[str, frozenset[str], bool, Any]] = []
        self.parts: list[str] = []
        self.links = 0
        self.inline: set[str] = set()

    def flush(self) -> None:
        text = " ".join("".join(self.parts).split())
        self.parts.clear()
        if text:
            self.blocks.append(_Raw(text, list(self.stack), self.links, frozenset(self.inline)))
        self.links = 0
        self.inline = set()

    def add(self, text: str | None, in_link: bool) -> None:
        if text:
            self.parts.append(text)
            if in_link:
                self.links += len("".join(text.split()))  # as the block is measured: without spaces

    def walk(self, el: Any, in_link: bool = False) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in _NOT_TEXT:
            return
        block = tag in _BLOCK_TAGS
        if block:
            self.flush()
        else:
            self.inline.add(tag)
            self.inline.update(_words(el))
        if tag == "br":
            self.parts.append(" ")
        self.stack.append((tag, _words(el), _hidden(el), el))
        in_link = in_link or tag == "a"
        self.add(el.text, in_link)
        for child in el:
            self.walk(child, in_link)
            self.add(child.tail, in_link)
        if block:
            self.flush()
        self.stack.pop()


def _norm(text: str) -> str:
    return " ".join(_NORM_WORD.findall(text.lower()))


def _shingles(words: list[str]) -> list[str]:
    return [" ".join(words[i : i + 4]) for i in range(len(words) - 3)]


class _Article:
    """What trafilatura kept of the page, to ask whether a block is in it."""

    def __init__(self, text: str) -> None:
        self.text = _norm(text)
        self.shingles = set(_shingles(self.text.split()))
        self.chars = len(self.text.replace(" ", ""))

    def holds(self, block: str) -> bool:
        """All of the block's words in a row, or (six words or more) most of its four-word runs."""
        words = _norm(block)
        if not words:
            return False
        if not self.chars:  # trafilatura found no article: the rules alone decide
            return True
        if words in self.text:
            return True
        runs = _shingles(words.split())
        return len(runs) >= 3 and sum(r in self.shingles for r in runs) >= 0.6 * len(runs)


class _Classify:
    """The rule that decides each block (see the module docstring)."""

    def __init__(self, article: _Article, heads: set[str], descriptions: set[str]) -> None:
        self.article, self.heads, self.descriptions = article, heads, descriptions
        self.sizes: dict[Any, int] = {}

    def small(self, el: Any) -> bool:
        if el not in self.sizes:
            self.sizes[el] = len("".join(el.text_content().split()))
        return self.sizes[el] < SMALL_SHARE * max(self.article.chars, 1)

    def worded(self, raw: _Raw, words: frozenset[str]) -> bool:
        if not words & raw.words:  # most blocks: no element around them has such a word
            return False
        return any(w & words and self.small(el) for _, w, _, el in raw.chain)

    def matches(self, rule: PageRule, raw: _Raw) -> bool:
        special = _SPECIAL.get(rule.id)
        if special is not None:
            return special(self, raw, rule)
        return bool(rule.tags & raw.tags) or self.worded(raw, rule.words)

    def rule_of(self, raw: _Raw) -> PageRule:
        for rule in page_rules():
            if rule.id != "page_outside_article" and self.matches(rule, raw):
                return rule
        raise AssertionError("the rule 'paragraph' matches every block")  # pragma: no cover


def _is_hidden(c: _Classify, raw: _Raw, rule: PageRule) -> bool:
    return any(hidden for _, _, hidden, _ in raw.chain)


def _is_link_list(c: _Classify, raw: _Raw, rule: PageRule) -> bool:
    return raw.links >= LINK_SHARE * len(raw.text.replace(" ", ""))


def _is_headline(c: _Classify, raw: _Raw, rule: PageRule) -> bool:
    if raw.chain and raw.chain[-1][0] in rule.tags:
        return True
    words = _norm(raw.text)
    return bool(words) and any(words == h or (len(words) > 20 and words in h) for h in c.heads)


def _is_standfirst(c: _Classify, raw: _Raw, rule: PageRule) -> bool:
    own = raw.chain[-1][0] if raw.chain else ""
    return c.worded(raw, rule.words) or (own != "p" and _norm(raw.text) in c.descriptions)


def _is_caption(c: _Classify, raw: _Raw, rule: PageRule) -> bool:
    if rule.tags & raw.tags or c.worded(raw, rule.words):
        return True
    return len(raw.text.split()) < 25 and bool(_CREDIT.search(raw.text))


def _is_comment_author(c: _Classify, raw: _Raw, rule: PageRule) -> bool:
    if not (raw.chain and raw.chain[-1][1] & rule.words):
        return False
    return c.worded(raw, _rule("comment").words)


def _is_short(c: _Classify, raw: _Raw, rule: PageRule) -> bool:
    """A short block in such an element, or holding one inline (``<p><span class="byline">``)."""
    if len(raw.text) >= 200:
        return False
    return (
        bool((rule.tags | rule.words) & raw.inline) or bool(rule.tags & raw.tags) or c.worded(raw, rule.words)
    )


def _always(c: _Classify, raw: _Raw, rule: PageRule) -> bool:
    return True


_SPECIAL = {
    "page_hidden": _is_hidden,
    "page_link_list": _is_link_list,
    "headline": _is_headline,
    "standfirst": _is_standfirst,
    "caption": _is_caption,
    "comment_author": _is_comment_author,
    "byline": _is_short,
    "dateline": _is_short,
    "paragraph": _always,
}


def read_page(html: str | bytes, *, url: str | None = None) -> Page:
    """Read a saved web page: its blocks with their roles, the removed ones with their rule, its metadata.

    Parameters
    ----------
    html
        The page's markup (decoded; bytes are read as lxml guesses them).
    url
        The page's address, where it is known (helps find its date).

    Returns
    -------
    Page
        ``page_text`` (every block), ``blocks`` (:class:`Block`), ``text`` (the kept
        blocks), ``body`` (the article's running text) and ``meta``: ``title``,
        ``date``, ``outlet``, ``url`` and ``language`` where the page says them.

    Raises
    ------
    NKResearchError
        When the markup holds no text.

    Examples
    --------
    >>> page = read_page(
    ...     "<html><body><nav><a href='/'>Home</a></nav><h1>Talks resume</h1>"
    ...     "<p>The sides met in Vienna on Monday, the first time in a year, and agreed to meet again.</p>"
    ...     "</body></html>"
    ... )
    >>> [(page.page_text[b.start : b.end], b.role, b.rule) for b in page.blocks][:2]
    [('Home', 'removed', 'page_navigation'), ('Talks resume', 'headline', 'headline')]
    >>> page.body
    'The sides met in Vienna on Monday, the first time in a year, and agreed to meet again.'
    """
    import lxml.etree
    import lxml.html
    import trafilatura
    from htmldate import find_date

    if isinstance(html, str):  # lxml refuses text that declares an encoding (XHTML's <?xml ...?>)
        html = _XML_DECLARATION.sub("", html, count=1)
    try:  # huge_tree: an old page's thousand unclosed <font> tags nest past lxml's usual limit
        root = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    except (ValueError, lxml.etree.ParserError) as err:
        raise NKResearchError(f"the page holds no markup to read ({err}).") from None
    meta, heads, descriptions = _page_meta(root, url)
    walk = _Walk()
    body_el = root.find("body")
    try:
        walk.walk(body_el if body_el is not None else root)
    except RecursionError:
        raise NKResearchError(
            "the page nests its elements deeper than can be read (unclosed tags by the thousand)."
        ) from None
    if not walk.blocks:
        raise NKResearchError("the page holds no text.")
    address = url or meta.get("url") or None
    try:
        date = find_date(root, url=address, original_date=True)
    except Exception:  # a date the finder cannot read is a date the page does not give
        date = None
    if date:
        meta["date"] = str(date)
    try:
        found = trafilatura.bare_extraction(root, url=address, include_comments=False)  # comments: the rules
    except Exception as err:  # the rules alone still read the page
        warnings.warn(
            f"trafilatura could not read a page ({err}); its blocks are kept by the rules alone.",
            stacklevel=2,
        )
        found = None
    article = _Article(getattr(found, "text", "") or "" if found is not None else "")
    return _assemble(walk.blocks, _Classify(article, heads, descriptions), meta)


def _assemble(raws: list[_Raw], classify: _Classify, meta: dict[str, str]) -> Page:
    """The page from its blocks: each block's rule, the article's element, the spans."""
    decided = [(raw, classify.rule_of(raw)) for raw in raws]
    inside = [classify.article.holds(raw.text) for raw in raws]
    region = _region(
        [raw for (raw, rule), held in zip(decided, inside, strict=True) if held or rule.id == "headline"]
    )
    outside = _rule("page_outside_article")
    blocks, pieces, at = [], [], 0
    comments: dict[int, int] = {}  # the element of each comment, by id: its number on the page
    for (raw, rule), held in zip(decided, inside, strict=True):
        role = rule.id if rule.action == "role" else "removed"
        in_region = region is not None and any(el is region for *_, el in raw.chain)
        if (role in BODY_ROLES and not held) or (role in _REGION_ROLES and not in_region):
            role, rule = "removed", outside
        group = _comment_of(raw, own=role == "comment") if role in ("comment", "comment_author") else None
        number = -1 if group is None else comments.setdefault(id(group), len(comments))
        blocks.append(Block(at, at + len(raw.text), role, rule.id, body=role in BODY_ROLES, group=number))
        pieces.append(raw.text)
        at += len(raw.text) + 2
    return Page("\n\n".join(pieces), tuple(blocks), meta)


def _comment_of(raw: _Raw, *, own: bool) -> Any:
    """The element of the comment a block belongs to: the innermost one with a comment word.

    An author's own element (``comment-author``) is not its comment; a comment's text
    directly in its element is.
    """
    words = _rule("comment").words
    chain = raw.chain if own else raw.chain[:-1]
    return next((el for _, w, _, el in reversed(chain) if w & words), None)


def _region(raws: list[_Raw]) -> Any:
    """The smallest element holding every one of these blocks (None for none)."""
    if not raws:
        return None
    common = [el for *_, el in raws[0].chain]
    for raw in raws[1:]:
        chain = [el for *_, el in raw.chain]
        n = 0
        while n < min(len(common), len(chain)) and common[n] is chain[n]:
            n += 1
        common = common[:n]
    return common[-1] if common else None


def _value(found: Any) -> str:
    """An XPath result as one line: an attribute's text, or an element's text content."""
    text = found if isinstance(found, str) else found.text_content()
    return " ".join(str(text).split())


def _first(root: Any, paths: tuple[str, ...]) -> tuple[str, str]:
    """The first non-empty value of these XPaths, and the XPath's name (its key)."""
    for path in paths:
        for value in root.xpath(path):
            text = _value(value)
            if text:
                return text, path
    return "", ""


_TITLE = (
    "//meta[@property='og:title']/@content",
    "//meta[@name='twitter:title']/@content",
    "//h1",
    "//title",
)
_URL = ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content")
_SITE = ("//meta[@property='og:site_name']/@content",)
_DESCRIPTION = ("//meta[@property='og:description']/@content", "//meta[@name='description']/@content")


def _page_meta(root: Any, url: str | None) -> tuple[dict[str, str], set[str], set[str]]:
    """What the page's markup says of it, and the texts of its title and description (normalised)."""
    meta: dict[str, str] = {}
    title, _ = _first(root, _TITLE)
    if title:
        meta["title"] = title
    address, _ = _first(root, _URL)
    if address or url:
        meta["url"] = address or str(url)
    site, _ = _first(root, _SITE)
    host = re.sub(r"^www\.", "", re.sub(r"^[a-z]+://([^/:]+).*$", r"\1", meta.get("url", ""), flags=re.I))
    if site or (host and host != meta.get("url")):
        meta["outlet"] = site or host
    lang = (root.get("lang") or "").strip().lower().split("-")[0]
    if lang in LANGUAGES:
        meta["language"] = lang
    heads = {_norm(_value(v)) for p in _TITLE for v in root.xpath(p)}
    descriptions = {_norm(str(v)) for p in _DESCRIPTION for v in root.xpath(p)}
    return meta, heads - {""}, descriptions - {""}


def is_page(name: str) -> bool:
    """Whether a corpus file is read as a saved web page (by its suffix: .html, .htm)."""
    return name.lower().endswith(PAGE_SUFFIXES)


def has_pages(table: pd.DataFrame) -> bool:
    """Whether a corpus's metadata rows list a saved page (then every part of it has the page columns)."""
    return "file" in table.columns and any(is_page(str(f)) for f in table["file"])


def page_blocks(docs: pd.DataFrame) -> pd.DataFrame:
    """Every block of every saved page of a documents table, with its role or the rule that removed it.

    Parameters
    ----------
    docs
        The documents table of :func:`nkresearch.load_corpus` (``doc_id``, ``file``,
        ``raw_text``; ``url`` if any). Rows that are not saved pages are left out.

    Returns
    -------
    pandas.DataFrame
        One row per block, in page order: ``doc_id, block`` (its number in the page),
        ``role`` (``removed`` for a removed block), ``rule`` (the rule that decided:
        ``nk.page_rules()``), ``body`` (part of the article's running text),
        ``start, end`` (offsets into the page's text, as :func:`nkresearch.cleaning_log`),
        ``text_start, text_end`` (offsets of a kept block into the document's ``text``;
        -1 for a removed one) and ``block_text``.

    Examples
    --------
    >>> import pandas as pd
    >>> docs = pd.DataFrame({"doc_id": ["a"], "file": ["a.html"], "raw_text": [
    ...     "<html><body><h1>Talks resume</h1><p>The sides met in Vienna on Monday "
    ...     "and agreed to meet again in the spring.</p></body></html>"]})
    >>> page_blocks(docs)[["role", "text_start", "text_end"]].values.tolist()
    [['headline', 0, 12], ['paragraph', 14, 87]]
    """
    rows = []
    files = docs["file"] if "file" in docs.columns else pd.Series([""] * len(docs))
    urls = docs["url"] if "url" in docs.columns else pd.Series([None] * len(docs))
    for doc_id, file, raw, url in zip(docs["doc_id"], files, docs["raw_text"], urls, strict=True):
        if not is_page(str(file)):
            continue
        page = read_page(raw, url=url if isinstance(url, str) and url else None)
        at = 0
        for i, b in enumerate(page.blocks):
            kept = b.role != "removed"
            rows.append(
                {
                    "doc_id": doc_id,
                    "block": i,
                    "role": b.role,
                    "rule": b.rule,
                    "body": b.body,
                    "start": b.start,
                    "end": b.end,
                    "text_start": at if kept else -1,
                    "text_end": at + (b.end - b.start) if kept else -1,
                    "block_text": page.page_text[b.start : b.end],
                }
            )
            if kept:
                at += b.end - b.start + 2
    return pd.DataFrame(rows, columns=list(BLOCK_COLUMNS))
