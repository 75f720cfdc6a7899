"""One call draws any result: the figure registered for the analysis that made the table.

:func:`plot` reads what the table is (``attrs["analysis"]``) and draws it with the
figure registered for it in :data:`PLOTS`.

The specific ``plot_*`` functions stay the implementations (and take the options of
their figure); this is the grammar between them: an analysis, its figure, its
sentences (:func:`nkresearch.describe`), listed in the manual's table (``docs/analyses/index.md``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from ..errors import NKResearchError
from .charts import (
    plot_collocates,
    plot_dispersion,
    plot_frequencies,
    plot_keyness,
    plot_lexicon,
    plot_voices,
)
from .compare import plot_log_odds, plot_positions, plot_similarity, plot_words
from .terms import (
    plot_collocations,
    plot_diversity,
    plot_keyness_summary,
    plot_kwic,
    plot_lexicon_matches,
    plot_ngrams,
)
from .trends import plot_term_trends

#: what each analysis's table is drawn with (``attrs["analysis"]`` -> its plot)
PLOTS: dict[str, Callable[..., Figure]] = {
    "term_frequencies": plot_frequencies,
    "ngrams": plot_ngrams,
    "keyness": plot_keyness,
    "keyness_english": plot_keyness,
    "keyness_summary": plot_keyness_summary,
    "collocates": plot_collocates,
    "collocations": plot_collocations,
    "kwic": plot_kwic,
    "dispersion": plot_dispersion,
    "lexical_diversity": plot_diversity,
    "lexicon_counts": plot_lexicon,
    "lexicon_matches": plot_lexicon_matches,
    "voice_summary": plot_voices,
    "log_odds": plot_log_odds,
    "similarity": plot_similarity,
    "trends": plot_term_trends,
    "wordfish": plot_positions,
    "wordscores": plot_positions,
    "wordfish_words": plot_words,
    "wordscores_words": plot_words,
}


def analysis_of(table: object, func: str, known: dict[str, Any]) -> str:
    """The analysis a result table says it is, checked against those ``func`` knows."""
    if not isinstance(table, pd.DataFrame):
        raise NKResearchError(
            f"{func}: pass a result table of an nkresearch analysis, not {type(table).__name__}."
        )
    name = table.attrs.get("analysis")
    if name is None:
        raise NKResearchError(
            f"{func}: the table does not say which analysis made it (no attrs['analysis']); pass the "
            "table an nkresearch analysis returned (a table read back from a file has lost its attrs)."
        )
    if name not in known:
        raise NKResearchError(f"{func}: no figure or sentences for {name!r}; known: {sorted(known)}.")
    return str(name)


def plot(table: pd.DataFrame, **options: Any) -> Figure:
    """Draw any result table with the figure of the analysis that made it.

    Parameters
    ----------
    table
        A table returned by an nkresearch analysis (its ``attrs`` say which).
    **options
        The options of that figure (``top=``, ``title=``, ...): see its ``plot_*`` function.

    Returns
    -------
    matplotlib.figure.Figure
        The figure of :data:`PLOTS` for ``table.attrs["analysis"]``.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> fig = nk.plot(nk.keyness(tok, target="Baku"))
    >>> fig.axes[0].get_xlabel()[:9]
    'log ratio'
    """
    return PLOTS[analysis_of(table, "plot", PLOTS)](table, **options)
