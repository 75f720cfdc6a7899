"""The ``nkresearch`` command: every table of the package without Jupyter.

Subcommands::

    nkresearch report                       run every notebook, write reports/
    nkresearch report --corpus FOLDER       the same series for a folder of one's own texts
    nkresearch corpus                       the documents, their words, and the voice method
    nkresearch keywords --target Baku       keyness of a group against the rest
    nkresearch kwic "negotiat*"             keyword in context
    nkresearch explorer --out page.html     the offline explorer of a corpus
    ...                                     one command per analysis (``nkresearch --help``)

The table commands are generated from the analyses (:data:`COMMANDS`): each option is
a parameter of the analysis, with its default and the first sentence of its
docstring, so a command and a Python call with the same options give the same table.
Every table command also takes ``--corpus`` (a bundled name or a folder),
``--metadata``, ``--encoding``, ``--cache-dir``, ``--drop-kinds`` (the kinds of
passage left out, as the notebooks' parameter: reader-comment bylines), ``--rows``,
``--columns``/``--all`` (what is printed) and ``--csv PATH``/``--xlsx PATH`` (the
printed table whole: every row and column). A concordance prints aligned on its
match; a closed pipe (``| head``) ends quietly.
"""

from __future__ import annotations

import argparse
import inspect
import os
import re
import sys
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .analysis.core.results import ANALYSES
from .analysis.terms.lexicons import read_lexicon
from .analysis.terms.summary import voice_methods
from .config import CACHE_ENV, VERSION
from .corpus.documents import load_corpus
from .corpus.source import resolve_source
from .errors import NKResearchError
from .report.prose import method_sentence
from .tokens.cache import corpus_tokens


@dataclass(frozen=True)
class Command:
    """A table command: its name, the analysis it runs, an example, the columns it prints."""

    name: str
    analysis: str
    example: str
    columns: tuple[str, ...] = ()
    lexicon: str | None = None  # a bundled lexicon the command counts (names, frames)
    help: str | None = None  # what --help says it does (default: its analysis's first sentence)


#: The table commands, generated from these analyses (``nkresearch <name> --help``).
COMMANDS = (
    Command("voices", "voice_summary", "nkresearch voices --by actor,kind"),
    Command("frequencies", "term_frequencies", "nkresearch frequencies --by actor --drop-stop"),
    Command("ngrams", "ngrams", "nkresearch ngrams --n 3 --drop-stop --min-freq 3"),
    Command(
        "keywords",
        "keyness",
        "nkresearch keywords --target Baku --reference Stepanakert",
        ("term", "n_target", "n_reference", "docs_target", "log_ratio", "g2", "significant"),
    ),
    Command("keywords-english", "keyness_english", "nkresearch keywords-english --target Baku"),
    Command("keyness-summary", "keyness_summary", "nkresearch keyness-summary --targets Baku,Stepanakert"),
    Command(
        "collocates",
        "collocates",
        "nkresearch collocates 'negotiat*' --window 5 --drop-stop",
        ("{by}", "collocate", "o", "f_collocate", "logdice", "mi"),
    ),
    Command("collocations", "collocations", "nkresearch collocations --measure pmi --min-freq 5"),
    Command("kwic", "kwic", "nkresearch kwic 'artsakh|nagorn?-karabakh' --show actor --sort right"),
    Command("dispersion", "dispersion", "nkresearch dispersion 'artsakh|karabakh' --by doc_id"),
    Command("diversity", "lexical_diversity", "nkresearch diversity --by actor"),
    Command(
        "names",
        "lexicon_counts",
        "nkresearch names --count-by canonical",
        lexicon="naming",
        help="Count the names of places and sides per group (the bundled naming lexicon)",
    ),
    Command(
        "frames",
        "lexicon_counts",
        "nkresearch frames --by actor",
        lexicon="frames",
        help="Count the frame words per group (the bundled frames lexicon)",
    ),
    Command(
        "lexicon",
        "lexicon_counts",
        "nkresearch lexicon naming --count-by entry",
        help="Count a lexicon's entries per group (a bundled lexicon's name or a CSV of category,entry)",
    ),
    Command("matches", "lexicon_matches", "nkresearch matches naming"),
    Command("log-odds", "log_odds", "nkresearch log-odds --target Baku --reference Stepanakert"),
    Command("similarity", "similarity", "nkresearch similarity --by actor --n-boot 200"),
    Command("trends", "trends", "nkresearch trends 'artsakh|karabakh' --corpus ungdc --time year"),
    Command(
        "wordscores",
        "wordscores",
        "nkresearch wordscores ARM-1992=-1,AZE-1992=1 --corpus ungdc --show actor,year",
    ),
    Command(
        "wordscores-words",
        "wordscores_words",
        "nkresearch wordscores-words Yerevan=-1,Baku=1 --corpus ungdc --by actor",
    ),
    Command("wordfish", "wordfish", "nkresearch wordfish --corpus ungdc --by actor --dir Yerevan,Baku"),
    Command(
        "wordfish-words",
        "wordfish_words",
        "nkresearch wordfish-words --corpus ungdc --by actor --dir Yerevan,Baku",
    ),
)
#: columns printed when a command names none: about what fits a terminal
FIRST_COLUMNS = 7
_CONTEXT = 45  # characters of context printed on each side of a concordance match
#: options every table command has; an analysis parameter of the same name is not generated
_COMMON = (
    "corpus",
    "metadata",
    "encoding",
    "cache_dir",
    "drop_kinds",
    "rows",
    "columns",
    "all",
    "csv",
    "xlsx",
)

