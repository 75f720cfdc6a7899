"""The explorer: one self-contained HTML page to compare any two groups and read the lines behind a term.

:func:`explorer` counts every term of the tokens table per cell (a group of ``by``,
a kind of passage and a period), keeps a bounded sample of concordance lines per
term and group, and writes them as JSON into one page with plotly.js embedded
(``resources/explorer/``: the page and its small glue script). In the browser the
reader picks group A and group B (or "the rest"), the kinds and periods to count
(and, in a corpus of several languages, the languages: each language's words are its
own, so comparing within one language is comparing like with like), and sees a
scatter of terms placed like scattertext's (each axis the term's
frequency rank in one side, as a percentile), coloured by the weighted log-odds
z-score of :func:`nkresearch.log_odds` (informative prior, α₀ the words counted)
or by the log ratio; hovering shows the counts, clicking or searching a term shows
its counts per group and its lines. No request leaves the page; every corpus text
is inserted as text, never as markup.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..analysis.core.checks import as_categorical, check_min_freq, check_tokens
from ..analysis.core.counts import Words, words_of
from ..analysis.terms.kwic import Context
from ..config import RESOURCES_DIR, VERSION
from ..errors import NKResearchError

#: the page and its glue script
EXPLORER_DIR = RESOURCES_DIR / "explorer"
#: at most this many lines per term and group are embedded (the counts are complete)
LINES_PER_GROUP = 5
#: at most this many lines in all: a line per term and group first, then more for the frequent ones
MAX_LINES = 30_000


def interface_digest() -> str:
    """SHA-256 of the page and its glue script: what a screenshot of the explorer shows.

    ``scripts/screenshot_explorer.py`` writes it into the README's screenshot, and a
    test compares it with the current files, so the screenshot is never of an older page.
    """
    import hashlib

    digest = hashlib.sha256()
    for name in ("explorer.html", "explorer.js"):
        digest.update((EXPLORER_DIR / name).read_bytes())
    return digest.hexdigest()


def _json_for_script(data: object) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` left."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _time_column(tokens: pd.DataFrame, time: str | None) -> str | None:
    if time is not None:
        if time not in tokens.columns:
            raise NKResearchError(
                f"explorer: time={time!r} is not a column; choose from {list(tokens.columns)}."
            )
        return time
    for column in ("period", "year"):
        if column in tokens.columns and tokens[column].notna().all():
            return column
    return None


def explorer_data(
    tokens: pd.DataFrame,
    *,
    by: str = "actor",
    time: str | None = None,
    min_freq: int = 1,
    drop_stop: bool = False,
    window: int = 6,
    lines_per_group: int = LINES_PER_GROUP,
    max_lines: int = MAX_LINES,
) -> dict[str, object]:
    """What the explorer page embeds: the cells, the terms with their counts per cell, and the lines.

    Returns a dict with ``groups``, ``kinds``, ``periods``, ``languages`` (of the
    ``language`` column; one empty value without it), ``cells`` (per cell: group,
    kind and period indices, its words N, and its language index), ``terms`` (text,
    stopword flag, counts as ``[cell, n]`` pairs, documents per group), ``lines``
    (per line: term, group, speaker, kind, period and document as indices, then
    left, match, right, then the language index), ``documents`` (id and date) and
    ``speakers``. The page offers the languages as a filter when there are several.
    """
    func = "explorer"
    check_tokens(tokens, func, by, "kind", "token", "start", "end")
    check_min_freq(func, min_freq)
    tokens = tokens.reset_index(drop=True)
    time = _time_column(tokens, time)
    table = tokens.assign(
        _period=tokens[time].astype(str) if time else "all",
        _language=tokens["language"].astype(str) if "language" in tokens.columns else "",
    )
    words = words_of(table, func, by=[by, "kind", "_period", "_language"], unit="norm")
    if len(words) == 0:
        raise NKResearchError(f"{func}: no word has a value of by={by!r}; nothing to explore.")
    counts = words.count(docs=False)
    totals = np.bincount(counts.term, weights=counts.n, minlength=len(counts.vocab))
    kept = np.flatnonzero((totals >= min_freq) & (totals > 0) & ~(drop_stop & counts.stop))
    index_of = np.full(len(counts.vocab), -1, dtype=np.int64)
    index_of[kept] = np.arange(len(kept))
    groups = sorted(set(words.groups.values[0]))
    kinds = sorted(set(words.groups.values[1]))
    periods = sorted(set(words.groups.values[2]))
    languages = sorted(set(words.groups.values[3]))
    cell_group = [groups.index(v) for v in words.groups.values[0]]
    cell_kind = [kinds.index(v) for v in words.groups.values[1]]
    cell_period = [periods.index(v) for v in words.groups.values[2]]
    cell_language = [languages.index(v) for v in words.groups.values[3]]
    sizes = words.sizes()
    per_term = _per_term(index_of, len(kept), counts.term, np.stack([counts.group, counts.n], axis=1))
    # documents per group and term (a document spans kinds and periods: counted once per group)
    by_group = words_of(table, func, by=by, unit="norm").count(docs=True)
    place = {g: k for k, g in enumerate(groups)}  # a group with no word here has no pair either
    group_code = np.asarray([place.get(v, -1) for v in by_group.groups.values[0]], dtype=np.int64)
    doc_counts = by_group.docs if by_group.docs is not None else np.zeros(len(by_group), dtype=np.int64)
    in_docs = np.stack([group_code[by_group.group], doc_counts], axis=1)
    docs = [{str(g): d for g, d in pairs} for pairs in _per_term(index_of, len(kept), by_group.term, in_docs)]
    lines, documents, speakers = _lines(
        table,
        words,
        index_of,
        groups,
        kinds,
        (periods, languages),
        window=window,
        per_group=lines_per_group,
        max_lines=max_lines,
    )
    return {
        "by": by,
        "time": time or "",
        "groups": groups,
        "kinds": kinds,
        "periods": periods,
        "languages": languages,
        "cells": [
            [cell_group[c], cell_kind[c], cell_period[c], int(sizes[c]), cell_language[c]]
            for c in range(len(words.groups))
        ],
        "terms": [
            [str(counts.vocab[t]), bool(counts.stop[t]), per_term[k], docs[k]]
            for k, t in enumerate(kept.tolist())
        ],
        "lines": lines,
        "documents": documents,
        "speakers": speakers,
        "lines_per_group": lines_per_group,
        "max_lines": max_lines,
        "min_freq": min_freq,
        "corpus": str(tokens.attrs.get("corpus", {}).get("name", "")),
    }


def _per_term(
    index_of: np.ndarray, n_kept: int, term: np.ndarray, values: np.ndarray
) -> list[list[list[int]]]:
    """The rows of ``values`` (one per pair of counts) of each kept term, in their order, as lists."""
    code = index_of[term]
    kept = code >= 0
    order = np.argsort(code[kept], kind="stable")
    rows = np.asarray(values, dtype=np.int64)[kept][order]
    bounds = np.searchsorted(code[kept][order], np.arange(n_kept + 1))
    return [rows[a:b].tolist() for a, b in itertools.pairwise(bounds)]


def _lines(
    table: pd.DataFrame,
    words: Words,
    index_of: np.ndarray,
    groups: list[str],
    kinds: list[str],
    periods_languages: tuple[list[str], list[str]],
    *,
    window: int,
    per_group: int,
    max_lines: int,
) -> tuple[list[list[object]], list[list[str]], list[str]]:
    """Up to ``per_group`` lines per term and group, spread evenly over the term's occurrences.

    At most ``max_lines`` in all: one line per term and group first, then a second for
    the most frequent pairs, and so on. Returns the lines, the documents they come from
    (id and date) and the speakers, each line naming its document and speaker by index.
    """
    periods, languages = periods_languages
    row, term = words.row, words.term
    code = index_of[term]
    keep = code >= 0
    row, code = row[keep], code[keep]
    group_of = np.asarray([groups.index(v) for v in words.groups.values[0]])[words.group[keep]]
    # occurrences in text order within each (term, group): pick evenly spaced ones
    order = np.lexsort((row, group_of, code))
    row, code, group_of = row[order], code[order], group_of[order]
    key = code * (len(groups) + 1) + group_of
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    ends = np.r_[starts[1:], len(key)]
    sizes = ends - starts
    share = np.zeros(len(starts), dtype=np.int64)  # lines given to each (term, group)
    left = max_lines
    by_size = np.argsort(-sizes, kind="stable")
    for r in range(1, per_group + 1):  # a line to every pair, then one more to the most frequent...
        candidates = by_size[sizes[by_size] >= r][:left]
        share[candidates] += 1
        left -= len(candidates)
        if left <= 0:
            break
    # within each pair, ``share`` occurrences evenly spaced from its first to its last
    given = share > 0
    take, begin, n = share[given], starts[given], sizes[given]
    pair = np.repeat(np.arange(len(take)), take)
    rank = np.arange(len(pair)) - np.repeat(np.cumsum(take) - take, take)
    step = (n - 1) / np.maximum(take - 1, 1)
    picked = np.round(begin[pair] + rank * step[pair]).astype(np.int64)
    doc = np.asarray(as_categorical(table["doc_id"]).codes)
    doc_names = np.asarray(pd.Index(as_categorical(table["doc_id"]).categories).astype(str))
    context = Context(table)
    speaker = table["speaker"].astype(str).to_numpy() if "speaker" in table else np.full(len(table), "")
    kind = table["kind"].astype(str).to_numpy()
    period = table["_period"].astype(str).to_numpy()
    language = table["_language"].astype(str).to_numpy()
    date = table["date"].astype(str).to_numpy() if "date" in table else np.full(len(table), "")
    out: list[list[object]] = []
    doc_index: dict[int, int] = {}
    speaker_index: dict[str, int] = {}
    for k in picked.tolist():
        i = int(row[k])
        lo, hi = context.around(i, i, window)
        out.append(
            [
                int(code[k]),
                int(group_of[k]),
                speaker_index.setdefault(str(speaker[i]), len(speaker_index)),
                kinds.index(kind[i]),
                periods.index(period[i]),
                doc_index.setdefault(int(doc[i]), len(doc_index)),
                context.join(lo, i),
                context.token[i],
                context.join(i + 1, hi + 1),
                languages.index(language[i]),
            ]
        )
    present, first_at = np.unique(doc, return_index=True)
    first_row = np.full(len(doc_names), -1, dtype=np.int64)
    first_row[present[present >= 0]] = first_at[present >= 0]  # each document's first row
    documents = [["", ""]] * len(doc_index)
    for code_, place in doc_index.items():
        first = int(first_row[code_])
        documents[place] = [
            str(doc_names[code_]),
            "" if date[first] in ("nan", "NaT", "None") else str(date[first]),
        ]
    return out, documents, list(speaker_index)


def explorer(
    tokens: pd.DataFrame,
    *,
    by: str = "actor",
    out: str | Path,
    time: str | None = None,
    min_freq: int = 1,
    drop_stop: bool = False,
    window: int = 6,
    lines_per_group: int = LINES_PER_GROUP,
    max_lines: int = MAX_LINES,
    title: str | None = None,
) -> Path:
    """Write the explorer: one offline HTML page comparing any two groups, each term a click from its lines.

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`.
    by
        The column whose values are the groups offered (``actor``, ``kind``,
        ``country``...).
    out
        The HTML file to write.
    time
        The column of the periods offered as a filter (default ``period`` if the
        table has one, else ``year``, else none).
    min_freq
        Terms used fewer times in the whole table get no point.
    drop_stop
        Leave stopwords out of the page (the page can also hide them).
    window
        Words on each side of a match in the embedded lines.
    lines_per_group
        At most this many lines per term and group are embedded, spread evenly
        over its occurrences; the counts are complete and the page says so.
    max_lines
        At most this many lines in all (the page's size): a line per term and
        group first, then more for the most frequent.
    title
        The page's title.

    Returns
    -------
    pathlib.Path
        The page written.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> page = nk.explorer(tok, out="explorer.html")  # doctest: +SKIP
    """
    from plotly.offline import get_plotlyjs  # type: ignore[import-untyped]

    from ..plots.save import write_atomically

    data = explorer_data(
        tokens,
        by=by,
        time=time,
        min_freq=min_freq,
        drop_stop=drop_stop,
        window=window,
        lines_per_group=lines_per_group,
        max_lines=max_lines,
    )
    corpus = str(data["corpus"]) or "the corpus"
    heading = title or f"Explorer: {corpus}, by {by}"
    page = (EXPLORER_DIR / "explorer.html").read_text(encoding="utf-8")
    glue = (EXPLORER_DIR / "explorer.js").read_text(encoding="utf-8")
    values = {
        "title": html.escape(heading),
        "version": html.escape(VERSION),
        "data": _json_for_script(data),
        "plotly": get_plotlyjs().replace("</script", "<\\/script"),
        "glue": glue,
    }
    # one pass over the template: a placeholder written in the corpus text is never filled
    filled = re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], page)
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, lambda handle: handle.write(filled.encode("utf-8")))
    return path
