"""The explorer page: complete counts, every token and line, escaped text, and a real browser."""

from __future__ import annotations

import base64
import contextlib
import gzip
import json
import re
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import chrome_driver, need_browser, need_firefox, toy_tokens

import nkresearch as nk
from nkresearch.analysis.core.checks import sentence_keys
from nkresearch.analysis.core.patterns import _as_tokenized

EXPLORER = sys.modules["nkresearch.report.explorer"]
PAYLOAD = 'Baku said <script>window.pwned = 1</script> and <img src=x onerror="window.pwned = 2"> zzpayload'
ROWS_JS = (
    "return Array.from(document.querySelectorAll('#lines tbody tr'))"
    ".map(r => Array.from(r.cells).map(c => c.textContent))"
)
STATS_JS = (
    "return Array.from(document.querySelectorAll('#stats tr'))"
    ".map(r => Array.from(r.cells).map(c => c.textContent))"
)


def _unpack(data: dict[str, object]) -> pd.DataFrame:
    """The page's tokens read back from its data, as the page reads them (one row per token)."""
    raw = gzip.decompress(base64.b64decode(str(data["stream"])))
    values, value, shift = [], 0, 0
    for byte in raw:
        value |= (byte & 127) << shift
        shift += 7
        if not byte & 128:
            values.append(value)
            value, shift = 0, 0
    n, n_sentences, n_runs = values[:3]
    form = np.asarray(values[3 : 3 + n]) >> 1
    gap = np.asarray(values[3 : 3 + n]) & 1
    sentence_starts = np.cumsum(values[3 + n : 3 + n + n_sentences])
    runs = np.asarray(values[3 + n + n_sentences :]).reshape(n_runs, 4)
    forms, norms = data["forms"], data["norms"]
    return pd.DataFrame(
        {
            "token": [forms[f][0] for f in form],  # type: ignore[index]
            "norm": [norms[forms[f][1]] for f in form],  # type: ignore[index]
            "is_punct": [bool(forms[f][2]) for f in form],  # type: ignore[index]
            "gap": gap.astype(bool),
            "sentence": np.cumsum(np.isin(np.arange(n), sentence_starts)) - 1,
            "doc": np.repeat(runs[:, 1], runs[:, 0]),
            "cell": np.repeat(runs[:, 2], runs[:, 0]) - 1,
            "speaker": np.repeat(runs[:, 3], runs[:, 0]),
        }
    )


def test_the_counts_are_complete_and_every_token_is_in_the_page(tokens: pd.DataFrame) -> None:
    data = EXPLORER.explorer_data(tokens, min_freq=1)
    groups, cells, terms = data["groups"], data["cells"], data["terms"]
    freq = nk.term_frequencies(tokens, by="actor")
    for term in ("karabakh", "artsakh", "the"):
        k = next(i for i, t in enumerate(terms) if t[0] == term)
        per_group: dict[str, int] = {}
        for cell, n in terms[k][2]:
            per_group[groups[cells[cell][0]]] = per_group.get(groups[cells[cell][0]], 0) + n
        expected = freq[(freq["term"] == term) & (freq["n"] > 0)].set_index("actor")["n"].to_dict()
        assert per_group == {str(g): int(n) for g, n in expected.items()}, term
    words = nk.voice_summary(tokens, by="actor").groupby("actor", observed=True)["words"].sum()
    per_cell: dict[str, int] = {}
    for cell in cells:
        per_cell[groups[cell[0]]] = per_cell.get(groups[cell[0]], 0) + cell[3]
    assert per_cell == {str(g): int(w) for g, w in words.items() if w > 0}
    # every token, in the table's order: its text, norm, the space before it, its sentence, document and voice
    page = _unpack(data)
    table = tokens.reset_index(drop=True)
    assert page["token"].tolist() == table["token"].astype(str).tolist()
    assert page["norm"].tolist() == table["norm"].astype(str).tolist()
    assert page["is_punct"].tolist() == table["is_punct"].tolist()
    start, end = table["start"].to_numpy(), table["end"].to_numpy()
    assert page["gap"].tolist()[1:] == (start[1:] > end[:-1]).tolist()
    keys = sentence_keys(table)
    assert (np.diff(page["sentence"]) != 0).tolist() == (keys[1:] != keys[:-1]).tolist()
    assert [data["documents"][d][0] for d in page["doc"]] == table["doc_id"].astype(str).tolist()
    assert [data["speakers"][s] for s in page["speaker"]] == table["speaker"].astype(str).tolist()
    actor = [groups[cells[c][0]] if c >= 0 else None for c in page["cell"]]
    assert actor == [a if isinstance(a, str) else None for a in table["actor"].astype(object)]


