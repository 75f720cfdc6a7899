"""Analyses: each statistic against values worked out by hand from its formula."""

from __future__ import annotations

import html
import math
import re
import warnings
from typing import Any

import numpy as np
import pandas as pd
import pytest
from conftest import toy_tokens
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

import nkresearch as nk
from nkresearch.analysis.core import kernels as _counting
from nkresearch.analysis.measures.diversity import mattr
from nkresearch.analysis.measures.keyness import g2, log_ratio
from nkresearch.tokens import token_pattern

# ------------------------------------------------------------------ keyness


def test_g2_and_log_ratio_by_hand() -> None:
    # a=10 of N_t=1000 vs b=5 of N_r=2000: E = 5, 10, 995, 1990; O = 10, 5, 990, 1995
    # G2 = 2 (10 ln 2 + 5 ln 0.5 + 990 ln(990/995) + 1995 ln(1995/1990)) = 6.969192
    assert g2(np.array([10]), np.array([5]), np.array([1000]), np.array([2000]))[0] == pytest.approx(
        6.969192, abs=1e-6
    )
    # log2((10/1000) / (5/2000)) = log2(4) = 2
    assert log_ratio(np.array([10]), np.array([5]), 1000, 2000)[0] == pytest.approx(2.0)
    # a zero count becomes 0.5 (Hardie 2014): log2((0.5/1000) / (5/2000)) = log2(0.2)
    assert log_ratio(np.array([0]), np.array([5]), 1000, 2000)[0] == pytest.approx(-2.321928, abs=1e-6)
    # equal relative frequencies: no evidence at all
    assert g2(np.array([2]), np.array([4]), np.array([100]), np.array([200]))[0] == pytest.approx(
        0.0, abs=1e-12
    )


def test_g2_two_term_form_by_hand_and_as_an_option_of_keyness() -> None:
    """Rayson & Garside (2000), as Wmatrix and UCREL's log-likelihood calculator compute it."""
    # the same table: 2-term G2 = 2 (10 ln(10/5) + 5 ln(5/10)) = 2 * 5 ln 2 = 6.931472
    two = g2(np.array([10]), np.array([5]), np.array([1000]), np.array([2000]), form="2-term")[0]
    assert two == pytest.approx(10 * np.log(2), abs=1e-6)
    # a frequent term: the two forms part (4-term 163.07, 2-term 148.34 here)
    a, b, n_t, n_r = np.array([300]), np.array([200]), np.array([2000]), np.array([4000])
    four, two = g2(a, b, n_t, n_r)[0], g2(a, b, n_t, n_r, form="2-term")[0]
    e1, e2 = 2000 * 500 / 6000, 4000 * 500 / 6000
    assert two == pytest.approx(2 * (300 * np.log(300 / e1) + 200 * np.log(200 / e2)))
    assert (round(four, 2), round(two, 2)) == (163.07, 148.34)
    with pytest.raises(nk.NKResearchError, match="form='3-term'"):
        g2(a, b, n_t, n_r, form="3-term")  # type: ignore[arg-type]
    tokens = toy_tokens(TOY)
    key4 = nk.keyness(tokens, target="A").set_index("term")
    key2 = nk.keyness(tokens, target="A", g2_form="2-term").set_index("term")
    assert key2.attrs["g2_form"] == "2-term" and key4.attrs["g2_form"] == "4-term"
    row = key2.loc["peace"]
    expected = g2(
        np.array([row["n_target"]]),
        np.array([row["n_reference"]]),
        row["N_target"],
        row["N_reference"],
        form="2-term",
    )[0]
    assert row["g2"] == pytest.approx(expected) and key4.loc["peace", "g2"] > row["g2"]


TOY = {
    "A": ["Peace talks and peace talks. Peace now and peace again. War ends."],
    "B": ["War and war again. Talks fail. Talks, talks and more talks."],
    "C": ["Ceasefire holds. Ceasefire holds again."],
}


