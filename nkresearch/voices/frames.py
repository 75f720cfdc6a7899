"""Attribution frames in one sentence: a source, a reporting cue and the content they frame.

The sentence arrives with its direct quotes masked (:data:`QUOTE`), so the rules see a
quote as one opaque phrase. The frames found, in this order:

``according to X, <content>`` / ``<content>, according to X``
    also "in the words of X", "as stated by X", "citing X";
``X <cue> [object] [that] <content>``
    pre-posed: "Peskov told reporters that ...", "The Defense Army accused ...",
    "Çavuşoğlu on Oct. 6 urged the world to ...";
``X <cue>:``
    a colon frame: the content follows (the rest of the sentence or the next paragraph);
``<content>, X <cue> [adverbials]`` / ``<content>, <cue> X [adverbials]``
    post-posed and inverted: "..., Russia's defence ministry said in a statement",
    "..., said Hajiyev, noting that <more content>", "..., RIA Novosti quotes Peskov";
    a quote before the frame is its content.

The source is the noun phrase next to the cue, cut at clause boundaries (a comma, a
conjunction, a relative pronoun, a quote), without its adverbials ("on Oct. 6",
"also", "has"), with an apposition joined ("Dmitry Peskov, the Kremlin spokesman");
a passive ("is expected", "was reported") is not a frame. The cue lexicon is
``resources/cues.txt``. :mod:`.sources` decides whether the phrase names a source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..config import RESOURCES_DIR


def _words(text: str) -> list[str]:
    """The words of a word list written as one string."""
    return text.split()


QUOTE = "\ue000"  # what a masked direct quote is made of
#: cues that frame speech only after it ("..., he continued"), never before a content
POST_ONLY = frozenset(
    {"continue", "continues", "continued", "quote", "quotes", "quoted", "cite", "cites", "cited"}
)
#: cues that take a person object before their content ("told reporters that")
TELL_LIKE = frozenset(
    _words(
        """
        tell tells told telling inform informs informed assure assures assured remind reminds reminded
        notify notifies notified advise advises advised caution cautions cautioned warn warns warned ask
        asks asked
        """
    )
)
_PASSIVE = frozenset(
    _words(
        """
        is are was were be been being there it's
        """
    )
)
_LEAD = re.compile(
    r"^(?:(?:And|But|So|Meanwhile|Moreover|However|Also|Yet|Then|Now|Still|Thus|Further|Furthermore|In turn|At the same time)\b[\s,]*)+"
)
_TRAIL = re.compile(
    r"(?:\s+(?:also|again|further|then|later|earlier|reportedly|repeatedly|once again|has|have|had|would|will|"
    r"could|can|may|might|did|does|do|not|never|already|recently|today|yesterday|tonight|now|only|"
    r"last (?:week|month|year|night)|this (?:week|month|year|morning)|"
    r"on (?:the )?[A-Z]?[\w.]+(?: \d{1,2}(?:st|nd|rd|th)?)?(?: of [\w-]+)?|in an? (?:statement|interview|press release|message)|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:this|in the) (?:morning|evening|afternoon)))+\s*$"
)
_BOUNDARY = re.compile(
    rf"[,;:\[\]{QUOTE}—–]|\s-\s|^|\b(?i:that|which|who|whom|whose|where|when|while|because|although|though|if|as|"
    r"after|before|since|until|and|but|or|whereas|saying|adding)\b"
)
_ACCORDING = re.compile(
    r"\b(?:[Aa]ccording to|[Ii]n the words of|[Aa]s (?:stated|reported|said|noted|quoted) by|[Cc]iting|[Qq]uoting)\s+"
)
_TIME_WORDS = re.compile(
    r"\s*(?:(?:on |last |this |late |early |earlier )?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|today|yesterday|"
    r"(?:on )?(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:,? \d{4})?|\d{1,2} "
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*(?: \d{4})?)(?: (?:morning|evening|afternoon|night))?|"
    r"(?:this|in the) (?:morning|evening|afternoon)|earlier|later|again|also|once again|repeatedly|"
    r"in a statement|in an interview|in a (?:written )?comment|in a press release|in a message)\b,?"
)
_ADVERBIAL = re.compile(
    r"\s*(?:$|[.,;!?)]|(?:in|on|at|during|after|before|while|when|as|from|with|by|for|to|here|there|"
    r"via|through|amid|over|ahead|following|upon|without|within|earlier|later|today|yesterday|this|last|"
    r"also|again|then|recently|repeatedly|once|commenting|speaking|responding|referring|answering|"
    r"according|about|against|under|near)\b)"
)
_OBJECT = re.compile(
    r"\s+(?:(?:the|a|an)\s+)?(?:reporters|journalists|the press|the media|press|media|correspondents?|"
    r"(?:[A-Z][\w.&’'-]*)(?:\s+(?:[A-Z][\w.&’'-]*|of|the|and))*|him|her|them|us|me|[a-z]+ (?:reporters|journalists))(?=[\s,.:;])"
)
#: "said in a statement on Monday that": adverbials, not a noun a relative "that" could belong to
_NEAR_THAT = re.compile(
    r"\s*(?:(?:in|on|at|during|after|before|to|with|from|earlier|later|again|also|here|there|today|yesterday|"
    r"last|this|then|once|repeatedly|recently)\b[^,;:.!?]{0,50}?)?,?\s*\bthat\b"
)
_THAT = re.compile(r"\s*(?:,\s*)?\bthat\b")
_GERUND = re.compile(
    r",\s*(?:noting|adding|saying|stressing|emphasizing|emphasising|explaining|arguing|insisting|warning|"
    r"claiming|recalling|calling on|urging|pointing out|underlining|stating|declaring|alleging)\b(?:\s+that\b)?\s*"
)
_WORD = re.compile(r"[\w'’-]+")


@dataclass
class Frame:
    """An attribution in a sentence: offsets of the source phrase, the cue, the content."""

    source: tuple[int, int]
    cue: tuple[int, int]
    content: list[tuple[int, int]] = field(default_factory=list)
    rule: str = ""
    colon: bool = False  # the content is what follows the colon (maybe the next paragraph)
    carries: bool = False  # a pre-posed frame: its source may go on speaking in the next sentences


@cache
def cue_pattern() -> re.Pattern[str]:
    """The reporting cues of ``resources/cues.txt`` as one pattern (longest form first)."""
    forms: set[str] = set()
    for line in (RESOURCES_DIR / "cues.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            forms.update(f.strip() for f in line.split(",") if f.strip())
    alternatives = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w'’-])(?:{alternatives}|Says|Said|Adds|Tells|Warns|Urges|Claims|Accuses)(?![\w'’-])"
    )


QUOTING = frozenset({"quote", "quotes", "quoted", "quoting", "cite", "cites", "cited", "citing"})
_NOUN_BEFORE = frozenset(
    _words(
        """
        the a an its his her their our this these those such no any every each first last new latest
        recent previous further final initial separate joint weekly daily annual
        """
    )
)
_GERUND_OK = re.compile(r"(?:^|\s)(?:is|are|was|were|been|be)\s+\S*\s*$")


def _is_noun(m: str, start: int) -> bool:
    """The cue word is a noun here ("the report", "Russia's first report", "calls for")."""
    before = _WORD.findall(m[max(0, start - 40) : start])
    return bool(before) and (before[-1].lower() in _NOUN_BEFORE or before[-1].endswith(("'s", "’s")))


def _quoted_source(m: str, pos: int) -> tuple[int, int, int] | None:
    """The person a "quotes"/"cited" cue names: "RIA Novosti quotes Peskov", "quoted X as saying that"."""
    s, e = _chunk_after(m, pos)
    if e <= s or not m[s].isupper():
        return None
    rest = re.compile(r"\s+as\s+(?:saying|stating|telling \S+)(?:\s+that)?\s*").match(m, e)
    return s, e, rest.end() if rest else 0


def _blank_brackets(m: str) -> str:
    return re.sub(r"\([^()]*\)", lambda x: " " * len(x.group()), m)


def _chunk_before(m: str, end: int) -> tuple[int, int]:
    """The source phrase that ends at ``end``: back to the last clause boundary, adverbials off."""
    start = max((b.end() for b in _BOUNDARY.finditer(m, 0, end) if b.end() <= end), default=0)
    piece = m[start:end]
    lead = _LEAD.match(piece.lstrip())
    s = start + len(piece) - len(piece.lstrip()) + (lead.end() if lead else 0)
    s = _after_opening_phrase(m, s, end)
    trail = _TRAIL.search(m, s, end)
    e = trail.start() if trail and trail.start() > s else end
    return s, len(m[:e].rstrip())


_PREPOSITIONS = frozenset(
    _words(
        """
        in on at during after before with from for by to into about over amid under following upon via
        """
    )
)


def _after_opening_phrase(m: str, s: int, end: int) -> int:
    """Skip an opening prepositional phrase without a comma: "In a written statement the ministry"."""
    words = list(_WORD.finditer(m, s, end))
    if len(words) < 3 or words[0].group().lower() not in _PREPOSITIONS:
        return s
    for prev, w in zip(words[1:], words[2:], strict=False):
        starts_np = w.group().lower() in ("the", "a", "an") or w.group()[0].isupper()
        if starts_np and prev.group().lower() not in _PREPOSITIONS and not prev.group()[0].isupper():
            return w.start()
    return s


def _with_apposition(m: str, s: int) -> int:
    """Start of "Name, <role>" when the phrase at ``s`` is the role of a name before it."""
    before = m[:s].rstrip()
    if not before.endswith(","):
        return s
    prev_s, _ = _chunk_before(m, len(before) - 1)
    prev = m[prev_s : len(before) - 1]
    words = _WORD.findall(prev)
    here = _WORD.findall(m[s : s + 80].split(",")[0])
    named = 1 <= len(words) <= 4 and all(w[0].isupper() for w in words)
    role = any(w.lower() in _ROLE_WORDS for w in words) and len(words) <= 9
    here_named = 1 <= len(here) <= 4 and all(w[0].isupper() for w in here)
    here_role = any(w.lower() in _ROLE_WORDS for w in here)
    if (named and here_role) or (role and here_named):
        return prev_s
    return s


_ROLE_WORDS = frozenset(
    _words(
        """
        minister spokesman spokeswoman spokesperson official president premier secretary aide assistant
        adviser advisor ambassador envoy diplomat representative chairman head leader commander deputy
        counterpart ombudsman chief director
        """
    )
)


def _chunk_after(m: str, start: int) -> tuple[int, int]:
    """The source phrase of an inverted frame ("..., said X while ..."): up to a boundary."""
    stop = re.compile(
        r"[,;:.!?\[\]—–]|\s-\s|\b(?:while|when|as|after|during|in|on|at|who|which|that|adding|noting|saying|"
        r"commenting|speaking|told|to)\b"
    )
    rest = m[start:]
    # "said spokesperson of the Foreign Ministry ..." : "of"/"for"/"the" run on inside the phrase
    hit = stop.search(rest, len(rest) - len(rest.lstrip()))
    e = start + (hit.start() if hit else len(rest))
    piece = m[start:e]
    return start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())


def _content_after(m: str, pos: int, cue: str) -> tuple[int, bool] | None:
    """Where the content after a pre-posed cue starts (and whether it is a colon frame), or None."""
    if cue.lower() in TELL_LIKE and (obj := _OBJECT.match(m, pos)):
        pos = obj.end()
    while (t := _TIME_WORDS.match(m, pos)) and t.end() > pos:
        pos = t.end()
    that = _THAT.match(m, pos)
    if that is None:
        near = _NEAR_THAT.match(m, pos)
        if (
            near
            and len(_WORD.findall(near.group())) <= 8
            and not re.search(r"\b(?:the|this|a)\s+that\b", near.group())
        ):
            that = near
    if that is not None:
        return that.end(), False
    rest = m[pos:]
    if rest.lstrip().startswith(":"):
        return pos + len(rest) - len(rest.lstrip()) + 1, True
    if _ADVERBIAL.match(m, pos):
        return None
    if len(_WORD.findall(rest)) >= 2 or rest.lstrip().startswith(QUOTE):
        return pos, False
    return None


def _trim(m: str, s: int, e: int) -> tuple[int, int] | None:
    piece = m[s:e]
    s2 = s + len(piece) - len(piece.lstrip(" ,;:—–-"))
    e2 = s + len(piece.rstrip(" ,;:—–-"))
    return (s2, e2) if e2 > s2 else None


def find_frames(masked: str) -> list[Frame]:
    """The candidate frames of a sentence (quotes masked), best first."""
    m = _blank_brackets(masked)
    frames: list[Frame] = []
    end = len(m.rstrip(" .!?\n"))
    for acc in _ACCORDING.finditer(m):
        s, e = _chunk_after(m, acc.end())
        if e <= s:
            continue
        before = m[: acc.start()].strip(" ,")
        content = []
        if not _WORD.findall(before) or not before.replace(QUOTE, "").strip(" ,"):
            if (c := _trim(m, e, end)) is not None:
                content.append(c)
            rule = "frame: according to X, content"
        else:
            if (c := _trim(m, 0, acc.start())) is not None:
                content.append(c)
            if (c2 := _trim(m, e, end)) is not None and len(_WORD.findall(m[c2[0] : c2[1]])) >= 3:
                content.append(c2)
            rule = "frame: content, according to X"
        frames.append(Frame((s, e), (acc.start(), acc.end()), content, rule, carries=not before))
    for cue in cue_pattern().finditer(m):
        word = cue.group().lower()
        if _is_noun(m, cue.start()) or (word.endswith("ing") and not _GERUND_OK.search(m, 0, cue.start())):
            continue
        left = m[: cue.start()]
        s, e = _chunk_before(m, cue.start())
        if not _WORD.findall(m[s:e]) and left.rstrip().endswith(","):
            # "X, the ministry's spokeswoman, said": the subject is before the apposition
            s, e = _chunk_before(m, len(left.rstrip()) - 1)
        if _WORD.findall(m[s:e]):
            if _WORD.findall(m[s:e])[-1].lower() in _PASSIVE:
                continue
            s = _with_apposition(m, s)
            if word in QUOTING and (obj := _quoted_source(m, cue.end())) is not None:
                s, e, content_start = obj
                head = m[: _chunk_before(m, cue.start())[0]].rstrip()
                content = [c] if content_start and (c := _trim(m, content_start, end)) else []
                if not content and (c := _trim(m, 0, len(head))) is not None:
                    content = [c]
                frames.append(Frame((s, e), (cue.start(), cue.end()), content, "frame: Y quotes X"))
                continue
            after = _content_after(m, cue.end(), word) if word not in POST_ONLY else None
            if after is not None:
                start, colon = after
                content = [c] if (c := _trim(m, start, end)) is not None else []
                rule = "frame: X cue:" if colon else "frame: X cue that content"
                frames.append(
                    Frame((s, e), (cue.start(), cue.end()), content, rule, colon, carries=not colon)
                )
                continue
            head = left[:s].rstrip()
            if head.endswith((",", QUOTE, "—", "–", "-")):
                content = [c] if (c := _trim(m, 0, len(head))) is not None else []
                if (g := _GERUND.search(m, cue.end())) is not None and (c2 := _trim(m, g.end(), end)):
                    content.append(c2)
                frames.append(Frame((s, e), (cue.start(), cue.end()), content, "frame: content, X cue"))
            elif not head.strip():
                frames.append(Frame((s, e), (cue.start(), cue.end()), [], "frame: X cue (no content)"))
        if left.rstrip().endswith((",", QUOTE, "—", "–", "-")) and left.strip():
            s2, e2 = _chunk_after(m, cue.end())
            if e2 > s2 and (
                m[s2].isupper() or m[s2:].startswith(("the ", "a ", "an ", "spokes", "official"))
            ):
                content = [c] if (c := _trim(m, 0, len(left.rstrip()))) is not None else []
                if (g := _GERUND.search(m, e2)) is not None and (c2 := _trim(m, g.end(), end)):
                    content.append(c2)
                frames.append(Frame((s2, e2), (cue.start(), cue.end()), content, "frame: content, cue X"))
    return frames