def test_the_page_opens_on_the_largest_groups_or_on_compare(tokens: pd.DataFrame) -> None:
    groups = EXPLORER.explorer_data(tokens)["groups"]
    opened = EXPLORER.explorer_data(tokens)["compare"]
    assert [groups[g] for g in opened] == nk.largest_groups(tokens, top=2)
    chosen = EXPLORER.explorer_data(tokens, compare=("Stepanakert", "Baku"))["compare"]
    assert chosen == [groups.index("Stepanakert"), groups.index("Baku")]
    rest = EXPLORER.explorer_data(tokens, compare=("Baku", "rest"))["compare"]
    assert rest == [groups.index("Baku"), EXPLORER.REST]
    with pytest.raises(nk.NKResearchError, match=r"'Bakuu' is not a group of by='actor'; choose two of"):
        EXPLORER.explorer_data(tokens, compare=("Bakuu", "Yerevan"))


def test_corpus_text_is_escaped_in_the_page(tmp_path: Path) -> None:
    tok = toy_tokens(
        {"Baku": [PAYLOAD, "Baku said zzpayload again."], "Yerevan": ["Yerevan said zzpayload."]}
    )
    page = nk.explorer(tok, out=tmp_path / "page.html", min_freq=1)
    text = page.read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="data">(.*?)</script>', text, re.S)
    assert data is not None and "<" not in data.group(1)
    parsed = json.loads(data.group(1))
    assert parsed["groups"] == ["Baku", "Yerevan"]
    # the payload is in the page, whole, as data: its tokens joined as the page joins them
    tokens = _unpack(parsed)
    first = tokens[tokens["doc"] == tokens["doc"].iloc[0]]
    joined = "".join(
        (" " if gap and k else "") + t
        for k, (t, gap) in enumerate(zip(first["token"], first["gap"], strict=True))
    )
    assert joined == PAYLOAD


UN_PERIODS = ["1992-2019", "2020-2023", "2024-"]


@pytest.fixture(scope="module")
def un_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, Path]:
    """The UN subset's tokens and its explorer page (built once for the browser tests)."""
    un = nk.periods(nk.corpus_tokens("ungdc", progress=False), UN_PERIODS)
    return un, nk.explorer(un, out=tmp_path_factory.mktemp("un") / "un.html")


def _select(driver: object, select: str, text: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element("id", select)).select_by_visible_text(text)  # type: ignore[attr-defined]


def _text(driver: object, element: str) -> str:
    return str(driver.execute_script(f"return document.getElementById('{element}').textContent"))  # type: ignore[attr-defined]


def _open(driver: object, page: Path) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(page.as_uri())  # type: ignore[attr-defined]
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return window.nkExplorerReady === true"))


@contextlib.contextmanager
def _opened(tmp_path: Path, page: Path) -> Iterator[object]:
    """Headless Chromium on ``page``, loaded; closed after the block."""
    driver = chrome_driver(tmp_path / "profile")
    try:
        _open(driver, page)
        yield driver
    finally:
        driver.quit()  # type: ignore[attr-defined]


def _search(driver: object, term: str) -> list[list[str]]:
    from selenium.webdriver.common.keys import Keys

    box = driver.find_element("id", "search")  # type: ignore[attr-defined]
    box.clear()
    box.send_keys(term, Keys.ENTER)
    rows: list[list[str]] = driver.execute_script(  # type: ignore[attr-defined]
        "return Array.from(document.querySelectorAll('#lines tbody tr'))"
        ".map(r => Array.from(r.cells).map(c => c.textContent))"
    )
    return rows


