"""The comparison statistics against their published formulas, worked examples and peer values.

- log-odds: Monroe, Colaresi & Quinn (2008) eq. 16, 20, 22, worked by hand;
- similarity: cosine and Jensen–Shannon by hand and against scipy;
- Wordscores: the LBG (2003) worked example as austin prints it (word scores, V1's
  −0.448 with standard error 0.0119) and quanteda.textmodels' tests (V1 −0.45 raw,
  −0.51 MV-rescaled, within their tolerance of 0.01);
- Wordfish: austin's vignette (its simulated 10 × 12 matrix and the positions,
  standard errors and word parameters it prints);
- trends: Garwood's exact interval and a series whose Poisson slope is known.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.spatial.distance import jensenshannon

import nkresearch as nk
from nkresearch.analysis.measures.logodds import fightin_words
from nkresearch.analysis.measures.rates import rate_interval
from nkresearch.analysis.models.wordfish import fit_wordfish, profile_se


def counts_table(docs: dict[str, dict[str, int]], groups: dict[str, str] | None = None) -> pd.DataFrame:
    """A tokens table with the given word counts per document (one sentence each)."""
    rows = []
    for doc, counts in docs.items():
        for word, n in counts.items():
            rows += [(doc, word)] * n
    t = pd.DataFrame(rows, columns=["doc_id", "norm"])
    t["sent_id"] = 0
    t["is_punct"] = False
    t["is_stop"] = t["norm"].isin(["the", "of"])
    t["actor"] = t["doc_id"].map(groups) if groups else t["doc_id"]
    t["year"] = 2000
    return t


# --- log-odds ---------------------------------------------------------------------------


def test_log_odds_is_monroe_et_al_eq_16_20_22_worked_by_hand() -> None:
    tok = counts_table({"A": {"a": 3, "b": 1}, "B": {"a": 1, "b": 3, "c": 2}})
    lo = nk.log_odds(tok, target="A", reference="B", prior=1.0).set_index("term")
    # flat prior 1 over the 3 terms listed: α₀ = 3; n_A = 4, n_B = 6
    delta_a = math.log((3 + 1) / (4 + 3 - 3 - 1)) - math.log((1 + 1) / (6 + 3 - 1 - 1))
    assert lo.loc["a", "log_odds"] == pytest.approx(delta_a)
    assert lo.loc["a", "se"] == pytest.approx(math.sqrt(1 / 4 + 1 / 2))
    assert lo.loc["a", "z"] == pytest.approx(delta_a / math.sqrt(1 / 4 + 1 / 2))
    # every term of either side is listed, a term one side never uses included
    assert set(lo.index) == {"a", "b", "c"} and lo.loc["c", "n_target"] == 0
    assert lo.loc["c", "log_odds"] == pytest.approx(math.log(1 / 6) - math.log(3 / 6))
    assert (lo["N_target"] == 4).all() and (lo["N_reference"] == 6).all()


def test_the_informative_prior_is_alpha0_times_the_corpus_share() -> None:
    tok = counts_table({"A": {"a": 3, "b": 1}, "B": {"a": 1, "b": 3}, "C": {"a": 2, "c": 10}})
    lo = nk.log_odds(tok, target="A", reference="B", alpha0=20).set_index("term")
    total = {"a": 6, "b": 4, "c": 10}  # the whole corpus: 20 words
    assert lo.loc["a", "prior"] == pytest.approx(20 * 6 / 20)
    a_w = 6.0
    expected = math.log((3 + a_w) / (4 + 20 - 3 - a_w)) - math.log((1 + a_w) / (4 + 20 - 1 - a_w))
    assert lo.loc["a", "log_odds"] == pytest.approx(expected)
    default = nk.log_odds(tok, target="A", reference="B")  # α₀ = the corpus's 20 words
    assert default.attrs["alpha0"] == 20 and default.set_index("term")["prior"].to_dict() == {
        t: float(n) for t, n in total.items() if t in ("a", "b")
    }
    d, se, z = fightin_words(np.array([3.0]), np.array([1.0]), 4, 4, np.array([a_w]), a0=20)
    assert float(d[0]) == pytest.approx(expected) and float(z[0]) == pytest.approx(float(d[0] / se[0]))


def test_log_odds_against_the_rest_and_for_every_group() -> None:
    tok = counts_table({"A": {"a": 3, "b": 1}, "B": {"a": 1, "b": 3}, "C": {"b": 2, "c": 2}})
    rest = nk.log_odds(tok, target="A", prior=0.5).set_index("term")
    assert rest.loc["b", "n_reference"] == 5 and rest.loc["a", "N_reference"] == 8
    every = nk.log_odds(tok, target=None, prior=0.5)
    assert set(every["actor"]) == {"A", "B", "C"}
    mine = every[every["actor"] == "A"].set_index("term")
    assert mine["z"].to_dict() == pytest.approx(rest["z"].to_dict())
    assert nk.log_odds(tok, target="A", prior=0.5, drop_stop=True, min_freq=5)["term"].tolist() == ["b"]
    with pytest.raises(nk.NKResearchError, match="prior"):
        nk.log_odds(tok, target="A", prior="flat")
    with pytest.raises(nk.NKResearchError, match="target itself"):
        nk.log_odds(tok, target="A", reference="A")


# --- similarity -------------------------------------------------------------------------


def test_similarity_by_hand_and_against_scipy() -> None:
    tok = counts_table(
        {"a1": {"x": 2, "y": 1}, "a2": {"x": 1, "z": 1}, "b1": {"y": 2, "z": 2}},
        groups={"a1": "A", "a2": "A", "b1": "B"},
    )
    p, q = np.array([3, 1, 1]) / 5, np.array([0, 2, 2]) / 4
    cos = nk.similarity(tok, n_boot=0)
    assert cos["similarity"].item() == pytest.approx(p @ q / np.linalg.norm(p) / np.linalg.norm(q))
    assert cos[["n_docs_a", "n_docs_b", "N_a", "N_b"]].iloc[0].tolist() == [2, 1, 5, 4]
    js = nk.similarity(tok, measure="jensen_shannon", n_boot=0)
    assert js["similarity"].item() == pytest.approx(1 - jensenshannon(p, q, base=2) ** 2)


def test_similarity_intervals_are_seeded_and_resample_documents() -> None:
    un = nk.corpus_tokens("ungdc", progress=False)
    two = un[un["actor"].isin(["Baku", "Yerevan"])]
    first = nk.similarity(two, n_boot=50, seed=3, drop_stop=True)
    again = nk.similarity(two, n_boot=50, seed=3, drop_stop=True)
    other = nk.similarity(two, n_boot=50, seed=4, drop_stop=True)
    pd.testing.assert_frame_equal(first, again)
    assert first["ci_low"].item() != other["ci_low"].item()
    row = first.iloc[0]
    assert row["ci_low"] < row["ci_high"] and row["n_docs_a"] == 33 and not row["few_docs"]
    basic = nk.similarity(two, n_boot=50, seed=3, drop_stop=True, interval="basic").iloc[0]
    assert basic["ci_high"] == pytest.approx(min(2 * row["similarity"] - row["ci_low"], 1.0))
    alone = nk.similarity(two[two["actor"] == "Baku"], n_boot=10)  # one group: no pair, the same columns
    assert alone.empty and list(alone.columns) == [c for c in first.columns]
    by_period = nk.similarity(nk.periods(two, ["1992-2019", "2020-"]), within="period", n_boot=10)
    assert by_period["period"].tolist() == ["1992-2019", "2020-"]


# --- Wordscores: the LBG (2003) example --------------------------------------------------

_SHAPE = [2, 3, 10, 22, 45, 78, 115, 146, 158, 146, 115, 78, 45, 22, 10, 3, 2]
_WORDS = [chr(65 + i) for i in range(26)] + ["Z" + chr(65 + i) for i in range(11)]
_REFS = {"R1": -1.5, "R2": -0.75, "R3": 0.0, "R4": 0.75, "R5": 1.5}


@pytest.fixture(scope="module")
def lbg() -> pd.DataFrame:
    """austin's ``lbg`` data: five reference texts and V1, each the same 1,000-word shape shifted."""
    starts = {"R1": 0, "R2": 5, "R3": 10, "R4": 15, "R5": 20, "V1": 7}
    return counts_table(
        {doc: {_WORDS[s + k].lower(): n for k, n in enumerate(_SHAPE)} for doc, s in starts.items()}
    )


