"""The automatic voice rules one by one: quotes, layout, frames, sources, coreference, pieces.

Most checks run on the sentences of real news pages in ``../shared/corpora/karabakh-dev``
(read in place, skipped when absent); the mechanics of quote marks and frames are
also checked on short sentences written for the test.
"""

from __future__ import annotations

import itertools
import re

import pandas as pd
import pytest

import nkresearch as nk
import nkresearch.workers as workers_module
from nkresearch.config import PROJECT_DIR
from nkresearch.voices import pool
from nkresearch.voices.frames import find_frames
from nkresearch.voices.gazetteer import Gazetteer, read_places
from nkresearch.voices.layout import comment_zone, paragraphs
from nkresearch.voices.nesting import outermost_first
from nkresearch.voices.quotes import quote_spans
from nkresearch.voices.sources import SourceBook

KARABAKH = PROJECT_DIR.parent / "shared" / "corpora" / "karabakh-dev"
needs_karabakh = pytest.mark.skipif(not KARABAKH.is_dir(), reason="shared karabakh-dev corpus absent")


def _doc(text: str, **meta: str) -> pd.DataFrame:
    return pd.DataFrame([{"doc_id": "d", "text": text, "raw_text": text, **meta}])


def _quotes(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in quote_spans(text, paragraphs(text))]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("He said “We are ready to talk” today.", "“We are ready to talk”"),
        ('He said "We are ready to talk" today.', '"We are ready to talk"'),
        ("He said «We are ready to talk» today.", "«We are ready to talk»"),
        ("He said „We are ready to talk“ today.", "„We are ready to talk“"),
        ("He said ‹We are ready to talk› today.", "‹We are ready to talk›"),
        ("He said ‘We are ready to talk’ today.", "‘We are ready to talk’"),
        ("He said 'We are ready to talk' today.", "'We are ready to talk'"),
        ("He said ``We are ready to talk'' today.", "``We are ready to talk''"),
        ("He said <We are ready to talk> today.", "<We are ready to talk>"),  # ArmInfo's style
        ('<We are ready to talk and to sign," she said.', '<We are ready to talk and to sign,"'),
    ],
)
def test_every_quote_style_is_a_quote(text: str, quoted: str) -> None:
    assert _quotes(text) == [quoted]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('We call on Baku to open the corridor," she said.', ['We call on Baku to open the corridor,"']),
        ("We call on Baku to open the corridor.” — Zakharova", ["We call on Baku to open the corridor.”"]),
        ("The value is x < 5 and y > 3 here.", []),  # not a quote: "<" before a capital only
        ('A 5" screen.', []),  # a closing mark with no speech tag after it
    ],
)
def test_a_quote_that_lost_its_opening_mark_runs_from_the_paragraph_start(
    text: str, quoted: list[str]
) -> None:
    assert _quotes(text) == quoted


def test_quotes_signed_with_a_dash_are_their_signers_and_not_captions() -> None:
    text = (
        "Readers respond.\n\nPhoto archive.\n\n“The ministry has forgotten the villages of the north "
        "for years.” ― Anna Petrosyan\n\n”He has spread fear.” ― Elnur Mammadov.\n"
    )
    seg = nk.segment_voices(_doc(text), method="auto")
    quotes = seg[seg["kind"] == "quote"]
    assert quotes["speaker"].tolist() == ["Anna Petrosyan", "Elnur Mammadov"]  # the second: a backwards ”
    assert "caption" not in set(seg["kind"])  # a line that ends in a signature is not a caption
    assert _quotes("“Yes,” he said, ”no” and “maybe.”") == ["“Yes,”", "”no”", "“maybe.”"]
    assert _quotes("He said,” then left.") == []  # a stray closing mark opens nothing


def test_apostrophes_nesting_and_unbalanced_marks() -> None:
    assert _quotes("Karabakh’s army and the Armenians' rights in the '90s.") == []
    nested = "He said “the ‘so-called’ talks are over” today."
    assert _quotes(nested) == ["“the ‘so-called’ talks are over”"]
    # an unbalanced mark ends with its paragraph and does not flip the next one
    text = "He said “this never closes.\n\nThe next paragraph is narration. “This is a quote,” she said."
    assert _quotes(text) == ["“this never closes.", "“This is a quote,”"]


def test_a_middle_initial_does_not_end_the_sentence_and_told_names_the_audience() -> None:
    text = (
        "Talks in Brussels\n\nThe envoy said Donald J. Trump would come to the talks.\n\n"
        "Hajiyev, in the wake of a report showing losses, told Fox News on Monday that the road was open.\n"
    )
    seg = nk.segment_voices(_doc(text), method="auto")
    said = seg[seg["kind"] == "paraphrase"]
    # "a report showing losses": the report's, a participle of stance after its noun
    assert said["text"].tolist() == ["Donald J. Trump would come to the talks", "losses", "the road was open"]
    assert said["speaker"].tolist()[-1] == "Hikmet Hajiyev"  # not "Fox News", the audience of "told"


