"""Saved web pages: blocks with their roles, every removal logged with exact offsets, encodings, metadata.

The pages here are written for the tests (the Karabakh dev sets were saved as text); the
article-extraction benchmark's pages are scored by ``make bench-html``, not here.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

import nkresearch as nk
from nkresearch.corpus.page_files import decode_page
from nkresearch.corpus.pages import page_rules

ARTICLE = (
    "<p>The foreign ministers of the two countries met in Vienna on Monday, for the first time "
    "in more than a year, and agreed to continue the talks on the settlement in the spring.</p>"
    "<p>The mediators said the meeting had been constructive and that both delegations had "
    "presented their proposals on the return of displaced persons and on the line of contact.</p>"
    "<p>No date has been set for the next round, but officials on both sides said they expected "
    "it to take place before the summer, after consultations in the two capitals.</p>"
)

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Talks resume in Vienna | The Daily Example</title>
<meta property="og:title" content="Talks resume in Vienna">
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2020-03-12T14:05:00Z">
<link rel="canonical" href="https://example.org/news/2020/03/12/talks-resume-in-vienna">
</head><body>
<div class="cookie-banner"><p>We use cookies to improve your experience on our site.</p></div>
<nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article>
<h1>Talks resume in Vienna</h1>
<div class="byline">By Anna Karenina</div>
{article}
<figure><img src="vienna.jpg"><figcaption>The delegations in Vienna on Monday.</figcaption></figure>
<p>A fourth paragraph says that the ministers will report to their presidents this week on the
outcome of the meeting and on the proposals made there.</p>
</article>
<div class="related-stories"><h3>More on this story</h3><ul>
<li><a href="/a">Ceasefire holds along the line of contact, officials say</a></li>
<li><a href="/b">Mediators plan a visit to the region in April</a></li></ul></div>
<section id="comments"><h3>Comments</h3>
<div class="comment"><div class="comment-author">Anna K.</div>
<p>This is the best report on the talks I have read this year.</p></div>
<div class="comment"><p>An unsigned reader says the talks will fail again.</p></div>
</section>
<footer><p>© 2020 The Daily Example. All rights reserved.</p></footer>
</body></html>
""".replace("{article}", ARTICLE)


def _roles(page: nk.corpus.pages.Page) -> dict[str, tuple[str, str]]:
    return {page.page_text[b.start : b.end]: (b.role, b.rule) for b in page.blocks}


def test_a_page_s_blocks_get_their_roles_and_the_furniture_is_removed_by_its_rule() -> None:
    page = nk.read_page(PAGE)
    roles = _roles(page)
    assert roles["Talks resume in Vienna"] == ("headline", "headline")
    assert roles["By Anna Karenina"] == ("byline", "byline")
    assert roles["The delegations in Vienna on Monday."] == ("caption", "caption")
    assert roles["Anna K."] == ("comment_author", "comment_author")
    assert roles["This is the best report on the talks I have read this year."][0] == "comment"
    assert roles["An unsigned reader says the talks will fail again."][0] == "comment"
    assert roles["We use cookies to improve your experience on our site."] == (
        "removed",
        "page_cookie_notice",
    )
    assert roles["Home"] == ("removed", "page_navigation")
    assert roles["Ceasefire holds along the line of contact, officials say"][0] == "removed"
    assert roles["© 2020 The Daily Example. All rights reserved."] == ("removed", "page_footer")
    paragraphs = [t for t, (role, _) in roles.items() if role == "paragraph"]
    assert len(paragraphs) == 4 and all(t in page.body for t in paragraphs)
    assert "Talks resume" not in page.body and "Anna" not in page.body and "delegations in" not in page.body
    assert page.text.split("\n\n") == [t for t, (role, _) in roles.items() if role != "removed"]


