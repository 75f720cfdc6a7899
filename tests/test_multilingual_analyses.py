"""Every analysis within a language: a mixed corpus grouped by ``["language", "actor"]``.

The eight short texts are invented for the test, two per language, each declared in
the metadata with its language and actor (so each is its actor's statement).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import nkresearch as nk

TEXTS = {
    ("en", "Baku"): "Azerbaijan said the talks on Karabakh must respect its borders. The talks continue.",
    (
        "en",
        "Stepanakert",
    ): "Artsakh said the talks must respect the will of the people of Artsakh. Stepanakert waits.",
    ("ru", "Baku"): "Баку заявил, что переговоры о Карабахе продолжатся. Переговоры важны для Шуши и Шуше.",
    ("ru", "Moscow"): "Москва заявила, что переговоры по Нагорному Карабаху продолжатся. Переговоры важны.",
    ("hy", "Stepanakert"): "Ստեփանակերտը հայտարարեց, որ բանակցությունները Արցախի մասին կշարունակվեն։ "
    "Բանակցությունները կարևոր են։",
    ("hy", "Media"): "Լրատվամիջոցը գրեց, որ Ղարաբաղում բանակցությունները կշարունակվեն։",
    (
        "az",
        "Baku",
    ): "Bakı bildirib ki, Qarabağ barədə danışıqlar davam edəcək. Danışıqlar Xankəndidə vacibdir.",
    ("az", "Media"): "Qəzet yazıb ki, Qarabağda danışıqlar davam edəcək.",
}
BY = ["language", "actor"]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    folder: Path = tmp_path_factory.mktemp("mixed")
    rows = ["file,language,actor,year"]
    for k, ((language, actor), text) in enumerate(TEXTS.items()):
        (folder / f"d{k}.txt").write_text(text, encoding="utf-8")
        rows.append(f"d{k}.txt,{language},{actor},{2020 + k % 2}")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    docs = nk.load_corpus(folder, metadata="metadata.csv")
    return nk.tokenize(nk.segment_voices(docs))


def _row(table: pd.DataFrame, language: str, actor: str, **where: object) -> pd.Series:
    mask = (table["language"] == language) & (table["actor"] == actor)
    for column, value in where.items():
        mask &= table[column] == value
    assert mask.sum() == 1, table[mask]
    return table[mask].iloc[0]


def test_the_groups_are_languages_and_actors(mixed: pd.DataFrame) -> None:
    summary = nk.voice_summary(mixed, by=BY)
    assert list(zip(summary["language"], summary["actor"], strict=True)) == sorted(TEXTS)
    assert _row(summary, "hy", "Media")["words"] == 6


def test_frequencies_ngrams_and_collocations_count_each_language_apart(mixed: pd.DataFrame) -> None:
    freq = nk.term_frequencies(mixed, by=BY)
    assert _row(freq, "ru", "Baku", term="переговоры")[["n", "N"]].tolist() == [2, 13]
    assert _row(freq, "az", "Baku", term="danışıqlar")[["n", "N"]].tolist() == [2, 11]
    assert set(freq[freq["term"] == "переговоры"]["language"]) == {"ru"}
    grams = nk.ngrams(mixed, by=BY, n=2)
    assert _row(grams, "az", "Media", ngram="davam edəcək")["n"] == 1
    pairs = nk.collocations(mixed, by=BY)
    assert set(pairs[pairs["bigram"] == "davam edəcək"]["language"]) == {"az"}


def test_keyness_and_log_odds_keep_the_rest_within_the_language(mixed: pd.DataFrame) -> None:
    across = nk.keyness(mixed, by=BY, target=("ru", "Baku"))
    assert across["N_reference"].iloc[0] == 72  # every other word, Armenian included
    within = nk.keyness(mixed, by=BY, target=("ru", "Baku"), within="language")
    assert within[["N_target", "N_reference"]].iloc[0].tolist() == [13, 10]  # Moscow's Russian only
    assert within.attrs["within"] == "language"
    assert set(within["term"]) <= set(mixed[mixed["language"] == "ru"]["norm"])
    summary = nk.keyness_summary(mixed, by=BY, within="language")
    assert _row(summary, "hy", "Media")["N_target"] == 6
    odds = nk.log_odds(mixed, by=BY, target=None, within="language")
    assert _row(odds, "az", "Media", term="qəzet")[["N_target", "N_reference"]].tolist() == [7, 11]
    assert odds.attrs["alpha0"] == "the words of the target's language"
    with pytest.raises(nk.NKResearchError, match="within='year' must be one of the by columns"):
        nk.keyness(mixed, by=BY, target=("ru", "Baku"), within="year")


def test_collocates_kwic_and_dispersion_find_each_languages_words(mixed: pd.DataFrame) -> None:
    col = nk.collocates(mixed, "переговоры", by=BY, window=3)
    assert set(zip(col["language"], col["actor"], strict=True)) == {("ru", "Baku"), ("ru", "Moscow")}
    assert _row(col, "ru", "Moscow", collocate="москва")["o"] == 1
    lines = nk.kwic(mixed, ["переговоры", "danışıqlar", "բանակցությունները"], show="language")
    assert lines.groupby("language").size().to_dict() == {"az": 3, "hy": 3, "ru": 4}
    spread = nk.dispersion(mixed, ["переговоры", "danışıqlar"], by=BY).set_index("term")
    assert spread.loc["переговоры", ["f", "parts", "range"]].tolist() == [4, 8, 2]


def test_lexicon_counts_count_canonical_names_by_language_and_actor(mixed: pd.DataFrame) -> None:
    names = nk.lexicon_counts(mixed, nk.read_lexicon("naming"), by=BY, count_by="canonical")
    assert _row(names, "az", "Baku", canonical="Khankendi")["n"] == 1
    assert _row(names, "ru", "Baku", canonical="Shusha")["n"] == 2  # Шуши read as Шуша's genitive here
    karabakh = names[names["canonical"] == "Karabakh"]
    assert sorted(karabakh["language"]) == ["az", "az", "en", "hy", "ru"]
    assert _row(names, "hy", "Stepanakert", canonical="Artsakh")["languages"] == "hy 1"
    cats = nk.lexicon_counts(mixed, nk.read_lexicon("naming"), by=BY)
    assert len(cats) == len(TEXTS) * cats["category"].nunique()  # zeros included, every group


def test_similarity_diversity_and_trends_within_a_language(mixed: pd.DataFrame) -> None:
    sim = nk.similarity(mixed, by="actor", within="language", n_boot=0)
    assert sim[["language", "group_a", "group_b"]].values.tolist() == [
        ["az", "Baku", "Media"],
        ["en", "Baku", "Stepanakert"],
        ["hy", "Media", "Stepanakert"],
        ["ru", "Baku", "Moscow"],
    ]
    assert (sim["similarity"] > 0).all()
    div = nk.lexical_diversity(mixed, by=BY, mattr_window=5)
    assert _row(div, "az", "Media")[["tokens", "types"]].tolist() == [7, 7]
    trend = nk.trends(mixed, "danışıqlar", by=BY)
    assert _row(trend, "az", "Baku", year="2020")["n"] == 2
    assert _row(trend, "az", "Media", year="2021")["n"] == 1


def _missing_glyphs(fig: object, tmp_path: Path) -> list[str]:
    """matplotlib's "Glyph ... missing from font" warnings while the figure is drawn and saved."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nk.save_figure(fig, "scripts", out=tmp_path, formats=("png", "pdf", "svg"))  # type: ignore[arg-type]
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


