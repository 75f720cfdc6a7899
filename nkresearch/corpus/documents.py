"""Documents: load a corpus (the bundled one or a folder of .txt files) into a table.

:func:`load_corpus` returns one row per document: the metadata columns, ``raw_text``
(the file as decoded) and ``text`` (cleaned by :mod:`nkresearch.corpus.cleaning`). Files are
only read, never written.
"""

from __future__ import annotations

import codecs
import unicodedata
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import pandas as pd

from ..errors import NKResearchError
from .cleaning import clean_text
from .languages import detect_language, language_code
from .page_files import read_page_files
from .pages import PAGE_FIELDS, Page, is_page
from .source import DOC_COLUMNS, Source, resolve_source
from .templates import Templates, outlets_of, templates_of

#: byte-order marks of UTF-32 and UTF-16 (UTF-32's first: it begins with UTF-16's)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: characters that show nothing: whitespace, controls, format characters (zero-width, BOM)
_INVISIBLE = frozenset(("Zs", "Zl", "Zp", "Cc", "Cf"))


#: Document formats that are not plain text, by their first bytes or their suffix, and what to do.
_OTHER_FORMATS = (
    (
        b"PK\x03\x04",
        (".docx", ".odt", ".xlsx", ".pptx", ".zip"),
        "a zipped document (Word .docx, OpenDocument .odt)",
    ),
    (b"%PDF", (".pdf",), "a PDF"),
    (b"{\\rtf", (".rtf",), "an RTF document"),
    (b"\xd0\xcf\x11\xe0", (".doc", ".xls"), "an old Word or Excel file"),
)
#: A saved web page, by its suffix or its first characters.
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".mht", ".mhtml")


def _refuse_other_formats(path: Path, data: bytes) -> None:
    """The package's error for a file that is not plain text: it names the format and what to do."""
    suffix = path.suffix.lower()
    for magic, suffixes, what in _OTHER_FORMATS:
        if data.startswith(magic) or suffix in suffixes:
            raise NKResearchError(
                f"{path}: {what}, not plain text. Save it as plain text (.txt, UTF-8) from the program "
                "that opens it, and list the .txt file instead."
            )
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if suffix in _HTML_SUFFIXES or head.startswith((b"<!doctype html", b"<html")):
        raise NKResearchError(
            f"{path}: a saved web page, not plain text: its markup would be counted as words. "
            "nkresearch reads a page saved as .html or .htm (the browser's 'Save page as... Web page, "
            "HTML only'): save or rename it so, or leave it out."
        )


def read_text(path: Path, *, encoding: str = "utf-8") -> str:
    """Read one text file, with a clear error for undecodable bytes, garbage or an empty file.

    A UTF-16 or UTF-32 file with its byte-order mark is read as such. Refused, with the
    package's error: bytes not valid in ``encoding``, NUL characters (a binary file, or
    UTF-16/32 without a byte-order mark), and a text with no visible character.
    """
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise NKResearchError(
            f"encoding={encoding!r} (reading {path}) is not an encoding Python knows. "
            "Pass one such as 'utf-8', 'cp1252' or 'latin-1'."
        ) from None
    data = path.read_bytes()
    _refuse_other_formats(path, data)
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), encoding)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise NKResearchError(
            f"{path}: bytes at offset {err.start} ({data[err.start : err.start + 4]!r}) are not "
            f"valid {encoding}. Re-save the file as UTF-8; or, if every file of the corpus is in "
            "another encoding, pass load_corpus(encoding=...) with it (for example 'cp1252' or 'latin-1')."
        ) from None
    if not text.replace("\ufeff", "").strip():
        raise NKResearchError(f"{path}: the file is empty. Remove it and its metadata row, or add its text.")
    if "\x00" in text:
        raise NKResearchError(
            f"{path}: NUL characters at offset {text.index(chr(0))}: a binary file, or UTF-16/UTF-32 "
            "text without a byte-order mark. Re-save it as UTF-8, or take it out of the corpus."
        )
    if all(unicodedata.category(c) in _INVISIBLE for c in text):
        raise NKResearchError(
            f"{path}: no visible character (only spaces, controls or zero-width characters). "
            "Remove it and its metadata row, or add its text."
        )
    return text