@pytest.mark.slow
def test_the_un_explorer_in_a_real_browser(tmp_path: Path, un_page: tuple[pd.DataFrame, Path]) -> None:
    need_browser()
    from selenium.webdriver.support.ui import Select

    un, page = un_page
    assert page.stat().st_size <= 5_000_000  # the bound for the UN subset, every token in it
    with _opened(tmp_path, page) as driver:
        Select(driver.find_element("id", "group-a")).select_by_visible_text("Baku")  # type: ignore[attr-defined]
        Select(driver.find_element("id", "group-b")).select_by_visible_text("Yerevan")  # type: ignore[attr-defined]
        rows = _search(driver, "occupied")
        assert rows and all(r[6].lower() == "occupied" for r in rows)
        assert {r[0] for r in rows} == {"Baku", "Yerevan"}  # both sides' lines, each with its actor
        stats = driver.execute_script(  # type: ignore[attr-defined]
            "return Array.from(document.querySelectorAll('#stats tr'))"
            ".map(r => Array.from(r.cells).map(c => c.textContent))"
        )
        counts = nk.term_frequencies(un, by="actor")
        baku = counts[(counts["actor"] == "Baku") & (counts["term"] == "occupied")]["n"].item()
        assert ["Baku", str(baku)] == stats[[s[0] for s in stats].index("Baku")][:2]
        trace = driver.execute_script(  # type: ignore[attr-defined]
            "var t = document.getElementById('plot').data[0]; return [t.customdata, t.text]"
        )
        assert len(trace[0]) > 1000
        terms = json.loads(re.search(r'id="data">(.*?)</script>', page.read_text("utf-8"), re.S).group(1))[
            "terms"
        ]
        # every term the page plots: the z its hover prints (two decimals) is nk.log_odds's
        expected = nk.log_odds(un, target="Baku", reference="Yerevan").set_index("term")["z"]
        shown = {
            terms[k][0]: float(re.search(r"z = (-?[\d.]+)", text).group(1))
            for k, text in zip(*trace, strict=True)
        }
        assert "azerbaijan" in shown and len(shown) == len(trace[0])
        off = {t: (z, float(expected[t])) for t, z in shown.items() if abs(z - float(expected[t])) > 0.0051}
        assert not off, f"{len(off)} of {len(shown)} terms differ from nk.log_odds: {list(off.items())[:5]}"
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]  # type: ignore[attr-defined]
        assert not errors, errors
        fetched = driver.execute_script("return performance.getEntriesByType('resource').map(r => r.name)")  # type: ignore[attr-defined]
        assert fetched == [], f"the page asked for {fetched}"


def _kwic_rows(tokens: pd.DataFrame, pattern: str | list[str], groups: list[str]) -> list[list[str]]:
    """nk.kwic's lines of the page's groups, as the page's rows show them (no date column)."""
    lines = nk.kwic(tokens, pattern, window=6)
    lines = lines[lines["actor"].isin(groups)]
    return lines[["actor", "speaker", "kind", "doc_id", "left", "match", "right"]].values.tolist()


@pytest.mark.slow
def test_every_line_of_a_pattern_is_on_the_un_page(
    tmp_path: Path, un_page: tuple[pd.DataFrame, Path]
) -> None:
    """A word, a glob, phrases and a|b: the page's lines are nk.kwic's, all of them, in text order."""
    need_browser()
    un, page = un_page
    groups = sorted(un["actor"].dropna().astype(str).unique())
    with _opened(tmp_path, page) as driver:
        _select(driver, "group-a", "Baku")
        _select(driver, "group-b", "the rest")  # every group's lines
        shown = {}
        for query, pattern in [
            ("artsakh", "artsakh"),
            ("occupied", "occupied"),
            ("transferred", "transferred"),
            ("artsakh*", "artsakh*"),
            ("occupied territories", "occupied territories"),
            ("Nagorno Karabakh", "Nagorno Karabakh"),  # the tokenizer's one token nagorno-karabakh
            ("occupied|artsakh", ["occupied", "artsakh"]),
        ]:
            rows = _search(driver, query)
            expected = _kwic_rows(un, pattern, groups)
            assert [r[:4] + r[5:] for r in rows] == expected, query
            shown[query] = len(rows)
        assert shown["artsakh"] == 21 and shown["occupied"] == 173 and shown["transferred"] == 6
        assert shown["Nagorno Karabakh"] == 197 and shown["occupied|artsakh"] == 21 + 173
        assert not driver.execute_script("return window.nkErrors")  # type: ignore[attr-defined]


