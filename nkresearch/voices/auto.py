"""Automatic voice attribution by rules: layout, quotes, attribution frames, sources, comments.

:class:`AutoAttributor` labels one document, every label with the ``rule`` that made it:

1. layout (:mod:`.layout`): paragraphs, the headline, captions, bylines, datelines and
   the block of reader comments;
2. direct quotes (:mod:`.quotes`) in every quote style, over several paragraphs;
3. in each sentence, the attribution frame (:mod:`.frames`): a source, a reporting cue
   and its content (a that-clause, the clause before "..., X said", "according to X",
   a colon frame); the quotes of the sentence belong to its source;
4. the source placed on a side (:mod:`.sources`): pronouns and roles to the nearest
   earlier source, names by what the text says of them and by the gazetteer,
   descriptions by their nationality words and institutions, ``Unknown`` otherwise;
5. a quote without a frame inherits the speaker of the attribution just before it, or
   just after it, within its run of paragraphs (reported speech without quote marks
   does not go on past its sentence: "X said that A. B." leaves B to the outlet; carrying
   it on, measured, found more PolNeAR spans but lowered token precision and the speaker
   figure, and moved as many karabakh-dev snippets wrong as right);
   a printed Q&A gives every answer to the person the title names; a transcript line
   "NAME: ..." is a quote of the person named;
6. everything else is the outlet's narration (``Media``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping

import pandas as pd

from ..corpus.sentences import sentence_spans
from .cues import INVERTING, QUOTE, cue_forms, may_frame
from .frames import find_frames, relation_of
from .gazetteer import Gazetteer
from .grammars import LANGUAGES, Grammar, comment_heading, read_language_places, read_language_speakers
from .inner import around, inner_reports
from .interview import qa_roles, turn_start
from .labels import Label
from .layout import comment_zone, comments, dateline, frame_lines, page_labels, page_layout, paragraphs
from .lexicon import words
from .multilingual import MultilingualDocument
from .nesting import cut_at_next_clause, outermost_first
from .quotes import quote_spans
from .rules import RuleId, rule
from .sources import BY_NAME, Placed, SourceBook

_MIN_QUOTE_WORDS = 4  # shorter quoted bits are scare quotes, or quoted words inside reported speech
#: a quoted transcript line: "“WALLACE: Let's start ...”"
_INNER_SPEAKER = re.compile(r"[“\"'‘«„]\s*([A-Z][A-Za-z.'’-]*(?:\s+[A-Z][A-Za-z.'’-]*){0,2})\s*:\s")
_OUTLET_WORD = re.compile(r"[A-Za-z][\w.-]{2,}")
_NOT_OUTLET_WORDS = frozenset({"the", "news", "com", "copy"})  # too common in outlet names to identify one
_CAPITALISED = re.compile(r"[A-Z][\w.-]{2,}")
_OPENS_SENTENCE = re.compile(r"[.!?]\s+$")
#: a unit that ends on a middle initial after a first name ("Donald J."): the name goes on
_INITIAL_END = re.compile(r"\b[A-Z][a-z]+\s+[A-Z]\.$")
_QUESTION = re.compile(r"(?:Question|Q)\s*[:.—–-]\s*")
#: an answer's label: "Answer:", "A:", "A —" (not "A. Guterres", "A-10", "A.I.")
_ANSWER = re.compile(r"(?:Answer\s*[:.—–-]|A\s*[:—–])\s")
#: the name a title opens with before a colon: "Hikmat Hajiyev: “...” - INTERVIEW"
_TITLE_NAME = re.compile(r"\s*([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s*:")
_WORD = re.compile(r"[\w'’-]+")
#: the subject of a sentence: a capitalised phrase after an optional opening phrase, before a lowercase verb
_SUBJECT = re.compile(
    r"(?:[^,\n]{0,60},\s*)?(?P<subj>(?:[Tt]he )?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4})\s+[a-z]"
)
#: a transcript line: a name of one to three capitalised words, a colon, a sentence
_TRANSCRIPT = re.compile(
    r"(?m)^[ \t]*(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,2})[ \t]*:[ \t]+(?=[A-Z“\"‘'])"
)
#: words of a line label, not of a speaker: "Editor's Note:", "UPDATE:", "Read more:"
_LABELS = words("labels")
Who = tuple[str, str]  # speaker, actor
Why = tuple[str, str]  # the rule that gave a label its voice, and the one that placed its source ("": none)
#: frames of one sentence weighed against each other (a sentence of news holds a handful)
_MAX_FRAMES = 16
#: a statement's own voice as a source: the words stay the statement's
_FIRST_PERSON = frozenset({"we", "i", "our", "us", "my"})


def _outside(a: int, b: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``[a, b)`` outside the spans ``holes`` (quotes, which do not overlap)."""
    clipped = [(max(s, a), min(e, b)) for s, e in holes if s < b and e > a]
    return [(s, e) for s, e, hole in around(a, b, clipped) if not hole]