def test_a_quote_over_several_paragraphs_continues() -> None:
    both = "“First paragraph of the quote.\n\n“Second paragraph,” he said."
    assert [c for _, _, c in quote_spans(both, paragraphs(both))] == [False, True]
    closed_later = "“First paragraph of the quote.\n\nIt goes on here,” she said."
    assert _quotes(closed_later) == ["“First paragraph of the quote.", "It goes on here,”"]


@pytest.mark.parametrize(
    ("sentence", "rule", "source", "content"),
    [
        ("Peskov told reporters that the talks had stalled.", "frame.cue_that", "Peskov", "the talks"),
        ("The talks had stalled, Peskov told reporters.", "frame.content_x_cue", "Peskov", "The talks"),
        ("The talks had stalled, said Dmitry Peskov.", "frame.content_cue_x", "Dmitry Peskov", "The talks"),
        ("According to the ministry, the talks had stalled.", "frame.according_before", "the ministry", "the talks"),  # noqa: E501
        ("Dmitry Peskov, the Kremlin spokesman, said the talks failed.", "frame.cue_that", "Dmitry Peskov, the Kremlin spokesman", "the talks"),  # noqa: E501
        ("The ministry said, however, that the talks failed.", "frame.cue_that", "The ministry", "the talks"),
        ("Hajiyev, who is also an aide, said the talks failed.", "frame.cue_that", "Hajiyev", "the talks"),
        ("The talks failed, RIA Novosti quotes Peskov.", "frame.quotes_x", "Peskov", "The talks"),
        ("He referred to a statement by Yerevan that troops were massing.", "frame.noun_by", "Yerevan", "troops were"),  # noqa: E501
        ("Many deputies say there are no talks.", "frame.cue_that", "Many deputies", "there are no"),
        ("Aliyev has long said that the lands are Azerbaijani.", "frame.cue_that", "Aliyev", "the lands"),
        ("But the ministry isn’t saying if the road is open.", "frame.cue_that", "the ministry", "if the road"),  # noqa: E501
        ("Lavrov appeared to suggest that the mission would end.", "frame.cue_that", "Lavrov", "the mission"),
        ("He signed the deal, which he said was fair to both.", "frame.cue_that", "he", "was fair"),
        ("Pashinyan, in particular, has sharply criticized the blockade of the corridor.", "frame.cue_that", "Pashinyan", "the blockade"),  # noqa: E501
        ("Some deputies, however, question the wisdom of the deal.", "frame.cue_that", "Some deputies", "the wisdom"),  # noqa: E501
        ("Aliyev is once again questioning the mandate of the mission.", "frame.cue_that", "Aliyev", "the mandate"),  # noqa: E501
        ("He met Lavrov, who in 2020 said the talks were over.", "frame.cue_that", "Lavrov", "the talks"),
        ("As several analysts have pointed out, the corridor is the only road.", "frame.as_aside", "several analysts", "the corridor"),  # noqa: E501
        ("Shusha, as the ministry recalled, was taken in 1992.", "frame.as_aside", "the ministry", "Shusha"),
        ("Hajiyev said as much on Monday, arguing that the shelling was deliberate.", "frame.cue_gerund", "Hajiyev", "the shelling"),  # noqa: E501
        ("Pashinyan cited Aliyev's remarks as proof of intent.", "frame.cue_that", "Pashinyan", "Aliyev's remarks"),  # noqa: E501
        ("The report describes in detail how the villages were emptied.", "frame.cue_that", "The report", "how the villages"),  # noqa: E501
        ("The ministry released a statement and said the shelling had stopped.", "frame.cue_that", "The ministry", "the shelling"),  # noqa: E501
        ("He paused, smiled and said the deal was done.", "frame.cue_that", "He", "the deal"),
        ("In Yerevan, Anna Naghdalyan, a spokeswoman for the ministry, called Baku's claims a provocation.", "frame.cue_that", "Anna Naghdalyan, a spokeswoman for the ministry", "Baku's claims"),  # noqa: E501
        ("Pashinyan responded to the deputies on Monday by saying the corridor would stay open.", "frame.subject_participle", "Pashinyan", "the corridor"),  # noqa: E501
        ("Aliyev and Pashinyan met in Brussels, each praising the talks and saying the other side must compromise.", "frame.subject_participle", "Aliyev", "the other side"),  # noqa: E501
        ("The observers dismissed Baku's claim that the road was open to civilians.", "frame.possessed_claim", "Baku", "the road"),  # noqa: E501
        ("Despite the ministry's assurances that the road was open, no convoy passed.", "frame.possessed_claim", "the ministry", "the road was open"),  # noqa: E501
        ("Voters remember his promise to end the blockade of the corridor.", "frame.possessed_claim", "his", "end the blockade"),  # noqa: E501
        ("In July, the ministry called for a new round of talks.", "frame.cue_that", "the ministry", "a new round"),  # noqa: E501
        ("Tom de Waal, a senior fellow at Carnegie Europe and the author of a history of the conflict over Karabakh, said that the talks had failed.", "frame.cue_that", "Tom de Waal, a senior fellow at Carnegie Europe and the author of a history of the conflict over Karabakh", "the talks"),  # noqa: E501
        ("Several experts cautioned, as did the ministry itself, that the road might close.", "frame.cue_that", "Several experts", "the road"),  # noqa: E501
        ("The ministry issued a statement on Monday saying that the shelling had stopped.", "frame.carrier", "The ministry", "the shelling"),  # noqa: E501
        ("A group of residents sent a letter to the mission urging it to reopen the road.", "frame.carrier", "A group of residents", "it to reopen"),  # noqa: E501
        ("Despite the announced truce, he noted, the shelling went on.", "frame.opening_cue", "he", "the shelling"),  # noqa: E501
        ("Aliyev has also commented on the blockade of the corridor.", "frame.cue_topic", "Aliyev", "on the blockade"),  # noqa: E501
        ("Moreover, according to Peskov, Putin spoke with Pashinyan.", "frame.according_before", "Peskov", "Putin spoke"),  # noqa: E501
        ("On Thursday, however, Aliyev spoke to the deputies, promising to reopen the road.", "frame.subject_participle", "Aliyev", "to reopen"),  # noqa: E501
        ("She started off by emphasizing the need for talks.", "frame.subject_participle", "She", "the need"),
        ("(Hajiyev says the shelling stopped at dawn.)", "frame.cue_that", "Hajiyev", "the shelling"),  # a sentence wholly in brackets  # noqa: E501
        ("Residents fled what the ministry said was a routine drill.", "frame.cue_that", "the ministry", "was a routine"),  # a past form before a verb is a verb  # noqa: E501
        ("About 9 percent said they would vote for the opposition.", "frame.cue_that", "About 9 percent", "they would"),  # a quantity, not a prepositional phrase  # noqa: E501
        ("Fields said the border was closed.", "frame.cue_that", "Fields", "the border"),  # a name, not the light verb "fields"  # noqa: E501
        ("Officials have not said when the road would reopen.", "frame.cue_that", "Officials", "when the road"),  # an indirect question  # noqa: E501
        ("Residents here said the shelling had stopped.", "frame.cue_that", "Residents", "the shelling"),
        ("The ministry did not confirm casualties.", "frame.cue_object", "The ministry", "casualties"),  # a one-word object  # noqa: E501
        ("Mr. Hajiyev was accused of hiding the casualty figures.", "frame.passive", "", "Mr. Hajiyev was accused of hiding"),  # a passive: the clause is reported  # noqa: E501
        ("Talks are expected to resume next month.", "frame.passive", "", "Talks are expected"),  # an expectation, no one named  # noqa: E501
        ("His views were echoed by several analysts in Yerevan.", "frame.passive_by", "several analysts", "His views"),  # the agent is the source  # noqa: E501
        ("Local residents in Stepanakert have been told to stay indoors.", "frame.passive", "", "to stay indoors"),  # the subject is the audience  # noqa: E501
        ("The Azerbaijani president visited the region in May, hoping to reopen the road by winter.", "frame.subject_participle", "The Azerbaijani", "to reopen the road"),  # any participle of the lexicon  # noqa: E501
        ("Both ministers framed their remarks by portraying the truce as fragile.", "frame.subject_participle", "Both ministers", "the truce"),  # noqa: E501
        ("Then he cut into the report, calling it a fabrication.", "frame.subject_participle", "he", "it a fabrication"),  # an opening adverb is not the subject  # noqa: E501
        ("The corridor must reopen, said former Armenian foreign minister Vartan Oskanian.", "frame.content_cue_x", "former Armenian foreign minister Vartan Oskanian", "The corridor"),  # a role before the name  # noqa: E501
        ("The envoy visited Shusha in May, but said the road would stay closed.", "frame.cue_that", "The envoy", "the road"),  # the subject of the first clause  # noqa: E501
        ("About 10 p.m., according to the ministry, the convoy left for Lachin.", "frame.according_after", "the ministry", "About 10 p.m."),  # noqa: E501
        ("But, according to the poll, 46 percent of voters remain undecided.", "frame.according_before", "the poll", "46 percent"),  # a conjunction opens no content  # noqa: E501
        ("Now the commission is looking into the deal, according to two officials who spoke to Reuters.", "frame.according_after", "two officials", "Now the commission"),  # a clause, not an opening phrase  # noqa: E501
        ("The FBI is reportedly making arrangements to interview her.", "frame.hearsay", "", "The FBI is reportedly"),  # hearsay, no one named  # noqa: E501
        ("The attack followed the misinformation of the Ministry of Defense of Azerbaijan that the army had fired rockets.", "frame.noun_by", "the Ministry of Defense of Azerbaijan", "the army had fired"),  # a noun of a false claim  # noqa: E501
        ("Moscow is deeply concerned about the escalation in the region.", "frame.state", "Moscow", "the escalation"),  # a state of mind  # noqa: E501
        ("The head of the union is worried about what the minister is stirring up.", "frame.state", "The head of the union", "what the minister"),  # noqa: E501
        ("We are convinced this is the only way.", "frame.state", "We", "this is the only way"),  # certainty before a clause  # noqa: E501
        ("Baku is ready to sign a peace treaty with Yerevan.", "frame.state", "Baku", "to sign a peace"),  # an intention  # noqa: E501
        ("Asked whether the road would reopen, the spokeswoman said that talks continue.", "frame.cue_that", "the spokeswoman", "talks continue"),  # noqa: E501
        ("Hovhannisyan — a teacher from Goris — says he made a last-minute decision.", "frame.cue_that", "Hovhannisyan", "he made"),  # an aside between dashes  # noqa: E501
        ("He's said he will fight all the way to the vote.", "frame.cue_that", "He", "he will fight"),  # a contraction, not a possessive  # noqa: E501
        ("They’ve argued that the plan fails.", "frame.cue_that", "They", "the plan fails"),
        ("She's expected to argue that the minister has lost touch.", "frame.cue_that", "She", "the minister"),  # the subject before its verb  # noqa: E501
        ("The survey, conducted by the Caucasus Research Resource Center, finds Pashinyan with a small lead.", "frame.cue_that", "The survey", "Pashinyan with"),  # a cue with an object does not invert  # noqa: E501
        ("The BLM group is calling on the minister to resign.", "frame.cue_that", "The BLM group", "the minister to resign"),  # a progressive of a cue of two words  # noqa: E501
        ("The ceasefire held, with Moscow calling the result a success.", "frame.with_participle", "Moscow", "the result"),  # an absolute phrase  # noqa: E501
        ("The deputies, who hold a majority in parliament, have blocked the bill, saying it infringes on the constitution.", "frame.subject_participle", "The deputies", "it infringes"),  # noqa: E501
        ("The talk may simmer down now that the party has endorsed Pashinyan.", "frame.cue_object", "the party", "Pashinyan"),  # the subject of a subordinate clause  # noqa: E501
        ("Hajiyev, a senior aide, then appeared on television and began by saying the shelling had stopped.", "frame.subject_participle", "Hajiyev", "the shelling"),  # noqa: E501
        ("The film ― which weaves together the voices of historians ― explains the blockade.", "frame.cue_that", "The film", "the blockade"),  # an aside between bars  # noqa: E501
        ("At this point, she becomes upset, shouting insults as she hurries closer.", "frame.subject_participle", "she", "insults"),  # a preposition is no subject  # noqa: E501
        ("Anna Hakobyan, a former party chairwoman, became a delegate and said she backs the deal.", "frame.cue_that", "Anna Hakobyan", "she backs"),  # noqa: E501
        ("But the Court of Appeals for the Third Circuit overruled and said the vote stands.", "frame.cue_that", "the Court of Appeals for the Third Circuit", "the vote stands"),  # noqa: E501
        ("The villagers whose homes were shelled say the army must leave.", "frame.cue_that", "The villagers", "the army"),  # a relative clause inside the subject  # noqa: E501
        ("Aliyev's remarks about the corridor, made in Shusha, angered Yerevan.", "frame.possessed_verdict", "Aliyev", "the corridor"),  # a verdict and its object  # noqa: E501
        ("The minister's criticism of the mission drew a sharp reply.", "frame.possessed_verdict", "The minister", "the mission"),  # noqa: E501
        ("The diaspora gave $10 million to a group backing Pashinyan.", "frame.participle_after_noun", "a group", "Pashinyan"),  # a reduced relative of stance  # noqa: E501
        ("Despite polls showing him well behind, the candidate campaigned in Gyumri.", "frame.participle_after_noun", "polls", "him well behind"),  # noqa: E501
        ("After all, she argued, Pashinyan got a lot of money from the diaspora.", "frame.opening_cue", "she", "Pashinyan got"),  # a name goes on after the aside  # noqa: E501
        ("After the convoy left Goris in May it made a number of stops, records show.", "frame.content_x_cue", "records", "After the convoy"),  # a clause that opens like an opening phrase  # noqa: E501
        ("Pashinyan has repeatedly made the case that the corridor must reopen.", "frame.cue_that", "Pashinyan", "the corridor"),  # an idiom of arguing  # noqa: E501
        ("Ara Petrosyan, the chairman of the county party, for example, said Pashinyan hurt his cause.", "frame.cue_that", "Ara Petrosyan, the chairman of the county party", "Pashinyan hurt"),  # no clause before the cue to invert: a name and its role  # noqa: E501
    ],
)  # fmt: skip
def test_frames_find_the_source_and_the_content(sentence: str, rule: str, source: str, content: str) -> None:
    frame = find_frames(sentence)[0]
    assert frame.rule == rule
    assert sentence[frame.source[0] : frame.source[1]] == source
    assert sentence[frame.content[0][0] : frame.content[0][1]].startswith(content)


