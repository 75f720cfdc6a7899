"""The voice conventions in Russian, Armenian and Azerbaijani, on invented documents.

Each document was written for these tests (no page was copied). The rules' own examples
(``resources/voices/<language>/examples.csv``) are run by ``tests/test_rules.py``; these
tests check what a rule alone does not: how the rules meet in one document.
"""

from __future__ import annotations

import random

import pandas as pd
import pytest

import nkresearch as nk


def _voices(text: str, language: str) -> pd.DataFrame:
    docs = pd.DataFrame({"doc_id": ["d"], "text": [text], "outlet": ["Test Agency"], "language": [language]})
    return nk.segment_voices(docs, method="auto")


def _voice(seg: pd.DataFrame, text: str, passage: str) -> tuple[str, str]:
    at = text.index(passage)
    hit = seg[(seg["start"] <= at) & (seg["end"] > at)].iloc[0]
    return hit["actor"], hit["kind"]


def test_a_place_the_source_spoke_in_does_not_place_it() -> None:
    text = (
        "Глава МИД Ирана заявил, что Тегеран поддерживает диалог.\n"
        "«Мы готовы принять у себя новую встречу министров», — сказал он журналистам в Ереване."
    )
    seg = _voices(text, "ru")
    assert _voice(seg, text, "Мы готовы принять") == ("Tehran", "quote")


def test_a_statement_in_the_first_person_keeps_the_voice_of_its_speaker() -> None:
    text = (
        "Պաշտոնական հայտարարություն\n\n"
        "«Մենք բազմիցս հայտարարել ենք, որ պատերազմի կողմնակից չենք։\n"
        "Մենք պատրաստ ենք բանակցությունների»,- ասել է Արցախի արտգործնախարարը։"
    )
    seg = _voices(text, "hy")
    assert _voice(seg, text, "որ պատերազմի կողմնակից չենք") == ("Stepanakert", "quote")
    assert _voice(seg, text, "Մենք պատրաստ ենք") == ("Stepanakert", "quote")


def test_a_quote_left_open_runs_on_through_unmarked_paragraphs_to_its_close() -> None:
    text = (
        "Azərbaycan XİN-in sözçüsü bəyan edib:\n"
        "“Danışıqlar prosesi davam etməlidir və biz buna hazırıq.\n"
        "Bütün tərəflər öhdəliklərinə əməl etməlidir.\n"
        "Biz sülh istəyirik”.\n"
        "Bu arada hava isti olub və yağış yağmayıb."
    )
    seg = _voices(text, "az")
    assert _voice(seg, text, "Bütün tərəflər öhdəliklərinə") == ("Baku", "quote")
    assert _voice(seg, text, "Bu arada hava isti") == ("Media", "narration")


def test_mixed_quote_marks_close_the_quote_so_its_tag_stays_a_tag() -> None:
    text = (
        "Hava soyuq olub.\n"
        '"Tərəflər atəşkəs rejiminə əməl etməlidir”, deyə Rusiya XİN-in sözçüsü qeyd edib.\n'
        "Növbəti görüş aprel ayında keçiriləcək."
    )
    seg = _voices(text, "az")
    assert _voice(seg, text, "Tərəflər atəşkəs rejiminə") == ("Moscow", "quote")
    assert _voice(seg, text, "Növbəti görüş aprel") == ("Media", "narration")


def test_another_sides_own_claim_inside_a_paraphrase_is_theirs_but_an_ascribed_aim_is_not() -> None:
    text = (
        "Пресс-секретарь президента России сказал, что Азербайджан заявил, что не начнет новых боев.\n"
        "Министр обороны Армении заявил, что Азербайджан стремится сорвать переговоры."
    )
    seg = _voices(text, "ru")
    assert _voice(seg, text, "не начнет новых боев") == ("Baku", "paraphrase")
    assert _voice(seg, text, "стремится сорвать переговоры") == ("Yerevan", "paraphrase")


