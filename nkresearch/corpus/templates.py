"""Site templates: short lines that recur across the documents of one outlet.

A site prints the same furniture on every page: "Politics Materials", "Partner
news", "Share on Facebook", its name and slogan. One page cannot tell such a line
from text; many pages of the same outlet can. A line is a template of its outlet
when, normalised (spaces folded, Unicode NFC), it stands alone in at least
:data:`MIN_DOCS` of the outlet's documents and in at least :data:`MIN_SHARE` of them,
and holds at most :data:`MAX_WORDS` words. Lines that structure the page stay: a
comment heading (:data:`COMMENT_HEADING`, which the voice layout reads) and a line
that ends a sentence.

The outlet of a document is its metadata's ``outlet`` column, or else the host of its
``url``; a corpus with neither (the UN speeches) has no templates. The cleaning
(:func:`nkresearch.corpus.cleaning.find_removals`) removes the template lines of a
document's outlet and logs each one under the rule ``site_template``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

import pandas as pd

#: A template recurs in at least this many documents of its outlet ...
MIN_DOCS = 3
#: ... and in at least this share of them.
MIN_SHARE = 0.5
#: A longer line is text, even when it recurs.
MAX_WORDS = 12
#: A heading that opens a block of reader comments (the voice layout looks for it).
COMMENT_HEADING = re.compile(
    r"(?im)^[^\S\n]*(?:\d+\s+)?(?:comments?|responses?|replies|discussion(?: policy)?|"
    r"leave a (?:reply|comment)|"
    r"reader comments|join the discussion|\d+ thoughts? on)\b"
)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*$")

#: The template lines of each outlet, as normalised text.
Templates = Mapping[str, frozenset[str]]


def line_key(line: str) -> str:
    """A line as templates compare it: Unicode NFC, spaces folded."""
    return " ".join(unicodedata.normalize("NFC", line).split())


def outlets_of(table: pd.DataFrame) -> pd.Series | None:
    """Each document's outlet: the ``outlet`` column, else the host of ``url``; None without either."""
    if "outlet" in table.columns:
        return table["outlet"].fillna("").astype(str)
    if "url" in table.columns:
        hosts = [
            urlsplit(str(u)).netloc.lower().removeprefix("www.") if pd.notna(u) else "" for u in table["url"]
        ]
        return pd.Series(hosts, index=table.index)
    return None


def _host(url: object) -> str:
    text = "" if url is None or (isinstance(url, float) and url != url) else str(url)  # NaN: no url
    return urlsplit(text).netloc.lower().removeprefix("www.")


def site_templates(raws: Sequence[str], outlets: Sequence[str]) -> dict[str, frozenset[str]]:
    """The template lines of each outlet (see the module docstring); outlets without any are left out."""
    docs_of: Counter[str] = Counter(o for o in outlets if o)
    seen: dict[str, Counter[str]] = {}
    for raw, outlet in zip(raws, outlets, strict=True):
        if not outlet or docs_of[outlet] < MIN_DOCS:
            continue
        keys = {line_key(line) for line in raw.splitlines()}
        seen.setdefault(outlet, Counter()).update(k for k in keys if _may_be_template(k))
    templates = {}
    for outlet, counts in seen.items():
        need = max(MIN_DOCS, MIN_SHARE * docs_of[outlet])
        lines = frozenset(k for k, n in counts.items() if n >= need)
        if lines:
            templates[outlet] = lines
    return templates


def _may_be_template(key: str) -> bool:
    return (
        bool(key)
        and len(key.split()) <= MAX_WORDS
        and not _SENTENCE_END.search(key)
        and not COMMENT_HEADING.match(key)
    )


def template_spans(raw: str, lines: frozenset[str]) -> list[tuple[int, int]]:
    """The spans of ``raw``'s lines (with their line ends) that are among ``lines``."""
    if not lines:
        return []
    spans, pos = [], 0
    for line in raw.splitlines(keepends=True):
        if line_key(line) in lines:
            spans.append((pos, pos + len(line)))
        pos += len(line)
    return spans


def templates_of(table: pd.DataFrame, raws: list[str] | None = None) -> dict[str, frozenset[str]]:
    """The site templates of a documents table's outlets (none without an outlet or url column)."""
    outlets = outlets_of(table)
    if outlets is None:
        return {}
    return site_templates(list(table["raw_text"]) if raws is None else raws, list(outlets))