#: a frame's subject outside quotes that is the passage's own voice ("I think ...")
_SELF = frozenset({"i", "we"})
#: a word of the first person: a sentence holding one after a framed quote goes on with it
_FIRST_PERSON_WORD = re.compile(r"\b(?:I|[Ww]e|[Oo]ur|[Uu]s|[Mm]y)\b")
#: the longest sentence attributed as one; a longer run-on line is cut at a comma (see _pieces)
_MAX_UNIT = 3000
_CLAUSE_END = re.compile(r"[,;]\s+")


_CUE_THEN_COMMA = re.compile(r"([A-Za-z]+)\s*[,:]\s*$")


def _after_cue(text: str, at: int) -> bool:
    """A quote right after a reporting cue and a comma or colon: speech, however short."""
    m = _CUE_THEN_COMMA.search(text, max(0, at - 30), at)
    return m is not None and m.group(1) in cue_forms() and m.group(1).lower() in INVERTING


class AutoAttributor:
    """The rules, compiled once (gazetteer, places) for every document of a run."""

    def __init__(self, speakers: pd.DataFrame, places: pd.DataFrame):
        self.gazetteer = Gazetteer(speakers, places)
        self.speakers = speakers
        self.languages: dict[str, Gazetteer] = {}  # the gazetteers of other languages, made when first needed

    def _gazetteer(self, language: str) -> Gazetteer:
        if language not in self.languages:
            self.languages[language] = Gazetteer(
                read_language_speakers(language, self.speakers),
                read_language_places(language),
                inflected=True,
            )
        return self.languages[language]

    def document(
        self,
        text: str,
        declared: Mapping[str, str] | None = None,
        *,
        year: int | None = None,
        opening: bool = True,
    ) -> list[Label]:
        """The labels of one document (``opening=False``: a later piece of one, without a headline).

        ``declared``: what the metadata says of the document: ``outlet``, ``actor`` and
        ``speaker`` (a text the metadata declares an actor's), ``title``, ``language``. A
        ``language`` of :data:`.multilingual.LANGUAGES` is read by the rules of
        :mod:`.multilingual`; any other by the English rules.
        """
        meta = declared or {}
        outlet, actor, speaker = meta.get("outlet", ""), meta.get("actor", ""), meta.get("speaker", "")
        title, language = meta.get("title", ""), meta.get("language", "")
        media = outlet or "unnamed outlet"
        page = page_layout(text, meta.get("layout", ""))
        if page is not None:  # a saved page: its markup gave each paragraph's role
            labels, body = page_labels(text, page, media)
            if actor:
                return labels + [
                    Label(s, e, actor, speaker or actor, "statement", RuleId.DECLARED_ACTOR) for s, e in body
                ]
            return labels + self._body(text, body, (media, year, title, language))
        at = comment_zone(text)
        if language in LANGUAGES and (heading := comment_heading(text, language)) is not None:
            at = min(at, heading)
        if actor:
            labels = declared_labels(text, at, (actor, speaker or actor), title, media)
        else:
            paras = paragraphs(text, 0, at)
            labels, used = frame_lines(text, paras, title, media, opening=opening)
            body = [p for i, p in enumerate(paras) if i not in used]
            labels += self._body(text, body, (media, year, title, language))
        return labels + comments(text, at, media)

    def _body(
        self, text: str, body: list[tuple[int, int]], about: tuple[str, int | None, str, str]
    ) -> list[Label]:
        """The body's paragraphs labelled by its language's rules (``about``: media, year, title, lang)."""
        media, year, title, language = about
        if language in LANGUAGES:
            reader = MultilingualDocument(Grammar.of(language), self._gazetteer(language), text, media, year)
            return reader.body(body)
        return _Document(self.gazetteer, text, media, year, title).body(body)


def declared_labels(text: str, at: int, voice: tuple[str, str], title: str, media: str) -> list[Label]:
    """The labels of ``text[:at]``, a text the metadata declares ``voice``'s (actor, speaker).

    The actor's own text throughout; only a paragraph that repeats the title is the
    page's headline. Without such a paragraph the text is one statement from its first
    to its last visible character, as :func:`tidy` merges the paragraphs' labels, so the
    paragraphs are cut only when the title occurs in the text (all spacing and case aside).
    """
    actor, speaker = voice
    folded = " ".join((title or "").split()).casefold()
    if not folded or folded not in " ".join(text[:at].split()).casefold():
        piece = text[:at]
        start, end = len(piece) - len(piece.lstrip()), len(piece.rstrip())
        return [Label(start, end, actor, speaker, "statement", RuleId.DECLARED_ACTOR)] if end > start else []
    return [
        Label(s, e, "Media", media, "headline", RuleId.METADATA_TITLE)
        if " ".join(text[s:e].split()).casefold() == folded
        else Label(s, e, actor, speaker, "statement", RuleId.DECLARED_ACTOR)
        for s, e in paragraphs(text, 0, at)
    ]


