"""Every result says what it is: the one schema of ``attrs`` (nkresearch.analysis.core.results)."""

from __future__ import annotations

import inspect

import pandas as pd
import pytest

import nkresearch as nk
from nkresearch.analysis.core.checks import UNITS
from nkresearch.analysis.core.results import ANALYSES, SCHEMA


def _required(name: str, tokens: pd.DataFrame) -> dict[str, object]:
    """The arguments an analysis cannot do without, for the bundled corpus."""
    return {
        "keyness": {"target": "Baku"},
        "keyness_english": {"target": "Baku"},
        "collocates": {"pattern": "negotiat*"},
        "kwic": {"pattern": "karabakh"},
        "dispersion": {"pattern": ["karabakh", "peace"]},
        "lexicon_counts": {"lexicon": nk.read_lexicon("naming")},
        "lexicon_matches": {"lexicon": nk.read_lexicon("naming")},
        "log_odds": {"target": "Baku"},
        "trends": {"pattern": "karabakh", "time": "doc_id"},
        "wordfish": {"by": "actor"},
        "wordscores": {"reference_scores": {"Baku": -1.0, "Stepanakert": 1.0}, "by": "actor"},
        "wordfish_words": {"by": "actor"},
        "wordscores_words": {"reference_scores": {"Baku": -1.0, "Stepanakert": 1.0}, "by": "actor"},
        "similarity": {"n_boot": 0},
    }.get(name, {})


def test_the_public_analyses_are_the_registered_ones() -> None:
    public = {n for n in nk.__all__ if n in ANALYSES}
    assert public == set(ANALYSES)
    assert set(ANALYSES) == {
        "term_frequencies", "ngrams", "keyness", "keyness_english", "keyness_summary", "collocates",
        "collocations", "kwic", "dispersion", "lexical_diversity", "lexicon_counts", "lexicon_matches",
        "voice_summary", "log_odds", "similarity", "trends", "wordfish", "wordfish_words", "wordscores",
        "wordscores_words",
    }  # fmt: skip


@pytest.mark.parametrize("name", sorted(ANALYSES))
def test_every_result_carries_the_schema(name: str, tokens: pd.DataFrame) -> None:
    func = getattr(nk, name)
    table = func(tokens, **_required(name, tokens))
    attrs = table.attrs
    assert set(SCHEMA) <= set(attrs), f"{name}: lacks {set(SCHEMA) - set(attrs)}"
    assert attrs["analysis"] == name
    assert isinstance(attrs["by"], list) and all(isinstance(b, str) for b in attrs["by"])
    assert set(attrs["by"]) <= set(tokens.columns), attrs["by"]
    params = list(inspect.signature(func).parameters)[1:]
    assert attrs["unit"] in UNITS if "unit" in params else attrs["unit"] is None
    missing = [p for p in params if p not in attrs]
    assert not missing, f"{name}: options not recorded: {missing}"
    assert attrs["corpus"] == tokens.attrs.get("corpus", {})
    assert "measure" not in attrs or "measure" in params, "measure names the scoring function only"


def test_by_is_always_a_list_and_follows_the_call(tokens: pd.DataFrame) -> None:
    assert nk.term_frequencies(tokens).attrs["by"] == ["actor"]
    assert nk.term_frequencies(tokens, by=["actor", "kind"]).attrs["by"] == ["actor", "kind"]
    assert nk.kwic(tokens, "karabakh").attrs["by"] == []
    assert nk.voice_summary(tokens).attrs["by"] == ["actor", "kind"]


def test_a_different_shape_is_its_own_function_and_the_old_option_warns(tokens: pd.DataFrame) -> None:
    words = nk.wordfish_words(tokens, by="actor")
    assert words.attrs["analysis"] == "wordfish_words" and list(words.columns) == ["term", "n", "beta", "psi"]
    with pytest.warns(DeprecationWarning, match="wordfish_words"):
        old = nk.wordfish(tokens, by="actor", margin="words")
    pd.testing.assert_frame_equal(old, words)
    reference = {"Baku": -1.0, "Stepanakert": 1.0}
    scores = nk.wordscores_words(tokens, reference, by="actor")
    assert scores.attrs["analysis"] == "wordscores_words" and "score" in scores
    with pytest.warns(DeprecationWarning, match="wordscores_words"):
        pd.testing.assert_frame_equal(nk.wordscores(tokens, reference, by="actor", margin="words"), scores)
    lines = nk.collocations(tokens, measure="pmi", min_freq=2)
    assert lines.attrs["measure"] == "pmi"


def test_show_carries_each_texts_columns_and_keeps_the_attrs(tokens: pd.DataFrame) -> None:
    un = nk.corpus_tokens("ungdc", progress=False)
    two = un[un["actor"].isin(["Baku", "Yerevan"])]
    wf = nk.wordfish(two, min_freq=5, tol=1e-4, show=["actor", "year"])
    assert list(wf.columns[:3]) == ["doc_id", "actor", "year"] and wf.attrs["analysis"] == "wordfish"
    speeches = two[["doc_id", "actor", "year"]].drop_duplicates().astype({"doc_id": str, "actor": str})
    joined = wf[["doc_id", "actor", "year"]].merge(speeches, on="doc_id", suffixes=("", "_t"))
    assert len(joined) == len(wf) and (joined["actor"] == joined["actor_t"]).all()
    assert (joined["year"] == joined["year_t"]).all()
    seeds = nk.wordfish(tokens, tol=1e-4, show="actor")  # news articles: several voices each
    main = tokens.groupby(["doc_id", "actor"], observed=True).size().reset_index(name="n")
    main = main.sort_values(["doc_id", "n", "actor"], ascending=[True, False, True]).drop_duplicates("doc_id")
    assert dict(zip(seeds["doc_id"], seeds["actor"], strict=True)) == dict(
        zip(main["doc_id"].astype(str), main["actor"].astype(str), strict=True)
    )
    with pytest.raises(nk.NKResearchError, match="not a column"):
        nk.wordfish(two, show="speaker_age")
