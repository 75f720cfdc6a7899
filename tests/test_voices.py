"""Voices: the gold annotation, the automatic attribution, and their agreement."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nkresearch as nk
from nkresearch.config import PROJECT_DIR
from nkresearch.voices import GOLD_FILE, KINDS


def _segment_with(segments: pd.DataFrame, doc_id: str, words: str) -> pd.Series:
    hits = segments[(segments["doc_id"] == doc_id) & segments["text"].str.contains(words, regex=False)]
    assert len(hits) == 1, f"{words!r} found in {len(hits)} segments"
    return hits.iloc[0]


def test_segments_table_columns_and_offsets(segments: pd.DataFrame, texts: dict[str, str]) -> None:
    assert list(segments.columns[: len(nk.voices.SEGMENT_COLUMNS)]) == nk.voices.SEGMENT_COLUMNS
    assert "title" in segments.columns and "raw_text" not in segments.columns
    for row in segments.itertuples(index=False):
        assert texts[row.doc_id][row.start : row.end] == row.text
        assert row.kind in KINDS
    assert set(segments["method"]) == {"gold"}
    assert set(segments["rule"]) == {"gold"} and set(segments["source_rule"]) == {""}


def test_every_token_falls_in_exactly_one_gold_segment(docs: pd.DataFrame) -> None:
    gold = nk.segment_voices(docs, method="gold")
    whole = docs[["doc_id", "text"]].assign(seg_id=0, start=0, actor="", speaker="", kind="")
    all_tokens = nk.tokenize(whole, mwe=False)
    for doc_id, tok in all_tokens.groupby("doc_id", observed=True):
        seg = gold[gold["doc_id"] == doc_id]
        starts, ends = seg["start"].to_numpy(), seg["end"].to_numpy()
        inside = (tok["start"].to_numpy()[:, None] >= starts) & (tok["end"].to_numpy()[:, None] <= ends)
        assert (inside.sum(axis=1) == 1).all(), doc_id
        assert (starts[1:] >= ends[:-1]).all(), f"{doc_id}: gold segments overlap"


def test_gold_attributions_read_from_the_texts(segments: pd.DataFrame) -> None:
    xinhua = "lavrov-baku-2017-xinhua"
    quote = _segment_with(segments, xinhua, "diplomacy can help move")
    assert (quote.actor, quote.speaker, quote.kind) == ("Moscow", "Sergey Lavrov", "quote")
    assert quote.text.startswith('"diplomacy')  # the frame "Lavrov stressed that" is not in it
    frame = _segment_with(segments, xinhua, "Lavrov stressed that")
    assert (frame.actor, frame.kind) == ("Media", "narration")
    baku = _segment_with(segments, xinhua, "status quo is unacceptable")
    assert (baku.actor, baku.speaker) == ("Baku", "Elmar Mammadyarov")
    hope = _segment_with(segments, "torpedoing-2012-asbarez", "will display a constructive approach")
    assert (hope.actor, hope.kind) == ("Stepanakert", "paraphrase")
    comment = _segment_with(segments, "torpedoing-2012-asbarez", "Azerpyjan")
    assert (comment.actor, comment.speaker, comment.kind) == ("Readers", "GB", "comment")
    # the quote that runs over several paragraphs stays with its speaker
    multi = _segment_with(segments, "mammadyarov-2019-report", "For this, all principles")
    assert multi.actor == "Baku" and "Today, due to the aggressive policy" in multi.text
    statement = segments[segments["doc_id"] == "artsakh-mfa-2023-dialogue"]
    assert list(statement["kind"]) == ["headline", "statement"]


def test_auto_agrees_with_gold_as_the_manual_states(docs: pd.DataFrame) -> None:
    gold = nk.tokenize(nk.segment_voices(docs, method="gold"))
    auto = nk.tokenize(nk.segment_voices(docs, method="auto"))
    table = nk.voice_agreement(gold, auto)
    total = table.set_index("doc_id").loc["ALL"]
    assert total["n_tokens"] == len(gold)
    assert (
        total["actor_agree"]
        == (gold["actor"].astype(str).to_numpy() == auto["actor"].astype(str).to_numpy()).sum()
    )
    page = (PROJECT_DIR / "docs" / "voices.md").read_text(encoding="utf-8")
    stated = re.search(r"for ([\d.]+)% of tokens \(([\d,]+) of ([\d,]+);", page)
    assert stated, "docs/voices.md no longer states the agreement"
    share, agree, n = float(stated[1]), int(stated[2].replace(",", "")), int(stated[3].replace(",", ""))
    assert (int(total["actor_agree"]), int(total["n_tokens"])) == (agree, n)
    assert round(100 * total["actor_agreement"], 2) == share


def test_auto_on_an_unannotated_article(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Yerevan urges new talks\n\n"
        "YEREVAN -- Armenian Prime Minister Nikol Pashinyan said on Friday that the border "
        "must be demarcated on the basis of the 1991 maps.\n\n"
        '"We are ready to sign a peace treaty without delay," he said.\n\n'
        "Azerbaijan's Foreign Ministry accused Yerevan of stalling the process.\n\n"
        "Talks are expected to resume next month.\n\n"
        "  1. Ara said:\n\n    Peace now, please.\n",
        encoding="utf-8",
    )
    (folder / "metadata.csv").write_text("file,outlet\na.txt,Daily Wire Service\n", encoding="utf-8")
    seg = nk.segment_voices(nk.load_corpus(folder))
    got = [(r.actor, r.kind, r.text[:25], f"{r.rule} {r.source_rule}".strip()) for r in seg.itertuples()]
    assert got == [
        ("Media", "headline", "Yerevan urges new talks", "layout.headline"),
        ("Media", "narration", "YEREVAN --", "layout.dateline"),
        ("Media", "narration", "Armenian Prime Minister N", "narration.frame_words"),
        ("Yerevan", "paraphrase", "the border must be demarc", "frame.cue_that source.name_by_text"),
        ("Media", "narration", ".", "narration.frame_words"),
        ("Yerevan", "quote", '"We are ready to sign a p', "frame.content_x_cue source.pronoun_nearest"),
        ("Media", "narration", "he said.\n\nAzerbaijan's Fo", "narration.frame_words"),
        ("Baku", "paraphrase", "Yerevan of stalling the p", "frame.cue_that source.body_described"),
        ("Media", "narration", ".", "narration.frame_words"),
        ("Unknown", "paraphrase", "Talks are expected to res", "frame.passive source.none_named"),  # an expectation, no one named  # noqa: E501
        ("Media", "narration", ".", "narration.frame_words"),
        ("Readers", "byline", "1. Ara said:", "layout.comment_author"),
        ("Readers", "comment", "Peace now, please.", "layout.comment"),
    ]  # fmt: skip
    assert seg.loc[seg["kind"] == "quote", "speaker"].tolist() == ["Nikol Pashinyan"]
    assert set(seg["method"]) == {"auto"}
    assert seg.loc[seg["kind"] == "narration", "speaker"].unique().tolist() == ["Daily Wire Service"]


def test_metadata_actor_makes_a_statement(tmp_path: Path) -> None:
    folder = tmp_path / "speeches"
    folder.mkdir()
    (folder / "s.txt").write_text("Mr. President,\n\nWe stand for peace.\n", encoding="utf-8")
    (folder / "metadata.csv").write_text("file,actor,speaker\ns.txt,Tbilisi,A. Minister\n", encoding="utf-8")
    seg = nk.segment_voices(nk.load_corpus(folder))
    assert seg[["actor", "speaker", "kind"]].drop_duplicates().values.tolist() == [
        ["Tbilisi", "A. Minister", "statement"]
    ]
    assert "Tbilisi" in nk.known_actors(nk.load_corpus(folder))


def _annotated(tmp_path: Path, rows: str) -> tuple[pd.DataFrame, Path]:
    folder = tmp_path / "c"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text("Peace talks resumed today.", encoding="utf-8")
    (folder / "metadata.csv").write_text("file\na.txt\n", encoding="utf-8")
    path = tmp_path / "voices.csv"
    path.write_text("doc_id,start,end,actor,speaker,kind\n" + rows, encoding="utf-8")
    return nk.load_corpus(folder), path


def test_annotation_errors_name_the_file_and_the_fix(tmp_path: Path) -> None:
    docs, path = _annotated(tmp_path, "a,0,26,Bakku,X,quote\n")
    with pytest.raises(nk.NKResearchError, match=r"voices\.csv, line 2 \(a\): unknown actor 'Bakku'.*Baku"):
        nk.segment_voices(docs, annotations=path)
    docs, path = _annotated(tmp_path / "2", "a,0,99,Baku,X,quote\n")
    with pytest.raises(nk.NKResearchError, match=r"span 0:99 lies outside the document \(0:26\)"):
        nk.segment_voices(docs, annotations=path)
    docs, path = _annotated(tmp_path / "3", "a,0,10,Baku,X,quote\na,5,26,Media,Y,narration\n")
    with pytest.raises(nk.NKResearchError, match="overlap"):
        nk.segment_voices(docs, annotations=path)
    docs, path = _annotated(tmp_path / "4", "a,0,26,Baku,X,quote\n")
    seg = nk.segment_voices(docs, annotations=path, method="gold")
    assert seg[["actor", "text", "method"]].values.tolist() == [
        ["Baku", "Peace talks resumed today.", "gold"]
    ]


def test_bad_voice_inputs_get_the_package_error(tmp_path: Path, docs: pd.DataFrame) -> None:
    with pytest.raises(nk.NKResearchError, match=r"documents table lacks \['text'\]"):
        nk.segment_voices(docs.drop(columns=["text"]))
    with pytest.raises(nk.NKResearchError, match=r"annotations='nowhere\.csv': no such file"):
        nk.segment_voices(docs, annotations="nowhere.csv")  # not the automatic rules in silence
    for data, needle in (
        (b"", "the file is empty"),
        ("doc_id,x\nCaf\u00e9,1\n".encode("cp1252"), "not UTF-8"),
    ):
        (tmp_path / "voices.csv").write_bytes(data)
        with pytest.raises(nk.NKResearchError, match=needle):
            nk.segment_voices(docs, annotations=tmp_path / "voices.csv")
    bad = nk.read_speakers().assign(pattern=lambda t: t["pattern"].where(t.index != 3, "Aliyev("))
    with pytest.raises(
        nk.NKResearchError, match=r"speakers=, row 3: the pattern 'Aliyev\(' is not a regular"
    ):
        nk.segment_voices(docs, method="auto", speakers=bad)
    with pytest.raises(nk.NKResearchError, match=r"speakers= lacks the columns \['actor'\]"):
        nk.segment_voices(docs, method="auto", speakers=nk.read_speakers()[["pattern", "speaker"]])


def test_gold_method_needs_an_annotation_and_methods_are_checked(tmp_path: Path, docs: pd.DataFrame) -> None:
    docs_user, _ = _annotated(tmp_path, "")
    with pytest.raises(nk.NKResearchError, match="no annotation"):
        nk.segment_voices(docs_user, method="gold")
    with pytest.raises(nk.NKResearchError, match="'default', 'gold', 'auto'"):
        nk.segment_voices(docs, method="magic")  # type: ignore[arg-type]


def test_gold_file_excerpts_match_the_clean_text(docs: pd.DataFrame) -> None:
    gold = pd.read_csv(GOLD_FILE, dtype={"excerpt": str}, keep_default_na=False)
    texts = dict(zip(docs["doc_id"], docs["text"], strict=True))
    assert set(gold["doc_id"]) == set(texts)
    ok = [texts[r.doc_id][r.start : r.start + len(r.excerpt)] == r.excerpt for r in gold.itertuples()]
    assert np.all(ok)


#: lines of comment blocks and of articles: headings, bylines, numbered handles, ranks, buttons
COMMENT_LINES = [
    "3 Comments", "Leave a Reply", "Readers' comments are below", "GB said:", "1. GB said:", "He said:",
    "1. Avatar", "2. Avatar", "Staff member", "Reply", "3 hours ago", "Aram Petrosyan:", "Talks resumed.",
    "", "  ", "The ministry said: talks", "Discussion",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(COMMENT_LINES), max_size=12), st.integers(-2, 40), st.integers(-2, 200))
def test_comment_patterns_at_line_starts_match_as_finditer(lines: list[str], pos: int, endpos: int) -> None:
    from nkresearch.corpus.lines import anchored, line_matches
    from nkresearch.voices import layout

    text = "\n".join(lines)
    patterns = [v for v in vars(layout).values() if isinstance(v, re.Pattern) and anchored(v)]
    assert len(patterns) >= 6  # the comment-block patterns are line-anchored
    patterns.append(re.compile(r"^[^\S\n]*(?:\d+\.)?", re.MULTILINE))  # one that can match nothing
    for pattern in patterns:
        assert [m.span() for m in line_matches(pattern, text, pos)] == [
            m.span() for m in pattern.finditer(text, pos)
        ], pattern.pattern
        assert [m.span() for m in line_matches(pattern, text, pos, endpos)] == [
            m.span() for m in pattern.finditer(text, pos, endpos)
        ], pattern.pattern