def test_wordscores_reproduce_the_lbg_example(lbg: pd.DataFrame) -> None:
    words = nk.wordscores_words(lbg, _REFS).set_index("term")["score"]
    # as austin's vignette prints coef(ws)
    austin = {"f": -1.48125, "g": -1.4809322, "h": -1.4519231, "k": -1.1846154, "n": -0.75, "q": -0.2992424}
    for term, score in austin.items():
        assert words[term] == pytest.approx(score, abs=5e-7)
    assert len(words) == 37
    ws = nk.wordscores(lbg, _REFS).set_index("doc_id")
    assert ws.loc["V1", "raw"] == pytest.approx(-0.448, abs=5e-4)  # austin: -0.448 (0.0119)
    assert ws.loc["V1", "raw_se"] == pytest.approx(0.0119, abs=5e-5)
    assert ws.loc["V1", "ci_low"] == pytest.approx(-0.448 - 1.96 * 0.0119, abs=1e-3)
    mv = nk.wordscores(lbg, _REFS, rescale="mv").set_index("doc_id")
    assert mv.loc["V1", "score"] == pytest.approx(-0.51, abs=0.01)  # quanteda.textmodels' test
    assert mv.loc[["R1", "R5"], "score"].tolist() == pytest.approx([-1.5, 1.5])
    slope = 3.0 / (ws.loc["R5", "raw"] - ws.loc["R1", "raw"])
    assert mv.loc["V1", "se"] == pytest.approx(ws.loc["V1", "raw_se"] * slope)
    one = nk.wordscores(lbg, _REFS, rescale="lbg").set_index("doc_id")
    assert one.loc["V1", "score"] == pytest.approx(ws.loc["V1", "raw"])  # one virgin text: as austin


