"""The ``nkresearch`` command: tables without Jupyter.

Subcommands::

    nkresearch report                       run every notebook, write reports/
    nkresearch report --corpus FOLDER       the same series for a folder of one's own texts
    nkresearch corpus                       documents and how many words each voice has
    nkresearch keywords --target Baku       keyness of a group against the rest
    nkresearch collocates negotiations      window collocates of a node word
    nkresearch kwic "negotiat*"             keyword in context

Every table command takes ``--corpus`` (a bundled name or a folder), ``--by`` (the
grouping column), ``--rows``, and ``--csv PATH`` / ``--xlsx PATH`` (the whole table,
every column, for a spreadsheet). A table prints about six columns that fit a
terminal (``--columns a,b,c`` chooses them, ``--all`` prints every one); term tables
leave stopwords out unless ``--keep-stop``; a concordance prints aligned on its match;
no row is said in a sentence; a closed pipe (``| head``) ends quietly.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .analysis.terms.collocations import collocates
from .analysis.terms.keyness import keyness
from .analysis.terms.kwic import kwic
from .analysis.terms.summary import voice_summary
from .config import CACHE_ENV, VERSION
from .corpus.source import resolve_source
from .errors import NKResearchError
from .tokens.cache import corpus_tokens

#: what each table command prints by default (the rest: --all, --columns, --csv, --xlsx)
DEFAULT_COLUMNS = {
    "keywords": ["term", "n_target", "n_reference", "docs_target", "log_ratio", "g2", "significant"],
    "collocates": ["{by}", "collocate", "o", "f_collocate", "logdice", "mi"],
    "kwic": ["doc_id", "{by}", "left", "match", "right"],
}
_CONTEXT = 45  # characters of context printed on each side of a concordance match


#: The Python spellings of options in the package's messages, and their command-line flags.
_CLI_WORDS = (
    ("pass load_corpus(encoding=...) with it", "read them in Python with nk.load_corpus(encoding=...)"),
    ("load_corpus(metadata=...)", "--metadata"),
)


def _cli_words(message: str) -> str:
    """A message of the package as the command line says it: its flags, not Python calls."""
    for python, flag in _CLI_WORDS:
        message = message.replace(python, flag)
    return message


def _all_tokens(args: argparse.Namespace) -> pd.DataFrame:
    tokens = corpus_tokens(args.corpus, metadata=args.metadata, progress=False)  # cached
    if args.by not in tokens.columns:
        raise NKResearchError(
            f"--by {args.by}: the corpus has no such column; choose one of {sorted(tokens.columns)}."
        )
    return tokens


def _tokens(args: argparse.Namespace) -> pd.DataFrame:
    tokens = _all_tokens(args)
    return tokens[tokens["kind"] != "byline"]  # reader-comment bylines ("GB said:") are no one's words


def _columns(table: pd.DataFrame, args: argparse.Namespace) -> list[str]:
    if args.all:
        return list(table.columns)
    if args.columns:
        wanted = [c.strip() for c in args.columns.split(",") if c.strip()]
        unknown = [c for c in wanted if c not in table.columns]
        if unknown:
            raise NKResearchError(f"--columns: no column {unknown}; choose from {list(table.columns)}.")
        return wanted
    default = [c.format(by=args.by) for c in DEFAULT_COLUMNS.get(args.command, [])]
    return [c for c in default if c in table.columns] or list(table.columns)


def _export(table: pd.DataFrame, args: argparse.Namespace) -> None:
    if getattr(args, "csv", None):
        table.to_csv(args.csv, index=False)
        print(f"wrote {len(table)} rows to {args.csv}")
    if getattr(args, "xlsx", None):
        _write_xlsx(table, args.xlsx, sheet=args.command[:31])
        print(f"wrote {len(table)} rows to {args.xlsx}")


def _write_xlsx(table: pd.DataFrame, path: str, *, sheet: str) -> None:
    """The table as a spreadsheet a reader can work with: the header row frozen, a filter, columns fitted."""
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        table.to_excel(writer, index=False, sheet_name=sheet)
        ws = writer.sheets[sheet]
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        for k, column in enumerate(table.columns, start=1):
            longest = max([len(str(column)), *(len(str(v)) for v in table[column].head(1000))])
            ws.column_dimensions[ws.cell(row=1, column=k).column_letter].width = min(max(longest + 2, 8), 60)


def _show(table: pd.DataFrame, args: argparse.Namespace, *, empty: str) -> None:
    """Print the chosen columns of the first ``--rows`` rows, or ``empty`` when there is no row."""
    if table.empty:
        print(empty)
        _export(table, args)
        return
    shown = table[_columns(table, args)].head(args.rows)
    with pd.option_context("display.width", 200, "display.max_columns", 60, "display.max_colwidth", 60):
        print(shown.to_string(index=False, float_format=lambda x: f"{x:.3g}"))
    if len(table) > args.rows:
        print(f"... {len(table) - args.rows} more rows (--rows N, or --csv/--xlsx for all of them)")
    _export(table, args)


def _corpus(args: argparse.Namespace) -> int:
    source = resolve_source(args.corpus, args.metadata)  # the metadata: corpus_tokens reads the texts
    docs = source.table
    tokens = _all_tokens(args)
    per_doc = tokens.groupby("doc_id", observed=True).agg(
        tokens=("tok_id", "size"), words=("is_alpha", "sum")
    )
    cols = [c for c in ("doc_id", "outlet", "date", "genre") if c in docs.columns]
    listing = docs[cols].merge(per_doc.reset_index(), on="doc_id")
    print(f"Corpus {source.name!r}: {len(docs)} documents, {len(tokens):,} tokens\n")
    print(listing.head(args.rows).to_string(index=False))
    if len(listing) > args.rows:
        print(f"... {len(listing) - args.rows} more documents (--rows N)")
    print(f"\n{_voice_method(tokens, docs)}")
    print(f"\nVoices ({args.by} and kind of passage):\n")
    _show(voice_summary(tokens, by=[args.by, "kind"]), args, empty="The corpus has no words.")
    return 0


def _voice_method(tokens: pd.DataFrame, docs: pd.DataFrame) -> str:
    """Which voice method made the voices, and how many of the automatic ones declare their actor."""
    names = {"gold": "the hand annotation", "auto": "automatic attribution"}
    methods = tokens.groupby("method", observed=True)["doc_id"].unique()
    made = "; ".join(f"{names.get(str(m), str(m))} in {len(d)} documents" for m, d in methods.items())
    auto = set(map(str, methods.get("auto", [])))
    if not auto:
        return f"Voices by {made}."
    actor = (
        docs["actor"].astype(str).str.strip() if "actor" in docs.columns else pd.Series("", index=docs.index)
    )
    declared = int(((actor != "") & docs["doc_id"].astype(str).isin(auto)).sum())
    said = (
        f"{declared} of them declare their actor in the metadata (each is that actor's statement)"
        if declared
        else "none declares its actor in the metadata (an 'actor' column would make each text its statement)"
    )
    return f"Voices by {made}; {said}."


def _keywords(args: argparse.Namespace) -> int:
    table = keyness(
        _tokens(args),
        target=args.target,
        by=args.by,
        reference=args.reference,
        min_freq=args.min_freq,
        drop_stop=not args.keep_stop,
    )
    _show(table, args, empty=f"No term of {args.target} occurs at least --min-freq {args.min_freq} times.")
    return 0


def _collocates(args: argparse.Namespace) -> int:
    table = collocates(
        _tokens(args),
        args.node,
        by=args.by,
        window=args.window,
        min_freq=args.min_freq,
        drop_stop=not args.keep_stop,
    )
    _show(
        table,
        args,
        empty=f"No collocate of {args.node!r} occurs at least --min-freq {args.min_freq} times "
        f"within {args.window} words.",
    )
    return 0


def _kwic(args: argparse.Namespace) -> int:
    table = pd.DataFrame(kwic(_tokens(args), args.pattern, window=args.window, sort=args.sort, show=args.by))
    if table.empty or args.all or args.columns:
        _show(table, args, empty=f"No match for {args.pattern!r}.")
        return 0
    shown = table.head(args.rows)
    left = shown["left"].astype(str).str[-_CONTEXT:]
    right = shown["right"].astype(str).str[:_CONTEXT]
    who = shown["doc_id"].astype(str) + " " + shown[args.by].astype(str)
    width, lwidth = who.str.len().max(), left.str.len().max()
    for w, lft, m, rgt in zip(who, left, shown["match"].astype(str), right, strict=True):
        print(f"{w:<{width}}  {lft:>{lwidth}} | {m} | {rgt}")
    if len(table) > args.rows:
        print(f"... {len(table) - args.rows} more lines (--rows N, or --csv/--xlsx for all of them)")
    _export(table, args)
    return 0


def _report(args: argparse.Namespace) -> int:
    from .report import build_report

    out = args.out
    if out is None and args.corpus is not None:
        out = "report"  # a user's corpus: its report where the user works, never the project's reports/
    index = build_report(corpus=args.corpus, metadata=args.metadata, by=args.by, out=out)
    print(f"report written: {index}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nkresearch", description="Tables of nkresearch, without Jupyter.")
    parser.add_argument("--version", action="version", version=f"nkresearch {VERSION}")
    parser.add_argument(
        "--cache-dir",
        default=None,
        dest="cache_dir",
        help="the folder for token caches, also for the report's notebooks (default: data/processed/)",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def table_command(name: str, help_text: str, *, terms: bool = False) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=help_text)
        cmd.add_argument("--corpus", default=None, help="a bundled corpus name or a folder (default: seeds)")
        cmd.add_argument(
            "--metadata", default=None, help="the corpus's metadata CSV (default: its metadata.csv)"
        )
        cmd.add_argument("--by", default="actor", help="the grouping column (default: actor)")
        cmd.add_argument("--rows", type=int, default=25, help="rows to print (default 25)")
        cmd.add_argument("--columns", default=None, help="the columns to print, comma-separated")
        cmd.add_argument("--all", action="store_true", help="print every column")
        cmd.add_argument("--csv", default=None, help="also write the whole table to this CSV file")
        cmd.add_argument("--xlsx", default=None, help="also write the whole table to this Excel file")
        if terms:
            cmd.add_argument("--keep-stop", action="store_true", dest="keep_stop", help="keep stopwords")
        return cmd

    corpus = table_command("corpus", "summarise a corpus: documents and voices")
    corpus.set_defaults(run=_corpus)
    keywords = table_command("keywords", "keywords of a group against a reference", terms=True)
    keywords.add_argument("--target", required=True, help="the group studied, e.g. Baku")
    keywords.add_argument("--reference", default="rest", help="'rest', another group, or 'english'")
    keywords.add_argument("--min-freq", type=int, default=3, dest="min_freq")
    keywords.set_defaults(run=_keywords)
    coll = table_command("collocates", "words around a node word, with MI, t, logDice, delta P", terms=True)
    coll.add_argument("node", help="a word or glob, e.g. negotiations or 'negotiat*'")
    coll.add_argument("--window", type=int, default=5)
    coll.add_argument("--min-freq", type=int, default=2, dest="min_freq")
    coll.set_defaults(run=_collocates)
    conc = table_command("kwic", "keyword in context (--by: the group column shown beside each line)")
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
    if args.cache_dir is not None:
        os.environ[CACHE_ENV] = str(Path(args.cache_dir).resolve())  # this run and the kernels it starts
    try:
        return int(args.run(args))
    except NKResearchError as err:
        print(f"nkresearch: {_cli_words(str(err))}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the reader closed the pipe (`| head`): stop quietly, without Python's report at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
