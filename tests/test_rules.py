"""The rule registry: every rule has examples, and every example gives the voice it promises."""

from __future__ import annotations

import pandas as pd
import pytest

import nkresearch as nk
from nkresearch.voices.rules import EXAMPLE_LANGUAGES, RULES, Family, examples, priority

EXAMPLES = pd.concat([examples(language) for language in EXAMPLE_LANGUAGES], ignore_index=True)


def test_every_rule_has_an_example_and_every_example_a_rule() -> None:
    ids = {str(r) for r in RULES}
    assert set(EXAMPLES["rule"]) == ids
    assert all(
        text.count(passage) == 1 for text, passage in zip(EXAMPLES["text"], EXAMPLES["passage"], strict=True)
    )


@pytest.mark.parametrize(
    "row",
    EXAMPLES.to_dict("records"),
    ids=[f"{r}-{lang}" for r, lang in zip(EXAMPLES["rule"], EXAMPLES["language"], strict=True)],
)
def test_the_example_gets_the_voice_of_its_rule(row: dict[str, str]) -> None:
    text = row["text"]
    docs = pd.DataFrame(
        {"doc_id": ["example"], "text": [text], "title": [row["title"]], "outlet": ["Test Agency"],
         "actor": [row["declared"]], "language": [row["language"]], "layout": [row["layout"]]}
    )  # fmt: skip
    seg = nk.segment_voices(docs, method="auto")
    at = text.index(row["passage"])
    hit = seg[(seg["start"] <= at) & (seg["end"] > at)].iloc[0]
    assert row["rule"] in (hit["rule"], hit["source_rule"]), (hit["rule"], hit["source_rule"])
    assert (hit["actor"], hit["speaker"], hit["kind"]) == (row["actor"], row["speaker"], row["kind"])


def test_the_listing_says_what_each_rule_is() -> None:
    table = nk.voice_rules()
    assert len(table) == len(RULES) and table["examples"].ge(1).all()
    assert set(table["family"]) == {str(f) for f in Family}
    weak = set(table.index[table["priority"] > 0])
    assert weak == {"frame.asked", "frame.passive", "frame.passive_by", "frame.hearsay", "frame.state",
                    "frame.participle_after_noun"}  # fmt: skip
    assert priority("frame.state") > priority("frame.cue_that")
    assert table.loc["frame.cue_that", "triggers"] == "cues"
    assert table.loc["frame.cue_that", "languages"] == "en ru hy"
    assert table.loc["frame.verb_last", "languages"] == "az"
