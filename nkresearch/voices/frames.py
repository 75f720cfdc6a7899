"""Attribution frames in one sentence: a source, a reporting cue and the content they frame.

The sentence arrives with its direct quotes masked (:data:`QUOTE`), so the rules see a
quote as one opaque phrase. The frames found, in this order:

``according to X, <content>`` / ``<content>, according to X``
    also "in the words of X", "as stated by X", "citing X";
``X <cue> [object] [that] <content>``
    pre-posed: "Peskov told reporters that ...", "The Defense Army accused ...",
    "Çavuşoğlu on Oct. 6 urged the world to ...";
``X <cue> <object>`` / ``X issued a statement <cue-ing> <content>``
    "The party endorsed the candidate" (not an adverbial or the audience), "... urging ...";
``X <cue>:``
    a colon frame: the content follows (the rest of the sentence or the next paragraph);
``<content>, X <cue> [adverbials]`` / ``<content>, <cue> X [adverbials]``
    post-posed and inverted: "..., Russia's defence ministry said in a statement",
    "..., said Hajiyev, noting that <more content>", "..., RIA Novosti quotes Peskov";
    a quote before the frame is its content;
``as X <cue>, <content>`` / ``<content>, as X <cue>``
    the aside "as the ministry recalled" and the sentence it comments on;
``X ..., <cue-ing> <content>`` / ``with X <cue-ing> <content>``
    a participle of the lexicon after the clause of its subject ("Aliyev visited the
    region, hoping to reopen the road") or in an absolute phrase ("with Moscow calling
    the result a success");
weak frames, weighed after every other frame of the sentence (priority 1 in :mod:`.rules`)
    a cue in the passive and the adverbs of hearsay (:mod:`.passive`: "X was accused of
    ...", no source named; "were echoed by X"), a state of mind (:mod:`.states`: "X is
    concerned about ..."), the question put ("Asked whether A, X said": A, no one named).

The source is the noun phrase next to the cue (:mod:`.phrases` finds where it begins
and ends; an aside in brackets or between dashes is passed over); a cue word used as a
noun ("the first report", "made plans", "grim views of") frames nothing, and only verbs
of saying invert ("..., said X"; "finds X" has an object). The cue lexicon is
``resources/voices/en/cues.csv`` (:mod:`.lexicon`). :mod:`.sources` decides whether the
phrase names a source; a frame with an empty source (``source[0] == source[1]``) reports no one named.
"""

from __future__ import annotations

import re

from .according import according_frames, as_aside
from .content import (
    GERUND,
    GOES_ON,
    THAT,
    content_after,
    gerund_content,
    object_content,
    takes_object,
)
from .cues import (
    INVERTING,
    POST_ONLY,
    QUOTE,
    QUOTING,
    TELL_LIKE,
    Cue,
    find_cues,
    may_frame,
    participle_adjunct,
    with_participles,
)
from .labels import Frame
from .lexicon import alternation, cue_entry, cues_with, words
from .nominal import nominal_frames, participle_after_noun, statement_lead
from .passive import hearsay_frames, passive_frame, this_said
from .phrases import (
    PREPOSITIONS,
    TIME_PHRASE,
    WORD,
    chunk_after,
    chunk_before,
    ends_phrase,
    opens_phrase,
    skippable,
    trim,
    with_apposition,
)
from .rules import RuleId
from .states import state_frames
from .verbs import (
    CONTRACTED,
    CONTRACTED_PRONOUN,
    FINITE,
    NOUN_BEFORE,
    OF_AFTER,
    PASSIVE,
    PAST,
    PROGRESSIVE,
    TOPIC_ING,
    is_noun,
    is_opening,
    is_verb_form,
)