@pytest.mark.slow
def test_figures_draw_armenian_cyrillic_and_azerbaijani_letters(mixed: pd.DataFrame, tmp_path: Path) -> None:
    freq = nk.term_frequencies(mixed, by=BY)
    fig = nk.plot_frequencies(
        freq, top=3, title="Ղարաբաղ · Нагорный Карабах · Qarabağ, Xankəndi: ə ğ ı ş İ Ə Ğ Ş"
    )
    drawn = " ".join(t.get_text() for ax in fig.axes for t in ax.get_yticklabels())
    assert {"բանակցությունները", "переговоры", "danışıqlar"} <= set(drawn.split())
    assert [ax.get_title().split("\n")[0] for ax in fig.axes][:2] == ["az | Baku", "az | Media"]  # not summed
    assert _missing_glyphs(fig, tmp_path) == []
    names = nk.lexicon_counts(mixed, nk.read_lexicon("naming"), by=BY, count_by="canonical")
    heat = nk.plot_lexicon(names, title="Արցախ, Шуша, Şuşa")
    assert "Khankendi" in [t.get_text() for t in heat.axes[0].get_yticklabels()]
    assert _missing_glyphs(heat, tmp_path) == []
    control = nk.plot_frequencies(
        freq, top=3, title="漢字"
    )  # a script the default font lacks: the check sees it
    missing = _missing_glyphs(control, tmp_path)
    assert missing and "DejaVu Sans" in missing[0]  # the font that drew the three scripts above


