"""Sentences from result tables: the text a notebook shows beside its numbers.

Each ``describe_*`` function takes a result table and returns :class:`Prose`: the
findings (what the table says, with the counts behind it) and the caveats (samples
too small to generalise from, counts where a statistic is unreliable). Nothing here
knows which corpus the table came from, so the sentences are as true for a user's
folder of texts as for the bundled articles; the notebooks show them rendered
(``_repr_markdown_``), and the report's index page collects them.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pandas as pd

from ..analysis.core.evidence import FEW_USES as FEW
from ..analysis.core.evidence import THIN_WORDS
from ..analysis.core.results import group_column
from ..errors import NKResearchError
from ..plots.style import display_label, pattern_for_reader, rate_label


@dataclass(frozen=True)
class Prose:
    """Findings and caveats in plain sentences, shown as Markdown in a notebook.

    ``corpus`` and ``figure`` say what the sentences are about: the corpus the table
    was counted from and the figure saved with the table (:func:`nkresearch.save_figure`
    records its name in the table's ``attrs``), so the report's index puts each finding
    beside its figure and names its corpus.
    """

    findings: tuple[str, ...]
    caveats: tuple[str, ...] = field(default=())
    corpus: str = ""
    figure: str = ""

    def markdown(self) -> str:
        """The sentences as Markdown: the findings, then the caveats.

        What the data brings in shows as text: ``&``, ``<`` and ``>`` are escaped (a
        group named ``<img onerror=...>`` in a user's metadata is never markup, in the
        notebook nor in the report made from it), and ``$`` too (never math).
        """
        text = " ".join(self.findings)
        if self.caveats:
            text += "\n\n*Caveat.* " + " ".join(self.caveats)
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return text.replace("$", r"\$")

    def __str__(self) -> str:
        return self.markdown()

    def _repr_markdown_(self) -> tuple[str, dict[str, object]]:
        meta: dict[str, object] = {
            "nkresearch": {
                "findings": list(self.findings),
                "caveats": list(self.caveats),
                "corpus": self.corpus,
                "figure": self.figure,
            }
        }
        return self.markdown(), meta


D = TypeVar("D", bound=Callable[..., Prose])


def of_table(func: D) -> D:
    """Mark a ``describe_*`` function's sentences with the corpus and figure of the table it read."""

    @functools.wraps(func)
    def call(table: Any, *args: Any, **kwargs: Any) -> Prose:
        prose = func(table, *args, **kwargs)
        attrs = getattr(table, "attrs", {})
        corpus = attrs.get("corpus", {})
        name = str(corpus.get("name", "")) if isinstance(corpus, dict) else ""
        return dataclasses.replace(prose, corpus=name, figure=str(attrs.get("figure", "")))

    return call  # type: ignore[return-value]


def _names(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _term(term: object) -> str:
    return f"*{display_label(term)}*"


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n:,} times"


#: how a sentence names a voice method (the ``method`` column of the tokens table)
METHOD_NAMES = {"gold": "the hand-checked annotation", "auto": "automatic attribution (rules)"}


def method_sentence(methods: dict[str, int]) -> str:
    """Which voice method made the voices: ``{"gold": 5}`` -> "The voices come from the hand-checked ..."."""
    if not methods:
        return ""
    said = [
        f"{METHOD_NAMES.get(m, m)} in {n:,} {'document' if n == 1 else 'documents'}"
        for m, n in methods.items()
    ]
    return f"The voices come from {_names(said)}."


@of_table
def describe_voices(summary: pd.DataFrame, *, thin: int = THIN_WORDS) -> Prose:
    """Who has how much text: the largest and smallest groups of :func:`nkresearch.voice_summary`.

    Parameters
    ----------
    summary
        ``voice_summary(tokens, by=...)`` with one grouping column.
    thin
        Groups with fewer words are named in a caveat.

    Returns
    -------
    Prose

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> prose = nk.describe_voices(nk.voice_summary(tok, by="actor"))
    >>> print(prose.findings[1])
    The voices come from the hand-checked annotation in 5 documents.
    >>> print(prose.findings[2][:59])
    Stepanakert has the most text (**1,097** words, 40% of all,
    """
    summary, by = group_column(summary, "describe_voices", skip=("kind",))
    table = summary.groupby(by, observed=True)[["words"]].sum().reset_index()
    table = table[table["words"] > 0].sort_values(["words", by], ascending=[False, True])
    if table.empty:
        return Prose(("The corpus has no words.",))
    total = int(table["words"].sum())
    docs = summary.groupby(by, observed=True)["docs"].max()
    findings = [f"The corpus holds **{total:,}** words in {len(table)} groups of `{by}`."]
    if summary.attrs.get("methods"):
        findings.append(method_sentence(dict(summary.attrs["methods"])))
    top, low = table.iloc[0], table.iloc[-1]
    if len(table) == 1:
        findings.append(f"All of them are {top[by]}'s.")
    else:
        share = top["words"] / total
        d = int(docs[top[by]])
        findings.append(
            f"{top[by]} has the most text (**{int(top['words']):,}** words, {share:.0%} of all, in {d} "
            f"{'document' if d == 1 else 'documents'}); {low[by]} the least "
            f"(**{int(low['words']):,}** words)."
        )
    small = table[table["words"] < thin]
    caveats = []
    if len(small):
        listed = _names([f"{g} ({int(w):,})" for g, w in zip(small[by], small["words"], strict=True)])
        caveats.append(
            f"{listed} {'rests' if len(small) == 1 else 'rest'} on fewer than {thin:,} words: one speaker "
            "repeating a word in one answer can dominate a voice this small, so its rates describe these "
            "texts, not how the group speaks in general."
        )
    return Prose(tuple(findings), tuple(caveats))


@of_table
def describe_cleaning(log: pd.DataFrame) -> Prose:
    """What cleaning removed: the rules of :func:`nkresearch.cleaning_log` and the largest removal.

    Parameters
    ----------
    log
        The table of :func:`nkresearch.cleaning_log`.

    Returns
    -------
    Prose
        How many spans and characters each rule removed, and the largest removal.

    Examples
    --------
    >>> import nkresearch as nk
    >>> print(nk.describe_cleaning(nk.cleaning_log(nk.load_corpus())).findings[0][:51])
    Cleaning removed **9** spans (**3,204** characters)
    """
    if log.empty:
        return Prose(("Cleaning removed nothing from these texts.",))
    rules = log.groupby("rule")["n_chars"].agg(["size", "sum"]).sort_values(["sum", "size"], ascending=False)
    listed = _names([f"`{rule}` ({int(row['size'])})" for rule, row in rules.iterrows()])
    largest = log.sort_values(["n_chars", "doc_id"], ascending=[False, True]).iloc[0]
    return Prose(
        (
            f"Cleaning removed **{len(log):,}** spans (**{int(log['n_chars'].sum()):,}** characters) by "
            f"{len(rules)} {'rule' if len(rules) == 1 else 'rules'}: {listed}.",
            f"The largest removal is `{largest['rule']}` in `{largest['doc_id']}` "
            f"(**{int(largest['n_chars']):,}** characters).",
        )
    )


@of_table
def describe_frequencies(freq: pd.DataFrame) -> Prose:
    """The most frequent term of each group of :func:`nkresearch.term_frequencies`, with its counts.

    Parameters
    ----------
    freq
        The table of :func:`nkresearch.term_frequencies` (with ``level=`` for the caveat
        on interval widths).

    Returns
    -------
    Prose
        Each group's top term with ``n`` and ``N``; caveats where the intervals are
        wider than the rates or a top term occurs fewer than 5 times.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> freq = nk.term_frequencies(tok, by="actor", drop_stop=True, level=0.95)
    >>> print(nk.describe_frequencies(freq).findings[0][:59])
    The most frequent term of each group: Stepanakert *artsakh*
    """
    freq, by = group_column(freq, "describe_frequencies")
    if freq.empty:
        return Prose(("No term is counted.",))
    first = freq.sort_values(["rank", "term"]).groupby(by, observed=True).head(1)
    first = first.sort_values(["N", by], ascending=[False, True])
    listed = _names(
        [
            f"{g} {_term(t)} (**{int(n):,}** of **{int(N):,}** words)"
            for g, t, n, N in zip(first[by], first["term"], first["n"], first["N"], strict=True)
        ]
    )
    caveats = []
    if {"ci_low", "ci_high"} <= set(freq.columns):
        shown = freq[freq["rank"] <= 5]
        wide = int(((shown["ci_high"] - shown["ci_low"]) > shown["per_10k"]).sum())
        if wide:
            caveats.append(
                f"For {wide} of the {len(shown)} top-5 rates the interval is wider than the rate itself: "
                "these rates rest on a handful of occurrences."
            )
    few = int((first["n"] < FEW).sum())
    if few:
        caveats.append(
            f"The top term of {few} {'group' if few == 1 else 'groups'} occurs fewer than {FEW} times."
        )
    return Prose((f"The most frequent term of each group: {listed}.",), tuple(caveats))


@of_table
def describe_keyness(key: pd.DataFrame, *, top: int = 5) -> Prose:
    """The strongest keywords of :func:`nkresearch.keyness`, in the order of its figure (log ratio).

    Parameters
    ----------
    key
        A keyness table (against a group, ``"rest"`` or ``"english"``).
    top
        How many keywords to name.

    Returns
    -------
    Prose
        The keywords with their counts on each side, how many terms stay significant
        after the Bonferroni correction; caveats for expected counts below 5 and
        keywords that come from one document.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> key = nk.keyness(tok, target="Baku", min_freq=3, drop_stop=True)
    >>> print(nk.describe_keyness(key).findings[0][:58])
    The strongest keywords of Baku against the rest, by log ra
    """
    target = key.attrs.get("target", "the target")
    reference = key.attrs.get("reference", "the reference")
    against = {"rest": "the rest", "english": "general English"}.get(str(reference), str(reference))
    pos = key[key["log_ratio"] > 0].sort_values(["log_ratio", "term"], ascending=[False, True]).head(top)
    if pos.empty:
        return Prose((f"No term is more frequent in {target} than in {against}.",))
    english = "n_reference" not in key.columns
    words = [
        f"{_term(r.term)} ({r.n_target}" + ("" if english else f" against {r.n_reference}") + ")"
        for r in pos.itertuples()
    ]
    findings = [
        f"The strongest keywords of {target} against {against}, by log ratio as in the figure: "
        f"{_names(words)}."
    ]
    caveats = []
    if english:
        caveats.append("General English has rates but no counts, so no significance test is possible.")
    else:
        tested = int(key.attrs.get("terms_tested", len(key)))
        significant = int(key["significant"].sum())
        findings.append(
            f"**{significant:,}** of the **{tested:,}** terms tested "
            f"{'stays' if significant == 1 else 'stay'} significant after the Bonferroni correction."
        )
        low = int(pos["low_expected"].sum())
        if low:
            which = (
                f"All {low} of these keywords" if low == len(pos) else f"{low} of these {len(pos)} keywords"
            )
            caveats.append(
                f"{which} {'has' if low == 1 else 'have'} an expected count below 5, where G² is "
                "unreliable (the hatched bars)."
            )
    if "one_doc_target" in pos.columns and pos["one_doc_target"].any():
        single = [_term(t) for t in pos.loc[pos["one_doc_target"], "term"]]
        caveats.append(
            f"{_names(single)} {'comes' if len(single) == 1 else 'come'} from a single document of "
            f"{target}: one text's topic, not necessarily the group's habit."
        )
    return Prose(tuple(findings), tuple(caveats))


@of_table
def describe_collocates(col: pd.DataFrame, *, measure: str = "logdice", top: int = 3) -> Prose:
    """The strongest collocates of each group of :func:`nkresearch.collocates`, with their counts.

    Parameters
    ----------
    col
        The table of :func:`nkresearch.collocates`.
    measure
        The column that ranks the collocates (``"logdice"``, ``"mi"``, ``"t"``, ...).
    top
        Collocates named per group.

    Returns
    -------
    Prose
        The top collocates of each group with ``o``; a caveat when every count shown
        is below 10.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> col = nk.collocates(tok, "negotiat*", by="actor", min_freq=2, drop_stop=True)
    >>> print(nk.describe_collocates(col).findings[0][:50])
    The strongest collocates of *negotiations/negotiat
    """
    if measure not in col.columns:
        raise NKResearchError(
            f"describe_collocates: no column {measure!r}; choose one of {list(col.columns)}."
        )
    if col.empty:
        return Prose(("No collocate reaches the minimum frequency.",))
    col, by = group_column(col, "describe_collocates")
    node = pattern_for_reader(col["node"].iloc[0], col.attrs.get("forms"))
    best = (
        col.sort_values([measure, "collocate"], ascending=[False, True]).groupby(by, observed=True).head(top)
    )
    parts = []
    for group, rows in best.groupby(by, observed=True, sort=True):
        words = [f"{_term(r.collocate)} (o = {r.o})" for r in rows.itertuples()]
        parts.append(f"{group}: {', '.join(words)}")
    label = {"logdice": "logDice", "mi": "MI", "t": "t-score", "mi3": "MI3"}.get(measure, measure)
    findings = (f"The strongest collocates of *{node}* by {label}: " + "; ".join(parts) + ".",)
    low, high = int(best["o"].min()), int(best["o"].max())
    caveats: tuple[str, ...] = ()
    if high < 10:
        caveats = (
            f"These co-occurrence counts run from {low} to {high}: counts this small are leads to read in "
            "the concordance, not findings.",
        )
    return Prose(findings, caveats)


@of_table
def describe_lexicon(counts: pd.DataFrame, *, thin: int = THIN_WORDS, min_n: int = FEW) -> Prose:
    """Which group uses each category of :func:`nkresearch.lexicon_counts` most, with its counts.

    Parameters
    ----------
    counts
        The table of :func:`nkresearch.lexicon_counts` (by category or by entry).
    thin
        Groups with fewer words are named in a caveat.
    min_n
        Cells with fewer occurrences are counted in a caveat.

    Returns
    -------
    Prose
        Per category the group with the highest rate, its rate and count; the
        categories no group uses; the uses in scare quotes; caveats for thin rows
        and small cells.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> frames = nk.lexicon_counts(tok, nk.read_lexicon("frames"), by="actor")
    >>> print(nk.describe_lexicon(frames).findings[0][:46])
    Highest rate of each category: *security & use
    """
    counts, by = group_column(counts, "describe_lexicon")
    used = counts[counts["n"] > 0]
    if used.empty:
        return Prose(("No entry of the lexicon occurs in these texts.",))
    best = (
        used.sort_values(["per_10k", by], ascending=[False, True]).groupby("category", observed=True).head(1)
    )
    best = best.sort_values(["n", "category"], ascending=[False, True])
    parts = [
        f"{_term(c)}: {g} ({rate_label(rate)} per 10,000 words, n = **{int(n):,}**)"
        for c, g, rate, n in zip(best["category"], best[by], best["per_10k"], best["n"], strict=True)
    ]
    findings = ["Highest rate of each category: " + "; ".join(parts) + "."]
    unused = sorted(set(counts["category"].astype(str)) - set(used["category"].astype(str)))
    if unused:
        findings.append(f"No group uses {_names([_term(c) for c in unused])}.")
    if "n_scare_quoted" in counts.columns:
        quoted = int(counts["n_scare_quoted"].sum())
        findings.append(
            f"**{quoted:,}** of the uses {'is' if quoted == 1 else 'are'} in scare quotes."
            if quoted
            else "No use is in scare quotes."
        )
    caveats = []
    few = int((used["n"] < min_n).sum())
    if few:
        caveats.append(f"{few} of the {len(used)} non-zero cells rest on fewer than {min_n} occurrences.")
    sizes = counts.groupby(by, observed=True)["N"].max()
    small = sizes[sizes < thin]
    if len(small):
        listed = _names([f"{g} ({int(n):,} words)" for g, n in small.items()])
        caveats.append(f"Rows of {listed} rest on fewer than {thin:,} words.")
    if "docs_group" in counts.columns:
        single = counts.groupby(by, observed=True)["docs_group"].max()
        single = single[(single == 1) & ~single.index.isin(small.index)]
        if len(single):
            caveats.append(f"{_names([str(g) for g in single.index])}: one document each, however long.")
    if caveats:
        caveats.append("Read the concordance lines before quoting a rate.")
    return Prose(tuple(findings), tuple(caveats))