_SAY = cue_entry("say")
#: "... by saying <content>", "... and saying <content>": a participle that reports what the subject said
_ADJUNCTS = "|".join(sorted(map(re.escape, cues_with("adjunct")), key=len, reverse=True))
_BY_GERUND = re.compile(rf"\s(?:by|and|while)\s+(?:{_ADJUNCTS})\b(?:\s+that\b)?\s+(?=[a-z\"“A-Z])")
#: "issued a statement saying ...": a verb and the text that carries what a participle cue reports
_CARRIER = re.compile(
    r"\b(?:[a-z]+ed|sent|wrote|put out|gave|made|held|took)\s+"
    r"(?:(?:a|an|the|its|his|her|their|two|several)\s+)?"
    rf"(?:[a-z-]+\s+)?(?:{alternation('carrier_nouns')})\b[^,;:.!?]{{0,60}}?\s*$"
)
#: the subject that opens a sentence: a capitalised phrase or a pronoun, after an optional opening phrase
_OPENING_SUBJECT = re.compile(
    r"(?:[^,]{0,60},\s*){0,2}"
    r"(?:(?:Then|Now|Later|Still|Also|Meanwhile|Instead|However|But|And|So|Yet)\s+)?"
    r"(?!(?:At|In|On|For|With|After|Before|During|From|By|As|If|When|While|Since|Because|Although|Though|"
    r"Despite|Following|Under|Over|Among|Amid|Without|Within|Through|Until|Upon|Of|To)\b)"
    r"(?P<src>(?:Both|Many|Some|Several|Most|All|Few|Two|Three|Four|Five)\s+[a-z]+"
    r"|(?:The|A|An)\s+[a-z]+(?:\s+[a-z]+)?(?=\s*,)"  # "The deputies, who ..."
    r"|(?:[Tt]he |[Aa]n? )?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4}|[Hh]e|[Ss]he|[Tt]hey)"
    r"(?:\s+(?:[a-z]+ly\s+)?[a-z]|\s*,\s*(?:who|which|an?|the)\b[^,]{0,150},\s*[a-z])"  # "X, who ..., have"
)
#: a question put to the speaker of the sentence: "Asked whether ..., X said", "When asked about ..."
_ASKED = re.compile(
    r"(?:(?:When|After being|Once|If)\s+)?[Aa]sked\s+(?:(?:later|again|on \w+|by \w+|repeatedly)\s+)?"
    r"(?P<q>(?:if|whether|about|what|how|why|when|who|whom|where|which|to)\b[^,;:]*),"
)
#: an aside between two dashes ("Jason Sims — a teacher from Mount Pleasant — says"), blanked like brackets
_DASH_ASIDE = re.compile(rf"\s(?:—|–|―|--)\s[^—–―\n{QUOTE}]{{1,120}}?\s(?:—|–|―|--)(?=\s)")
_BRACKETS = re.compile(r"\([^()]*\)")
_WHOLE_BRACKETS = re.compile(r"\s*\(([^()]*)\)[.!?]?\s*")


_BE = r"(?:is|are|was|were|been|be|(?:is|are|was|were)(?: not|n[’']t))"
_GERUND_OK = re.compile(rf"(?:^|\s){_BE}\s+(?:\S+\s+){{0,2}}$")


def _quoted_source(m: str, pos: int) -> tuple[int, int, int] | None:
    """The person a "quotes"/"cited" cue names: "RIA Novosti quotes Peskov", "quoted X as saying that"."""
    s, e = chunk_after(m, pos)
    if e <= s or not m[s].isupper() or re.search(r"['’]s\b", m[s:e]):
        return None  # "cited the minister's past remarks": a possessive names what is cited, not who
    rest = re.compile(r"\s+as\s+(?:saying|stating|telling \S+)(?:\s+that)?\s*").match(m, e)
    return s, e, rest.end() if rest else 0


def _blank_brackets(m: str) -> str:
    """Brackets blanked, offsets kept; a sentence wholly in brackets ("(She says ...)") is read as one."""
    if (whole := _WHOLE_BRACKETS.fullmatch(m)) is not None:
        m = f"{m[: whole.start(1) - 1]} {whole.group(1)} {m[whole.end(1) + 1 :]}"
    return _BRACKETS.sub(lambda x: " " * len(x.group()), m)