def test_keyness_rows_carry_the_counts_that_reproduce_every_statistic() -> None:
    tok = toy_tokens(TOY)
    key = nk.keyness(tok, target="A", reference="B", min_freq=1).set_index("term")
    # A: peace 4, talks 2, and 2, now 1, again 1, war 1, ends 1 -> 12 words
    # B: war 2, and 2, again 1, talks 4, fail 1, more 1 -> 11 words
    assert (key["N_target"].iloc[0], key["N_reference"].iloc[0]) == (12, 11)
    assert key.loc["peace", ["n_target", "n_reference"]].tolist() == [4, 0]
    assert key.loc["talks", ["n_target", "n_reference"]].tolist() == [2, 4]
    for term, row in key.iterrows():
        a, b, n_t, n_r = row["n_target"], row["n_reference"], row["N_target"], row["N_reference"]
        n = n_t + n_r
        cells = [
            (a, n_t * (a + b) / n),
            (b, n_r * (a + b) / n),
            (n_t - a, n_t * (n - a - b) / n),
            (n_r - b, n_r * (n - a - b) / n),
        ]
        expected_g2 = 2 * sum(o * math.log(o / e) for o, e in cells if o > 0)
        assert row["g2"] == pytest.approx(expected_g2), term
        assert row["log_ratio"] == pytest.approx(math.log2((max(a, 0.5) / n_t) / (max(b, 0.5) / n_r))), term
        assert row["bic"] == pytest.approx(row["g2"] - math.log(n)), term
        assert row["expected_min"] == pytest.approx(min(n_t * (a + b) / n, n_r * (a + b) / n))
        if b > 0:
            assert row["pct_diff"] == pytest.approx((a / n_t - b / n_r) / (b / n_r) * 100)
        else:
            assert row["pct_diff"] == math.inf
    # ceasefire/holds occur only in C: absent from both compared groups, so not listed
    assert "ceasefire" not in key.index and "holds" not in key.index
    assert key["low_expected"].all()  # a toy corpus: every expected count is below 5
    # p from chi-square(1): G2 = 3.841459 is the 5% point
    assert np.allclose(key["p"], [math.erfc(math.sqrt(g / 2)) for g in key["g2"]])
    assert (key["significant"] == (key["p"] < 0.05 / len(key))).all()


def test_keyness_is_antisymmetric_and_g2_nonnegative(tokens: pd.DataFrame) -> None:
    ab = nk.keyness(tokens, target="Baku", reference="Stepanakert", min_freq=1).set_index("term")
    ba = nk.keyness(tokens, target="Stepanakert", reference="Baku", min_freq=1).set_index("term")
    both = ab.merge(ba, left_index=True, right_index=True, suffixes=("", "_ba"))
    assert np.allclose(both["log_ratio"], -both["log_ratio_ba"])
    assert np.allclose(both["g2"], both["g2_ba"])
    assert (ab["g2"] >= 0).all()
    rest = nk.keyness(tokens, target="Baku", reference="rest", min_freq=1)
    assert rest["N_reference"].iloc[0] == (~tokens["is_punct"] & (tokens["actor"] != "Baku")).sum()
    # target keywords first, the target's under-used terms last
    assert rest["log_ratio"].iloc[0] > 0 > rest["log_ratio"].iloc[-1]


def test_keyness_against_general_english(tokens: pd.DataFrame) -> None:
    key = nk.keyness_english(tokens, target="Stepanakert", min_freq=3)
    assert list(key.columns) == [
        "term",
        "n_target",
        "N_target",
        "rate_target",
        "rate_reference",
        "log_ratio",
        "is_stop",
    ]
    assert "no counts" in key.attrs["note"]
    row = key.set_index("term").loc["artsakh"]
    assert row["log_ratio"] == pytest.approx(math.log2(row["rate_target"] / row["rate_reference"]))
    assert row["log_ratio"] > 5  # a conflict's name is far more frequent here than in general English


# ------------------------------------------------------------------ frequencies and n-grams


def test_term_frequencies_by_hand() -> None:
    freq = nk.term_frequencies(toy_tokens(TOY), by="actor", drop_stop=True).set_index(["actor", "term"])
    assert freq.loc[("A", "peace"), ["n", "N", "docs", "rank"]].tolist() == [4, 12, 1, 1]
    assert freq.loc[("A", "peace"), "per_10k"] == pytest.approx(4 / 12 * 10_000)
    assert ("A", "and") not in freq.index  # a stopword: left out of the list but counted in N
    assert freq.loc[("B", "talks"), "rank"] == 1 and freq.loc[("B", "war"), "rank"] == 2
    # ties share the lowest rank
    assert freq.loc[("A", "war"), "rank"] == freq.loc[("A", "ends"), "rank"] == 3
    per_k = nk.term_frequencies(toy_tokens(TOY), per=1000)
    assert "per_1k" in per_k.columns


