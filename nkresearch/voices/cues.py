"""Reporting cues: the lexicon of ``resources/cues.txt`` and the cues of a sentence.

A cue is the verb or phrase that marks reported speech or belief ("said", "told",
"called on", "went on to say", "expressed concern"). Lookup is by first word, so a
lexicon of several hundred forms costs one set intersection per sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..config import RESOURCES_DIR
from .labels import word_list

QUOTE = "\ue000"  # what a masked direct quote is made of (see :mod:`.frames`)


#: cues that frame speech only after it ("..., he continued"), never before a content
POST_ONLY = frozenset({"continue", "continues", "continued", "quote", "quotes", "quoted"})
#: cues that take a person object before their content ("told reporters that")
TELL_LIKE = frozenset(
    word_list(
        """
        tell tells told telling inform informs informed assure assures assured remind reminds reminded
        notify notifies notified advise advises advised caution cautions cautioned warn warns warned ask
        asks asked
        """
    )
)
#: tell-like cues whose object is the audience, never the source after them ("..., told Fox News")
NEVER_INVERTED = frozenset(
    word_list("tell tells told telling inform informs informed assure assured remind reminded")
)
#: verbs of saying, the cues that invert ("..., said Hajiyev"; Levin 1993, 37.7 "say" and 37.3
#: "manner of speaking"); a cue that takes an object ("praised X", "finds X") never does
INVERTING = frozenset(
    word_list(
        """
        say says said add adds added note notes noted write writes wrote explain explains explained
        continue continues continued ask asks asked reply replies replied respond responds responded insist
        insists insisted warn warns warned argue argues argued recall recalls recalled stress stresses
        stressed emphasize emphasizes emphasized emphasise emphasises emphasised observe observes observed
        remark remarks remarked comment comments commented conclude concludes concluded declare declares
        declared announce announces announced claim claims claimed tweet tweets tweeted report reports
        reported quip quips quipped joke jokes joked shout shouts shouted exclaim exclaims exclaimed retort
        retorts retorted counter counters countered concede concedes conceded admit admits admitted
        acknowledge acknowledges acknowledged suggest suggests suggested predict predicts predicted caution
        cautions cautioned urge urges urged point points pointed confirm confirms confirmed state states
        stated underline underlines underlined underscore underscores underscored reiterate reiterates
        reiterated maintain maintains maintained contend contends contended assert asserts asserted wonder
        wonders wondered complain complains complained lament laments lamented boast boasts boasted promise
        promises promised vow vows vowed recount recounts recounted opine opines opined quote quotes quoted
        agree agrees agreed estimate estimates estimated whisper whispers whispered yell yells yelled
        scream screams screamed mutter mutters muttered chant chants chanted proclaim proclaims proclaimed
        hint hints hinted reckon reckons reckoned believe believes believed think thinks thought
        """
    )
)
QUOTING = frozenset({"quote", "quotes", "quoted", "quoting", "cite", "cites", "cited", "citing"})


@dataclass(frozen=True)
class Cue:
    """A reporting cue found in a sentence (the interface of a regular-expression match)."""

    begin: int
    finish: int
    text: str

    def start(self) -> int:
        """Where the cue begins in its sentence."""
        return self.begin

    def end(self) -> int:
        """Where the cue ends."""
        return self.finish

    def group(self) -> str:
        """The words of the cue as the sentence has them."""
        return self.text


@cache
def cue_forms() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The cues of ``resources/cues.txt`` by first word: each entry the words of a form, longest first."""
    forms: set[str] = set()
    for line in (RESOURCES_DIR / "cues.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            forms.update(f.strip() for f in line.split(",") if f.strip())
    forms |= {"Says", "Said", "Adds", "Tells", "Warns", "Urges", "Claims", "Accuses"}  # headline style
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for form in forms:
        words = tuple(form.split())
        by_first.setdefault(words[0], []).append(words)
    return {w: tuple(sorted(v, key=len, reverse=True)) for w, v in by_first.items()}


_TOKEN = re.compile(r"(?<![\w'’-])[A-Za-z]+(?![\w'’-])")
_LETTERS = re.compile(r"[A-Za-z]+")
#: nouns of speech that frame a content: "a statement by Yerevan that ..."
SPEECH_NOUNS = (
    r"(?:statements?|claims?|reports?|accusations?|allegations?|assertions?|assurances?|warnings?|remarks?|"
    r"announcement|insistence|suggestion|argument|promise|pledge|demand|misinformation|disinformation)"
)
#: adjectives of feeling or certainty that report the state of mind of their subject
STATE_WORDS = (
    r"worried|concerned|convinced|confident|optimistic|pessimistic|hopeful|skeptical|sceptical|"
    r"afraid|fearful|sure|certain|unsure|uncertain|pleased|unhappy|disappointed|frustrated|angry|upset|"
    r"furious|alarmed|troubled|dismayed|satisfied|dissatisfied|adamant|insistent|doubtful|wary|"
    r"critical|supportive|proud|grateful"
)
#: adjectives of intention before "to": "Baku is ready to sign", "he was reluctant to endorse"
INTENT_WORDS = r"eager|determined|ready|willing|unwilling|keen|reluctant|anxious|intent|prepared|desperate"
#: what a sentence must hold for any frame but a cue's to be possible
OTHER_FRAMES = re.compile(
    rf"ccording to|n the words of|s (?:stated|reported|said|noted|quoted) by|iting|uoting|{QUOTE}|"
    r"eportedly|llegedly|urportedly|upposedly|"
    rf"\b(?:{STATE_WORDS})\s+(?:that|about|over|with|by|at|of|whether|if|he|she|they|it|we|I|you|the|this|there)\b|"
    rf"\b(?:{INTENT_WORDS})\s+to\s|"
    rf"\b{SPEECH_NOUNS}\s+(?:by|of|from)\b"
)


#: nouns of a verdict or a proposal whose object is what was said: "Trump's criticism of the judge"
EVALUATION_NOUNS = (
    r"(?:criticism|praise|condemnation|comments?|remarks?|questions?|accusations?|allegations?|endorsement|"
    r"opposition|proposals?|plans?|calls?|denunciation|rejection|defen[cs]e)"
)
#: "Aliyev's claim that", "his promise to": a possessed speech noun before its content
POSSESSED_SPEECH = re.compile(
    rf"(?:['’]s?|\b(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts))\s+(?:[a-z]+\s+)?(?:(?:{SPEECH_NOUNS}|claims|promises|vows?|"
    rf"contention|belief|threat|prediction)\s+(?:that|to)|{EVALUATION_NOUNS}\s+(?:of|for|about|on|against|to))\b"
)


def may_frame(text: str) -> bool:
    """Whether any frame can be found in ``text``: a quick test that lets narration pass untouched."""
    return (
        bool(cue_forms().keys() & set(_LETTERS.findall(text)))
        or bool(OTHER_FRAMES.search(text))
        or bool(POSSESSED_SPEECH.search(text))
    )


def find_cues(m: str) -> list[Cue]:
    """The reporting cues of a sentence, left to right, the longest form where several start together.

    The words of the sentence are matched against a table of first words (one set
    intersection in C); only the few hits are looked at in Python, so the cost does not
    grow with the size of the lexicon.
    """
    table = cue_forms()
    hits = table.keys() & set(_LETTERS.findall(m))
    if not hits:
        return []
    found: list[Cue] = []
    pos = 0
    for word in _TOKEN.finditer(m):
        if word.start() < pos or word.group() not in hits:
            continue
        for form in table[word.group()]:
            end = word.end()
            for nxt in form[1:]:
                follow = _TOKEN.match(m, end + len(m[end:]) - len(m[end:].lstrip()))
                if follow is None or follow.group() != nxt or follow.start() == end:
                    break
                end = follow.end()
            else:
                found.append(Cue(word.start(), end, m[word.start() : end]))
                pos = end
                break
    return found


@cache
def _participle_forms() -> str:
    """The participles of the lexicon ("saying", "calling on") as one alternation, the longest first."""
    forms = sorted(
        {" ".join(f) for first, fs in cue_forms().items() if first.endswith("ing") for f in fs},
        key=len,
        reverse=True,
    )
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)


@cache
def _participles() -> re.Pattern[str]:
    """A participle of the lexicon opening an adjunct: ", hoping to", "by portraying", "while touting"."""
    return re.compile(rf"(?:,|\s(?:by|while|and))\s+(?:{_participle_forms()})\b(?:\s+that\b)?\s*")


def participle_adjunct(m: str) -> re.Match[str] | None:
    """The first participle of a reporting cue that opens an adjunct of the sentence's subject, or None."""
    return _participles().search(m)


@cache
def _with_participles() -> re.Pattern[str]:
    return re.compile(
        rf"\b[Ww]ith\s+(?P<src>[^,;:{QUOTE}]{{1,80}}?)\s+(?P<cue>{_participle_forms()})\b(?:\s+that\b)?\s*"
    )


def with_participles(m: str) -> list[re.Match[str]]:
    """Absolute phrases of a reporting participle: "with Fox News calling the race", "with X saying that"."""
    return list(_with_participles().finditer(m)) if "ith " in m else []
