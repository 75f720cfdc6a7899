"""Sentences for the comparison statistics: log-odds, similarity, positions and trends.

Like :mod:`.prose`, each ``describe_*`` function reads one result table and nothing
else, and names the counts behind each figure it quotes.
"""

from __future__ import annotations

import math

import pandas as pd

from ..analysis.core.evidence import FEW_DOCS
from ..analysis.core.results import group_column
from ..plots.style import display_label, pattern_for_reader
from .prose import Prose, _names, _term, of_table


@of_table
def describe_log_odds(lo: pd.DataFrame, *, top: int = 5) -> Prose:
    """The words that most separate the two sides of :func:`nkresearch.log_odds`, by z-score.

    Parameters
    ----------
    lo
        The table of :func:`nkresearch.log_odds` for one target.
    top
        How many words to name on each side.

    Returns
    -------
    Prose
        Each side's strongest words with their counts and z; how many terms pass
        the normal test; caveats for words from one document and for the many
        terms tested.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> print(nk.describe_log_odds(nk.log_odds(tok, target="Baku", drop_stop=True)).findings[0][:43])
    The words that most set Baku apart from the
    """
    target = str(lo.attrs.get("target", "the target"))
    reference = str(lo.attrs.get("reference", "the reference"))
    against = "the rest" if reference == "rest" else reference
    if lo.empty:
        return Prose((f"No term is used by {target} or {against}.",))
    up = lo[lo["z"] > 0].nlargest(top, "z")
    down = lo[lo["z"] < 0].nsmallest(top, "z")

    def listed(rows: pd.DataFrame) -> str:
        return _names(
            [
                f"{_term(r.term)} ({r.n_target} against {r.n_reference}, z = {r.z:.1f})"
                for r in rows.itertuples()
            ]
        )

    findings = []
    if len(up):
        findings.append(
            f"The words that most set {target} apart from {against}, by weighted log-odds: {listed(up)}."
        )
    if len(down):
        findings.append(f"On the other side, {against} uses most: {listed(down)}.")
    significant = int(lo["significant"].sum())
    findings.append(
        f"**{significant:,}** of the **{len(lo):,}** terms listed have |z| above the normal test's threshold."
    )
    caveats = [
        "The z-scores are not corrected for the many terms tested: read them as a ranking "
        "(Monroe et al. 2008), not as a test of each word."
    ]
    # a word is one text's topic on the side it belongs to: the target's words by the target's
    # documents, the other side's by the other side's
    for rows, docs, side in ((up, "docs_target", target), (down, "docs_reference", against)):
        single = rows[rows[docs] == 1] if docs in rows.columns else rows.iloc[:0]
        if len(single):
            caveats.append(
                f"{_names([_term(t) for t in single['term']])} {'comes' if len(single) == 1 else 'come'} "
                f"from a single document of {side}: one text's topic, not necessarily the group's habit."
            )
    return Prose(tuple(findings), tuple(caveats))


