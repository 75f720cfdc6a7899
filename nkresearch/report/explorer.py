"""The explorer: one self-contained HTML page to compare any two groups and read every line behind a term.

:func:`explorer` counts every term of the tokens table per cell (a group of ``by``,
a kind of passage and a period) and embeds the whole tokens table in the page,
compactly: each distinct token once (its text, its ``norm`` and whether it is
punctuation), then, gzipped and base64-encoded, one number per token (which
distinct token, and whether white space precedes it), where each sentence starts
and, run by run, each token's document, cell and speaker. The page unzips it with
the browser's ``DecompressionStream`` and finds every occurrence of what the
reader searches with the pattern model of :mod:`nkresearch.analysis.core.patterns`,
as :func:`nkresearch.kwic` does: a word, a glob (``artsakh*``), a phrase
(``occupied territories``, ``Nagorno Karabakh``: a multi-word name joined as the
tokenizer joins it), or several at once (``occupied|artsakh``, what ``kwic`` does
with a list). It cuts each line from the tokens as
:class:`nkresearch.analysis.terms.kwic.Context` cuts them
(``window`` words each side, within the document), so every occurrence has its
line, the same line ``kwic`` gives.

In the browser the reader picks group A and group B (or "the rest"; the page opens
on the two largest groups, or on ``compare``), the kinds and periods to count (and,
in a corpus of several languages, the languages: each language's words are its
own, so comparing within one language is comparing like with like), and sees a
scatter of terms placed like scattertext's (each axis the term's frequency rank in
one side, as a percentile), coloured by the weighted log-odds z-score of
:func:`nkresearch.log_odds` (informative prior, α₀ the words counted) or by the log
ratio, the most distinctive terms labelled; hovering shows the counts, clicking or
searching a term shows its counts per group and all its lines (a thousand drawn at a
time, a button draws more; sortable by group, period, kind or the words around
them). A search that finds nothing clears the counts and lines and suggests the
nearest terms; one that finds a name suggests its other spellings in the naming
lexicon and the terms it is part of (*karabakh*: *nagorno-karabakh*). plotly.js (its
basic bundle, MIT licence: ``resources/explorer/LICENSE-plotly.txt``) is embedded; no
request leaves the page; every corpus text is inserted as text, never as markup.
"""

from __future__ import annotations

import base64
import gzip
import html
import itertools
import json
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ..analysis.core.checks import as_categorical, check_min_freq, check_tokens, sentence_keys
from ..analysis.core.counts import words_of
from ..analysis.terms.kwic import as_shown
from ..config import RESOURCES_DIR, VERSION
from ..errors import NKResearchError

#: the page, its glue script and the plotly.js bundle it embeds
EXPLORER_DIR = RESOURCES_DIR / "explorer"
#: the plotly.js bundle embedded (npm ``plotly.js-basic-dist-min``; scatter is all the page draws)
PLOTLY_JS = EXPLORER_DIR / "plotly-basic.min.js"
#: B's value in ``data["compare"]`` when the page opens on A against the rest
REST = -1