def test_lbg_rescaling_uses_the_texts_without_a_reference_score(lbg: pd.DataFrame) -> None:
    refs = {"R1": -1.5, "R5": 1.5}
    raw = nk.wordscores(lbg, refs).set_index("doc_id")["raw"]
    lbg_ = nk.wordscores(lbg, refs, rescale="lbg").set_index("doc_id")
    virgin = raw.drop(["R1", "R5"])
    slope = np.std([-1.5, 1.5], ddof=1) / virgin.std(ddof=1)
    expected = (virgin - virgin.mean()) * slope + virgin.mean()
    assert lbg_.loc[virgin.index, "score"].to_numpy() == pytest.approx(expected.to_numpy())
    assert lbg_.loc[virgin.index, "score"].std(ddof=1) == pytest.approx(np.std([-1.5, 1.5], ddof=1))
    smooth = nk.wordscores_words(lbg, refs, smooth=1)
    assert len(smooth) == 37  # smoothed, every word is in some reference text
    with pytest.raises(nk.NKResearchError, match="two texts"):
        nk.wordscores(lbg, {"R1": 1.0})


# --- Wordfish: austin's vignette ---------------------------------------------------------

_Y = np.array(
    [
        [41, 39, 28, 27, 30, 23, 16, 12, 13, 10],
        [41, 35, 28, 24, 28, 15, 15, 13, 6, 9],
        [40, 27, 29, 31, 25, 9, 12, 16, 8, 3],
        [9, 12, 20, 14, 18, 22, 27, 27, 28, 42],
        [11, 8, 17, 26, 18, 35, 30, 30, 41, 43],
        [5, 5, 14, 15, 28, 26, 26, 28, 34, 28],
        [89, 93, 76, 81, 61, 49, 50, 34, 31, 25],
        [104, 102, 83, 81, 64, 54, 43, 36, 35, 13],
        [83, 97, 88, 78, 62, 57, 42, 42, 23, 22],
        [24, 33, 38, 45, 62, 70, 89, 98, 103, 107],
        [21, 25, 42, 36, 43, 69, 74, 83, 93, 94],
        [32, 24, 37, 42, 61, 71, 76, 81, 85, 104],
    ],
    dtype=float,
).T  # documents × words
_THETA = [-1.3824, -1.2908, -0.7084, -0.6238, -0.2130, 0.2960, 0.5300, 0.7416, 1.1162, 1.5329]
_SE = [0.10698, 0.10416, 0.09127, 0.09009, 0.08674, 0.08795, 0.09052, 0.09397, 0.10283, 0.11717]
_BETA = [-0.3933, -0.4849, -0.5385, 0.5758, 0.6057, 0.6167, -0.3579, -0.4536, -0.3838, 0.6274, 0.6450, 0.5892]