@of_table
def describe_similarity(sim: pd.DataFrame) -> Prose:
    """The most and the least alike pairs of :func:`nkresearch.similarity`, with their intervals.

    Parameters
    ----------
    sim
        The table of :func:`nkresearch.similarity` (with or without ``within``).

    Returns
    -------
    Prose
        Per block (each value of ``within``), the most and least similar pairs;
        caveats for groups with few documents.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> print(nk.describe_similarity(nk.similarity(tok, n_boot=50)).findings[0][:36])
    The most alike pair is Baku and Step
    """
    if sim.empty:
        return Prose(("There is no pair of groups to compare.",))
    within = sim.attrs.get("within")
    measure = str(sim.attrs.get("measure", "cosine")).replace("_", "–")
    blocks = list(pd.unique(sim[within])) if within in sim.columns else [None]
    single = blocks[0] if len(blocks) == 1 and blocks[0] is not None else None
    if single is not None:
        blocks = [None]  # one value of within: no "In X," before every sentence, a caveat instead

    def pair(row: pd.Series) -> str:
        one_each = row.get("n_docs_a") == 1 and row.get("n_docs_b") == 1
        spread = (  # one text a side: resampling texts cannot vary it, so no interval is printed
            "one document each, no interval"
            if one_each or pd.isna(row["ci_low"])
            else f"interval {row['ci_low']:.2f}–{row['ci_high']:.2f}"
        )
        return (
            f"{display_label(row['group_a'])} and {display_label(row['group_b'])} "
            f"({measure} {row['similarity']:.2f}, {spread})"
        )

    findings = []
    for block in blocks:
        rows = sim if block is None else sim[sim[within] == block]
        ordered = rows.sort_values(["similarity", "group_a", "group_b"], ascending=[False, True, True])
        where = "" if block is None else f"In {block}, t"
        most, least = ordered.iloc[0], ordered.iloc[-1]
        text = f"{where or 'T'}he most alike pair is {pair(most)}"
        text += f"; the least alike is {pair(least)}." if len(ordered) > 1 else "."
        findings.append(text)
    caveats = []
    if single is not None:
        caveats.append(
            f"Every pair is compared in one value of {within} only ({single}): nothing here says how the "
            "similarity changes."
        )
    few = sim[sim["few_docs"]] if "few_docs" in sim.columns else sim.iloc[:0]
    if len(few):
        groups = sorted(
            set(few.loc[few["n_docs_a"] < FEW_DOCS, "group_a"].astype(str))
            | set(few.loc[few["n_docs_b"] < FEW_DOCS, "group_b"].astype(str))
        )
        caveats.append(
            f"{_names([display_label(g) for g in groups])} {'has' if len(groups) == 1 else 'have'} "
            "fewer than 5 documents somewhere: resampling so few texts gives a rough interval."
        )
    caveats.append(
        "Resampled texts are less alike than the whole (a text drawn twice narrows the vocabulary), "
        "so each interval sits a little below its estimate; compare pairs, not the values with 1."
    )
    return Prose(tuple(findings), tuple(caveats))


