"""Voices in Russian, Armenian and Azerbaijani: quotes, frames of saying and their sources.

The English rules (:mod:`.auto`, :mod:`.frames`) read English grammar. A document in
another language goes through this module instead, after the same layout (headline,
captions, datelines, comment blocks) and the same quote finder (``«…»``, ``„…“``,
``“…”``, ``"…"``, ``<…>``). Its rules are the registry's (:mod:`.rules`); every word they
look for lives in ``resources/voices/<language>/`` (compiled by :mod:`.grammars`):
``cues.csv`` (the verbs of saying with their forms and flags), ``words.csv`` (the lists
named in :class:`.grammars.Grammar`), ``places.csv`` (how a description names its side)
and ``speakers.csv`` (the gazetteer's people as the language writes them).

After a dateline and the outlet's opening ("Как сообщает X,", "X xəbər verir ki,"), the
first of these frames found in a sentence gives the voice:

1. ``frame.according_before`` / ``frame.x_according``: "По словам X, ...", "Ըստ X-ի՝ ...",
   "Onun sözlərinə görə, ...": the rest of the sentence is X's;
2. ``frame.this_said``: "Об этом заявил X.", "Այս մասին հայտարարել է X։", "Bunu X deyib.",
   "Такое заявление сделал X": the sentences before it (a lead printed before its tag)
   are X's; a weak frame there (8, 9) gives way;
3. ``frame.content_cue_x`` / ``frame.content_x_cue``: a quote, a dash, then the tag
   ("«...», — заявил X", "“...”, - X qeyd edib"); the source on either side of the cue;
4. ``frame.cue_that``: "X заявил, что ...", "X-ը նշել է, որ ...", "X bildirib ki, ...";
5. ``frame.cue_colon`` / ``frame.cue_colon_next``: "X заявил: «...»", the quote in the
   sentence or the next paragraph;
6. ``frame.content_cue_x`` (no quote): "..., заявила X": the clause before the comma;
7. ``frame.impersonal``: "..., говорится в заявлении X", the source in a phrase, else the
   last source;
8. ``frame.verb_last``: "X ... deyib.", "X-ը ... հայտարարել է։": a verb of saying ends
   the sentence and its subject opens it (the content between, as Azerbaijani and
   Armenian word order has it);
9. ``frame.cue_object``: a source opening the sentence, a verb of saying, what was said.

Around the frames: a statement lead ("X выступил с заявлением") gives X the quotes after
it; printed answers ("Ответ:", "Cavab:") are the person's named before them; a wire
lede takes the next sentence's source; a quote left open runs on through unmarked
paragraphs to its close, a «...» holding another «...» ends at its own »; a frame in the
first person stays in the voice around it. Inside the content of a frame, another
side's own speech ("X said that Azerbaijan stated that ...") is that side's, as in
English. The source phrase is placed by a person of the gazetteer, else a name the text
placed earlier, else the leftmost side-naming words of its description, else, for a
pronoun or a role named without its side ("дипломат", "nazir"), the nearest earlier
source (or the next one, where none came before); nothing else in the sentence places
it. A quote without a frame takes the source of the attribution just before it in its
paragraph or the paragraph before, else the one just after it.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field

from ..corpus.sentences import sentence_spans
from .gazetteer import Gazetteer
from .grammars import Grammar
from .inner import cut
from .labels import Label
from .mentions import NEWS_SITE, capitalised, cites_side, clause_end, mentioned_side, possessors, stem
from .quotes import quote_spans
from .rules import RuleId

_MIN_QUOTE_WORDS = 4
_WORD = re.compile(r"\w+")
_DASH = r"[-–—―]"
_SUBJECT_WORDS = 6  # the window at a sentence's opening where a verb-last frame's subject stands
#: how a source must be placed to take words from the speaker who reports them: by name or description
_BY_NAME = frozenset({RuleId.NAME_GAZETTEER, RuleId.NAME_BY_TEXT, RuleId.BODY_DESCRIBED})
_TRIM = ' .,:;!?…-–—։՝«»“”„"‹›'  # what a speaker phrase is trimmed of
Span = tuple[int, int]
Spanned = tuple[int, int, "_Who", str, RuleId]  # a span, its source, its kind, its rule
_SEPARATOR = re.compile(r"[,՝`:]")  # what ends the phrase of "according to X" (` typed for ՝)
_OPENS_QUOTE = re.compile(r"\s*[«“„\"‹<—–-]")  # what follows a colon that opens a quote below it
_MARKS = re.compile(r"[“”„«»‹›\"]")
_CLOSERS = frozenset('”»›"')
_CLOSER = re.compile(r'[”»›"](?=[\s,.;:!?…—–-]|$)')
#: a wire dateline: a place, a date, the agency ("МОСКВА, 19 сентября. /ТАСС/.", "Bakı. 25 dekabr. APA/")
_DATELINE = re.compile(
    r"[^\W\d_][\w-]*[.,]\s+\d{1,2}\s+[^\W\d_]+(?:\.\s*|,?\s+)(?:\d{4}\.?\s+)?/?[^\W\d_][\w.-]*\s*/?\s*[.—–-]?\s+"
)


def _covered(starts: list[int], reach: list[int], at: int) -> bool:
    """Whether ``at`` lies in one of the sorted spans whose starts and running furthest ends are given."""
    i = bisect.bisect_right(starts, at)
    return i > 0 and at < reach[i - 1]


@dataclass
class _Frame:
    rule: RuleId
    source: Span  # the phrase that names the source
    content: list[Span]
    relation_cue: str = ""  # the cue's flags decide whether nested speech is the inner side's
    other: Span | None = None  # the words on the cue's other side, where the source may stand instead
    clause: bool = False  # the source phrase opens a clause: its first person is the subject


@dataclass
class _Who:
    speaker: str
    actor: str
    rule: RuleId


@dataclass
class MultilingualDocument:
    """The voices of one document's body in ``language``."""

    grammar: Grammar
    gazetteer: Gazetteer
    text: str
    media: str
    year: int | None
    labels: list[Label] = field(default_factory=list)
    last: _Who | None = None
    known: dict[str, _Who] = field(default_factory=dict)  # the stems of names placed earlier in the text
    quotes: list[tuple[int, int, bool]] = field(default_factory=list)

    # -- sentences -----------------------------------------------------------------------
    def sentences(self, s: int, e: int) -> list[Span]:
        """The sentences of ``text[s:e]`` by the language's splitter, never ending inside a quote."""
        out: list[Span] = []
        for a, b in sentence_spans(self.text[s:e], self.grammar.language):
            if out and self._inside_quote(s + a - 1):
                out[-1] = (out[-1][0], s + b)
            else:
                out.append((s + a, s + b))
        return out

    def _inside_quote(self, at: int) -> bool:
        """Whether ``at`` lies inside a quote (between its marks)."""
        i = bisect.bisect_left(self._starts, at)  # the quotes that open before it; the furthest-reaching one
        return i > 0 and at < self._reach[i - 1] - 1

    def _set_quotes(self, quotes: list[tuple[int, int, bool]]) -> None:
        """Keep the quotes, their starts, how far the quotes up to each reach, the text with them blanked."""
        self.quotes = quotes
        self._starts = [a for a, _, _ in quotes]
        self._reach = list(itertools.accumulate((b for _, b, _ in quotes), max))
        chars = list(self.text)
        for a, b, _ in quotes:
            chars[a + 1 : b - 1] = " " * max(0, b - a - 2)
        self._blanked = "".join(chars)

    def quotes_in(self, s: int, e: int) -> list[tuple[int, int, bool]]:
        """The quotes that open in ``text[s:e]``."""
        return self.quotes[bisect.bisect_left(self._starts, s) : bisect.bisect_left(self._starts, e)]

    # -- frames --------------------------------------------------------------------------
    def masked(self, s: int, e: int) -> str:
        """``text[s:e]`` with the words inside quote marks blanked (cues there are not frames)."""
        return self._blanked[s:e]

    def frame(self, s: int, e: int, quotes: list[Span]) -> _Frame | None:
        """The frame of the sentence ``text[s:e]``, the first rule that finds one (after a dateline)."""
        date = _DATELINE.match(self.text, s, e)
        s = date.end() if date is not None and date.end() < e else s
        opener = self.grammar.news_opener.match(self.masked(s, e))  # "KONKRET.az xəbər verir ki, ..."
        if opener is not None and s + opener.end() < e:
            if cites_side(
                self.text, s, s + opener.end(), self.grammar, self.gazetteer
            ):  # "Ինչպես հաղորդում է ԱՀ ՊՆ մամուլի ծառայությունը, ..."
                a, b = opener.span("opener")  # the source: the words after the opener's, or before them
                source = (s + b, s + opener.end()) if opener.group()[b:].strip(" ,") else (s, s + a)
                return _Frame(RuleId.ACCORDING_BEFORE, source, [(s + opener.end(), e)])
            s += opener.end()
        m = self.masked(s, e)
        for finder in (
            self._according,
            self._this_said,
            self._quote_tag,
            self._that,
            self._colon,
            self._tail,
            self._impersonal,
            self._verb_last,
            self._subject_first,
        ):
            found = finder(s, e, m, quotes)
            if found is not None:
                return found
        return None

    def _cues(self, m: str) -> list[re.Match[str]]:
        return list(self.grammar.cue.finditer(m))

    def _according(self, s: int, e: int, m: str, quotes: list[Span]) -> _Frame | None:
        g = self.grammar
        if g.according_x and (a := g.according_x.search(m)) and len(_WORD.findall(m[: a.start()])) <= 3:
            stop = _SEPARATOR.search(m, a.end())
            if stop is not None:
                return _Frame(RuleId.ACCORDING_BEFORE, (s + a.end(), s + stop.start()), [(s + stop.end(), e)])
        if g.x_according and (a := g.x_according.search(m)):
            opened = max(m.rfind(c, 0, a.start()) for c in ",՝`")
            if len(_WORD.findall(m[opened + 1 : a.start()])) > 8:
                return None
            stop = _SEPARATOR.search(m, a.end())
            if stop is not None and m[stop.end() :].strip():
                return _Frame(RuleId.X_ACCORDING, (s + opened + 1, s + a.start()), [(s + stop.end(), e)])
            if opened > 0:  # "..., X-ի տվյալներով։": the clause before
                return _Frame(RuleId.X_ACCORDING, (s + opened + 1, s + a.start()), [(s, s + opened)])
        return None

    def _this_said(self, s: int, e: int, m: str, quotes: list[Span]) -> _Frame | None:
        made = self.grammar.statement_anaphor.match(m)
        if made is not None:  # "Այս հայտարարությունն արել է X", "Такое заявление сделал X"
            return _Frame(RuleId.THIS_SAID, (s + made.end(), e), [], "", clause=True)
        cues = self._cues(m)
        a = self.grammar.anaphor.search(m, 0, cues[0].start()) if cues else None
        if a is None:
            return None
        opens = not m[: a.start()].strip() or m[: a.start()].rstrip().endswith((",", "՝", "`"))
        if not opens and len(_WORD.findall(m[a.end() : cues[0].start()])) > 3:
            return None  # the tag opens its clause ("Об этом заявил X") or stands by its cue
        c = cues[0]
        if self.grammar.that.match(m, c.end()):
            return None  # "Yalnız bunu deyib ki, ...": what was said follows, a that-clause
        after = self._after_phrase(s + c.end(), e)  # "Об этом заявил X"
        between = (s + a.end(), s + c.start())  # "Об этом он сказал", "Bunu X deyib"
        named = self.gazetteer.person(self.text[between[0] : between[1]], self.year) is not None
        if named or self.grammar.back.search(self.text, *between) or self._names(*after) is None:
            return _Frame(RuleId.THIS_SAID, between, [], c.group(), after, clause=True)
        return _Frame(RuleId.THIS_SAID, after, [], c.group())

    def _quote_tag(self, s: int, e: int, m: str, quotes: list[Span]) -> _Frame | None:
        for qs, qe in quotes:
            tag = re.match(rf"\s*[,.!?…]?\s*{_DASH}+\s*", m[qe - s :])
            if tag is None:
                said = self.grammar.cue.match(m, qe - s + len(m[qe - s :]) - len(m[qe - s :].lstrip(" ,")))
                if said is not None and m[: qs - s].strip():  # 'X “...” deyərək', 'X-ը «...» ասելով'
                    return _Frame(RuleId.QUOTE_SUBJECT, (s, qs), [(qs, qe)], said.group())
                continue
            rest = m[qe - s + tag.end() :]
            cue = self.grammar.cue.search(rest)
            if cue is None:
                continue
            content = [(a, b) for a, b in quotes if b <= qe]
            at = qe - s + tag.end()
            if cue.start() == 0:  # "«...», — заявил X"
                source = self._after_phrase(s + at + cue.end(), e)
                return _Frame(RuleId.CONTENT_CUE_X, source, content, cue.group())
            after = self._after_phrase(s + at + cue.end(), e)
            return _Frame(RuleId.CONTENT_X_CUE, (s + at, s + at + cue.start()), content, cue.group(), after)
        return None

    def _colon(self, s: int, e: int, m: str, quotes: list[Span]) -> _Frame | None:
        for c in self._cues(m):
            colon = self.grammar.colon.match(m[c.end() :])
            if colon is None:
                continue
            after = c.end() + colon.end()
            content = [(a, b) for a, b in quotes if a >= s + after]
            if content:
                return _Frame(RuleId.CUE_COLON, (s, s + c.start()), content, c.group())
            if after >= len(m.rstrip()):  # "X заявил:" and the quote below; without one, a full stop (hy ":")
                if not _OPENS_QUOTE.match(self.text, s + len(m.rstrip())):
                    return None
                return _Frame(RuleId.CUE_COLON_NEXT, (s, s + c.start()), [], c.group())
            return _Frame(RuleId.CUE_COLON, (s, s + c.start()), [(s + after, e)], c.group())
        return None

    def _that(self, s: int, e: int, m: str, quotes: list[Span]) -> _Frame | None:
        for c in self._cues(m):
            t = self.grammar.that.match(m, c.end())
            if t is None:
                continue
            opened = max(m.rfind(x, 0, c.start()) for x in ",՝`")
            source = (
                (s + opened + 1, s + c.start())
                if self._names(s + opened + 1, s + c.start())
                else (s, s + c.start())
            )
            return _Frame(RuleId.CUE_THAT, source, [(s + t.end(), e)], c.group())
        return None

    def _tail(self, s: int, e: int, m: str, quotes: list[Span]) -> _Frame | None:
        for c in self._cues(m):
            if "inverts" not in self.grammar.cue_flags(c.group()):
                continue
            before = re.search(rf"[,]\s*(?:{_DASH}+\s*)?$|\s{_DASH}+\s*$", m[: c.start()])
            if before is None or not m[: before.start()].strip():
                continue
            source = self._after_phrase(s + c.end(), e)
            return _Frame(RuleId.CONTENT_CUE_X, source, [(s, s + before.start())], c.group())
        return None

    def _impersonal(self, s: int, e: int, m: str, quotes: list[Span]) -> _Frame | None:
        for c in self._cues(m):
            if "impersonal" not in self.grammar.cue_flags(c.group()):
                continue
            if self._place(s + c.end(), e) is None:
                return None
            before = m[: c.start()].rstrip(" ,-–—")
            return _Frame(
                RuleId.IMPERSONAL, (s + c.end(), e), [(s, s + len(before))] if before.strip() else []
            )
        return None

    def _subject_first(self, s: int, e: int, m: str, quotes: list[Span]) -> _Frame | None:
        """A source opening the sentence, then a verb of saying and what was said ("X призвал ООН ...")."""
        cues = [c for c in self._cues(m) if "inverts" in self.grammar.cue_flags(c.group())]
        if not cues or len(_WORD.findall(m[: cues[0].start()])) > _SUBJECT_WORDS:
            return None
        subject = (s, s + cues[0].start())
        if not m[: cues[0].start()].strip() or self._names(*subject) is None:
            return None
        return _Frame(RuleId.CUE_OBJECT, subject, [(s + cues[0].start(), e)], cues[0].group())

    def _verb_last(self, s: int, e: int, m: str, quotes: list[Span]) -> _Frame | None:
        cues = self._cues(m)
        if not cues:
            return None
        last = cues[-1]
        rest = m[last.end() :]
        if re.fullmatch(r"\s*(?:\w{1,3}\s*)?[.!?…։:]?\s*", rest) is None:
            return None
        opening = [w.end() for w in _WORD.finditer(m)][:_SUBJECT_WORDS]
        window = (s, s + (opening[-1] if opening else 0))
        if self._names(*window, clause=True) is None:
            return None
        return _Frame(RuleId.VERB_LAST, window, [(s, e)], last.group(), clause=True)

    def _after_phrase(self, at: int, e: int) -> Span:
        """The phrase after a cue, to its clause's end.

        It begins past an auxiliary ("ասել է X-ը") or a comma ("”-deyə, X bildirib").
        """
        m = self.grammar.auxiliary.match(self.text, at, e)
        start = m.end() if m else at
        comma = re.match(r"\s*,\s*", self.text[start:e])
        start += comma.end() if comma else 0
        return start, self._clause_end(start, e)

    def _clause_end(self, at: int, e: int) -> int:
        """Where the phrase after a cue ends: the next comma, colon or bracket.

        "..., - ասել է X-ը՝ պարզաբանելով": the source is "X-ը".
        """
        stop = self.grammar.clause_stop.search(self.text, at, e)
        return stop.start() if stop else e

    # -- sources -------------------------------------------------------------------------
    def _place(self, a: int, b: int) -> str | None:
        placed = self.gazetteer.place(self.text[a:b])
        return placed[0] if placed else None

    def _names(self, a: int, b: int, *, clause: bool = False) -> _Who | None:
        """The source a phrase names: a known person, a described side, or a pronoun or role pointing back.

        ``clause``: the phrase is the opening of a clause, not a noun phrase: its first person
        is the subject ("Mirzoyan ... Lavrovu ... deyib"), not its last.
        """
        phrase = self.text[a:b]
        person = self.gazetteer.person(phrase, self.year, first=clause)
        if person is not None:
            who = _Who(person["speaker"], person["actor"], RuleId.NAME_GAZETTEER)
            self._remember(phrase, who)
            return who
        for word in (m.group() for m in capitalised(phrase)):
            if (known := self.known.get(stem(word))) is not None:
                return _Who(known.speaker, known.actor, RuleId.NAME_BY_TEXT)
        placed = self.gazetteer.place(phrase)
        if placed is not None:
            who = _Who(" ".join(phrase.split()).strip(_TRIM), placed[0], RuleId.BODY_DESCRIBED)
            self._remember(phrase, who)
            return who
        if (mentioned := self._mentioned(a, phrase)) is not None:
            return mentioned
        if self.grammar.back.search(phrase) and self.last is not None:
            return _Who(self.last.speaker, self.last.actor, RuleId.PRONOUN_NEAREST)
        return None

    def _mentioned(self, a: int, phrase: str) -> _Who | None:
        """A role or body named without its side ("Səfirlik qeyd edir ki"), placed by its mention.

        The side its latest earlier mention names ("Azərbaycanın Rusiyadakı Səfirliyindən",
        "посольство Азербайджана в Москве"), in the text just before, where the nearest
        source is of another side.
        """
        side = mentioned_side(self.text, a, phrase, self.grammar, self.gazetteer)
        if side is None or (self.last is not None and self.last.actor == side):
            return None  # the nearest source, of the same side, is named more fully
        return _Who(" ".join(phrase.split()).strip(_TRIM), side, RuleId.ROLE_MENTIONED)

    def _remember(self, phrase: str, who: _Who) -> None:
        """Keep the names of a phrase placed by its description: a later bare mention is the same side."""
        masked = self.gazetteer.any_place.sub(lambda m: " " * len(m.group()), phrase)
        for m in capitalised(masked):
            if m.start() > 0 and not masked[: m.start()].rstrip().endswith((".", "!", "?")):
                self.known.setdefault(stem(m.group()), who)

    def _names_either(self, first: Span, other: Span | None, *, clause: bool = False) -> _Who | None:
        """The source of a phrase, or of the words on the cue's other side where they name a person."""
        if other is not None:
            person = self.gazetteer.person(self.text[other[0] : other[1]], self.year)
            if (
                person is not None
                and self.gazetteer.person(self.text[first[0] : first[1]], self.year) is None
            ):
                return self._names(*other)
        return self._names(*first, clause=clause)

    def source(self, frame: _Frame) -> _Who:
        """Who a frame's source phrase names (``Unknown`` where nothing places it).

        A placed source is remembered: a later pronoun or role points back to it.
        """
        who = self._names_either(frame.source, frame.other, clause=frame.clause)
        if (
            who is None
            and "impersonal" in self.grammar.cue_flags(frame.relation_cue)
            and self.last is not None
        ):
            who = _Who(self.last.speaker, self.last.actor, RuleId.BODY_NEAREST)  # "говорится в сообщении"
        phrase = " ".join(self.text[frame.source[0] : frame.source[1]].split()).strip(_TRIM)
        opens = self.text[: frame.source[0]].rstrip()[-1:] in ("", "\n", ".", "!", "?", "։")
        names = [m for m in capitalised(phrase) if not (opens and m.start() == 0)]  # a sentence's first word
        if who is None and self.last is not None and not names and len(_WORD.findall(phrase)) <= 2:
            who = _Who(
                self.last.speaker, self.last.actor, RuleId.PRONOUN_NEAREST
            )  # no subject: "[он] заявил, что"
        if who is None:
            return _Who(phrase, "Unknown", RuleId.NOUN_PHRASE if phrase else RuleId.NONE_NAMED)
        self.last = who
        return who

    # -- the body ------------------------------------------------------------------------
    def body(self, paras: list[Span]) -> list[Label]:
        """The labels of the body's paragraphs: every character the outlet's or a source's."""
        self._set_quotes(self._quotes(paras))
        sentences = [(pi, s, e) for pi, (ps, pe) in enumerate(paras) for s, e in self.sentences(ps, pe)]
        self._first_of_paragraph: dict[int, int] = {}  # paragraph -> the index of its first sentence
        for k, (pi, _, _) in enumerate(sentences):
            self._first_of_paragraph.setdefault(pi, k)
        said: dict[int, _Who] = {}  # sentence index -> the source of its frame
        self.leads: set[int] = set()  # sentences naming the speaker of what follows, no content of their own
        self.weak: set[int] = set()  # sentences whose frame a later "Об этом заявил X" overrides
        answers = self._answers(paras)
        found: dict[int, list[Spanned]] = {}  # sentence index -> the spans its frame gives
        pending: list[tuple[int, _Who]] = []  # sources named by a role before any source is placed
        for k, (pi, _, _) in enumerate(sentences):
            if paras[pi][0] not in answers:
                self._sentence(k, sentences, said, found, pending)
        for k, who in pending:
            later = next((said[j] for j in sorted(said) if j > k and said[j].actor != "Unknown"), None)
            if later is not None:
                who.speaker, who.actor, who.rule = later.speaker, later.actor, RuleId.PRONOUN_NEXT
        spans = [span for k in sorted(found) for span in found[k]]
        spans += self._answered(paras, answers, sentences, said)
        spans += self._dateline_lede(sentences, said, spans)
        spans += self._unframed(sentences, said, spans)
        claims = [claim for _, s, e in sentences for claim in self._claims(s, e)]
        spans += [c for c in claims if not any(a <= c[0] < b for a, b, *_ in spans)]  # in narration
        return self._fill(paras, [piece for span in spans for piece in self._inner(span, claims)])

    def _claims(self, s: int, e: int) -> list[Spanned]:
        """The content of "X's statement that A, ...", "заявление X о том, что A, ...": A is X's.

        X is the possessor after the noun, else the nearest words before it that place a side
        by name or description. A runs to the last comma before the sentence's next verb of
        saying (or its quote's end), else to its last comma with words after it.
        """
        out: list[Spanned] = []
        for m in self.grammar.claim.finditer(self.text, s, e):
            windows = possessors(self.text, s, m)
            who = next((w for a, b in windows if (w := self._names(a, b)) and w.rule in _BY_NAME), None)
            if who is not None:
                stop = next((b for a, b, _ in self.quotes if a < m.end() < b), e)  # in a quote: ends in it
                cue = self.grammar.cue.search(self.masked(m.end(), stop))
                end = clause_end(self.text, m.end(), m.end() + cue.start() if cue else stop)
                out.append((m.end(), end, who, "paraphrase", RuleId.NOUN_BY))
        return out

    def _inner(self, span: Spanned, claims: list[Spanned]) -> list[Spanned]:
        """A quote, split where it reports another side's speech, which is that side's.

        A verb of saying with "that", its source placed by name or description, or a claim
        (:meth:`_claims`) in any span of another side (``docs/voices.md``).
        """
        a, b, who, kind, _ = span
        inner = [c for c in claims if a <= c[0] and c[1] <= b and c[2].actor != who.actor and c is not span]
        quoted = kind == "quote" and who.actor not in ("Media", "Readers", "Unknown")
        for x, y in sentence_spans(self.text[a:b], self.grammar.language) if quoted else ():
            f = self._that(a + x, a + y, self.text[a + x : a + y], [])
            reported = self._names(*f.source) if f is not None else None
            if f is not None and reported is not None and reported.rule in _BY_NAME:
                inner += [
                    (c, d, reported, "paraphrase", f.rule)
                    for c, d in f.content
                    if reported.actor != who.actor
                ]
        return cut(a, b, inner, lambda x: (x[0], x[1]), lambda s, e: (s, e, *span[2:]))

    def _sentence(
        self,
        k: int,
        sentences: list[tuple[int, int, int]],
        said: dict[int, _Who],
        found: dict[int, list[Spanned]],
        pending: list[tuple[int, _Who]],
    ) -> None:
        """The frame of sentence ``k``, its source and the spans it gives."""
        _, s, e = sentences[k]
        f = self.frame(s, e, [(a, b) for a, b, _ in self.quotes_in(s, e)])
        if f is None:
            self._lead(k, s, e, said)
            return
        if self.grammar.first_person.match(self.text[f.source[0] : f.source[1]].lstrip()):
            return  # "Мы неоднократно заявляли, что ...": the voice of the statement it stands in
        if NEWS_SITE.fullmatch(self.text[f.source[0] : f.source[1]].strip(_TRIM)):
            return  # "Metbuat.az bildirir ki, ...": a news site's report, the outlet's narration
        who = self.source(f)
        if who.actor == "Unknown" and f.rule in (RuleId.VERB_LAST, RuleId.IMPERSONAL):
            return
        if who.actor == "Unknown" and self.last is None and self.grammar.back.search(self.text, *f.source):
            pending.append((k, who))  # a role before any source: "По словам дипломата, ..." names one later
        said[k] = who
        if f.rule in (RuleId.VERB_LAST, RuleId.CUE_OBJECT):
            self.weak.add(k)
        content = f.content
        if f.rule == RuleId.THIS_SAID:
            back = self._back(sentences, k, said)
            for j in back:  # a weak frame there is the tag's source's words too
                found.pop(j, None)
                said.pop(j, None)
            content = [(sentences[j][1], sentences[j][2]) for j in back]
        content += self._goes_on(f, e)
        found[k] = [span for a, b in content for span in self._content(a, b, who, f)]

    def _goes_on(self, f: _Frame, e: int) -> list[Span]:
        """What a participle after the frame reports ("..., заявил X, подчеркнув, что B"): B, X's."""
        after = f.source[1]
        if any(a <= after < b for a, b in f.content):
            return []  # the content runs on past the source: the participle is in it
        more = self.grammar.goes_on.search(self.masked(after, e))
        return [(after + more.end(), e)] if more is not None and after + more.end() < e else []

    def _back(self, sentences: list[tuple[int, int, int]], k: int, said: dict[int, _Who]) -> list[int]:
        """The sentences a tag like "Об этом заявил X" points back to.

        Those of its paragraph before it, back to the last framed one (a weak frame, a verb
        of saying with its subject, does not stop it); for a tag that opens its paragraph,
        those of the paragraph before.
        """
        first = self._first_of_paragraph
        before = list(range(k - 1, first[sentences[k][0]] - 1, -1))
        if not before and k > 0:
            before = list(range(k - 1, first[sentences[k - 1][0]] - 1, -1))
        out = []
        for j in before:
            if j in said and j not in self.weak:
                break
            out.append(j)
        return out[::-1]

    def _quotes(self, paras: list[Span]) -> list[tuple[int, int, bool]]:
        """The quotes (scare quotes left out), a quote left open running on through unmarked paragraphs.

        A quote that opens and does not close in its paragraph goes on through the
        paragraphs after it that hold no quote mark, up to the one that closes it, or to the
        end of a text cut before its close; a paragraph with a mark of its own stops it.
        """
        found = quote_spans(self.text, paras)
        opens = {s for s, _ in paras}
        quotes = [
            q
            for q in found
            if len(_WORD.findall(self.text[q[0] : q[1]])) >= _MIN_QUOTE_WORDS or q[0] in opens or q[2]
        ]
        ends = {e: i for i, (_, e) in enumerate(paras)}
        para_starts = [ps for ps, _ in paras]
        out = []
        for a, b0, continued in quotes:
            k = bisect.bisect_right(para_starts, a) - 1
            b = self._nested_end(a, b0, paras[k][1] if k >= 0 and a < paras[k][1] else b0)
            i = ends.get(b)
            if i is None or self.text[b - 1] in _CLOSERS:
                out.append((a, b, continued))
                continue
            close = _CLOSER.search(self.text, a + 1, b) if b == b0 else None
            if close is not None:  # mixed marks: '"...”' closes where the other style's mark does
                out.append((a, close.end(), continued))
                continue
            out += [(a, b, continued), *self._run_on(paras, i)]
        return sorted(set(out))

    def _nested_end(self, a: int, b: int, pe: int) -> int:
        """The end of a «...» quote that holds another («A «B» C»): the » that closes the outer one.

        Russian typography nests „...“ inside «...», but web pages often nest «» in «»; a
        quote that closes where an inner one does ends at the » that brings the count back
        to zero, or runs to the end of its paragraph ``pe`` (a text cut before its close).
        """
        if self.text[a] != "«" or "«" not in self.text[a + 1 : b]:
            return b
        depth = 0
        for k in range(a, pe):
            depth += {"«": 1, "»": -1}.get(self.text[k], 0)
            if depth == 0:
                return k + 1
        return pe

    def _run_on(self, paras: list[Span], i: int) -> list[tuple[int, int, bool]]:
        """The parts of a quote left open at the end of paragraph ``i`` in the paragraphs after it."""
        parts: list[tuple[int, int, bool]] = []
        for s, e in paras[i + 1 :]:
            marks = _MARKS.findall(self.text, s, e)
            if not marks:
                parts.append((s, e, True))
                continue
            close = _MARKS.search(self.text, s, e)
            if close is not None and close.group() in _CLOSERS and len(marks) == 1:
                return [*parts, (s, close.end(), True)]
            return []
        return parts  # the text ends inside the quote

    def _lead(self, k: int, s: int, e: int, said: dict[int, _Who]) -> None:
        """A sentence naming a statement and its speaker ("X выступил с заявлением"): what follows is X's."""
        m = self.masked(s, e)
        if self.grammar.statement.search(m) is None:
            return
        noun = self.grammar.statement.search(m)
        opening = [w.end() for w in _WORD.finditer(m, 0, noun.start() if noun else len(m))][:_SUBJECT_WORDS]
        who = self._names(s, s + (opening[-1] if opening else 0))
        if who is not None:
            said[k], self.last = who, who
            self.leads.add(k)

    def _answers(self, paras: list[Span]) -> dict[int, int]:
        """The answers of a printed Q&A: paragraph start -> where its words begin, after the label."""
        asked = [ps for ps, pe in paras if self.grammar.question.match(self.text, ps, pe)]
        if not asked:
            return {}
        labels = ((ps, self.grammar.answer.match(self.text, ps, pe)) for ps, pe in paras if ps > asked[0])
        return {ps: label.end() for ps, label in labels if label is not None}

    def _answered(
        self,
        paras: list[Span],
        answers: dict[int, int],
        sentences: list[tuple[int, int, int]],
        said: dict[int, _Who],
    ) -> list[Spanned]:
        """Every answer the words of the person the text names before the first answer (else ``Unknown``)."""
        if not answers:
            return []
        first = min(answers)
        named = self.gazetteer.person(self.text[:first], self.year)
        before = [said[k] for k, (_, s, _) in enumerate(sentences) if s < first and k in said]
        who = (
            _Who(named["speaker"], named["actor"], RuleId.NAME_GAZETTEER)
            if named
            else next(
                (w for w in reversed(before) if w.actor != "Unknown"), _Who("", "Unknown", RuleId.NONE_NAMED)
            )
        )
        ends = dict(paras)
        return [(at, ends[ps], who, "quote", RuleId.QA_ANSWER) for ps, at in answers.items()]

    def _dateline_lede(
        self,
        sentences: list[tuple[int, int, int]],
        said: dict[int, _Who],
        spans: list[Spanned],
    ) -> list[Spanned]:
        """A wire lede after its dateline ("МОСКВА, 19 сентября. /ТАСС/. ..."): the next sentence's source.

        Agencies print the gist of a statement first and its tag in the sentence after it.
        """
        for k, (_, s, e) in enumerate(sentences[:-1]):
            date = _DATELINE.match(self.text, s, self.text.find("\n", s) % (len(self.text) + 1))
            if date is None:
                continue
            while k < len(sentences) - 1 and sentences[k][2] <= date.end() + 1:
                k += 1  # the dateline may be sentences of its own: the lede is the one it runs into
            start, e = max(date.end(), sentences[k][1]), sentences[k][2]
            tag = said.get(k + 1)
            if (
                k in said
                or tag is None
                or tag.actor == "Unknown"
                or any(a < e and start < b for a, b, *_ in spans)
            ):
                return []
            return [(start, e, tag, "paraphrase", RuleId.INHERIT_AFTER)]
        return []

    def _content(self, a: int, b: int, who: _Who, f: _Frame) -> list[Spanned]:
        """The spans of a frame's content: its quotes ``quote``, the rest ``paraphrase``.

        Another side's own speech inside the paraphrase is that side's (:meth:`_paraphrase`).
        """
        out: list[Spanned] = []
        at = a
        first = bisect.bisect_right(self._reach, a)  # the first quote that reaches past ``a``
        for qs, qe, _ in self.quotes[first : bisect.bisect_left(self._starts, b)]:
            if qe <= a or qs >= b:
                continue
            if self.text[at:qs].strip(" ,.-–—:;\n"):
                out += self._paraphrase(at, qs, who, f)
            out.append((max(qs, a), min(qe, b), who, "quote", f.rule))
            at = min(qe, b)
        if self.text[at:b].strip(" ,.-–—:;\n"):
            out += self._paraphrase(at, b, who, f)
        return out

    def _paraphrase(self, a: int, b: int, who: _Who, f: _Frame) -> list[Spanned]:
        inner = self._that(a, b, self.masked(a, b), [])
        if inner is not None and inner.rule == RuleId.CUE_THAT:
            source = self._names(*inner.source)
            if (
                source is not None
                and source.actor not in (who.actor, "Unknown")
                and not self._believes(inner)
            ):
                ((ca, cb),) = inner.content
                return [(a, ca, who, "paraphrase", f.rule), (ca, cb, source, "paraphrase", RuleId.CUE_THAT)]
        return [(a, b, who, "paraphrase", f.rule)]

    def _believes(self, f: _Frame) -> bool:
        return "belief" in self.grammar.cue_flags(f.relation_cue)

    def _unframed(
        self,
        sentences: list[tuple[int, int, int]],
        said: dict[int, _Who],
        spans: list[Spanned],
    ) -> list[Spanned]:
        """The quotes no frame took.

        A quote running over paragraphs keeps one source; others take the nearest attribution.
        """
        taken = sorted((a, b) for a, b, *_ in spans)
        taken_starts = [a for a, _ in taken]
        taken_reach = list(itertools.accumulate((b for _, b in taken), max))
        who_of: dict[int, _Who] = {}
        for a, _, who, kind, _ in spans:
            if kind == "quote":
                who_of[a] = who
        out: list[Spanned] = []
        chain: list[tuple[int, int]] = []
        for qs, qe, continued in [*self.quotes, (-1, -1, False)]:
            if chain and not continued:
                framed = next((who_of[a] for a, _ in reversed(chain) if a in who_of), None)
                rule = RuleId.QUOTE_CONTINUES
                if framed is None:
                    framed, rule = self._nearest(sentences, said, chain[0][0])
                out += [
                    (a, b, framed, "quote", RuleId.QUOTE_CONTINUES if k else rule)
                    for k, (a, b) in enumerate(chain)
                    if not _covered(taken_starts, taken_reach, a)
                ]
                chain = []
            if qs >= 0:
                chain.append((qs, qe))
        return out

    def _nearest(
        self, sentences: list[tuple[int, int, int]], said: dict[int, _Who], at: int
    ) -> tuple[_Who, RuleId]:
        k = next((j for j, (_, s, e) in enumerate(sentences) if s <= at < e), 0)
        pi = sentences[k][0] if sentences else 0
        for j in range(k - 1, -1, -1):
            if sentences[j][0] < pi - 1:
                break
            if j in said and said[j].actor != "Unknown":
                return said[j], RuleId.STATEMENT_LEAD if j in self.leads else RuleId.INHERIT_BEFORE
        for j in range(k + 1, len(sentences)):
            if sentences[j][0] > pi + 1:
                break
            if j in said and said[j].actor != "Unknown":
                return said[j], RuleId.INHERIT_AFTER
        return _Who("", "Unknown", RuleId.NONE_NAMED), RuleId.INHERIT_NONE

    def _fill(self, paras: list[Span], spans: list[Spanned]) -> list[Label]:
        """The labels: the spans found, the outlet's narration around them."""
        labels, at = [], 0
        cuts = sorted((span for span in spans if span[1] > span[0]), key=lambda span: (span[0], span[1]))
        reach = list(itertools.accumulate((b for _, b, *_ in cuts), max))
        for ps, pe in paras:
            at = max(at, ps)
            for a, b, who, kind, rule in cuts[bisect.bisect_right(reach, at) :]:
                if a >= pe:
                    break
                if b <= at:
                    continue
                a = max(a, at)
                if a > at:
                    labels.append(Label(at, a, "Media", self.media, "narration", RuleId.NARRATION))
                labels.append(Label(a, min(b, pe), who.actor, who.speaker, kind, rule, who.rule))
                at = min(b, pe)
            if at < pe:
                labels.append(Label(at, pe, "Media", self.media, "narration", RuleId.NARRATION))
                at = pe
        return labels