def test_rate_confidence_intervals_resample_sentences() -> None:
    tok = toy_tokens({"A": ["Peace talks resumed today in Vienna."], "B": TOY["B"]})
    freq = nk.term_frequencies(tok, level=0.95)
    again = nk.term_frequencies(tok, level=0.95)
    pd.testing.assert_frame_equal(freq, again)  # seeded: reproducible
    one = freq[freq["actor"] == "A"]  # one sentence: every resample is that sentence
    assert np.allclose(one["ci_low"], one["per_10k"]) and np.allclose(one["ci_high"], one["per_10k"])
    many = freq[freq["actor"] == "B"]
    assert (many["ci_low"] <= many["per_10k"] + 1e-9).all() and (
        many["ci_high"] >= many["per_10k"] - 1e-9
    ).all()
    assert (many["ci_high"] > many["ci_low"]).any()


def test_ngrams_never_cross_sentences_or_punctuation() -> None:
    tok = toy_tokens({"A": ["Talks resumed. Peace holds, talks resumed."]})
    grams = nk.ngrams(tok, n=2).set_index("ngram")
    assert grams.loc["talks resumed", "n"] == 2
    assert "resumed peace" not in grams.index  # would cross a sentence end
    assert "holds talks" not in grams.index  # would cross a comma
    assert grams["N"].iloc[0] == 3  # talks resumed, peace holds, talks resumed
    with_punct = nk.ngrams(tok, n=2, drop_punct=False).set_index("ngram")
    assert "holds ," in with_punct.index and "resumed peace" not in with_punct.index
    tri = nk.ngrams(tok, n=3, drop_punct=False)
    assert dict(zip(tri["ngram"], tri["n"], strict=True)) == {
        "talks resumed .": 2,
        "peace holds ,": 1,
        "holds , talks": 1,
        ", talks resumed": 1,
    }


# ------------------------------------------------------------------ collocation


def test_collocates_by_hand() -> None:
    tok = toy_tokens({"A": ["x y z x y"]})
    col = nk.collocates(tok, "x", window=1, min_freq=1).set_index("collocate")
    # x at 0 sees y; x at 3 sees z and y: o(y) = 2, o(z) = 1; 3 window slots
    y = col.loc["y"]
    assert y[["o", "f_node", "f_collocate", "N", "span", "window_slots"]].tolist() == [2, 2, 2, 5, 2, 3]
    assert y["e"] == pytest.approx(2 * 2 * 2 / 5)  # 1.6
    assert y["mi"] == pytest.approx(math.log2(2 / 1.6))
    assert y["mi3"] == pytest.approx(math.log2(8 / 1.6))
    assert y["t"] == pytest.approx((2 - 1.6) / math.sqrt(2))
    assert y["logdice"] == pytest.approx(14.0)  # 14 + log2(2*2 / (2 + 2))
    assert y["delta_p_collocate_given_node"] == pytest.approx(2 / 3 - 0 / 2)
    assert y["delta_p_node_given_collocate"] == pytest.approx(2 / 2 - 1 / 3)
    assert col.loc["z", "o"] == 1


def test_collocates_count_the_union_of_overlapping_windows_and_leave_the_node_out() -> None:
    tok = toy_tokens({"A": ["x y x z"]})
    col = nk.collocates(tok, "x", window=2).set_index("collocate")
    # x at 0 sees y, x; x at 2 sees x, y, z: the union is {0, 1, 2, 3}, the nodes {0, 2} left out
    assert col["o"].to_dict() == {"y": 1, "z": 1}
    assert col["window_slots"].iloc[0] == 2 and col["f_node"].iloc[0] == 2
    kept = nk.collocates(tok, "x", window=2, keep_node=True).set_index("collocate")
    assert kept["o"].to_dict() == {"x": 2, "y": 1, "z": 1} and kept["window_slots"].iloc[0] == 4


