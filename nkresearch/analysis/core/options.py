"""The options of the analyses: one word, one meaning, in every function.

``GLOSSARY`` is the one place the shared options are defined; the package docstring
shows it (``help(nkresearch)``) and ``tests/test_options.py`` checks every public
signature against it: a shared option has this name, this meaning and this default
wherever it appears. Names an earlier release used still work for one release, with a
``DeprecationWarning`` (:func:`renamed`).
"""

from __future__ import annotations

import functools
import textwrap
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

from .evidence import THIN_WORDS

F = TypeVar("F", bound=Callable[..., Any])

#: rates are per this many words unless ``per=`` says otherwise (the glossary's default)
PER = 10_000

#: option -> (meaning, default where it has one default everywhere, or None)
GLOSSARY: dict[str, tuple[str, object]] = {
    "by": (
        "the column (or list of columns) whose values are the groups: of the tokens table in the "
        "analyses, of the result table in the plots; a result has one row per group (and term). "
        "Grouping only.",
        None,
    ),
    "pattern": (
        "what to look for: a word ('artsakh'), a glob ('negotiat*'), a phrase ('occupied "
        "territories'), a compiled regular expression, or a list of these; matched on the `unit` "
        "column, case-insensitively, a phrase within one sentence (nkresearch.analysis.core.patterns).",
        None,
    ),
    "unit": ("the token column terms are read from: 'norm' (lower case), 'lemma' or 'token'.", "norm"),
    "window": (
        "words on each side of a match (a number, or a (left, right) pair); punctuation is not counted.",
        None,
    ),
    "min_freq": (
        "rows whose count (of the term, pair or n-gram the row is about) is lower are left out.",
        1,
    ),
    "drop_stop": (
        "leave out rows whose term is a stopword (a pair or n-gram: that holds one); the counts "
        "and the totals still include them.",
        False,
    ),
    "drop_punct": ("leave punctuation out of the terms counted and of the word totals.", True),
    "per": ("rates are per this many words: the column `per_10k` for 10,000.", PER),
    "level": (
        "the coverage of an interval (0.95: 95%); where an interval is optional (term_frequencies), "
        "None asks for none.",
        None,
    ),
    "alpha": (
        "the significance level of a test before any correction for the many terms tested; the "
        "table says whether it corrects (attrs['correction']: keyness divides alpha by the terms "
        "tested, Bonferroni; log_odds does not).",
        0.05,
    ),
    "time": ("the ordered column (year, period, date) along which a trend or a line runs.", None),
    "measure": (
        "the statistic that scores the rows: an association measure (collocations; the column "
        "ranked in the collocates' figure and sentences) or a similarity (similarity).",
        None,
    ),
    "out": ("the path written to: a folder (build_report, save_figure) or a page (explorer).", None),
    "target": ("the group (a value of `by`, or a tuple of values for several columns) compared.", None),
    "reference": ("what the target is compared with: 'rest' (every other group) or another group.", "rest"),
    "within": (
        "a column (language, period) inside each of whose values the comparison is made; None: "
        "the whole table.",
        None,
    ),
    "show": ("more columns of the tokens table to carry into each row of the result.", None),
    "seed": ("the seed of the random resampling: the same input and seed give the same numbers.", 0),
    "n_boot": ("how many bootstrap resamples an interval rests on (0: none).", None),
    "g2_form": ("which form of G²: '4-term' (Dunning 1993) or '2-term' (Rayson & Garside 2000).", "4-term"),
    "margin": ("which side of a scaling model a table holds: 'groups' (positions) or 'words'.", "groups"),
    "exclude": ("groups never chosen when a function picks groups itself (such as 'Media').", None),
    "top": ("how many rows a figure, a sentence or a list names (per group where it has groups).", None),
    "thin": ("a group with fewer words than this is named in a caveat as a small sample.", THIN_WORDS),
    "title": ("the figure's title (default: one written from the table).", None),
    "wide": ("lay small multiples up to three across a page (7.2 in) instead of one column.", False),
    "value": ("the column of the table a figure draws.", None),
    "metadata": ("a metadata CSV (file, actor, date, ...) for the corpus; None: the folder's own.", None),
    "method": (
        "how passages get their voice: 'default' (the hand annotation where a document has one, else "
        "automatic attribution, which makes a document with an actor in the metadata that actor's "
        "statement), 'gold' (the hand annotation) or 'auto' (automatic everywhere).",
        "default",
    ),
    "workers": ("processes to work on (None: as many as pay off for the input's size).", None),
    "client": (
        "a Dask client (distributed.Client) whose cluster does the work: it builds a corpus's parts, "
        "or counts a token store's parts (nk.token_store); None: this machine.",
        None,
    ),
    "cache_dir": (
        "the folder of the token caches (None: $NKRESEARCH_CACHE when set, else data/processed/).",
        None,
    ),
    "tokenize": (
        "options of nkresearch.tokenize (lowercase, lemmatize, mwe, stopwords) for the corpus's tokens.",
        None,
    ),
    "progress": ("show a progress bar.", True),
    "docs": ("the documents table of load_corpus.", None),
    "dir": ("two texts (a, b) that fix a scale's direction: a lies below b.", None),
    "sigma": ("the standard deviation of the Normal prior on Wordfish's word weights β.", 3.0),
    "tol": ("the relative change of the log-likelihood at which a fit stops.", 1e-6),
    "smooth": ("a count added to every word of every reference text (0: none).", 0),
}


def glossary_text() -> str:
    """The glossary as text, one option a paragraph (for the package docstring and the manual)."""
    lines = []
    for name, (meaning, default) in GLOSSARY.items():
        tail = "" if default is None else f" Default {default!r}."
        body = textwrap.fill(meaning + tail, width=84, initial_indent="    ", subsequent_indent="    ")
        lines.append(f"``{name}``\n{body}")
    return "\n".join(lines)


def renamed(**old_to_new: str) -> Callable[[F], F]:
    """Accept the old keyword names of a function for one release, with a DeprecationWarning.

    >>> @renamed(node="pattern")
    ... def f(*, pattern: str) -> str:
    ...     return pattern
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     f(node="x"), caught[0].category.__name__
    ('x', 'DeprecationWarning')
    """

    def wrap(func: F) -> F:
        @functools.wraps(func)
        def call(*args: Any, **kwargs: Any) -> Any:
            for old, new in old_to_new.items():
                if old in kwargs:
                    if new in kwargs:
                        raise TypeError(f"{func.__name__}: pass {new}= only ({old}= is its old name).")
                    warnings.warn(
                        f"{func.__name__}: {old}= is now {new}= (the old name goes in the next release).",
                        DeprecationWarning,
                        stacklevel=2,
                    )
                    kwargs[new] = kwargs.pop(old)
            return func(*args, **kwargs)

        call.__renamed__ = dict(old_to_new)  # type: ignore[attr-defined]
        return call  # type: ignore[return-value]

    return wrap


def moved(func: str, option: str, new: str) -> None:
    """Warn that ``option`` of ``func``, which changed the result's shape, is now the function ``new``."""
    warnings.warn(
        f"{func}: {option} is now nk.{new}(...) (it goes in the next release).",
        DeprecationWarning,
        stacklevel=4,
    )


def through_old_option(analysis: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call the body of ``analysis`` (without its ``attrs`` schema) through an old option, unwarned.

    How a function split off an analysis (``wordfish_words`` from ``wordfish(margin="words")``)
    reaches the shared body while that option lives on for one release.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return analysis.__wrapped__(*args, **kwargs)  # type: ignore[attr-defined]
