"""Voices: who is speaking in each passage of a document.

One news article holds several voices: the outlet's narration, quotes and reported
speech of two governments, reader comments. :func:`segment_voices` cuts every clean
document into segments, each with an ``actor`` (Baku, Stepanakert, Moscow, Media,
Readers, ... -- the list in ``resources/actors.csv`` plus any actor a corpus's
metadata declares), a ``speaker`` (person, body, outlet or commenter) and a ``kind``:

``headline``, ``caption``
    the outlet's title and photo captions (Media);
``narration``
    the outlet's own sentences, including the frames of quotes ("he said") (Media);
``quote``
    direct speech, quote marks included;
``paraphrase``
    reported speech ("The ministry expressed hope that <...>"), attributed to the
    source, so analyses can include or exclude it;
``statement``
    a text published by the actor itself (a metadata ``actor`` declares it);
``comment``, ``byline``
    a reader comment and the line naming its author ("1. GB said:").

Two methods: ``"gold"`` reads the hand-checked annotation
``data/annotations/voices.csv``; ``"auto"`` attributes by rules (quote marks,
speech verbs, the named speakers of ``resources/speakers.csv``, "he"/"the Ministry"
resolved to the last named speaker, the outlet as default narrator, comment
blocks). :func:`voice_agreement` measures how far two methods agree, token by token.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import pandas as pd

from ..config import ANNOTATIONS_DIR, RESOURCES_DIR
from ..corpus.sentences import sentence_spans
from ..errors import NKResearchError

KINDS = ("headline", "caption", "narration", "quote", "paraphrase", "statement", "comment", "byline")
SEGMENT_COLUMNS = ["doc_id", "seg_id", "start", "end", "text", "actor", "speaker", "kind", "method"]
GOLD_FILE = ANNOTATIONS_DIR / "voices.csv"
Method = Literal["default", "gold", "auto"]


@cache
def actors_table() -> pd.DataFrame:
    """The known actors: ``actor, description, color`` (``resources/actors.csv``)."""
    return pd.read_csv(RESOURCES_DIR / "actors.csv", dtype=str, keep_default_na=False)


def known_actors(docs: pd.DataFrame | None = None) -> list[str]:
    """The actors an annotation may name.

    Parameters
    ----------
    docs
        A documents table; actors declared in its ``actor`` column are added.

    Returns
    -------
    list of str
        The actors of ``resources/actors.csv`` (Baku, Stepanakert, Yerevan, Moscow,
        ..., Media, Readers), then the declared ones.

    Examples
    --------
    >>> import nkresearch as nk
    >>> nk.known_actors()[:3]
    ['Baku', 'Stepanakert', 'Yerevan']
    """
    names = list(actors_table()["actor"])
    if docs is not None and "actor" in docs.columns:
        names += sorted({a for a in docs["actor"] if a and a not in names})
    return names


def read_speakers(path: Path = RESOURCES_DIR / "speakers.csv") -> pd.DataFrame:
    """The speaker patterns used by ``segment_voices(method="auto")``.

    Parameters
    ----------
    path
        A CSV with the columns below (default: the shipped ``resources/speakers.csv``).

    Returns
    -------
    pandas.DataFrame
        ``pattern`` (a regular expression matched on whole words), ``speaker``,
        ``actor`` and ``type``: ``name`` (names a speaker), ``role`` (a title,
        resolved to the last named speaker of the same actor) or ``anaphor`` ("he",
        "the Ministry": resolved to the last named speaker).

    Examples
    --------
    >>> import nkresearch as nk
    >>> mine = pd.DataFrame([{"pattern": "Hikmet Hajiyev|Hajiyev", "speaker": "Hikmet Hajiyev",
    ...                       "actor": "Baku", "type": "name"}])
    >>> speakers = pd.concat([nk.read_speakers(), mine])
    >>> seg = nk.segment_voices(nk.load_corpus(), method="auto", speakers=speakers)
    """
    return pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")


# --------------------------------------------------------------------------- rules

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


@dataclass
class _Label:
    start: int
    end: int
    actor: str
    speaker: str
    kind: str


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


# --------------------------------------------------------------------------- gold


def read_annotations(docs: pd.DataFrame, path: Path = GOLD_FILE) -> pd.DataFrame:
    """Read and check a voice annotation file for the documents in ``docs``.

    The CSV has ``doc_id, start, end, actor, speaker, kind`` (offsets into the clean
    ``text``) and optionally ``excerpt``, the segment's first characters, checked
    against the text. Rows of documents not in ``docs`` are ignored.
    """
    if not path.is_file():
        return pd.DataFrame(columns=["doc_id", "start", "end", "actor", "speaker", "kind"])
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"doc_id", "start", "end", "actor", "speaker", "kind"} - set(table.columns)
    if missing:
        raise NKResearchError(f"{path}: missing columns {sorted(missing)}.")
    table = table[table["doc_id"].isin(set(docs["doc_id"]))].copy()
    texts = dict(zip(docs["doc_id"], docs["text"], strict=True))
    actors = known_actors(docs)
    for i, row in zip(table.index + 2, table.to_dict("records"), strict=True):
        where = f"{path}, line {i} ({row['doc_id']})"
        if row["actor"] not in actors:
            raise NKResearchError(
                f"{where}: unknown actor {row['actor']!r}. Use one of {actors}, "
                "or declare the actor in the corpus metadata's 'actor' column."
            )
        if row["kind"] not in KINDS:
            raise NKResearchError(f"{where}: unknown kind {row['kind']!r}. Use one of {list(KINDS)}.")
        try:
            start, end = int(row["start"]), int(row["end"])
        except ValueError:
            raise NKResearchError(f"{where}: start and end must be whole numbers.") from None
        n = len(texts[row["doc_id"]])
        if not 0 <= start < end <= n:
            raise NKResearchError(
                f"{where}: span {start}:{end} lies outside the document (0:{n}). "
                "Offsets count characters of the clean text; rebuild the annotation."
            )
        excerpt = row.get("excerpt", "")
        if excerpt and texts[row["doc_id"]][start : start + len(excerpt)] != excerpt:
            raise NKResearchError(
                f"{where}: the text at {start} does not start with {excerpt!r}; the clean "
                "text has changed since the annotation was made. Rebuild it "
                "(scripts/build_gold_voices.py for the bundled corpus)."
            )
    table["start"] = table["start"].astype(int)
    table["end"] = table["end"].astype(int)
    for doc_id, group in table.sort_values(["doc_id", "start"]).groupby("doc_id"):
        if (group["start"].to_numpy()[1:] < group["end"].to_numpy()[:-1]).any():
            raise NKResearchError(f"{path}: segments of {doc_id} overlap. Make them disjoint.")
    return table


# --------------------------------------------------------------------------- public


def segment_voices(
    docs: pd.DataFrame,
    *,
    method: Method = "default",
    annotations: str | Path | None = None,
    speakers: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Cut every document into voice segments: who speaks where.

    Parameters
    ----------
    docs
        The documents table of :func:`nkresearch.load_corpus`.
    method
        ``"gold"``: the hand-checked annotation (an error for a document without
        one); ``"auto"``: rule-based attribution; ``"default"``: gold where a
        document is annotated, auto otherwise.
    annotations
        The annotation CSV (default ``data/annotations/voices.csv``).
    speakers
        Speaker patterns for the automatic method (default: :func:`read_speakers`);
        pass ``pd.concat([nk.read_speakers(), mine])`` to add your own.

    Returns
    -------
    pandas.DataFrame
        One row per segment: ``doc_id, seg_id, start, end`` (offsets into the
        document's clean ``text``), ``text``, ``actor, speaker, kind``, ``method``
        (``gold`` or ``auto``), then the document metadata columns. A document
        whose metadata declares an ``actor`` is that actor's ``statement``.

    Examples
    --------
    >>> import nkresearch as nk
    >>> seg = nk.segment_voices(nk.load_corpus())
    >>> sorted(seg["actor"].unique())
    ['Baku', 'Media', 'Moscow', 'Readers', 'Stepanakert']
    """
    if method not in ("default", "gold", "auto"):
        raise NKResearchError(f"method={method!r} is not one of 'default', 'gold', 'auto'.")
    gold = (
        read_annotations(docs, Path(annotations) if annotations else GOLD_FILE) if method != "auto" else None
    )
    gold_docs = set() if gold is None else set(gold["doc_id"])
    if method == "gold" and (missing := [d for d in docs["doc_id"] if d not in gold_docs]):
        raise NKResearchError(
            f"method='gold': no annotation for {missing[:5]}. Use method='default' or 'auto', "
            "or annotate them."
        )
    auto = _AutoAttributor(read_speakers() if speakers is None else speakers)
    rows = []
    for doc in docs.to_dict("records"):
        doc_id, text = doc["doc_id"], doc["text"]
        if doc_id in gold_docs:
            assert gold is not None
            g = gold[gold["doc_id"] == doc_id].sort_values("start")
            labels = [
                _Label(r["start"], r["end"], r["actor"], r["speaker"], r["kind"])
                for r in g.to_dict("records")
            ]
            used = "gold"
        else:
            declared = [str(doc.get(col) or "") for col in ("outlet", "actor", "speaker")]
            labels = _tidy(text, auto.document(text, *declared))
            used = "auto"
        for k, lab in enumerate(labels):
            rows.append(
                (
                    doc_id,
                    k,
                    lab.start,
                    lab.end,
                    text[lab.start : lab.end],
                    lab.actor,
                    lab.speaker,
                    lab.kind,
                    used,
                )
            )
    seg = pd.DataFrame(rows, columns=SEGMENT_COLUMNS)
    meta_cols = [c for c in docs.columns if c not in ("raw_text", "text", "actor", "speaker", "doc_id")]
    seg = seg.merge(docs[["doc_id", *meta_cols]], on="doc_id", how="left", validate="many_to_one")
    seg.attrs = {**docs.attrs, "voices": {"method": method}}
    return seg