@pytest.mark.parametrize(
    "sentence",
    [
        "The book was written by a local historian.",  # a passive of authorship reports nothing
        "A day of mourning is observed in the city.",  # a feast kept, not a remark
        "The pipeline is called Southern Gas Corridor.",  # a name given
        "It is certain that the talks will resume.",  # a state with no one in it
        "The villagers are pleased the road is open.",  # only certainty takes a bare clause
        "Their smiles said a lot.",  # how much, not what
        "Pashinyan said to cheers at a rally in Gyumri.",  # an occasion, not what was said
        "The ministry released footage showing the destruction of the bridge.",  # a picture, not a stance
        "It was Russia's first report of a violation since the deal.",  # a noun
        "The Kremlin continues to watch the developments closely.",  # "continue" frames only after speech
        "Health worries have dogged the candidate since May.",  # a noun before its own verb
        "He was commenting on the information that the army shelled the village.",  # a topic, not a content
        "The villagers made plans to leave before the winter.",  # a cue word as the object of a light verb
        "Acts of protest are banned in the city.",  # a cue word after a preposition is a noun
        "The convoy reached a village called Stepanakert at dawn.",  # a name given, not a cue
        "The deputy shouted to the crowd.",  # a prepositional phrase, not a content
        "The road, which was supposed to reopen in May, stayed closed.",  # a modal, not a passive of speech
        "The minister's visit to Baku ended the talks.",  # a possessive before a noun that reports nothing
        "The clinic closed at a time when some calls into the hotline were going unanswered.",  # plural
        "One after another, the villages, including Shusha, declared neutrality.",  # its own object
        "The program, called Mission Armenia, funds schools.",  # a name given between commas
    ],
)
def test_no_frame_in_narration(sentence: str) -> None:
    assert all(f.rule == "frame.cue_nothing" for f in find_frames(sentence))


