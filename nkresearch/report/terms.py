"""Sentences of the tables :mod:`.prose` does not describe.

N-grams, word pairs, key-term counts, diversity, dispersion, concordance lines,
lexicon matches and the scaling models' words.

As in :mod:`.prose`, every number in a sentence is read from the table (counts in
bold), and nothing is said that the table does not hold.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..analysis.core.evidence import FEW_USES as FEW
from ..analysis.core.evidence import THIN_WORDS
from ..analysis.core.results import group_column
from ..plots.style import pattern_for_reader
from .prose import Prose, _names, _term, of_table


def _thin(table: pd.DataFrame, by: str, size: str, thin: int) -> tuple[str, ...]:
    """A caveat naming the groups whose ``size`` is below ``thin``."""
    small = table.drop_duplicates(by)
    small = small[small[size] < thin]
    if small.empty:
        return ()
    listed = _names([f"{g} ({int(n):,})" for g, n in zip(small[by], small[size], strict=True)])
    return (f"{listed} {'rests' if len(small) == 1 else 'rest'} on fewer than {thin:,} items.",)


@of_table
def describe_ngrams(grams: pd.DataFrame, *, thin: int = THIN_WORDS) -> Prose:
    """Each group's most frequent n-gram, from :func:`nkresearch.ngrams`.

    Parameters
    ----------
    grams
        The table of :func:`nkresearch.ngrams`.
    thin
        Groups with fewer n-grams are named in a caveat.

    Returns
    -------
    Prose
        The top n-gram of each group with its count and the group's total.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> print(nk.describe_ngrams(nk.ngrams(tok, min_freq=2)).findings[0][:44])
    The most frequent bigram of each group: Baku
    """
    grams, by = group_column(grams, "describe_ngrams")
    if grams.empty:
        return Prose(("No n-gram reaches the minimum frequency.",))
    n = int(grams.attrs.get("n", 2))
    unit = {2: "bigram", 3: "trigram"}.get(n, f"{n}-gram")
    first = grams.sort_values(["n", "ngram"], ascending=[False, True]).groupby(by, observed=True).head(1)
    first = first.sort_values(by)
    listed = _names(
        [
            f"{g} {_term(t)} (**{int(k):,}** of **{int(N):,}**)"
            for g, t, k, N in zip(first[by], first["ngram"], first["n"], first["N"], strict=True)
        ]
    )
    return Prose((f"The most frequent {unit} of each group: {listed}.",), _thin(grams, by, "N", thin))


@of_table
def describe_collocations(pairs: pd.DataFrame, *, top: int = 3) -> Prose:
    """Each group's strongest adjacent word pairs, from :func:`nkresearch.collocations`.

    Parameters
    ----------
    pairs
        The table of :func:`nkresearch.collocations`.
    top
        Pairs named per group.

    Returns
    -------
    Prose
        The ``top`` pairs of each group by the table's score, each with its count;
        a caveat for pairs seen fewer than 5 times.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> print(nk.describe_collocations(nk.collocations(tok, min_freq=3)).findings[0][:40])
    The strongest word pairs (likelihood rat
    """
    pairs, by = group_column(pairs, "describe_collocations")
    if pairs.empty:
        return Prose(("No word pair reaches the minimum frequency.",))
    measure = str(pairs.attrs.get("measure", "score")).replace("_", " ")
    best = (
        pairs.sort_values(["score", "bigram"], ascending=[False, True]).groupby(by, observed=True).head(top)
    )
    parts = []
    for group, rows in best.groupby(by, observed=True, sort=True):
        named = _names(
            [f"{_term(b)} (**{int(k):,}**)" for b, k in zip(rows["bigram"], rows["n_ii"], strict=True)]
        )
        parts.append(f"{group}: {named}")
    few = int((best["n_ii"] < FEW).sum())
    caveats = (f"{few} of the {len(best)} pairs named occur fewer than {FEW} times.",) if few else ()
    return Prose(
        (f"The strongest word pairs ({measure}; times seen in brackets): " + "; ".join(parts) + ".",), caveats
    )


@of_table
def describe_keyness_summary(summary: pd.DataFrame) -> Prose:
    """Which groups have the most key terms, from :func:`nkresearch.keyness_summary`.

    Parameters
    ----------
    summary
        The table of :func:`nkresearch.keyness_summary`.

    Returns
    -------
    Prose
        The groups by their count of key terms (G² significant after Bonferroni), each
        with the terms tested; the groups with none.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> print(nk.describe_keyness_summary(nk.keyness_summary(tok)).findings[0][:30])
    Against the rest, Media has th
    """
    summary, by = group_column(summary, "describe_keyness_summary")
    if summary.empty:
        return Prose(("No group is compared.",))
    rows = summary.sort_values(["significant_bonferroni", by], ascending=[False, True])
    alpha = summary.attrs.get("alpha", 0.05)
    reference = summary.attrs.get("reference", "rest")
    top, keyed = rows.iloc[0], rows[rows["significant_bonferroni"] > 0]
    if keyed.empty:
        return Prose(
            (
                f"Against the {reference}, no group has a term significant at {alpha:g} "
                "after the Bonferroni correction.",
            )
        )
    findings = [
        f"Against the {reference}, {top[by]} has the most key terms "
        f"(**{int(top['significant_bonferroni']):,}** of **{int(top['terms_tested']):,}** tested, "
        f"G² significant at {alpha:g} after the Bonferroni correction)."
    ]
    none = rows.loc[rows["significant_bonferroni"] == 0, by].astype(str).tolist()
    if none:
        findings.append(f"{_names(none)} {'has' if len(none) == 1 else 'have'} none.")
    return Prose(tuple(findings), _thin(rows, by, "N_target", THIN_WORDS))


@of_table
def describe_diversity(diversity: pd.DataFrame) -> Prose:
    """The groups with the most and the least varied vocabulary, from :func:`nkresearch.lexical_diversity`.

    Parameters
    ----------
    diversity
        The table of :func:`nkresearch.lexical_diversity`.

    Returns
    -------
    Prose
        The highest and lowest MATTR (comparable across lengths; TTR is not); a caveat
        for groups shorter than the window, which have no MATTR.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> print(nk.describe_diversity(nk.lexical_diversity(tok)).findings[0][:36])
    By MATTR (100-token windows), Reader
    """
    diversity, by = group_column(diversity, "describe_diversity")
    window = int(diversity.attrs.get("mattr_window", 100))
    rated = diversity.dropna(subset=["mattr"]).sort_values(["mattr", by], ascending=[False, True])
    short = diversity.loc[diversity["mattr"].isna(), by].astype(str).tolist()
    caveats = (
        (f"{_names(short)} {'is' if len(short) == 1 else 'are'} shorter than {window} tokens: no MATTR.",)
        if short
        else ()
    )
    if rated.empty:
        return Prose(("No group is long enough for a MATTR.",), caveats)
    high, low = rated.iloc[0], rated.iloc[-1]
    finding = (
        f"By MATTR ({window}-token windows), {high[by]} has the most varied vocabulary "
        f"({high['mattr']:.3f}, **{int(high['tokens']):,}** tokens)"
    )
    if len(rated) > 1:
        finding += f" and {low[by]} the least ({low['mattr']:.3f}, **{int(low['tokens']):,}** tokens)"
    return Prose((finding + ". TTR is not compared: it falls as a text grows.",), caveats)


@of_table
def describe_dispersion(table: pd.DataFrame) -> Prose:
    """The most and least evenly spread terms, from :func:`nkresearch.dispersion`.

    Parameters
    ----------
    table
        The table of :func:`nkresearch.dispersion`.

    Returns
    -------
    Prose
        The terms with the lowest and highest DPnorm, with their frequency and the
        parts they occur in; the terms that do not occur.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> print(nk.describe_dispersion(nk.dispersion(tok, ["karabakh", "peace"])).findings[0][:31])
    Most evenly spread over doc_id:
    """
    parts = " and ".join(table.attrs.get("by", ["doc_id"]))

    def shown(term: object) -> str:
        return f"*{pattern_for_reader(term, table.attrs.get('forms'))}*"

    used = table[table["f"] > 0].dropna(subset=["DPnorm"]).sort_values(["DPnorm", "term"])
    absent = table.loc[table["f"] == 0, "term"].tolist()
    findings = []
    if not used.empty:
        even, uneven = used.iloc[0], used.iloc[-1]
        findings.append(
            f"Most evenly spread over {parts}: {shown(even['term'])} (DPnorm {even['DPnorm']:.2f}; "
            f"**{int(even['f']):,}** uses in {int(even['range'])} of {int(even['parts'])})."
        )
        if len(used) > 1:
            findings.append(
                f"Least: {shown(uneven['term'])} (DPnorm {uneven['DPnorm']:.2f}; "
                f"**{int(uneven['f']):,}** uses in {int(uneven['range'])} of {int(uneven['parts'])})."
            )
    if absent:
        findings.append(
            f"{_names([shown(t) for t in absent])} {'does' if len(absent) == 1 else 'do'} not occur."
        )
    few = int(((used["f"] > 0) & (used["f"] < FEW)).sum())
    caveats = (
        (f"{few} of the terms occur fewer than {FEW} times: their dispersion says little.",) if few else ()
    )
    return Prose(tuple(findings) or ("No term is counted.",), caveats)


@of_table
def describe_kwic(lines: pd.DataFrame, *, by: str = "actor") -> Prose:
    """How many concordance lines, in how many documents, and whose, from :func:`nkresearch.kwic`.

    Parameters
    ----------
    lines
        The table of :func:`nkresearch.kwic`.
    by
        The column of the lines to count them by.

    Returns
    -------
    Prose
        The lines, their documents, and the lines of each value of ``by``.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> print(nk.describe_kwic(nk.kwic(tok, "karabakh")).findings[0])
    'karabakh' has **5** lines in 2 documents: Media 2, Stepanakert 2 and Baku 1 (by actor).
    """
    pattern = pattern_for_reader(lines.attrs.get("pattern", "the pattern"), lines.attrs.get("forms"))
    if lines.empty:
        return Prose((f"'{pattern}' does not occur.",))
    counts = lines[by].astype(str).value_counts()
    counts = counts.sort_index().sort_values(ascending=False, kind="stable")
    docs = lines["doc_id"].nunique()
    listed = _names([f"{g} {n:,}" for g, n in counts.items()])
    return Prose(
        (
            f"'{pattern}' has **{len(lines):,}** lines in {docs:,} "
            f"document{'s' if docs != 1 else ''}: {listed} (by {by}).",
        )
    )


@of_table
def describe_lexicon_matches(matches: pd.DataFrame, *, top: int = 3) -> Prose:
    """How many matches of how many entries, and the most frequent, from :func:`nkresearch.lexicon_matches`.

    Parameters
    ----------
    matches
        The table of :func:`nkresearch.lexicon_matches`.
    top
        Entries named.

    Returns
    -------
    Prose
        The matches, entries and categories found; the ``top`` entries with their
        matches; the matches in scare quotes.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> matches = nk.lexicon_matches(tok, nk.read_lexicon("naming"))
    >>> print(nk.describe_lexicon_matches(matches).findings[0][:22])
    **70** matches of 20 e
    """
    if matches.empty:
        return Prose(("No entry of the lexicon occurs in these texts.",))
    counts = (
        matches.groupby("entry", observed=True)
        .size()
        .sort_index()
        .sort_values(ascending=False, kind="stable")
    )
    findings = [
        f"**{len(matches):,}** matches of {len(counts)} entries in "
        f"{matches['category'].nunique()} categories; "
        "the most frequent: "
        + _names([f"{_term(e)} (**{int(n):,}**)" for e, n in counts.head(top).items()])
        + "."
    ]
    quoted = int(np.sum(matches["scare_quoted"].to_numpy(bool))) if "scare_quoted" in matches else 0
    if quoted:
        findings.append(f"**{quoted:,}** of them stand in scare quotes.")
    return Prose(tuple(findings))


@of_table
def describe_words(words: pd.DataFrame, *, top: int = 5) -> Prose:
    """The words at each end of a scale: :func:`nkresearch.wordfish` or :func:`nkresearch.wordscores` words.

    Parameters
    ----------
    words
        The words table of either model.
    top
        Words named at each end.

    Returns
    -------
    Prose
        The ``top`` words at the low and the high end, each with its count.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> print(nk.describe_words(nk.wordfish_words(tok, by="actor")).findings[0][:38])
    At the low end of the Wordfish scale (
    """
    fish = "beta" in words.columns
    value, count = ("beta", "n") if fish else ("score", "n_reference")
    if words.empty:
        return Prose(("No word is scaled.",))
    direction = words.attrs.get("dir")
    low_name = f" ({direction[0]})" if direction else ""
    high_name = f" ({direction[1]})" if direction else ""
    name = "Wordfish" if fish else "Wordscores"

    def listed(rows: pd.DataFrame) -> str:
        return _names([f"{_term(t)} ({n:,.0f})" for t, n in zip(rows["term"], rows[count], strict=True)])

    low = words.sort_values([value, "term"]).head(top)
    high = words.sort_values([value, "term"], ascending=[False, True]).head(top)
    return Prose(
        (
            f"At the low end of the {name} scale{low_name}: {listed(low)}; "
            f"at the high end{high_name}: {listed(high)} (counts in brackets).",
        )
    )