#: The Python spellings of options in the package's messages, and their command-line flags.
_CLI_WORDS = (
    ("pass load_corpus(encoding=...) with it", "pass --encoding with it"),
    ("load_corpus(encoding=...)", "--encoding"),
    ("load_corpus(metadata=...)", "--metadata"),
    ("build_report: no notebook has the parameter(s)", "-p: no notebook has the parameter(s)"),
    ("build_report: metadata= and by= need corpus=", "report: --metadata and --by need --corpus"),
)


def _cli_words(message: str, options: Sequence[str] = ()) -> str:
    """A message of the package as the command line says it: its flags, not Python calls.

    ``options`` are the parameters of the command's function: ``target='Bak'`` in a
    message becomes ``--target 'Bak'``.

    >>> _cli_words("keyness: target='Bak' is not a group of by=['actor']", ["target", "by"])
    "keyness: --target 'Bak' is not a group of --by ['actor']"
    """
    for python, flag in _CLI_WORDS:
        message = message.replace(python, flag)
    for name in options:
        message = re.sub(rf"(?<![\w.-]){re.escape(name)}=", f"--{name.replace('_', '-')} ", message)
    return message


def _options_named(args: argparse.Namespace | None) -> list[str]:
    """The parameters of the function a command runs (none for the others)."""
    spec = getattr(args, "spec", None)
    if spec is not None:
        return list(inspect.signature(inspect.unwrap(ANALYSES[spec.analysis])).parameters)[1:]
    if getattr(args, "command", None) == "explorer":
        from .report.explorer import explorer

        return list(inspect.signature(inspect.unwrap(explorer)).parameters)[1:]
    return []


# --- options generated from a signature ------------------------------------------------


def _plain_rst(text: str) -> str:
    """Docstring markup as plain text: ``x`` and :func:`nkresearch.x` as x."""
    return re.sub(r":\w+:`~?([^`]+)`|``([^`]+)``", lambda m: m.group(1) or m.group(2), text)


def _first_sentence(text: str) -> str:
    """Up to the first full stop or semicolon outside parentheses (escaped for argparse's %)."""
    depth = 0
    for k, char in enumerate(text):
        depth += (char in "([") - (char in ")]")
        if char in ".;" and depth == 0 and (k + 1 == len(text) or text[k + 1] == " "):
            return text[:k].replace("%", "%%")
    return text.rstrip(".").replace("%", "%%")


def _param_help(func: Callable[..., Any]) -> dict[str, str]:
    """The first sentence of each parameter's description in a numpy docstring."""
    doc = inspect.getdoc(func) or ""
    section = re.search(r"Parameters\n-{3,}\n(.*?)(?:\n\n[A-Z][a-z]+\n-{3,}|\Z)", doc, re.S)
    out: dict[str, str] = {}
    name = None
    for line in (section.group(1) if section else "").splitlines():
        if line and not line.startswith(" "):
            name = line.split(":")[0].strip()
            out[name] = ""
        elif name is not None and line.strip():
            out[name] = f"{out[name]} {line.strip()}".strip()
    return {k: _first_sentence(_plain_rst(v)) for k, v in out.items()}