@pytest.mark.parametrize(
    ("sentence", "source", "not_content"),
    [
        ("\ue000\ue000\ue000,\u201d Hajiyev told a crowd in Shusha.", "Hajiyev", "a crowd"),  # the audience
        (
            "\ue000\ue000\ue000, Mr. Hajiyev said of the shelling.",
            "Mr. Hajiyev",
            "of the shelling",
        ),  # the topic
        (
            "In May, as the convoy was stopped, Hajiyev said, \ue000\ue000\ue000.",
            "Hajiyev",
            "In May",
        ),  # the scene
        (
            "\ue000\ue000\ue000, Anna Naghdalyan, a spokeswoman, the voice of the ministry, said.",
            "Anna Naghdalyan",
            "Anna",
        ),
    ],
)  # a quote masked as the attributor masks it (QUOTE characters)
def test_the_audience_the_topic_and_the_scene_are_no_content(
    sentence: str, source: str, not_content: str
) -> None:
    sentence = sentence.replace("\ue000\ue000\ue000,\u201d", "\ue000" * 4)
    frame = find_frames(sentence)[0]
    assert sentence[frame.source[0] : frame.source[1]].startswith(source)
    assert not any(sentence[a:b].startswith(not_content) for a, b in frame.content)


def test_the_frame_of_the_sentence_is_the_outermost() -> None:
    # the convoy's cue lies in what the ministry said, the ministry's cue in nothing the convoy said
    sentence = "The ministry said that the convoy had reported heavy shelling near the village overnight."
    frames = find_frames(sentence)
    assert [sentence[a:b] for f in frames for a, b in [f.source]] == ["The ministry", "the convoy"]
    first = outermost_first(frames[::-1])[0]
    assert sentence[first.source[0] : first.source[1]] == "The ministry"
    assert sentence[first.content[0][0] : first.content[0][1]].startswith("the convoy had reported")
    # "..., citing X" is a participle of the sentence's own frame, not an "according to"
    assert all(
        "according" not in f.rule for f in find_frames("The talks stalled, he said, citing the ministry.")
    )