_WHO = re.compile(r"\s+(?:who|which)\s+(?P<mid>(?:[\w.-]+\s+){0,3})$")
#: words between a relative pronoun and its cue that leave the pronoun the subject ("who has also said")
_AUX_ADVERB = re.compile(
    r"(?:(?:has|have|had|is|are|was|were|would|will|could|can|may|might|also|later|earlier|then|never|not|"
    r"once|long|first|often|still|just|[a-z]+ly|in \d{4}|on [A-Z]\w+|(?:last|this) (?:week|month|year))\s+)*"
)
#: a run of capitalised words that ends a phrase after a lower-case word ("He met Sergei Lavrov")
_LAST_NAME = re.compile(r"(?<=[a-z] )[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*\s*$")
#: "“...” ― Oscar P. Quintero": a quote signed with a dash
_DASHED = re.compile(rf"(?<={QUOTE})\s*[―—–-]\s*(?P<src>[A-Z][^,;:!?\n{QUOTE}]{{1,60}}?)\s*$")
#: "Peskov: “...”": a name, a colon, a quote
_NAME_COLON = re.compile(rf"\s*(?P<src>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}})\s*:\s*(?={QUOTE})")

_OPENS_TAIL = (",", QUOTE, "—", "–", "-")


#: cues whose object is what the words were about, not the words ("commented on the blockade")
TOPIC = cues_with("topic")
#: a cue whose speech did not happen: "did not respond to", "declined to comment on"
_NEGATED = re.compile(r"(?:\bnot|n[’']t|\bnever|\bdeclined to|\brefused to)\s+(?:[a-z]+ly\s+)?$")
#: the word that opens reported words after a cue: "answered that", "commented that"
_OPENS_WORDS = re.compile(r"\bthat\s*$")
#: a source after an inverted cue that opens with a lower-case role before a name:
#: "..., said former Pennsylvania governor Ed Rendell", "..., says longtime adviser Roger Stone"
_ROLE_BEFORE_NAME = re.compile(r"[a-z][\w'’-]*\s+(?:[\w'’.-]+\s+){0,5}[A-Z][\w'’.-]*")


#: what follows the object of "urged the sides to ...", "called on Baku to ...": not an inverted source
_TO_INFINITIVE = re.compile(r"\s+to\s+[a-z]")


def _inverted(m: str, cue: Cue, left: str, end: int) -> Frame | None:
    """The frame "<content>, said X [adverbials]": the source after the cue (never "told X": the audience)."""
    s2, e2 = chunk_after(m, cue.end())
    if not (
        e2 > s2
        and (
            m[s2].isupper()
            or m[s2:].startswith(("the ", "a ", "an ", "spokes", "official"))
            or _ROLE_BEFORE_NAME.fullmatch(m, s2, e2) is not None
        )
    ):
        return None
    if TIME_PHRASE.fullmatch(m, s2, e2):
        return None  # "..., Hajiyev said Thursday morning": a time, not the source
    if _TO_INFINITIVE.match(m, e2):
        return None  # "The OSCE, a watchdog that ..., urged the two countries to speak": an object
    if cue.group().split()[0].lower() not in INVERTING:
        # "The survey, conducted in May, finds Clinton ahead": an object, not an inverted source;
        # "..., told Fox News": the audience
        return None
    if QUOTE not in left and not any(is_verb_form(w) for w in WORD.findall(left)):
        return (
            None  # "Brian Murphy, the chairman, said Trump ...": no clause before the cue to be its content
        )
    content = [c] if (c := trim(m, 0, len(left.rstrip()))) is not None else []
    if (c2 := gerund_content(m, e2, end)) is not None:
        content.append(c2)
    return Frame((s2, e2), (cue.start(), cue.end()), content, RuleId.CONTENT_CUE_X)


def _clause_subject(m: str, s: int, e: int) -> tuple[int, int] | None:
    """The subject that opens ``m[s:e]``, or None.

    The words before its first verb: "The ministry" of "The ministry released a statement and".
    """
    words = list(WORD.finditer(m, s, e))
    for i, w in enumerate(words[1:12], start=1):
        low = w.group()
        if low.islower() and (low.endswith("ed") or low in PAST or low in FINITE):
            return words[0].start(), words[i - 1].end()
    return None


#: a quote right after the cue and its adverbials: "said on Monday, “...”"
_QUOTE_AFTER = re.compile(rf"[^{QUOTE}.;!?]{{0,50}}?[,:]?\s*{QUOTE}")
#: after a quote, a name and its roles between commas, with no verb: all of it is the source
_ROLES_AFTER_QUOTE = re.compile(rf"{QUOTE},?\s*(?P<src>[A-Z][^{QUOTE},;:]*(?:,\s*[^{QUOTE},;:]+){{1,3}}),$")