def _args_of(hint: object) -> tuple[object, ...]:
    return typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, type(int | str)) else (hint,)


def _scalar(hint: object) -> Callable[[str], Any]:
    """How one value of ``hint`` is read from the command line: a number, a text, or either."""
    kinds = {a for a in _args_of(hint) if a is not type(None)}
    kinds |= {x for a in list(kinds) for x in typing.get_args(a) if x in (int, float)}
    numeric: Callable[[str], Any] | None = int if int in kinds else float if float in kinds else None
    if numeric is None:
        return str
    if str not in kinds:
        return numeric
    number = numeric

    def number_or_text(text: str) -> Any:  # a prior is "informative" or a number
        try:
            return number(text)
        except ValueError:
            return text

    return number_or_text


def _is_listy(hint: object) -> bool:
    return any(typing.get_origin(a) in (tuple, list, Sequence) for a in _args_of(hint))


def _only_listy(hint: object) -> bool:
    """A parameter that takes several values and never one bare value (``targets``)."""
    return _is_listy(hint) and not any(a in (str, int, float) for a in _args_of(hint))


def _reader(hint: object) -> Callable[[str], Any]:
    """How a parameter's value is read, the package's errors said as argparse says a bad value."""
    read = _read(hint)

    def checked(text: str) -> Any:
        try:
            return read(text)
        except NKResearchError as err:
            raise argparse.ArgumentTypeError(_cli_words(str(err))) from None

    checked.__name__ = getattr(read, "__name__", "value")
    return checked


def _read(hint: object) -> Callable[[str], Any]:
    """How a parameter's value is read: comma-separated where the analysis takes several."""
    one = _scalar(hint)
    if any(a in (pd.DataFrame,) for a in _args_of(hint)):
        return read_lexicon
    if any(typing.get_origin(a) is Mapping or a is pd.Series for a in _args_of(hint)):
        return _scores
    if not _is_listy(hint):
        return one

    always = _only_listy(hint)

    def several(text: str) -> Any:
        parts = [p.strip() for p in text.split(",") if p.strip()]
        return one(parts[0]) if len(parts) == 1 and not always else tuple(one(p) for p in parts)

    return several


def _scores(text: str) -> dict[str, float]:
    """``"ARM-1992=-1,AZE-1992=1"`` as ``{"ARM-1992": -1.0, "AZE-1992": 1.0}``."""
    scores = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, sep, value = part.rpartition("=")
        try:
            scores[key.strip()] = float(value)
        except ValueError:
            sep = ""
        if not sep:
            raise NKResearchError(
                f"reference scores: {part!r} is not TEXT=SCORE; write e.g. ARM-1992=-1,AZE-1992=1."
            )
    return scores


def _add_option(cmd: argparse.ArgumentParser, param: inspect.Parameter, hint: object, help_text: str) -> None:
    """One parameter of an analysis as an option (or a positional argument) of its command."""
    flag = "--" + param.name.replace("_", "-")
    literal = [a for a in _args_of(hint) if typing.get_origin(a) is typing.Literal]
    choices = [str(c) for a in literal for c in typing.get_args(a)] or None
    if param.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD:
        cmd.add_argument(param.name, type=_reader(hint), help=help_text)
    elif param.default is inspect.Parameter.empty:
        cmd.add_argument(flag, dest=param.name, type=_reader(hint), required=True, help=help_text)
    elif hint is bool:
        cmd.add_argument(
            flag,
            dest=param.name,
            action=argparse.BooleanOptionalAction,
            default=param.default,
            help=f"{help_text} (default: {'on' if param.default else 'off'})",
        )
    else:
        default = ",".join(map(str, param.default)) if isinstance(param.default, tuple) else param.default
        shown = help_text if default is None else f"{help_text} (default: {default})".strip()
        if choices:
            cmd.add_argument(flag, dest=param.name, choices=choices, default=param.default, help=shown)
        else:
            cmd.add_argument(flag, dest=param.name, type=_reader(hint), default=param.default, help=shown)