def test_transcript_lines_are_quotes_of_the_name_but_labels_are_not() -> None:
    text = (
        "Interview with the spokesman\n\nAnna Martirosyan spoke with Dmitry Peskov on Monday.\n\n"
        "MARTIROSYAN: Do you think the talks will resume this month?\n\n"
        "PESKOV: We hope that the talks resume next month in Moscow.\n\n"
        "MARTIROSYAN: And the ceasefire, will it hold until then?\n\n"
        "Editor's Note: The interview was edited for length and clarity."
    )
    seg = nk.segment_voices(_doc(text, outlet="Wire"), method="auto")
    lines = seg[seg["rule"] == "layout.transcript_line"]
    assert lines["speaker"].tolist() == ["Martirosyan", "Dmitry Peskov", "Martirosyan"]
    assert set(lines["kind"]) == {"quote"}
    assert lines["text"].str.startswith(("Do you", "We hope", "And the")).all()
    assert not seg[seg["text"].str.contains("edited for length")]["kind"].isin(["quote", "paraphrase"]).any()
    # a headline "Name: ..." and one more such line are no exchange: left to the layout and the frames
    two = "Peskov: Talks Will Resume in Moscow\n\nHe spoke.\n\nMARTIROSYAN: Will they resume soon?"
    assert not nk.segment_voices(_doc(two), method="auto")["rule"].str.startswith("layout.transcript").any()


