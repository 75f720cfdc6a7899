"""One call writes the sentences of any result: those registered for the analysis that made it.

:func:`describe` reads what the table is (``attrs["analysis"]``) and writes its
sentences with the ``describe_*`` function registered in :data:`DESCRIBERS`, as
:func:`nkresearch.plot` draws its figure.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from ..plots.grammar import analysis_of
from .comparison import describe_log_odds, describe_positions, describe_similarity, describe_trends
from .prose import (
    Prose,
    describe_collocates,
    describe_frequencies,
    describe_keyness,
    describe_lexicon,
    describe_voices,
)
from .terms import (
    describe_collocations,
    describe_dispersion,
    describe_diversity,
    describe_keyness_summary,
    describe_kwic,
    describe_lexicon_matches,
    describe_ngrams,
    describe_words,
)

#: the sentences of each analysis's table (``attrs["analysis"]`` -> its describe function)
DESCRIBERS: dict[str, Callable[..., Prose]] = {
    "term_frequencies": describe_frequencies,
    "ngrams": describe_ngrams,
    "keyness": describe_keyness,
    "keyness_english": describe_keyness,
    "keyness_summary": describe_keyness_summary,
    "collocates": describe_collocates,
    "collocations": describe_collocations,
    "kwic": describe_kwic,
    "dispersion": describe_dispersion,
    "lexical_diversity": describe_diversity,
    "lexicon_counts": describe_lexicon,
    "lexicon_matches": describe_lexicon_matches,
    "voice_summary": describe_voices,
    "log_odds": describe_log_odds,
    "similarity": describe_similarity,
    "trends": describe_trends,
    "wordfish": describe_positions,
    "wordscores": describe_positions,
    "wordfish_words": describe_words,
    "wordscores_words": describe_words,
}


def describe(table: pd.DataFrame, **options: Any) -> Prose:
    """Write the sentences of any result table, those of the analysis that made it.

    Parameters
    ----------
    table
        A table returned by an nkresearch analysis (its ``attrs`` say which).
    **options
        The options of those sentences (``top=``, ...): see its ``describe_*`` function.

    Returns
    -------
    Prose
        The findings and caveats of :data:`DESCRIBERS` for ``table.attrs["analysis"]``.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> print(nk.describe(nk.kwic(tok, "karabakh")).findings[0][:26])
    'karabakh' has **5** lines
    """
    return DESCRIBERS[analysis_of(table, "describe", DESCRIBERS)](table, **options)