@pytest.mark.parametrize(
    "pattern", ["karabakh", ["karabakh", "artsakh", "conflict"], "negotiat*", "nagorno karabakh"]
)
def test_collocate_invariants(tokens: pd.DataFrame, pattern: object) -> None:
    col = nk.collocates(tokens, pattern, window=5)  # type: ignore[arg-type]
    assert len(col) > 0
    assert (col["o"] <= col["f_collocate"]).all()
    assert (col["o"] <= col["f_node"] * col["span"]).all()
    assert (col["o"] <= col["window_slots"]).all()
    for side in ("delta_p_collocate_given_node", "delta_p_node_given_collocate"):
        assert col[side].between(-1, 1).all(), side
    words = {pattern} if isinstance(pattern, str) else set(pattern)  # type: ignore[arg-type]
    assert not words & set(col["collocate"])  # the node's words are not its collocates
    one = nk.collocates(tokens, ["karabakh"], window=5).drop(columns="node")
    pd.testing.assert_frame_equal(one, nk.collocates(tokens, "karabakh", window=5).drop(columns="node"))


def test_collocates_stop_at_sentence_ends_and_take_globs_and_asymmetric_windows() -> None:
    tok = toy_tokens({"A": ["Negotiations stalled. Talks about negotiating resumed."]})
    col = nk.collocates(tok, "negotiat*", window=(1, 2), min_freq=1)
    assert set(col["collocate"]) == {"stalled", "about", "resumed"}
    assert col["f_node"].iloc[0] == 2 and col["span"].iloc[0] == 3
    assert col["node"].iloc[0] == "negotiat*"


def test_collocations_scores_equal_nltks_own(tokens: pd.DataFrame) -> None:
    for measure in ("likelihood_ratio", "pmi", "student_t", "chi_sq", "dice"):
        ours = nk.collocations(tokens, by="actor", measure=measure, min_freq=2)
        for actor in ("Baku", "Stepanakert"):
            words = tokens[tokens["actor"] == actor]
            chunks: list[list[str]] = []
            for _, sent in words.groupby(["doc_id", "sent_id"], observed=True, sort=False):
                current: list[str] = []
                for norm, punct in zip(sent["norm"].astype(str), sent["is_punct"], strict=True):
                    if punct:
                        chunks.append(current)
                        current = []
                    else:
                        current.append(norm)
                chunks.append(current)
            finder = BigramCollocationFinder.from_documents([c for c in chunks if c])
            finder.apply_freq_filter(2)
            expected = dict(finder.score_ngrams(getattr(BigramAssocMeasures, measure)))
            got = ours[ours["actor"] == actor]
            assert dict(
                zip(zip(got["w1"], got["w2"], strict=True), got["score"], strict=True)
            ) == pytest.approx(expected)
            assert (got["n_xx"] == finder.word_fd.N()).all()


def test_collocations_hide_nothing(tokens: pd.DataFrame) -> None:
    pairs = nk.collocations(tokens, by="actor", min_freq=1)
    assert (pairs["n_ii"] >= 1).all()
    assert {"of", "the"} <= set(pairs["w1"]) | set(pairs["w2"])  # no hidden stopword list
    assert (pairs["w1"].str.len() < 3).any()  # no hidden minimum word length
    no_stop = nk.collocations(tokens, by="actor", min_freq=1, drop_stop=True)
    stop = nk.read_stopwords()
    assert not (no_stop["w1"].isin(stop) | no_stop["w2"].isin(stop)).any()


# ------------------------------------------------------------------ concordance


def test_kwic_words_globs_regexes_phrases_and_sorting(tokens: pd.DataFrame, texts: dict[str, str]) -> None:
    lines = nk.kwic(tokens, "lavrov", window=3)
    assert list(lines.columns) == [
        "doc_id",
        "actor",
        "speaker",
        "kind",
        "left",
        "match",
        "right",
        "start",
        "end",
    ]
    for row in lines.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.match == "Lavrov"
    glob = nk.kwic(tokens, "negotiat*")
    assert set(glob["match"].str.lower()) >= {"negotiations", "negotiation", "negotiating"}
    regex = nk.kwic(tokens, re.compile(r"occup\w+"))
    assert set(regex["match"].str.lower()) == {"occupation", "occupied"}
    phrase = nk.kwic(tokens, "peaceful settlement")
    assert len(phrase) >= 3 and set(phrase["match"].str.lower()) == {"peaceful settlement"}
    mwe = nk.kwic(tokens, "Minsk Group")  # matches the one-token name, OSCE or not
    assert set(mwe["match"]) >= {"OSCE Minsk Group", "Minsk Group"}
    right = nk.kwic(tokens, "the", window=2, sort="right")
    keys = [re.findall(token_pattern(), r)[0].lower() if r else "" for r in right["right"]]
    assert keys == sorted(keys)
    left = nk.kwic(tokens, "conflict", window=2, sort="left")
    keys = [re.findall(token_pattern(), lft)[-1].lower() if lft else "" for lft in left["left"]]
    assert keys == sorted(keys)


