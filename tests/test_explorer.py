"""The explorer page: complete counts, bounded lines, escaped text, and a real browser."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest
from conftest import chrome_driver, need_browser, need_firefox, toy_tokens

import nkresearch as nk

EXPLORER = sys.modules["nkresearch.report.explorer"]
PAYLOAD = 'Baku said <script>window.pwned = 1</script> and <img src=x onerror="window.pwned = 2"> zzpayload'


def test_the_counts_are_complete_and_the_lines_bounded(tokens: pd.DataFrame) -> None:
    data = EXPLORER.explorer_data(tokens, min_freq=1, lines_per_group=2)
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
    seen: dict[tuple[int, int], int] = {}
    for line in data["lines"]:
        seen[(line[0], line[1])] = seen.get((line[0], line[1]), 0) + 1
        term = terms[line[0]][0]
        if re.fullmatch(r"[a-z]+", term):
            assert line[7].lower() == term  # the line's match is an occurrence of its term
    assert max(seen.values()) == 2
    small = EXPLORER.explorer_data(tokens, min_freq=1, max_lines=50)
    assert len(small["lines"]) == 50


def test_corpus_text_is_escaped_in_the_page(tmp_path: Path) -> None:
    tok = toy_tokens(
        {"Baku": [PAYLOAD, "Baku said zzpayload again."], "Yerevan": ["Yerevan said zzpayload."]}
    )
    page = nk.explorer(tok, out=tmp_path / "page.html", min_freq=1)
    text = page.read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="data">(.*?)</script>', text, re.S)
    assert data is not None and "<" not in data.group(1) and "window.pwned" in data.group(1)
    assert json.loads(data.group(1))["groups"] == ["Baku", "Yerevan"]


def _open(driver: object, page: Path) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(page.as_uri())  # type: ignore[attr-defined]
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return window.nkExplorerReady === true"))


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
def test_the_un_explorer_in_a_real_browser(tmp_path: Path) -> None:
    need_browser()
    from selenium.webdriver.support.ui import Select

    un = nk.periods(nk.corpus_tokens("ungdc", progress=False), ["1992-2019", "2020-2023", "2024-"])
    page = nk.explorer(un, out=tmp_path / "un.html")
    assert page.stat().st_size <= 10_000_000  # the bound for the UN subset
    driver = chrome_driver(tmp_path / "profile")
    try:
        _open(driver, page)
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
    finally:
        driver.quit()  # type: ignore[attr-defined]


@pytest.mark.slow
def test_a_payload_in_the_corpus_does_not_run(tmp_path: Path) -> None:
    need_browser()
    tok = toy_tokens(
        {"Baku": [PAYLOAD, "Baku said zzpayload again."], "Yerevan": ["Yerevan said zzpayload."]}
    )
    page = nk.explorer(tok, out=tmp_path / "payload.html", min_freq=1)
    driver = chrome_driver(tmp_path / "profile")
    try:
        _open(driver, page)
        rows = _search(driver, "zzpayload")
        shown = " ".join(" ".join(r) for r in rows)
        assert 'onerror="window.pwned = 2">' in shown  # the markup shows as text
        assert driver.execute_script("return typeof window.pwned") == "undefined"  # type: ignore[attr-defined]
    finally:
        driver.quit()  # type: ignore[attr-defined]


@pytest.mark.slow
def test_the_readme_screenshot_shows_the_current_page() -> None:
    from PIL import Image

    shot = Path(__file__).resolve().parents[1] / "docs" / "screenshots" / "explorer.png"
    recorded = Image.open(shot).text.get("nkresearch-explorer")  # type: ignore[attr-defined]
    assert recorded == EXPLORER.interface_digest(), (
        "docs/screenshots/explorer.png is of an older explorer: run scripts/screenshot_explorer.py"
    )


@pytest.mark.slow
def test_the_explorer_works_in_firefox(tmp_path: Path) -> None:
    """The same page in headless Firefox, driven through its Marionette port (no geckodriver)."""
    need_firefox()
    with warnings.catch_warnings():  # the client's own imports (mozinfo, mozrunner) use deprecated APIs
        warnings.simplefilter("ignore", DeprecationWarning)
        from marionette_driver.marionette import Marionette

    un = nk.periods(nk.corpus_tokens("ungdc", progress=False), ["1992-2019", "2020-2023", "2024-"])
    page = nk.explorer(un, out=tmp_path / "un.html")
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
    driver = chrome_driver(tmp_path / "profile")
    try:
        _open(driver, page)
        Select(driver.find_element("id", "dim")).select_by_visible_text("kind")  # type: ignore[attr-defined]
        Select(driver.find_element("id", "group-a")).select_by_visible_text("quote")  # type: ignore[attr-defined]
        Select(driver.find_element("id", "group-b")).select_by_visible_text("narration")  # type: ignore[attr-defined]
        rows = _search(driver, "karabakh")
        assert rows and {r[2] for r in rows} <= {"quote", "narration"}
        said = driver.find_element("id", "term-stats").text  # type: ignore[attr-defined]
        quoted = tokens[(tokens["kind"] == "quote") & (tokens["norm"] == "karabakh")]
        assert said.startswith(f"quote {len(quoted)} of ")
    finally:
        driver.quit()  # type: ignore[attr-defined]


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


def test_the_data_carries_each_cell_and_line_language() -> None:
    tok = _mixed_tokens()
    data = EXPLORER.explorer_data(tok, min_freq=1)
    assert data["languages"] == ["az", "en", "hy", "ru"]
    words = nk.voice_summary(tok, by=["language", "actor"]).set_index(["language", "actor"])["words"]
    per_cell = {(data["languages"][c[4]], data["groups"][c[0]]): c[3] for c in data["cells"]}
    assert per_cell == {key: int(n) for key, n in words.items() if n > 0}
    osce = next(k for k, t in enumerate(data["terms"]) if t[0] == "osce")
    assert sorted(data["languages"][line[9]] for line in data["lines"] if line[0] == osce) == [
        "az",
        "en",
        "en",
        "en",
    ]
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
    driver = chrome_driver(tmp_path / "profile")
    try:
        _open(driver, page)
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
    finally:
        driver.quit()  # type: ignore[attr-defined]
