"""The registry of the automatic voice rules: each rule's id, family, trigger words, priority, examples.

Every segment of ``segment_voices(method="auto")`` names the rule that gave it its voice
in ``rule`` and, where a source was placed, how in ``source_rule``; both are ids of this
registry (:class:`RuleId`). :func:`voice_rules` lists them for a user auditing a result.

A rule is one entry of :data:`RULES`:

``family``
    ``layout`` (the page: headline, captions, bylines, comment blocks, a printed Q&A),
    ``quote`` (quote marks without a frame of their own), ``frame`` (a source, a cue
    and the content they frame in a sentence), ``source`` (how the source phrase was
    placed on a side), ``inherit`` (a quote without a frame takes the speaker of an
    attribution near it) or ``narration`` (the outlet's own words);
``triggers``
    the word lists of ``resources/voices/<language>/`` whose words the rule looks for
    (``cues``: the cue lexicon; ``quote``: a quote mark); the pre-filter that lets
    narration pass untouched is derived from them (:func:`trigger_words`);
``priority``
    which frame of a sentence is weighed first when several compete: 0 for the frames of
    a source and a cue, 1 for the weak ones (a passive, hearsay, a state of mind, a
    question put, a participle after its noun), weighed after every other frame of the
    sentence (:func:`.nesting.outermost_first`, the one tie-break);
``leads``
    a frame with no content of its own whose source speaks the quotes that follow it
    ("X has issued a statement on Y.");
``keeps_voice``
    the frame's content stays the voice of its context (the outlet's narration: "X
    commented on Y"), the frame recorded as the segment's ``relation``;
``examples``
    invented documents in ``resources/voices/<language>/examples.csv`` (:func:`examples`),
    each with a passage the rule attributes and the voice it must give;
    ``tests/test_rules.py`` runs every one.

Adding a rule: an entry here, its words and examples in ``resources/voices/<language>/``,
and the code that finds it (a frame finder of :mod:`.frames` or its helpers).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

import pandas as pd

from ..errors import NKResearchError
from .lexicon import LEXICON_DIR, cue_flags, word_lists, words


class Family(StrEnum):
    """What a rule decides."""

    LAYOUT = "layout"
    QUOTE = "quote"
    FRAME = "frame"
    SOURCE = "source"
    INHERIT = "inherit"
    NARRATION = "narration"


class RuleId(StrEnum):
    """The id of every automatic rule, as the ``rule`` and ``source_rule`` columns give it."""

    # layout
    HEADLINE = "layout.headline"
    METADATA_TITLE = "layout.metadata_title"
    DECLARED_ACTOR = "layout.declared_actor"
    CAPTION = "layout.caption"
    BYLINE = "layout.byline"
    DATELINE = "layout.dateline"
    SITE_LINE = "layout.site_line"
    PAGE_MARKUP = "layout.page_markup"
    COMMENT_AUTHOR = "layout.comment_author"
    COMMENT = "layout.comment"
    QA_QUESTION = "layout.qa_question"
    QA_ANSWER = "layout.qa_answer"
    INTERVIEW_ANSWER = "layout.interview_answer"
    STATEMENT_CONTINUES = "layout.statement_continues"
    TRANSCRIPT_NAME = "layout.transcript_name"
    TRANSCRIPT_LINE = "layout.transcript_line"
    # quotes without a frame of their own
    QUOTE_CONTINUES = "quote.continues"
    QUOTE_SUBJECT = "quote.subject"
    QUOTE_INNER_NAME = "quote.inner_name"
    QUOTED_WORDS = "quote.in_reported_speech"
    # frames
    ACCORDING_BEFORE = "frame.according_before"
    ACCORDING_AFTER = "frame.according_after"
    AS_ASIDE = "frame.as_aside"
    DASH_SIGNED = "frame.dash_signed"
    NAME_COLON = "frame.name_colon"
    WORDS_OF = "frame.words_of"
    NOUN_BY = "frame.noun_by"
    POSSESSED_CLAIM = "frame.possessed_claim"
    POSSESSED_VERDICT = "frame.possessed_verdict"
    CARRIER = "frame.carrier"
    STATEMENT_LEAD = "frame.statement_lead"
    QUOTES_X = "frame.quotes_x"
    CUE_THAT = "frame.cue_that"
    CUE_COLON = "frame.cue_colon"
    CUE_COLON_NEXT = "frame.cue_colon_next"
    CONTENT_X_CUE = "frame.content_x_cue"
    CONTENT_CUE_X = "frame.content_cue_x"
    CUE_GERUND = "frame.cue_gerund"
    OPENING_CUE = "frame.opening_cue"
    CUE_OBJECT = "frame.cue_object"
    CUE_TOPIC = "frame.cue_topic"
    CUE_NOTHING = "frame.cue_nothing"
    SUBJECT_PARTICIPLE = "frame.subject_participle"
    WITH_PARTICIPLE = "frame.with_participle"
    ASKED = "frame.asked"
    PASSIVE = "frame.passive"
    PASSIVE_BY = "frame.passive_by"
    QUOTED_AS_SAYING = "frame.quoted_as_saying"
    HEARSAY = "frame.hearsay"
    THIS_SAID = "frame.this_said"
    X_ACCORDING = "frame.x_according"
    IMPERSONAL = "frame.impersonal"
    VERB_LAST = "frame.verb_last"
    STATE = "frame.state"
    PARTICIPLE_AFTER_NOUN = "frame.participle_after_noun"
    # sources
    NONE_NAMED = "source.none_named"
    PRONOUN_NEAREST = "source.pronoun_nearest"
    PRONOUN_MENTIONED = "source.pronoun_mentioned"
    PRONOUN_NEXT = "source.pronoun_next"
    PRONOUN_UNRESOLVED = "source.pronoun_unresolved"
    NAME_BY_TEXT = "source.name_by_text"
    NAME_GAZETTEER = "source.name_gazetteer"
    NAME_DESCRIBED = "source.name_described"
    NAME_UNPLACED = "source.name_unplaced"
    NAME_ROLE_UNPLACED = "source.name_role_unplaced"
    ROLE_NEAREST = "source.role_nearest"
    ROLE_MENTIONED = "source.role_mentioned"
    ROLE_DESCRIBED = "source.role_described"
    ROLE_UNPLACED = "source.role_unplaced"
    BODY_NEAREST = "source.body_nearest"
    BODY_DESCRIBED = "source.body_described"
    BODY_UNPLACED = "source.body_unplaced"
    NOUN_PHRASE = "source.noun_phrase"
    SELF = "source.self"
    # inheritance and narration
    INHERIT_BEFORE = "inherit.before"
    INHERIT_AFTER = "inherit.after"
    INHERIT_NONE = "inherit.none"
    NARRATION = "narration.default"
    FRAME_WORDS = "narration.frame_words"


@dataclass(frozen=True)
class Rule:
    """One automatic rule: what it decides, the words that trigger it and how it weighs."""

    id: RuleId
    family: Family
    description: str
    triggers: tuple[str, ...] = ()
    priority: int = 0
    leads: bool = False  # a frame without content whose source speaks the quotes that follow it
    #: its content stays the voice of its context (the outlet's narration), the frame a relation
    keeps_voice: bool = False


_Q = ("quote",)
_C = ("cues",)
R, F = RuleId, Family
#: the languages whose examples the registry ships (``resources/voices/<language>/examples.csv``)
EXAMPLE_LANGUAGES = ("en", "ru", "hy", "az")
RULES: dict[RuleId, Rule] = {
    r.id: r
    for r in (
        Rule(R.HEADLINE, F.LAYOUT, "the first title-like line, or the line that repeats the title"),
        Rule(R.METADATA_TITLE, F.LAYOUT, "in a text the metadata declares an actor's, the title line"),
        Rule(R.DECLARED_ACTOR, F.LAYOUT, "a text the metadata declares an actor's: every paragraph theirs"),
        Rule(R.CAPTION, F.LAYOUT, "a title-like line of nine words or more, or a photo credit"),
        Rule(R.BYLINE, F.LAYOUT, "a line naming the author ('By ...', 'Correspondent')"),
        Rule(R.DATELINE, F.LAYOUT, "a dateline opening a paragraph ('BAKU, Sept 28 (Reuters) - ')"),
        Rule(R.SITE_LINE, F.LAYOUT, "a short title-like line: a date, a place, site furniture"),
        Rule(
            R.PAGE_MARKUP,
            F.LAYOUT,
            "a saved page's headline, standfirst, dateline, byline, caption or comment, as its markup says",
        ),
        Rule(R.COMMENT_AUTHOR, F.LAYOUT, "the author line of a reader comment ('1. Name said:')"),
        Rule(R.COMMENT, F.LAYOUT, "a reader comment, after its author line"),
        Rule(R.QA_QUESTION, F.LAYOUT, "a question of a printed Q&A ('Question: ...')"),
        Rule(R.QA_ANSWER, F.LAYOUT, "an answer of a printed Q&A: the person the title names"),
        Rule(R.INTERVIEW_ANSWER, F.LAYOUT, "an answer of an interview printed without labels"),
        Rule(R.STATEMENT_CONTINUES, F.LAYOUT, "a paragraph of a statement after its lead ('X said:')"),
        Rule(R.TRANSCRIPT_NAME, F.LAYOUT, "the speaker's name that opens a transcript line"),
        Rule(R.TRANSCRIPT_LINE, F.LAYOUT, "a line 'NAME: ...' in an exchange of two names or more"),
        Rule(R.QUOTE_CONTINUES, F.QUOTE, "a quote going on from an earlier paragraph", _Q),
        Rule(R.QUOTE_SUBJECT, F.QUOTE, "a quote without a frame: the placed subject of its sentence", _Q),
        Rule(R.QUOTED_WORDS, F.QUOTE, "a short quote inside reported speech: the frame's source", _Q),
        Rule(R.QUOTE_INNER_NAME, F.QUOTE, "a quote that opens 'NAME: ...': the person named", _Q),
        Rule(R.ACCORDING_BEFORE, F.FRAME, "according to X, content", ("according",)),
        Rule(R.ACCORDING_AFTER, F.FRAME, "content, according to X", ("according",)),
        Rule(R.AS_ASIDE, F.FRAME, "as X cue, content (an aside on the sentence)", _C),
        Rule(R.DASH_SIGNED, F.FRAME, "“…” ― X: a quote signed with a dash", _Q),
        Rule(R.NAME_COLON, F.FRAME, "X: “…”: a name, a colon, a quote", _Q),
        Rule(R.WORDS_OF, F.FRAME, "the words of X: “…”", _Q),
        Rule(
            R.NOUN_BY,
            F.FRAME,
            "a claim by X that …: a noun of speech, its source, its content",
            ("speech_nouns",),
        ),
        Rule(R.POSSESSED_CLAIM, F.FRAME, "X's claim that …", ("speech_nouns", "possessed_speech_nouns")),
        Rule(R.POSSESSED_VERDICT, F.FRAME, "X's criticism of …", ("evaluation_nouns",)),
        Rule(R.CARRIER, F.FRAME, "X issued a statement saying …", _C),
        Rule(
            R.STATEMENT_LEAD,
            F.FRAME,
            "X issued the following statement: (its words follow)",
            ("issuing",),
            0,
            True,
        ),
        Rule(R.QUOTES_X, F.FRAME, "Y quotes X (as saying) …", _C),
        Rule(R.CUE_THAT, F.FRAME, "X cue (that) content", _C),
        Rule(R.CUE_COLON, F.FRAME, "X cue: content", _C),
        Rule(R.CUE_COLON_NEXT, F.FRAME, "X cue: (the content is the next paragraph)", _C),
        Rule(R.CONTENT_X_CUE, F.FRAME, "content, X cue", _C),
        Rule(R.CONTENT_CUE_X, F.FRAME, "content, cue X (a verb of saying inverted)", _C),
        Rule(R.CUE_GERUND, F.FRAME, "X cue …, cue-ing content", _C),
        Rule(R.OPENING_CUE, F.FRAME, "opening phrase, X cue, content", _C),
        Rule(R.CUE_OBJECT, F.FRAME, "X cue object ('the ministry did not confirm casualties')", _C),
        Rule(
            R.CUE_TOPIC,
            F.FRAME,
            "X commented on Y: Y is what X spoke about, the outlet's words",
            _C,
            keeps_voice=True,
        ),
        Rule(R.CUE_NOTHING, F.FRAME, "X cue, with no content (its quotes are X's)", _C),
        Rule(R.SUBJECT_PARTICIPLE, F.FRAME, "X ..., cue-ing content: a participle of the subject", _C),
        Rule(R.WITH_PARTICIPLE, F.FRAME, "with X cue-ing content: an absolute phrase", _C),
        Rule(R.ASKED, F.FRAME, "asked whether A, X said: A is a question put, no one named", _C, 1),
        Rule(R.PASSIVE, F.FRAME, "content is cue-ed: a cue in the passive, no one named", _C, 1),
        Rule(R.PASSIVE_BY, F.FRAME, "content is cue-ed by X", _C, 1),
        Rule(R.QUOTED_AS_SAYING, F.FRAME, "X was quoted (by Y) as saying that …: X the source", _C),
        Rule(R.HEARSAY, F.FRAME, "X reportedly …: an adverb of hearsay, no one named", ("hearsay",), 1),
        Rule(
            R.THIS_SAID,
            F.FRAME,
            "content. X said this: the sentences before are X's ('Об этом заявил X')",
            ("anaphors",),
        ),
        Rule(
            R.X_ACCORDING,
            F.FRAME,
            "X's words according, content: a postposition ('Onun sözlərinə görə')",
            ("x_according",),
        ),
        Rule(
            R.IMPERSONAL, F.FRAME, "content, it is said in X: an impersonal cue, its source in a phrase", _C
        ),
        Rule(R.VERB_LAST, F.FRAME, "X content cue-ed: the subject first, the verb of saying last", _C),
        Rule(
            R.STATE,
            F.FRAME,
            "X is concerned about / convinced that / ready to …",
            ("states", "intentions"),
            1,
        ),
        Rule(
            R.PARTICIPLE_AFTER_NOUN,
            F.FRAME,
            "a group backing X: a participle after its noun",
            ("stance_ing",),
            1,
        ),
        Rule(R.NONE_NAMED, F.SOURCE, "no source in the sentence"),
        Rule(R.PRONOUN_NEAREST, F.SOURCE, "a pronoun: the nearest earlier source of its kind"),
        Rule(R.PRONOUN_MENTIONED, F.SOURCE, "a pronoun: the first placed person of the paragraph before"),
        Rule(R.PRONOUN_NEXT, F.SOURCE, "a pronoun before any name: the next source"),
        Rule(R.PRONOUN_UNRESOLVED, F.SOURCE, "a pronoun with no source before it"),
        Rule(R.NAME_BY_TEXT, F.SOURCE, "a name placed by what the text says of it elsewhere"),
        Rule(R.NAME_GAZETTEER, F.SOURCE, "a name of the gazetteer (resources/speakers.csv), in office"),
        Rule(R.NAME_DESCRIBED, F.SOURCE, "a name placed by the description in its phrase"),
        Rule(R.NAME_UNPLACED, F.SOURCE, "a name that nothing places"),
        Rule(R.NAME_ROLE_UNPLACED, F.SOURCE, "a role of a name that nothing places"),
        Rule(R.ROLE_NEAREST, F.SOURCE, "a definite role: the nearest earlier source of its kind and side"),
        Rule(
            R.ROLE_MENTIONED,
            F.SOURCE,
            "a definite role: the first placed person of the paragraph before (ru, hy, az: the side"
            " of the role's latest earlier mention, 'посольство Азербайджана' for 'Посольство')",
        ),
        Rule(R.ROLE_DESCRIBED, F.SOURCE, "a role placed by its description ('Azerbaijan's deputy minister')"),
        Rule(R.ROLE_UNPLACED, F.SOURCE, "a role that nothing places"),
        Rule(R.BODY_NEAREST, F.SOURCE, "a definite body: the nearest earlier source"),
        Rule(R.BODY_DESCRIBED, F.SOURCE, "a body placed by its description ('the Russian Foreign Ministry')"),
        Rule(R.BODY_UNPLACED, F.SOURCE, "a body that nothing places"),
        Rule(R.NOUN_PHRASE, F.SOURCE, "another noun phrase, unplaced"),
        Rule(R.SELF, F.SOURCE, "'I', 'we' outside quotes: the passage's own voice, the frame its relation"),
        Rule(R.INHERIT_BEFORE, F.INHERIT, "a quote without a frame: the attribution just before it", _Q),
        Rule(R.INHERIT_AFTER, F.INHERIT, "a quote without a frame: the attribution just after it", _Q),
        Rule(R.INHERIT_NONE, F.INHERIT, "a quote without a frame and no attribution near it", _Q),
        Rule(R.NARRATION, F.NARRATION, "everything else: the outlet's narration"),
        Rule(R.FRAME_WORDS, F.NARRATION, "the words of a frame around its content ('he said')"),
    )
}


@cache
def examples(language: str = "en") -> pd.DataFrame:
    """The examples of the rules in ``language`` (``resources/voices/<language>/examples.csv``).

    One row per example: ``rule`` (an id of :data:`RULES`), ``text`` (a document),
    ``passage`` (a part of it), the ``actor``, ``speaker`` and ``kind`` the rule must give
    that passage, and the document's metadata ``title`` and declared ``actor`` (as
    ``declared``) where the rule needs them. ``tests/test_rules.py`` runs every one.
    """
    path = LEXICON_DIR / language / "examples.csv"
    with open(path, encoding="utf-8", newline="") as f:
        table = pd.read_csv(
            io.StringIO("".join(line for line in f if not line.startswith("#"))),
            dtype=str,
            keep_default_na=False,
        )
    table["text"] = table["text"].str.replace("\\n", "\n", regex=False)
    table = table.fillna("")
    if "layout" not in table.columns:  # a saved page's roles (``layout``), for the page's rule only
        table["layout"] = ""
    table["language"] = language
    unknown = sorted(set(table["rule"]) - {str(r) for r in RULES})
    if unknown:
        raise NKResearchError(f"{path}: unknown rule ids {unknown}; the ids are those of nk.voice_rules()")
    return table


@cache
def trigger_words(language: str = "en") -> frozenset[str]:
    """Every word that can trigger a frame rule, lower-cased: the pre-filter of a sentence.

    The union of the frame rules' trigger lists (``cues``: the first words of the cue
    lexicon); a sentence holding none of them, and no quote mark, has no frame, so
    narration passes untouched.
    """
    found: set[str] = set()
    for r in RULES.values():
        if r.family != Family.FRAME:
            continue
        for name in r.triggers:
            if name == "cues":
                found |= {form.split()[0].lower() for form in cue_flags(language)}
            elif name != "quote" and name in word_lists(language):
                found |= {w.split()[0].lower() for w in words(name, language)}
    return frozenset(found)


def rule(rule_id: str) -> Rule:
    """The registered rule of an id."""
    return RULES[RuleId(rule_id)]


def priority(rule_id: str) -> int:
    """The priority of a frame's rule: 0 weighed first, 1 (a weak frame) after every other."""
    return RULES[RuleId(rule_id)].priority


@cache
def voice_rules() -> pd.DataFrame:
    """The automatic voice rules: one row per rule, with its family, triggers, priority and examples.

    The ``rule`` and ``source_rule`` columns of ``segment_voices(method="auto")`` hold the
    ``id`` of this table, so a user can see what made each segment and filter by it.

    Examples
    --------
    >>> rules = voice_rules()
    >>> rules.loc["frame.cue_that", ["family", "description"]].tolist()
    ['frame', 'X cue (that) content']
    """
    shown = pd.concat([examples(language) for language in EXAMPLE_LANGUAGES], ignore_index=True)
    rows = [
        {
            "id": str(r.id),
            "family": str(r.family),
            "description": r.description,
            "triggers": " ".join(r.triggers),
            "priority": r.priority,
            "examples": int((shown["rule"] == r.id).sum()),
            "languages": " ".join(dict.fromkeys(shown.loc[shown["rule"] == r.id, "language"])),
            "example": shown.loc[shown["rule"] == r.id, "text"].head(1).str.replace("\n", " ").sum() or "",
        }
        for r in RULES.values()
    ]
    table = pd.DataFrame(rows).set_index("id")
    table.attrs = {"what": "the automatic voice rules (nkresearch.voices.rules)"}
    return table
