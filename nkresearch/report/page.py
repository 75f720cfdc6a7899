"""The report's index page: one self-contained HTML file an editor can read and forward.

It holds, in this order: a table of contents; what was analysed (each corpus the
notebooks read, its documents and the words of each group), when and with which
version; the key findings, collected from the sentences the notebooks wrote from their
tables (:mod:`.prose`), each naming its corpus and linking its figure, with the caveats
that qualify it under it; one paragraph of method; and every figure, embedded as a PNG, with its
caption, the notebook that made it and the table behind it as a CSV download. Nothing
is fetched from the network and no script runs, so the page reads the same offline,
as an e-mail attachment, and corpus text is never typeset as math. Beside each corpus
it links that corpus's explorer page (:mod:`.explorer`).
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import VERSION
from .prose import method_sentence

if TYPE_CHECKING:
    import pandas as pd
    from nbformat import NotebookNode


@dataclass(frozen=True)
class NotebookInfo:
    """A notebook of the series: its file, title, parameters and whether it writes figures."""

    path: Path
    title: str
    parameters: tuple[str, ...]
    writes_figures: bool
    defaults: tuple[tuple[str, object], ...] = ()  # the parameters written as literals, with their values


METHOD = (
    "Each document is cleaned of site debris (every removal logged with its rule), cut into voice "
    "segments (who speaks: from a hand-checked annotation where there is one, else from rules that read "
    "quote marks, reporting verbs and their sources), and tokenized with NLTK (Punkt sentences, a "
    "regular-expression word pattern). Every statistic is computed from counts that its table carries "
    "(n, N, documents): rates per 10,000 words with bootstrap intervals over sentences, keyness as log "
    "ratio (Hardie 2014) with G² (Dunning 1993) and a Bonferroni correction, collocates in windows that "
    "stop at sentence ends (logDice, MI, t-score), and counts of the conflict lexicons shipped with the "
    "package. The comparisons of groups use published estimators: weighted log-odds with an informative "
    "Dirichlet prior (Monroe, Colaresi & Quinn 2008), cosine similarity with intervals from resampling "
    "documents, Wordfish positions (Slapin & Proksch 2008) with standard errors from the likelihood's "
    "curvature, and Poisson or negative binomial regressions of a name's count on time with the words "
    "spoken as offset. Each notebook was run top to bottom in a fresh kernel; the sentences of findings and "
    "caveats were written from the tables when it ran."
)
_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222;"
    "line-height:1.45}figure{margin:2em 0;border-top:1px solid #ddd;padding-top:1em}"
    "img{max-width:100%;height:auto}figcaption{font-size:.9em;color:#444}"
    "table{border-collapse:collapse;font-size:.9em}td,th{padding:.2em .6em;border-bottom:1px solid #eee;"
    "text-align:right}td:first-child,th:first-child{text-align:left}.caveat{color:#7a4a00}"
)


def _markdown_inline(text: str) -> str:
    """The few Markdown marks the generated sentences use (bold, italics, code) as HTML, escaped."""
    out = html.escape(text).replace("\\$", "$")
    out = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", out)
    out = re.sub(r"`(.+?)`", r"<code>\1</code>", out)
    return re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", out)


@dataclass(frozen=True)
class Sentences:
    """What one :class:`~.prose.Prose` output of a notebook said, and about what."""

    findings: tuple[str, ...]
    caveats: tuple[str, ...]
    corpus: str = ""
    figure: str = ""


def notebook_sentences(nb: NotebookNode) -> list[Sentences]:
    """The sentences a notebook's :class:`~.prose.Prose` outputs carry, in order."""
    said: list[Sentences] = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get("text/markdown", output.get("metadata", {}))
            prose = meta.get("nkresearch") if isinstance(meta, dict) else None
            if isinstance(prose, dict) and (prose.get("findings") or prose.get("caveats")):
                said.append(
                    Sentences(
                        tuple(str(s) for s in prose.get("findings", [])),
                        tuple(str(s) for s in prose.get("caveats", [])),
                        str(prose.get("corpus", "")),
                        str(prose.get("figure", "")),
                    )
                )
    return said


def _sentences_html(said: Sentences, figures: dict[str, str]) -> str:
    """One output's findings, its figure linked and its corpus named, its caveats under it."""
    esc = html.escape
    about = []
    if said.figure in figures:
        about.append(f'<a href="#{esc(said.figure)}">Figure: {esc(figures[said.figure])}</a>')
    if said.corpus:
        about.append(f"corpus <code>{esc(said.corpus)}</code>")
    text = " ".join(_markdown_inline(s) for s in said.findings)
    caveats = "".join(f'<li class="caveat">Caveat. {_markdown_inline(c)}</li>' for c in said.caveats)
    note = f" <small>({'; '.join(about)})</small>" if about else ""
    under = f"<ul>{caveats}</ul>" if caveats else ""
    return f"<li>{text}{note}{under}</li>"


def report_corpora(
    executed: list[tuple[NotebookInfo, NotebookNode]], parameters: dict[str, object]
) -> dict[str, tuple[str | None, str]]:
    """Each corpus the notebooks read, with its metadata file and the column they compare."""
    corpora: dict[str, tuple[str | None, str]] = {}
    for info, _ in executed:
        values = {**dict(info.defaults), **{k: v for k, v in parameters.items() if k in info.parameters}}
        if "corpus" in values:
            meta = values.get("metadata")
            corpora.setdefault(
                str(values["corpus"]), (str(meta) if meta else None, str(values.get("by", "actor")))
            )
    return corpora