@pytest.mark.slow
def test_a_search_reads_a_phrase_as_the_tokenizer_does(
    tmp_path: Path, un_page: tuple[pd.DataFrame, Path]
) -> None:
    """The page reads a phrase as the tokenizer does: multi-word names, clitics, abbreviations, dashes."""
    need_browser()
    phrases = [
        "Nagorno Karabakh",
        "OSCE Minsk Group",
        "security council",
        "Azerbaijan's",
        "don't",
        "U.S. policy",
        "Mr. Aliyev",
        "1990s",
        "21st-century",
        "44-day war",
        "Nagorno–Karabakh",
        "“occupied”",
        "it’s",
        "3.5%",
        "co-chairs",
    ]
    driver = chrome_driver(tmp_path / "profile")
    try:
        _open(driver, un_page[1])
        read = driver.execute_script("return arguments[0].map(p => window.nkExplorer.tokenize(p))", phrases)  # type: ignore[attr-defined]
        assert {p: tuple(r) for p, r in zip(phrases, read, strict=True)} == {
            p: _as_tokenized(p, "norm") for p in phrases
        }
    finally:
        driver.quit()  # type: ignore[attr-defined]


@pytest.mark.slow
def test_a_search_offers_the_other_spellings_of_a_name(
    tmp_path: Path, un_page: tuple[pd.DataFrame, Path]
) -> None:
    """Karabakh finds what nk.kwic finds, and offers nagorno-karabakh, nagorny-karabakh and Garabagh."""
    need_browser()
    un, page = un_page
    groups = sorted(un["actor"].dropna().astype(str).unique())
    with _opened(tmp_path, page) as driver:
        _select(driver, "group-a", "Baku")
        _select(driver, "group-b", "the rest")
        assert len(_search(driver, "Karabakh")) == len(_kwic_rows(un, "Karabakh", groups)) == 28
        offered = _text(driver, "related")
        for term, n in [("nagorno-karabakh", 197), ("nagorny-karabakh", 157), ("Garabagh", 5)]:
            assert f"{term} ({n}" in offered, offered
        driver.find_element("xpath", "//p[@id='related']/button[last()]").click()  # type: ignore[attr-defined]
        together = str(driver.find_element("id", "search").get_attribute("value"))  # type: ignore[attr-defined]
        rows = driver.execute_script(ROWS_JS)  # type: ignore[attr-defined]
        assert len(rows) == len(_kwic_rows(un, together.split("|"), groups)) >= 28 + 197 + 157 + 5


@pytest.mark.slow
def test_a_miss_clears_the_pane_and_zero_against_zero_has_no_ratio(
    tmp_path: Path, un_page: tuple[pd.DataFrame, Path]
) -> None:
    need_browser()
    driver = chrome_driver(tmp_path / "profile")
    try:
        _open(driver, un_page[1])
        _select(driver, "group-a", "Baku")
        _select(driver, "group-b", "Yerevan")
        assert _search(driver, "occupied")
        assert _search(driver, "artsakk") == []  # no line of the previous term left
        assert driver.execute_script(STATS_JS) == []  # type: ignore[attr-defined]
        assert _text(driver, "term-stats") == "" and _text(driver, "term-title") == "No match for “artsakk”"
        assert "artsakh (21)" in _text(driver, "suggest")  # the nearest term offered
        _select(driver, "group-a", "Ankara")
        _select(driver, "group-b", "Baku")
        assert _search(driver, "artsakh") == []  # Yerevan's word: neither side uses it
        said = _text(driver, "term-stats")
        assert said.startswith("Ankara 0 of ") and "Baku 0 of " in said and "n/a" in said
        assert "log ratio =" not in said and "z =" not in said
    finally:
        driver.quit()  # type: ignore[attr-defined]