def load_corpus(
    source: str | Path | pd.DataFrame | Source | Sequence[str | Path] | None = None,
    *,
    metadata: str | Path | None = None,
    encoding: str = "utf-8",
    missing: Literal["error", "skip"] = "error",
) -> pd.DataFrame:
    """Load a corpus into the documents table, one row per document.

    Parameters
    ----------
    source
        ``None`` or ``"seeds"`` for the bundled corpus of five web articles,
        ``"ungdc"`` for the UN General Debate subset, a folder of ``.txt`` files, a
        documents table (``doc_id``, ``text`` and any metadata; its texts are taken as
        they are, ``language`` filled in), a source already resolved
        (:func:`nkresearch.corpus.source.resolve_source`), or a list of folders: their
        documents in one table (each folder read with its own metadata file; a
        ``doc_id`` may occur in one folder only), such as the Russian, Armenian and
        Azerbaijani dev sets together.
    metadata
        The metadata CSV: at least a ``file`` column (paths relative to the folder);
        optional ``doc_id`` (default: the file name without ``.txt``), ``date``,
        ``actor``, ``speaker`` and any other columns. Default: ``metadata.csv``
        in the folder. A relative path is looked up in the folder first.
    encoding
        The files' encoding (default UTF-8; a leading byte-order mark is dropped).
    missing
        For a list of folders: ``"error"`` (a folder that does not exist is an
        error) or ``"skip"`` (it is left out with a warning naming it, and listed
        in ``attrs["corpus"]["missing"]``; none found: a table with no row).

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, ``file``, the other metadata columns, ``raw_text`` (the file as
        decoded) and ``text`` (clean; see :mod:`nkresearch.corpus.cleaning` and
        :func:`nkresearch.cleaning_log`). ``attrs["corpus"]`` names the source.

    Raises
    ------
    NKResearchError
        For a missing metadata row or file, a duplicate ``doc_id``, bytes that are
        not in ``encoding``, an empty file, or a ``file`` outside the folder; the
        message names the file and the fix.

    Examples
    --------
    >>> import nkresearch as nk
    >>> docs = nk.load_corpus()
    >>> len(docs), list(docs.columns[:3])
    (5, ['doc_id', 'file', 'title'])
    """
    if isinstance(source, (list, tuple)):
        return _load_folders(source, metadata=metadata, encoding=encoding, missing=missing)
    if not isinstance(source, Source):
        source = resolve_source(source, metadata)  # type: ignore[arg-type]  # a list went above
    if source.documents is not None:  # a documents table: its texts as they are, its languages filled in
        docs = source.documents.copy()
        if "raw_text" not in docs.columns:
            docs["raw_text"] = docs["text"]
        if "language" in docs.columns:
            docs["language"] = [
                language_code(v, f"the documents table, row {i}") or ""
                for i, v in enumerate(docs["language"])
            ]
        _add_languages(docs)
        docs.attrs["corpus"] = dict(source.corpus)
        return docs
    return read_documents(source.table, source.folder, source.corpus, encoding=encoding)


def _load_folders(
    folders: Sequence[str | Path], *, metadata: str | Path | None, encoding: str, missing: str
) -> pd.DataFrame:
    """The documents of several folders in one table (:func:`load_corpus` with a list)."""
    if missing not in ("error", "skip"):
        raise NKResearchError(f"load_corpus: missing={missing!r} is not valid; choose 'error' or 'skip'.")
    present = [Path(f) for f in folders if Path(f).is_dir()]
    absent = [str(f) for f in folders if not Path(f).is_dir()]
    if absent and missing == "error":
        raise NKResearchError(
            f"load_corpus: {absent} not found; check the paths, or pass missing='skip' to leave them out."
        )
    if absent:
        warnings.warn(f"load_corpus: {', '.join(absent)} not found: left out", UserWarning, stacklevel=3)
    tables = [load_corpus(f, metadata=metadata, encoding=encoding) for f in present]
    docs = (
        pd.concat(tables, ignore_index=True)
        if tables
        else pd.DataFrame(columns=[*DOC_COLUMNS, "language", "language_source", "raw_text", "text"])
    )
    repeated = sorted(set(docs["doc_id"][docs["doc_id"].duplicated()].astype(str)))
    if repeated:
        raise NKResearchError(
            f"load_corpus: doc_id {repeated[:5]} occur in more than one folder; give them distinct doc_ids."
        )
    docs.attrs["corpus"] = {
        "name": " + ".join(f.name if f.name != "texts" else f.parent.name for f in present) or "no folder",
        "folders": ", ".join(str(f.resolve()) for f in present),
        "missing": ", ".join(absent),
    }
    return docs