def interface_digest() -> str:
    """SHA-256 of the page and its glue script: what a screenshot of the explorer shows.

    ``scripts/screenshot_explorer.py`` writes it into the manual's screenshot
    (``docs/screenshots/explorer.png``), and a test compares it with the current files,
    so the screenshot is never of an older page.
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


def _varints(values: np.ndarray) -> bytes:
    """Non-negative integers as LEB128 varints: 7 bits a byte, the high bit set on all but the last.

    >>> _varints(np.array([1, 127, 128, 300])).hex()
    '017f8001ac02'
    """
    v = np.asarray(values, dtype=np.uint64)
    width = np.ones(len(v), dtype=np.int64)
    for k in range(1, 10):
        width += v >= np.uint64(1) << np.uint64(7 * k)
    at = np.cumsum(width) - width
    out = np.zeros(int(width.sum()), dtype=np.uint8)
    for k in range(int(width.max(initial=0))):
        has = width > k
        chunk = (v[has] >> np.uint64(7 * k)) & np.uint64(127)
        more = np.where(width[has] > k + 1, 128, 0).astype(np.uint64)
        out[at[has] + k] = (chunk | more).astype(np.uint8)
    return out.tobytes()


def _stream(table: pd.DataFrame, cell: np.ndarray) -> dict[str, object]:
    """The tokens table as the page embeds it (see the module docstring): forms, norms and the stream.

    The stream is gzip (``mtime`` 0, so the page is byte-stable) of varints: the counts
    of tokens, sentences and runs; per token ``form * 2 + (white space before it)``;
    per sentence the rows from the previous sentence's start to its start; per run of
    tokens with one document, cell and speaker its length, document, ``cell + 1``
    (0: no cell) and speaker.
    """
    token = as_categorical(table["token"].astype(str))
    norm = as_categorical(table["norm"].astype(str))
    triple = np.stack(
        [np.asarray(token.codes), np.asarray(norm.codes), table["is_punct"].to_numpy(bool)], axis=1
    ).astype(np.int64)
    distinct, form, counts = np.unique(triple, axis=0, return_inverse=True, return_counts=True)
    rank = np.empty(len(distinct), dtype=np.int64)  # the most frequent forms get the smallest numbers
    rank[np.argsort(-counts, kind="stable")] = np.arange(len(distinct))
    form = rank[form.reshape(-1)]
    texts = np.asarray([as_shown(str(t)) for t in token.categories], dtype=object)  # each on one line
    forms = [[str(texts[t]), int(n), int(p)] for t, n, p in distinct[np.argsort(rank)].tolist()]
    start, end = table["start"].to_numpy(), table["end"].to_numpy()
    gap = np.ones(len(table), dtype=np.int64)
    gap[1:] = start[1:] > end[:-1]
    sent = sentence_keys(table)
    sentence_starts = np.flatnonzero(np.r_[True, sent[1:] != sent[:-1]])
    doc = np.asarray(pd.Categorical(table["doc_id"].astype(str)).codes, dtype=np.int64)
    speaker_of = table["speaker"].astype(str).to_numpy() if "speaker" in table else None
    speakers, speaker = _factorize(speaker_of, len(table))
    run = np.stack([doc, cell + 1, speaker], axis=1)
    run_starts = np.flatnonzero(np.r_[True, (run[1:] != run[:-1]).any(axis=1)])
    lengths = np.diff(np.r_[run_starts, len(table)])
    header = np.asarray([len(table), len(sentence_starts), len(run_starts)])
    parts = [
        header,
        form * 2 + gap,
        np.diff(np.r_[0, sentence_starts]),
        np.column_stack([lengths, run[run_starts]]).reshape(-1),
    ]
    packed = gzip.compress(b"".join(_varints(p) for p in parts), compresslevel=9, mtime=0)
    return {
        "norms": [str(v) for v in norm.categories],
        "forms": forms,
        "speakers": speakers,
        "stream": base64.b64encode(packed).decode("ascii"),
    }


def _factorize(values: np.ndarray | None, n: int) -> tuple[list[str], np.ndarray]:
    """Distinct values in order of appearance and each row's code (all ``""`` without values)."""
    if values is None:
        return [""], np.zeros(n, dtype=np.int64)
    codes, uniques = pd.factorize(values)
    return [str(u) for u in uniques], np.asarray(codes, dtype=np.int64)


def _documents(table: pd.DataFrame) -> list[list[str]]:
    """Each document's id and date (its first row's), in the order of the stream's document codes."""
    doc = pd.Categorical(table["doc_id"].astype(str))
    date = table["date"].astype(str).to_numpy() if "date" in table else np.full(len(table), "")
    codes = np.asarray(doc.codes)
    present, first = np.unique(codes, return_index=True)
    dates = dict(zip(present.tolist(), (date[first]).tolist(), strict=True))
    return [
        [str(name), "" if dates.get(k, "") in ("nan", "NaT", "None") else str(dates.get(k, ""))]
        for k, name in enumerate(doc.categories)
    ]


def _compare(compare: Sequence[str] | None, groups: list[str], sizes: np.ndarray, by: str) -> list[int]:
    """The groups the page opens on, as indices: ``compare``'s, or the two with the most words."""
    if compare is None:
        order = sorted(range(len(groups)), key=lambda g: (-int(sizes[g]), groups[g]))
        return [order[0], order[1] if len(order) > 1 else REST]
    pair = [compare] if isinstance(compare, str) else list(compare)
    if len(pair) != 2:
        raise NKResearchError(
            f"explorer: compare={compare!r} needs two groups of by={by!r}, such as "
            f"compare=({groups[0]!r}, 'rest'); choose from {groups}."
        )
    a, b = (str(g) for g in pair)
    unknown = [g for g in (a, b) if g not in groups and not (g == b == "rest")]
    if unknown:
        raise NKResearchError(
            f"explorer: compare={compare!r}: {unknown[0]!r} is not a group of by={by!r}; "
            f"choose two of {groups} (or 'rest' as the second)."
        )
    return [groups.index(a), groups.index(b) if b in groups else REST]


def _naming_variants() -> list[list[str]]:
    """The English spellings of each name of the naming lexicon that has several (the page suggests them)."""
    from ..analysis.terms.lexicons import read_lexicon

    naming = read_lexicon("naming")
    english = naming[(naming["language"] == "en") & (naming["pattern"].fillna("") == "")]
    spellings = english.groupby("canonical", sort=True)["entry"].agg(list)
    return [[str(c), *map(str, entries)] for c, entries in spellings.items() if len(entries) > 1]


