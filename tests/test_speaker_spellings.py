"""The officials' names in Russian, Armenian and Azerbaijani (resources/voices/<lang>/speakers.csv).

Each file maps a ``speaker`` of ``resources/speakers.csv`` to a pattern of their name as
written in that language, with its inflected forms, matched like the English gazetteer:
``(?<![\\w-])(?:pattern)(?![\\w-])``, case as written. The checks: every speaker is a row
of the gazetteer, every pattern compiles with no repeat inside a repeat (and passes the
backtracking check of ``test_linear_time``), invented sentences find whom they name, and
no pattern claims a form of another person's name, in its own file or in the English one.
"""

from __future__ import annotations

import csv
import itertools
import re
from pathlib import Path
from re import _constants as sre
from re import _parser as sre_parse

import pytest
from test_linear_time import ambiguities

RESOURCES = Path(__file__).resolve().parent.parent / "nkresearch" / "resources"
LANGUAGES = ("ru", "hy", "az")


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


def _wrapped(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])")


ENGLISH = _rows(RESOURCES / "speakers.csv")
FILES = {lang: _rows(RESOURCES / "voices" / lang / "speakers.csv") for lang in LANGUAGES}
COMPILED = {lang: [(_wrapped(r["pattern"]), r["speaker"]) for r in rows] for lang, rows in FILES.items()}


def _repeats(items: sre_parse.SubPattern, inside: bool = False) -> list[str]:
    """Problems of a parse: a repeat inside a repeat, or a repeat without an upper bound."""
    problems = []
    for op, av in items:
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            _, hi, body = av
            if inside:
                problems.append("a repeat inside a repeat")
            if hi == sre.MAXREPEAT:
                problems.append("an unbounded repeat")
            problems += _repeats(body, inside=True)
        elif op is sre.SUBPATTERN:
            problems += _repeats(av[3], inside)
        elif op is sre.BRANCH:
            for branch in av[1]:
                problems += _repeats(branch, inside)
    return problems


def _expand(items: sre_parse.SubPattern) -> list[str]:
    """Every string a pattern of literals, groups, alternatives and bounded repeats matches."""
    out = [""]
    for op, av in items:
        if op is sre.LITERAL:
            alts = [chr(av)]
        elif op is sre.SUBPATTERN:
            alts = _expand(av[3])
        elif op is sre.BRANCH:
            alts = [s for branch in av[1] for s in _expand(branch)]
        elif op is sre.MAX_REPEAT:
            lo, hi, body = av
            inner = _expand(body)
            alts = ["".join(p) for n in range(lo, min(hi, 3) + 1) for p in itertools.product(inner, repeat=n)]
        elif op is sre.IN:  # one letter of the class stands for it
            kind, value = av[0]
            alts = [chr(value) if kind is sre.LITERAL else chr(value[0]) if kind is sre.RANGE else " "]
        else:
            raise AssertionError(f"cannot expand {op}")
        out = [a + b for a in out for b in alts]
    return out


def forms(pattern: str) -> list[str]:
    return _expand(sre_parse.parse(pattern))


