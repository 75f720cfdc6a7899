"""The aligned lexicon of contested names in Russian, Armenian and Azerbaijani: invented sentences."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import toy_tokens

import nkresearch as nk
from nkresearch.analysis.core.surface import compile_entries

NAMING = nk.read_lexicon("naming")


def found(text: str, **columns: str) -> list[tuple[str, str]]:
    """``(surface, canonical)`` of each name found in one invented text."""
    tok = toy_tokens({"A": [text]})
    for name, value in columns.items():
        tok[name] = value
    hits = nk.lexicon_matches(tok, NAMING).sort_values("start")
    return [(text[s:e], c) for s, e, c in zip(hits["start"], hits["end"], hits["canonical"], strict=True)]


def test_the_lexicon_has_every_language_and_keeps_the_english_canonical_names() -> None:
    assert set(NAMING["language"]) == {"en", "ru", "hy", "az"}
    english = set(NAMING.loc[NAMING["language"] == "en", "canonical"])
    # the other languages name the same referents: no canonical name English lacks
    assert set(NAMING["canonical"]) == english
    assert (NAMING["source"].str.len() > 10).all()  # every entry cites where it is attested
    patterned = NAMING[NAMING["language"] != "en"]
    assert (patterned["pattern"] != "").all() and (
        patterned["pattern"] == patterned["pattern"].str.lower()
    ).all()
    assert not NAMING.duplicated(["category", "entry", "language"]).any()


def test_russian_cases_are_names_and_the_longest_name_wins() -> None:
    text = (
        "Делегация прибыла в Нагорный Карабах. О Нагорном Карабахе и Карабахе говорили "
        "в Степанакерте; Президент Республики Арцах и власти Арцаха, а также "
        "Нагорно-Карабахской республики (НКР) ответили."
    )
    assert found(text) == [
        ("Нагорный Карабах", "Nagorno-Karabakh"),
        ("Нагорном Карабахе", "Nagorno-Karabakh"),
        ("Карабахе", "Karabakh"),
        ("Степанакерте", "Stepanakert"),
        ("Республики Арцах", "Republic of Artsakh"),
        ("Арцаха", "Artsakh"),
        ("Нагорно-Карабахской республики", "Nagorno-Karabakh Republic"),
        ("НКР", "Nagorno-Karabakh Republic"),
    ]


def test_adjectives_and_demonyms_are_not_names() -> None:
    assert found("Карабахский вопрос и нагорно-карабахского урегулирования обсуждали шушинцы.") == []
    assert found("Ղարաբաղյան հարցը քննարկեցին արցախցի պաշտոնյաները։") == []
    assert found("Qarabağlı ailələr Xankəndisiz qalmadılar.") == []


def test_shusha_or_shushi_in_russian_is_decided_by_the_document() -> None:
    declined = "Город Шуша освобожден. В Шуше прошел праздник. Освобождение Шуши отметили."
    tok = toy_tokens({"A": [declined, "Мы вернемся в Шуши. Культурная столица Шуши ждет."]})
    hits = nk.lexicon_matches(tok, NAMING)
    shushi = hits[hits["entry"] == "Шуши"].sort_values("row")
    assert shushi["canonical"].tolist() == ["Shusha", "Shushi", "Shushi"]
    assert shushi["evidence"].iloc[0] == "Шуша ×1, Шуше ×1"
    assert shushi["evidence"].iloc[1] == "none in the document"
    assert shushi["rule"].str.startswith("Shusha if the document has a word matching").all()
    assert hits.loc[hits["entry"] == "Шуша", "canonical"].tolist() == ["Shusha", "Shusha"]


def test_armenian_suffixes_abbreviations_and_compounds() -> None:
    text = (
        "Արցախի Հանրապետության նախագահը Ստեփանակերտում հայտարարեց, որ Արցախը և "
        "Լեռնային Ղարաբաղի ժողովուրդը, ինչպես ԼՂ-ն, կպաշտպանեն Շուշի-Քարին տակ ճանապարհը "
        "և Լաչինի միջանցքում Ղարաբաղից եկողներին։"
    )
    assert found(text) == [
        ("Արցախի Հանրապետության", "Republic of Artsakh"),
        ("Ստեփանակերտում", "Stepanakert"),
        ("Արցախը", "Artsakh"),
        ("Լեռնային Ղարաբաղի", "Nagorno-Karabakh"),
        ("ԼՂ-ն", "Nagorno-Karabakh"),
        ("Շուշի", "Shushi"),
        ("Լաչինի միջանցքում", "Lachin Corridor"),
        ("Ղարաբաղից", "Karabakh"),
    ]


def test_azerbaijani_suffixes_capitals_and_hyphen_compounds() -> None:
    text = (
        "DAĞLIQ QARABAĞIN mövzusu Qarabağda və Xankəndidə müzakirə edildi. Şuşa-Xankəndi yolu "
        "açıldı, qondarma rejimin üzvləri Şuşaya getmədi; işğal olunmuş Azərbaycan ərazilərindən "
        "söz açıldı, DQR-in rəhbəri Laçın dəhlizində idi."
    )
    assert found(text) == [
        ("DAĞLIQ QARABAĞIN", "Nagorno-Karabakh"),
        ("Qarabağda", "Karabakh"),
        ("Xankəndidə", "Khankendi"),
        ("Şuşa", "Shusha"),
        ("Xankəndi", "Khankendi"),
        ("qondarma rejimin", "separatist regime"),
        ("Şuşaya", "Shusha"),
        ("işğal olunmuş Azərbaycan ərazilərindən", "occupied territories"),
        ("DQR-in", "Nagorno-Karabakh Republic"),
        ("Laçın dəhlizində", "Lachin Corridor"),
    ]


def test_the_language_column_keeps_entries_to_their_language() -> None:
    text = "Virtual Karabakh: Stepanakertin cavabı gəldi."
    assert found(text) == [("Karabakh", "Karabakh"), ("Stepanakertin", "Stepanakert")]  # no language: all
    hits = found(text, language="az")
    assert hits == [("Stepanakertin", "Stepanakert")]  # the English entries stay off Azerbaijani text


def test_canonical_counts_join_the_languages() -> None:
    tok = toy_tokens(
        {
            "Moscow": ["Мир в Нагорном Карабахе и Нагорном Карабахе."],
            "Yerevan": ["Լեռնային Ղարաբաղում խաղաղություն։"],
            "Baku": ["Dağlıq Qarabağda sülh. Peace in Nagorno-Karabakh."],
        }
    )
    counts = nk.lexicon_counts(tok, NAMING, count_by="canonical").set_index(["actor", "canonical"])
    assert counts.loc[("Moscow", "Nagorno-Karabakh"), ["n", "languages"]].tolist() == [2, "ru 2"]
    assert counts.loc[("Yerevan", "Nagorno-Karabakh"), "n"] == 1
    assert counts.loc[("Baku", "Nagorno-Karabakh"), ["n", "languages"]].tolist() == [2, "az 1, en 1"]
    assert counts.attrs["count_by"] == "canonical"
    entries = nk.lexicon_counts(tok, NAMING, count_by="entry")
    assert set(entries["entry"]) == {
        "Нагорный Карабах",
        "Լեռնային Ղարաբաղ",
        "Dağlıq Qarabağ",
        "Nagorno-Karabakh",
    }


def test_evaluate_names_scores_spans_and_names() -> None:
    text = "В Шуши и в Карабахе. Нагорный Карабах."
    docs = pd.DataFrame({"doc_id": ["d"], "file": ["d.txt"], "raw_text": [text], "text": [text]})
    seg = docs.assign(seg_id=0, start=0, actor="", speaker="", kind="")
    gold = pd.DataFrame(
        {
            "file": ["d.txt"] * 3,
            "context": ["В Шуши", "в Карабахе", "Нагорный Карабах."],
            "surface": ["Шуши", "Карабахе", "Карабах"],  # the last: a span the lexicon does not give
            "canonical": ["Shushi", "Karabakh", "Karabakh"],
        }
    )
    table = nk.evaluate_names(nk.tokenize(seg), docs, gold)
    assert sorted(table["status"]) == ["extra", "missed", "right", "right"]
    scores = table.attrs["scores"].set_index("canonical")
    assert scores.loc["all", ["gold", "found", "right"]].tolist() == [3, 3, 2]
    assert scores.loc["Karabakh", "recall"] == 0.5


def test_a_bad_pattern_names_the_entry_and_the_fix() -> None:
    tok = toy_tokens({"A": ["Карабах."]})
    bad = pd.DataFrame({"category": ["c"], "entry": ["Карабах"], "pattern": ["карабах(?:а"]})
    with pytest.raises(nk.NKResearchError, match=r"'Карабах'.*words separated by single spaces"):
        nk.lexicon_matches(tok, bad)


def test_the_name_and_frame_patterns_run_in_linear_time() -> None:
    from test_linear_time import ambiguities

    for entry in compile_entries(NAMING, "test") + compile_entries(nk.read_lexicon("frames"), "test"):
        assert ambiguities(entry.whole.pattern) == [], entry.whole.pattern


def test_every_theme_has_key_terms_in_each_language() -> None:
    frames = nk.read_lexicon("frames")
    per_language = frames.groupby(["category", "language"]).size().unstack(fill_value=0)
    assert (per_language[["ru", "hy", "az"]] >= 1).all().all()
    assert (frames.loc[frames["language"] != "en", "source"].str.len() > 10).all()
    tok = toy_tokens(
        {
            "Moscow": ["Миротворцы обеспечивают перемирие; переговоры сопредседателей продолжатся."],
            "Yerevan": ["Խաղաղապահները և հրադադարի ռեժիմը, բանակցությունները շարունակվում են։"],
            "Baku": ["Sülhməramlılar atəşkəsə riayət edir, danışıqlar davam edir."],
        }
    )
    counts = nk.lexicon_counts(tok, nk.read_lexicon("frames")).set_index(["actor", "category"])["n"]
    for actor, n_negotiation in (("Moscow", 2), ("Yerevan", 1), ("Baku", 1)):
        assert counts[(actor, "peacekeeping")] == 1
        assert counts[(actor, "security & use of force")] == 1
        assert counts[(actor, "negotiation & mediation")] == n_negotiation
