"""Where the content of a pre-posed frame begins: after the cue, its object and adverbials.

"Peskov told reporters on Monday that ...", "said, however, that ...", "said in a
statement that ...", "said after the convention he would ...", "X said:": the content
starts after "that", after the person object of a tell-like cue, after time words and
asides, or after the colon. A cue followed by an adverbial alone ("said in a
statement.") frames no content after it.
"""

from __future__ import annotations

import re

from .cues import QUOTE, TELL_LIKE
from .lexicon import cue_entry, cues_with, words
from .phrases import WORD, trim

_WORD = re.compile(r"[\w'’-]+")
_TIME_WORDS = re.compile(
    r"\s*(?:(?:on |last |this |late |early |earlier )?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|"
    r"Sun)day(?: (?:morning|evening|afternoon|night))?|today|yesterday|"
    r"(?:on )?(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|"
    r"Dec)[a-z]*\.? \d{1,2}(?:,? \d{4})?|\d{1,2} "
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*(?: \d{4})?)(?: (?:morning|"
    r"evening|afternoon|night))?|"
    r"(?:this|in the) (?:morning|evening|afternoon)|earlier|later|again|also|once again|repeatedly|"
    r"in a statement|in an interview|in a (?:written )?comment|in a press release|in a message|in detail|"
    r"in full|at length|in part|in particular|publicly|privately)\b,?"
)
_ADVERBIAL = re.compile(
    r"\s*(?:$|[.,;!?)]|(?:(?:here|there)(?!\s+(?:is|are|was|were|will|would|has|have|had|could|may|might|"
    r"must|should|can|remains?|seems?)\b))\b|(?:in|on|at|during|after|before|while|when|as|from|with|by|for|"
    r"via|through|amid|ahead|following|upon|without|within|earlier|later|today|yesterday|this|last|"
    r"also|again|then|recently|repeatedly|once|commenting|speaking|responding|referring|answering|"
    r"according|under|near)\b|to\s+(?:the|a|an|his|her|their|its|our|my|reporters|journalists|[A-Z])\b)"
)
_OBJECT = re.compile(
    r"\s+(?:(?:the|a|an)\s+)?(?:reporters|journalists|the press|the media|press|media|correspondents?|"
    r"(?:[A-Z][\w.&’'-]*)(?:\s+(?:[A-Z][\w.&’'-]*|of|the|and))*|him|her|them|us|me|"
    r"[a-z]+ (?:reporters|journalists)|(?:his|her|their|its|our)\s+(?:[a-z]+\s+){0,2}"
    r"(?:audience|supporters|crowd|viewers|listeners|readers|colleagues|staff|aides|members|followers|"
    r"counterpart|counterparts))(?=[\s,.:;])"
)
#: the channel the words came by, after the cue: "cited by AZERTAC", "posted on its website"
_CONDUIT = re.compile(
    r"\s*+(?:,\s*+)?(?:as\s++)?(?:cited|quoted|reported|carried|posted|published|released|issued|broadcast|aired|"
    r"uploaded|shared)\s+(?:by|on|in|at|to)\b"
)
#: "said in a statement on Monday that": adverbials, not a noun a relative "that" could belong to
_NEAR_THAT = re.compile(  # the spaces read once (\s*+): two \s* would split a run n ways
    r"\s*+(?:(?:in|on|at|during|after|before|to|with|from|via|by|over|earlier|later|again|also|here|there|today|"
    r"yesterday|last|this|then|once|repeatedly|recently)\b[^;:.!?]{0,70}?)?,?\s*\bthat\b"
)
#: "said, however, that": an aside between commas before the content
_ASIDE = re.compile(
    r"\s*,\s*(?:however|meanwhile|though|too|also|in turn|for (?:its|his|her|their) part|in a statement|"
    r"in response|in particular|in addition|moreover|furthermore)\s*(?=,)"
    r"|\s*,[^,;:.!?\n]{1,70},\s*(?=that\b)"  # "cautioned, as did the campaign itself, that"
)
#: a short prepositional phrase, then a clause with its own subject
_PP_THEN_CLAUSE = re.compile(
    r"\s+(?:after|before|during|following|in|on|at)\s+(?:the |a |an |his |her |their |its |last |this )?"
    r"(?:[\w'’-]+\s+){0,3}?(?=(?:he|she|they|it|we|I|[A-Z][a-z]+)\s+(?:would|will|was|were|is|are|had|has|have|"
    r"could|can|should|did|does|do)\b)"
)
#: an indirect question after a cue: "asked whether", "did not say when"
_WH_CLAUSE = re.compile(r"\s+(?:whether|if|when|how|why|what|where|who|which)\s+(?!asked\b)[\w'’-]")
_ASKING = words("asking")
_NEGATED = re.compile(r"(?:\bnot|n[’']t|\bnever)\s*(?:\b[a-z]+ly\s+)?$")
THAT = re.compile(r"\s*(?:,\s*)?\bthat\b")
_DETERMINER_THAT = re.compile(r"\b(?:the|this|a)\s+that\b")


def content_after(m: str, pos: int, cue: str) -> tuple[int, bool] | None:
    """Where the content after a pre-posed cue starts (and whether it is a colon frame), or None."""
    if cue.lower() in TELL_LIKE and (obj := _OBJECT.match(m, pos)):
        pos = obj.end()
    while ((t := _TIME_WORDS.match(m, pos)) or (t := _ASIDE.match(m, pos))) and t.end() > pos:
        pos = t.end()
    if _CONDUIT.match(m, pos) or _ACT.match(m, pos):
        return None  # "said cited by the AZERTAC news agency", "declared independence": no words after it
    that = THAT.match(m, pos)
    if that is None:
        near = _NEAR_THAT.match(m, pos)
        if near and len(_WORD.findall(near.group())) <= 10 and not _DETERMINER_THAT.search(near.group()):
            that = near
    if that is not None:
        return that.end(), False
    rest = m[pos:]
    if rest.lstrip().startswith(":"):
        return pos + len(rest) - len(rest.lstrip()) + 1, True
    if (pp := _PP_THEN_CLAUSE.match(m, pos)) is not None:
        return pp.end(), False  # "said after the convention he would not accept ..."
    if _WH_CLAUSE.match(m, pos) and (cue.lower() in _ASKING or _NEGATED.search(m, 0, pos - len(cue))):
        return pos, False  # "asked whether ...", "have not said when they would": an indirect question
    if _ADVERBIAL.match(m, pos) or (cue.lower() in _SAY and _TO.match(m, pos)):
        return None  # "said in a statement", "said to cheers at a rally": no content after the cue
    if (
        len(_WORD.findall(rest)) >= 2 and rest.strip(" .,;").lower() not in _VAGUE_PHRASES
    ) or rest.lstrip().startswith(QUOTE):
        return pos, False
    return None


#: after "A, X said", a comma and the rest of the sentence that A began (not an adverbial)
GOES_ON = re.compile(
    r"\s*,\s*(?!(?:as|while|when|after|before|in|on|at|during|according|adding|noting|saying|but|and|"
    r"if|who|which|where)\b)(?!(?:The|A|An|He|She|It|They|We|I|You|This|That|There|But|And|In|On|At|As)\b)"
    rf"(?=[A-Za-z\d$€£{QUOTE}])"  # "After all, she argued, Obama got ...": a name goes on too
)
#: a participle after a frame that reports more of what was said: "..., noting that A"
_GOES_ON = "|".join(sorted(map(re.escape, cues_with("goes_on")), key=len, reverse=True))
GERUND = re.compile(rf",\s*(?:{_GOES_ON})\b(?:\s+that\b)?\s*")


#: how far after a frame its participle may begin ("..., said X, a spokesman for Y, noting that")
_GERUND_REACH = 200


def gerund_content(m: str, pos: int, end: int) -> tuple[int, int] | None:
    """The content of a participle after a frame ("..., noting that A"), not an adverb ("adding later")."""
    g = GERUND.search(m, pos, min(len(m), pos + _GERUND_REACH))  # near the frame: linear on a long line
    c = trim(m, g.end(), end) if g is not None else None
    return c if c is not None and len(WORD.findall(m[c[0] : c[1]])) >= 2 else None


def object_content(m: str, pos: int, end: int, word: str) -> tuple[int, int] | None:
    """The object or complement of a cue with no clause after it, as PolNeAR's content.

    "The party endorsed the new candidate", "Aliyev has also commented on the blockade". Not an
    adverbial (a time, a condition, a place, the audience: "shouted to the crowd"), not after a
    cue of continuing or comparing ("continued to", "compared with").
    """
    if word.startswith(_NOT_SPEECH_ACTS) or _NOT_OBJECT.match(m, pos) or not _WORD_NEXT.match(m, pos):
        return None
    if _ACT.match(m, pos):
        return None  # "declared independence": an act, not words
    if word in _SAY and _TO.match(m, pos):
        return None  # "said to cheers at a rally"
    c = trim(m, pos, end)
    return (
        c
        if c is not None and m[c[0] : c[1]].lower() not in _VAGUE_OBJECTS and WORD.search(m, c[0], c[1])
        else None
    )


_SAY = cue_entry("say")
_TO = re.compile(r"\s+to\s")  # "said to": an audience or an occasion ("to cheers"), not what was said
#: words after a cue that say how much, not what: "their smiles said a lot"
_VAGUE_PHRASES = frozenset(
    ("a lot", "a little", "a great deal", "very little", "so much", "as much", "that much")
)
#: one word after a cue that is no object: "the president said little"
_VAGUE = words("vague")
#: an act declared, not words: "declared independence", "declared martial law"
_ACT = re.compile(r"\s+(?:" + "|".join(sorted(map(re.escape, words("acts")), key=len, reverse=True)) + r")\b")
_VAGUE_OBJECTS = _VAGUE | _VAGUE_PHRASES
_NOT_SPEECH_ACTS = ("continu", "compar", "show", "begin")
_WORD_NEXT = re.compile(r"\s+[\w“\"]")
_NOT_OBJECT = re.compile(
    r"\s+(?:(?:last|this|next|on|early|late)\s+(?:week|month|year|night|morning|Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)|"
    r"(?:if|when|while|because|as|after|before|since|until|unless|from|at|in|into|during|by)\b|"
    r"to\s+(?:the|my|his|her|their|our|its|reporters|journalists)\b)"
)


#: what may follow a cue that closes a post-posed frame ("..., he said in a statement", "..., he said flatly")
_CLOSES_FRAME = re.compile(
    r"\s+(?:[a-z]+ly|[a-z]+ing|in|on|at|during|after|before|while|when|as|from|with|for|via|through|amid|ahead|"
    r"following|upon|without|within|earlier|later|today|yesterday|tonight|this|last|next|also|again|then|once|"
    r"of|here|there|about|to|afterward|afterwards|instead|too|though|however|that|and|but|so|because|if|since|"
    r"now|only|even|still|yet|not|never)\b"
)
_LOWER_NEXT = re.compile(r"\s+[a-z]")


def takes_object(m: str, pos: int, word: str) -> bool:
    """The cue ending at ``pos`` has an object of its own, so it closes no post-posed frame.

    "One after another, mining companies, including Patriot, declared bankruptcy": not "..., X declared"
    with the words before it as content. The audience of a tell-like cue is no such object
    ("..., he told reporters").
    """
    return word not in TELL_LIKE and bool(_LOWER_NEXT.match(m, pos)) and not _CLOSES_FRAME.match(m, pos)


#: where the object of a verdict ends: a comma, a clause, a verb of the sentence
_OBJECT_END = re.compile(
    r"\s*[,;:—–]|\s(?:that|which|who|while|as|because|but|when|after|before|since|if)\b|"
    r"\s(?:is|are|was|were|has|have|had|will|would|could|can|may|might|should|did|does|do|came|drew|"
    r"made|took|led|left|won|lost|sparked|prompted)\b"
)


def object_end(m: str, pos: int, end: int) -> int:
    """Where the object that begins at ``pos`` ends: "the judge" of "criticism of the judge drew ..."."""
    stop = _OBJECT_END.search(m, pos, end)
    return stop.start() if stop is not None else end
