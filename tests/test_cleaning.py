"""Web debris of outlets the rules were not written for: each removal logged with its rule.

The lines are real lines of Karabakh news pages (``../shared/corpora/karabakh-dev/``).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nkresearch as nk
from nkresearch.corpus.cleaning import clean_text, find_removals
from nkresearch.corpus.templates import MIN_DOCS, site_templates


def _rules(raw: str) -> list[tuple[str, str]]:
    return [(r.rule, r.text.strip()) for r in find_removals(raw)]


@pytest.mark.parametrize(
    "line",
    [
        "  • Clock-gray 21:47",
        "  • calendar-gray 24 July 2019",
        " Friday 10:25 AM MSK",
        "14:33, 28 September 2020 163",
        "2015-09-26 13:00",
        "September 27, 2020 - 09:04 AMT",
        "Politics Materials 14 July 2020 11:51 (UTC +04:00)",
        "Posted 22 October 2017 - 09:41 AM",
    ],
)
def test_a_line_that_is_only_a_date_or_time_is_removed(line: str) -> None:
    text, removed = clean_text(f"Talks resumed.\n\n{line}\n\nThe minister spoke.\n")
    assert [r.rule for r in removed] == ["date_line"]
    assert text == "Talks resumed.\n\nThe minister spoke."


@pytest.mark.parametrize(
    "line",
    [
        "BAKU, Azerbaijan, Sept.11",  # a dateline: the place comes first
        "Baku, Azerbaijan, August 2",
        "On 12 March 2020 the talks resumed in Moscow.",  # a sentence that holds a date
        "The ceasefire of 10 November 2020",
    ],
)
def test_datelines_and_sentences_with_dates_stay(line: str) -> None:
    assert _rules(f"{line}\n\nText.\n") == []


@pytest.mark.parametrize(
    "line",
    [
        "Show More",
        "Back to top button",
        "– Subscribe to our channel:",
        "– Follow us on Twitter:",
        "– Find us on Facebook:",
        "End of content No more pages to load",
        "Your search did not match any articles",
        "Jump to content",
        "  • Please log in to reply",
        "Read more: Partner news",
        "All news",
        "Show news feed",
    ],
)
def test_site_furniture_lines_are_removed(line: str) -> None:
    assert _rules(f"The talks resumed.\n{line}\nThe minister spoke.\n") == [("site_furniture", line.strip())]


def test_share_and_print_are_furniture_only_on_a_line_of_their_own() -> None:
    assert _rules("Share prices fell.\nPrint media reported it.\nShare\n") == [("site_furniture", "Share")]


def test_the_typo_notice_of_a_site_is_removed() -> None:
    notice = "If you found a typo you can notify us by selecting the text area and pressing CTRL+Enter"
    assert _rules(f"Iran spoke.\n\n{notice}\n") == [("site_notice", notice)]


def test_a_repeated_headline_is_removed_once_the_title_is_kept() -> None:
    raw = (
        "Answer by NKR MFA Spokesperson Ani Sargsyan to agency - MFA NKR\n\n"
        "Answer by NKR MFA Spokesperson Ani Sargsyan to agency\n\n"
        "Question: On September 25, four soldiers were wounded.\n"
    )
    text, removed = clean_text(raw)
    assert [r.rule for r in removed] == ["repeated_headline"]
    assert text.startswith("Answer by NKR MFA Spokesperson Ani Sargsyan to agency - MFA NKR\n\nQuestion:")
    assert _rules("Talks resumed\nTalks resumed\n") == []  # a short first line is no title to repeat


def _outlet_folder(tmp_path: Path, outlet: str, n: int) -> Path:
    folder = tmp_path / outlet
    folder.mkdir()
    rows = ["file,outlet"]
    for k in range(n):
        body = (
            f"Headline number {k} about the talks\n\nPolitics Materials\n\n"
            f"The minister said talks would resume on day {k}.\n\nComments\n\nThe talks resumed.\n"
        )
        (folder / f"d{k}.txt").write_text(body, encoding="utf-8")
        rows.append(f"d{k}.txt,{outlet}")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def test_lines_that_recur_across_an_outlets_documents_are_its_template(tmp_path: Path) -> None:
    docs = nk.load_corpus(_outlet_folder(tmp_path, "Trend", MIN_DOCS))
    assert not docs["text"].str.contains("Politics Materials").any()
    log = nk.cleaning_log(docs)
    assert (log["rule"] == "site_template").sum() == MIN_DOCS
    assert set(log.loc[log["rule"] == "site_template", "removed_text"].str.strip()) == {"Politics Materials"}
    # a sentence and a comment heading recur too, and stay: they are text and structure
    assert (
        docs["text"].str.contains("The talks resumed.").all() and docs["text"].str.contains("Comments").all()
    )
    for raw, text in zip(docs["raw_text"], docs["text"], strict=True):
        assert text == clean_text(raw, template=frozenset({"Politics Materials"}))[0]


def test_an_outlet_with_too_few_documents_has_no_template(tmp_path: Path) -> None:
    docs = nk.load_corpus(_outlet_folder(tmp_path, "Trend", MIN_DOCS - 1))
    assert docs["text"].str.contains("Politics Materials").all()
    assert site_templates(["a\nb\n", "a\nb\n", "a\nb\n"], ["", "", ""]) == {}  # no outlet, no template


def test_templates_come_from_the_url_host_without_an_outlet_column() -> None:
    from nkresearch.corpus.templates import templates_of

    table = pd.DataFrame(
        {
            "url": [f"https://www.trend.az/a/{k}" for k in range(3)],
            "raw_text": [
                "Title\nPartner news\nText one.\n",
                "Other\nPartner news\nTwo.\n",
                "T\nPartner news\nx.\n",
            ],
        }
    )
    assert templates_of(table) == {"trend.az": frozenset({"Partner news"})}


@pytest.mark.parametrize("label", ["Politics", "Политика", "Քաղաքականություն", "Əsas"])
def test_a_one_word_rubric_over_the_page_is_removed_in_any_script(label: str) -> None:
    text = f"{label}\n\nThe first line of the article stays.\n"
    clean, removed = clean_text(text)
    assert clean == "The first line of the article stays."
    assert [(r.rule, r.text) for r in removed] == [("rubric", f"{label}\n")]
    assert clean_text(f"{label.lower()}\n\nText.\n")[0].startswith(label.lower())  # not capitalised: kept


def test_a_one_word_rubric_goes_whatever_follows_it_and_a_label_over_a_date_line_goes_too() -> None:
    clean, removed = clean_text("Карабах\nКарабах - самые актуальные новости региона\n\nТекст статьи.\n")
    assert clean.startswith("Карабах - самые") and [r.rule for r in removed] == ["rubric"]
    page = "Headline of the page\nQarabağ\n25 Dekabr , 2015 13:14\n\nThe article begins here.\n"
    clean, removed = clean_text(page)
    assert "Qarabağ" not in clean and [(r.rule, r.text) for r in removed] == [("rubric", "Qarabağ\n")]
    assert clean_text("I\nwould like to thank the President.\n")[1] == []  # a hard-wrapped line's first word
    kept = "Headline of the page\n\nThe article begins here.\nArmenia\nMore of the article follows.\n"
    assert "Armenia" in clean_text(kept)[0]  # a one-word line that stands over no date line stays


def test_links_to_other_articles_under_the_headline_are_removed_and_logged() -> None:
    links = (
        "Minister meets envoys in Geneva\nTen villages get gas again after a week\n"
        "50 years of the ceasefire talks…\n"
    )
    page = f"The talks resume in Geneva on Monday\n\n{links}\nThe delegations arrived on Sunday evening.\n"
    clean, removed = clean_text(page)
    assert [(r.rule, r.text) for r in removed] == [("related_links", links)]
    assert clean == "The talks resume in Geneva on Monday\n\nThe delegations arrived on Sunday evening."
    wrapped = (
        "The talks resume\n\nThe delegations arrived on Sunday\nevening and met the envoys of\n"
        "the three countries in Geneva.\n\nMore.\n"
    )
    assert (
        clean_text(wrapped)[1] == []
    )  # a hard-wrapped paragraph: its lines run on, the last ends a sentence


def test_the_quick_prechecks_miss_no_removal() -> None:
    """A needle is found in any case, as its pattern matches; so is a headline in another Unicode form."""
    from nkresearch.corpus.cleaning import find_removals

    for notice in ("Select text and press CTRL + ENTER", "select text and press ctrl+enter"):
        found = find_removals(f"Talks resumed today in Vienna.\n{notice}\nBoth sides came.")
        assert [r.rule for r in found] == ["site_notice"], notice
    title = "Café talks resume in Vienna after a year"
    decomposed = unicodedata.normalize("NFD", title)  # the same headline, its é as e and an accent
    found = find_removals(f"{title}\n\nThe talks resumed.\n\n{decomposed}\nMore text.")
    assert [r.rule for r in found] == ["repeated_headline"]


#: lines of every kind the line-anchored rules read: dates and times, furniture, rubrics, digits
LINES = [
    "12 March 2020", "March 12, 2020 14:05", "  • 2020-01-01 | 10:00 AMT", "Read more", "Share this",
    "Follow us on Facebook", "Politics", "123456789012345678901234", "Talks resumed on 12 March 2020.",
    "", "   ", "\r", "Subscribe to our newsletter: now", "12\nMarch 2020", "ADVERTISEMENT", "Az\u0259rbaycan",
    "1 \n May 2020-01-01", "March 1 \n 2020-01-01 10:00",  # a match over two lines, the second a match too
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=12), st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_line_anchored_rules_tried_at_line_starts_match_as_finditer(lines: list[str], end: str) -> None:
    from nkresearch.corpus.cleaning import CLEANING_RULES
    from nkresearch.corpus.lines import line_matches

    raw = end.join(lines)
    for rule in CLEANING_RULES:
        assert [m.span() for m in line_matches(rule.pattern, raw)] == [
            m.span() for m in rule.pattern.finditer(raw)
        ], rule.name