@pytest.mark.slow
def test_the_page_opens_on_the_largest_groups_and_labels_the_most_distinctive(
    tmp_path: Path, un_page: tuple[pd.DataFrame, Path]
) -> None:
    need_browser()
    un, page = un_page
    with _opened(tmp_path, page) as driver:
        opened = driver.execute_script(  # type: ignore[attr-defined]
            "return ['group-a', 'group-b'].map(id => { var s = document.getElementById(id);"
            " return s.options[s.selectedIndex].text; })"
        )
        assert opened == nk.largest_groups(un, top=2)
        labels = driver.execute_script(  # type: ignore[attr-defined]
            "return document.getElementById('plot').layout.annotations.map(a => a.text)"
        )
        firsts = driver.execute_script(  # type: ignore[attr-defined]
            "return ['top-a', 'top-b'].map(id => document.querySelector('#' + id + ' button').textContent)"
        )
        # the most distinctive term of each side (first in its list) is named on the scatter
        assert len(firsts) == 2 and all(f.rsplit(" (", 1)[0] in labels for f in firsts), (firsts, labels)


@pytest.mark.slow
def test_lines_sort_by_group_period_and_kind(tmp_path: Path, tokens: pd.DataFrame) -> None:
    need_browser()
    tok = nk.periods(tokens, ["2012-2018", "2019-"])
    page = nk.explorer(tok, out=tmp_path / "seeds.html")
    data = EXPLORER.explorer_data(tok)
    with _opened(tmp_path, page) as driver:
        _select(driver, "group-a", "Baku")
        _select(driver, "group-b", "the rest")
        in_text_order = _search(driver, "karabakh")
        assert len({r[0] for r in in_text_order}) > 1 and len({r[2] for r in in_text_order}) > 1
        for by, column, order in [("group", 0, data["groups"]), ("kind", 2, data["kinds"])]:
            _select(driver, "sort-lines", by)
            rows = driver.execute_script(ROWS_JS)  # type: ignore[attr-defined]
            assert rows == sorted(in_text_order, key=lambda r, c=column, o=order: o.index(r[c])), by
        _select(driver, "sort-lines", "period")
        rows = driver.execute_script(ROWS_JS)  # type: ignore[attr-defined]
        period_of = dict(zip(tok["doc_id"].astype(str), tok["period"].astype(str), strict=False))
        assert [period_of[r[3]] for r in rows] == sorted(period_of[r[3]] for r in in_text_order)
        assert sorted(rows) == sorted(in_text_order)


@pytest.mark.slow
def test_the_page_fits_a_phone(tmp_path: Path, un_page: tuple[pd.DataFrame, Path]) -> None:
    """A viewport tag (else a phone shows the page at desktop width, its text tiny); nothing wider than it."""
    need_browser()
    text = un_page[1].read_text(encoding="utf-8")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
    driver = chrome_driver(tmp_path / "profile")
    try:
        driver.set_window_size(400, 900)  # type: ignore[attr-defined]
        _open(driver, un_page[1])
        _select(driver, "group-a", "Baku")
        _select(driver, "group-b", "Yerevan")
        assert _search(driver, "occupied")
        width, scrolled = driver.execute_script(  # type: ignore[attr-defined]
            "return [document.documentElement.clientWidth, document.documentElement.scrollWidth]"
        )
        assert width <= 400 and scrolled <= width  # the lines wrap instead of running off the screen
    finally:
        driver.quit()  # type: ignore[attr-defined]


@pytest.mark.slow
def test_a_payload_in_the_corpus_does_not_run(tmp_path: Path) -> None:
    need_browser()
    tok = toy_tokens(
        {"Baku": [PAYLOAD, "Baku said zzpayload again."], "Yerevan": ["Yerevan said zzpayload."]}
    )
    page = nk.explorer(tok, out=tmp_path / "payload.html", min_freq=1)
    with _opened(tmp_path, page) as driver:
        rows = _search(driver, "zzpayload")
        shown = " ".join(" ".join(r) for r in rows)
        assert 'onerror="window.pwned = 2">' in shown  # the markup shows as text
        assert driver.execute_script("return typeof window.pwned") == "undefined"  # type: ignore[attr-defined]


@pytest.mark.slow
def test_the_readme_screenshot_shows_the_current_page() -> None:
    from PIL import Image

    shot = Path(__file__).resolve().parents[1] / "docs" / "screenshots" / "explorer.png"
    recorded = Image.open(shot).text.get("nkresearch-explorer")  # type: ignore[attr-defined]
    assert recorded == EXPLORER.interface_digest(), (
        "docs/screenshots/explorer.png is of an older explorer: run scripts/screenshot_explorer.py"
    )


