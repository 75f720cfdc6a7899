"""Plots return figures and write nothing; save_figure writes byte-stable files."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.figure import Figure

import nkresearch as nk
from nkresearch.config import FIGURES_ENV, NOTEBOOK_ENV, figures_dir
from nkresearch.plots.save import read_manifest
from nkresearch.plots.style import text_problems


@pytest.fixture(scope="module")
def figures(tokens: pd.DataFrame) -> dict[str, Figure]:
    folder = figures_dir()
    before = set(folder.glob("*")) if folder.exists() else set()
    figs = {
        "frequencies": nk.plot_frequencies(nk.term_frequencies(tokens, level=0.9), top=6),
        "keyness": nk.plot_keyness(nk.keyness(tokens, target="Stepanakert")),
        "keyness-english": nk.plot_keyness(nk.keyness_english(tokens, target="Baku")),
        "collocates": nk.plot_collocates(nk.collocates(tokens, "negotiat*")),
        "dispersion": nk.plot_dispersion(tokens, ["karabakh", "artsakh", "nagorno-karabakh"]),
        "lexicon": nk.plot_lexicon(nk.lexicon_counts(tokens, nk.read_lexicon("frames"))),
        "voices": nk.plot_voices(nk.voice_summary(tokens)),
        "trends": nk.plot_trends(
            nk.lexicon_counts(tokens, nk.read_lexicon("naming"), by="year", count_by="entry").query(
                "category == 'territory'"
            )
        ),
        "log_odds": nk.plot_log_odds(nk.log_odds(tokens, target="Baku", drop_stop=True)),
        "similarity": nk.plot_similarity(nk.similarity(tokens, n_boot=50)),
        "positions": nk.plot_positions(nk.wordfish(tokens)),
        "term_trends": nk.plot_term_trends(nk.trends(tokens, ["karabakh", "artsakh", "nagorno-karabakh"])),
        "ngrams": nk.plot_ngrams(nk.ngrams(tokens, min_freq=2), top=6),
        "collocations": nk.plot_collocations(nk.collocations(tokens, min_freq=3), top=6),
        "keyness_summary": nk.plot_keyness_summary(nk.keyness_summary(tokens)),
        "diversity": nk.plot_diversity(nk.lexical_diversity(tokens)),
        "dispersion-measures": nk.plot_dispersion(nk.dispersion(tokens, ["karabakh", "artsakh", "peace"])),
        "kwic": nk.plot_kwic(nk.kwic(tokens, "karabakh")),
        "lexicon_matches": nk.plot_lexicon_matches(nk.lexicon_matches(tokens, nk.read_lexicon("naming"))),
        "words": nk.plot_words(nk.wordfish_words(tokens, by="actor")),
        "words-wordscores": nk.plot_words(
            nk.wordscores_words(tokens, {"Baku": -1.0, "Stepanakert": 1.0}, by="actor")
        ),
        "plot-of-a-keyness-table": nk.plot(nk.keyness(tokens, target="Baku")),
    }
    after = set(folder.glob("*")) if folder.exists() else set()
    assert after == before, "a plot function wrote a file"
    return figs


def test_every_plot_returns_a_figure_with_title_units_and_counts(figures: dict[str, Figure]) -> None:
    for name, fig in figures.items():
        assert isinstance(fig, Figure), name
        text = " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))
        assert "nkresearch" in text, f"{name}: no source line"
        if name != "voices":  # the voices figure labels each bar with its total (tested below)
            assert any(c in text for c in ("N =", "f =", "(n = ")), f"{name}: no counts on the figure"
    freq_text = " ".join(ax.get_xlabel() for ax in figures["frequencies"].axes)
    assert "per 10,000 words" in freq_text


def test_rates_and_counts_are_shown_the_same_way_in_every_figure(
    figures: dict[str, Figure], tokens: pd.DataFrame
) -> None:
    """One convention in every figure: a rate is drawn and its axis or title says "per 10,000 words";
    the numbers printed on marks are raw counts (integers), in brackets beside a rate or a
    word, and documents are spelled out ("12 · 3 docs")."""
    printed = re.compile(r"\d[\d,]*(?:\.\d+)?")
    for name, fig in figures.items():
        for ax in fig.axes:
            for text in ax.texts:
                label = text.get_text()
                for inner in re.findall(r"\(([^()]*)\)", label):
                    assert all("." not in n for n in printed.findall(inner)), (name, label)  # a count
                if "doc" in label:
                    assert re.fullmatch(r" \d[\d,]* · \d+ docs?", label), (name, label)
    rated = {"frequencies": "axes", "lexicon": "title", "trends": "axes"}
    for name, where in rated.items():
        fig = figures[name]
        said = (
            fig.get_suptitle()
            if where == "title"
            else " ".join(a.get_xlabel() + a.get_ylabel() for a in fig.axes)
        )
        assert "per 10,000 words" in said.replace("\n", " "), name
    # the labels are the table's counts: n and documents of the frequency bars, o and documents of collocates
    freq = nk.term_frequencies(tokens, level=0.9)
    first = freq[freq["actor"] == freq["actor"].iloc[0]].sort_values(
        ["per_10k", "term"], ascending=[False, True]
    )
    shown = [t.get_text() for t in figures["frequencies"].axes[0].texts]
    expected = [
        f" {n} · {d} doc{'' if d == 1 else 's'}" for n, d in zip(first["n"], first["docs"], strict=True)
    ]
    assert shown == expected[: len(shown)] and len(shown) == 6
    col = nk.collocates(tokens, "negotiat*")
    labels = {t.get_text() for ax in figures["collocates"].axes for t in ax.texts}
    pairs = {f" {o} · {d} doc{'' if d == 1 else 's'}" for o, d in zip(col["o"], col["docs"], strict=True)}
    assert labels <= pairs


def test_group_names_and_words_are_drawn_as_text_never_as_math(tokens: pd.DataFrame) -> None:
    """A group named "$\\frac$" (not valid math) or "$x^2$" draws, and shows its dollar signs."""
    odd = tokens.assign(actor=tokens["actor"].astype(str).replace({"Baku": "$\\frac$", "Media": "$x^2$"}))
    drawn = [
        nk.plot_frequencies(nk.term_frequencies(odd, by="actor"), top=4),
        nk.plot_keyness(nk.keyness(odd, target="$x^2$")),
        nk.plot_collocates(nk.collocates(odd, "negotiat*")),
        nk.plot_lexicon(nk.lexicon_counts(odd, nk.read_lexicon("frames"))),
        nk.plot_voices(nk.voice_summary(odd)),
        nk.plot_dispersion(odd, ["karabakh"], by="actor"),
        nk.plot_log_odds(nk.log_odds(odd, target="$x^2$")),
        nk.plot_similarity(nk.similarity(odd, n_boot=5)),
        nk.plot_term_trends(nk.trends(odd, ["karabakh", "artsakh"])),
    ]
    for fig in drawn:
        fig.savefig(io.BytesIO(), format="png")  # math parsing would raise on "$\\frac$"
        texts = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
        assert any("$x^2$" in text for text in texts)


def test_every_plot_function_is_in_the_figures_tested(figures: dict[str, Figure]) -> None:
    public = {name.removeprefix("plot_") for name in nk.__all__ if name.startswith("plot_")}
    assert public <= {name.split("-")[0] for name in figures}


def test_voices_and_trends_figures_show_their_tables(
    figures: dict[str, Figure], tokens: pd.DataFrame
) -> None:
    summary = nk.voice_summary(tokens)
    ax = figures["voices"].axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(labels) == sorted(summary["actor"].astype(str).unique())
    assert ax.get_xlabel() == "words (tokens that are not punctuation)"
    totals = summary.groupby("actor", observed=True)["words"].sum()
    shown = {t.get_text().strip() for t in ax.texts}
    assert {f"{int(v):,}" for v in totals} <= shown  # each bar carries its total
    trend_ax = figures["trends"].axes[0]
    assert trend_ax.get_ylabel() == "per 10,000 words"
    assert len(trend_ax.get_lines()) >= 2  # one line per name variant used


def test_actor_colours_are_the_same_everywhere(figures: dict[str, Figure]) -> None:
    colors = nk.actor_colors()
    assert colors["Baku"] != colors["Stepanakert"] != colors["Moscow"]
    assert nk.actor_colors(["Moscow", 1992, 1993]) == {
        "Moscow": colors["Moscow"],
        "1992": "#0072B2",
        "1993": "#D55E00",
    }
    baku_panel = next(ax for ax in figures["frequencies"].axes if ax.get_title().startswith("Baku"))
    bar = baku_panel.patches[0]
    assert bar.get_facecolor()[:3] == pytest.approx(
        tuple(int(colors["Baku"][i : i + 2], 16) / 255 for i in (1, 3, 5))
    )


def test_save_figure_writes_every_format_byte_identical_twice(
    tmp_path: Path, figures: dict[str, Figure]
) -> None:
    first = nk.save_figure(figures["keyness"], "keyness-stepanakert-vs-rest", out=tmp_path / "a")
    second = nk.save_figure(figures["keyness"], "keyness-stepanakert-vs-rest", out=tmp_path / "b")
    assert [p.suffix for p in first] == [".png", ".svg", ".pdf"]
    for p, q in zip(first, second, strict=True):
        assert p.read_bytes() == q.read_bytes(), p.name
        assert p.stat().st_size > 1000
    assert not [p for p in (tmp_path / "a").iterdir() if p.name.startswith(".")]  # no temporary files left
    assert first[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"CreationDate" not in first[2].read_bytes()


def test_save_figure_writes_where_the_user_works_with_its_table_and_record(
    tmp_path: Path, figures: dict[str, Figure], tokens: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(FIGURES_ENV, raising=False)
    monkeypatch.delenv(NOTEBOOK_ENV, raising=False)
    frames = nk.lexicon_counts(tokens, nk.read_lexicon("frames"))
    paths = nk.save_figure(figures["lexicon"], "frames", formats=["png"], data=frames)
    assert [p.resolve() for p in paths] == [
        (tmp_path / "figures" / n).resolve() for n in ("frames.png", "frames.csv")
    ]
    assert pd.read_csv(tmp_path / "figures" / "frames.csv")["n"].tolist() == frames["n"].tolist()
    entry = read_manifest(tmp_path / "figures")["frames"]
    title = figures["lexicon"].get_suptitle() or figures["lexicon"].axes[0].get_title()
    assert entry["caption"] == " ".join(title.split()) and len(entry["caption"]) > 20  # the figure's title
    assert entry["files"] == ["frames.png", "frames.csv"] and entry["table"] == "frames.csv"
    assert entry["notebook"] == ""
    report = tmp_path / "report-figures"
    monkeypatch.setenv(FIGURES_ENV, str(report))  # what the report builder sets for its kernels
    monkeypatch.setenv(NOTEBOOK_ENV, "05-naming-and-framing")
    nk.save_figure(figures["voices"], "voices", formats=["png"], caption="Words per voice.")
    assert read_manifest(report)["voices"] == {
        "name": "voices",
        "caption": "Words per voice.",
        "notebook": "05-naming-and-framing",
        "files": ["voices.png"],
        "table": "",
    }
    assert sorted(p.name for p in (tmp_path / "figures").iterdir()) == [
        "figures.json",
        "frames.csv",
        "frames.png",
    ]


def test_figure_names_from_any_group_name() -> None:
    assert nk.figure_name("un keyness", "Baku", "vs", "Yerevan") == "un-keyness-baku-vs-yerevan"
    assert nk.figure_name("keyness", "Şuşa / Shushi", "vs rest") == "keyness-susa-shushi-vs-rest"
    with pytest.raises(nk.NKResearchError, match="no letter or digit"):
        nk.figure_name("—", "")


def test_save_figure_checks_its_arguments(tmp_path: Path, figures: dict[str, Figure]) -> None:
    with pytest.raises(nk.NKResearchError, match="plain file name"):
        nk.save_figure(figures["lexicon"], "../escape", out=tmp_path)
    with pytest.raises(nk.NKResearchError, match="formats"):
        nk.save_figure(figures["lexicon"], "ok", formats=["gif"], out=tmp_path)


def test_a_rebuilt_figure_saves_to_the_same_bytes(tmp_path: Path, tokens: pd.DataFrame) -> None:
    def build() -> Figure:
        return nk.plot_lexicon(nk.lexicon_counts(tokens, nk.read_lexicon("naming")))

    first = nk.save_figure(build(), "naming-by-actor", out=tmp_path / "a")
    second = nk.save_figure(build(), "naming-by-actor", out=tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_a_table_with_no_row_plots_as_a_figure_that_says_so(tokens: pd.DataFrame) -> None:
    empty = {
        "frequencies": (nk.plot_frequencies, nk.term_frequencies(tokens).iloc[:0]),
        "keyness": (nk.plot_keyness, nk.keyness(tokens, target="Baku", min_freq=10**6)),
        "collocates": (nk.plot_collocates, nk.collocates(tokens, "negotiat*", min_freq=10**6)),
        "lexicon": (nk.plot_lexicon, nk.lexicon_counts(tokens, nk.read_lexicon("frames")).iloc[:0]),
    }
    for name, (plot, table) in empty.items():
        assert table.empty, name
        fig = plot(table)
        text = " ".join(t.get_text() for t in fig.texts)
        assert "The table has no row" in text and "nothing to show" in fig.get_suptitle(), name
    with pytest.raises(nk.NKResearchError, match="lacks"):
        nk.plot_keyness(pd.DataFrame({"term": ["a"]}))  # a table of another analysis still fails clearly


@pytest.mark.slow
def test_no_text_of_a_figure_is_clipped_overlapping_or_below_7_pt(
    figures: dict[str, Figure], tokens: pd.DataFrame
) -> None:
    """What the notebooks draw, on the bundled articles and the UN speeches, loses no label."""
    un = nk.corpus_tokens("ungdc", progress=False)
    parties = un[un["actor"].isin(["Baku", "Yerevan", "Moscow"])]
    nodes = ["negotiat*", "talks", "dialogue", "settlement", "peace*", "conflict", "status", "security"]
    drawn = {
        **figures,
        "collocates-of-a-list": nk.plot_collocates(nk.collocates(tokens, nodes, min_freq=2, drop_stop=True)),
        "un-collocates": nk.plot_collocates(
            nk.collocates(parties, ["karabakh", "nagorno-karabakh", "artsakh"], min_freq=3, drop_stop=True)
        ),
        "un-keyness": nk.plot_keyness(nk.keyness(un, target="Baku", reference="Yerevan", drop_stop=True)),
        "frequencies-as-notebook-02": nk.plot_frequencies(
            nk.term_frequencies(tokens, by="actor", drop_stop=True, level=0.95), top=10
        ),
        "un-frames-by-actor-and-period": nk.plot_lexicon(
            nk.lexicon_counts(  # as notebook 07: by actor and period, one column of the heatmap each
                nk.periods(parties, ["1992-2019", "2020-2023", "2024-"]),
                nk.read_lexicon("frames"),
                by=["actor", "period"],
            )
        ),
        "frequencies-wide": nk.plot_frequencies(
            nk.term_frequencies(tokens, by="actor", drop_stop=True, level=0.95), top=10, wide=True
        ),
        "collocates-wide": nk.plot_collocates(
            nk.collocates(tokens, nodes, min_freq=2, drop_stop=True), top=10, wide=True
        ),
        "dispersion-many": nk.plot_dispersion(
            tokens, ["nagorno-karabakh", "karabakh", "artsakh", "nkr", "republic_of_artsakh"]
        ),
        "log-odds-wide": nk.plot_log_odds(
            nk.log_odds(un, target="Baku", reference="Yerevan", drop_stop=True)
        ),
        "similarity-by-period": nk.plot_similarity(
            nk.similarity(
                nk.periods(parties, ["1992-2019", "2020-2023", "2024-"]), within="period", n_boot=20
            )
        ),
        "similarity": nk.plot_similarity(nk.similarity(un, n_boot=20)),
        "positions": nk.plot_positions(nk.wordfish(parties[parties["year"] >= 2012], min_freq=5)),
        "positions-over-years": nk.plot_positions(
            nk.wordfish(parties, min_freq=5, tol=1e-4, show=["actor", "year"]),
            time="year",
            by="actor",
        ),
        "term-trends": nk.plot_term_trends(
            nk.trends(parties, ["karabakh", "nagorno-karabakh", "nagorny-karabakh", "artsakh", "garabagh"])
        ),
    }
    for name, fig in drawn.items():
        assert text_problems(fig) == [], name
        width = fig.get_figwidth()
        wider = name.endswith("-wide") or name in (
            "un-frames-by-actor-and-period",
            "log_odds",
        )  # 9 groups, labels
        assert width <= 3.5 + 1e-9 or (wider and width <= 7.2 + 1e-9), (name, width)
    assert len(drawn["frequencies-wide"].axes) == 5 and drawn["frequencies-wide"].get_figwidth() == 7.2
    labels = [t.get_text() for t in drawn["dispersion-many"].axes[0].get_yticklabels()]
    assert any(label.startswith("Republic of Artsakh") for label in labels)  # display labels, not norms


def test_text_problems_finds_clipped_overlapping_and_small_text() -> None:
    fig = Figure(figsize=(2, 1))
    fig.text(0.5, 0.5, "a title far too long to fit inside a figure two inches wide", fontsize=9)
    fig.text(0.1, 0.2, "first", fontsize=8)
    fig.text(0.12, 0.2, "second", fontsize=8)
    fig.text(0.1, 0.8, "tiny", fontsize=5)
    found = text_problems(fig)
    assert any("runs off the canvas" in p for p in found)
    assert any("'first' overlaps 'second'" in p for p in found)
    assert any("'tiny' is set in 5 pt" in p for p in found)


def test_written_files_have_the_users_mode_not_a_temporary_files(
    figures: dict[str, Figure], tmp_path: Path
) -> None:
    """A figure or a report on a shared drive must open for others as any file the user writes."""
    import os
    import stat

    old = os.umask(0o022)
    try:
        paths = nk.save_figure(figures["keyness"], "mode-check", out=tmp_path, formats=["png"])
        page = nk.explorer(nk.corpus_tokens("seeds", progress=False), out=tmp_path / "explorer.html")
    finally:
        os.umask(old)
    for path in [*paths, page, tmp_path / "figures.json"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path


def _texts(fig: Figure) -> str:
    """Every text a reader sees on a figure: titles, tick labels, legends."""
    parts = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]  # type: ignore[attr-defined]
    return " ".join(str(p) for p in parts)


def test_a_pattern_is_shown_by_its_forms_never_as_a_glob(tokens: pd.DataFrame) -> None:
    """Legends, ticks, titles and sentences name what a glob matched ('negotiations/...'), not 'negotiat*'."""
    pattern = ["negotiat*", "karabakh"]
    found = nk.kwic(tokens, "negotiat*")["match"].str.lower().value_counts()
    top = found.index[0]  # the most frequent form leads
    shown = {
        "trends": _texts(nk.plot_term_trends(nk.trends(tokens, pattern))),
        "dispersion": _texts(nk.plot_dispersion(nk.dispersion(tokens, pattern))),
        "barcode": _texts(nk.plot_dispersion(tokens, pattern)),
        "collocates": _texts(nk.plot_collocates(nk.collocates(tokens, "negotiat*|karabakh"))),
        "kwic": _texts(nk.plot_kwic(nk.kwic(tokens, "negotiat*"))),
        "trends-prose": str(nk.describe_dispersion(nk.dispersion(tokens, pattern))),
        "collocates-prose": str(nk.describe_collocates(nk.collocates(tokens, "negotiat*"))),
        "kwic-prose": str(nk.describe_kwic(nk.kwic(tokens, "negotiat*"))),
    }
    for where, text in shown.items():
        assert "negotiat*" not in text and top in text, (where, text[:300])
