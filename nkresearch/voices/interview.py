"""A printed interview without "Question:" and "Answer:" labels: which paragraphs are answers.

Two layouts are read, both common in the conflict's press:

dash turns
    every turn opens with a dash ("- Mr. Hajiyev, how do you assess ...?", "- There are
    strategic relations ..."); a turn whose first paragraph ends with a question mark is
    the interviewer's, the others (with the paragraphs that follow them up to the next
    dash) are the interviewee's; two turns that ask, or a text that says it is an
    interview (a list printed with dashes is no dialogue);
questions and answers
    in a text that says it is an interview (its title, or a lead that says "interview"
    or "answered questions"), a short paragraph that ends with a question mark is a
    question, and the paragraphs after it, up to the next question, are its answer (two
    questions at least, unless the title says "interview": one paragraph that asks may be
    a rhetorical question).

The interviewee is the person the title names before a colon ("Hikmat Hajiyev: ..."), or
after "interview of/with" ("Interview of NKR Foreign Minister Karen Mirzoyan to ..."),
else the first person the lead names (:meth:`.auto._Document._interviewee`). The
questions stay the outlet's (their own frames still apply); the answers are the
interviewee's quotes.
"""

from __future__ import annotations

import re

#: a turn of a dialogue printed with dashes: "- There are strategic relations ..."
_DASH_TURN = re.compile(r"[-–—]\s+\S")
#: a question paragraph: it ends with a question mark (a closing bracket or mark may follow)
_ENDS_ASKING = re.compile(r"\?[\s)\]]*$")
#: a text that says it is an interview
_INTERVIEW = re.compile(r"\binterview\b|\banswered (?:the )?questions|\bQ\s*&\s*A\b", re.IGNORECASE)
#: an interview printed without labels asks at least this many questions (one, if its title says
#: it is an interview: a text cut short may hold one)
_MIN_QUESTIONS = 2
#: a question with its label ("Question: ...", "Q: ..."): the labelled Q&A of :mod:`.auto` reads it
_LABELLED = re.compile(r"(?:Question|Q)\s*[:.—–-]\s")
#: the longest question, in words: a longer paragraph ending with "?" is an answer's rhetorical question
_MAX_QUESTION_WORDS = 80
#: how many paragraphs from the start may say that the text is an interview
_LEAD_PARAGRAPHS = 3


def qa_roles(text: str, paras: list[tuple[int, int]], title: str) -> dict[int, str]:
    """``{paragraph index: "question" or "answer"}`` for a printed interview; empty for any other text."""
    texts = [text[s:e] for s, e in paras]
    if any(_LABELLED.match(t) for t in texts):
        return {}
    lead = " ".join([title, *texts[:_LEAD_PARAGRAPHS]])
    said = _INTERVIEW.search(lead) is not None
    dashed = [i for i, t in enumerate(texts) if _DASH_TURN.match(t)]
    if len(dashed) >= 2:
        turns = _dash_turns(texts, dashed)
        # a list with dashes is no dialogue: it asks twice, or the text says it is an interview
        return turns if said or sum(_ENDS_ASKING.search(texts[i]) is not None for i in dashed) >= 2 else {}
    if not said:
        return {}
    roles: dict[int, str] = {}
    answering = False
    for i, t in enumerate(texts):
        if _is_question(t):
            roles[i], answering = "question", True
        elif answering:
            roles[i] = "answer"
    asked = sum(r == "question" for r in roles.values())
    enough = 1 if _INTERVIEW.search(title) else _MIN_QUESTIONS
    return roles if asked >= enough and "answer" in roles.values() else {}


def _is_question(paragraph: str) -> bool:
    """A paragraph that asks: it ends with a question mark, is short, and is not a quote."""
    words = paragraph.split()
    return (
        bool(_ENDS_ASKING.search(paragraph))
        and len(words) <= _MAX_QUESTION_WORDS
        and not paragraph.lstrip().startswith(("“", '"', "«", "„"))
    )


def _dash_turns(texts: list[str], dashed: list[int]) -> dict[int, str]:
    """The roles of a dialogue printed with dashes: a turn that asks is a question, the rest answers."""
    roles: dict[int, str] = {}
    for k, first in enumerate(dashed):
        last = dashed[k + 1] if k + 1 < len(dashed) else len(texts)
        role = "question" if _ENDS_ASKING.search(texts[first]) else "answer"
        for i in range(first, last):
            roles[i] = role
    return roles if "question" in roles.values() and "answer" in roles.values() else {}


def turn_start(paragraph: str) -> int:
    """Where the words of a turn begin, after its dash ("- There are ..." -> 2)."""
    m = _DASH_TURN.match(paragraph)
    return m.end() - 1 if m else 0