def test_a_second_frame_beside_the_first_is_attributed_to_its_own_source() -> None:
    text = "“The road will stay open,” said Hikmet Hajiyev, who added that the convoy would pass on Monday."
    seg = nk.segment_voices(_doc(text), method="auto")
    said = seg[seg["kind"].isin(["quote", "paraphrase"])]
    assert said["text"].tolist() == ["“The road will stay open,”", "the convoy would pass on Monday"]
    assert set(said["speaker"]) == {"Hikmet Hajiyev"}
    assert said["rule"].tolist() == ["frame.content_cue_x", "frame.cue_that"]  # "who added that": a second
    # "X said A, while Y said B": A is X's, B is Y's
    seg = nk.segment_voices(
        _doc("Peskov said the talks had stalled, while Hajiyev said the road would reopen.")
    )
    said = seg[seg["kind"] == "paraphrase"]
    assert said["text"].tolist() == ["the talks had stalled", "the road would reopen"]
    assert said["actor"].tolist() == ["Moscow", "Baku"]


def test_a_run_on_line_is_attributed_in_pieces_and_a_long_quote_stays_whole() -> None:
    line = "Peskov said the talks would resume, " * 300  # 10,800 characters, no full stop
    seg = nk.segment_voices(_doc(line), method="auto")
    said = seg[seg["kind"] == "paraphrase"]
    assert len(said) >= 4 and set(said["actor"]) == {"Moscow"}  # every piece finds its frame
    assert (seg["end"] - seg["start"]).max() <= 3200  # pieces of about 3,000 characters
    quote = "“" + "the road, the villages, the corridor, " * 120 + "all of it,” Peskov said."
    seg = nk.segment_voices(_doc(quote), method="auto")
    assert seg[seg["kind"] == "quote"]["text"].tolist() == [quote[: quote.index("”") + 1]]


def test_a_first_line_that_repeats_the_title_with_a_full_stop_is_the_headline() -> None:
    text = "Peskov: Talks will resume in Moscow.\n\nDmitry Peskov said the talks would resume next month."
    seg = nk.segment_voices(_doc(text, title="Peskov: Talks will resume in Moscow"), method="auto")
    assert seg.iloc[0][["kind", "actor", "rule"]].tolist() == ["headline", "Media", "layout.headline"]


def test_a_time_or_an_opening_phrase_is_neither_source_nor_content() -> None:
    frame = find_frames("“We will not retreat,” Hajiyev, an aide to the president, said Thursday morning.")[0]
    assert frame.rule == "frame.content_x_cue"
    sentence = "During his visit to Shusha, the president said little."
    assert all(not f.content for f in find_frames(sentence))


def test_a_paragraph_ending_in_a_misturned_quote_mark_is_running_text() -> None:
    text = "Title of the page\n\nThe ministry claimed “Armenia shelled the village.“"
    seg = nk.segment_voices(_doc(text), method="auto")
    assert "caption" not in set(seg["kind"]) and "quote" in set(seg["kind"])


def test_a_period_of_an_unknown_abbreviation_does_not_cut_the_frame() -> None:
    # Punkt breaks after "O.S.C.E." (no abbreviation it knows), but a sentence does not begin
    # in lower case; the dotted acronym is placed like "OSCE"
    seg = nk.segment_voices(_doc("The O.S.C.E. said it would send monitors."), method="auto")
    said = seg[seg["kind"] == "paraphrase"]
    assert said["text"].tolist() == ["it would send monitors"] and said["actor"].tolist() == ["OSCE"]


def test_a_bare_word_or_a_clause_is_no_source() -> None:
    book = SourceBook(Gazetteer(nk.read_speakers().iloc[:0], read_places()), "", None)
    assert book.resolve("please", 0) is None and book.resolve("got", 0) is None
    assert book.resolve("officials", 0) is not None and book.resolve("many", 0) is not None


@pytest.mark.parametrize(
    ("phrase", "actor"),
    [
        ("Azerbaijan's defence ministry", "Baku"),
        ("the Kremlin", "Moscow"),
        ("the Armenian prime minister", "Yerevan"),
        ("Artsakh's foreign ministry", "Stepanakert"),
        ("the de facto authorities of Nagorno-Karabakh", "Stepanakert"),
        ("The OSCE Minsk Group co-chairs", "OSCE"),
        ("Iranian Foreign Ministry spokesman Nasser Kanaani", "Tehran"),
        ("a spokesman for the Russian peacekeeping forces", "Moscow"),
        ("Jane Roe", "Unknown"),
    ],
)
def test_a_source_is_placed_by_its_description(phrase: str, actor: str) -> None:
    book = SourceBook(Gazetteer(nk.read_speakers().iloc[:0], read_places()), phrase, None)
    placed = book.resolve(phrase, 0)
    assert placed is not None and placed[1] == actor


def test_the_gazetteer_places_a_bare_name_within_its_years_in_office() -> None:
    gazetteer = Gazetteer(nk.read_speakers(), read_places())
    assert SourceBook(gazetteer, "", 2020).resolve("Peskov", 0)[:2] == ("Dmitry Peskov", "Moscow")
    # Trump in 2016 was a candidate, not an official of the United States
    assert SourceBook(gazetteer, "", 2016).resolve("Trump", 0)[1] == "Unknown"
    rows = nk.read_speakers()
    assert rows["source"].str.len().gt(0).all() and set(rows["type"]) <= {"person", "body"}
    assert set(rows["actor"]) <= set(nk.known_actors())


