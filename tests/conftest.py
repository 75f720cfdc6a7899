"""Shared fixtures: the bundled corpus loaded once per test session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import nkresearch as nk


@pytest.fixture(scope="session")
def docs() -> pd.DataFrame:
    return nk.load_corpus()


@pytest.fixture(scope="session")
def segments(docs: pd.DataFrame) -> pd.DataFrame:
    return nk.segment_voices(docs)


@pytest.fixture(scope="session")
def tokens(segments: pd.DataFrame) -> pd.DataFrame:
    return nk.tokenize(segments)


@pytest.fixture(scope="session")
def texts(docs: pd.DataFrame) -> dict[str, str]:
    return dict(zip(docs["doc_id"], docs["text"], strict=True))


def toy_tokens(groups: dict[str, list[str]], **options: object) -> pd.DataFrame:
    """A tokens table from short texts: one document per text, its group as actor."""
    rows = []
    for actor, texts in groups.items():
        for k, text in enumerate(texts):
            rows.append(
                {
                    "doc_id": f"{actor}{k}",
                    "seg_id": 0,
                    "start": 0,
                    "text": text,
                    "actor": actor,
                    "speaker": actor,
                    "kind": "statement",
                }
            )
    return nk.tokenize(pd.DataFrame(rows), **options)  # type: ignore[arg-type]


def need_browser() -> None:
    """Skip (here) or fail (in CI) a test that needs headless Chromium when it is missing."""
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        if os.environ.get("CI"):
            pytest.fail("chromium and chromedriver are missing: .ci/run must install them")
        pytest.skip("no chromium here (apt-get install chromium chromium-driver); CI runs this test")


def chrome_driver(profile: Path) -> object:
    """Headless Chromium through selenium, with its console log kept (``driver.get_log("browser")``)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


def need_firefox() -> None:
    """Skip (here) or fail (in CI) a test that needs headless Firefox when it is missing."""
    if not shutil.which("firefox-esr"):
        if os.environ.get("CI"):
            pytest.fail("firefox-esr is missing: .ci/run must install it")
        pytest.skip("no firefox here (apt-get install firefox-esr); CI runs this test")


def assert_same_table(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    """``assert_frame_equal`` for big token tables: categories and codes compared as arrays."""
    assert list(got.columns) == list(expected.columns)
    for col in expected.columns:
        a, b = got[col], expected[col]
        assert a.dtype == b.dtype, col
        if isinstance(b.dtype, pd.CategoricalDtype):
            assert a.cat.categories.tolist() == b.cat.categories.tolist(), col
            assert np.array_equal(a.cat.codes.to_numpy(), b.cat.codes.to_numpy()), col
        else:
            assert np.array_equal(a.to_numpy(), b.to_numpy()), col
