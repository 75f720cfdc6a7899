"""The voice rules' word lists are data keyed by language: each form once, every list used, none missing."""

from __future__ import annotations

import csv
import re

import pytest

from nkresearch.config import PACKAGE_DIR
from nkresearch.errors import NKResearchError
from nkresearch.voices import cues, lexicon
from nkresearch.voices.grammars import LANGUAGES
from nkresearch.voices.rules import RULES, examples, trigger_words


def _rows(name: str, language: str = "en") -> list[dict[str, str]]:
    with open(lexicon.LEXICON_DIR / language / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def test_every_cue_form_is_listed_once_with_known_flags() -> None:
    rows = _rows("cues.csv")
    forms = [r["form"] for r in rows]
    assert len(forms) == len(set(forms)) > 1000
    assert {f for r in rows for f in r["flags"].split()} <= lexicon.CUE_FLAGS
    assert all(r["entry"] for r in rows)


def test_the_flag_sets_the_rules_read_come_from_the_data() -> None:
    flags = lexicon.cue_flags()
    assert flags["said"] >= {"inverts"} and "inverts" not in flags["praised"]
    assert "audience" in flags["told"] and "inverts" not in flags["told"]  # "..., told Fox News"
    assert "said" in cues.INVERTING and "told" not in cues.INVERTING
    assert "point" in cues.INVERTING  # "..., pointed out X": the first word of "point out"
    assert {"continued", "quoted"} <= cues.POST_ONLY
    assert {"citing", "quotes"} <= cues.QUOTING
    assert lexicon.cue_entry("say") == {"say", "says", "said", "saying"}


def test_every_word_list_is_used_by_a_rule_and_every_list_a_rule_reads_exists() -> None:
    listed = {r["list"] for r in _rows("words.csv")}
    code = "\n".join(p.read_text(encoding="utf-8") for p in (PACKAGE_DIR / "voices").glob("*.py"))
    read = set(re.findall(r"""(?:words|alternation)\(["'](\w+)["']\)""", code))
    english = set(examples("en")["rule"])  # the rules of the English grammar
    triggers = {t for r in RULES.values() if r.id in english for t in r.triggers} - {"cues", "quote"}
    assert read | triggers == listed
    for name in read:
        assert lexicon.words(name)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_word_lists_of_another_language_are_those_its_rules_read(language: str) -> None:
    listed = set(lexicon.word_lists(language))
    code = "\n".join(
        (PACKAGE_DIR / "voices" / f).read_text(encoding="utf-8") for f in ("grammars.py", "multilingual.py")
    )
    required = set(re.findall(r"""words\(["'](\w+)["'], language\)""", code))
    optional = set(re.findall(r"""_optional\(["'](\w+)["'], language\)""", code))
    assert required <= listed <= required | optional
    rows = [(r["list"], r["form"]) for r in _rows("words.csv", language)]
    assert len(rows) == len(set(rows))


def test_a_form_is_listed_once_in_its_list() -> None:
    rows = [(r["list"], r["form"]) for r in _rows("words.csv")]
    assert len(rows) == len(set(rows))


def test_a_missing_list_or_language_names_the_file_and_the_fix() -> None:
    with pytest.raises(NKResearchError, match=r"words\.csv: no word list 'nonsense'; add its forms there"):
        lexicon.words("nonsense")
    with pytest.raises(NKResearchError, match=r"xx[/\\]words\.csv: no such word list"):
        lexicon.words("states", language="xx")


def test_an_alternation_tries_the_longest_form_first() -> None:
    pattern = re.compile(rf"\b(?:{lexicon.alternation('speech_nouns')})\b")
    found = pattern.search("the statements by Baku")
    assert found is not None and found.group() == "statements"


def test_the_pre_filter_is_the_rules_trigger_words() -> None:
    found = trigger_words()
    assert {"said", "according", "reportedly", "concerned", "statement", "criticism"} <= found
    assert cues.may_frame("Asked which issue matters most, 32 percent picked the economy.")  # any case
    assert not cues.may_frame("The convoy reached the village at dawn.")