def voice_agreement(tokens_reference: pd.DataFrame, tokens_candidate: pd.DataFrame) -> pd.DataFrame:
    """Token-level agreement of two voice attributions of the same documents.

    Parameters
    ----------
    tokens_reference, tokens_candidate
        Tokens tables (:func:`nkresearch.tokenize`) of the same documents, segmented
        two ways (for example ``method="gold"`` and ``method="auto"``).

    Returns
    -------
    pandas.DataFrame
        One row per document and one ``doc_id == "ALL"``: ``n_tokens``,
        ``actor_agree``, ``kind_agree`` (counts of tokens with the same label) and
        ``actor_agreement``, ``kind_agreement`` (shares).

    Examples
    --------
    >>> import nkresearch as nk
    >>> docs = nk.load_corpus()
    >>> gold = nk.tokenize(nk.segment_voices(docs, method="gold"))
    >>> auto = nk.tokenize(nk.segment_voices(docs, method="auto"))
    >>> table = nk.voice_agreement(gold, auto)
    """
    keys = ["doc_id", "start", "end"]
    both = tokens_reference[[*keys, "actor", "kind"]].merge(
        tokens_candidate[[*keys, "actor", "kind"]], on=keys, suffixes=("_ref", "_cand"), validate="one_to_one"
    )
    both["actor_agree"] = both["actor_ref"].astype(str) == both["actor_cand"].astype(str)
    both["kind_agree"] = both["kind_ref"].astype(str) == both["kind_cand"].astype(str)
    per_doc = both.groupby("doc_id", observed=True).agg(
        n_tokens=("start", "size"), actor_agree=("actor_agree", "sum"), kind_agree=("kind_agree", "sum")
    )
    per_doc.loc["ALL"] = per_doc.sum()
    per_doc["actor_agreement"] = per_doc["actor_agree"] / per_doc["n_tokens"]
    per_doc["kind_agreement"] = per_doc["kind_agree"] / per_doc["n_tokens"]
    return per_doc.reset_index()
