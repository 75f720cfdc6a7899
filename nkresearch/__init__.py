"""nkresearch: how Baku, Stepanakert, Moscow and the media speak about Nagorno-Karabakh.

documents (:func:`load_corpus`) -> voices (:func:`segment_voices`) -> tokens
(:func:`tokenize`) -> result tables.

The options the analyses share mean the same in every function
(:mod:`nkresearch.analysis.core.options`):

{glossary}
"""

from .analysis import (
    Concordance,
    collocates,
    collocations,
    dispersion,
    evaluate_names,
    keyness,
    keyness_summary,
    kwic,
    kwic_explorer,
    largest_groups,
    lexical_diversity,
    lexicon_counts,
    lexicon_matches,
    log_odds,
    name_scores,
    ngrams,
    read_lexicon,
    similarity,
    term_frequencies,
    trends,
    voice_summary,
    wordfish,
    wordscores,
)
from .analysis.core.options import glossary_text
from .config import VERSION
from .corpus import cleaning_log, load_corpus, periods
from .errors import NKResearchError
from .plots import (
    actor_colors,
    figure_name,
    plot_collocates,
    plot_dispersion,
    plot_frequencies,
    plot_keyness,
    plot_lexicon,
    plot_log_odds,
    plot_positions,
    plot_similarity,
    plot_term_trends,
    plot_trends,
    plot_voices,
    save_figure,
)
from .report import (
    Prose,
    build_report,
    describe_cleaning,
    describe_collocates,
    describe_frequencies,
    describe_keyness,
    describe_lexicon,
    describe_log_odds,
    describe_names_by_language,
    describe_positions,
    describe_similarity,
    describe_trends,
    describe_voices,
    explorer,
)
from .tokens import cache as cache  # nk.cache.wait_for_writes()
from .tokens import corpus_tokens, read_mwe, read_stopwords, tokenize
from .voices import (
    evaluate_attributions,
    evaluate_voices,
    known_actors,
    read_brat,
    read_places,
    read_speakers,
    segment_voices,
    voice_agreement,
    voice_rules,
)

__version__ = VERSION
__doc__ = (__doc__ or "").format(glossary=glossary_text())

__all__ = [
    "Concordance",
    "NKResearchError",
    "Prose",
    "actor_colors",
    "build_report",
    "cleaning_log",
    "collocates",
    "collocations",
    "corpus_tokens",
    "describe_cleaning",
    "describe_collocates",
    "describe_frequencies",
    "describe_keyness",
    "describe_lexicon",
    "describe_log_odds",
    "describe_names_by_language",
    "describe_positions",
    "describe_similarity",
    "describe_trends",
    "describe_voices",
    "dispersion",
    "evaluate_attributions",
    "evaluate_names",
    "evaluate_voices",
    "explorer",
    "figure_name",
    "keyness",
    "keyness_summary",
    "known_actors",
    "kwic",
    "kwic_explorer",
    "largest_groups",
    "lexical_diversity",
    "lexicon_counts",
    "lexicon_matches",
    "load_corpus",
    "log_odds",
    "name_scores",
    "ngrams",
    "periods",
    "plot_collocates",
    "plot_dispersion",
    "plot_frequencies",
    "plot_keyness",
    "plot_lexicon",
    "plot_log_odds",
    "plot_positions",
    "plot_similarity",
    "plot_term_trends",
    "plot_trends",
    "plot_voices",
    "read_brat",
    "read_lexicon",
    "read_mwe",
    "read_places",
    "read_speakers",
    "read_stopwords",
    "save_figure",
    "segment_voices",
    "similarity",
    "term_frequencies",
    "tokenize",
    "trends",
    "voice_agreement",
    "voice_rules",
    "voice_summary",
    "wordfish",
    "wordscores",
]