def read_documents(
    table: pd.DataFrame,
    folder: Path,
    corpus: dict[str, str],
    *,
    encoding: str = "utf-8",
    templates: Templates | None = None,
    workers: int | None = None,
    pages: bool | None = None,
) -> pd.DataFrame:
    """Read and clean the files of checked metadata rows: the documents table of those rows.

    :func:`load_corpus` calls it on all rows; :func:`nkresearch.corpus_tokens` on
    chunks of rows, in worker processes (``workers=1``: no pool of its own), with the
    ``templates`` of all rows' outlets (:mod:`nkresearch.corpus.templates`; default:
    those of the rows read). Saved pages are read in worker processes when they are
    many (:func:`nkresearch.corpus.page_files.read_page_files`). ``pages``: whether the corpus
    holds saved pages, so that every chunk of it has the page columns (default: whether
    these rows do).
    """
    table = table.copy()
    names = [str(f) for f in table["file"]]
    at = [i for i, name in enumerate(names) if is_page(name)]
    read = read_page_files([folder / names[i] for i in at], [_cell(table, i, "url") for i in at], workers)
    read_pages: dict[int, Page] = {i: page for i, (_, page) in zip(at, read, strict=True)}
    markups = {i: markup for i, (markup, _) in zip(at, read, strict=True)}
    raw = [
        markups[i] if i in markups else read_text(folder / name, encoding=encoding)
        for i, name in enumerate(names)
    ]
    table["raw_text"] = raw
    texts = table[[i not in read_pages for i in range(len(table))]]  # a page's furniture is in its markup
    templates = templates_of(texts) if templates is None else templates
    outlets = outlets_of(table)
    if outlets is None or not templates:
        table["text"] = [
            read_pages[i].text if i in read_pages else clean_text(r)[0] for i, r in enumerate(raw)
        ]
    else:
        table["text"] = [
            read_pages[i].text
            if i in read_pages
            else clean_text(r, template=templates.get(o, frozenset()))[0]
            for i, (r, o) in enumerate(zip(raw, outlets, strict=True))
        ]
    with_pages = bool(at) if pages is None else pages
    given_language = _fill_from_pages(table, read_pages) if with_pages else []
    _add_languages(table)
    if given_language:  # the page's <html lang>, not the user's metadata
        table.loc[given_language, "language_source"] = "page"
    table["body"] = [read_pages[i].body if i in read_pages else t for i, t in enumerate(table["text"])]
    own = ("raw_text", "text", "body")
    order = [*DOC_COLUMNS, *(c for c in table.columns if c not in (*DOC_COLUMNS, *own)), *own]
    docs = table[order].reset_index(drop=True)
    docs.attrs["corpus"] = dict(corpus)
    return docs


def _cell(table: pd.DataFrame, row: int, column: str) -> str | None:
    """A metadata cell as text, None where the column is missing or the cell empty."""
    if column not in table.columns:
        return None
    value = table[column].iloc[row]
    return str(value) if isinstance(value, str) and value.strip() else None


def _fill_from_pages(table: pd.DataFrame, pages: dict[int, Page]) -> list[int]:
    """Fill the empty metadata cells of saved pages with what each page says (PAGE_FIELDS).

    Called for every chunk of a corpus that holds pages, so every chunk has the same
    columns: each of PAGE_FIELDS (a column the metadata lacks starts empty; ``outlet``
    from the host of ``url``, as the site templates read it), ``from_page`` (per
    document, the columns the page filled) and ``layout`` (a page's block roles; empty
    for a text). The user's metadata wins. Returns the table positions whose language
    came from the page.
    """
    filled: list[list[str]] = [[] for _ in range(len(table))]
    for column in PAGE_FIELDS:
        if column not in table.columns:
            outlets = outlets_of(table) if column == "outlet" else None
            table[column] = outlets.tolist() if outlets is not None else ""
        cells = table[column].tolist()
        for i, page in pages.items():
            value = page.meta.get(column, "")
            if value and _empty(cells[i]):
                cells[i] = value
                filled[i].append(column)
        table[column] = cells
    table["from_page"] = [",".join(f) for f in filled]
    table["layout"] = [pages[i].layout if i in pages else "" for i in range(len(table))]
    return [table.index[i] for i, f in enumerate(filled) if "language" in f]


def _empty(cell: object) -> bool:
    """A metadata cell with nothing in it: missing, NaN or blank text (a number is not empty)."""
    return (
        cell is None
        or (isinstance(cell, float) and cell != cell)
        or (isinstance(cell, str) and not cell.strip())
    )


def _add_languages(table: pd.DataFrame) -> None:
    """Fill ``language`` (the metadata's code, else detected from ``text``) and ``language_source``.

    A metadata ``language`` column keeps its place, ``language_source`` follows it;
    without one both go after the other metadata columns, before ``raw_text``.
    Codes are already checked and normalised (:func:`nkresearch.corpus.source.resolve_source`).
    """
    given = table["language"].tolist() if "language" in table.columns else [""] * len(table)
    codes = [g or detect_language(t) for g, t in zip(given, table["text"], strict=True)]
    sources = ["metadata" if g else "detected" for g in given]
    if "language_source" in table.columns:  # a metadata column of that name: recorded anew
        del table["language_source"]
    if "language" in table.columns:
        table["language"] = codes
        table.insert(list(table.columns).index("language") + 1, "language_source", sources)
    else:
        at = list(table.columns).index("raw_text")
        table.insert(at, "language_source", sources)
        table.insert(at, "language", codes)