@pytest.mark.parametrize(
    ("language", "text", "passage", "actor"),
    [
        (
            "ru",
            "Вопрос: Когда возобновятся переговоры?\nОтвет: Мы надеемся, что скоро.",
            "Мы надеемся",
            "Unknown",
        ),
        (
            "ru",
            "Пресс-секретарь МИД России ответила на вопрос.\nВопрос: Когда возобновятся переговоры?\n"
            "Ответ: Мы надеемся, что скоро.",
            "Мы надеемся",
            "Moscow",
        ),
    ],
)
def test_a_printed_answer_is_the_answerers_only_when_the_text_names_one(
    language: str, text: str, passage: str, actor: str
) -> None:
    seg = _voices(text, language)
    assert _voice(seg, text, passage)[0] == actor


def test_an_english_document_is_read_by_the_english_rules_whatever_its_script() -> None:
    text = "The ministry said that talks on Şuşa would resume."
    assert _voice(_voices(text, "en"), text, "talks on") == ("Unknown", "paraphrase")
    assert _voice(_voices(text, "az"), text, "talks on") == ("Media", "narration")


def test_the_manuals_three_language_example_runs_and_gives_what_it_says() -> None:
    from nkresearch.config import PROJECT_DIR

    page = (PROJECT_DIR / "docs" / "languages.md").read_text(encoding="utf-8")
    section = page.split("## Texts in Russian, Armenian and Azerbaijani", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    scope: dict[str, object] = {}
    exec(code, scope)  # the manual's own example (docs/languages.md)
    seg = scope["seg"]
    assert isinstance(seg, pd.DataFrame)
    voices = {(r.language, r.actor, r.kind) for r in seg.itertuples()}
    assert {
        ("ru", "Moscow", "quote"),
        ("hy", "Stepanakert", "paraphrase"),
        ("az", "Baku", "paraphrase"),
    } <= voices
    counts = nk.lexicon_counts(scope["tok"], scope["naming"], by="actor", count_by="canonical")  # type: ignore[arg-type]
    assert set(zip(counts["actor"], counts["canonical"], strict=True)) >= {
        ("Baku", "Khankendi"),
        ("Stepanakert", "Stepanakert"),
        ("Moscow", "Nagorno-Karabakh"),
    }


def test_a_quote_inside_a_quote_in_the_same_marks_keeps_the_outer_one_open() -> None:
    text = (
        "Глава МИД Азербайджана заявил журналистам:\n"
        "«Сказав «переговоры закончены», соседи показали, что не хотят мира», — добавил министр.\n"
        "Погода в столице была теплой."
    )
    seg = _voices(text, "ru")
    assert _voice(seg, text, "соседи показали, что не хотят мира") == ("Baku", "quote")
    assert _voice(seg, text, "Погода в столице") == ("Media", "narration")


_PIECES = {
    "ru": ["«", "»", '"', "“", "—", ":", ",", ".", "\n", "\n\n", "Об этом", "заявил", "по словам", "что",
           "МИД России", "Вопрос:", "Ответ:", "МОСКВА, 3 марта. /ТАСС/.", "Комментарии", "он", "мы", "слово"],
    "hy": ["«", "»", "։", "․", ":", "՝", "`", "-", ",", "\n", "\n\n", "Այս մասին", "հայտարարել է", "որ",
           "ըստ", "խոսքով", "Հարց:", "Պատասխան:", "ԵՐԵՎԱՆ, 9 սեպտեմբերի – Sputnik.", "նա", "մենք", "բառ"],
    "az": ["“", "”", '"', "–", ":", ",", ".", "\n", "\n\n", "Bunu", "deyib", "bildirib ki", "deyə", "XİN",
           "Sual:", "Cavab:", "Bakı. 25 dekabr. APA/", "Şərhlər", "o", "biz", "söz", "sözlərinə görə"],
}  # fmt: skip


@pytest.mark.parametrize("language", sorted(_PIECES))
def test_any_jumble_of_the_rules_words_gets_whole_segments_in_order(language: str) -> None:
    rng = random.Random(29)
    words = _PIECES[language]
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 50))) or "x" for _ in range(60)]
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts, "language": language})
    seg = nk.segment_voices(docs, method="auto", workers=1)
    for doc_id, text in zip(docs["doc_id"], texts, strict=True):
        own = seg[seg["doc_id"] == doc_id]
        assert all(text[s:e] == x for s, e, x in zip(own["start"], own["end"], own["text"], strict=True))
        assert (own["start"].to_numpy()[1:] >= own["end"].to_numpy()[:-1]).all()  # in order, no overlap
        assert "".join("".join(own["text"]).split()) == "".join(text.split())  # every visible character once
