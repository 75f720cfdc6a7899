"""Tokens: spans, norms, multi-word names, sentences and options."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from nltk.tokenize import RegexpTokenizer
from nltk.tokenize.punkt import PunktSentenceTokenizer

import nkresearch as nk
from nkresearch.corpus.sentences import (
    _paragraph_spans,
    load_punkt_parameters,
    sentence_spans,
    sentence_tokenizer,
)
from nkresearch.tokens.tokenizer import TOKEN_COLUMNS, _spaced_pattern, _word_spans, token_pattern


def _segment(text: str) -> pd.DataFrame:
    """A one-segment table, as segment_voices would give for a one-line document."""
    row = {
        "doc_id": "d",
        "seg_id": 0,
        "start": 0,
        "text": text,
        "actor": "Media",
        "speaker": "x",
        "kind": "narration",
    }
    return pd.DataFrame([row])


def _tokens_of(text: str, **options: object) -> list[str]:
    return nk.tokenize(_segment(text), **options)["token"].astype(str).tolist()  # type: ignore[arg-type]


def test_columns_and_every_token_maps_to_its_span(tokens: pd.DataFrame, texts: dict[str, str]) -> None:
    assert list(tokens.columns[: len(TOKEN_COLUMNS)]) == TOKEN_COLUMNS
    assert {"title", "outlet", "date", "genre"} <= set(tokens.columns)
    for doc_id, group in tokens.groupby("doc_id", observed=True):
        text = texts[str(doc_id)]
        assert [text[s:e] for s, e in zip(group["start"], group["end"], strict=True)] == group[
            "token"
        ].astype(str).tolist()
        assert group["tok_id"].tolist() == list(range(len(group)))
        assert group["start"].is_monotonic_increasing
    assert len(tokens) > 3000


def test_sentences_never_cross_a_segment(tokens: pd.DataFrame) -> None:
    per_sentence = tokens.groupby(["doc_id", "sent_id"], observed=True)["seg_id"].nunique()
    assert (per_sentence == 1).all()
    assert tokens.groupby("doc_id", observed=True)["sent_id"].apply(lambda s: s.is_monotonic_increasing).all()


def test_norm_unifies_quotes_and_dashes(tokens: pd.DataFrame) -> None:
    norm = dict(zip(tokens["token"].astype(str), tokens["norm"].astype(str), strict=True))
    assert norm["’s"] == "'s" and norm["“"] == '"' and norm["”"] == '"'
    assert norm["—"] == "-" and norm["Nagorno-Karabakh"] == "nagorno-karabakh"
    assert not tokens["norm"].astype(str).str.contains("[“”’‘—–]").any()


def test_multiword_names_are_one_token(tokens: pd.DataFrame) -> None:
    mwe = tokens[tokens["token"].astype(str).str.contains(" ")]
    pairs = set(zip(mwe["token"].astype(str), mwe["norm"].astype(str), strict=True))
    assert ("OSCE Minsk Group", "minsk_group") in pairs
    assert ("Lachin Corridor", "lachin_corridor") in pairs
    assert ("UN Security Council", "un_security_council") in pairs
    assert ("Nagorno-Karabakh Republic", "nagorno-karabakh_republic") in pairs
    assert "minsk" not in set(tokens["norm"].astype(str))


def test_word_pattern_details() -> None:
    assert _tokens_of("Karabakh’s talks hasn’t stopped since Dec. 12 in the U.N. and U.S.") == [
        "Karabakh",
        "’s",
        "talks",
        "has",
        "n’t",
        "stopped",
        "since",
        "Dec.",
        "12",
        "in",
        "the",
        "U.N.",
        "and",
        "U.S.",
    ]
    assert _tokens_of("The 44-day war left 120,000 people... — 2023-03-01") == [
        "The",
        "44-day war",
        "left",
        "120,000",
        "people",
        "...",
        "—",
        "2023-03-01",
    ]


def test_options_are_applied_and_recorded() -> None:
    text = "The OSCE Minsk Group met the Negotiators."
    assert _tokens_of(text, mwe=False)[1:4] == ["OSCE", "Minsk", "Group"]
    custom = pd.DataFrame({"phrase": ["the Negotiators"], "norm": ["negotiators_group"]})
    assert "the Negotiators" in _tokens_of(text, mwe=custom)
    seg = _segment(text)
    kept_case = nk.tokenize(seg, lowercase=False, lemmatize=False)
    assert "Negotiators" in set(kept_case["norm"].astype(str))
    assert kept_case.attrs["tokenize"]["lowercase"] is False
    lemmas = nk.tokenize(seg)
    assert (
        dict(zip(lemmas["norm"].astype(str), lemmas["lemma"].astype(str), strict=True))["negotiators"]
        == "negotiator"
    )
    assert lemmas.attrs["tokenize"]["lemmatize"] == "simplemma (en)"


def test_flags(tokens: pd.DataFrame) -> None:
    flags = tokens.drop_duplicates("norm").set_index(tokens.drop_duplicates("norm")["norm"].astype(str))
    assert flags.at["the", "is_stop"] and flags.at["'s", "is_stop"]
    assert not flags.at["negotiations", "is_stop"]
    assert flags.at[",", "is_punct"] and not flags.at[",", "is_alpha"]
    assert flags.at["nagorno-karabakh", "is_alpha"] and not flags.at["2023", "is_alpha"]
    assert not flags.at["2023", "is_punct"]


def test_empty_or_wrong_input_is_an_error() -> None:
    with pytest.raises(nk.NKResearchError, match="empty"):
        nk.tokenize(pd.DataFrame(columns=["doc_id", "seg_id", "start", "text", "actor", "speaker", "kind"]))
    with pytest.raises(nk.NKResearchError, match="segment_voices"):
        nk.tokenize(pd.DataFrame({"text": ["a"]}))
    segments = nk.segment_voices(nk.load_corpus())
    with pytest.raises(nk.NKResearchError, match=r"mwe= needs a table with the columns 'phrase' and 'norm'"):
        nk.tokenize(segments, mwe=pd.DataFrame({"words": ["Minsk Group"]}))


def test_word_spans_are_nltks_on_any_script() -> None:
    """Marks, ZWNJ and other numbers are word characters for NLTK's engine (``regex``): the same here.

    Devanagari, pointed Hebrew, vocalised Arabic, Persian with ZWNJ, Armenian and
    Azerbaijani stay whole words, and the spans are ``RegexpTokenizer``'s, in one call
    with plain English (which keeps the faster engine).
    """
    phrases = nk.read_mwe()["phrase"]
    words = RegexpTokenizer(token_pattern(phrases))
    cases = [
        "नमस्ते दुनिया, भारत की राजधानी",
        "שָׁלוֹם עוֹלָם",
        "السَّلَامُ عَلَيْكُمْ",
        "می\u200cخواهم بروم",
        "Արցախ, Ստեփանակերտ և Շուշի",
        "Qarabağ, Xankəndi, Ağdam və Şuşa",
        "x² and ½ of H₂O",
        "a\x1cb c",  # a separator that re calls white space and regex does not
        "the Minsk Group met in Vienna",
    ]
    _, _, starts, ends, counts = _word_spans(cases, _spaced_pattern(tuple(phrases)))
    first = 0
    for text, n in zip(cases, counts.tolist(), strict=True):
        spans = list(zip(starts[first : first + n].tolist(), ends[first : first + n].tolist(), strict=True))
        assert spans == list(words.span_tokenize(text)), text
        first += n
    tok = nk.tokenize(
        nk.segment_voices(pd.DataFrame({"doc_id": ["d"], "text": ["नमस्ते Ստեփանակերտ Xankəndi"]}))
    )
    assert tok["token"].astype(str).tolist() == ["नमस्ते", "Ստեփանակերտ", "Xankəndi"]
    assert tok["is_alpha"].all()


def test_long_documents_are_not_cut_off_by_nltks_regex_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    redos = pytest.importorskip("nltk.redos")
    # a limit that a scan of the whole paragraph exceeds but a single token does not
    monkeypatch.setattr(redos, "DEFAULT_TIMEOUT", 0.02)
    text = "The OSCE Minsk Group met again in Vienna on Dec. 12 and talked. " * 4000
    with pytest.raises(TimeoutError):  # the limit bites on NLTK's plain tokenizer
        RegexpTokenizer(r"\w+|[^\w\s]").tokenize(text * 3)
    tokens = _tokens_of(text)
    assert len(tokens) == 4000 * 12 and tokens[:3] == ["The", "OSCE Minsk Group", "met"]


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["seeds", "ungdc"])
def test_words_and_sentences_are_nltks(corpus: str) -> None:
    """The fast paths give exactly what NLTK's own classes give on every bundled text.

    Words: one ``findall`` of white space + pattern per segment, offsets from the
    lengths, against ``RegexpTokenizer(token_pattern()).span_tokenize``. Sentences:
    Punkt with its patterns compiled by ``re``, against NLTK's stock
    ``PunktSentenceTokenizer`` (its ``regex`` patterns) with the same parameters.
    """
    segments = nk.segment_voices(nk.load_corpus(corpus))
    tokens = nk.tokenize(segments)
    words = RegexpTokenizer(token_pattern(nk.read_mwe()["phrase"]))
    stock = PunktSentenceTokenizer(load_punkt_parameters())
    by_segment = tokens.groupby(["doc_id", "seg_id"], observed=True)
    rows = segments[["doc_id", "seg_id", "start", "text"]].itertuples(index=False)
    for doc_id, seg_id, start, text in rows:
        ours = by_segment.get_group((doc_id, seg_id))
        expected = [(start + s, start + e) for s, e in words.span_tokenize(text)]
        assert list(zip(ours["start"], ours["end"], strict=True)) == expected
        paragraphs = _paragraph_spans(text)
        stock_sentences = [(a + s, a + e) for a, b in paragraphs for s, e in stock.span_tokenize(text[a:b])]
        assert list(sentence_spans(text)) == stock_sentences


def test_ordinals_and_decades_are_one_token_with_exact_spans() -> None:
    text = "The 75th session, the 1st and 22nd, the 1990s and 21st-century ideas; 5s and 12thx stay split."
    tok = nk.tokenize(_segment(text))
    assert {"75th", "1st", "22nd", "1990s", "21st-century"} <= set(tok["token"].astype(str))
    assert {"th", "st", "nd"}.isdisjoint(tok["token"].astype(str))
    assert [t for t in tok["token"].astype(str) if t in ("5", "s", "12", "thx")] == ["5", "s", "12", "thx"]
    assert all(
        text[s:e] == t for s, e, t in zip(tok["start"], tok["end"], tok["token"].astype(str), strict=True)
    )


def test_no_multi_word_names_means_no_empty_tokens() -> None:
    """With an empty names table the pattern has no alternative that matches nothing."""
    assert "" not in re.findall(token_pattern(), "session, the 75th")
    assert _tokens_of("The Minsk Group met.", mwe=nk.read_mwe().iloc[:0]) == [
        "The",
        "Minsk",
        "Group",
        "met",
        ".",
    ]


def test_word_spans_on_hard_cases_are_regexp_tokenizers() -> None:
    """The reordered pattern of the fast path matches what the documented pattern matches.

    Cases where a plain word meets an alternative it is tried before: names in any
    case (and after a hyphen, where they must not match), abbreviations, initials,
    clitics, ``n't``, numbers, hyphens, periods, underscores and letters outside ASCII.
    """
    phrases = nk.read_mwe()["phrase"]
    words = RegexpTokenizer(token_pattern(phrases))
    pattern = _spaced_pattern(tuple(phrases))
    cases = [
        "the united nations and the UNITED  NATIONS Security Council met",
        "pro-United Nations, anti-Minsk Group; minsk group. Minsk-Group",
        "Mr. Aliyev, Mrs. X, U.S. aid, e.g. this, etc. and vs. them; Dec 12 and Dec. 12",
        "J. S. Bach, A.B. and a.b.c. end. Ab. x.",
        "don't, hasn’t, can't, n't, Karabakh's, Karabakh’s, o'clock, rock'n'roll",
        "44-day war, the 44-day war, 120,000 and 2017-11-21, co-chairs, well--known",
        "the 75th session, 1st and 2nd, 3rd, the 1990s, 21st-century, 5s, 12thx, 1990S",
        "snake_case word_ and _x ... … Ağdam Şuşa Xankəndi Ստեփանակերտ Степанакерт.",
        "Security\nCouncil\tGeneral Assembly end",
    ]
    codes, types, starts, ends, counts = _word_spans(cases, pattern)  # all at once, as tokenize does
    assert sorted(set(types)) == types and counts.sum() == len(codes)
    first = 0
    for text, n in zip(cases, counts.tolist(), strict=True):
        spans = list(zip(starts[first : first + n].tolist(), ends[first : first + n].tolist(), strict=True))
        assert spans == list(words.span_tokenize(text)), text
        assert [types[c] for c in codes[first : first + n]] == [text[s:e] for s, e in spans]
        first += n


def test_each_sentence_break_decision_is_nltks() -> None:
    """Punkt's decision for every candidate break of both corpora, and for hard cases, is NLTK's."""
    ours, stock = sentence_tokenizer(), PunktSentenceTokenizer(load_punkt_parameters())
    contexts = [
        "Dr. Smith",
        "J. S. Bach",
        "on 12. December",
        "the 12. The",
        "etc. and so",
        "the U.S. Army",
        "ended... The",
        "ended... the",
        "a word. the",
        "Mr. Aliyev.",
        "ended? Yes",
        "(a.) B",
        "e.g. this",
        "Inc. Shares",
        "No. 5",
        "stop.\n\nNew",
        ".",
    ]
    for corpus in ("seeds", "ungdc"):
        for text in nk.load_corpus(corpus)["text"]:
            contexts += [c for _, c in stock._match_potential_end_contexts(text)]
    assert len(contexts) > 20_000
    decisions = [ours.text_contains_sentbreak(c) for c in contexts]
    assert decisions == [stock.text_contains_sentbreak(c) for c in contexts]
    assert 0 < sum(decisions) < len(decisions)  # both kinds of decision were made


def test_nltk_private_names_the_package_uses_are_there(monkeypatch: pytest.MonkeyPatch) -> None:
    from nltk.tokenize import punkt

    from nkresearch.corpus import _nltk_private

    assert _nltk_private.missing() == []
    # the flags are Kiss & Strunk's six orthographic contexts, one bit each
    flags = [getattr(punkt, name) for name in _nltk_private.ORTHO_FLAGS]
    assert flags == [2, 4, 8, 16, 32, 64]
    assert _nltk_private.ORTHO_UC == 2 | 4 | 8 and _nltk_private.ORTHO_LC == 16 | 32 | 64
    monkeypatch.delattr(punkt.PunktToken, "_RE_INITIAL")  # as if NLTK renamed it
    assert _nltk_private.missing() == ["PunktToken._RE_INITIAL"]
    with pytest.raises(nk.NKResearchError, match="_RE_INITIAL"):
        _nltk_private.check()


def test_a_hyphenated_word_printed_over_two_lines_is_one_word() -> None:
    """'Nagorno-' at a line's end and 'Karabakh' on the next: one token nagorno-karabakh, its span exact."""
    text = "Talks on the Nagorno-\nKarabakh conflict and the Secretary-  \n  General went on.\n\n"
    text += "pre- and post-war"
    docs = pd.DataFrame({"doc_id": ["d"], "text": [text]})
    tokens = nk.tokenize(nk.segment_voices(docs, method="auto"))
    assert {"nagorno-karabakh", "secretary-general"} <= set(tokens["norm"])
    assert "karabakh" not in set(tokens["norm"]) and "general" not in set(tokens["norm"])
    word = tokens[tokens["norm"] == "nagorno-karabakh"].iloc[0]
    assert text[int(word["start"]) : int(word["end"])] == word["token"] == "Nagorno-\nKarabakh"
    assert {"pre", "-", "and", "post-war"} <= set(tokens["norm"])  # a hyphen before a space is no line break
