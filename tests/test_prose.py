"""Sentences from tables: each says what its table holds, with the caveats it needs, for any corpus."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import toy_tokens

import nkresearch as nk

#: two groups, hand-countable: "peace" 3 times in A (two documents), "war" twice in B (one document)
TOY = {
    "A": ["peace talks peace now.", "peace again and talks."],
    "B": ["war war here.", "calm talks."],
}


def test_prose_is_markdown_with_its_sentences_in_metadata_and_no_math() -> None:
    prose = nk.Prose(("It cost $20 and $30.",), ("A caveat.",))
    text, meta = prose._repr_markdown_()
    assert text == "It cost \\$20 and \\$30.\n\n*Caveat.* A caveat."  # a $ pair is never typeset as math
    assert meta == {
        "nkresearch": {
            "findings": ["It cost $20 and $30."],
            "caveats": ["A caveat."],
            "corpus": "",
            "figure": "",
        }
    }
    assert str(nk.Prose(("Only this.",))) == "Only this."


def test_describe_voices_names_the_largest_and_smallest_and_the_thin_ones() -> None:
    summary = pd.DataFrame({"actor": ["X", "Y", "Z"], "docs": [3, 1, 2], "words": [5000, 400, 1200]})
    summary.attrs = {"analysis": "voice_summary", "by": ["actor"]}
    prose = nk.describe_voices(summary, thin=1000)
    assert prose.findings == (
        "The corpus holds **6,600** words in 3 groups of `actor`.",
        "X has the most text (**5,000** words, 76% of all, in 3 documents); Y the least (**400** words).",
    )
    assert prose.caveats[0].startswith("Y (400) rests on fewer than 1,000 words")
    assert nk.describe_voices(summary, thin=100).caveats == ()
    alone = nk.describe_voices(summary.iloc[:1])
    assert alone.findings[1] == "All of them are X's."


def test_describe_voices_reads_a_summary_by_outlet() -> None:
    summary = pd.DataFrame({"outlet": ["Report", "Asbarez"], "docs": [1, 1], "words": [10, 30]})
    summary.attrs = {"analysis": "voice_summary", "by": ["outlet"]}
    assert "`outlet`" in nk.describe_voices(summary).findings[0]
    assert nk.describe_voices(summary).findings[1].startswith("Asbarez has the most text (**30** words, 75%")


def test_a_table_that_does_not_say_its_groups_is_an_error_that_says_why() -> None:
    summary = pd.DataFrame({"actor": ["X"], "docs": [3], "words": [5000]})  # e.g. read back from a CSV
    with pytest.raises(nk.NKResearchError, match=r"no attrs\['by'\].*read back from a file"):
        nk.describe_voices(summary)


def test_describe_cleaning_counts_rules_and_names_the_largest_removal() -> None:
    log = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b"],
            "rule": ["navigation", "navigation", "repeated_copy"],
            "n_chars": [5, 7, 90],
        }
    )
    prose = nk.describe_cleaning(log)
    assert prose.findings[0] == (
        "Cleaning removed **3** spans (**102** characters) by 2 rules: "
        "`repeated_copy` (1) and `navigation` (2)."
    )
    assert prose.findings[1] == "The largest removal is `repeated_copy` in `b` (**90** characters)."
    assert nk.describe_cleaning(log.iloc[:0]).findings == ("Cleaning removed nothing from these texts.",)


def test_describe_frequencies_gives_the_top_term_with_its_counts() -> None:
    freq = nk.term_frequencies(toy_tokens(TOY), by="actor", drop_punct=True)
    prose = nk.describe_frequencies(freq)
    assert prose.findings[0] == (
        "The most frequent term of each group: "
        "A *peace* (**3** of **8** words) and B *war* (**2** of **5** words)."
    )
    assert "fewer than 5 times" in prose.caveats[-1]


def test_describe_keyness_follows_the_figure_order_and_flags_one_document_terms() -> None:
    tokens = toy_tokens(TOY)
    key = nk.keyness(tokens, target="B", reference="rest")
    row = key.set_index("term").loc["war"]
    assert (row["n_target"], row["n_reference"], row["docs_target"], row["docs_reference"]) == (2, 0, 1, 0)
    assert bool(row["one_doc_target"])
    peace = nk.keyness(tokens, target="A", reference="rest").set_index("term").loc["peace"]
    assert (peace["docs_target"], peace["docs_reference"], bool(peace["one_doc_target"])) == (2, 0, False)
    prose = nk.describe_keyness(key, top=2)
    shown = key[key["log_ratio"] > 0].sort_values(["log_ratio", "term"], ascending=[False, True]).head(2)
    assert prose.findings[0] == (
        "The strongest keywords of B against the rest, by log ratio as in the figure: "
        + " and ".join(
            f"*{t}* ({a} against {b})"
            for t, a, b in zip(shown["term"], shown["n_target"], shown["n_reference"], strict=True)
        )
        + "."
    )
    significant = int(key["significant"].sum())
    assert f"**{significant}** of the **{len(key)}** terms tested" in prose.findings[1]
    assert any("All 2 of these keywords have an expected count below 5" in c for c in prose.caveats)
    assert any("*war*" in c and "single document of B" in c for c in prose.caveats)


def test_describe_keyness_against_english_has_no_test() -> None:
    key = nk.keyness_english(toy_tokens(TOY), target="A")
    prose = nk.describe_keyness(key)
    assert "against general English" in prose.findings[0] and len(prose.findings) == 1
    assert prose.caveats == ("General English has rates but no counts, so no significance test is possible.",)


def test_describe_collocates_gives_counts_and_calls_small_ones_leads() -> None:
    col = nk.collocates(toy_tokens(TOY), "talks", by="actor", window=3)
    prose = nk.describe_collocates(col, top=1)
    best = col.sort_values(["logdice", "collocate"], ascending=[False, True]).groupby("actor").head(1)
    for actor, word, o in zip(best["actor"], best["collocate"], best["o"], strict=True):
        assert f"{actor}: *{word}* (o = {o})" in prose.findings[0]
    assert prose.caveats and "leads to read in the concordance" in prose.caveats[0]
    big = col.assign(o=col["o"] * 20)
    assert nk.describe_collocates(big).caveats == ()
    with pytest.raises(nk.NKResearchError, match="no column 'dice'"):
        nk.describe_collocates(col, measure="dice")


def test_describe_lexicon_names_the_top_group_unused_categories_and_thin_rows() -> None:
    counts = pd.DataFrame(
        {
            "actor": ["A", "B", "A", "B", "A", "B"],
            "category": ["law", "law", "war", "war", "peace", "peace"],
            "n": [12, 2, 0, 6, 0, 0],
            "N": [4000, 500, 4000, 500, 4000, 500],
            "per_10k": [30.0, 40.0, 0.0, 120.0, 0.0, 0.0],
            "n_scare_quoted": [1, 0, 0, 0, 0, 0],
        }
    )
    counts.attrs = {"analysis": "lexicon_counts", "by": ["actor"]}
    prose = nk.describe_lexicon(counts, thin=1000, min_n=5)
    assert prose.findings[0] == (
        "Highest rate of each category: *war*: B (120 per 10,000 words, n = **6**); "
        "*law*: B (40 per 10,000 words, n = **2**)."
    )
    assert prose.findings[1] == "No group uses *peace*."
    assert prose.findings[2] == "**1** of the uses is in scare quotes."
    assert prose.caveats[0] == "1 of the 3 non-zero cells rest on fewer than 5 occurrences."
    assert prose.caveats[1] == "Rows of B (500 words) rest on fewer than 1,000 words."


def test_every_bold_number_of_the_bundled_findings_is_in_its_table(tokens: pd.DataFrame) -> None:
    """On real tables: the counts the sentences print are the table's own."""
    freq = nk.term_frequencies(tokens, by="actor", drop_stop=True)
    text = nk.describe_frequencies(freq).findings[0]
    for actor, term, n, big_n in re.findall(
        r"(\w+) \*([^*]+)\* \(\*\*(\d+)\*\* of \*\*([\d,]+)\*\* words\)", text
    ):
        row = freq[(freq["actor"] == actor) & (freq["term"] == term)].iloc[0]
        assert (int(row["n"]), int(row["N"])) == (int(n), int(big_n.replace(",", "")))
        assert int(row["rank"]) == 1


