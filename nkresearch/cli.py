"""The ``nkresearch`` command: tables without Jupyter.

Subcommands::

    nkresearch report                       run every notebook, write reports/
    nkresearch report --corpus FOLDER       the same series for a folder of one's own texts
    nkresearch corpus                       documents and how many words each voice has
    nkresearch keywords --target Baku       keyness of a group against the rest
    nkresearch collocates negotiations      window collocates of a node word
    nkresearch kwic "negotiat*"             keyword in context

Every table command takes ``--corpus`` (a bundled name or a folder), ``--by`` (the
grouping column) and ``--csv PATH`` (also write the table as CSV).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import pandas as pd

from .analysis.collocations import collocates
from .analysis.keyness import keyness
from .analysis.kwic import kwic
from .analysis.summary import voice_summary
from .corpus.source import resolve_source
from .errors import NKResearchError
from .tokens.cache import corpus_tokens


def _tokens(args: argparse.Namespace) -> pd.DataFrame:
    tokens = corpus_tokens(args.corpus, progress=False)  # cached
    return tokens[tokens["kind"] != "byline"]


def _show(table: pd.DataFrame, args: argparse.Namespace, *, rows: int | None = None) -> None:
    shown = table if rows is None else table.head(rows)
    with pd.option_context("display.width", 160, "display.max_columns", 30, "display.max_colwidth", 60):
        print(shown.to_string(index=False, float_format=lambda x: f"{x:.3g}"))
    if rows is not None and len(table) > rows:
        print(f"... {len(table) - rows} more rows (--rows, or --csv to get them all)")
    if args.csv:
        table.to_csv(args.csv, index=False)
        print(f"wrote {len(table)} rows to {args.csv}")


def _corpus(args: argparse.Namespace) -> int:
    source = resolve_source(args.corpus)  # the metadata: the texts are read (once) by corpus_tokens
    docs = source.table
    tokens = corpus_tokens(args.corpus, progress=False)  # cached
    per_doc = tokens.groupby("doc_id", observed=True).agg(
        tokens=("tok_id", "size"), words=("is_alpha", "sum")
    )
    cols = [c for c in ("doc_id", "outlet", "date", "genre") if c in docs.columns]
    print(f"Corpus {source.name!r}: {len(docs)} documents, {len(tokens):,} tokens\n")
    print(docs[cols].merge(per_doc.reset_index(), on="doc_id").to_string(index=False))
    print("\nVoices (actor and kind of passage):\n")
    _show(voice_summary(tokens, by=[args.by, "kind"]), args)
    return 0


def _keywords(args: argparse.Namespace) -> int:
    table = keyness(
        _tokens(args), target=args.target, by=args.by, reference=args.reference, min_freq=args.min_freq
    )
    _show(table, args, rows=args.rows)
    return 0


def _collocates(args: argparse.Namespace) -> int:
    table = collocates(_tokens(args), args.node, by=args.by, window=args.window, min_freq=args.min_freq)
    _show(table, args, rows=args.rows)
    return 0


def _kwic(args: argparse.Namespace) -> int:
    table = kwic(_tokens(args), args.pattern, window=args.window, sort=args.sort)
    _show(pd.DataFrame(table), args, rows=args.rows)
    return 0


def _report(args: argparse.Namespace) -> int:
    from .report import build_report

    out = args.out
    if out is None and args.corpus is not None:
        out = "report"  # a user's corpus: its report where the user works, never the project's reports/
    index = build_report(corpus=args.corpus, metadata=args.metadata, by=args.by, out_dir=out)
    print(f"report written: {index}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nkresearch", description="Tables of nkresearch, without Jupyter.")
    sub = parser.add_subparsers(dest="command", required=True)

    def table_command(name: str, help_text: str) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=help_text)
        cmd.add_argument("--corpus", default=None, help="a bundled corpus name or a folder (default: seeds)")
        cmd.add_argument("--by", default="actor", help="the grouping column (default: actor)")
        cmd.add_argument("--csv", default=None, help="also write the table to this CSV file")
        cmd.add_argument("--rows", type=int, default=25, help="rows to print (default 25)")
        return cmd

    corpus = table_command("corpus", "summarise a corpus: documents and voices")
    corpus.set_defaults(run=_corpus)
    keywords = table_command("keywords", "keywords of a group against a reference")
    keywords.add_argument("--target", required=True, help="the group studied, e.g. Baku")
    keywords.add_argument("--reference", default="rest", help="'rest', another group, or 'english'")
    keywords.add_argument("--min-freq", type=int, default=3, dest="min_freq")
    keywords.set_defaults(run=_keywords)
    coll = table_command("collocates", "words around a node word, with MI, t, logDice, delta P")
    coll.add_argument("node", help="a word or glob, e.g. negotiations or 'negotiat*'")
    coll.add_argument("--window", type=int, default=5)
    coll.add_argument("--min-freq", type=int, default=2, dest="min_freq")
    coll.set_defaults(run=_collocates)
    conc = table_command("kwic", "keyword in context")
    conc.add_argument("pattern", help="a word, glob or phrase")
    conc.add_argument("--window", type=int, default=7)
    conc.add_argument("--sort", choices=["left", "right"], default=None)
    conc.set_defaults(run=_kwic)
    report = sub.add_parser("report", help="run every notebook and write the HTML report and figures")
    report.add_argument(
        "--corpus",
        default=None,
        help="a folder of .txt files (default: the bundled corpora of each notebook)",
    )
    report.add_argument(
        "--metadata", default=None, help="the corpus's metadata file (default: its metadata.csv)"
    )
    report.add_argument("--by", default=None, help="the column the notebooks compare (default: actor)")
    report.add_argument(
        "--out", default=None, help="output folder (default: reports/, or ./report with --corpus)"
    )
    report.set_defaults(run=_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (2 for bad input).

    Parameters
    ----------
    argv
        The arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit status.
    """
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except NKResearchError as err:
        print(f"nkresearch: {err}", file=sys.stderr)
        return 2
