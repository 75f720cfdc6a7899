"""One grammar: every analysis has a figure (nk.plot) and sentences (nk.describe), read from its attrs."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from matplotlib.figure import Figure

import nkresearch as nk
from nkresearch.analysis.core.results import ANALYSES
from nkresearch.config import PROJECT_DIR
from nkresearch.plots import PLOTS
from nkresearch.report import DESCRIBERS


def _call(name: str, tokens: pd.DataFrame) -> pd.DataFrame:
    needs: dict[str, dict[str, object]] = {
        "keyness": {"target": "Baku"},
        "keyness_english": {"target": "Baku"},
        "collocates": {"pattern": "negotiat*"},
        "kwic": {"pattern": "karabakh"},
        "dispersion": {"pattern": ["karabakh", "peace", "artsakh"]},
        "lexicon_counts": {"lexicon": nk.read_lexicon("naming")},
        "lexicon_matches": {"lexicon": nk.read_lexicon("naming")},
        "log_odds": {"target": "Baku"},
        "trends": {"pattern": ["karabakh", "artsakh"], "time": "doc_id"},
        "wordfish": {"by": "actor"},
        "wordfish_words": {"by": "actor"},
        "wordscores": {"reference_scores": {"Baku": -1.0, "Stepanakert": 1.0}, "by": "actor"},
        "wordscores_words": {"reference_scores": {"Baku": -1.0, "Stepanakert": 1.0}, "by": "actor"},
        "similarity": {"n_boot": 20},
    }
    return getattr(nk, name)(tokens, **needs.get(name, {}))  # type: ignore[no-any-return]


def test_every_analysis_and_shape_has_a_figure_and_sentences() -> None:
    assert set(PLOTS) == set(DESCRIBERS) == set(ANALYSES)


@pytest.mark.parametrize("name", sorted(ANALYSES))
def test_plot_and_describe_work_on_every_analysis_table(name: str, tokens: pd.DataFrame) -> None:
    table = _call(name, tokens)
    assert table.attrs["analysis"] == name
    fig = nk.plot(table)
    assert isinstance(fig, Figure) and fig is not None
    text = " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))
    assert "nkresearch" in text, name  # the source line
    prose = nk.describe(table)
    assert prose.findings and all(isinstance(s, str) and s for s in prose.findings), name
    # a bold number is a count of the table: a cell, a column's sum, or how many rows have a value
    derived = {float(v) for v in table.select_dtypes("number").to_numpy().ravel() if pd.notna(v)}
    derived |= {float(v) for v in table.select_dtypes("number").sum()}
    numeric = list(table.select_dtypes("number").columns)
    for column in table.columns:
        derived |= {float(v) for v in table[column].astype(str).value_counts()}
        if column not in numeric and numeric:
            sums = table.groupby(column, observed=True)[numeric].sum()
            derived |= {float(v) for v in sums.to_numpy().ravel()}
    for bold in re.findall(r"\*\*([\d,]+)\*\*", prose.markdown()):
        value = float(bold.replace(",", ""))
        assert value in derived or value <= len(table), f"{name}: **{bold}** is no count of the table"


def test_the_grammar_dispatches_on_what_the_table_says_it_is(tokens: pd.DataFrame) -> None:
    key = nk.keyness(tokens, target="Baku")
    assert nk.describe(key) == nk.describe_keyness(key)
    assert nk.describe(key, top=2) == nk.describe_keyness(key, top=2)
    with pytest.raises(nk.NKResearchError, match=r"no attrs\['analysis'\].*read back from a file"):
        nk.plot(pd.DataFrame({"term": ["a"], "n": [1]}))
    renamed = key.copy()
    renamed.attrs["analysis"] = "horoscope"
    with pytest.raises(nk.NKResearchError, match="no figure or sentences for 'horoscope'"):
        nk.describe(renamed)
    with pytest.raises(nk.NKResearchError, match="not list"):
        nk.plot([1, 2])  # type: ignore[arg-type]


def test_several_by_columns_are_drawn_and_described_as_one_group_each(tokens: pd.DataFrame) -> None:
    freq = nk.term_frequencies(tokens, by=["actor", "kind"], drop_stop=True)
    fig = nk.plot(freq, top=3)
    titles = {ax.get_title().split("\n")[0] for ax in fig.axes}
    combos = freq[["actor", "kind"]].drop_duplicates().astype(str)
    pairs = {f"{a} | {k}" for a, k in combos.itertuples(index=False)}
    assert any(title.startswith(tuple(pairs)) for title in titles)
    assert " | " in nk.describe(freq).findings[0]


def test_the_manual_maps_every_analysis_to_its_figure_and_sentences() -> None:
    page = (PROJECT_DIR / "docs" / "analyses" / "index.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)` \| `(\w+)` \| `(\w+)` \|$", page, re.M)
    listed = {func: (plot, describe) for func, plot, describe in rows}
    expected = {name: (PLOTS[name].__name__, DESCRIBERS[name].__name__) for name in PLOTS}
    assert listed == expected