#: words after "be" that make its subject the subject of the infinitive after them ("is expected to argue")
_RAISING = words("raising")
_INNER_RELATIVE = re.compile(r"\s(?:whose|who|whom)\s+$")  # a relative clause inside a subject
_CLAUSE_OPENER = re.compile(
    r"\b(?:that|because|since|when|while|although|though|if|after|before|until|unless|whereas|once)\s*$"
)
_COORDINATED = re.compile(r",?\s*\b(?:and|but)\s*$")


def _first_clause_subject(m: str, s: int, e: int, subject: list[str]) -> tuple[int, int] | None:
    """The subject of a coordinated clause: "Aliyev visited Shusha and said that ...": Aliyev."""
    verb_first = subject[0].islower() and (subject[0].endswith("ed") or subject[0] in PAST)
    verb_first = verb_first or len(subject) == 1
    first = _clause_subject(m, 0, s) if verb_first else _clause_subject(m, s, e)  # "He paused, smiled and"
    lead = _OPENING_SUBJECT.match(m) if first is None and subject[0].islower() else None
    if lead is not None and lead.end("src") < s:
        first = lead.span("src")  # "Gary Emineth, a former chairman, became a delegate and said"
    return first


def _subject_span(m: str, word: str, s: int, e: int) -> tuple[int, int, list[str]] | None:
    """The subject of a cue in the words before it, ``(start, end, words)``, or None.

    Past an opening phrase ("In July, the NAACP"), an auxiliary ("X is calling for"), a
    coordination ("She paid some of it, but said"), a raising verb ("She's expected to
    argue") and a contraction ("He's said").
    """
    comma = m.rfind(",", s, e)
    if comma > s and is_opening(m[s:comma].strip()):
        s = comma + 1 + len(m[comma + 1 : e]) - len(m[comma + 1 : e].lstrip())  # "In July, the NAACP"
    subject = WORD.findall(m[s:e])
    head = word.split()[0]  # "calling on": a progressive of "call on"
    if head.endswith("ing") and head not in TOPIC_ING and (aux := PROGRESSIVE.search(m, s, e)) is not None:
        e, subject = aux.start(), WORD.findall(m[s : aux.start()])  # "X is calling for": X is the source
    if not subject and (conj := _COORDINATED.search(m, max(0, s - 12), s)) is not None:
        subject = ["and"]  # "She paid some of it, but said ...": the subject of the first clause
        s = e = conj.start()
    if subject and subject[-1] in ("and", "but"):  # "Aliyev visited Shusha and said that ...": one subject
        if (first := _first_clause_subject(m, s, e, subject)) is None:
            return None
        s, e = first
        subject = WORD.findall(m[s:e])
    if subject and subject[-1] == "to" and (first := _clause_subject(m, s, e)) is not None:
        # "She's expected to argue", "He set out in May to reassure": the subject before its verb
        # (not "The statement was issued to express": a purpose)
        verbs = {w.lower() for w in WORD.findall(m[first[1] : e])}
        if not verbs & FINITE or verbs & _RAISING:
            s, e = first
            subject = WORD.findall(m[s:e])
    if subject and CONTRACTED_PRONOUN.fullmatch(subject[-1]):  # "He's said": the pronoun, not "He's"
        last = m.rfind(subject[-1], s, e)
        e = last + min(subject[-1].find(q) for q in "'’" if q in subject[-1])
        subject = [*subject[:-1], m[last:e]]
    return s, e, subject


