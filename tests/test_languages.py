"""Russian, Armenian and Azerbaijani documents: their language, sentences and tokens.

Every text here is invented for the test.
"""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest

import nkresearch as nk
from nkresearch.corpus.languages import detect_language
from nkresearch.corpus.sentences import sentence_spans
from nkresearch.tokens.azerbaijani import az_stem
from nkresearch.tokens.languages import lower

RU = "Министр заявила, что переговоры т.е. встречи в г. Москве продолжатся. В.В. Петров не пришёл."
HY = "Նախարարը հայտարարեց. «Ինչո՞ւ ոչ»։ ՀՀ ԱԳՆ-ն ս.թ. մայիսին պատասխանեց: Այո՛, կա՛մ այսպես։"
AZ = "Nazir bildirib ki, danışıqlarda İrəvan və Bakı iştirak edib. İ.H. Məmmədov küç. 5-də yaşayır."
EN = "The minister said talks would resume on Dec. 12 in Vienna. Both sides agreed."


def _folder(tmp_path: Path, texts: dict[str, str], languages: dict[str, str] | None) -> Path:
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    rows = ["file" + (",language" if languages is not None else "")]
    for name in texts:
        rows.append(f"{name}.txt" + (f",{languages.get(name, '')}" if languages is not None else ""))
    (tmp_path / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return tmp_path


def _segments(texts: list[str], languages: list[str] | None) -> pd.DataFrame:
    """One segment per text, as segment_voices gives it (start 0, the whole text)."""
    table = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(texts))],
            "seg_id": 0,
            "start": 0,
            "end": [len(t) for t in texts],
            "text": texts,
            "actor": "Media",
            "speaker": "",
            "kind": "narration",
        }
    )
    if languages is not None:
        table["language"] = languages
    return table


def test_language_comes_from_the_metadata_else_is_detected(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"ru": RU, "hy": HY, "az": AZ, "en": EN}, {"ru": "Russian", "hy": "hye"})
    docs = nk.load_corpus(folder).set_index("doc_id")
    assert docs["language"].to_dict() == {"ru": "ru", "hy": "hy", "az": "az", "en": "en"}
    assert docs["language_source"].to_dict() == {
        "ru": "metadata",
        "hy": "metadata",
        "az": "detected",
        "en": "detected",
    }
    columns = list(docs.columns)
    assert columns.index("language_source") == columns.index("language") + 1


def test_without_a_language_column_every_document_is_detected(tmp_path: Path) -> None:
    docs = nk.load_corpus(_folder(tmp_path, {"a": AZ, "b": EN}, None))
    assert dict(zip(docs["doc_id"], docs["language"], strict=True)) == {"a": "az", "b": "en"}
    assert set(docs["language_source"]) == {"detected"}
    assert list(docs.columns[-5:]) == ["language", "language_source", "raw_text", "text", "body"]


def test_an_unknown_language_in_the_metadata_names_the_file_and_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"a": EN, "b": EN}, {"a": "en", "b": "klingon"})
    with pytest.raises(nk.NKResearchError, match=r"metadata\.csv, line 3: language 'klingon'"):
        nk.load_corpus(folder)


def test_the_bundled_corpus_is_english_from_its_metadata(docs: pd.DataFrame) -> None:
    assert set(docs["language"]) == {"en"} and set(docs["language_source"]) == {"metadata"}
    assert all(detect_language(t) == "en" for t in docs["text"])


def test_detection_reads_the_script_and_azerbaijani_words() -> None:
    assert [detect_language(t) for t in (RU, HY, AZ, EN)] == ["ru", "hy", "az", "en"]
    # an English text quoting Azerbaijani names stays English; Azerbaijani typed without its letters is az
    assert detect_language("Ilham Əliyev and Nikol Paşinyan met in Şuşa on Monday to discuss peace.") == "en"
    assert detect_language("Nazir bildirib ki, bu gun ve sabah olan danisiqlar davam edecek.") == "az"
    assert detect_language("12 345 — 2020.") == "en"


def _sentences(text: str, language: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text, language)]


def test_russian_sentences_keep_abbreviations_and_initials() -> None:
    text = "Встреча прошла в г. Шуша, т.е. в горах, и т.д. и т.п. В.В. Петров приехал. Он уехал! Почему?"
    assert _sentences(text, "ru") == [
        "Встреча прошла в г. Шуша, т.е. в горах, и т.д. и т.п. В.В. Петров приехал.",
        "Он уехал!",
        "Почему?",
    ]
    text = "Им. Ленина ул. Мира. Бой шёл в 1992 гг. Сейчас мир."
    assert _sentences(text, "ru")[0] == "Им. Ленина ул. Мира."