def test_every_removed_block_is_logged_with_offsets_that_map_back(tmp_path: Path) -> None:
    (tmp_path / "vienna.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "note.txt").write_text("A plain note on the talks.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file\nvienna.html\nnote.txt\n", encoding="utf-8")
    docs = nk.load_corpus(tmp_path)
    log = nk.cleaning_log(docs)
    blocks = nk.page_blocks(docs)
    page = nk.read_page(docs["raw_text"].iloc[0])
    removed = blocks[blocks["role"] == "removed"]
    assert len(removed) >= 5 and set(log["doc_id"]) == {"vienna"}
    assert list(zip(log["start"], log["end"], log["rule"], strict=True)) == list(
        zip(removed["start"], removed["end"], removed["rule"], strict=True)
    )
    for start, end, text in zip(log["start"], log["end"], log["removed_text"], strict=True):
        assert page.page_text[start:end] == text
    assert set(log["description"]) <= {r.description for r in page_rules()}
    kept = blocks[blocks["role"] != "removed"]
    text = docs["text"].iloc[0]
    for start, end, block in zip(kept["text_start"], kept["text_end"], kept["block_text"], strict=True):
        assert text[start:end] == block
    assert docs["body"].iloc[1] == docs["text"].iloc[1]  # a text file's body is its text


def test_the_page_fills_the_metadata_the_user_left_empty(tmp_path: Path) -> None:
    (tmp_path / "vienna.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,title\nvienna.html,My own title\n", encoding="utf-8")
    docs = nk.load_corpus(tmp_path)
    row = docs.iloc[0]
    assert row["title"] == "My own title"  # the user's metadata wins
    assert row["date"] == "2020-03-12"
    assert row["outlet"] == "The Daily Example"
    assert row["url"] == "https://example.org/news/2020/03/12/talks-resume-in-vienna"
    assert row["language"] == "en" and row["language_source"] == "page"
    assert row["from_page"] == "date,outlet,url,language"
    assert list(docs.columns[-3:]) == ["raw_text", "text", "body"]


@pytest.mark.parametrize("rule", [r for r in page_rules() if r.example], ids=lambda r: r.id)
def test_each_rule_s_example_is_decided_by_that_rule(rule: nk.corpus.pages.PageRule) -> None:
    """The example of every rule in resources/pages/rules.csv, inside an article, gets that rule."""
    first, rest = ARTICLE.split("</p>", 1)
    html = f"<html><body><article>{first}</p>{rule.example}{rest}</article></body></html>"
    page = nk.read_page(html)
    example = nk.read_page(f"<html><body>{rule.example}</body></html>")
    first = example.page_text[example.blocks[0].start : example.blocks[0].end]
    decided = {page.page_text[b.start : b.end]: b.rule for b in page.blocks}
    assert decided[first] == rule.id, f"{rule.id}: {first!r} was decided by {decided[first]!r}"


def test_page_rules_are_ordered_and_described() -> None:
    rules = page_rules()
    assert len({r.priority for r in rules}) == len(rules)  # no two rules tie: the order is the file's data
    assert len({r.id for r in rules}) == len(rules)
    assert all(r.description and r.action in ("remove", "role") for r in rules)


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"", "the page is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip-compressed file, not a page. Unpack it"),
        (b"<html><head><script>var a = 1;</script></head><body> </body></html>", "the page holds no text"),
        (
            b"<html><meta charset='x-no-such'><p>Text</p></html>",
            "charset 'x-no-such', which Python does not know",
        ),
        (
            b"<html><meta charset='utf-8'><p>Caf\xe9</p></html>",
            "not valid utf-8, the charset the page declares",
        ),
        (b"Just a line of plain text, no markup at all.", "no HTML markup"),
    ],
)
def test_a_bad_page_is_an_error_naming_the_file(tmp_path: Path, data: bytes, needle: str) -> None:
    (tmp_path / "bad.html").write_bytes(data)
    (tmp_path / "metadata.csv").write_text("file\nbad.html\n", encoding="utf-8")
    with pytest.raises(nk.NKResearchError, match=r"bad\.html: .*" + needle.replace("(", r"\(")):
        nk.load_corpus(tmp_path)


def test_a_page_s_encoding_comes_from_its_bom_or_its_meta_charset() -> None:
    russian = "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1251'>"
    russian += "</head><body><p>Переговоры возобновились в Вене.</p></body></html>"
    assert decode_page(russian.encode("cp1251"), "a.html") == russian
    utf16 = "<html><body><p>Բանակցությունները վերսկսվեցին։</p></body></html>"
    assert decode_page(codecs.BOM_UTF16_LE + utf16.encode("utf-16-le"), "b.html") == utf16
    undeclared = "<html><body><p>Café in Vienna</p></body></html>"
    assert decode_page(undeclared.encode("cp1252"), "c.html") == undeclared  # as browsers read it


def test_the_voices_read_the_page_s_layout(tmp_path: Path) -> None:
    """The headline, byline, caption and comments are what the markup says, each comment its own author's."""
    (tmp_path / "vienna.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file\nvienna.html\n", encoding="utf-8")
    docs = nk.load_corpus(tmp_path)
    assert docs["layout"].iloc[0].split()[:2] == ["headline", "byline"]
    seg = nk.segment_voices(docs, method="auto")
    text = docs["text"].iloc[0]

    def voice(passage: str) -> tuple[str, str, str]:
        at = text.index(passage)
        hit = seg[(seg["start"] <= at) & (seg["end"] > at)].iloc[0]
        return hit["actor"], hit["speaker"], hit["kind"]

    assert voice("Talks resume in Vienna") == ("Media", "The Daily Example", "headline")
    assert voice("By Anna Karenina") == ("Media", "The Daily Example", "byline")
    assert voice("The delegations in Vienna") == ("Media", "The Daily Example", "caption")
    assert voice("This is the best report") == ("Readers", "Anna K.", "comment")
    assert voice("An unsigned reader") == ("Readers", "a reader", "comment")
    assert voice("The foreign ministers")[0] == "Media"