@pytest.mark.slow
def test_the_explorer_works_in_firefox(tmp_path: Path, un_page: tuple[pd.DataFrame, Path]) -> None:
    """The same page in headless Firefox, driven through its Marionette port (no geckodriver)."""
    need_firefox()
    with warnings.catch_warnings():  # the client's own imports (mozinfo, mozrunner) use deprecated APIs
        warnings.simplefilter("ignore", DeprecationWarning)
        from marionette_driver.marionette import Marionette

    page = un_page[1]
    with socket.socket() as probe:  # a free port for Marionette
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    profile = tmp_path / "firefox-profile"
    profile.mkdir()
    (profile / "user.js").write_text(f'user_pref("marionette.port", {port});\n', encoding="utf-8")
    firefox = subprocess.Popen(
        ["firefox-esr", "--headless", "--marionette", "--no-remote", "--profile", str(profile)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        client = Marionette(host="127.0.0.1", port=port)
        client.start_session()

        def run(script: str) -> object:
            return client.execute_script(script, sandbox=None)  # the page's own window

        client.navigate(page.as_uri())
        deadline = time.monotonic() + 30
        while run("return window.nkExplorerReady === true") is not True:
            assert time.monotonic() < deadline, "the page did not get ready in Firefox"
            time.sleep(0.1)
        assert run("return window.nkErrors") == []
        groups = run("return JSON.parse(document.getElementById('data').textContent).groups")
        assert isinstance(groups, list)
        run(
            "var a = document.getElementById('group-a'), b = document.getElementById('group-b');"
            f"a.value = '{groups.index('Baku')}'; a.dispatchEvent(new Event('change'));"
            f"b.value = '{groups.index('Yerevan')}'; b.dispatchEvent(new Event('change'));"
            "var s = document.getElementById('search'); s.value = 'occupied';"
            "s.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'}));"
        )
        rows = run(
            "return Array.from(document.querySelectorAll('#lines tbody tr'))"
            ".map(r => Array.from(r.cells).map(c => c.textContent))"
        )
        assert isinstance(rows, list) and rows
        assert {r[0] for r in rows} == {"Baku", "Yerevan"} and all(r[6].lower() == "occupied" for r in rows)
        assert run("return performance.getEntriesByType('resource').length") == 0
        client.delete_session()
    finally:
        firefox.terminate()
        firefox.wait(timeout=30)


@pytest.mark.slow
def test_any_dimension_can_be_compared(tmp_path: Path, tokens: pd.DataFrame) -> None:
    """Kinds of passage against each other (quotes against narration), the actors as a filter."""
    need_browser()
    from selenium.webdriver.support.ui import Select

    page = nk.explorer(tokens, out=tmp_path / "seeds.html")
    with _opened(tmp_path, page) as driver:
        Select(driver.find_element("id", "dim")).select_by_visible_text("kind")  # type: ignore[attr-defined]
        Select(driver.find_element("id", "group-a")).select_by_visible_text("quote")  # type: ignore[attr-defined]
        Select(driver.find_element("id", "group-b")).select_by_visible_text("narration")  # type: ignore[attr-defined]
        rows = _search(driver, "karabakh")
        assert rows and {r[2] for r in rows} <= {"quote", "narration"}
        said = driver.find_element("id", "term-stats").text  # type: ignore[attr-defined]
        quoted = tokens[(tokens["kind"] == "quote") & (tokens["norm"] == "karabakh")]
        assert said.startswith(f"quote {len(quoted)} of ")


MIXED = {  # invented texts: (language, actor) -> text; "osce" is written in English and Azerbaijani
    ("en", "Baku"): "Baku told the OSCE that talks on Karabakh go on. The OSCE agreed.",
    ("en", "Yerevan"): "Yerevan told the OSCE that Artsakh must be heard.",
    ("az", "Baku"): "Bakı OSCE ilə danışıqlar barədə bildirib ki, Qarabağ Azərbaycandır.",
    ("ru", "Baku"): "Баку заявил ОБСЕ, что переговоры о Карабахе продолжатся.",
    ("hy", "Yerevan"): "Երևանը ԵԱՀԿ-ին հայտարարեց, որ Արցախի ժողովուրդը պետք է լսելի լինի։",
}


def _mixed_tokens() -> pd.DataFrame:
    rows = [
        {
            "doc_id": f"{lang}-{actor}",
            "seg_id": 0,
            "start": 0,
            "end": len(text),
            "text": text,
            "actor": actor,
            "speaker": actor,
            "kind": "statement",
            "language": lang,
        }
        for (lang, actor), text in MIXED.items()
    ]
    return nk.tokenize(pd.DataFrame(rows))


def test_the_data_carries_each_cell_and_token_language() -> None:
    tok = _mixed_tokens()
    data = EXPLORER.explorer_data(tok, min_freq=1)
    assert data["languages"] == ["az", "en", "hy", "ru"]
    words = nk.voice_summary(tok, by=["language", "actor"]).set_index(["language", "actor"])["words"]
    per_cell = {(data["languages"][c[4]], data["groups"][c[0]]): c[3] for c in data["cells"]}
    assert per_cell == {key: int(n) for key, n in words.items() if n > 0}
    page = _unpack(data)
    osce = page[page["norm"] == "osce"]
    assert sorted(data["languages"][data["cells"][c][4]] for c in osce["cell"]) == ["az", "en", "en", "en"]
    one = EXPLORER.explorer_data(tok[tok["language"] == "en"], min_freq=1)
    assert one["languages"] == ["en"]


@pytest.mark.slow
def test_the_language_filter_in_a_real_browser(tmp_path: Path, tokens: pd.DataFrame) -> None:
    """Counting one language: the words, the term's counts and its lines are that language's only."""
    need_browser()
    from selenium.webdriver.support.ui import Select

    tok = _mixed_tokens()
    page = nk.explorer(tok, out=tmp_path / "mixed.html", min_freq=1)
    single = nk.explorer(tokens, out=tmp_path / "seeds.html")
    stats_js = (
        "return Array.from(document.querySelectorAll('#stats tr'))"
        ".map(r => Array.from(r.cells).map(c => c.textContent))"
    )
    with _opened(tmp_path, page) as driver:
        box = driver.find_element("id", "languages")  # type: ignore[attr-defined]
        assert box.is_displayed() and box.text.split() == ["Languages", "counted", "az", "en", "hy", "ru"]
        dims = [o.text for o in Select(driver.find_element("id", "dim")).options]  # type: ignore[attr-defined]
        assert "language" not in dims  # a filter, not a side to compare
        Select(driver.find_element("id", "group-a")).select_by_visible_text("Baku")  # type: ignore[attr-defined]
        Select(driver.find_element("id", "group-b")).select_by_visible_text("Yerevan")  # type: ignore[attr-defined]
        rows = _search(driver, "osce")
        # Baku: en twice, az once; Yerevan: en
        assert sorted(r[0] for r in rows) == ["Baku", "Baku", "Baku", "Yerevan"]
        stats = {r[0]: r[1:3] for r in driver.execute_script(stats_js)[1:]}  # type: ignore[attr-defined]
        words = nk.voice_summary(tok, by=["language", "actor"]).set_index(["language", "actor"])["words"]
        assert stats["Baku"] == ["3", str(int(words[["en", "az", "ru"]].xs("Baku", level="actor").sum()))]
        for language in ("en", "hy", "ru"):  # keep Azerbaijani only
            driver.find_element(  # type: ignore[attr-defined]
                "xpath", f"//fieldset[@id='languages']//label[normalize-space()='{language}']/input"
            ).click()
        rows = driver.execute_script(  # type: ignore[attr-defined]
            "return Array.from(document.querySelectorAll('#lines tbody tr'))"
            ".map(r => Array.from(r.cells).map(c => c.textContent))"
        )
        assert [(r[0], r[3]) for r in rows] == [("Baku", "az-Baku")]
        stats = {r[0]: r[1:3] for r in driver.execute_script(stats_js)[1:]}  # type: ignore[attr-defined]
        assert stats == {"Baku": ["1", str(int(words["az", "Baku"]))], "Yerevan": ["0", "0"]}
        said = driver.find_element("id", "term-stats").text  # type: ignore[attr-defined]
        assert said.startswith(f"Baku 1 of {int(words['az', 'Baku'])} words, Yerevan 0 of 0")
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]  # type: ignore[attr-defined]
        assert not errors, errors
        _open(driver, single)  # one language: no filter shown
        assert not driver.find_element("id", "languages").is_displayed()  # type: ignore[attr-defined]