def test_armenian_sentences_end_at_the_full_stop_not_at_marks_or_periods() -> None:
    assert _sentences(HY, "hy") == [
        "Նախարարը հայտարարեց. «Ինչո՞ւ ոչ»։",
        "ՀՀ ԱԳՆ-ն ս.թ. մայիսին պատասխանեց:",
        "Այո՛, կա՛մ այսպես։",
    ]
    # a colon before a lower-case word or inside a time is not an end
    assert len(_sentences("Ժամը 17:25-ին նա ասաց: այո։", "hy")) == 1
    # the same text split as English would break at the periods
    assert len(_sentences("Նա ասաց. Ոչ. Նա գնաց։", "hy")) == 1


def test_azerbaijani_sentences_keep_abbreviations() -> None:
    assert _sentences(AZ, "az") == [
        "Nazir bildirib ki, danışıqlarda İrəvan və Bakı iştirak edib.",
        "İ.H. Məmmədov küç. 5-də yaşayır.",
    ]


def test_the_default_sentence_language_is_english_and_others_are_checked() -> None:
    assert list(sentence_spans(EN)) == list(sentence_spans(EN, "en"))
    with pytest.raises(nk.NKResearchError, match="language='fr'"):
        list(sentence_spans(EN, "fr"))


def _tokens(texts: list[str], languages: list[str] | None) -> pd.DataFrame:
    return nk.tokenize(_segments(texts, languages))


def test_azerbaijani_norm_lowercases_dotted_and_dotless_i() -> None:
    tok = _tokens(["İLHAM İsmayıl IRAQ Iğdır"], ["az"])
    assert tok["norm"].tolist() == ["ilham", "ismayıl", "ıraq", "ığdır"]
    assert lower("İ", "en") != "i"  # Python's own rule, kept for English


def test_armenian_words_keep_their_marks_and_norm_drops_them() -> None:
    tok = _tokens(["Ինչո՞ւ ես եկել, կա՛մ չէ՞։"], ["hy"])
    assert tok["token"].tolist() == ["Ինչո՞ւ", "ես", "եկել", ",", "կա՛մ", "չէ՞", "։"]
    assert tok["norm"].tolist()[:2] == ["ինչու", "ես"] and "կամ" in tok["norm"].tolist()
    assert tok.loc[tok["token"] == "Ինչո՞ւ", "is_alpha"].item()
    assert tok["sent_id"].nunique() == 1


def test_lemmas_leave_capitalised_names_whole() -> None:
    tok = _tokens(
        [
            "Власти Шуши заявили о переговорах.",
            "Շուշիի իշխանությունները հայտարարեցին։",
            "Qarabağın Əliyev danışıqlarda.",
        ],
        ["ru", "hy", "az"],
    )
    lemma = dict(zip(tok["token"].astype(str), tok["lemma"].astype(str), strict=True))
    assert lemma["Шуши"] == "шуши" and lemma["Шуши"] != "шуша"
    assert lemma["Շուշիի"] == "շուշիի" and lemma["Qarabağın"] == "qarabağın" and lemma["Əliyev"] == "əliyev"
    # lower-case words are lemmatized
    assert lemma["заявили"] == "заявить" and lemma["переговорах"] == "переговоры"
    assert lemma["իշխանությունները"] != "իշխանությունները"
    assert lemma["danışıqlarda"] == "danışıq"


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("danışıqlarda", "danışıq"),
        ("münaqişənin", "münaqişə"),
        ("ərazisində", "ərazi"),
        ("bəyanatında", "bəyanat"),
        ("prezidentlər", "prezident"),
        ("mümkündür", "mümkün"),
        ("ölkəyə", "ölkə"),
        # not endings: a final vowel, a short stem, verbs, words of the lists, names
        ("erməni", "erməni"),
        ("məsələ", "məsələ"),
        ("təmin", "təmin"),
        ("bildirib", "bildirib"),
        ("həmçinin", "həmçinin"),
        ("Qarabağ", "Qarabağ"),
        ("Əliyev", "Əliyev"),
        ("Xankəndidə", "Xankəndidə"),
    ],
)
def test_the_azerbaijani_stemmer_strips_noun_endings_only(word: str, stem: str) -> None:
    assert az_stem(word) == stem


