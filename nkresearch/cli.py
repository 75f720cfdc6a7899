"""The ``nkresearch`` command: tables without Jupyter.

``nkresearch corpus`` prints the documents and how many words each voice has.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import pandas as pd

from .corpus import load_corpus
from .errors import NKResearchError
from .summary import voice_summary
from .tokens import tokenize
from .voices import segment_voices


def _corpus(args: argparse.Namespace) -> int:
    docs = load_corpus(args.corpus)
    tokens = tokenize(segment_voices(docs))
    per_doc = tokens.groupby("doc_id", observed=True).agg(
        tokens=("tok_id", "size"), words=("is_alpha", "sum")
    )
    cols = [c for c in ("doc_id", "outlet", "date", "genre") if c in docs.columns]
    table = docs[cols].merge(per_doc.reset_index(), on="doc_id")
    voices = voice_summary(tokens)
    with pd.option_context("display.width", 120, "display.max_columns", 20, "display.max_colwidth", 40):
        print(f"Corpus {docs.attrs['corpus']['name']!r}: {len(docs)} documents, {len(tokens):,} tokens\n")
        print(table.to_string(index=False))
        print("\nVoices (actor and kind of passage):\n")
        print(voices.to_string(index=False, float_format=lambda x: f"{x:.1%}"))
    if args.csv:
        voices.to_csv(args.csv, index=False)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(prog="nkresearch", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    corpus = sub.add_parser("corpus", help="summarise a corpus: documents and voices")
    corpus.add_argument("--corpus", default=None, help="a bundled corpus name or a folder (default: seeds)")
    corpus.add_argument("--csv", default=None, help="also write the voices table to this CSV file")
    corpus.set_defaults(run=_corpus)
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except NKResearchError as err:
        print(f"nkresearch: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
