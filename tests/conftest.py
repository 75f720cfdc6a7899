"""Shared fixtures: the bundled corpus loaded once per test session."""

from __future__ import annotations

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
