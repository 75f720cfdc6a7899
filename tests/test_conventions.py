"""The conventions of whose words a passage is, each on a document written for these tests.

The documents in ``tests/data/voices/`` are invented (no page was copied): a statement
printed after its lead that ascribes an intention to the other side, an interview printed
with dash turns, a quote in ArmInfo's ``<…"`` style, a block of reader comments with no
commenter names, and comments known only by their buttons ("Reply", "3 hours ago").
Each test reads one and checks the voice of its passages.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import nkresearch as nk

DATA = Path(__file__).parent / "data" / "voices"


@pytest.fixture(scope="module")
def segments() -> dict[str, tuple[str, pd.DataFrame]]:
    out = {}
    for path in sorted(DATA.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        docs = pd.DataFrame(
            {"doc_id": [path.stem], "text": [text], "outlet": ["Wire"], "title": [text.splitlines()[0]]}
        )
        out[path.stem] = (text, nk.segment_voices(docs, method="auto"))
    return out


def _at(segments: dict[str, tuple[str, pd.DataFrame]], doc: str, words: str) -> pd.Series:
    text, seg = segments[doc]
    at = text.index(words)
    return seg[(seg["start"] <= at) & (seg["end"] > at)].iloc[0]


def test_a_statement_keeps_its_voice_where_it_ascribes_an_intention_to_the_other_side(
    segments: dict[str, tuple[str, pd.DataFrame]],
) -> None:
    doc = "statement-after-lead"
    lead = _at(segments, doc, "The Foreign Ministry of the Republic of Artsakh issued")
    assert (lead["actor"], lead["kind"]) == ("Media", "narration")  # the frame is the outlet's
    first = _at(segments, doc, "For the third month")
    assert first["actor"] == "Stepanakert" and "Foreign Ministry" in first["speaker"]
    # "Azerbaijan seeks to tighten ...": the ministry's words, Azerbaijan's intention its relation
    ascribed = _at(segments, doc, "to tighten the blockade")
    assert (ascribed["actor"], ascribed["relation"]) == ("Stepanakert", "intention")
    assert ascribed["relation_source"] == "Azerbaijan"
    appeal = _at(segments, doc, "We call on the international community")
    assert appeal["actor"] == "Stepanakert" and appeal["rule"] == "layout.statement_continues"
    # the outlet narrates again: the statement ends, the new frame is the ministry's report
    after = _at(segments, doc, "The ministry also said")
    assert (after["actor"], after["kind"]) == ("Media", "narration")


def test_an_interview_printed_with_dashes_gives_the_answers_to_the_interviewee(
    segments: dict[str, tuple[str, pd.DataFrame]],
) -> None:
    doc = "interview-dash-turns"
    for words in ("The meeting was useful", "Much remains to be done", "It depends on the other side"):
        answer = _at(segments, doc, words)
        assert (answer["actor"], answer["speaker"], answer["kind"]) == ("Baku", "Hikmet Hajiyev", "quote")
    for words in ("how do you assess", "Will the road reopen"):
        assert _at(segments, doc, words)["actor"] == "Media"  # the questions are the outlet's


def test_a_quote_in_angle_brackets_is_its_speakers(segments: dict[str, tuple[str, pd.DataFrame]]) -> None:
    quote = _at(segments, "angle-quotes", "According to the information we have")
    assert (quote["actor"], quote["speaker"], quote["kind"]) == ("Moscow", "Maria Zakharova", "quote")
    # "She also answered questions about ...": the topic is the outlet's, her speech its relation
    topic = _at(segments, "angle-quotes", "questions about the work")
    assert (topic["actor"], topic["relation"]) == ("Media", "speech")


def test_reader_comments_without_names_are_readers_and_their_heading_is_the_sites(
    segments: dict[str, tuple[str, pd.DataFrame]],
) -> None:
    doc = "comments-without-names"
    assert _at(segments, doc, "Readers' comments")["actor"] == "Media"
    for words in ("Thank you for the balanced report", "Nobody wins a war of attrition"):
        comment = _at(segments, doc, words)
        assert (comment["actor"], comment["kind"]) == ("Readers", "comment")
    assert _at(segments, doc, "The ceasefire announced on Monday")["actor"] != "Readers"


def test_comments_known_only_by_their_buttons_are_readers(
    segments: dict[str, tuple[str, pd.DataFrame]],
) -> None:
    doc = "comments-with-buttons"
    for words in ("Both governments must stop the blame game", "The transport links are the key"):
        comment = _at(segments, doc, words)
        assert (comment["actor"], comment["kind"]) == ("Readers", "comment")
    assert _at(segments, doc, "Recommend")["actor"] == "Media"  # the buttons are the site's
    assert _at(segments, doc, "The talks are expected to last")["actor"] != "Readers"  # the article before


def test_a_line_that_opens_with_an_initial_or_a_dashed_list_is_no_interview() -> None:
    text = (
        "Talks resume in Geneva\n\n"
        "A. Guterres welcomed the talks on Monday and urged both sides to keep the ceasefire.\n\n"
        "The ministers will meet again next week.\n\n"
        "- Will the road reopen?\n\n"
        "- The border commission meets in May.\n\n"
        "Dmitry Peskov said that Moscow was ready to host the next round."
    )
    docs = pd.DataFrame(
        {"doc_id": ["d"], "text": [text], "outlet": ["Wire"], "title": ["Talks resume in Geneva"]}
    )
    seg = nk.segment_voices(docs, method="auto")
    assert not seg["rule"].isin(["layout.qa_answer", "layout.interview_answer"]).any()
    said = _starting(seg, "Moscow was ready")
    assert (said["actor"], said["kind"]) == ("Moscow", "paraphrase")


def _starting(seg: pd.DataFrame, words: str) -> pd.Series:
    """The segment whose text begins with ``words``."""
    return seg[seg["text"].str.startswith(words)].iloc[0]


def _news(*lines: str) -> pd.DataFrame:
    """The segments of a news text with a headline and ``lines`` as its body."""
    return _segments("Talks resume in Geneva\n\n" + "".join(lines))


def _segments(text: str) -> pd.DataFrame:
    docs = pd.DataFrame(
        {"doc_id": ["d"], "text": [text], "outlet": ["Wire"], "title": [text.splitlines()[0]]}
    )
    return nk.segment_voices(docs, method="auto")


def test_the_narrators_own_i_think_stays_the_narrators_voice_with_its_relation() -> None:
    seg = _news(
        "Ilham Aliyev said that Baku was ready for the talks. I think the talks will fail again this year."
    )
    own = _starting(seg, "the talks will fail")
    assert (own["actor"], own["kind"], own["source_rule"]) == ("Media", "narration", "source.self")
    assert (own["relation"], own["relation_source"]) == ("belief", "I")
    said = _starting(seg, "Baku was ready")
    assert said["actor"] == "Baku"


def test_a_last_line_cut_off_mid_sentence_is_running_text_not_a_caption() -> None:
    cut = (
        "Talks resume in Geneva\n\nThe talks resumed on Monday.\n\n"
        "Minister Lavrov said that the sides had agreed on the text of the"
    )
    seg = _segments(cut)
    assert "caption" not in set(seg["kind"])
    said = _starting(seg, "the sides had agreed")
    assert said["actor"] == "Moscow"
    # a caption or a link line in title case at the end keeps its label
    link = (
        "Talks resume in Geneva\n\nThe talks resumed on Monday.\n\n"
        "Russian Diplomats Meet Their Armenian Counterparts In Moscow On Friday"
    )
    assert "caption" in set(_segments(link)["kind"])


def test_the_outlets_own_article_as_a_source_passes_the_words_to_the_next_frame() -> None:
    text = (
        "Digest of the week\n\n"
        "This article says that Russian Foreign Minister Sergey Lavrov said that the talks will go on."
    )
    said = _segments(text).query("text.str.startswith('the talks will go on')").iloc[0]
    assert (said["actor"], said["speaker"]) == ("Moscow", "Sergey Lavrov")


@pytest.mark.parametrize(
    ("sentence", "words", "actor"),
    [
        # two reports side by side, joined by "while" without a comma: each its own source's
        (
            "The Azerbaijani defence ministry said two of its soldiers had been killed"
            " while Armenia's defence ministry said one of its soldiers had been wounded.",
            "one of its soldiers had been wounded",
            "Yerevan",
        ),
        # "urged the two countries to ...": the cue's object, not a source after an inverted cue
        (
            "The OSCE, a watchdog that has tried to help end the conflict, urged the two countries to talk.",
            "a watchdog that has tried",
            "Media",
        ),
        # a tag closing the sentence is its frame, though its content holds another cue
        (
            "Peacekeepers have called on the sides to keep the ceasefire after an exchange of fire,"
            " a spokesman for the Russian peacekeeping force told reporters.",
            "Peacekeepers have called on",
            "Moscow",
        ),
        # a phrase of up to ten words between the cue and "that"
        (
            "Prime Minister Nikol Pashinyan stated during a live broadcast on his Facebook page"
            " that Armenia had to sign the agreement.",
            "Armenia had to sign",
            "Yerevan",
        ),
        # "declared independence": an act declared, not words reported
        (
            "The region is run by ethnic Armenians, who declared independence during a war in 1991.",
            "during a war in 1991",
            "Media",
        ),
    ],
)
def test_a_sentence_gives_its_words_to_the_right_voice(sentence: str, words: str, actor: str) -> None:
    seg = _segments("Talks resume in Geneva\n\n" + sentence)
    text = "Talks resume in Geneva\n\n" + sentence
    at = text.index(words)
    assert seg[(seg["start"] <= at) & (seg["end"] > at)].iloc[0]["actor"] == actor


def test_another_sides_speech_inside_a_quote_is_that_sides_and_an_intention_stays_the_speakers() -> None:
    text = (
        "Talks resume in Geneva\n\n"
        'Armenian Prime Minister Nikol Pashinyan said: "Azerbaijan announced that the corridor will be'
        ' closed for good. Azerbaijan seeks to close the road to Stepanakert for good."'
    )
    seg = _segments(text)
    reported = _starting(seg, "the corridor will be closed")
    assert (reported["actor"], reported["kind"], reported["relation"]) == ("Baku", "paraphrase", "speech")
    ascribed = seg[seg["text"].str.contains("seeks to close the road")].iloc[0]
    assert (ascribed["actor"], ascribed["kind"]) == ("Yerevan", "quote")


def test_a_quote_inside_a_topic_is_the_words_of_the_one_the_topic_names() -> None:
    seg = _news(
        "Armenian Foreign Ministry spokesperson Ani Badalyan commented on the statement of Maria Zakharova,"
        " in which she said that “the road must be opened without delay”."
    )
    quoted = _starting(seg, "“the road must")
    assert (quoted["actor"], quoted["speaker"]) == ("Moscow", "Maria Zakharova")
    topic = _starting(seg, "on the statement")
    assert (topic["actor"], topic["relation"], topic["relation_source"]) == (
        "Media",
        "speech",
        "Ani Badalyan",
    )


def test_this_was_announced_by_x_gives_x_the_sentences_before_it() -> None:
    seg = _news(
        "Armenia will never accept these terms and will defend its borders."
        " This was stated by Armenian Prime Minister Nikol Pashinyan on Monday."
    )
    before = _starting(seg, "Armenia will never")
    assert (before["actor"], before["rule"]) == ("Yerevan", "frame.this_said")
    assert _starting(seg, "This was stated")["actor"] == "Media"


def test_a_surname_after_the_full_name_is_the_same_person() -> None:
    text = (
        "Talks resume in Geneva\n\n"
        "Arayik Harutyunyan said that the peacekeepers must stay."
        " Harutyunyan said that there was no talk of betrayal."
    )
    later = _segments(text).query("text.str.startswith('there was no talk')").iloc[0]
    assert (later["actor"], later["speaker"]) == ("Stepanakert", "Arayik Harutyunyan")


def test_a_nationality_in_the_outlets_name_does_not_make_a_source_the_outlet() -> None:
    text = "Talks resume in Geneva\n\nArmenian Prime Minister Nikol Pashinyan said that the road is open."
    docs = pd.DataFrame(
        {"doc_id": ["d"], "text": [text], "outlet": ["RFE/RL Armenian Service"], "title": [""]}
    )
    seg = nk.segment_voices(docs, method="auto")
    said = _starting(seg, "the road is open")
    assert said["actor"] == "Yerevan"


def test_a_statement_after_its_leads_colon_on_the_same_line_goes_on_to_the_paragraphs_end() -> None:
    seg = _news(
        "The Ministry of Foreign Affairs of Artsakh issued the following statement: Recently, discussions"
        " of the status have intensified again. Artsakh will never be a part of Azerbaijan."
    )
    first = _starting(seg, "Recently")
    later = _starting(seg, "Artsakh will never")
    assert (first["actor"], later["actor"], later["kind"]) == ("Stepanakert", "Stepanakert", "statement")


def test_another_sides_claim_by_noun_inside_a_paraphrase_is_that_sides() -> None:
    seg = _news(
        "Baku rejected the statement made by the President of Artsakh that three villages were handed over."
    )
    claim = _starting(seg, "three villages")
    assert (claim["actor"], claim["rule"], claim["relation"]) == ("Stepanakert", "frame.noun_by", "speech")
    assert _starting(seg, "the statement made")["actor"] == "Baku"


def test_a_lede_that_reports_speech_without_its_full_stop_is_no_caption() -> None:
    text = (
        "Iran watches the border\n\nIranian spokesman Saeed Khatibzadeh\n\n"
        "Iranian Foreign Ministry Spokesman Saeed Khatibzadeh said on Friday that Tehran follows the events"
        " at the border closely\n\nThe talks go on."
    )
    seg = _segments(text)
    lede = _starting(seg, "Tehran follows")
    assert (lede["actor"], lede["kind"]) == ("Tehran", "paraphrase")


def test_a_quote_goes_on_unmarked_after_its_tag_in_the_first_person() -> None:
    seg = _segments(
        "Talks resume in Geneva\n\nArayik Harutyunyan met residents on Monday."
        " \u201cThe region is such that we cannot provide security alone,\u201d he said."
        " If the troops had not come, our fate would have been different.\n\nThe talks go on."
    )
    went_on = _starting(seg, "If the troops")
    assert (went_on["actor"], went_on["kind"], went_on["rule"]) == ("Stepanakert", "quote", "quote.continues")
    assert _starting(seg, "The talks go on")["actor"] == "Media"