def test_kwic_html_escapes_scraped_markup() -> None:
    tok = toy_tokens({"A": ['Talks <script>alert("x")</script> resumed & <b>ended</b>.']})
    lines = nk.kwic(tok, "resumed", window=20)
    page = lines._repr_html_()
    assert "<script>" not in page and "<b>ended" not in page
    assert html.escape('<script>alert("x")</script>') in page
    assert "<mark><b>resumed</b></mark>" in page
    assert isinstance(lines.head(1), nk.Concordance)


def test_kwic_accepts_a_documents_table(docs: pd.DataFrame) -> None:
    lines = nk.kwic(docs, "Khankendi")
    assert len(lines) == 0
    assert len(nk.kwic(docs, "Stepanakert")) >= 3


# ------------------------------------------------------------------ dispersion and diversity


def test_dispersion_by_hand() -> None:
    tok = toy_tokens({"A": ["peace peace war talks", "war war talks talks"]})
    table = nk.dispersion(tok, ["peace", "talks", "absent"]).set_index("term")
    # two parts of 4 words: s = (0.5, 0.5)
    # peace: v = (2, 0): DP = 0.5 (|1 - .5| + |0 - .5|) = 0.5; DPnorm = 0.5 / (1 - 0.5) = 1
    # p = (0.5, 0): mean 0.25, sd 0.25, D = 1 - 1 / sqrt(1) = 0
    assert table.loc["peace", ["f", "parts", "range"]].tolist() == [2, 2, 1]
    assert table.loc["peace", "DP"] == pytest.approx(0.5)
    assert table.loc["peace", "DPnorm"] == pytest.approx(1.0)
    assert table.loc["peace", "D"] == pytest.approx(0.0)
    # talks: v = (1, 2), f = 3: DP = 0.5 (|1/3 - .5| + |2/3 - .5|) = 1/6
    #        p = (.25, .5): mean 3/8, sd 1/8, D = 1 - (1/8)/(3/8) = 2/3
    assert table.loc["talks", "DP"] == pytest.approx(1 / 6)
    assert table.loc["talks", "D"] == pytest.approx(2 / 3)
    assert table.loc["absent", "f"] == 0 and math.isnan(table.loc["absent", "DP"])


def test_mattr_by_hand_and_against_brute_force() -> None:
    # a b a c b a, window 3: windows have 2, 3, 3, 3 types -> (2+3+3+3) / (4*3) = 11/12
    assert mattr(np.array([0, 1, 0, 2, 1, 0]), 3) == pytest.approx(11 / 12)
    rng = np.random.default_rng(1)
    for _ in range(20):
        seq = rng.integers(0, 6, size=int(rng.integers(5, 40)))
        w = int(rng.integers(1, len(seq) + 1))
        brute = np.mean([len(set(seq[i : i + w])) / w for i in range(len(seq) - w + 1)])
        assert mattr(seq, w) == pytest.approx(brute)
    assert math.isnan(mattr(np.array([0, 1]), 3))


