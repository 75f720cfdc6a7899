"""MkDocs hook: the glossary of the options the analyses share, from the package at build time.

A page holding the marker below gets ``nkresearch.analysis.core.options``' glossary in
its place: every option two public functions share, with its one meaning and default,
as ``help(nkresearch)`` prints it. An option added there appears on the page by itself.
"""

from __future__ import annotations

from typing import Any

MARKER = "<!-- nkresearch-glossary -->"


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Put the glossary where the page has the marker."""
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, glossary_markdown())


def glossary_markdown() -> str:
    """The glossary as a Markdown table: option, meaning (with its default)."""
    from nkresearch.analysis.core.options import GLOSSARY

    rows = ["| option | meaning |", "| --- | --- |"]
    for name, (meaning, default) in GLOSSARY.items():
        text = meaning.replace("|", "\\|")
        if default is not None and "Default" not in text:
            text += f" Default: `{default!r}`."
        rows.append(f"| `{name}` | {text} |")
    return "\n".join(rows) + "\n"