def _add_analysis_options(
    cmd: argparse.ArgumentParser, func: Callable[..., Any], *, skip: tuple[str, ...] = ()
) -> None:
    """Every parameter of ``func`` after its first (the tokens table) as an option of ``cmd``."""
    original = inspect.unwrap(func)
    hints = typing.get_type_hints(original)
    helps = _param_help(original)
    for name, param in list(inspect.signature(original).parameters.items())[1:]:
        if name in skip or name in _COMMON:
            continue
        _add_option(cmd, param, hints.get(name, str), helps.get(name, ""))


def _options_of(func: Callable[..., Any], args: argparse.Namespace) -> dict[str, Any]:
    names = list(inspect.signature(inspect.unwrap(func)).parameters)[1:]
    return {n: getattr(args, n) for n in names if hasattr(args, n) and n not in _COMMON}


# --- reading the corpus and printing a table ---------------------------------------------


def _all_tokens(args: argparse.Namespace) -> pd.DataFrame:
    """The corpus's tokens (cached); read with ``--encoding`` when it is not UTF-8."""
    if args.encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        return corpus_tokens(args.corpus, metadata=args.metadata, progress=False)
    docs = load_corpus(args.corpus, metadata=args.metadata, encoding=args.encoding)
    return corpus_tokens(docs, progress=False)  # cached by a hash of the texts read


def _tokens(args: argparse.Namespace) -> pd.DataFrame:
    """The tokens the analyses read: without the kinds of passage of ``--drop-kinds``."""
    tokens = _all_tokens(args)
    drop = [k.strip() for k in args.drop_kinds.split(",") if k.strip()]
    return tokens[~tokens["kind"].isin(drop)] if drop else tokens


def _columns(table: pd.DataFrame, args: argparse.Namespace, default: Sequence[str]) -> list[str]:
    if args.all:
        return list(table.columns)
    if args.columns:
        wanted = [c.strip() for c in args.columns.split(",") if c.strip()]
        unknown = [c for c in wanted if c not in table.columns]
        if unknown:
            raise NKResearchError(f"--columns: no column {unknown}; choose from {list(table.columns)}.")
        return wanted
    by = getattr(args, "by", None)
    named = [c.format(by=by) for c in default]
    return [c for c in named if c in table.columns] or list(table.columns)[:FIRST_COLUMNS]


def _export(table: pd.DataFrame, args: argparse.Namespace) -> None:
    if args.csv:
        table.to_csv(args.csv, index=False)
        print(f"wrote {len(table)} rows to {args.csv}")
    if args.xlsx:
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


def _show(table: pd.DataFrame, args: argparse.Namespace, *, empty: str, default: Sequence[str] = ()) -> None:
    """Print the chosen columns of the first ``--rows`` rows, or ``empty`` when there is no row."""
    if table.empty:
        print(empty)
        _export(table, args)
        return
    shown = table[_columns(table, args, default)].head(args.rows)
    with pd.option_context("display.width", 200, "display.max_columns", 60, "display.max_colwidth", 60):
        print(shown.to_string(index=False, float_format=lambda x: f"{x:.3g}"))
    if len(table) > args.rows:
        print(f"... {len(table) - args.rows} more rows (--rows N, or --csv/--xlsx for all of them)")
    _export(table, args)


def _empty_message(args: argparse.Namespace) -> str:
    floor = getattr(args, "min_freq", None)
    return f"No rows{f' (no term occurs --min-freq {floor} times)' if floor and floor > 1 else ''}."


# --- the commands ----------------------------------------------------------------------


def _analysis(args: argparse.Namespace) -> int:
    command: Command = args.spec
    func = ANALYSES[command.analysis]
    options = _options_of(func, args)
    if command.lexicon is not None:
        options["lexicon"] = read_lexicon(command.lexicon)
    table = func(_tokens(args), **options)
    if command.analysis == "kwic" and not (args.all or args.columns):
        return _print_concordance(pd.DataFrame(table), args)
    _show(table, args, empty=_empty_message(args), default=command.columns)
    return 0