def test_lexical_diversity_table_and_short_group_warning() -> None:
    tok = toy_tokens({"A": ["a b a c b a"], "B": ["d e"]})
    with pytest.warns(UserWarning, match=r"B \(2 words\)"):
        div = nk.lexical_diversity(tok, mattr_window=3).set_index("actor")
    assert div.loc["A", ["tokens", "types"]].tolist() == [6, 3]
    assert div.loc["A", "ttr"] == pytest.approx(0.5)
    assert div.loc["A", "mattr"] == pytest.approx(11 / 12)
    assert math.isnan(div.loc["B", "mattr"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        nk.lexical_diversity(tok, mattr_window=2)


# ------------------------------------------------------------------ lexicons


def test_lexicons_ship_with_the_promised_content() -> None:
    naming = nk.read_lexicon("naming")
    territory = set(naming.loc[naming["category"] == "territory", "entry"])
    assert {
        "Nagorno-Karabakh",
        "Karabakh",
        "Upper Karabakh",
        "Daghlig Garabagh",
        "Garabagh",
        "Artsakh",
        "Republic of Artsakh",
        "NKR",
        "so-called regime",
        "Artsack",
    } <= territory
    assert (naming["preferred_by"].str.len() > 3).all()
    frames = nk.read_lexicon("frames")
    frames = frames[frames["language"] == "en"]  # the ru, hy and az key terms: tests/test_names.py
    sizes = frames["category"].value_counts()
    assert len(sizes) == 8 and sizes.between(10, 25).all()
    assert (frames["entry"].str.contains(" ")).groupby(frames["category"]).any().all()  # multi-word entries


def test_lexicon_counts_by_hand() -> None:
    tok = toy_tokens(
        {
            "A": ['They left the occupied territories. The occupied town fell. So-called "Artsakh" spoke.'],
            "B": ["The OSCE Minsk Group and the Minsk Group met. Artsakh spoke."],
        }
    )
    lexicon = pd.DataFrame(
        {
            "category": ["occupation", "occupation", "names", "mediation"],
            "entry": ["occupied territories", "occupied", "Artsakh", "Minsk Group"],
        }
    )
    entries = nk.lexicon_counts(tok, lexicon, count_by="entry").set_index(["actor", "entry"])
    assert entries.loc[("A", "occupied territories"), "n"] == 1
    assert entries.loc[("A", "occupied"), "n"] == 1  # not also counted inside the longer entry
    assert entries.loc[("A", "Artsakh"), ["n", "n_scare_quoted"]].tolist() == [1, 1]
    assert entries.loc[("B", "Artsakh"), ["n", "n_scare_quoted"]].tolist() == [1, 0]
    assert entries.loc[("B", "Minsk Group"), "n"] == 2  # "OSCE Minsk Group" and "Minsk Group": one name
    cats = nk.lexicon_counts(tok, lexicon).set_index(["actor", "category"])
    assert cats.loc[("A", "occupation"), "n"] == 2
    assert cats.loc[("B", "occupation"), "n"] == 0  # zeros are kept for heatmaps
    assert cats.loc[("A", "occupation"), "per_10k"] == pytest.approx(
        2 / cats.loc[("A", "occupation"), "N"] * 10_000
    )


def test_lexicon_counts_carry_the_documents_behind_each_row() -> None:
    tok = toy_tokens({"A": ["The occupied town.", "The occupied hills.", "Calm."], "B": ["Occupied again."]})
    lexicon = pd.DataFrame({"category": ["occupation", "peace"], "entry": ["occupied", "calm"]})
    cats = nk.lexicon_counts(tok, lexicon).set_index(["actor", "category"])
    assert cats.loc[("A", "occupation"), ["n", "docs", "docs_group"]].tolist() == [2, 2, 3]
    assert cats.loc[("A", "peace"), ["n", "docs", "docs_group"]].tolist() == [1, 1, 3]
    assert cats.loc[("B", "peace"), ["n", "docs", "docs_group"]].tolist() == [0, 0, 1]
    prose = nk.describe_lexicon(cats.reset_index(), thin=1)
    assert "B: one document each, however long." in prose.caveats


def test_lexicon_counts_on_the_corpus(tokens: pd.DataFrame) -> None:
    names = nk.lexicon_counts(tokens, nk.read_lexicon("naming"), count_by="entry")
    artsakh = names[names["entry"] == "Artsakh"].set_index("actor")["n"]
    assert artsakh["Stepanakert"] > 0 and "Baku" not in artsakh.index
    assert names.loc[names["entry"] == "Artsack", "actor"].tolist() == ["Readers"]
    hits = nk.lexicon_matches(tokens, nk.read_lexicon("naming"))
    assert len(hits) == names["n"].sum()


# ------------------------------------------------------------------ invalid arguments


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda t: nk.keyness(t, target="Bakku"), r"target='Bakku'.*'Baku'"),
        (lambda t: nk.keyness(t, target="Baku", reference="Mosco"), r"reference='Mosco'.*'Moscow'"),
        (lambda t: nk.keyness(t, target="Baku", unit="stem"), r"unit='stem'.*'norm', 'lemma', 'token'"),
        (lambda t: nk.term_frequencies(t, by="party"), r"by='party'.*'actor'"),
        (lambda t: nk.collocates(t, "peace", window=0), "window=0 must be positive"),
        (lambda t: nk.collocates(t, "peace", window=(-1, 2)), "must be positive"),
        (lambda t: nk.collocations(t, measure="mutual"), r"measure='mutual'.*'likelihood_ratio'"),
        (lambda t: nk.kwic(t, "peace", sort="middle"), r"sort='middle'.*'left', 'right'"),
        (
            lambda t: nk.lexicon_counts(t, nk.read_lexicon("frames"), count_by="word"),
            r"count_by='word'.*'category'",
        ),
        (lambda t: nk.lexical_diversity(t, mattr_window=0), "mattr_window=0"),
        (lambda t: nk.ngrams(t, n=0), "n=0"),
        (lambda t: nk.term_frequencies(t, level=95), "level=95"),
        (lambda t: nk.read_lexicon("nonexistent"), "neither a shipped lexicon"),
    ],
)
def test_invalid_arguments_raise_the_package_error(tokens: pd.DataFrame, call: object, message: str) -> None:
    with pytest.raises(nk.NKResearchError, match=message):
        call(tokens)  # type: ignore[operator]


