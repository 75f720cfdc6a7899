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