def _corpus_facts(
    corpora: dict[str, tuple[str | None, str]], explorers: dict[str, str], read: dict[str, pd.DataFrame]
) -> str:
    from ..analysis.terms.summary import voice_summary
    from ..tokens.cache import corpus_tokens

    parts = []
    for corpus, (metadata, by) in corpora.items():
        tokens = read.get(corpus)
        if tokens is None:
            tokens = corpus_tokens(corpus, metadata=metadata, progress=False)  # cached by the notebooks' run
        tokens = tokens[tokens["kind"] != "byline"]  # as the notebooks count: one number per group
        table = voice_summary(tokens, by=by)
        rows = "".join(
            f"<tr><td>{html.escape(str(g))}</td><td>{int(d):,}</td><td>{int(w):,}</td></tr>"
            for g, d, w in zip(table[by], table["docs"], table["words"], strict=True)
        )
        docs = tokens["doc_id"].nunique()
        explore = (
            f' <a href="{html.escape(explorers[corpus])}">Explore its words</a>: any two groups compared, '
            "every term one click from its lines."
            if corpus in explorers
            else ""
        )
        parts.append(
            f"<h3>{html.escape(str(corpus))}</h3><p>{docs:,} documents, {int(table['words'].sum()):,} "
            "words (tokens that are not punctuation; reader-comment bylines left out, as in the notebooks). "
            f"{html.escape(method_sentence(table.attrs.get('methods', {})))}{explore}</p>"
            f"<table><tr><th>{html.escape(by)}</th>"
            f"<th>documents</th><th>words</th></tr>{rows}</table>"
        )
    return "".join(parts)


def _data_uri(path: Path, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def index_page(
    executed: list[tuple[NotebookInfo, NotebookNode]],
    figures: dict[str, dict[str, object]],
    *,
    figures_dir: Path,
    parameters: dict[str, object],
    explorers: dict[str, str] | None = None,
    tokens: dict[str, pd.DataFrame] | None = None,
) -> str:
    """The HTML of the index page for the notebooks run (``executed``) and the figures they saved.

    ``explorers`` maps a corpus to its explorer page (linked beside its facts); ``tokens``
    holds each corpus's tokens table when the caller has read it already.
    """
    esc = html.escape
    corpora = report_corpora(executed, parameters)
    shown_figures = {
        name: str(entry["caption"])
        for name, entry in figures.items()
        if (figures_dir / f"{name}.png").is_file()
    }
    sections = []
    toc = []
    for info, nb in executed:
        said = notebook_sentences(nb)
        if said:
            anchor = f"findings-{info.path.stem}"
            items = "".join(_sentences_html(s, shown_figures) for s in said)
            sections.append(
                f'<h3 id="{esc(anchor)}"><a href="{esc(info.path.stem)}.html">{esc(info.title)}</a></h3>'
                f"<ul>{items}</ul>"
            )
            toc.append(f'<li><a href="#{esc(anchor)}">{esc(info.title)}</a></li>')
    titles = {info.path.stem: info.title for info, _ in executed}
    shown = []
    for name, entry in sorted(figures.items(), key=lambda kv: (str(kv[1]["notebook"]), kv[0])):
        png = figures_dir / f"{name}.png"
        if str(entry["notebook"]) not in titles or not png.is_file():
            continue  # a figure of an earlier run, or saved without a PNG
        caption = esc(str(entry["caption"]))
        image = f'<img src="{_data_uri(png, "image/png")}" alt="{caption}">'
        links = [
            f'<a href="{esc(info_stem)}.html">{esc(titles[info_stem])}</a>'
            for info_stem in [str(entry["notebook"])]
        ]
        if entry.get("table"):
            csv = figures_dir / str(entry["table"])
            links.append(
                f'<a download="{esc(csv.name)}" href="{_data_uri(csv, "text/csv")}">the data (CSV)</a>'
            )
        shown.append(
            f'<figure id="{esc(name)}">{image}<figcaption><b>{caption}</b><br>Made by {" · ".join(links)}'
            f" · <code>{esc(name)}</code></figcaption></figure>"
        )
    notebooks = "".join(
        f'<li><a href="{esc(info.path.stem)}.html">{esc(info.title)}</a> '
        f'(<a href="notebooks/{esc(info.path.name)}">executed notebook</a>)</li>'
        for info, _ in executed
    )
    contents = (
        '<nav><h2>Contents</h2><ol><li><a href="#analysed">What was analysed</a></li>'
        f'<li><a href="#findings">Key findings and their caveats</a><ol>{"".join(toc)}</ol></li>'
        '<li><a href="#method">Method</a></li><li><a href="#notebooks">Notebooks</a></li>'
        f'<li><a href="#figures">Figures</a> ({len(shown)})</li></ol></nav>'
    )
    built = dt.date.today().isoformat()
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>nkresearch report</title><style>{_STYLE}</style></head><body>"
        "<h1>nkresearch report</h1>"
        f"<p>Built {built} with nkresearch {esc(VERSION)}: {len(executed)} notebooks, "
        f"{len(shown)} figures.</p>"
        f"{contents}"
        f'<h2 id="analysed">What was analysed</h2>{_corpus_facts(corpora, explorers or {}, tokens or {})}'
        '<h2 id="findings">Key findings and their caveats</h2><p>Each finding names its corpus and links its '
        "figure; the caveats that qualify it are under it.</p>"
        f"{''.join(sections) or '<p>The notebooks wrote no findings.</p>'}"
        f'<h2 id="method">Method</h2><p>{esc(METHOD)}</p>'
        f'<h2 id="notebooks">Notebooks</h2><ol>{notebooks}</ol>'
        f'<h2 id="figures">Figures</h2>{"".join(shown)}</body></html>\n'
    )
