"""Take the manual's screenshot of the explorer (docs/explorer.md): the UN subset, Baku against Yerevan.

The screenshot shows the lines of *occupied*.

Usage: ``python scripts/screenshot_explorer.py`` (needs chromium and chromedriver).
Writes ``docs/screenshots/explorer.png`` with the digest of the page it shows
(``nkresearch.report.explorer.interface_digest``) in a PNG text chunk; a test checks
that digest against the current page, so run this again after changing the explorer.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots" / "explorer.png"
KEY = "nkresearch-explorer"


def main() -> int:
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select, WebDriverWait

    import nkresearch as nk

    explorer = sys.modules["nkresearch.report.explorer"]
    tokens = nk.periods(nk.corpus_tokens("ungdc", progress=False), ["1992-2019", "2020-2023", "2024-"])
    with tempfile.TemporaryDirectory() as folder:
        page = nk.explorer(tokens, out=Path(folder) / "explorer.html")
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for flag in (
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--window-size=1200,1500",
            f"--user-data-dir={folder}/profile",
        ):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
        try:
            driver.get(page.as_uri())
            WebDriverWait(driver, 30).until(
                lambda d: d.execute_script("return window.nkExplorerReady === true")
            )
            Select(driver.find_element("id", "group-a")).select_by_visible_text("Baku")
            Select(driver.find_element("id", "group-b")).select_by_visible_text("Yerevan")
            box = driver.find_element("id", "search")
            box.send_keys("occupied", Keys.ENTER)
            shot = Path(folder) / "shot.png"
            driver.save_screenshot(str(shot))
        finally:
            driver.quit()
        info = PngInfo()
        info.add_text(KEY, explorer.interface_digest())
        OUT.parent.mkdir(parents=True, exist_ok=True)
        Image.open(shot).save(OUT, pnginfo=info, optimize=True)
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