def _print_concordance(table: pd.DataFrame, args: argparse.Namespace) -> int:
    """A concordance aligned on its match: document (and ``--show``), left, match, right."""
    if table.empty:
        print(f"No match for {args.pattern!r}.")
        _export(table, args)
        return 0
    shown = table.head(args.rows)
    left = shown["left"].astype(str).str[-_CONTEXT:]
    right = shown["right"].astype(str).str[:_CONTEXT]
    extra = [
        c for c in shown.columns if c not in ("doc_id", "left", "match", "right", "start", "end", "seg_id")
    ]
    shows = [c for c in extra if c in str(args.show or "").split(",") or c == args.show]
    who = shown[["doc_id", *shows]].astype(str).agg(" ".join, axis=1)
    width, lwidth = who.str.len().max(), left.str.len().max()
    for w, lft, m, rgt in zip(who, left, shown["match"].astype(str), right, strict=True):
        print(f"{w:<{width}}  {lft:>{lwidth}} | {m} | {rgt}")
    if len(table) > args.rows:
        print(f"... {len(table) - args.rows} more lines (--rows N, or --csv/--xlsx for all of them)")
    _export(table, args)
    return 0


def _corpus(args: argparse.Namespace) -> int:
    """The documents (with their tokens and words) and which voice method made the voices."""
    source = resolve_source(args.corpus, args.metadata)
    docs = source.table
    tokens = _all_tokens(args)
    per_doc = tokens.groupby("doc_id", observed=True).agg(
        tokens=("tok_id", "size"), words=("is_alpha", "sum")
    )
    cols = [c for c in ("doc_id", "actor", "outlet", "date", "year", "genre") if c in docs.columns]
    listing = docs[cols].merge(per_doc.reset_index(), on="doc_id")
    listing.attrs = {}
    print(f"Corpus {source.name!r}: {len(docs)} documents, {len(tokens):,} tokens")
    print(f"{_voice_method(tokens, docs)} The words of each voice: nkresearch voices.\n")
    _show(listing, args, empty="The corpus has no documents.", default=list(listing.columns))
    return 0


def _voice_method(tokens: pd.DataFrame, docs: pd.DataFrame) -> str:
    """Which voice method made the voices, and how many of the automatic ones declare their actor."""
    said = method_sentence(voice_methods(tokens))
    auto = set(map(str, tokens.loc[tokens["method"] == "auto", "doc_id"].unique()))
    if not auto:
        return said
    actor = (
        docs["actor"].astype(str).str.strip() if "actor" in docs.columns else pd.Series("", index=docs.index)
    )
    declared = int(((actor != "") & docs["doc_id"].astype(str).isin(auto)).sum())
    if declared:
        return (
            f"{said} {declared} of the automatic ones declare their actor in the metadata "
            "(each is that actor's statement)."
        )
    return (
        f"{said} None of the automatic ones declares its actor in the metadata "
        "(an 'actor' column would make each text its statement)."
    )