@pytest.mark.parametrize(
    "func",
    [
        lambda t: nk.term_frequencies(t),
        lambda t: nk.ngrams(t),
        lambda t: nk.keyness(t, target="Baku"),
        lambda t: nk.collocates(t, "peace"),
        lambda t: nk.collocations(t),
        lambda t: nk.kwic(t, "peace"),
        lambda t: nk.dispersion(t, "peace"),
        lambda t: nk.lexical_diversity(t),
        lambda t: nk.lexicon_counts(t, nk.read_lexicon("frames")),
        lambda t: nk.voice_summary(t),
    ],
)
def test_empty_tokens_table_is_an_error(tokens: pd.DataFrame, func: object) -> None:
    with pytest.raises(nk.NKResearchError, match="empty"):
        func(tokens.iloc[:0])  # type: ignore[operator]


def test_counts_are_the_same_by_array_and_by_hash(
    tokens: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Small key spaces are counted in a dense array, large ones by hashing: same tables."""
    dense = (nk.term_frequencies(tokens, by="doc_id"), nk.collocations(tokens, by="actor", min_freq=2))
    monkeypatch.setattr(_counting, "DENSE_KEYS", 0)
    hashed = (nk.term_frequencies(tokens, by="doc_id"), nk.collocations(tokens, by="actor", min_freq=2))
    for a, b in zip(dense, hashed, strict=True):
        pd.testing.assert_frame_equal(a, b)
    assert len(dense[0]) > 1000 and len(dense[1]) > 50


def test_counts_are_the_same_in_slices_on_threads(
    tokens: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large arrays are counted in one slice per core, in threads: the same tables and counts."""
    whole = (nk.term_frequencies(tokens, by="actor"), nk.collocations(tokens, by="actor", min_freq=2))
    monkeypatch.setattr(_counting, "SLICE_ELEMENTS", 50)
    monkeypatch.setattr(_counting.os, "cpu_count", lambda: 3)  # three slices even on fewer cores
    sliced = (nk.term_frequencies(tokens, by="actor"), nk.collocations(tokens, by="actor", min_freq=2))
    for a, b in zip(whole, sliced, strict=True):
        pd.testing.assert_frame_equal(a, b)
    rng = np.random.default_rng(0)
    first, second = rng.integers(0, 40, 5000), rng.integers(0, 30, 5000)
    labels = np.sort(rng.integers(0, 25, 5000))  # documents, in order
    keys, counts = np.unique(first * 30 + second, return_counts=True)
    ids, got_keys, got_counts = _counting.pair_ids(first, second, 30)
    assert got_keys.tolist() == keys.tolist() and got_counts.tolist() == counts.tolist()
    assert np.array_equal(got_keys[ids], first * 30 + second)
    pairs = _counting.count_pairs(first, second, (40, 30)).toarray()
    assert np.array_equal(pairs.ravel()[keys], counts) and pairs.sum() == 5000
    in_docs = np.bincount(np.unique(labels * 10**6 + ids) % 10**6, minlength=len(keys))
    assert np.array_equal(_counting.distinct_per_id(ids, labels, len(keys)), in_docs)


NOTHING = 10**9  # a min_freq no term reaches


@pytest.mark.parametrize(
    "call",
    [
        lambda t, w, f: nk.collocates(t, w, min_freq=f),
        lambda t, w, f: nk.collocates(t, [w, "zzzz*"], window=(1, 3)),
        lambda t, w, f: nk.kwic(t, w),
        lambda t, w, f: nk.kwic(t, w, show="year", window=3),
        lambda t, w, f: nk.dispersion(t, [w]),
        lambda t, w, f: nk.ngrams(t, n=2, min_freq=f),
        lambda t, w, f: nk.ngrams(t, n=3, by=["actor", "kind"], min_freq=f, drop_stop=True),
        lambda t, w, f: nk.collocations(t, min_freq=f),
        lambda t, w, f: nk.collocations(t, measure="pmi", min_freq=f),
        lambda t, w, f: nk.keyness(t, target="Baku", min_freq=f),
        lambda t, w, f: nk.keyness_english(t, target="Baku", min_freq=f),
        lambda t, w, f: nk.lexicon_counts(t, pd.DataFrame({"category": ["c"], "entry": [w], "pattern": [w]})),
        lambda t, w, f: nk.lexicon_matches(t, pd.DataFrame({"category": ["c"], "entry": [w]})),
        lambda t, w, f: nk.keyness_summary(t, targets=["Baku"] if f == 1 else [], min_freq=3),
    ],
    ids=[
        "collocates",
        "collocates-list",
        "kwic",
        "kwic-by",
        "dispersion",
        "ngrams",
        "ngrams-3",
        "collocations",
        "collocations-pmi",
        "keyness",
        "keyness-english",
        "lexicon_counts",
        "lexicon_matches",
        "keyness_summary",
    ],
)
def test_an_empty_result_has_the_shape_of_a_full_one(tokens: pd.DataFrame, call: Any) -> None:
    full, empty = call(tokens, "karabakh", 1), call(tokens, "qqqxyz", NOTHING)
    assert len(full) > 0
    assert list(empty.columns) == list(full.columns)
    assert dict(empty.dtypes) == dict(full.dtypes)
    assert empty.attrs.keys() == full.attrs.keys()


def test_measures_equal_values_worked_out_by_hand() -> None:
    from nkresearch.analysis.measures import association as measures
    from nkresearch.analysis.measures import dispersion

    o, fn, fc, n = np.array([4.0]), np.array([10.0]), np.array([20.0]), np.array([1000.0])
    e = measures.expected_in_window(fn, fc, 10, n)  # 10 * 20 * 10 / 1000 = 2
    assert e.tolist() == [2.0]
    assert measures.mutual_information(o, e).tolist() == [1.0]  # log2(4 / 2)
    assert measures.mi3(o, e).tolist() == [5.0]  # log2(64 / 2)
    assert measures.t_score(o, e).tolist() == [1.0]  # (4 - 2) / 2
    assert measures.logdice(o, fn, fc).tolist() == [14 + np.log2(8 / 30)]
    given_node, given_collocate = measures.delta_p(o, fc, np.array([100.0]), n)
    assert given_node.tolist() == [pytest.approx(4 / 100 - 16 / 900)]
    assert given_collocate.tolist() == [pytest.approx(4 / 20 - 96 / 980)]
    # two equal parts, the item 3 times in one and once in the other
    v, sizes = np.array([3.0, 1.0]), np.array([50.0, 50.0])
    assert dispersion.juilland_d(v, sizes) == pytest.approx(1 - (0.02 / 0.04) / 1)  # sd 0.02, mean 0.04
    assert dispersion.gries_dp(v, np.array([0.5, 0.5])) == pytest.approx((0.25, 0.5))  # 0.5 * (0.25 + 0.25)