def _subject_frame(m: str, cue: Cue, word: str, s: int, e: int, end: int) -> Frame | None:
    """The frame of a cue with the source phrase before it, or None."""
    if (span := _subject_span(m, word, s, e)) is None:
        return None
    s, e, subject = span
    named = with_apposition(m, s)  # a long role after a name is still its apposition
    if named < s and is_opening(m[named:s].strip().rstrip(",").strip()):
        named = s  # "In July, the NAACP": an opening phrase, not a name with its role
    if (
        not subject
        or subject[-1].lower() in PASSIVE | (PREPOSITIONS - {"to"})
        or len(subject) > (24 if named < s else 14)
    ):
        return None
    if {w.lower() for w in subject} & (FINITE | CONTRACTED) or opens_phrase(subject):
        return None  # a clause, or a prepositional phrase ("Following a swiftly called meeting")
    s = named
    if word in QUOTING and (obj := _quoted_source(m, cue.end())) is not None:
        return _quotes_frame(m, cue, s, obj, end)
    after = content_after(m, cue.end(), word) if word not in POST_ONLY else None
    if after is not None and word in _SAY and OF_AFTER.match(m, cue.end()):
        after = None  # "“...,” the minister said of the attack": the topic, not the content
    quote_before = m[:s].rstrip().rstrip(",").endswith(QUOTE)
    audience = after is not None and word in TELL_LIKE and quote_before and not after[1]
    if audience and after is not None and not m[: after[0]].rstrip().endswith("that"):
        after = None  # "“...,” Pashinyan told a crowd in Gyumri": the quote is the content, not the audience
    if after is not None:
        start, colon = after
        content = [c] if (c := trim(m, start, end)) is not None else []
        rule = RuleId.CUE_COLON if colon else RuleId.CUE_THAT
        if word in TOPIC and _NEGATED.search(m, 0, cue.start()) and not colon:
            return Frame((s, e), (cue.start(), cue.end()), [], RuleId.CUE_NOTHING)  # "did not respond to"
        if (
            word in TOPIC
            and not colon
            and not _OPENS_WORDS.search(m, 0, start)
            and not m[start:].startswith(QUOTE)
        ):
            rule = RuleId.CUE_TOPIC  # "responded to the accusation": what the words were about
        return Frame((s, e), (cue.start(), cue.end()), content, rule, colon)
    return _frame_before_cue(m, cue, word, (s, e), end)


def _quotes_frame(m: str, cue: Cue, s: int, obj: tuple[int, int, int], end: int) -> Frame:
    """The frame of a quoting cue: "RIA Novosti quotes Peskov (as saying that) ...": Peskov's."""
    qs, qe, content_start = obj
    head = m[:s].rstrip()
    content = [c] if content_start and (c := trim(m, content_start, end)) else []
    opening = head.endswith(",") and is_opening(head[:-1].strip())
    if not content and not opening and (c := trim(m, 0, len(head))) is not None:
        content = [c]
    return Frame((qs, qe), (cue.start(), cue.end()), content, RuleId.QUOTES_X)


def _frame_before_cue(m: str, cue: Cue, word: str, source: tuple[int, int], end: int) -> Frame | None:
    """A cue with no content after it: the content before it ("A, X said"), or an opening frame."""
    s, e = source
    head = m[:s].rstrip()
    if head.endswith(",") and is_opening(head[:-1].strip()):
        head = ""  # "During his visit to Shusha, he said": the opening phrase is no content
    roles = _ROLES_AFTER_QUOTE.search(head) if head.endswith(",") else None
    if roles is not None and not {w for w in WORD.findall(roles.group("src"))} & (FINITE | PAST):
        # "“...,” Anna Petrosyan, the ombudsman, one of the officials who went there, said"
        s, head = roles.start("src"), head[: roles.start("src")].rstrip()
    if head.endswith(_OPENS_TAIL) and not takes_object(m, cue.end(), word):
        # "In February, as the convoy left, Mr. Aliyev said, “...”": the quote after the cue is
        # the content, the phrase before it sets the scene
        # (but "Noting that A, Lavrov said, “...”": a participle of speech opens with content)
        scene = (
            _QUOTE_AFTER.match(m, cue.end()) is not None
            and not head.rstrip(" ,").endswith(QUOTE)
            and not any(c.start() == 0 and c.group().endswith("ing") for c in find_cues(head.lower()))
        )
        content = [c] if not scene and (c := trim(m, 0, len(head))) is not None else []
        if (c2 := gerund_content(m, cue.end(), end)) is not None:
            content.append(c2)
        elif (mid := GOES_ON.match(m, cue.end())) is not None and (c2 := trim(m, mid.end(), end)):
            content.append(c2)  # "The talks, Mr. Lavrov said, are the only way forward"
        return Frame((s, e), (cue.start(), cue.end()), content, RuleId.CONTENT_X_CUE)
    # at the start of the sentence, or of a clause ("now that Cruz has endorsed Trump")
    if head.strip() and not _CLAUSE_OPENER.search(head):
        return None
    if (c := gerund_content(m, cue.end(), end)) is not None:
        # "Peskov said as much in an interview, arguing that ...": the participle's content
        return Frame((s, e), (cue.start(), cue.end()), [c], RuleId.CUE_GERUND)
    opened = m[:s].rstrip().endswith(",")  # "Despite the expansion, he noted, spending is ..."
    if opened and (mid := GOES_ON.match(m, cue.end())) is not None and (c := trim(m, mid.end(), end)):
        return Frame((s, e), (cue.start(), cue.end()), [c], RuleId.OPENING_CUE)
    if (c := object_content(m, cue.end(), end, word)) is not None:
        if word in TOPIC and _NEGATED.search(m, 0, cue.start()):
            return Frame((s, e), (cue.start(), cue.end()), [], RuleId.CUE_NOTHING)  # "did not comment on"
        rule = RuleId.CUE_TOPIC if word in TOPIC else RuleId.CUE_OBJECT  # "commented on the blockade"
        return Frame((s, e), (cue.start(), cue.end()), [c], rule)
    return Frame((s, e), (cue.start(), cue.end()), [], RuleId.CUE_NOTHING)