@of_table
def describe_positions(positions: pd.DataFrame, *, top: int = 3) -> Prose:
    """The ends of the dimension of :func:`nkresearch.wordfish` or :func:`nkresearch.wordscores`.

    Parameters
    ----------
    positions
        The table of positions (``theta`` or ``score`` with ``ci_low, ci_high``).
    top
        How many texts to name at each end.

    Returns
    -------
    Prose
        The texts at each end with their positions and intervals, and how many
        pairs of neighbours have overlapping intervals; caveats for short texts.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("ungdc", progress=False)  # the UN subset, cached
    >>> two = tok[tok["actor"].isin(["Baku", "Yerevan"])]
    >>> wf = nk.wordfish(two, dir=("ARM-1992", "AZE-1992"), min_freq=5)
    >>> print(nk.describe_positions(wf).findings[0][:29])
    At the low end of the dimensi
    """
    value = "theta" if "theta" in positions.columns else "score"
    positions, label = group_column(positions, "describe_positions")
    rows = positions.dropna(subset=[value]).sort_values(value)
    if rows.empty:
        return Prose(("No text has a position.",))

    def named(part: pd.DataFrame) -> str:
        return _names(
            [
                f"{r[label]} ({r[value]:.2f}, {r['ci_low']:.2f} to {r['ci_high']:.2f})"
                for _, r in part.iterrows()
            ]
        )

    ends = max(1, min(top, len(rows) // 2))  # no text at both ends when there are few
    findings = [
        f"At the low end of the dimension: {named(rows.head(ends))}; at the high end: "
        f"{named(rows.tail(ends).iloc[::-1])}."
    ]
    direction = positions.attrs.get("dir")
    if direction:
        findings.append(f"The direction is set so that {direction[0]} lies below {direction[1]}.")
    overlap = int((rows["ci_high"].to_numpy()[:-1] >= rows["ci_low"].to_numpy()[1:]).sum())
    findings.append(
        f"**{overlap:,}** of the **{max(len(rows) - 1, 0):,}** pairs of neighbouring texts have overlapping "
        "intervals: their order is not settled by the data."
    )
    caveats = [
        "A position is where a text's words place it on the one dimension that best explains the "
        "counts; what the dimension means (government against opposition, one side of the conflict "
        "against the other, or style and period) has to be read from its words."
    ]
    if "few_words" in rows.columns and rows["few_words"].any():
        short = rows.loc[rows["few_words"], label].astype(str).tolist()
        caveats.append(
            f"{_names(short[:5])}{' and others' if len(short) > 5 else ''} "
            f"{'has' if len(short) == 1 else 'have'} fewer than 1,000 words modelled: a position "
            "resting on few counts."
        )
    return Prose(tuple(findings), tuple(caveats))


@of_table
def describe_trends(trends: pd.DataFrame) -> Prose:
    """Which terms rise or fall over time in each group of :func:`nkresearch.trends`.

    Parameters
    ----------
    trends
        The table of :func:`nkresearch.trends`.

    Returns
    -------
    Prose
        Each trend significant at 5% with its yearly (or per-period) rate ratio
        and interval; caveats for overdispersion and for rare terms.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("ungdc", progress=False)  # the UN subset, cached
    >>> t = nk.trends(tok[tok["actor"] == "Yerevan"], ["artsakh", "nagorno-karabakh"])
    >>> print(nk.describe_trends(t).findings[0][:30])
    In Yerevan, *artsakh* rises (n
    """
    trends, by = group_column(trends, "describe_trends")
    time = str(trends.attrs["time"])
    summary = trends.drop_duplicates(["term", by])
    if summary.empty or summary["n_total"].sum() == 0:
        return Prose(("None of the terms occurs.",))
    values = pd.unique(trends[time].astype(str))
    if len(values) < 2:
        return Prose(
            (
                f"No trend is tested: every row is in one value of {time} ({values[0]}), "
                "and a trend needs two.",
            ),
            (
                "Give the corpus a year (a 'year' or 'date' column in its metadata) to see change over "
                f"{time}.",
            ),
        )
    findings = []
    for row in summary[summary["p"] < 0.05].itertuples():
        slope = float(row.slope)  # type: ignore[arg-type]
        ratio, low, high = (math.exp(float(v)) for v in (slope, row.slope_low, row.slope_high))  # type: ignore[arg-type]
        way = "rises" if slope > 0 else "falls"
        findings.append(
            f"In {getattr(row, by)}, *{pattern_for_reader(row.term, trends.attrs.get('forms'))}* {way} "
            f"(n = {row.n_total} over {row.periods} {time} values): "
            f"its rate changes by a factor of {ratio:.2f} per {time} step (interval {low:.2f}–{high:.2f}, "
            f"p = {row.p:.3g})."
        )
    if not findings:
        findings.append(f"No term's rate changes with {time} beyond chance at the 5% level in any group.")
    caveats = []
    over = summary[(summary["dispersion"] > 1.5) & (summary["p"] < 0.05)]
    if len(over) and trends.attrs.get("model") == "poisson":
        caveats.append(
            f"{len(over)} of these trends {'has' if len(over) == 1 else 'have'} counts more variable than "
            "Poisson (dispersion above 1.5): their p is too small; model='negative_binomial' is the "
            "safer test."
        )
    rare = summary[(summary["n_total"] > 0) & (summary["n_total"] < 10)]
    if len(rare):
        caveats.append(
            f"{_names([f'{_term(r.term)} in {getattr(r, by)}' for r in rare.itertuples()])} "
            f"{'rests' if len(rare) == 1 else 'rest'} on fewer than 10 uses."
        )
    return Prose(tuple(findings), tuple(caveats))
