"""Whether a cue word is a verb in its sentence, and the verb forms the frame rules rely on.

A cue word is often a noun ("the first report", "made plans", "grim views of the
country"); :func:`is_noun` tells the two apart from the words around it. :data:`PAST`
and :data:`FINITE` are the verb forms that end a subject phrase.
"""

from __future__ import annotations

import re

from .lexicon import words
from .phrases import OPENING_ADVERBIAL, PREPOSITIONS, WORD

#: past forms that end a subject though they do not end in -ed
PAST = words("past")
#: finite verbs that a subject phrase does not contain
FINITE = words("finite")
#: words before a noun: a determiner, an ordinal
NOUN_BEFORE = words("noun_before")
_COUNTING = words("counting")
_SUBJECT_PRONOUNS = words("subject_pronouns")
#: verbs whose object a cue word is, as a noun: "made plans", "took questions", "drew criticism"
_LIGHT_VERBS = words("light_verbs")
OF_AFTER = re.compile(r"\s+of\b")
#: a pronoun and a contracted verb ("he's", "they've"): never a possessive
CONTRACTED_PRONOUN = re.compile(r"(?i)(?:he|she|it|who|that|there|they|we|you|i)['’](?:s|ve|re|d|ll|m)")
_NAME_THEN_COMMA = re.compile(r"\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*\s*,")
_NAMING = words("naming")
_VERB_AFTER = re.compile(r"\s+(?:have|has|had|is|are|was|were|will|would|can|could|may|might|must|should)\b")


def is_noun(m: str, start: int, end: int) -> bool:
    """The cue word is a noun here, not a verb.

    After a determiner or a possessive ("the report", "Russia's first report"), or before a
    verb of its own ("Health worries have dogged her", "the plan would").
    """
    before = WORD.findall(m[max(0, start - 40) : start])
    possessive = before and before[-1].endswith(("'s", "’s")) and not CONTRACTED_PRONOUN.fullmatch(before[-1])
    if before and (before[-1].lower() in NOUN_BEFORE or possessive):
        return True  # "the report", "Russia's report" (not "he's said": has)
    if before and before[-1].lower() in (PREPOSITIONS - {"to"}) | {"of"} and not m[start:end].endswith("ing"):
        return True  # "acts of protest", "in response": a noun after a preposition
    word = m[start:end].lower()
    if before and before[-1].lower() in _COUNTING and word.endswith("s") and " " not in word:
        return True  # "some calls into the hotline", "two reports": a plural noun ("some say" is a verb)
    if before and before[-1].lower() in _SUBJECT_PRONOUNS:
        return False  # "which he said were ...": a verb whose content lost its subject
    if OF_AFTER.match(m, end) and not word.endswith("ed") and word not in PAST and " " not in word:
        return True  # "grim views of the country", "reports of shelling": a noun before "of"
    if before and before[-1] in _LIGHT_VERBS:  # lower case: "Fields said" is a name
        return True  # "they made plans to build", "taking calls from listeners"
    naming = word in _NAMING and re.search(r"[a-z] $", m[max(0, start - 2) : start]) is not None
    if naming and before and before[-1].islower() and m[end:].lstrip()[:1].isupper():
        return True  # "a stream called Miracle Run": a name given, not a cue
    if word in _NAMING and m[:start].rstrip().endswith(",") and _NAME_THEN_COMMA.match(m, end):
        return True  # "The program, called EB-5, allows": a name given between commas
    if word in PAST:
        return False  # "what many analysts said was a sign": a past form before a verb is still a verb
    return bool(_VERB_AFTER.match(m, end))


#: "he was saying": the auxiliary of a progressive before a cue
PROGRESSIVE = re.compile(
    r"\s+(?:is|are|was|were|has been|have been|had been|(?:is|are|was|were)(?: not|n[’']t))"
    r"(?:\s+(?:also|still|now|again|once again|[a-z]+ly))?\s*$"
)
#: "he was commenting on ...": these frame a topic, not what was said
TOPIC_ING = words("topic_ing")
#: words that make a cue before them a passive ("is expected", "there")
PASSIVE = words("passive")
#: words of a subject that make it a clause, not a noun phrase
CONTRACTED = words("contracted")


def is_verb_form(word: str) -> bool:
    """A word that makes the words around it a clause: an auxiliary, a past form, a modal."""
    low = word.lower()
    return low in FINITE or low in PAST or low in ("may", "might") or (word.islower() and low.endswith("ed"))


def is_opening(text: str) -> bool:
    """An opening phrase ("In July", "After all"), not a clause that begins like one ("After he left")."""
    if OPENING_ADVERBIAL.fullmatch(text) is None:
        return False
    words = WORD.findall(text)
    # "Despite the announced truce": a participle after a determiner is an adjective, not a verb
    return not any(
        is_verb_form(w) and words[i - 1].lower() not in NOUN_BEFORE for i, w in enumerate(words) if i
    )