def test_stopwords_and_alpha_follow_the_language() -> None:
    tok = _tokens(
        ["И что к Москве война.", "Նա և ես Երևանում։", "Bakı və Gəncə üçün 2020-ci il."], ["ru", "hy", "az"]
    )
    stop = dict(zip(tok["token"].astype(str), tok["is_stop"], strict=True))
    assert stop["И"] and stop["что"] and stop["к"] and not stop["Москве"] and not stop["война"]
    assert stop["և"] and stop["Նա"] and not stop["Երևանում"]
    assert stop["və"] and stop["üçün"] and not stop["Bakı"]
    alpha = dict(zip(tok["token"].astype(str), tok["is_alpha"], strict=True))
    assert alpha["Москве"] and alpha["Երևանում"] and alpha["Gəncə"] and not alpha["2020-ci"]
    info = tok.attrs["tokenize"]["languages"]
    assert {code: info[code]["documents"] for code in info} == {"ru": 1, "hy": 1, "az": 1}


def test_stopwords_can_be_given_per_language() -> None:
    tok = nk.tokenize(_segments(["Война и мир.", EN], ["ru", "en"]), stopwords={"ru": ["война"]})
    stop = dict(zip(tok["token"].astype(str), tok["is_stop"], strict=True))
    assert stop["Война"] and not stop["и"] and stop["The"]
    with pytest.raises(nk.NKResearchError, match="'fr'"):
        nk.tokenize(_segments([EN], ["en"]), stopwords={"fr": ["le"]})


def test_english_tokens_are_the_same_in_a_mixed_table_and_without_a_language_column(
    segments: pd.DataFrame,
) -> None:
    english = nk.tokenize(segments)
    no_column = nk.tokenize(segments.drop(columns=["language", "language_source"]))
    columns = ["doc_id", "sent_id", "tok_id", "start", "end", "token", "norm", "lemma", "is_stop", "is_alpha"]
    pd.testing.assert_frame_equal(
        english[columns].astype(str), no_column[columns].astype(str), check_categorical=False
    )
    other = _segments([RU, HY, AZ], ["ru", "hy", "az"]).assign(doc_id=["x-ru", "x-hy", "x-az"])
    mixed = nk.tokenize(pd.concat([segments, other], ignore_index=True))
    mixed = mixed[mixed["doc_id"].isin(segments["doc_id"])].reset_index(drop=True)
    pd.testing.assert_frame_equal(english[columns].astype(str), mixed[columns].astype(str))
    assert set(mixed.attrs["tokenize"]["languages"]) == {"en", "ru", "hy", "az"}


ALPHABETS = {
    "az": "abcçdeəfgğhxıijkqlmnoöprsştuüvyzABCÇDEƏFGĞHXIİJKQLMNOÖPRSŞTUÜVYZ",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
    "hy": "".join(map(chr, range(0x0531, 0x0557))) + "".join(map(chr, range(0x0561, 0x0588))) + "՛՜՞՝՚",
}
# with a combining accent and ZWNJ, on which re and regex differ: those texts take NLTK's engine
PUNCTUATION = ".,;:!?-–—«»„“”\"'’()…։․/%0123456789\u0301\u200c"
SPACES = "     \n\t\u00a0"


def _fuzz_documents(script: str, n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pool = ALPHABETS[script] * 6 + PUNCTUATION + SPACES * 3
    return ["".join(rng.choice(pool) for _ in range(rng.randint(1, 40))) for _ in range(n)]


@pytest.mark.parametrize("script", ["az", "ru", "hy"])
def test_fuzz_every_token_is_its_exact_span(script: str) -> None:
    texts = _fuzz_documents(script, 10_000, seed=29)
    tok = nk.tokenize(_segments(texts, [script] * len(texts)))
    codes = tok["doc_id"].cat.codes.to_numpy()
    spans = zip(codes, tok["start"].to_numpy(), tok["end"].to_numpy(), tok["token"].astype(str), strict=True)
    errors = sum(texts[d][s:e] != t for d, s, e, t in spans)
    assert errors == 0
    # every character that is not white space is in exactly one token
    # (a word printed over two lines, "x-\ny", is one token with the line end: its white space is not counted)
    covered = tok["token"].astype(str).map(lambda t: len("".join(t.split()))).groupby(codes).sum()
    visible = pd.Series([len("".join(t.split())) for t in texts])
    assert covered.reindex(visible.index, fill_value=0).equals(visible)
