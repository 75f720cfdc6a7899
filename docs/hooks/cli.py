"""MkDocs hook: the command-line reference, generated from ``nkresearch.cli``'s parser at build time.

``docs/cli.md`` holds the marker below; this hook replaces it with every subcommand of
the ``argparse`` parser as it is when the site is built: its help, its usage line, a
table of its arguments and its example. A subcommand added to the parser appears on the page without an
edit here, and no help text is copied by hand.
"""

from __future__ import annotations

import argparse
from typing import Any

MARKER = "<!-- nkresearch-cli -->"
WIDTH = 72  # usage lines are wrapped at this width (the page's code width), whatever terminal builds the site


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Put the generated reference where the page has the marker."""
    if MARKER not in markdown:
        return markdown
    from nkresearch.cli import _parser

    return markdown.replace(MARKER, cli_reference(_parser()))


def subcommands(parser: argparse.ArgumentParser) -> dict[str, tuple[str, argparse.ArgumentParser]]:
    """Each subcommand's name, its help line and its parser, in the parser's order."""
    found: dict[str, tuple[str, argparse.ArgumentParser]] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                found[name] = (helps.get(name, ""), sub)
    return found


def cli_reference(parser: argparse.ArgumentParser) -> str:
    """The reference of the command and each subcommand, as Markdown."""
    parts = [f"### `{parser.prog}`", "", parser.description or "", "", _usage(parser), "", _arguments(parser)]
    for name, (help_text, sub) in subcommands(parser).items():
        parts += ["", f"### `{parser.prog} {name}`", "", _sentence(help_text), "", _usage(sub), ""]
        parts.append(_arguments(sub))
        if sub.epilog:  # the command's own example
            parts += ["", "```text", sub.epilog.strip(), "```"]
    return "\n".join(parts) + "\n"


def _usage(parser: argparse.ArgumentParser) -> str:
    formatter = parser.formatter_class(prog=parser.prog, width=WIDTH)
    formatter.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups)
    return "```text\n" + formatter.format_help().strip() + "\n```"


def _arguments(parser: argparse.ArgumentParser) -> str:
    formatter = parser.formatter_class(prog=parser.prog, width=WIDTH)
    rows = []
    for action in parser._actions:
        if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
            continue
        invocation = formatter._format_action_invocation(action)
        what = _sentence(action.help or "")
        default = action.default
        version = isinstance(action, argparse._VersionAction)
        shown = default not in (None, False, argparse.SUPPRESS) and not version
        if shown and "default" not in what.lower():
            what = f"{what} Default: `{default}`.".strip()
        if action.required and action.option_strings:
            what = f"Required. {what}".strip()
        rows.append(f"| `{invocation}` | {_cell(what)} |")
    if not rows:
        return ""
    return "\n".join(["| argument | what it does |", "| --- | --- |", *rows])


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", ")", "?", "!")) else text + "."


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