_BELIEF, _INTENTION, _CLAIM = cues_with("belief"), cues_with("intention"), cues_with("claim")
_INTENT_WORDS = words("intentions")


def relation_of(frame: Frame, m: str) -> str:
    """What a frame reports: ``speech``, ``claim``, ``belief``, ``intention`` or ``state``.

    From its rule (a state of mind; an adjective of intention) or its cue's flags in the
    cue lexicon ("believes": a belief, "seeks": an intention, "alleges": a claim).
    """
    cue = " ".join(m[frame.cue[0] : frame.cue[1]].lower().split())
    if frame.rule == RuleId.STATE:
        return "intention" if set(cue.split()) & _INTENT_WORDS else "state"
    for name, forms in (("belief", _BELIEF), ("intention", _INTENTION), ("claim", _CLAIM)):
        if cue in forms:
            return name
    return "speech"


def find_frames(masked: str) -> list[Frame]:
    """The candidate frames of a sentence (quotes masked), in the order they were found.

    Each finder looks for its rules' frames; the weak frames of the cues (a passive, a
    participle after its noun) join the other weak ones after every other frame.
    """
    cues = find_cues(masked)
    if not cues and not may_frame(masked):
        return []  # most sentences of narration: nothing can frame them
    m = _blank_brackets(masked) if "(" in masked else masked
    if sum(m.count(d) for d in ("—", "–", "―", "--")) >= 2:  # "Jason Sims — a teacher — says": an aside
        m = _DASH_ASIDE.sub(lambda x: " " * len(x.group()), m)
    end = len(m.rstrip(" .!?\n"))
    quoted = QUOTE in m
    frames = [*according_frames(m, end), *_signed_quotes(m, quoted), *nominal_frames(m, end, quoted=quoted)]
    if " as " in m or " As " in m or m.startswith("As "):
        frames += [aside for cue in cues if (aside := as_aside(m, cue, end)) is not None]
    weak: list[Frame] = []
    for cue in cues:
        strong, weaker = _cue_frames(m, cue, end)
        frames += strong
        weak += weaker
    frames += _asked(m) + _with_participle_frames(m, end) + statement_lead(m) + this_said(m)
    frames += weak + hearsay_frames(m, end) + state_frames(m, end)
    return _subject_participle(m, end, frames)


def _signed_quotes(m: str, quoted: bool) -> list[Frame]:
    """A quote signed with a dash ("“...” ― X") and a name before a colon and a quote ("X: “...”")."""
    if not quoted:
        return []
    frames = [
        Frame((d.start("src"), d.end("src")), (d.start(), d.start("src")), [], RuleId.DASH_SIGNED)
        for d in _DASHED.finditer(m)
    ]
    if (named := _NAME_COLON.match(m)) is not None:
        src = (named.start("src"), named.end("src"))
        frames.append(Frame(src, (named.end("src"), named.end()), [], RuleId.NAME_COLON))
    return frames