def test_wordfish_matches_austins_vignette() -> None:
    docs = {f"D{i + 1:02d}": {f"w{j + 1:02d}": int(_Y[i, j]) for j in range(12)} for i in range(10)}
    wf = nk.wordfish(counts_table(docs), dir=("D01", "D10"))
    # θ within 0.01 (austin re-estimates θ once in multinomial form; θ here stays standardized)
    assert wf["theta"].to_numpy() == pytest.approx(_THETA, abs=0.01)
    assert wf["se"].to_numpy() == pytest.approx(_SE, rel=0.01)
    assert wf["theta"].mean() == pytest.approx(0, abs=1e-12) and wf["theta"].std() == pytest.approx(1)
    words = nk.wordfish_words(counts_table(docs), dir=("D01", "D10")).set_index("term")
    assert words["beta"].loc[[f"w{j + 1:02d}" for j in range(12)]].to_numpy() == pytest.approx(
        _BETA, abs=2e-3
    )
    flipped = nk.wordfish(counts_table(docs), dir=("D10", "D01"))
    assert flipped["theta"].to_numpy() == pytest.approx(-wf["theta"].to_numpy())
    fit = fit_wordfish(_Y, dir=(0, 9))
    assert fit.converged and profile_se(_Y, fit) == pytest.approx(wf["se"].to_numpy())


def test_wordfish_bootstrap_is_seeded() -> None:
    docs = {f"D{i + 1:02d}": {f"w{j + 1:02d}": int(_Y[i, j]) for j in range(12)} for i in range(10)}
    tok = counts_table(docs)
    first = nk.wordfish(tok, se="bootstrap", n_boot=20, seed=1)
    again = nk.wordfish(tok, se="bootstrap", n_boot=20, seed=1)
    pd.testing.assert_frame_equal(first, again)
    # the parametric bootstrap's spread is of the order of the curvature's standard errors
    ratio = first["se"].to_numpy() / nk.wordfish(tok)["se"].to_numpy()
    assert 0.5 < np.median(ratio) < 2
    with pytest.raises(nk.NKResearchError, match="dir"):
        nk.wordfish(tok, dir=("D01", "D99"))


# --- trends -------------------------------------------------------------------------------


def test_rate_interval_is_garwoods_exact_interval() -> None:
    low, high = rate_interval(np.array([0, 10]), np.array([10_000, 10_000]))
    # Garwood (1936) for 0 and 10 events: (0, 3.689) and (4.795, 18.390)
    assert low.tolist() == pytest.approx([0.0, 4.7954], abs=1e-4)
    assert high.tolist() == pytest.approx([3.6889, 18.3904], abs=1e-4)


def test_a_doubling_term_has_the_slope_log_2() -> None:
    docs, years = {}, {}
    for k, year in enumerate([2001, 2002, 2003, 2004]):
        docs[f"d{year}"] = {"peace": 2**k, "filler": 1000 - 2**k}
        years[f"d{year}"] = year
    tok = counts_table(docs, groups=dict.fromkeys(docs, "A"))
    tok["year"] = tok["doc_id"].map(years)
    table = nk.trends(tok, ["peace", "war"])
    peace = table[table["term"] == "peace"]
    assert peace["n"].tolist() == [1, 2, 4, 8] and (peace["N"] == 1000).all()
    assert peace["slope"].iloc[0] == pytest.approx(math.log(2), abs=1e-6)  # an exact fit
    assert peace["p"].iloc[0] < 0.05 and peace["share"].tolist() == [1.0] * 4
    assert table[table["term"] == "war"]["slope"].isna().all()  # never used: nothing to test
    nb = nk.trends(tok, "peace", model="negative_binomial")
    assert nb["slope"].iloc[0] == pytest.approx(math.log(2), abs=1e-3)


