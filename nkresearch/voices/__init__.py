"""Voices: who speaks in each passage of a document.

The second stage: :func:`segment_voices` (:mod:`.segment`) cuts each document of the
documents table into segments (headline, narration, quote, paraphrase, statement,
comment, ...) with the actor and speaker of each, from the hand annotation
(:mod:`.gold`, ``method="gold"``) or the automatic rules (:mod:`.auto`,
``method="auto"``: :mod:`.layout`, :mod:`.quotes`, :mod:`.cues`, :mod:`.frames`, :mod:`.phrases` and
:mod:`.content` find who is quoted or reported where; :mod:`.sources` and
:mod:`.gazetteer` place each source on a side; :mod:`.pool` spreads long or many
documents over pieces and processes), each segment with the ``rule`` that made it and
the ``source_rule`` that placed its source (ids of :mod:`.rules`, listed by :func:`voice_rules`);
:mod:`.actors` lists who can speak, :mod:`.agreement` compares two attributions token
by token, :mod:`.evaluate` scores one against gold snippets or attribution spans.
"""

from .actors import known_actors, read_speakers
from .agreement import voice_agreement
from .evaluate import evaluate_attributions, evaluate_voices, read_brat
from .gazetteer import read_places
from .gold import GOLD_FILE
from .labels import KINDS, SEGMENT_COLUMNS
from .rules import voice_rules
from .segment import segment_voices

__all__ = [
    "GOLD_FILE",
    "KINDS",
    "SEGMENT_COLUMNS",
    "evaluate_attributions",
    "evaluate_voices",
    "known_actors",
    "read_brat",
    "read_places",
    "read_speakers",
    "segment_voices",
    "voice_agreement",
    "voice_rules",
]