def _cue_frames(m: str, cue: Cue, end: int) -> tuple[list[Frame], list[Frame]]:
    """The frames of one cue: the strong ones, and the weak ones (a passive, a participle after its noun)."""
    word = cue.group().lower()
    if (passive := passive_frame(m, cue, end)) is not None:
        # a passive is weak, weighed after every other frame ("X was quoted as saying" is not: its rule's
        # priority decides, in nesting.outermost_first)
        return [], [passive]
    if is_noun(m, cue.start(), cue.end()):
        return [], []
    participle = word.split()[0].endswith("ing")
    carrier = _CARRIER.search(m, max(0, cue.start() - 90), cue.start()) if participle else None
    if carrier is not None and (frame := _carrier_frame(m, cue, carrier.start(), end)) is not None:
        return frame, []
    if (
        word.endswith("ing")
        and not _GERUND_OK.search(m, max(0, cue.start() - 80), cue.start())
        and not THAT.match(m, cue.end())
    ):
        # "commenting on ...": a participle; "X saying that ..." is a frame; "a super PAC backing
        # Rubio": weighed last
        after_noun = participle_after_noun(m, cue, end)
        return [], [after_noun] if after_noun is not None else []
    return _posed_frames(m, cue, word, end), []


def _carrier_frame(m: str, cue: Cue, at: int, end: int) -> list[Frame] | None:
    """The frame of a participle after a carrier ("X issued a statement saying ..."); None: no subject."""
    subject = chunk_before(m, at)
    if subject[1] <= subject[0] or {w.lower() for w in WORD.findall(m[subject[0] : subject[1]])} & FINITE:
        return None
    # "The ministry issued a statement saying ...", "sent a letter to the board urging them to"
    after = trim(m, cue.end(), end)
    if after is None or len(WORD.findall(m[after[0] : after[1]])) < 2:
        return []
    if (that := THAT.match(m, after[0])) is not None:
        after = (that.end() + len(m[that.end() :]) - len(m[that.end() :].lstrip()), after[1])
    return [Frame(subject, (cue.start(), cue.end()), [after], RuleId.CARRIER)]


#: words before a name that leave the relative clause after it to the noun before them ("the head of X, who")
_NOT_BEFORE_RELATIVE_NAME = NOUN_BEFORE | (PREPOSITIONS - {"by"}) | {"and", "of"}


def _relative_source(m: str, cue: Cue, s: int, e: int) -> tuple[int, int] | None:
    """The source phrase before a cue, past a relative clause or "what"; None: a passive, no frame."""
    inner = _INNER_RELATIVE.search(m, max(0, s - 8), s)
    if inner is not None and {w.lower() for w in WORD.findall(m[s:e])} & (FINITE | PAST):
        s, e = chunk_before(m, inner.start())  # "The officials whose laws were struck down say"
    if (what := m.lower().rfind("what ", s, e)) >= s and (what == 0 or not m[what - 1].isalnum()):
        s = what + 5  # "displaying what many analysts said was a sign": the source follows "what"
    rel = _WHO.search(m, max(0, cue.start() - 120), cue.start())  # who + three words: just before
    if rel is not None and rel.group("mid").split()[-1:] in (["is"], ["are"], ["was"], ["were"], ["been"]):
        return None  # "which was supposed to": a passive, no frame
    if rel is not None and _AUX_ADVERB.fullmatch(rel.group("mid")):  # "an architect who said he ..."
        s, e = chunk_before(m, rel.start())
        if not WORD.findall(m[s:e]) and m[: rel.start()].rstrip().endswith(","):  # "Mr. Kamin, who ..."
            s, e = chunk_before(m, len(m[: rel.start()].rstrip()) - 1)
        last = _LAST_NAME.search(m, s, e)
        prior = WORD.findall(m[s : last.start()]) if last is not None else []
        # "He met Lavrov, who said", "stated by Harutyunyan, who claims": the name the clause follows
        if last is not None and prior and prior[-1].lower() not in _NOT_BEFORE_RELATIVE_NAME:
            s = last.start()
    return s, e