def explorer_data(
    tokens: pd.DataFrame,
    *,
    by: str = "actor",
    time: str | None = None,
    min_freq: int = 1,
    drop_stop: bool = False,
    window: int = 6,
    compare: Sequence[str] | None = None,
) -> dict[str, object]:
    """What the explorer page embeds: the cells, the terms with their counts per cell, and every token.

    Returns a dict with ``groups``, ``kinds``, ``periods``, ``languages`` (of the
    ``language`` column; one empty value without it), ``cells`` (per cell: group,
    kind and period indices, its words N, and its language index), ``terms`` (text,
    stopword flag, counts as ``[cell, n]`` pairs), ``compare`` (the indices of the
    groups the page opens on, B ``-1`` for the rest), the tokens (``norms``,
    ``forms``, ``speakers`` and ``stream``: see the module docstring), ``documents`` (id
    and date), ``window``, and what the page's search needs to read a pattern as
    :func:`nkresearch.kwic` does: the multi-word names of the tokenizer (``mwe``),
    its abbreviations and the naming lexicon's spellings (``variants``: per name,
    its canonical form, then its spellings). The page offers the languages as a
    filter when there are several.
    """
    func = "explorer"
    check_tokens(tokens, func, by, "kind", "token", "start", "end", "is_punct", "sent_id")
    check_min_freq(func, min_freq)
    if window < 0:
        raise NKResearchError(f"{func}: window={window!r} must be 0 or more.")
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
    names = [sorted(set(v)) for v in words.groups.values]  # groups, kinds, periods, languages
    cell_codes = [[names[d].index(v) for v in words.groups.values[d]] for d in range(4)]
    sizes = words.sizes()
    per_term = _per_term(index_of, len(kept), counts.term, np.stack([counts.group, counts.n], axis=1))
    groups = names[0]
    group_words = np.bincount(cell_codes[0], weights=sizes, minlength=len(groups))
    return {
        "by": by,
        "time": time or "",
        "groups": groups,
        "kinds": names[1],
        "periods": names[2],
        "languages": names[3],
        "cells": [
            [cell_codes[0][c], cell_codes[1][c], cell_codes[2][c], int(sizes[c]), cell_codes[3][c]]
            for c in range(len(words.groups))
        ],
        "terms": [
            [str(counts.vocab[t]), bool(counts.stop[t]), per_term[k]] for k, t in enumerate(kept.tolist())
        ],
        "compare": _compare(compare, groups, group_words, by),
        **_stream(table, np.asarray(words.groups.codes, dtype=np.int64)),
        "documents": _documents(table),
        "window": window,
        "min_freq": min_freq,
        "corpus": str(tokens.attrs.get("corpus", {}).get("name", "")),
        **_search_aids(),
    }


def _search_aids() -> dict[str, object]:
    """What the page needs to read a phrase as the tokenizer does, and the naming lexicon's spellings."""
    from ..corpus.sentences import read_abbreviations
    from ..tokens.tokenizer import read_mwe

    mwe = read_mwe()
    return {
        "mwe": [[str(p), str(n)] for p, n in zip(mwe["phrase"], mwe["norm"], strict=True)],
        "abbreviations": read_abbreviations(),
        "variants": _naming_variants(),
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


def explorer(
    tokens: pd.DataFrame,
    *,
    by: str = "actor",
    out: str | Path,
    time: str | None = None,
    min_freq: int = 1,
    drop_stop: bool = False,
    window: int = 6,
    compare: tuple[str, str] | None = None,
    title: str | None = None,
) -> Path:
    """Write the explorer: one offline HTML page comparing any two groups, every line of a term a click away.

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
        Terms used fewer times in the whole table get no point (a search still
        finds them: every token is in the page).
    drop_stop
        Leave stopwords out of the scatter (the page can also hide them).
    window
        Words on each side of a match in the lines, as in :func:`nkresearch.kwic`.
    compare
        The two groups of ``by`` the page opens on, as A and B (the parties a
        report compares); ``"rest"`` as the second opens on A against every other
        group. Default: the two groups with the most words
        (:func:`nkresearch.largest_groups`).
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
    >>> pair = nk.explorer(tok, compare=("Baku", "Stepanakert"), out="pair.html")  # doctest: +SKIP
    """
    from ..plots.save import write_atomically

    data = explorer_data(
        tokens, by=by, time=time, min_freq=min_freq, drop_stop=drop_stop, window=window, compare=compare
    )
    corpus = str(data["corpus"]) or "the corpus"
    heading = title or f"Explorer: {corpus}, by {by}"
    page = (EXPLORER_DIR / "explorer.html").read_text(encoding="utf-8")
    glue = (EXPLORER_DIR / "explorer.js").read_text(encoding="utf-8")
    values = {
        "title": html.escape(heading),
        "version": html.escape(VERSION),
        "data": _json_for_script(data),
        "plotly": PLOTLY_JS.read_text(encoding="utf-8").replace("</script", "<\\/script"),
        "glue": glue,
    }
    # one pass over the template: a placeholder written in the corpus text is never filled
    filled = re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], page)
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, lambda handle: handle.write(filled.encode("utf-8")))
    return path
