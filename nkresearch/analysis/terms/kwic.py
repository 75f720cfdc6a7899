"""Keyword in context: every occurrence of a word, glob, regex or phrase with its context.

:func:`kwic` returns a :class:`Concordance`, a DataFrame that shows in a notebook as
an aligned concordance with the match highlighted. All corpus text is HTML-escaped
there: scraped pages can hold ``<script>`` or markup, and it must show as text.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from ...errors import NKResearchError
from ..core.checks import Unit, as_categorical, check_choice, check_tokens, check_unit
from ..core.options import renamed
from ..core.patterns import (
    Matcher,
    Pattern,
    compile_pattern,
    merge_form_counts,
    most_frequent_forms,
    pattern_label,
)
from ..core.results import result_of
from ..core.stores import TokenStore, check_client, count_parts

KWIC_COLUMNS = ["doc_id", "actor", "speaker", "kind", "left", "match", "right", "start", "end"]


class Concordance(pd.DataFrame):
    """A keyword-in-context table that renders as an aligned, escaped concordance."""

    @property
    def _constructor(self) -> type[Concordance]:
        return Concordance

    def _repr_html_(self) -> str:
        if not {"left", "match", "right"} <= set(self.columns):
            return pd.DataFrame(self).to_html()
        meta = [c for c in self.columns if c not in ("left", "match", "right", "start", "end")]
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in meta)
        rows = []
        for rec in self.head(500).to_dict("records"):
            cells = "".join(f"<td>{html.escape(str(rec[c]))}</td>" for c in meta)
            rows.append(
                f"<tr>{cells}<td style='text-align:right;white-space:nowrap'>{html.escape(rec['left'])}</td>"
                f"<td style='text-align:center'><mark><b>{html.escape(rec['match'])}</b></mark></td>"
                f"<td style='text-align:left;white-space:nowrap'>{html.escape(rec['right'])}</td></tr>"
            )
        more = f"<p>{len(self) - 500} more lines not shown</p>" if len(self) > 500 else ""
        return (
            f"<table class='nk-kwic'><thead><tr>{head}<th>left</th><th>match</th><th>right</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table><p>{len(self)} lines</p>{more}"
        )


#: a line end after a word's hyphen ("Nagorno-" / "Karabakh": one token), and any other run of white space
_LINE_END_IN_WORD = re.compile(r"(?<=-)[ \t]*\n[ \t]*")
_WHITE = re.compile(r"\s+")


def as_shown(token: str) -> str:
    r"""A token as a concordance line shows it: on one line, its white space one space.

    >>> as_shown("Nagorno-\nKarabakh"), as_shown("OSCE Minsk\n  Group")
    ('Nagorno-Karabakh', 'OSCE Minsk Group')
    """
    return _WHITE.sub(" ", _LINE_END_IN_WORD.sub("", token))


class Context:
    """The words around a match, within its document: the one KWIC window of :func:`kwic` and the explorer.

    ``window`` counts words on each side (punctuation is carried along but not
    counted); the context never crosses into another document. Text is joined as
    written: a space where the text had white space; a token is shown on one line
    (:func:`as_shown`).

    >>> import nkresearch as nk
    >>> docs = nk.load_corpus(pd.DataFrame({"doc_id": ["a"], "text": ["One, two three four."]}))
    >>> tok = nk.tokenize(nk.segment_voices(docs))
    >>> context = Context(tok)
    >>> lo, hi = context.around(2, 2, 1)  # "two", one word each side
    >>> context.join(lo, 2), context.join(3, hi + 1)
    ('One,', 'three')
    """

    def __init__(self, tokens: pd.DataFrame) -> None:
        self.doc = np.asarray(pd.Categorical(tokens["doc_id"].astype(str)).codes)
        self.words = np.flatnonzero(~tokens["is_punct"].to_numpy(bool))
        forms = as_categorical(tokens["token"])  # the categories, not a string per token
        shown = np.asarray([as_shown(str(t)) for t in forms.categories], dtype=object)
        self.token = shown[np.asarray(forms.codes)]
        start, end = tokens["start"].to_numpy(), tokens["end"].to_numpy()
        self.gap = np.ones(len(tokens), dtype=bool)
        self.gap[1:] = start[1:] > end[:-1]

    def around(self, i: int, j: int, window: int) -> tuple[int, int]:
        """The first and last rows of the context of the match ``i`` to ``j`` (rows of its tokens)."""
        before = int(np.searchsorted(self.words, i))  # words before the match
        after = int(np.searchsorted(self.words, j, side="right"))  # words up to its end
        lo = int(self.words[max(before - window, 0)]) if window and before else i
        hi = (
            int(self.words[min(after + window, len(self.words)) - 1])
            if window and after < len(self.words)
            else j
        )
        lo, hi = min(lo, i), max(hi, j)
        while lo < i and self.doc[lo] != self.doc[i]:
            lo += 1
        while hi > j and self.doc[hi] != self.doc[i]:
            hi -= 1
        return lo, hi

    def join(self, a: int, b: int) -> str:
        """The tokens of rows ``a`` to ``b - 1`` as in the text."""
        parts: list[str] = []
        for k in range(a, b):
            parts.append((" " if self.gap[k] and parts else "") + str(self.token[k]))
        return "".join(parts)


@renamed(by="show")
@result_of("kwic", store=True)
def kwic(
    tokens_or_docs: pd.DataFrame | TokenStore,
    pattern: Pattern,
    *,
    window: int = 7,
    unit: Unit = "norm",
    show: str | Sequence[str] | None = None,
    sort: Literal["left", "right"] | None = None,
    client: Any = None,
) -> Concordance:
    r"""Every occurrence of a pattern with ``window`` words of context on each side.

    Parameters
    ----------
    tokens_or_docs
        The tokens table of :func:`nkresearch.tokenize`, a token store
        (:func:`nkresearch.token_store`, read part by part), or a documents table
        (then segmented with the default method and tokenized first).
    pattern
        A word, a glob (``"negotiat*"``), a phrase (``"occupied territories"``,
        ``"Minsk Group"``), a compiled regex (``re.compile(r"occup\\w+")``) or a list
        of them (:mod:`nkresearch.analysis.core.patterns`).
    window
        Words of context on each side, within the document (the punctuation between
        them is shown, not counted).
    unit
        The column the pattern is matched on: ``norm``, ``lemma`` or ``token``.
    show
        Extra columns to show (``"year"``, ``["outlet", "date"]``); ``actor, speaker,
        kind`` are always shown. ``by=`` is its old name.
    sort
        ``None``: text order; ``"left"``/``"right"``: alphabetically by the first
        word left/right of the match, then the next (AntConc's sort).
    client
        A Dask client: a token store's parts are searched on its cluster.

    Returns
    -------
    Concordance
        A DataFrame with ``doc_id, actor, speaker, kind, [show], left, match, right,
        start, end`` (``start``/``end``: the match's offsets in the document's clean
        text). In a notebook it shows as an aligned concordance, text escaped.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> lines = nk.kwic(tok, "torpedo*", window=3)
    >>> lines.iloc[0][["left", "match", "right"]].tolist()
    ['Azerbaijan ‘', 'Torpedoing', '’ Talks, Says Karabakh']
    """
    func = "kwic"
    tokens = tokens_or_docs
    check_client(func, tokens, client)
    if isinstance(tokens, pd.DataFrame) and "token" not in tokens.columns and "text" in tokens.columns:
        from ...tokens.tokenizer import tokenize
        from ...voices.segment import segment_voices

        tokens = tokenize(segment_voices(tokens))
    check_tokens(tokens, func, "token", "start", "end")
    check_choice(func, "sort", sort, (None, "left", "right"))
    check_unit(func, unit)
    if window < 0:
        raise NKResearchError(f"{func}: window={window!r} must be 0 or more.")
    extra = [] if show is None else [show] if isinstance(show, str) else list(show)
    missing = [c for c in extra if c not in tokens.columns]
    if missing:
        raise NKResearchError(
            f"{func}: show={show!r}: {missing} not a column; choose from {list(tokens.columns)}."
        )
    extra = [c for c in extra if c not in KWIC_COLUMNS]
    compile_pattern(pattern, unit=unit, func=func)  # a bad pattern: its error before any search
    count = functools.partial(
        _lines, pattern=pattern, unit=unit, window=window, extra=tuple(extra), func=func
    )
    rows, form_counts, kinds = count_parts(tokens, count, _merge_lines, client=client, ordered=True)
    columns = KWIC_COLUMNS[:4] + extra + KWIC_COLUMNS[4:]
    if sort is not None:
        rows.sort(key=lambda r: r[f"_{sort}_key"])
    table = pd.DataFrame(rows, columns=[*columns, "_left_key", "_right_key"])[columns]
    for col in ("doc_id", "actor", "speaker", "kind", "left", "match", "right"):
        table[col] = table[col].astype(str)
    table[["start", "end"]] = table[["start", "end"]].astype("int64")  # also when nothing matched
    for col in extra:
        table[col] = table[col].astype(kinds[col])
    result = Concordance(table.reset_index(drop=True))
    result.attrs = {
        "pattern": pattern_label(pattern),
        "forms": most_frequent_forms(form_counts),
        "window": window,
        "unit": unit,
    }
    return result


Lines = tuple[list[dict[str, Any]], dict[str, dict[str, int]], dict[str, Any]]


def _lines(
    tokens: pd.DataFrame, *, pattern: Pattern, unit: Unit, window: int, extra: tuple[str, ...], func: str
) -> Lines:
    """One tokens table (or part): its lines in text order, the forms matched, the extra columns' types.

    A line's context stays in its document, so a part's lines are its own.
    """
    tokens = tokens.reset_index(drop=True)
    items = compile_pattern(pattern, unit=unit, func=func)
    matcher = Matcher(tokens, unit)
    firsts, lasts = matcher.spans(items)
    context = Context(tokens)
    token_str = context.token
    start, end = tokens["start"].to_numpy(), tokens["end"].to_numpy()
    rows: list[dict[str, Any]] = []
    for i, j in zip(firsts.tolist(), lasts.tolist(), strict=True):
        lo, hi = context.around(i, j, window)
        row: dict[str, Any] = {c: tokens.at[i, c] for c in ("doc_id", "actor", "speaker", "kind")}
        for col in extra:
            row[col] = tokens.at[i, col]
        row["left"] = context.join(lo, i)
        row["match"] = context.join(i, j + 1)
        row["right"] = context.join(j + 1, hi + 1)
        row["start"], row["end"] = int(start[i]), int(end[j])
        row["_left_key"] = tuple(str(t).lower() for t in reversed(token_str[lo:i]))
        row["_right_key"] = tuple(str(t).lower() for t in token_str[j + 1 : hi + 1])
        rows.append(row)
    kinds = {c: str if isinstance(tokens[c].dtype, pd.CategoricalDtype) else tokens[c].dtype for c in extra}
    return rows, matcher.form_counts(items), kinds


def _merge_lines(parts: list[Lines]) -> Lines:
    """The lines of several parts, in their order; the forms added up."""
    rows = [row for part in parts for row in part[0]]
    return rows, merge_form_counts([p[1] for p in parts]), parts[0][2]


def kwic_explorer(tokens: pd.DataFrame, *, pattern: str = "negotiat*", window: int = 7) -> Any:
    """An interactive keyword-in-context explorer for JupyterLab (ipywidgets).

    A text box for the pattern (word, glob or phrase), a choice of actor, the sort
    order and the window; the concordance below updates as they change.

    Parameters
    ----------
    tokens
        The tokens table of :func:`nkresearch.tokenize`.
    pattern
        The pattern shown first.
    window
        The context shown first, in tokens on each side.

    Returns
    -------
    ipywidgets.VBox
        The explorer; display it as a cell's value. Executed without a front end
        (in ``make report``) it shows as text only, so notebooks also show a
        static :func:`kwic` table.

    Examples
    --------
    >>> import nkresearch as nk
    >>> tok = nk.corpus_tokens("seeds", progress=False)  # the bundled articles, cached
    >>> box = nk.kwic_explorer(tok, pattern="Karabakh")
    >>> type(box).__name__
    'VBox'
    """
    import ipywidgets as widgets

    actors = ["(all)", *sorted(tokens["actor"].astype(str).unique())]
    text = widgets.Text(value=pattern, description="pattern")
    actor = widgets.Dropdown(options=actors, value="(all)", description="actor")
    sort = widgets.Dropdown(options=["text order", "left", "right"], value="text order", description="sort")
    width = widgets.IntSlider(value=window, min=1, max=20, description="window")
    out = widgets.HTML()

    def refresh(_: object = None) -> None:
        chosen = tokens if actor.value == "(all)" else tokens[tokens["actor"].astype(str) == actor.value]
        order = None if sort.value == "text order" else sort.value
        try:
            lines = kwic(chosen, text.value, window=width.value, sort=order) if text.value.strip() else None
        except (NKResearchError, re.error) as err:
            out.value = f"<p>{html.escape(str(err))}</p>"
            return
        out.value = lines._repr_html_() if lines is not None else ""

    for control in (text, actor, sort, width):
        control.observe(refresh, names="value")
    refresh()
    return widgets.VBox([widgets.HBox([text, actor]), widgets.HBox([sort, width]), out])
