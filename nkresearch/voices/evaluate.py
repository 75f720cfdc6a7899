"""How good is a voice attribution? Scores against gold snippets and against attribution spans.

Two kinds of gold, two functions:

- :func:`evaluate_voices`: gold *snippets* (``doc_id`` or ``file``, ``snippet``,
  ``actor``, ``kind``), each an exact substring of its text, as in a hand-checked
  sample of a user's own documents. Each snippet is located in the clean text and
  given the actor and kind of the segment that covers most of its characters.
- :func:`evaluate_attributions`: gold *spans* of attribution relations (source, cue,
  content) in brat standoff, as PolNeAR (Newell, Margolin & Ruths 2018) annotates
  them (:func:`read_brat`), scored over alphabetic tokens: content tokens, direct-
  quote tokens, content spans found at an overlap threshold, and the speaker of each
  found span.

Gold offsets count characters of the file as read (``raw_text``); the cleaning of
:func:`nkresearch.load_corpus` can remove or fold characters, so spans are carried
to the clean ``text`` through the matching blocks of the two strings (a character
the cleaning removed maps nowhere and its token is not scored).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

from ..corpus.cleaning import find_removals
from ..errors import NKResearchError

#: Segment kinds that attribute words to a source (the rest is the outlet's or a reader's).
ATTRIBUTED_KINDS = ("quote", "paraphrase")
#: Quotation marks that open and close a direct quote inside a content span.
#: a quotation: curly or straight double marks (a sloppy “..." too; one left open at the end of a
#: paragraph runs to it, as a quote over several paragraphs does), two apostrophes, guillemets, single curly
_QUOTED = re.compile(
    r"(?:[“\"]|(?<![^\s(\[])”(?=\w))(?:[^”\"]*[”\"]|[^”\"\n]*(?=\n|$))|''.*?''|«[^»]*»|‘[^’]*’", re.DOTALL
)  # also ”…” where a closing mark cannot stand: at the start of a line or after a space, before a word

_CAPITALISED = re.compile(r"\b[A-Z][\w’'.-]+")
#: Capitalised words of a source span that do not name anyone.
_NOT_NAMES = frozenset(
    (
        "The",
        "A",
        "An",
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "You",
        "His",
        "Her",
        "Its",
        "Their",
        "Our",
        "This",
        "That",
        "These",
        "Those",
    )
)


def evaluate_voices(segments: pd.DataFrame, gold: pd.DataFrame, *, docs: pd.DataFrame) -> pd.DataFrame:
    """Score voice segments against gold snippets: one row per snippet.

    Parameters
    ----------
    segments
        The segments table of :func:`nkresearch.segment_voices`.
    gold
        One row per snippet: ``doc_id`` (or ``file``, whose name without ``.txt`` is
        the ``doc_id``), ``snippet`` (an exact substring of the raw or clean text),
        ``actor`` and ``kind``. Other columns are kept.
    docs
        The documents table the segments were made from (its clean ``text``).

    Returns
    -------
    pandas.DataFrame
        The gold columns, then ``found`` (the snippet is in the clean text),
        ``covered`` (share of its characters inside a segment), ``pred_actor``,
        ``pred_kind``, ``pred_speaker`` (of the segment covering most of it; empty
        when not found), ``actor_ok`` and ``kind_ok``. A snippet of kind ``debris``
        the cleaning removed counts as right; one the cleaning kept is right as
        ``Media`` narration (the karabakh-dev convention).

    Examples
    --------
    >>> import nkresearch as nk
    >>> docs = nk.load_corpus()
    >>> seg = nk.segment_voices(docs, method="auto")
    >>> gold = pd.DataFrame([{"doc_id": "lavrov-baku-2017-xinhua",
    ...                       "snippet": "Lavrov said", "actor": "Media", "kind": "narration"}])
    >>> row = nk.evaluate_voices(seg, gold, docs=docs).iloc[0]
    >>> row["pred_actor"], bool(row["actor_ok"])
    ('Media', True)
    """
    missing = {"snippet", "actor", "kind"} - set(gold.columns)
    if missing or not ({"doc_id", "file"} & set(gold.columns)):
        raise NKResearchError(
            f"evaluate_voices: the gold table lacks {sorted(missing) or ['doc_id or file']}; "
            "give one row per snippet with doc_id (or file), snippet, actor, kind."
        )
    table = gold.copy()
    if "doc_id" not in table.columns:
        table.insert(0, "doc_id", [Path(str(f)).stem for f in table["file"]])
    texts = dict(zip(docs["doc_id"].astype(str), docs["text"], strict=True))
    unknown = sorted(set(table["doc_id"]) - set(texts) - set(segments["doc_id"].astype(str)))
    if unknown:
        raise NKResearchError(
            f"evaluate_voices: no segments for documents {unknown[:5]}; segment the documents "
            "the gold snippets come from."
        )
    by_doc = {d: g.sort_values("start") for d, g in segments.groupby("doc_id", observed=True)}
    rows = []
    for doc_id, snippet in zip(table["doc_id"], table["snippet"], strict=True):
        text, needle = texts[doc_id], str(snippet)
        at = text.find(needle)
        if at < 0:  # the cleaning unifies spaces
            needle = " ".join(needle.split())
            at = text.find(needle)
        if at < 0:
            rows.append((False, 0.0, "", "", ""))
            continue
        lo, hi = at, at + len(needle)
        seg = by_doc[doc_id]
        starts, ends = seg["start"].to_numpy(), seg["end"].to_numpy()
        overlap = np.clip(np.minimum(ends, hi) - np.maximum(starts, lo), 0, None)
        best = int(np.argmax(overlap))
        covered = float(overlap.sum() / (hi - lo))
        if overlap[best] == 0:
            rows.append((True, covered, "", "", ""))
            continue
        hit = seg.iloc[best]
        rows.append((True, covered, str(hit["actor"]), str(hit["kind"]), str(hit["speaker"])))
    columns = ["found", "covered", "pred_actor", "pred_kind", "pred_speaker"]
    table[columns] = pd.DataFrame(rows, columns=columns, index=table.index).astype(
        {"found": bool, "covered": float}
    )
    removed_debris = (table["kind"] == "debris") & ~table["found"]
    kept_debris = (table["kind"] == "debris") & table["found"]
    table["actor_ok"] = removed_debris | (table["pred_actor"] == table["actor"].astype(str))
    table["kind_ok"] = removed_debris | (table["pred_kind"] == table["kind"].astype(str))
    table.loc[kept_debris, "kind_ok"] = table.loc[kept_debris, "pred_kind"] == "narration"
    table.loc[kept_debris, "actor_ok"] = table.loc[kept_debris, "pred_actor"] == "Media"
    table["actor_ok"] = table["actor_ok"].astype(bool)
    table["kind_ok"] = table["kind_ok"].astype(bool)
    return table


def read_brat(path: str | Path) -> pd.DataFrame:
    r"""Read one brat standoff ``.ann`` file of attribution relations.

    Parameters
    ----------
    path
        The ``.ann`` file (PolNeAR's format: ``T`` spans labelled ``Source``, ``Cue``,
        ``Content``, ... and ``E`` events joining them).

    Returns
    -------
    pandas.DataFrame
        One row per span fragment: ``span`` (the T id), ``label``, ``start``, ``end``
        (character offsets into the text file), ``text`` (the span's text as the
        file gives it, all fragments), ``event`` (the E id of the
        attribution it belongs to, empty if none) and ``role`` (``Source``, ``Cue``,
        ``Content``, ``Content2``; empty if none).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> ann = pathlib.Path(tempfile.mkdtemp()) / "a.ann"
    >>> _ = ann.write_text("T1\tSource 0 2\tHe\nT2\tCue 3 7\tsaid\nT3\tContent 8 12\tthat\n"
    ...                    "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n", encoding="utf-8")
    >>> read_brat(ann)[["span", "label", "role"]].values.tolist()
    [['T1', 'Source', 'Source'], ['T2', 'Cue', 'Cue'], ['T3', 'Content', 'Content']]
    """
    path = Path(path)
    spans: list[tuple[str, str, int, int, str]] = []
    roles: dict[str, tuple[str, str]] = {}
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not re.match(r"[TE#]\d*\t", line):
            continue  # the rest of a span text that crossed a line break ("The ..." is not a T line)
        if line.startswith("T"):
            try:
                span, label_offsets, *rest = line.split("\t")
                label, offsets = label_offsets.split(" ", 1)
                for fragment in offsets.split(";"):
                    start, end = fragment.split()
                    spans.append((span, label, int(start), int(end), rest[0] if rest else ""))
            except ValueError:
                raise NKResearchError(
                    f"{path}, line {i}: not a brat span line ('T<n>\\t<Label> <start> <end>\\t<text>')."
                ) from None
        elif line.startswith("E"):
            event, args = line.split("\t", 1)
            for arg in args.split()[1:]:  # the first is the anchor
                role, _, target = arg.partition(":")
                roles.setdefault(target, (event, re.sub(r"\d+$", "", role) if role != "Content2" else role))
    table = pd.DataFrame(spans, columns=["span", "label", "start", "end", "text"])
    table["event"] = [roles.get(s, ("", ""))[0] for s in table["span"]]
    table["role"] = [roles.get(s, ("", ""))[1] for s in table["span"]]
    return table


def raw_to_clean(raw: str, clean: str) -> np.ndarray:
    """For each character of ``raw``, its offset in ``clean`` (-1 where the cleaning removed it).

    The cleaning (:func:`nkresearch.corpus.cleaning.clean_text`) cuts logged spans out
    of the raw text, then normalises white space and composes characters (NFC); it
    never reorders. So the removed spans map nowhere, and the rest is walked once
    beside the clean text: equal characters, or two white-space characters, map to
    each other; other white space and combining marks were dropped. Where the walk
    cannot follow (``clean`` is not the package's cleaning of ``raw``, or a change the
    walk does not know), the matching blocks of :class:`difflib.SequenceMatcher`
    align the two instead (slower: quadratic in the worst case).
    """
    where = np.full(len(raw) + 1, -1, dtype=np.int64)
    where[len(raw)] = len(clean)
    if raw == clean:
        return np.arange(len(raw) + 1, dtype=np.int64)
    keep = np.ones(len(raw), dtype=bool)
    for removal in find_removals(raw):
        keep[removal.start : removal.end] = False
    kept_at = np.flatnonzero(keep)
    kept = "".join(raw[i] for i in kept_at)
    j, n = 0, len(clean)
    mapped = np.full(len(kept), -1, dtype=np.int64)
    for i, c in enumerate(kept):
        if j < n and (c == clean[j] or (c.isspace() and clean[j].isspace())):
            mapped[i] = j
            j += 1
        elif c.isspace() or unicodedata.combining(c):
            continue  # folded white space, or a mark composed into the previous letter
        elif j < n and unicodedata.normalize("NFC", c) != c:
            mapped[i] = j  # a letter composed with the marks that follow it
            j += 1
        else:
            break
    else:
        if j == n:
            where[kept_at] = mapped
            return where
    matcher = difflib.SequenceMatcher(None, raw, clean, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        where[a : a + size] = np.arange(b, b + size)
    return where


def evaluate_attributions(
    tokens: pd.DataFrame,
    spans: pd.DataFrame,
    *,
    docs: pd.DataFrame,
    overlap: float = 0.3,
    by: str | None = None,
) -> pd.DataFrame:
    """Score an attribution against gold spans (PolNeAR's metrics), over alphabetic tokens.

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize` of the scored documents.
    spans
        The gold spans, :func:`read_brat` of each document with a ``doc_id`` column.
    docs
        The documents table: the spans count offsets of ``raw_text``, carried to the
        clean ``text`` with :func:`raw_to_clean`.
    overlap
        A gold content span is found when one predicted ``quote`` or ``paraphrase``
        segment covers at least this share of its alphabetic tokens; a predicted
        segment is right when at least this share of its alphabetic tokens are gold
        content.
    by
        A column of ``tokens`` (such as ``"rule"`` or ``"source_rule"``) to
        break the content figures down by: which rules hold on a sample of your own.

    Returns
    -------
    pandas.DataFrame
        One row per metric: ``metric``, ``tp``, ``n_pred``, ``n_gold`` (the counts),
        ``precision``, ``recall``, ``f1``. Metrics: ``content tokens`` (predicted:
        a quote or paraphrase token, or one of a segment that records a ``relation``;
        gold: inside a Content span), ``quote tokens``
        (predicted: a quote token; gold: a token inside a Content span and between quote
        marks, the quotations found line by line in the text, since annotators often
        leave the marks out of the span and a quote over several paragraphs reopens in each),
        ``content spans`` (found / right segments at ``overlap``), and ``speaker``
        (``tp`` found spans whose source carries a name and whose predicted speaker,
        the ``relation_source`` where there is one, shares a capitalised word with it,
        of ``n_gold`` such found spans; the recall column is that share).
        With ``by``: one row per value of that column and metric, ``content tokens``
        (``tp`` and ``n_pred`` of the value's tokens) and ``content spans`` (``tp``: gold
        spans found by a segment of that value; ``n_pred``: its attributed segments;
        ``precision``: the share of them that are right), the value in a first column
        named as ``by``; ``n_gold``, ``recall`` and ``f1`` are against every gold span.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.tokenize(pd.DataFrame([{"doc_id": "d", "seg_id": 0, "start": 0,
    ...     "text": "Smith said that taxes rise.", "actor": "Unknown", "speaker": "Smith",
    ...     "kind": "paraphrase"}]))
    >>> gold = pd.DataFrame({"doc_id": "d", "span": ["T1", "T2"], "label": ["Source", "Content"],
    ...     "start": [0, 11], "end": [5, 26], "event": ["E1", "E1"], "role": ["Source", "Content"]})
    >>> docs = pd.DataFrame({"doc_id": ["d"], "raw_text": ["Smith said that taxes rise."],
    ...                      "text": ["Smith said that taxes rise."]})
    >>> table = nk.evaluate_attributions(tok, gold, docs=docs)
    >>> float(table.set_index("metric").loc["content spans", "f1"])
    1.0
    """
    raws = dict(zip(docs["doc_id"].astype(str), docs["raw_text"], strict=True))
    cleans = dict(zip(docs["doc_id"].astype(str), docs["text"], strict=True))
    tokens_tp, tokens_pred, tokens_gold = np.zeros(2, int), np.zeros(2, int), np.zeros(2, int)
    right_segments = n_segments = found = n_spans = speaker_ok = named = 0
    spans_of = {str(d): g for d, g in spans.groupby(spans["doc_id"].astype(str))}
    groups: dict[str, np.ndarray] = {}  # per value of `by`: token tp, token pred, found, segments, right
    for doc_id, doc_tokens in tokens.groupby("doc_id", observed=True):
        doc_id = str(doc_id)
        raw = raws[doc_id]
        where = raw_to_clean(raw, cleans[doc_id])
        tok = doc_tokens[doc_tokens["is_alpha"].to_numpy(bool)]
        start = tok["start"].to_numpy(np.int64)
        kind = tok["kind"].astype(str).to_numpy()
        segment = tok["seg_id"].to_numpy()
        pred = np.isin(kind, ATTRIBUTED_KINDS)
        if "relation" in tok.columns:  # words that stay another voice's but report an attribution
            pred |= tok["relation"].astype(str).to_numpy() != ""
        doc_spans = spans_of.get(doc_id, spans.iloc[:0])
        content = doc_spans[doc_spans["label"] == "Content"]
        members: dict[str, np.ndarray] = {}  # gold content span -> its tokens
        for span, lo, hi in zip(content["span"], content["start"], content["end"], strict=True):
            inside = _inside(start, where, int(lo), int(hi))
            members[span] = members[span] | inside if span in members else inside
        gold_content = np.logical_or.reduce([*members.values(), np.zeros(len(tok), dtype=bool)])
        gold_quote = gold_content & _quoted(raw, where, start)
        for i, (p, g) in enumerate(((pred, gold_content), (kind == "quote", gold_quote))):
            tokens_tp[i] += int((p & g).sum())
            tokens_pred[i] += int(p.sum())
            tokens_gold[i] += int(g.sum())
        # a predicted segment is right when at least `overlap` of its words are gold content
        _, of_segment = np.unique(segment, return_inverse=True)
        words = np.bincount(of_segment)
        attributed = np.bincount(of_segment, weights=pred) > 0  # a segment has one kind
        content_share = np.bincount(of_segment, weights=gold_content) / words
        n_segments += int(attributed.sum())
        right_segments += int((attributed & (content_share >= overlap)).sum())
        if by is not None:  # the counts of each value of `by`, by bincount over its codes
            values, code = np.unique(tok[by].astype(str).to_numpy(), return_inverse=True)
            seg_code = np.zeros(len(words), dtype=np.int64)
            seg_code[of_segment] = code  # a segment has one value of a segment-level column
            n = len(values)
            counts = np.stack(
                [
                    np.bincount(code, weights=pred & gold_content, minlength=n),
                    np.bincount(code, weights=pred, minlength=n),
                    np.zeros(n),
                    np.bincount(seg_code, weights=attributed, minlength=n),
                    np.bincount(seg_code, weights=attributed & (content_share >= overlap), minlength=n),
                ],
                axis=1,
            ).astype(np.int64)
            for v, row in zip(values, counts, strict=True):
                groups[str(v)] = groups.get(str(v), np.zeros(5, dtype=np.int64)) + row
        who = tok["speaker"].astype(str)
        if "relation_source" in tok.columns:  # the source of the relation where there is one
            inner = tok["relation_source"].astype(str)
            who = inner.where(inner != "", who)
        speakers = dict(zip(tok["seg_id"], who, strict=False))
        sources = _sources(doc_spans)
        for span, inside in members.items():
            if not inside.any():
                continue  # removed by the cleaning, or no word in it
            n_spans += 1
            covering, cover = np.unique(segment[inside & pred], return_counts=True)
            if len(cover) == 0 or cover.max() < overlap * inside.sum():
                continue
            found += 1
            if by is not None:  # the value of the segment that covers most of it
                first = np.flatnonzero(inside & pred & (segment == covering[np.argmax(cover)]))[0]
                groups[str(values[code[first]])][2] += 1
            names = {w for w in _CAPITALISED.findall(sources.get(span, "")) if w not in _NOT_NAMES}
            if names:
                named += 1
                said = set(_CAPITALISED.findall(speakers[covering[np.argmax(cover)]]))
                speaker_ok += int(bool(names & said))
    rows = [
        (
            "content tokens",
            tokens_tp[0],
            tokens_pred[0],
            tokens_gold[0],
            *_prf(tokens_tp[0], tokens_pred[0], tokens_gold[0]),
        ),
        (
            "quote tokens",
            tokens_tp[1],
            tokens_pred[1],
            tokens_gold[1],
            *_prf(tokens_tp[1], tokens_pred[1], tokens_gold[1]),
        ),
    ]
    precision = right_segments / n_segments if n_segments else 0.0
    recall = found / n_spans if n_spans else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    rows.append(("content spans", found, n_segments, n_spans, precision, recall, f1))
    share = speaker_ok / named if named else 0.0
    rows.append(("speaker", speaker_ok, named, named, share, share, share))
    columns = ["metric", "tp", "n_pred", "n_gold", "precision", "recall", "f1"]
    if by is not None:
        by_rows: list[tuple[object, ...]] = []
        for v, (t_tp, t_pred, v_found, v_segments, v_right) in sorted(groups.items()):
            p_spans = v_right / v_segments if v_segments else 0.0
            r_spans = v_found / n_spans if n_spans else 0.0
            f_spans = 2 * p_spans * r_spans / (p_spans + r_spans) if p_spans + r_spans else 0.0
            by_rows.append(
                (v, "content tokens", t_tp, t_pred, tokens_gold[0], *_prf(t_tp, t_pred, tokens_gold[0]))
            )
            by_rows.append((v, "content spans", v_found, v_segments, n_spans, p_spans, r_spans, f_spans))
        table = pd.DataFrame(by_rows, columns=[by, *columns])
    else:
        table = pd.DataFrame(rows, columns=columns)
    return table.astype({"tp": "int64", "n_pred": "int64", "n_gold": "int64"})


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def _quoted(raw: str, where: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Tokens between quote marks, the quotations found line by line in the raw text.

    A quote left open at the end of its line runs to it, as each paragraph of a quote
    over several paragraphs does.
    """
    inside = np.zeros(len(raw) + 1, dtype=bool)
    for line in re.finditer(r"[^\n]+", raw):
        for q in _QUOTED.finditer(raw, line.start(), line.end()):
            inside[q.start() + 1 : max(q.start() + 1, q.end() - 1)] = True
    clean = np.zeros(int(where.max(initial=0)) + 2, dtype=bool)
    kept = where[: len(raw)] >= 0
    clean[where[: len(raw)][kept & inside[: len(raw)]]] = True
    quoted: np.ndarray = clean[np.clip(start, 0, len(clean) - 1)]
    return quoted


def _inside(start: np.ndarray, where: np.ndarray, lo: int, hi: int) -> np.ndarray:
    """Tokens whose first character lies in raw ``[lo, hi)``, carried to clean offsets."""
    mapped = where[lo:hi]
    mapped = mapped[mapped >= 0]
    if len(mapped) == 0:
        return np.zeros(len(start), dtype=bool)
    inside: np.ndarray = (start >= mapped.min()) & (start <= mapped.max())
    return inside


def _sources(spans: pd.DataFrame) -> dict[str, str]:
    """Each content span's source text (by T id), through the events that join them."""
    text = spans.set_index("span")["text"].to_dict() if "text" in spans.columns else {}
    by_event: dict[str, list[tuple[str, str]]] = {}
    for span, event, role in zip(spans["span"], spans["event"], spans["role"], strict=True):
        if event:
            by_event.setdefault(event, []).append((role, span))
    out: dict[str, str] = {}
    for members in by_event.values():
        source = " ".join(str(text.get(s, "")) for r, s in members if r == "Source")
        for role, span in members:
            if role.startswith("Content"):
                out[span] = source
    return out
