"""Property-based checks of load → voices → tokens on generated text (hypothesis).

Whatever the text, the only exception is the package's, every token is the exact span
of the clean text it claims, lies in one voice segment, and the segments lie within
their text without overlapping; every character of the clean text but white space lies
in exactly one segment (a printed Q&A's labels included).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nkresearch as nk

#: pieces of news text: words, names, cues, quote marks of every style, punctuation, layout
PIECES = [
    "the", "talks", "ministry", "said", "told", "reporters", "that", "according to", "Peskov", "Aliyev",
    "Pashinyan", "Stepanakert", "Qarabağ", "Արցախ", "नमस्ते", "می\u200cخواهم", "1990s", "75th", "U.S.",
    "“", "”", '"', "'", "‘", "’", "«", "»", "``", "''", ",", ".", ":", ";", "—", "(", ")", "?", "!",
    "\n", "\n\n", " ", "  ", "\t", "\u00a0", "\u200b", "x²", "e\u0301",
    "Q:", "A:", "Question:", "Answer:", "A —", "- ", "HOST:", "interview",  # printed Q&A and transcripts
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=80).map(" ".join)
#: lines that repeat a title, all spacing and case aside, or hold it among other words
TITLE_LINES = ["the talks", " THE  talks ", "the talks resumed", "Peskov said", "", "  "]


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(texts, min_size=1, max_size=3))
def test_load_voices_tokens_keep_exact_spans_on_any_text(
    tmp_path_factory: pytest.TempPathFactory, bodies: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("corpus")
    for i, body in enumerate(bodies):
        (folder / f"d{i}.txt").write_text(body, encoding="utf-8")
    (folder / "metadata.csv").write_text("file\n" + "".join(f"d{i}.txt\n" for i in range(len(bodies))))
    try:
        docs = nk.load_corpus(folder)
    except nk.NKResearchError:
        return  # an empty or invisible text: refused with the package's error, which is the point
    segments = nk.segment_voices(docs, method="auto")
    texts_of = dict(zip(docs["doc_id"], docs["text"], strict=True))
    for doc_id, seg in segments.groupby("doc_id"):
        text = texts_of[doc_id]
        starts, ends = seg["start"].to_numpy(), seg["end"].to_numpy()
        assert (starts >= 0).all() and (starts < ends).all() and (ends <= len(text)).all()
        assert (starts[1:] >= ends[:-1]).all(), "segments overlap"
        assert [text[s:e] for s, e in zip(starts, ends, strict=True)] == seg["text"].tolist()
        covered = np.zeros(len(text), dtype=int)
        for s, e in zip(starts, ends, strict=True):
            covered[s:e] += 1
        lost = [c for c, n in zip(text, covered, strict=True) if n == 0 and not c.isspace()]
        assert not lost, f"characters of the clean text in no segment: {lost}"  # nothing lost
    if segments.empty:
        return
    tokens = nk.tokenize(segments)
    assert [
        texts_of[d][s:e] for d, s, e in zip(tokens["doc_id"], tokens["start"], tokens["end"], strict=True)
    ] == (tokens["token"].astype(str).tolist())
    bounds = segments.set_index(["doc_id", "seg_id"])[["start", "end"]]
    own = bounds.loc[list(zip(tokens["doc_id"], tokens["seg_id"], strict=True))].to_numpy()
    assert (own[:, 0] <= tokens["start"].to_numpy()).all() and (tokens["end"].to_numpy() <= own[:, 1]).all()
    assert np.all(tokens["token"].astype(str).str.len() > 0)  # no empty token


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(texts, st.sampled_from(TITLE_LINES)), min_size=1, max_size=6).map("\n".join),
    st.sampled_from(["", "the talks", "Peskov said", "  The   TALKS "]),
)
def test_a_declared_text_is_one_statement_but_for_its_title_lines(text: str, title: str) -> None:
    # the labels of a text the metadata declares an actor's, tidied, equal those of a label per
    # paragraph (a paragraph that repeats the title the page's headline), tidied: the cut into
    # paragraphs is skipped when the title is not in the text
    from nkresearch.voices.auto import Label, declared_labels, tidy
    from nkresearch.voices.layout import comment_zone, paragraphs
    from nkresearch.voices.rules import RuleId

    at = comment_zone(text)
    folded = " ".join(title.split()).casefold()
    per_paragraph = [
        Label(s, e, "Media", "Outlet", "headline", RuleId.METADATA_TITLE)
        if folded and " ".join(text[s:e].split()).casefold() == folded
        else Label(s, e, "Azerbaijan", "Aliyev", "statement", RuleId.DECLARED_ACTOR)
        for s, e in paragraphs(text, 0, at)
    ]
    fast = declared_labels(text, at, ("Azerbaijan", "Aliyev"), title, "Outlet")
    assert tidy(text, fast) == tidy(text, per_paragraph)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 3).flatmap(
        lambda k: st.lists(
            st.tuples(*[st.integers(-(2**40), 2**40) | st.integers(-3, 3) for _ in range(k)]),
            min_size=1,
            max_size=40,
        )
    )
)
def test_packed_sort_orders_as_lexsort(rows: list[tuple[int, ...]]) -> None:
    # one sort of the keys packed in an int64 (small ranges) or lexsort itself (large ones):
    # the order numpy.lexsort gives, ties in their places
    from nkresearch.analysis.core.kernels import lexsorted

    keys = tuple(np.array(col, dtype=np.int64) for col in zip(*rows, strict=True))
    assert lexsorted(keys).tolist() == np.lexsort(keys).tolist()