def found(lang: str, text: str) -> set[str]:
    """The speakers named in ``text``: a match inside another speaker's longer match does not count."""
    spans = [(m.start(), m.end(), who) for pattern, who in COMPILED[lang] for m in pattern.finditer(text)]
    return {
        who
        for start, end, who in spans
        if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in spans)
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_file_opens_with_a_comment_and_has_its_columns(lang: str) -> None:
    path = RESOURCES / "voices" / lang / "speakers.csv"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#") and "resources/speakers.csv" in text.split("\nspeaker,")[0]
    rows = FILES[lang]
    assert rows and all(list(r) == ["speaker", "pattern", "source"] for r in rows)
    assert all(r["pattern"] and r["source"] for r in rows)
    speakers = [r["speaker"] for r in rows]
    assert len(speakers) == len(set(speakers)), "one row a person"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_speaker_is_a_person_of_the_gazetteer(lang: str) -> None:
    people = {r["speaker"] for r in ENGLISH if r["type"] == "person"}
    assert not [r["speaker"] for r in FILES[lang] if r["speaker"] not in people]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_pattern_compiles_bounded_and_without_backtracking(lang: str) -> None:
    problems = []
    for row in FILES[lang]:
        wrapped = _wrapped(row["pattern"]).pattern
        problems += [f"{row['speaker']}: {p}" for p in _repeats(sre_parse.parse(row["pattern"]))]
        problems += [f"{row['speaker']}: {p}" for p in ambiguities(wrapped)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_pattern_claims_a_form_of_another_persons_name(lang: str) -> None:
    """A form of one row is matched whole by no row of another speaker, here or in English."""
    others = COMPILED[lang] + [(_wrapped(r["pattern"]), r["speaker"]) for r in ENGLISH]
    clashes = [
        f"{row['speaker']!r}: {form!r} is also {who!r}"
        for row in FILES[lang]
        for form in forms(row["pattern"])
        for pattern, who in others
        if who != row["speaker"] and pattern.fullmatch(form)
    ]
    assert not clashes, "\n".join(clashes[:20])


SENTENCES = [
    ("ru", "Заявление Марии Захаровой было резким.", {"Maria Zakharova"}),
    ("ru", "Об этом сообщила Захарова; Захаровский переулок тут ни при чём.", {"Maria Zakharova"}),
    ("ru", "Алиев заявил, что переговоры продолжатся.", {"Ilham Aliyev"}),
    (
        "ru",
        "Встреча Алиева и Пашиняна прошла в Брюсселе при посредничестве Шарля Мишеля.",
        {"Ilham Aliyev", "Nikol Pashinyan", "Charles Michel"},
    ),
    (
        "ru",
        "Песков напомнил, что Путин говорил с Пашиняном по телефону.",
        {"Dmitry Peskov", "Vladimir Putin", "Nikol Pashinyan"},
    ),
    ("ru", "По словам С. Лаврова, Н.Пашинян согласился.", {"Sergey Lavrov", "Nikol Pashinyan"}),
    ("ru", "Указ подписал Гейдар Алиев, а позже его сын Ильхам Алиев.", {"Heydar Aliyev", "Ilham Aliyev"}),
    ("ru", "Мехрибан Алиевой вручили награду.", {"Mehriban Aliyeva"}),
    ("ru", "Карен Мирзоян и Мирзоян из Еревана.", {"Karen Mirzoyan", "Ararat Mirzoyan"}),
    ("ru", "Джордж Буш-младший и Жак Ширак обсудили Карабах.", {"George W. Bush", "Jacques Chirac"}),
    ("ru", "Шофер автобуса и жители Ширака не пострадали.", set()),
    ("hy", "Մարիա Զախարովան հայտարարել է, որ Զախարովայի խոսքը սխալ է մեկնաբանվել։", {"Maria Zakharova"}),
    (
        "hy",
        "Ալիևը և Փաշինյանը հանդիպել են Շառլ Միշելի հետ։",
        {"Ilham Aliyev", "Nikol Pashinyan", "Charles Michel"},
    ),
    (
        "hy",
        "Ն. Փաշինյանի խոսքով, Պուտինը և Պեսկովը տեղյակ են։",
        {"Nikol Pashinyan", "Vladimir Putin", "Dmitry Peskov"},
    ),
    ("hy", "Հեյդար Ալիևի հրամանագրով։", {"Heydar Aliyev"}),
    ("hy", "Ալիեւի հայտարարությունը։", {"Ilham Aliyev"}),
    ("hy", "Շիրակի մարզում անձրև է։", set()),
    ("az", "Mariya Zaxarovanın bəyanatı sərt idi.", {"Maria Zakharova"}),
    ("az", "M.Zaxarova bildirib ki, danışıqlar davam edəcək.", {"Maria Zakharova"}),
    (
        "az",
        "Əliyev Paşinyanla Brüsseldə Şarl Mişelin vasitəçiliyi ilə görüşüb.",
        {"Ilham Aliyev", "Nikol Pashinyan", "Charles Michel"},
    ),
    (
        "az",
        "H.Hacıyev qeyd edib ki, Ş.Mişel və Antoniu Quterreş dəvət olunub.",
        {"Hikmet Hajiyev", "Charles Michel", "António Guterres"},
    ),
    ("az", "Heydər Əliyevin fərmanı ilə.", {"Heydar Aliyev"}),
    ("az", "Paşinyanın sözlərinə görə, Paşinyana sual verilib.", {"Nikol Pashinyan"}),
    ("az", "Mehriban Əliyeva və İlham Əliyev.", {"Mehriban Aliyeva", "Ilham Aliyev"}),
    ("az", "Şofer Şirak rayonundan gəlib.", set()),
]


@pytest.mark.parametrize(("lang", "text", "speakers"), SENTENCES)
def test_invented_sentences_find_whom_they_name(lang: str, text: str, speakers: set[str]) -> None:
    assert found(lang, text) == speakers