def test_describe_names_by_language_writes_each_sides_names_per_language(mixed: pd.DataFrame) -> None:
    names = nk.lexicon_counts(mixed, nk.read_lexicon("naming"), by=BY, count_by="canonical")
    prose = nk.describe_names_by_language(names)
    assert prose.findings[:3] == (
        "In Russian: Baku *Shusha* 2, *Karabakh* 1 (of **3** mentions in 13 words); "
        "Moscow *Nagorno-Karabakh* 1 (of **1** mention in 10 words).",
        "In Armenian: Stepanakert *Artsakh* 1, *Stepanakert* 1 (of **2** mentions in 10 words).",
        "In Azerbaijani: Baku *Karabakh* 1, *Khankendi* 1 (of **2** mentions in 11 words).",
    )
    assert "*Shusha* against *Shushi*: Baku 2 to 0 in Russian." in prose.findings
    assert (
        "*Khankendi* against *Stepanakert*: Stepanakert 0 to 1 in Armenian; Baku 1 to 0 in Azerbaijani; "
        "Stepanakert 0 to 1 in English." in prose.findings
    )
    assert "Every side has fewer than 1,000 words in each language." in prose.caveats
    yerevan = nk.describe_names_by_language(names, sides=["Yerevan"])  # no Yerevan voice here
    assert yerevan.findings == ("No side names a place of the lexicon in these texts.",)


def test_describe_names_by_language_says_when_the_sides_own_languages_are_missing(
    mixed: pd.DataFrame,
) -> None:
    english = mixed[mixed["language"] == "en"]
    names = nk.lexicon_counts(english, nk.read_lexicon("naming"), by=BY, count_by="canonical")
    prose = nk.describe_names_by_language(names)
    assert prose.findings[0] == (
        "No Russian, Armenian or Azerbaijani document names a place of the lexicon in this corpus "
        "(English only): the sides cannot be compared in their own languages here."
    )
    assert prose.findings[1].startswith(
        "In English: Baku *Karabakh* 1 (of **1** mention in 13 words); Stepanakert"
    )
    two = mixed[mixed["language"] != "az"]
    names = nk.lexicon_counts(two, nk.read_lexicon("naming"), by=BY, count_by="canonical")
    assert nk.describe_names_by_language(names).findings[0] == (
        "No Azerbaijani document names a place of the lexicon in this corpus "
        "(Russian, Armenian and English only)."
    )
    with pytest.raises(nk.NKResearchError, match="count_by='canonical'"):
        nk.describe_names_by_language(names.drop(columns="canonical"))


def test_load_corpus_reads_several_folders_and_skips_absent_ones_when_asked(tmp_path: Path) -> None:
    for name, language, text in (("ru", "ru", TEXTS["ru", "Baku"]), ("az", "az", TEXTS["az", "Baku"])):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}.txt").write_text(text, encoding="utf-8")
        (tmp_path / name / "metadata.csv").write_text(
            f"file,language\n{name}.txt,{language}\n", encoding="utf-8"
        )
    folders = [tmp_path / "ru", tmp_path / "az", tmp_path / "hy"]
    with pytest.raises(nk.NKResearchError, match="not found; check the paths, or pass missing='skip'"):
        nk.load_corpus(folders)
    with pytest.warns(UserWarning, match="hy not found: left out"):
        docs = nk.load_corpus(folders, missing="skip")
    assert docs[["doc_id", "language"]].values.tolist() == [["ru", "ru"], ["az", "az"]]
    assert docs.attrs["corpus"]["name"] == "ru + az"
    assert docs.attrs["corpus"]["missing"] == str(tmp_path / "hy")
    with pytest.warns(UserWarning):
        assert len(nk.load_corpus([tmp_path / "hy"], missing="skip")) == 0
    with pytest.raises(nk.NKResearchError, match=r"doc_id \['ru'\] occur in more than one folder"):
        nk.load_corpus([tmp_path / "ru", tmp_path / "ru"])
