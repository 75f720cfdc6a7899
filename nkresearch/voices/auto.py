"""Automatic voice attribution by rules: quote marks, speech verbs, named speakers, comment blocks.

:class:`_AutoAttributor` labels one document: the outlet's headline and captions,
direct quotes (quote marks) and reported speech (speech verbs with a that-clause or a
colon) attributed to the speakers of ``resources/speakers.csv`` ("he"/"the Ministry"
resolved to the last named speaker), reader comments after their bylines, and the
outlet's narration everywhere else.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import pandas as pd

from ..corpus.sentences import sentence_spans
from .labels import Label as _Label

SPEECH_VERBS = (
    r"said|says|say|told|tells|noted|notes|stressed|stresses|emphasized|emphasised|"
    r"emphasizes|added|adds|stated|states|explained|explains|expressed hope|accused|accuses|"
    r"praised|praises|called for|calls for|urged|urges|declared|announced|insisted|warned|"
    r"believes|hopes|reiterated|underlined|pointed out|claimed|argued|assured|recalled"
)
_VERB_RE = re.compile(rf"\b(?:{SPEECH_VERBS})\b")
# After "said", a preposition or time word starts an adverbial, not the reported content.
_ADVERBIAL = re.compile(
    r"\s+(?:in|on|at|during|here|after|before|to|while|when|earlier|later|today|"
    r"yesterday|this|last|also|again|then|from|with)\b"
)
# what may follow the verb of a post-posed frame: a few words ("here on Monday"), an end
_FRAME_END = re.compile(r"(?:\s+(?!that\b)[\w.-]+){0,4}\s*[.!?,]?\s*")
_THAT = re.compile(r"\bthat\b")
_TOLD_OBJECT = re.compile(r"\s+(?:[A-Z][\w.-]*|reporters|journalists|the press|the media)\b")
_DATELINE = re.compile(r"[A-Z][A-Z .'-]{2,}(?:,[^—–\n]{0,30}?)?(?:\s*\([^)\n]*\))?\s*(?:--|—|–)\s*")
_BYLINE = re.compile(
    r"^[^\S\n]*(?:\d+\.[^\S\n]+|[•*][^\S\n]+)?(?P<handle>[^\n:]{1,40}?) said:[^\S\n]*$", re.MULTILINE
)
_BARE_BYLINE = re.compile(
    r"^[^\S\n]*(?P<handle>[A-Z][\w'.-]*(?:[^\S\n]+[A-Z][\w'.-]*){1,3}):[^\S\n]*$", re.MULTILINE
)
#: Every bare byline ends a line with a colon: texts without one are not searched for them.
_COLON_AT_LINE_END = re.compile(r":[^\S\n]*$", re.MULTILINE)
_PARAGRAPH = re.compile(r"\S[^\n]*(?:\n(?![^\S\n]*\n)[^\n]*)*")  # up to a blank line
_PHOTO_CREDIT = re.compile(r"\([^()\n]*/[^()\n]*\)\s*$")
_TERMINAL = tuple(".!?…:;,\"”’'")
_OPEN_QUOTES, _CLOSE_QUOTES, _STRAIGHT = "“„", "”", '"'
_MIN_QUOTE_WORDS = 4  # shorter quoted bits inside a sentence are scare quotes or fragments


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    speaker: str
    actor: str
    type: str  # name, role or anaphor


class _Speakers:
    """Finds speaker mentions in text and resolves roles and anaphors."""

    def __init__(self, table: pd.DataFrame):
        self.entries = [
            (re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])"), str(speaker), str(actor), str(kind))
            for pattern, speaker, actor, kind in zip(
                table["pattern"], table["speaker"], table["actor"], table["type"], strict=True
            )
        ]

    def find(self, text: str, offset: int = 0) -> list[_Mention]:
        found: list[_Mention] = []
        for pattern, speaker, actor, kind in self.entries:
            for hit in pattern.finditer(text):
                found.append(_Mention(hit.start() + offset, hit.end() + offset, speaker, actor, kind))
        # overlapping mentions: keep the longest (a name inside a longer body name)
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[_Mention] = []
        for m in found:
            if kept and m.start < kept[-1].end:
                continue
            kept.append(m)
        return kept


class _Resolver:
    """Resolves a mention to (speaker, actor) given the names mentioned before it."""

    def __init__(self, mentions: list[_Mention]):
        self.names = [m for m in mentions if m.type == "name"]
        self.starts = [m.start for m in self.names]

    def resolve(self, m: _Mention) -> tuple[str, str] | None:
        if m.type == "name":
            return m.speaker, m.actor
        before = self.names[: bisect.bisect_left(self.starts, m.start)]
        if m.type == "role":
            same = [n for n in before if n.actor == m.actor]
            return (same[-1].speaker, m.actor) if same else (m.speaker, m.actor)
        return (before[-1].speaker, before[-1].actor) if before else None


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for m in _PARAGRAPH.finditer(text[start:end]):
        s, e = start + m.start(), start + m.end()
        spans.append((s, s + len(text[s:e].rstrip())))
    return spans


def _is_headline_like(para: str) -> bool:
    if "\n" in para or len(para) > 250:
        return False
    return bool(_PHOTO_CREDIT.search(para)) or not para.rstrip().endswith(_TERMINAL)


def _quote_spans(para: str) -> list[tuple[int, int]]:
    spans = []
    inside, qstart = False, 0
    for k, c in enumerate(para):
        if c in _OPEN_QUOTES and not inside:
            inside, qstart = True, k
        elif c in _CLOSE_QUOTES and inside:
            spans.append((qstart, k + 1))
            inside = False
        elif c == _STRAIGHT:
            if inside:
                spans.append((qstart, k + 1))
                inside = False
            else:
                inside, qstart = True, k
    if inside:
        spans.append((qstart, len(para)))
    return [(s, e) for s, e in spans if s == 0 or len(para[s:e].split()) >= _MIN_QUOTE_WORDS]


def _reported_content(piece: str, mentions: list[_Mention], offset: int) -> tuple[int, int, _Mention] | None:
    """Find '<speaker> <verb> [that] <content>' or '<content>, <speaker> said' in a sentence.

    Returns the content span (relative to ``piece``) and the speaker mention.
    """
    for verb in _VERB_RE.finditer(piece):
        subject = [m for m in mentions if m.end - offset <= verb.start()]
        if not subject:
            continue
        m = subject[-1]
        gap = piece[m.end - offset : verb.start()]
        if len(gap.split()) > 3 or re.search(r"[,;:()]", gap):
            continue
        pos = verb.end()
        if verb.group() in ("told", "tells"):
            obj = _TOLD_OBJECT.match(piece, pos)
            pos = obj.end() if obj else pos
        that = _THAT.search(piece, pos, pos + 60)
        if that and len(piece[pos : that.start()].split()) <= 5:
            pos = that.end()
        elif _ADVERBIAL.match(piece, pos):
            continue
        rest = piece[pos:]
        lead = len(rest) - len(rest.lstrip())
        if len(rest.split()) >= 2 and rest.lstrip()[0].isalnum():
            return pos + lead, len(piece.rstrip()), m
    # post-posed frame: "<content>, Russian Foreign Minister Sergey Lavrov said here on Monday."
    for comma in reversed([k for k, c in enumerate(piece) if c == ","]):
        tail = piece[comma + 1 :]
        tail_verb = _VERB_RE.search(tail)
        if len(tail) > 90 or not tail_verb or not _FRAME_END.fullmatch(tail, tail_verb.end()):
            continue
        tail_mentions = [m for m in mentions if m.start - offset > comma]
        if tail_mentions and len(piece[:comma].split()) >= _MIN_QUOTE_WORDS:
            return 0, comma + 1, tail_mentions[0]
    return None


class _AutoAttributor:
    def __init__(self, speakers: pd.DataFrame):
        self.speakers = _Speakers(speakers)

    def document(self, text: str, outlet: str, actor: str, speaker: str) -> list[_Label]:
        media = outlet or "unnamed outlet"
        labels: list[_Label] = []
        comments_at = self._comment_zone(text)
        paras = _paragraphs(text, 0, comments_at)
        body_paras = []
        for i, (s, e) in enumerate(paras):
            if _is_headline_like(text[s:e]) and not (actor and i > 0):
                labels.append(_Label(s, e, "Media", media, "headline" if i == 0 else "caption"))
            elif actor:
                labels.append(_Label(s, e, actor, speaker or actor, "statement"))
            else:
                body_paras.append((s, e))
        if body_paras:
            labels += self._body(text, body_paras, labels, media)
        labels += self._comments(text, comments_at)
        return labels

    # -- comments
    def _comment_zone(self, text: str) -> int:
        # the literal checks spare a scan of every line of a text that has no byline
        starts = [m.start() for m in _BYLINE.finditer(text)] if " said:" in text else []
        bare = (
            [m.start() for m in _BARE_BYLINE.finditer(text) if not text[m.end() :].strip()]
            if _COLON_AT_LINE_END.search(text)
            else []
        )
        return min(starts + bare, default=len(text))

    def _comments(self, text: str, at: int) -> list[_Label]:
        labels: list[_Label] = []
        lines = [m for m in _BYLINE.finditer(text, at)] or list(_BARE_BYLINE.finditer(text, at))
        for k, m in enumerate(lines):
            handle = m.group("handle").strip()
            s = m.start() + len(m.group()) - len(m.group().lstrip())
            labels.append(_Label(s, m.end(), "Readers", handle, "byline"))
            stop = lines[k + 1].start() if k + 1 < len(lines) else len(text)
            body = text[m.end() : stop]
            if body.strip():
                b = m.end() + len(body) - len(body.lstrip())
                labels.append(_Label(b, m.end() + len(body.rstrip()), "Readers", handle, "comment"))
        return labels

    # -- articles
    def _body(self, text: str, paras: list[tuple[int, int]], heads: list[_Label], media: str) -> list[_Label]:
        quotes = {p: [(p[0] + s, p[0] + e) for s, e in _quote_spans(text[p[0] : p[1]])] for p in paras}
        frame_mentions: list[_Mention] = []
        for lab in heads:
            frame_mentions += self.speakers.find(text[lab.start : lab.end], lab.start)
        for p in paras:
            for s, e in _complement(p, quotes[p]):
                frame_mentions += self.speakers.find(text[s:e], s)
        frame_mentions.sort(key=lambda m: m.start)
        resolver = _Resolver(frame_mentions)

        labels: list[_Label] = []
        pending: list[_Label] = []  # quotes whose speaker is named later
        for p in paras:
            pieces = _complement(p, quotes[p])
            for qs, qe in quotes[p]:
                who = self._quote_speaker(text, qs, qe, pieces, frame_mentions, resolver)
                lab = _Label(qs, qe, "", "", "quote")
                if who is None:
                    pending.append(lab)
                else:
                    lab.speaker, lab.actor = who
                    for q in pending:
                        q.speaker, q.actor = who
                    pending = []
                labels.append(lab)
            for s, e in pieces:
                labels += self._frame(text, s, e, s == p[0], frame_mentions, resolver, media)
        for q in pending:  # never resolved: the last speaker named before it, or the outlet
            before = [m for m in frame_mentions if m.type == "name" and m.start < q.start]
            q.speaker, q.actor = (before[-1].speaker, before[-1].actor) if before else (media, "Media")
        return labels

    def _quote_speaker(
        self,
        text: str,
        qs: int,
        qe: int,
        pieces: list[tuple[int, int]],
        mentions: list[_Mention],
        resolver: _Resolver,
    ) -> tuple[str, str] | None:
        before = next(((s, e) for s, e in pieces if e == qs), None)
        after = next(((s, e) for s, e in pieces if s == qe), None)
        if before:
            s, e = before
            verbs = list(_VERB_RE.finditer(text, s, e))
            if verbs:
                cands = [m for m in mentions if s <= m.start and m.end <= verbs[-1].start()]
                if cands and (who := resolver.resolve(cands[-1])):
                    return who
        if after:
            s, e = after
            e = min(e, s + 100)
            if _VERB_RE.search(text, s, e):
                cands = [m for m in mentions if s <= m.start and m.end <= e]
                if cands and (who := resolver.resolve(cands[0])):
                    return who
        return None

    def _frame(
        self,
        text: str,
        s: int,
        e: int,
        para_start: bool,
        mentions: list[_Mention],
        resolver: _Resolver,
        media: str,
    ) -> list[_Label]:
        labels = []
        if para_start and (d := _DATELINE.match(text, s, e)):
            labels.append(_Label(s, d.end(), "Media", media, "narration"))
            s = d.end()
        for ss, se in sentence_spans(text[s:e]):
            a, b = s + ss, s + se
            found = _reported_content(text[a:b], [m for m in mentions if a <= m.start < b], a)
            who = resolver.resolve(found[2]) if found else None
            if found and who:
                cs, ce = a + found[0], a + found[1]
                labels += [
                    _Label(a, cs, "Media", media, "narration"),
                    _Label(cs, ce, who[1], who[0], "paraphrase"),
                    _Label(ce, b, "Media", media, "narration"),
                ]
            else:
                labels.append(_Label(a, b, "Media", media, "narration"))
        return labels


def _complement(span: tuple[int, int], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, pos = [], span[0]
    for s, e in holes:
        if s > pos:
            out.append((pos, s))
        pos = max(pos, e)
    if pos < span[1]:
        out.append((pos, span[1]))
    return out


def _tidy(text: str, labels: list[_Label]) -> list[_Label]:
    """Trim white space, drop empty labels, merge neighbours with the same voice."""
    out: list[_Label] = []
    for lab in sorted(labels, key=lambda x: x.start):
        piece = text[lab.start : lab.end]
        if not piece.strip():
            continue
        start = lab.start + len(piece) - len(piece.lstrip())
        end = lab.start + len(piece.rstrip())
        if out and (out[-1].actor, out[-1].speaker, out[-1].kind) == (lab.actor, lab.speaker, lab.kind):
            out[-1].end = end
        else:
            out.append(_Label(start, end, lab.actor, lab.speaker, lab.kind))
    return out
