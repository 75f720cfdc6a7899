"""Voices: who speaks in each passage of a document.

The second stage: :func:`segment_voices` cuts each document of the documents table
into segments (headline, narration, quote, paraphrase, statement, comment, ...) with
the actor and speaker of each, from the hand annotation (``method="gold"``) or the
automatic rules (``method="auto"``).
"""

from .segment import (
    KINDS,
    SEGMENT_COLUMNS,
    known_actors,
    read_speakers,
    segment_voices,
    voice_agreement,
)

__all__ = ["KINDS", "SEGMENT_COLUMNS", "known_actors", "read_speakers", "segment_voices", "voice_agreement"]