def test_an_xhtml_page_with_its_xml_declaration_is_read() -> None:
    page = nk.read_page('<?xml version="1.0" encoding="utf-8"?>\n' + PAGE.replace("<!DOCTYPE html>\n", ""))
    assert page.body == nk.read_page(PAGE).body and page.body


def test_every_chunk_of_a_corpus_with_pages_has_the_page_columns(tmp_path: Path) -> None:
    """A corpus built in chunks: a chunk of text files alone gets the same columns as one with a page."""
    from nkresearch.corpus.documents import read_documents
    from nkresearch.corpus.source import resolve_source

    (tmp_path / "vienna.html").write_text(PAGE, encoding="utf-8")
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(f"A note {name} on the talks in Vienna.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "file,url\nvienna.html,\na.txt,https://www.example.org/a\nb.txt,https://www.example.org/b\n",
        encoding="utf-8",
    )
    src = resolve_source(tmp_path)
    whole = read_documents(src.table, src.folder, src.corpus)
    texts_only = read_documents(src.table.iloc[1:], src.folder, src.corpus, pages=True)
    assert list(texts_only.columns) == list(whole.columns)
    assert list(whole["outlet"]) == ["The Daily Example", "example.org", "example.org"]  # url hosts kept
    assert list(whole["layout"].iloc[1:]) == ["", ""]


def test_a_layout_missing_from_a_joined_table_reads_as_text(tmp_path: Path) -> None:
    """load_corpus([...]) leaves NaN in a text folder's layout: read as a text, not as a page."""
    import pandas as pd

    from nkresearch.voices.layout import page_layout

    assert page_layout("One paragraph of text.", "nan") is None  # not a role: no page
    text = "Baku and Yerevan trade accusations"
    plain = pd.DataFrame({"doc_id": ["t"], "text": [text], "outlet": ["Test Agency"]})
    joined = plain.assign(layout=[float("nan")])
    columns = ["start", "end", "actor", "kind", "rule"]
    assert nk.segment_voices(joined, method="auto")[columns].equals(
        nk.segment_voices(plain, method="auto")[columns]
    )


@pytest.mark.parametrize(
    ("markup", "encoding", "expected"),
    [
        (
            "<html><meta charset='iso-8859-1'><p>\u201cTalks\u201d \u2026</p></html>",
            "cp1252",
            "\u201cTalks\u201d",
        ),
        ("<html><meta charset='gb2312'><p>\u6731\u9555\u57fa</p></html>", "gbk", "\u6731\u9555\u57fa"),
        ("<html><body><p>Переговоры</p></body></html>", "utf-16-le", "Переговоры"),
    ],
)
def test_a_charset_label_is_read_as_browsers_read_it(markup: str, encoding: str, expected: str) -> None:
    assert expected in decode_page(markup.encode(encoding), "a.html")


def test_a_paragraph_with_an_indented_link_is_not_a_list_of_links() -> None:
    spaced = " " * 20
    html = (
        f"<html><body><article>{ARTICLE}<p>Officials said <a href='/x'>the sides met in Vienna on\n{spaced}"
        "Monday and agreed</a> to meet again.</p></article></body></html>"
    )
    roles = _roles(nk.read_page(html))
    sentence = next(t for t in roles if t.startswith("Officials said"))
    assert roles[sentence][1] != "page_link_list"


def test_text_under_a_thousand_unclosed_tags_is_kept() -> None:
    deep = "<font>" * 300
    html = f"<html><body>{ARTICLE}{deep}<p>Deep down, the last paragraph of an old page.</p></body></html>"
    assert "Deep down" in nk.read_page(html).page_text


def test_the_log_of_a_mixed_folder_finds_the_text_files_site_templates(tmp_path: Path) -> None:
    """Pages beside texts of one site: the texts' template line is removed, and logged, as without pages."""
    rows = ["file,url", "vienna.html,"]
    (tmp_path / "vienna.html").write_text(PAGE, encoding="utf-8")
    for k in range(4):
        body = f"Report {k} on the talks: the delegations met again on day {k} and spoke of progress.\n"
        (tmp_path / f"t{k}.txt").write_text(
            f"Vienna Daily Bulletin weekend edition\n\n{body}", encoding="utf-8"
        )
        rows.append(f"t{k}.txt,https://www.example.org/news/{k}")
    (tmp_path / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    docs = nk.load_corpus(tmp_path)
    assert not any("Bulletin" in t for t in docs["text"].iloc[1:])
    log = nk.cleaning_log(docs)
    assert set(log.loc[log["removed_text"].str.contains("Bulletin"), "doc_id"]) == {"t0", "t1", "t2", "t3"}