def _result(analysis: str, by: list[str], **columns: list[object]) -> pd.DataFrame:
    table = pd.DataFrame(columns)
    table.attrs = {"analysis": analysis, "by": by}
    return table


def test_the_sentences_of_the_other_term_tables_by_hand() -> None:
    grams = _result(
        "ngrams", ["actor"], actor=["A", "A", "B"], ngram=["x y", "y z", "p q"], n=[4, 9, 2], N=[50, 50, 3000]
    )
    assert nk.describe_ngrams(grams).findings == (
        "The most frequent bigram of each group: A *y z* (**9** of **50**) and B *p q* (**2** of **3,000**).",
    )
    assert nk.describe_ngrams(grams).caveats == ("A (50) rests on fewer than 1,000 items.",)
    summary = _result(
        "keyness_summary", ["actor"], actor=["A", "B", "C"], N_target=[5000, 4000, 3000],
        terms_tested=[300, 300, 300], significant_bonferroni=[0, 12, 0],
    )  # fmt: skip
    assert nk.describe_keyness_summary(summary).findings == (
        "Against the rest, B has the most key terms (**12** of **300** tested, "
        "G² significant at 0.05 after the Bonferroni correction).",
        "A and C have none.",
    )
    div = _result("lexical_diversity", ["actor"], actor=["A", "B", "C"], tokens=[500, 800, 40],
                  types=[200, 300, 30], ttr=[0.4, 0.375, 0.75], mattr=[0.61, 0.72, float("nan")])  # fmt: skip
    div.attrs["mattr_window"] = 100
    prose = nk.describe_diversity(div)
    assert prose.findings[0].startswith(
        "By MATTR (100-token windows), B has the most varied vocabulary (0.720, **800** tokens) "
        "and A the least (0.610, **500** tokens)."
    )
    assert prose.caveats == ("C is shorter than 100 tokens: no MATTR.",)
    disp = _result("dispersion", ["doc_id"], term=["a", "b", "c"], f=[10, 3, 0], parts=[5, 5, 5],
                   range=[5, 1, 0], D=[0.9, 0.0, float("nan")], DP=[0.1, 0.8, float("nan")],
                   DPnorm=[0.12, 1.0, float("nan")])  # fmt: skip
    assert nk.describe_dispersion(disp).findings == (
        "Most evenly spread over doc_id: *a* (DPnorm 0.12; **10** uses in 5 of 5).",
        "Least: *b* (DPnorm 1.00; **3** uses in 1 of 5).",
        "*c* does not occur.",
    )
    lines = _result("kwic", [], doc_id=["d1", "d1", "d2"], actor=["A", "B", "B"], start=[0, 5, 9])
    lines.attrs["pattern"] = "peace*"
    assert nk.describe_kwic(lines).findings == (
        "'peace…' has **3** lines in 2 documents: B 2 and A 1 (by actor).",  # a glob is never shown
    )
    lines.attrs["forms"] = {"peace*": ["peace", "peaceful"]}  # what kwic records it matched
    assert nk.describe_kwic(lines).findings[0].startswith("'peace/peaceful' has **3** lines")
    matches = _result("lexicon_matches", [], category=["t", "t", "p"], entry=["X", "X", "Y"],
                      scare_quoted=[True, False, False])  # fmt: skip
    assert nk.describe_lexicon_matches(matches).findings == (
        "**3** matches of 2 entries in 2 categories; the most frequent: *X* (**2**) and *Y* (**1**).",
        "**1** of them stand in scare quotes.",
    )
    words = _result(
        "wordfish_words", [], term=["a", "b", "c"], n=[5, 6, 7], beta=[-1.0, 0.2, 2.0], psi=[0, 0, 0]
    )
    words.attrs["dir"] = ("L", "R")
    assert nk.describe_words(words, top=1).findings == (
        "At the low end of the Wordfish scale (L): *a* (5); "
        "at the high end (R): *c* (7) (counts in brackets).",
    )
    pairs = _result("collocations", ["actor"], actor=["A", "A"], bigram=["x y", "y z"], score=[9.0, 3.0],
                    n_ii=[7, 2])  # fmt: skip
    pairs.attrs["measure"] = "likelihood_ratio"
    prose = nk.describe_collocations(pairs, top=2)
    assert prose.findings == (
        "The strongest word pairs (likelihood ratio; times seen in brackets): "
        "A: *x y* (**7**) and *y z* (**2**).",
    )
    assert prose.caveats == ("1 of the 2 pairs named occur fewer than 5 times.",)


def test_a_group_name_from_the_data_is_text_in_the_markdown_not_markup() -> None:
    summary = _result("voice_summary", ["actor"], actor=['A <img src=x onerror="p()">', "B & C"], docs=[1, 1],
                      words=[5000, 400])  # fmt: skip
    markdown = nk.describe_voices(summary).markdown()
    assert "<img" not in markdown and '&lt;img src=x onerror="p()"&gt;' in markdown
    assert "B &amp; C" in markdown


def test_a_small_nonzero_rate_is_never_printed_as_zero() -> None:
    counts = _result("lexicon_counts", ["actor"], actor=["A"], category=["law"], n=[2], N=[435_000],
                     per_10k=[2 / 435_000 * 10_000])  # fmt: skip
    assert "*law*: A (0.046 per 10,000 words, n = **2**)" in nk.describe_lexicon(counts, thin=10).findings[0]