def test_he_is_the_nearest_source_never_someone_only_mentioned() -> None:
    text = (
        "Donald Trump said the deal was a disaster.\n\n"
        "The remarks came a day after Russian President Vladimir Putin visited Baku.\n\n"
        "“We will renegotiate it,” he said."
    )
    seg = nk.segment_voices(_doc(text, outlet="Wire"), method="auto")
    quote = seg[seg["kind"] == "quote"].iloc[0]
    assert quote["speaker"] == "Donald Trump" and quote["source_rule"] == "source.pronoun_nearest"


def test_a_quote_inherits_only_within_its_run_of_paragraphs() -> None:
    text = (
        "Peskov told reporters that Moscow was concerned.\n\n"
        "“We are watching closely.”\n\n"
        "The weather was mild.\n\nThe market was busy.\n\nTraffic was slow.\n\n"
        "“A quote nobody framed, far from any source.”"
    )
    seg = nk.segment_voices(_doc(text, outlet="Wire"), method="auto")
    quotes = seg[seg["kind"] == "quote"]
    assert quotes["speaker"].tolist() == ["Dmitry Peskov", ""]
    assert quotes["actor"].tolist() == ["Moscow", "Unknown"]


def test_layout_headline_dateline_and_he_said_is_no_comment() -> None:
    text = (
        "All news\n\n14:33, 28 September 2020\n\nKremlin urges restraint in Karabakh\n\n"
        "The Kremlin spokesman said:\n\n“Both sides must stop firing,” he added.\n\nHe said:\n\n"
        "“We are ready to help.”\n"
    )
    assert comment_zone(text) == len(text)  # "He said:" inside an article is not a comment byline
    seg = nk.segment_voices(_doc(text, outlet="Wire"), method="auto")
    kinds = dict(zip(seg["text"], seg["kind"], strict=True))
    assert kinds["Kremlin urges restraint in Karabakh"] == "headline"
    site_lines = seg[seg["text"].str.contains("All news")].iloc[0]
    assert site_lines["kind"] == "narration" and "14:33, 28 September 2020" in site_lines["text"]
    assert "Readers" not in set(seg["actor"])


def test_numbered_comment_handles_make_a_comment_block() -> None:
    text = "An article.\n\n  1. Avatar\n\n    First comment.\n\n  2. Avatar\n\n    Second comment.\n"
    seg = nk.segment_voices(_doc(text, outlet="Wire"), method="auto")
    assert seg.loc[seg["kind"] == "comment", "text"].tolist() == ["First comment.", "Second comment."]


def test_the_comment_prechecks_keep_every_layout_they_stand_for() -> None:
    """A list numbered from "01. " and a byline whose " said:" has blanks after it are still comments."""
    text = "An article.\n\n  01. Avatar\n\n    First comment.\n\n  02. Avatar\n\n    Second comment.\n"
    seg = nk.segment_voices(_doc(text, outlet="Wire"), method="auto")
    assert seg.loc[seg["kind"] == "comment", "text"].tolist() == ["First comment.", "Second comment."]
    text = "An article.\n\n1. GB said:  \nFirst comment.\n\n2. Ann said:\t\nSecond comment.\n"
    seg = nk.segment_voices(_doc(text, outlet="Wire"), method="auto")
    assert seg.loc[seg["kind"] == "comment", "text"].tolist() == ["First comment.", "Second comment."]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "The co-chairs discussed the situation in the region and sought\n"
        "clarification with respect to several recent statements and\n"
        "incidents of concern, the statement said.\n\n"
        "They cautioned the ministers about the dangers of escalation and\n"
        "called on the parties to engage constructively, the statement said.\n"
    )
    assert len(paragraphs(text)) == 2


def test_every_auto_segment_names_its_rule_by_a_registry_id() -> None:
    seg = nk.segment_voices(nk.load_corpus(), method="auto")
    ids = set(nk.voice_rules().index)
    assert set(seg["rule"]) <= ids and set(seg["source_rule"]) - {""} <= ids
    assert seg["source_rule"].str.startswith("source.").sum() > 0
    frames = nk.voice_rules().loc[list(set(seg["rule"]))]
    assert set(frames["family"]) >= {"layout", "frame", "narration"}


def test_long_documents_are_cut_at_paragraph_breaks_and_workers_change_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "Peskov told reporters that Moscow was concerned.\n\n“We are watching.”\n\n" * 400
    cuts = pool.pieces(text, size=5_000)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(text[e - 1] == "\n" and nxt == e for (_, e), (nxt, _) in itertools.pairwise(cuts))
    monkeypatch.setattr(pool, "PIECE_CHARS", 5_000)
    monkeypatch.setattr(workers_module, "PARALLEL_CHARS", 1)
    docs = pd.concat([_doc(text, outlet="Wire").assign(doc_id=f"d{i}") for i in range(3)], ignore_index=True)
    serial = nk.segment_voices(docs, method="auto", workers=1)
    parallel = nk.segment_voices(docs, method="auto", workers=2)
    pd.testing.assert_frame_equal(serial, parallel)
    assert (serial.groupby("doc_id")["end"].max() <= len(text)).all()
    assert (serial.loc[serial["kind"] == "quote", "speaker"] == "Dmitry Peskov").all()