def _apposed(m: str, left: str, s: int, empty: bool) -> tuple[int, int]:
    """The subject before an aside between commas: "X, the ministry's spokeswoman, said"."""
    comma = len(left.rstrip()) - 1 if empty and left.rstrip().endswith(",") else len(m[:s].rstrip()) - 1
    apposed = chunk_before(m, comma)
    for _ in range(3):  # back over asides: "Some Democrats, however, question ..."
        skip = apposed[1] <= apposed[0] or skippable(m, *apposed)
        if not skip or (prev := m.rfind(",", 0, apposed[0])) < 0:
            break
        apposed = chunk_before(m, prev)
    return apposed


def _posed_frames(m: str, cue: Cue, word: str, end: int) -> list[Frame]:
    """The frames of a cue with its source before it ("X said that"), or after it ("..., said X")."""
    left = m[: cue.start()]
    found = _relative_source(m, cue, *chunk_before(m, cue.start()))
    if found is None:
        return []
    s, e = found
    # "Moscow, in particular, has sharply criticized": no subject before the cue, only auxiliaries
    empty = not {w.lower() for w in WORD.findall(m[s:e])} - FINITE - {"not", "never"}
    after_comma = (left.rstrip().endswith(",") and (empty or skippable(m, s, e))) or (
        empty and m[:s].rstrip().endswith(",")
    )
    subjects = [] if after_comma else [(s, e)]
    inverted = _inverted(m, cue, left, end) if left.strip() and left.rstrip().endswith(_OPENS_TAIL) else None
    frames: list[Frame] = []
    if after_comma:  # "X, the ministry's spokeswoman, said" / "Forbes, however, says"
        apposed = _apposed(m, left, s, empty)
        # "“...”, said Hajiyev, noting": the name after the cue, unless a name and its role precede it
        # ("Anna Petrosyan, a senior adviser, called Mr. Aliyev's remarks ...")
        if (
            inverted is not None
            and m[inverted.source[0]].isupper()
            and ends_phrase(m, inverted.source[1])
            and with_apposition(m, apposed[0]) == apposed[0]
        ):
            frames.append(inverted)
            inverted = None
        subjects.append(apposed)
    frames += [f for s, e in subjects if (f := _subject_frame(m, cue, word, s, e, end)) is not None]
    return frames + ([inverted] if inverted is not None else [])


def _asked(m: str) -> list[Frame]:
    """The question put ("Asked whether the road would reopen, Hajiyev said ..."), by no one named."""
    if (asked := _ASKED.match(m)) is None or (q := trim(m, asked.start("q"), asked.end("q"))) is None:
        return []
    return [Frame((asked.start(), asked.start()), (asked.start(), asked.start("q")), [q], RuleId.ASKED)]


def _with_participle_frames(m: str, end: int) -> list[Frame]:
    """Absolute phrases of a reporting participle ("..., with Fox News calling the race": its call)."""
    frames = []
    for w in with_participles(m):
        stop = m.find(",", w.end(), end)
        if (c := trim(m, w.end(), stop if stop > 0 else end)) is not None and WORD.search(m, c[0], c[1]):
            frames.append(Frame(w.span("src"), w.span("cue"), [c], RuleId.WITH_PARTICIPLE))
    return frames


def _subject_participle(m: str, end: int, frames: list[Frame]) -> list[Frame]:
    """A participle of the subject where no frame has a content: "X responded by saying ...".

    "Lavrov praised the deal as a fair one, comparing it favorably to the last one": the
    subject speaks.
    """
    if any(f.content for f in frames):
        return frames
    gerund = GERUND.search(m) or _BY_GERUND.search(m) or participle_adjunct(m)
    subj = _OPENING_SUBJECT.match(m) if gerund is not None else None
    if gerund and subj and subj.end("src") < gerund.start() and (c := trim(m, gerund.end(), end)):
        frames = [f for f in frames if f.source != subj.span("src")]  # the frame without content
        frames.append(Frame(subj.span("src"), gerund.span(), [c], RuleId.SUBJECT_PARTICIPLE))
    return frames
