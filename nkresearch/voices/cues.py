"""Reporting cues: the lexicon of ``resources/voices/<language>/cues.csv`` and the cues of a sentence.

A cue is the verb or phrase that marks reported speech or belief ("said", "told",
"called on", "went on to say", "expressed concern"). Lookup is by first word, so a
lexicon of several hundred forms costs one set intersection per sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .lexicon import alternation, cue_flags, cues_with
from .rules import trigger_words

QUOTE = "\ue000"  # what a masked direct quote is made of (see :mod:`.frames`)


#: cues that frame speech only after it ("..., he continued"), never before a content (flag ``after``)
POST_ONLY = cues_with("after")
#: cues that take a person object, the audience, before their content ("told reporters that";
#: flag ``audience``): never the source after them ("..., told Fox News")
TELL_LIKE = cues_with("audience")
#: verbs of saying, the cues that invert ("..., said Hajiyev"; flag ``inverts``), by first word; a
#: cue that takes an object ("praised X", "finds X") never does
INVERTING = cues_with("inverts", first_word=True)
#: cues that name the one quoted ("RIA Novosti quotes Peskov"; flag ``quoting``)
QUOTING = cues_with("quoting")


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
    """The cue forms of the lexicon by first word: each entry the words of a form, longest first."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for form in cue_flags():
        words = tuple(form.split())
        by_first.setdefault(words[0], []).append(words)
    return {w: tuple(sorted(v, key=len, reverse=True)) for w, v in by_first.items()}


_TOKEN = re.compile(r"(?<![\w'’-])[A-Za-z]+(?![\w'’-])")
_LETTERS = re.compile(r"[A-Za-z]+")
#: nouns of speech that frame a content: "a statement by Yerevan that ..."
SPEECH_NOUNS = f"(?:{alternation('speech_nouns')})"
#: adjectives of feeling or certainty that report the state of mind of their subject
STATE_WORDS = alternation("states")
#: adjectives of intention before "to": "Baku is ready to sign", "he was reluctant to endorse"
INTENT_WORDS = alternation("intentions")


#: nouns of a verdict or a proposal whose object is what was said: "Trump's criticism of the judge"
EVALUATION_NOUNS = f"(?:{alternation('evaluation_nouns')})"
#: nouns that frame a content only after a possessor: "Aliyev's contention that", "his threat to"
POSSESSED_NOUNS = alternation("possessed_speech_nouns")


def may_frame(text: str) -> bool:
    """Whether any frame can be found in ``text``: a quick test that lets narration pass untouched.

    A quote mark, or a word of the rules' triggers (:func:`.rules.trigger_words`).
    """
    return QUOTE in text or not trigger_words().isdisjoint(w.lower() for w in _LETTERS.findall(text))


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