# -- on real news pages


def _karabakh() -> tuple[pd.DataFrame, pd.DataFrame]:
    docs = nk.load_corpus(KARABAKH / "texts")
    return docs, nk.segment_voices(docs, method="auto")


def _covering(seg: pd.DataFrame, docs: pd.DataFrame, doc_id: str, words: str) -> pd.Series:
    text = docs.set_index("doc_id").loc[doc_id, "text"]
    at = text.index(words)
    rows = seg[(seg["doc_id"] == doc_id) & (seg["start"] <= at) & (seg["end"] > at)]
    return rows.iloc[0]


@needs_karabakh
@pytest.mark.parametrize(
    ("doc_id", "words", "actor", "kind", "rule"),
    [
        ("sputnik-2023-peskov", "Contacts with Azerbaijani President", "Moscow", "paraphrase", r"frame.content_x_cue source.name_by_text"),  # noqa: E501
        ("armradio-2020-vardenis", "the armed forces of the Republic of Armenia had allegedly", "Baku", "paraphrase", r"frame.noun_by"),  # misinformation is a noun of speech  # noqa: E501
        ("newsam-2020-naghdalyan", "if Armenia’s recognition", "Unknown", "paraphrase", r"frame.asked source.none_named"),  # the question put  # noqa: E501
        ("sputnik-2023-peskov", "The Russian military in Nagorno-Karabakh", "Moscow", "paraphrase", r"source.role_nearest"),  # noqa: E501
        ("artsakhpress-2022-zakharova", "We are concerned about the blockade", "Moscow", "quote", r"source.pronoun_next"),  # noqa: E501
        ("hurriyet-2020-cavusoglu", "To put these two countries", "Ankara", "quote", r"frame.content_x_cue"),
        ("newsru-2020-peskov", "Kremlin considers that the situation", "Moscow", "paraphrase", r"frame.according_after"),  # noqa: E501
        ("trend-2021-abdullayeva-us", "We do not believe that the issue", "Washington", "quote", r"frame.words_of"),  # noqa: E501
        ("nkr-2015-sargsyan", "It is regrettable that Azerbaijan", "Stepanakert", "quote", r"layout.qa_answer"),  # noqa: E501
        ("interfax-2018-osce", "The Ministers agreed to meet again", "OSCE", "quote", r"source.pronoun_nearest"),  # noqa: E501
        ("hetq-2023-kanaani", "Azerbaijani is amassing troops", "Yerevan", "paraphrase", r"frame.noun_by"),
        ("urdupoint-2020-hovhannisyan", "correspondent at the scene reports", "Media", "narration", r"narration.default"),  # noqa: E501
        ("banglaviral-aljazeera-comments", "The world should stand with Azerbaijan", "Readers", "comment", r"layout.comment"),  # noqa: E501
        ("alarabiya-2023-violations", "This grab taken from a handout", "Media", "caption", r"layout.caption"),  # noqa: E501
        ("newsru-2020-peskov", "Russian President Vladimir Putin spoke with", "Moscow", "paraphrase", r"frame.according_before"),  # noqa: E501
        ("newsru-2020-peskov", "The journalists asked the Kremlin", "Media", "narration", r"."),
    ],
)  # fmt: skip
def test_rules_on_karabakh_news(doc_id: str, words: str, actor: str, kind: str, rule: str) -> None:
    docs, seg = _karabakh()
    row = _covering(seg, docs, doc_id, words)
    why = f"{row['rule']} {row['source_rule']}"
    assert (row["actor"], row["kind"]) == (actor, kind), why
    assert re.search(rule, why), why


def test_places_and_actors_are_known() -> None:
    assert set(read_places()["actor"]) <= set(nk.known_actors())
    assert {"OSCE", "Tehran", "EU", "UN", "Unknown"} <= set(nk.known_actors())


def test_a_question_put_is_reported_by_no_one_named() -> None:
    sentence = "Asked whether the road would reopen, the spokeswoman said that talks continue."
    asked = [f for f in find_frames(sentence) if f.rule == "frame.asked"]
    assert len(asked) == 1 and asked[0].source[0] == asked[0].source[1]
    assert [sentence[a:b] for a, b in asked[0].content] == ["whether the road would reopen"]
    seg = nk.segment_voices(
        pd.DataFrame({"doc_id": ["d"], "text": [sentence], "raw_text": [sentence], "title": [""]}),
        method="auto",
    )
    said = seg.set_index("text")
    assert said.loc["whether the road would reopen", ["actor", "speaker", "kind"]].tolist() == [
        "Unknown",
        "",
        "paraphrase",
    ]
    assert said.loc["talks continue", "kind"] == "paraphrase"


def test_a_short_quote_right_after_a_cue_is_speech() -> None:
    text = "The envoy met the villagers in Goris.\n\nOne villager replied, “Not yet.”\n"
    seg = nk.segment_voices(_doc(text), method="auto").set_index("text")
    assert seg.loc["“Not yet.”", ["kind", "speaker"]].tolist() == [
        "quote",
        "One villager",
    ]  # not a scare quote