class _Document:
    def __init__(self, gazetteer: Gazetteer, text: str, media: str, year: int | None, title: str):
        self.text, self.media, self.title = text, media, title
        self.book = SourceBook(gazetteer, text, year)
        self.outlet_words = {
            w.casefold()
            for w in _OUTLET_WORD.findall(media)
            if gazetteer.place(w)
            is None  # "RFE/RL Armenian Service": "Armenian" names a side, not the outlet
        } - _NOT_OUTLET_WORDS
        self.labels: list[Label] = []
        self.unresolved: list[tuple[Label, int]] = []  # quotes without a frame, and their paragraph
        self.resolved: list[tuple[int, int, Who]] = []  # (paragraph, position, who) of every attribution
        self.leads: dict[int, Why] = {}  # the position of a lead without content ("X issued a statement")
        self._transcript_names: set[str] | None = None  # names of "NAME: ..." lines, when several
        # the state of the walk through the paragraphs (:meth:`body`)
        self.start = 0  # where the current paragraph's text begins, after its dateline
        self.short_quotes: list[tuple[int, int]] = []  # quoted bits too short to be quotes
        self.answerer: Who | None = None  # the interviewee, once a printed Q&A begins
        self.colon: tuple[Who, Why] | None = None  # a colon frame whose content is the next paragraph
        #: a statement that began after its lead's colon in this paragraph ("X issued the following
        #: statement: A. B."): the paragraph's sentences without a frame of their own are its words
        self.inline: tuple[Who, Why] | None = None
        self.last_quote: Who | None = None  # the speaker of the latest quote, for a continued one
        self.quote_para = -1  # the paragraph of the latest framed quote
        self.turn: Who | None = None  # the speaker of the latest line of a transcript
        #: a statement printed after its lead ("X said:"): its speaker and the rule that placed it
        self.statement: tuple[Who, str] | None = None
        self.roles: dict[int, str] = {}  # the questions and answers of an interview printed without labels
        self.interviewee: Who | None = None
        self.first_question = 0  # where the first question of such an interview begins

    def _narration(self, s: int, e: int, rule: str = RuleId.NARRATION) -> None:
        if self.text[s:e].strip():
            self.labels.append(Label(s, e, "Media", self.media, "narration", rule))

    def _attribute(self, s: int, e: int, who: Who, kind: str, why: Why, para: int) -> None:
        if self.text[s:e].strip():
            self.labels.append(Label(s, e, who[1], who[0], kind, *why))
            self.resolved.append((para, s, who))

    def body(self, paras: list[tuple[int, int]]) -> list[Label]:
        quotes = quote_spans(self.text, paras)
        opens = {s + len(self.text[s:e]) - len(self.text[s:e].lstrip()) for s, e in paras}
        # a short quoted bit is a scare quote, unless it opens its sentence: “You winning?” she said.
        is_long = [
            len(_WORD.findall(self.text[s:e])) >= _MIN_QUOTE_WORDS
            or s in opens
            or _OPENS_SENTENCE.search(self.text, max(0, s - 3), s) is not None
            or _after_cue(self.text, s)  # "Another child responded, “That's her husband.”"
            for s, e, _ in quotes
        ]
        long_quotes = [q for q, long in zip(quotes, is_long, strict=True) if long]
        self.short_quotes = [(s, e) for (s, e, _), long in zip(quotes, is_long, strict=True) if not long]
        quote_starts = [q[0] for q in long_quotes]
        self.roles = qa_roles(self.text, paras, self.title)
        if self.roles:
            self.first_question = paras[min(i for i, r in self.roles.items() if r == "question")][0]
        for pi, (ps, pe) in enumerate(paras):
            pq = long_quotes[bisect.bisect_left(quote_starts, ps) : bisect.bisect_left(quote_starts, pe)]
            if self._layout_paragraph(pi, ps, pe, pq):
                continue
            self.inline = None
            for us, ue in self._units(self.start, pe, pq):
                self._unit(us, ue, [q for q in pq if us <= q[0] < ue], pi)
            self._carry_inline()
        self._resolve_quotes()
        starts = [s for s, _ in paras]
        return inner_reports(
            self.text,
            self.labels,
            lambda phrase, pos: self._place(phrase, bisect.bisect_right(starts, pos) - 1, pos),
        )

    def _carry_inline(self) -> None:
        """A statement begun after its lead's colon in a paragraph goes on in the paragraphs after it."""
        if self.inline is not None:
            self.statement, self.inline = (self.inline[0], self.inline[1][1]), None

    def _layout_paragraph(self, pi: int, ps: int, pe: int, pq: list[tuple[int, int, bool]]) -> bool:
        """Label a paragraph whose layout decides its voice; False if its sentences must be read.

        An answer of an interview printed without labels, a printed Q&A, a transcript line
        and the paragraphs of its turn, the paragraph after a colon frame and the paragraphs
        of the statement it begins (:meth:`_continues`), or narration with no word that can
        trigger a frame.
        """
        line = self._transcript(ps, pe)  # "HOST: ..." before a dateline "MOSCOW: ..."
        start = self.start = dateline(self.text, ps, pe) if line is None else ps
        self._narration(ps, start, RuleId.DATELINE)
        para_text = self.text[start:pe]
        if self.roles.get(pi) == "answer":
            if self.interviewee is None:  # after the lead's own attributions
                self.interviewee = self._interviewee(self.first_question)
            at = ps + turn_start(self.text[ps:pe])
            self._narration(ps, at, RuleId.INTERVIEW_ANSWER)  # the dash of the turn
            self._attribute(at, pe, self.interviewee, "quote", (RuleId.INTERVIEW_ANSWER, ""), pi)
            return True
        if _QUESTION.match(para_text):
            self.answerer = self._answerer(pi)
            self._narration(start, pe, RuleId.QA_QUESTION)
            return True
        if (a := _ANSWER.match(para_text)) and self.answerer is None:
            self.answerer = self._answerer(pi)
        if self.answerer is not None:
            words = start + (a.end() if a else 0)
            self._narration(start, words, RuleId.QA_ANSWER)  # its label
            self._attribute(words, pe, self.answerer, "quote", (RuleId.QA_ANSWER, ""), pi)
            return True
        if line is not None:
            name_end, who = line
            self._narration(start, name_end, RuleId.TRANSCRIPT_NAME)
            self._attribute(name_end, pe, who, "quote", (RuleId.TRANSCRIPT_LINE, ""), pi)
            # a turn goes on over the paragraphs after it where the names are printed in capitals,
            # as official transcripts print them ("SEC. POWELL:"); a mixed-case "Name:" line is
            # often a headline or a label, after which the article's own text goes on
            self.turn = who if self.text[start:name_end].isupper() else None
            self.statement = self.colon = None
            return True
        if self.colon is not None:
            kind = "quote" if pq else "paraphrase"
            self._attribute(start, pe, self.colon[0], kind, (RuleId.CUE_COLON_NEXT, self.colon[1][1]), pi)
            self.statement, self.colon = (self.colon[0], self.colon[1][1]), None
            return True
        if self.statement is not None:
            self.statement = self._continues(start, pe, pq, pi)
            if self.statement is not None:
                return True
        if self.turn is not None:  # a transcript's paragraph without a name goes on with the last turn
            self._attribute(start, pe, self.turn, "quote", (RuleId.TRANSCRIPT_LINE, ""), pi)
            return True
        if not pq and not may_frame(para_text):
            self._narration(start, pe)
            return True
        return False

    def _unit(self, us: int, ue: int, uq: list[tuple[int, int, bool]], pi: int) -> None:
        """Label one sentence: its frames, their quotes and contents, or its quotes without a frame."""
        found = self._frame(us, ue, uq, pi)
        if (
            found is None
            and not uq
            and self.quote_para == pi
            and _FIRST_PERSON_WORD.search(self.text, us, ue)
        ):
            # "“...,” he said. If the troops had not come, our fate would ...": the quote goes on, unmarked
            assert self.last_quote is not None
            self._attribute(us, ue, self.last_quote, "quote", (RuleId.QUOTE_CONTINUES, ""), pi)
            return
        if found is None and self.inline is not None and not uq:
            self._attribute(
                us, ue, self.inline[0], "statement", (RuleId.STATEMENT_CONTINUES, self.inline[1][1]), pi
            )
            return
        if found is None:
            self._unframed(us, ue, uq, pi)
            return
        (who, why, frame_colon, content), others = found[0], found[1:]
        if why[0] == RuleId.STATEMENT_LEAD and content:
            self.inline = (who, why)
        elif self.inline is not None and who[1] != self.inline[0][1]:
            self.inline = None  # another side's words: the outlet narrates again
        if why[1] == RuleId.SELF:  # the passage's own voice, its frame a relation
            if uq:
                self._unframed(us, ue, uq, pi)
            else:
                self._fill(us, ue, self._relation(content, who[0], who[1], RuleId(why[0]), RuleId.SELF))
            return
        topic = rule(why[0]).keeps_voice  # "X commented on Y": Y is the outlet's, X's speech its relation
        for qs, qe, _ in uq:
            # a quote in the content of a second frame of the sentence is that frame's
            w2, r2 = next(((o[0], o[1]) for o in others if any(a <= qs < b for a, b in o[3])), (who, why))
            if topic and (named := self._topic_source(content, qs, pi)) is not None:
                w2, r2 = named  # "X commented on the statement of Y, who said “...”": the quote is Y's
            self._attribute(qs, qe, w2, "quote", r2, pi)
            self.last_quote, self.quote_para = w2, pi
        if topic:
            pieces = [piece for a, b in content for piece in _outside(a, b, [(q[0], q[1]) for q in uq])]
            covered = self._relation(pieces, who[0], "speech", RuleId.CUE_TOPIC)
        else:
            covered = self._content(content, uq, who, why, pi)
        for w2, r2, _, c2 in others:
            covered += self._content(c2, uq, w2, r2, pi)
        self._fill(us, ue, [(q[0], q[1]) for q in uq] + covered)
        if frame_colon and not content:
            self.colon = (who, why)

    def _unframed(self, us: int, ue: int, uq: list[tuple[int, int, bool]], pi: int) -> None:
        """A sentence with no frame: its quotes continue one, have its subject, or wait for a speaker."""
        if not uq:
            self._narration(us, ue)
            return
        for qs, qe, continued in uq:
            if continued and self.last_quote is not None:
                self._attribute(qs, qe, self.last_quote, "quote", (RuleId.QUOTE_CONTINUES, ""), pi)
            elif qs > us and (subject := self._subject(us, ue, pi)) is not None:
                self._attribute(qs, qe, subject[0], "quote", (RuleId.QUOTE_SUBJECT, subject[1]), pi)
            else:
                lab = Label(qs, qe, "", "", "quote", "")
                self.labels.append(lab)
                self.unresolved.append((lab, pi))
        self._fill(us, ue, [(q[0], q[1]) for q in uq])

    def _units(self, s: int, e: int, pq: list[tuple[int, int, bool]]) -> list[tuple[int, int]]:
        """Sentences of a paragraph, joined where a boundary falls inside a quote or a dash signs a quote."""
        units: list[tuple[int, int]] = []
        for a, b in sentence_spans(self.text[s:e]):
            a, b = s + a, s + b
            signed = self.text[a : a + 1] in "―—–"  # "“...” ― Jorge Falcon"
            # "The S.E.C. said", "Gowdy (R-S.C.) said": Punkt breaks after a period it does not
            # know as an abbreviation; a sentence of news does not begin in lower case
            lower = self.text[a : a + 1].islower()
            initial = bool(units) and _INITIAL_END.search(self.text, units[-1][0], units[-1][1]) is not None
            if units and (
                signed or lower or initial or any(qs < a < qe or qs < units[-1][1] < qe for qs, qe, _ in pq)
            ):
                units[-1] = (units[-1][0], b)
            else:
                units.append((a, b))
        return [piece for a, b in units for piece in self._pieces(a, b, pq)]

    def _pieces(self, a: int, b: int, pq: list[tuple[int, int, bool]]) -> list[tuple[int, int]]:
        """A sentence, or a run-on one cut into pieces of at most about _MAX_UNIT characters.

        A "sentence" that long (a list, a line with no full stop) is cut after a comma or
        semicolon outside its quotes, so the work per sentence stays bounded.
        """
        pieces = []
        starts = [q[0] for q in pq]  # the quotes of a paragraph: in order, none inside another

        def in_quote(c: int) -> bool:
            k = bisect.bisect_left(starts, c) - 1  # the last quote that opens before c
            return k >= 0 and pq[k][1] > c

        while b - a > _MAX_UNIT:
            window = self.text[a + _MAX_UNIT // 2 : a + _MAX_UNIT]
            cuts = [a + _MAX_UNIT // 2 + m.end() for m in _CLAUSE_END.finditer(window)]
            cuts = [c for c in cuts if not in_quote(c)]
            if not cuts:
                break
            pieces.append((a, cuts[-1]))
            a = cuts[-1]
        return [*pieces, (a, b)]

    def _frame(
        self, us: int, ue: int, uq: list[tuple[int, int, bool]], para: int
    ) -> list[tuple[Who, Why, bool, list[tuple[int, int]]]] | None:
        masked = list(self.text[us:ue])
        for qs, qe, _ in uq:
            masked[qs - us : qe - us] = QUOTE * (min(qe, ue) - qs)
        sentence = "".join(masked)
        # the first frames only: a run-on line of hundreds of cues stays linear (pairs are compared)
        frames = outermost_first(cut_at_next_clause(sentence, find_frames(sentence)[:_MAX_FRAMES]), sentence)
        for i, f in enumerate(frames):
            if f.rule == RuleId.THIS_SAID and self._this_said(
                us, self.text[us + f.source[0] : us + f.source[1]], para
            ):
                return (
                    None  # "This was announced by X.": the words before are X's, this sentence the outlet's
                )
            if not f.content and not uq and not f.colon:
                if rule(f.rule).leads:  # "X has issued a statement on Y.": X speaks the quotes that follow
                    self._announce(self.text[us + f.source[0] : us + f.source[1]], para, us + f.source[0])
                continue  # a frame that frames nothing ("X continued.") cannot be this sentence's
            phrase = self.text[us + f.source[0] : us + f.source[1]]
            if phrase.strip().casefold() in _SELF and f.content:  # "I think ...": the narrator's own
                content = [(us + a, us + b) for a, b in f.content]
                # the "who" of a frame in the passage's own voice carries its words and its relation
                return [((phrase.strip(), relation_of(f, sentence)), (f.rule, RuleId.SELF), f.colon, content)]
            if (placed := self._place(phrase, para, us + f.source[0])) is None:
                continue
            speaker, actor, kind, gender, source_rule = placed
            if self._is_outlet(phrase):
                continue  # "APA reports", "This article says that X said ...": the next frame may be X's
            if speaker and source_rule != RuleId.PRONOUN_UNRESOLVED:  # "he" is no source to refer back to
                # with the words before it: "according to the statement by X" is a text's
                said = self.text[us + min(f.cue[0], f.source[0]) : us + f.source[1]]
                self.book.said(speaker, actor, kind, gender, para, said)
            content = [(us + a, us + b) for a, b in f.content]
            out = [((speaker, actor), (f.rule, source_rule), f.colon, content)]
            taken = [*f.content, f.source, f.cue]
            for g in frames[i + 1 :]:
                # a second frame beside the first: "A, said X, who added that B"
                spans = [*g.content, g.cue] + ([g.source] if g.source != f.source else [])  # "X, who added"
                if not g.content or any(a < d and c < b for a, b in taken for c, d in spans):
                    continue
                p2 = self.text[us + g.source[0] : us + g.source[1]]
                placed2 = self._place(p2, para, us + g.source[0])
                if placed2 is None or self._is_outlet(p2):
                    continue
                if placed2.speaker:
                    self.book.said(*placed2[:4], para, p2)
                c2 = [(us + a, us + b) for a, b in g.content]
                out.append(((placed2.speaker, placed2.actor), (g.rule, placed2.rule), g.colon, c2))
                taken += spans
            return out
        return None

    def _this_said(self, at: int, phrase: str, para: int) -> bool:
        """Give X the outlet's sentences of the paragraph before ``at`` ("This was announced by X").

        False where nothing places X.
        """
        placed = self._place(phrase, para, at)
        if placed is None or placed.actor == "Unknown" or self._is_outlet(phrase):
            return False
        self.book.said(*placed[:4], para, phrase)
        self.resolved.append((para, at, (placed.speaker, placed.actor)))
        for k in range(len(self.labels) - 1, -1, -1):  # back to the paragraph's start only: linear
            lab = self.labels[k]
            if lab.start < self.start:
                break
            own = lab.rule == RuleId.NARRATION and lab.actor == "Media" and lab.start < at
            if own and len(_WORD.findall(self.text, lab.start, lab.end)) >= _MIN_QUOTE_WORDS:
                self.labels[k] = Label(
                    lab.start,
                    lab.end,
                    placed.actor,
                    placed.speaker,
                    "paraphrase",
                    RuleId.THIS_SAID,
                    placed.rule,
                )
        return True

    def _announce(self, phrase: str, para: int, pos: int) -> None:
        """Record the source of a lead without content: the quotes after it may inherit it."""
        placed = self._place(phrase, para, pos)
        if placed is None or placed.actor == "Unknown" or self._is_outlet(phrase):
            return
        self.book.said(*placed[:4], para, phrase)
        self.resolved.append((para, pos, (placed.speaker, placed.actor)))  # sorted by _resolve_quotes
        self.leads[pos] = (RuleId.STATEMENT_LEAD, placed.rule)

    def _place(self, phrase: str, para: int, pos: int) -> Placed | None:
        """The source placed (:meth:`.sources.SourceBook.resolve`); an empty phrase: no one named."""
        if not phrase:  # "X was accused of ...", "Asked whether ...": no source in the sentence
            return Placed("", "Unknown", "any", "", RuleId.NONE_NAMED)
        return self.book.resolve(phrase, para, pos)

    def _transcript(self, start: int, end: int) -> tuple[int, Who] | None:
        """A transcript line "MARTIROSYAN: Do you think ...": where its words begin, and who says them.

        Only in an exchange: lines of at least two names, three lines or more or names in
        capitals ("Peskov: Talks will resume." alone is a headline's or a caption's form, not
        a transcript). A label
        ("Editor's Note:", "Update:") or a tally ("Yes: 1,547.") is not a speaker.
        """
        m = _TRANSCRIPT.match(self.text, start, end)
        if m is None or len(_WORD.findall(self.text, m.end(), end)) < 4:
            return None
        name = m.group("name")
        if {w.casefold() for w in _WORD.findall(name)} & _LABELS:
            return None
        if self._transcript_names is None:
            found = [t.group("name") for t in _TRANSCRIPT.finditer(self.text)]
            lines = [n.casefold() for n in found if not set(_WORD.findall(n.casefold())) & _LABELS]
            # an exchange: two speakers, and three lines or names in capitals ("SEC. POWELL:")
            capitals = bool(found) and all(n.isupper() for n in found)
            turns = len(set(lines)) >= 2 and (len(lines) >= 3 or capitals)
            self._transcript_names = set(lines) if turns else set()
        if name.casefold() not in self._transcript_names:
            return None
        placed = self.book.resolve(name.title() if name.isupper() else name, 0, m.start("name"))
        if placed is None or placed.type != "person":
            return None  # "BAKU: ...": a dateline
        return m.end(), (placed.speaker, placed.actor)

    def _is_outlet(self, phrase: str) -> bool:
        """The source is the outlet itself: a name of the outlet, or "our correspondent"."""
        if re.search(
            r"\b(?:[Oo]ur|[Tt]his) (?:(?:news )?(?:correspondent|reporter|newspaper|agency|website|site|"
            r"channel|article|report|story|piece|publication|digest))\b",
            phrase,
        ):
            return True
        return any(w.casefold() in self.outlet_words for w in _CAPITALISED.findall(phrase))

    def _subject(self, us: int, ue: int, para: int) -> tuple[Who, str] | None:
        """The placed subject of a sentence ("Following the incident, Azerbaijan suspended ..."), or None."""
        m = _SUBJECT.match(self.text, us, ue)
        if m is None:
            return None
        placed = self.book.resolve(m.group("subj"), para, m.start("subj"))
        if placed is None or placed.actor == "Unknown" or self._is_outlet(m.group("subj")):
            return None
        return (placed.speaker, placed.actor), placed.rule

    def _content(
        self,
        content: list[tuple[int, int]],
        uq: list[tuple[int, int, bool]],
        who: Who,
        why: Why,
        para: int,
    ) -> list[tuple[int, int]]:
        """Label the reported content (outside its quotes) as paraphrase; short quotes in it as quotes."""
        covered = []
        for cs, ce in content:
            holes = sorted([(q[0], q[1]) for q in uq if cs <= q[0] < ce])
            pos = cs
            for hs, he in [*holes, (ce, ce)]:
                if hs > pos and _WORD.search(self.text[pos:hs]):
                    shorts = self.short_quotes
                    lo = bisect.bisect_left(shorts, (pos, pos))
                    inner = [(a, b) for a, b in shorts[lo : bisect.bisect_left(shorts, (hs, hs))] if b <= hs]
                    cur = pos
                    for a, b in inner:  # quoted words in reported speech
                        self._attribute(cur, a, who, "paraphrase", why, para)
                        self._attribute(a, b, who, "quote", (RuleId.QUOTED_WORDS, why[1]), para)
                        cur = b
                    self._attribute(cur, hs, who, "paraphrase", why, para)
                    covered.append((pos, hs))
                pos = max(pos, he)
        return covered

    def _continues(
        self, start: int, end: int, pq: list[tuple[int, int, bool]], para: int
    ) -> tuple[Who, str] | None:
        """A paragraph of a statement printed after its lead, or None where the statement ends.

        It goes on while its paragraphs hold no quote of their own and no report of someone's
        speech or claim: an intention, a belief or a state it ascribes to another ("Azerbaijan
        seeks to tighten the blockade") stays the statement's words, the frame a relation.
        Labels the paragraph and returns the statement; None (the paragraph unlabelled) where
        a quote or a report of speech ("The ministry also said that ...") ends it, or a
        transcript line. Plain narration with no frame after a statement is not told from
        the statement's own words: it stays the statement's until one of those ends it.
        """
        assert self.statement is not None
        who, source_rule = self.statement
        if pq:
            return None
        inner: list[tuple[int, int, str, str]] = []  # the relations inside it: span, relation, source
        for us, ue in self._units(start, end, pq):
            for f in find_frames(self.text[us:ue])[:_MAX_FRAMES]:
                relation = relation_of(f, self.text[us:ue])
                phrase = self.text[us + f.source[0] : us + f.source[1]].strip()
                if phrase.lower() in _FIRST_PERSON:
                    continue  # "we call on ...": the statement's own words
                if relation in ("speech", "claim"):
                    return None  # a report of someone's words: the outlet narrates again
                placed = self._place(phrase, para, us + f.source[0])
                if placed is not None and f.content:
                    inner += [(us + a, us + b, relation, placed.speaker) for a, b in f.content]
        pos = start
        why = (RuleId.STATEMENT_CONTINUES, source_rule)
        for a, b, relation, source in sorted(inner):
            if a < pos:
                continue
            self._attribute(pos, a, who, "statement", why, para)
            if self.text[a:b].strip():
                self.labels.append(Label(a, b, who[1], who[0], "statement", *why, relation, source))
            pos = b
        self._attribute(pos, end, who, "statement", why, para)
        return self.statement

    def _topic_source(self, content: list[tuple[int, int]], at: int, para: int) -> tuple[Who, Why] | None:
        """Who a topic names before a quote in it, placed by name or description, else None.

        "commented on the statement of Maria Zakharova, in which she said that “...”": hers.
        """
        start = next((a for a, b in content if a <= at < b), None)
        if start is None or at <= start:
            return None
        placed = self.book.resolve(self.text[start:at], para, start)
        if placed is None or placed.actor == "Unknown" or placed.rule not in BY_NAME:
            return None
        return (placed.speaker, placed.actor), (RuleId.CUE_TOPIC, placed.rule)

    def _relation(
        self,
        content: list[tuple[int, int]],
        source: str,
        relation: str,
        rule_id: RuleId,
        source_rule: str = "",
    ) -> list[tuple[int, int]]:
        """The outlet's narration holding a relation.

        Someone's words reported by their topic ("X commented on Y"), or the narrator's own
        ("I think that ...").
        """
        for cs, ce in content:
            if self.text[cs:ce].strip():
                lab = Label(cs, ce, "Media", self.media, "narration", rule_id, source_rule, relation, source)
                self.labels.append(lab)
        return content

    def _fill(self, s: int, e: int, taken: list[tuple[int, int]]) -> None:
        pos = s
        for a, b in sorted(taken):
            if a > pos:
                self._narration(pos, a, RuleId.FRAME_WORDS)
            pos = max(pos, b)
        if pos < e:
            self._narration(pos, e, RuleId.FRAME_WORDS)

    def _interviewee(self, before: int) -> Who:
        """Who answers a printed interview.

        The name before a colon in the title ("Hikmat Hajiyev: ..."), the person after
        "interview of/with", the source of the lead's first attribution ("The Armenian Foreign
        Ministry states that ..."), else the first placed person named before the first
        question (at ``before``).
        """
        named = _TITLE_NAME.match(self.title)
        placed = self.book.resolve(named.group(1), 0) if named is not None else None
        if placed is not None and placed.type == "person" and placed.actor != "Unknown":
            return placed.speaker, placed.actor
        answerer = self._answerer(0)
        if answerer[1] != "Unknown":
            return answerer
        said = [who for _, pos, who in sorted(self.resolved, key=lambda r: r[1]) if pos < before]
        if said and said[0][1] != "Unknown":
            return said[0]
        lead = [(name, actor) for pos, name, actor in self.book.mentions if pos < before]
        return lead[0] if lead else answerer

    def _answerer(self, para: int) -> Who:
        title = self.title or ""
        m = re.search(r"\b(?:by|with|of|from)\s+(.+?)(?:\s+(?:to|for|on|about|regarding)\b|[:,]|$)", title)
        placed = self.book.resolve(m.group(1) if m else title, para) if title else None
        return (placed.speaker, placed.actor) if placed else ("", "Unknown")

    def _resolve_quotes(self) -> None:
        """A quote without a frame: the attribution just before it, else just after, in its run."""
        self.resolved.sort(key=lambda r: r[1])
        at = [r[1] for r in self.resolved]
        for lab, para in self.unresolved:
            k = bisect.bisect_left(at, lab.start)
            before = self.resolved[k - 1] if k > 0 and para - self.resolved[k - 1][0] <= 1 else None
            after = self.resolved[k] if k < len(at) and self.resolved[k][0] - para <= 1 else None
            inner = _INNER_SPEAKER.match(self.text, lab.start, lab.end)
            why: Why
            if inner is not None and (placed := self.book.resolve(inner.group(1), para, inner.start(1))):
                who, why = (placed.speaker, placed.actor), (RuleId.QUOTE_INNER_NAME, placed.rule)
            elif before:  # a statement's quote after its lead: the lead's rule says so
                who, why = before[2], self.leads.get(before[1], (RuleId.INHERIT_BEFORE, ""))
            elif after:
                who, why = after[2], (RuleId.INHERIT_AFTER, "")
            else:
                who, why = ("", "Unknown"), (RuleId.INHERIT_NONE, "")
            lab.speaker, lab.actor, (lab.rule, lab.source_rule) = who[0], who[1], why
            if who[1] != "Unknown":  # the next quote of a statement printed as quoted paragraphs chains on
                k = bisect.bisect_left(at, lab.start)
                at.insert(k, lab.start)
                self.resolved.insert(k, (para, lab.start, who))
                if why[0] == RuleId.STATEMENT_LEAD:
                    self.leads[lab.start] = why
        # "“...,” she said.\n\nZakharova said that ...": a pronoun before any name is the next named source
        paras_of = {s: p for p, s, _ in self.resolved}
        for lab in self.labels:
            if lab.source_rule != RuleId.PRONOUN_UNRESOLVED:
                continue
            para = paras_of.get(lab.start, 0)
            k = bisect.bisect_right(at, lab.end)
            nxt = next((r for r in self.resolved[k : k + 20] if r[2][1] != "Unknown"), None)
            if nxt is not None and nxt[0] - para <= 1:
                lab.speaker, lab.actor = nxt[2]
                lab.source_rule = RuleId.PRONOUN_NEXT


def _voice(lab: Label) -> tuple[str, str, str, str, str, str, str]:
    """What neighbours must share to merge: the voice, its kind, its rules and its relation."""
    return (lab.actor, lab.speaker, lab.kind, lab.rule, lab.source_rule, lab.relation, lab.relation_source)


def tidy(text: str, labels: list[Label]) -> list[Label]:
    """Trim white space, drop empty labels, merge neighbours with the same voice and rule."""
    out: list[Label] = []
    for lab in sorted(labels, key=lambda x: x.start):
        piece = text[lab.start : lab.end]
        if not piece.strip():
            continue
        start = lab.start + len(piece) - len(piece.lstrip())
        end = lab.start + len(piece.rstrip())
        if out and start < out[-1].end:  # overlaps the label before: keep the earlier one's claim
            start = out[-1].end
            if start >= end:
                continue
        last = out[-1] if out else None
        key = _voice(lab)
        if last and key == _voice(last):
            last.end = end
        else:
            out.append(Label(start, end, *key))
    return out