def _explorer(args: argparse.Namespace) -> int:
    from .report.explorer import explorer

    options = _options_of(explorer, args)
    print(f"explorer written: {explorer(_tokens(args), **options)}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from .report import build_report
    from .report.build import WARNINGS_LOG, list_notebooks, parameter_value, read_notebook_info

    out = args.out
    if out is None and args.corpus is not None:
        out = "report"  # a user's corpus: its report where the user works, never the project's reports/
    series = list_notebooks()
    if args.notebooks:
        wanted = [w.strip() for w in args.notebooks.split(",") if w.strip()]
        unknown = [w for w in wanted if not any(p.stem.startswith(w) for p in series)]
        if unknown:
            raise NKResearchError(
                f"--notebooks: no notebook {unknown}; choose from {[p.stem for p in series]}."
            )
        series = [p for p in series if any(p.stem.startswith(w) for w in wanted)]
    infos = [read_notebook_info(path) for path in series]
    parameters = {name: parameter_value(name, text, infos) for name, text in args.parameter}
    index = build_report(
        corpus=args.corpus,
        metadata=args.metadata,
        by=args.by,
        out=out,
        parameters=parameters,
        notebooks=series,
    )
    print(f"report written: {index}")
    log = Path(index).parent / "notebooks" / WARNINGS_LOG
    if log.is_file():
        n = len(log.read_text(encoding="utf-8").splitlines())
        print(f"{n} warning{'s' if n != 1 else ''} of the build (the package's and its libraries'): {log}")
    return 0


# --- the parser ---------------------------------------------------------------------------


def _corpus_options(cmd: argparse.ArgumentParser) -> None:
    """Which corpus a command reads, and how."""
    cmd.add_argument("--corpus", default=None, help="a bundled corpus name or a folder (default: seeds)")
    cmd.add_argument("--metadata", default=None, help="the corpus's metadata CSV (default: its metadata.csv)")
    cmd.add_argument("--encoding", default="utf-8", help="the encoding of the texts (default: utf-8)")
    _cache_dir_option(cmd)
    cmd.add_argument(
        "--drop-kinds",
        default="byline",
        dest="drop_kinds",
        help="kinds of passage left out, comma-separated; '' keeps all (default: byline, as the notebooks)",
    )


def _output_options(cmd: argparse.ArgumentParser) -> None:
    """What a table command prints and writes."""
    cmd.add_argument("--rows", type=int, default=25, help="rows to print (default 25)")
    cmd.add_argument("--columns", default=None, help="the columns to print, comma-separated")
    cmd.add_argument("--all", action="store_true", help="print every column")
    cmd.add_argument("--csv", default=None, help="also write the whole table to this CSV file")
    cmd.add_argument("--xlsx", default=None, help="also write the whole table to this Excel file")


def _cache_dir_option(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "--cache-dir",
        default=argparse.SUPPRESS,
        dest="cache_dir",
        help="the folder of the token caches, also of the report's notebooks (default: data/processed/)",
    )


def _command(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help_text: str,
    example: str,
    *,
    table: bool = True,
) -> argparse.ArgumentParser:
    """A command that reads a corpus (and, a table command, prints and writes a table)."""
    cmd = sub.add_parser(
        name,
        help=help_text,
        description=help_text,
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _corpus_options(cmd)
    if table:
        _output_options(cmd)
    return cmd


def _first_line(func: Callable[..., Any]) -> str:
    return _first_sentence(_plain_rst((inspect.getdoc(func) or "").split("\n", 1)[0]))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nkresearch", description="Tables of nkresearch, without Jupyter.")
    parser.add_argument("--version", action="version", version=f"nkresearch {VERSION}")
    _cache_dir_option(parser)
    sub = parser.add_subparsers(dest="command", required=True, metavar="command")
    corpus = _command(
        sub,
        "corpus",
        "the documents, their words, and which voice method made the voices",
        "nkresearch corpus --corpus my-texts/",
    )
    corpus.set_defaults(run=_corpus)
    for command in COMMANDS:
        func = ANALYSES[command.analysis]
        cmd = _command(sub, command.name, command.help or _first_line(func), command.example)
        _add_analysis_options(cmd, func, skip=("lexicon",) if command.lexicon else ())
        cmd.set_defaults(run=_analysis, spec=command)
    from .report.explorer import explorer

    page = _command(
        sub,
        "explorer",
        _first_line(explorer),
        "nkresearch explorer --corpus ungdc --out ungdc.html",
        table=False,
    )
    _add_analysis_options(page, explorer)
    page.set_defaults(run=_explorer)
    report = sub.add_parser(
        "report",
        help="run every notebook and write the HTML report and figures",
        epilog="examples:\n  nkresearch report --corpus my-texts/ --metadata my-texts/metadata.csv\n"
        "  nkresearch report --corpus my-texts/ -p parties Baku,Yerevan -p periods 1992-2019,2020-",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
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
    report.add_argument(
        "--notebooks", default=None, help="run only these notebooks, comma-separated: 03,08 (default: all)"
    )
    report.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="set a notebook parameter, papermill's way: -p parties Baku,Yerevan -p periods 1992-2019,2020- "
        "(a comma makes a list; any name of a notebook's parameters cell)",
    )
    _cache_dir_option(report)
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
    args = None
    try:
        args = _parser().parse_args(argv)
        if getattr(args, "cache_dir", None) is not None:
            os.environ[CACHE_ENV] = str(Path(args.cache_dir).resolve())  # this run and the kernels it starts
        return int(args.run(args))
    except NKResearchError as err:
        print(f"nkresearch: {_cli_words(str(err), _options_named(args))}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the reader closed the pipe (`| head`): stop quietly, without Python's report at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