# --- sentences ----------------------------------------------------------------------------


def test_the_sentences_quote_the_tables() -> None:
    un = nk.corpus_tokens("ungdc", progress=False)
    two = un[un["actor"].isin(["Baku", "Yerevan"])]
    lo = nk.log_odds(two, target="Baku", reference="Yerevan", drop_stop=True)
    top = lo.iloc[0]
    text = nk.describe_log_odds(lo).markdown()
    assert f"{top['n_target']} against {top['n_reference']}, z = {top['z']:.1f}" in text
    sim = nk.similarity(two, n_boot=20)
    assert f"{sim['similarity'].iloc[0]:.2f}" in nk.describe_similarity(sim).markdown()
    wf = nk.wordfish(two, min_freq=5, dir=("ARM-1992", "AZE-1992"))
    low = wf.sort_values("theta").iloc[0]
    assert f"{low['doc_id']} ({low['theta']:.2f}" in nk.describe_positions(wf).markdown()
    tr = nk.trends(two, ["artsakh", "garabagh"])
    rising = tr[(tr["p"] < 0.05)].drop_duplicates(["term", "actor"])
    prose = nk.describe_trends(tr).markdown()
    assert len(rising) >= 1  # the UN speeches have trends to describe: the loop below checks something
    for row in rising.itertuples():
        assert f"factor of {math.exp(row.slope):.2f}" in prose


def test_the_one_document_caveat_names_the_side_the_word_belongs_to() -> None:
    lo = pd.DataFrame(
        {
            "term": ["ours", "theirs", "lone"],
            "n_target": [30, 1, 0],
            "n_reference": [2, 17, 6],
            "z": [3.0, -2.5, -2.0],
            "significant": [True, True, True],
            "docs_target": [1, 1, 0],  # "theirs": one use in one document of the target
            "docs_reference": [2, 9, 1],  # "lone": all of the reference's uses in one document
        }
    )
    lo.attrs = {"analysis": "log_odds", "by": ["actor"], "target": "Baku", "reference": "Yerevan"}
    caveats = nk.describe_log_odds(lo).caveats
    assert "*ours* comes from a single document of Baku: one text's topic" in " ".join(caveats)
    assert "*lone* comes from a single document of Yerevan" in " ".join(caveats)
    assert "theirs" not in " ".join(caveats)


def test_an_interval_from_one_document_a_side_is_said_not_printed() -> None:
    sim = pd.DataFrame(
        {
            "group_a": ["A", "A"],
            "group_b": ["B", "C"],
            "similarity": [0.46, 0.30],
            "ci_low": [0.46, 0.21],
            "ci_high": [0.46, 0.35],
            "n_docs_a": [1, 1],
            "n_docs_b": [1, 7],
            "few_docs": [True, True],
        }
    )
    sim.attrs = {"analysis": "similarity", "by": ["actor"], "measure": "cosine"}
    finding = nk.describe_similarity(sim).findings[0]
    assert "A and B (cosine 0.46, one document each, no interval)" in finding
    assert "A and C (cosine 0.30, interval 0.21–0.35)" in finding
    assert "0.46–0.46" not in finding


def test_a_corpus_without_years_says_its_time_analyses_show_no_change(tokens: pd.DataFrame) -> None:
    """No year, no date: one undated period is said, not analysed as if it were time."""
    undated = tokens.drop(columns=[c for c in ("year", "date") if c in tokens.columns])
    with pytest.warns(UserWarning, match="no row has a year"):
        undated = nk.periods(undated, ["1992-2019", "2020-"], undated="undated")
    trend = nk.describe_trends(nk.trends(undated, ["karabakh", "artsakh"], time="period"))
    assert trend.findings == (
        "No trend is tested: every row is in one value of period (undated), and a trend needs two.",
    )
    sim = nk.describe_similarity(nk.similarity(undated, within="period", n_boot=20))
    assert not any(f.startswith("In undated") for f in sim.findings)
    assert sim.caveats[0].startswith("Every pair is compared in one value of period only (undated)")
