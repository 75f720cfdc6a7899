"""A corpus source resolved once: its folder, its checked metadata, its files and their sizes.

A bundled corpus name (``"seeds"``, ``"ungdc"``), a folder of ``.txt`` files with a
metadata CSV, or a documents table already in memory (``doc_id``, ``text`` and any
metadata: the table of :func:`nkresearch.load_corpus`, or one a user made) becomes
one :class:`Source`. The metadata is read and checked once, the folder scanned once
and each file's size read once (a table's texts are hashed once instead); the loader
(:func:`nkresearch.load_corpus`), the tokens cache's key and its build all take the
same object.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import stat
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

import pandas as pd

from ..config import BUNDLED_CORPORA
from ..errors import NKResearchError
from .languages import language_code

#: Columns every documents table has, in this order, before the other metadata.
DOC_COLUMNS = ("doc_id", "file")
#: Metadata columns the package reads by name: one spelled otherwise would be silently ignored.
KNOWN_COLUMNS = (
    "file", "doc_id", "actor", "speaker", "date", "year", "title", "outlet", "language", "genre", "url"
)  # fmt: skip


@dataclass(frozen=True, eq=False)
class Source:
    """A resolved corpus: where it is and what it holds (see the module docstring)."""

    #: The bundled corpus's name, or the folder's name.
    name: str
    #: The folder of text files, as given.
    folder: Path
    #: The metadata CSV.
    metadata: Path
    #: The checked metadata rows: ``doc_id``, ``file`` and the other columns.
    table: pd.DataFrame
    #: Each listed file's size in bytes, in the order of ``table``.
    sizes: tuple[int, ...]
    #: The documents themselves, for a documents table (then there is no folder).
    documents: pd.DataFrame | None = None
    #: For a documents table: the SHA-256 of its contents (every column, every row).
    content: str = ""

    @property
    def files(self) -> list[Path]:
        """The text files, in the order of ``table`` (none for a documents table)."""
        if self.documents is not None:
            return []
        return [self.folder / f for f in self.table["file"]]

    @property
    def corpus(self) -> dict[str, str]:
        """What a documents table records of its source (``attrs["corpus"]``)."""
        return {"name": self.name, "folder": str(self.folder), "metadata": str(self.metadata)}

    @property
    def uid(self) -> str:
        """A short hash of the resolved folder and metadata paths (of a table: of its contents).

        Two folders of the same name, or one folder with two metadata files, are
        different sources.
        """
        if self.documents is not None:
            return self.content[:8]
        where = f"{self.folder.resolve()}\0{self.metadata.resolve()}"
        return hashlib.sha256(where.encode()).hexdigest()[:8]


def resolve_source(
    source: str | Path | pd.DataFrame | None = None, metadata: str | Path | None = None
) -> Source:
    """Resolve a bundled corpus name, a folder (and its metadata) or a documents table.

    Parameters
    ----------
    source
        ``None`` or ``"seeds"`` (the bundled web articles), ``"ungdc"`` (the UN
        subset), a folder of ``.txt`` files, or a documents table (``doc_id``,
        ``text`` and any metadata columns; its texts are taken as they are).
    metadata
        The metadata CSV (default ``metadata.csv`` in the folder; a relative path is
        looked up in the folder first).

    Returns
    -------
    Source
        The folder, the checked metadata rows and each file's size.

    Examples
    --------
    >>> from nkresearch.corpus.source import resolve_source
    >>> src = resolve_source("seeds")
    >>> src.name, len(src.table), len(src.sizes)
    ('seeds', 5, 5)
    """
    if isinstance(source, pd.DataFrame):
        return _table_source(source, metadata)
    if source is not None and not isinstance(source, (str, os.PathLike)):
        raise NKResearchError(
            f"source={source!r} ({type(source).__name__}) is not a corpus: pass a bundled corpus's name "
            f"({', '.join(sorted(BUNDLED_CORPORA))}), a folder of .txt files, or a documents table."
        )
    if metadata is not None and not isinstance(metadata, (str, os.PathLike)):
        raise NKResearchError(f"metadata={metadata!r} is not a path: pass the metadata CSV's path.")
    name, folder, meta = _resolve_paths(source, metadata)
    table = _read_metadata(meta, folder)
    _check_files(table, folder, meta)
    sizes = tuple(os.stat(folder / f).st_size for f in table["file"])
    return Source(name=name, folder=folder, metadata=meta, table=table, sizes=sizes)


def check_document_columns(documents: object, what: str) -> None:
    """Raise the package's error unless ``documents`` is a table with ``doc_id`` and ``text``."""
    lacking = [c for c in ("doc_id", "text") if c not in getattr(documents, "columns", [])]
    if not isinstance(documents, pd.DataFrame) or lacking:
        raise NKResearchError(
            f"{what} lacks {lacking or ['doc_id', 'text']}; pass the table of nk.load_corpus(), or one "
            "with a doc_id and a text column per document."
        )


def _table_source(documents: pd.DataFrame, metadata: str | Path | None) -> Source:
    """A documents table as a source: checked, and its contents hashed once."""
    what = "the documents table"
    if metadata is not None:
        raise NKResearchError(f"{what}: metadata={str(metadata)!r} is for a folder; a table holds its own.")
    check_document_columns(documents, what)
    if len(documents) == 0:
        raise NKResearchError(f"{what} is empty; it needs one row per document.")
    doubled = documents["doc_id"][documents["doc_id"].duplicated()].astype(str).unique().tolist()
    if doubled:
        raise NKResearchError(
            f"{what}: doc_id {doubled[:5]} occur more than once; give each document its own."
        )
    if documents["text"].isna().any():
        raise NKResearchError(f"{what}: some rows have no text; drop them or fill them in.")
    digest = hashlib.sha256(json.dumps([str(c) for c in documents.columns]).encode())
    rows = pd.util.hash_pandas_object(documents.astype(str), index=False)  # one 64-bit hash per row
    digest.update(rows.to_numpy().tobytes())
    sizes = tuple(len(str(t).encode()) for t in documents["text"])
    name = str(documents.attrs.get("corpus", {}).get("name", "documents"))
    return Source(
        name=name,
        folder=Path(),
        metadata=Path(),
        table=documents.drop(columns=["text", "raw_text", "body"], errors="ignore"),
        sizes=sizes,
        documents=documents,
        content=digest.hexdigest(),
    )


def _resolve_paths(source: str | Path | None, metadata: str | Path | None) -> tuple[str, Path, Path]:
    if source is None:
        source = "seeds"
    if isinstance(source, str) and source in BUNDLED_CORPORA:
        if Path(source).is_dir():
            raise NKResearchError(
                f"{source!r} names both a bundled corpus and the folder {Path(source).resolve()}. "
                f"For the folder, pass its path ('./{source}'); for the bundled corpus, run from another "
                "folder or rename yours."
            )
        folder, meta = BUNDLED_CORPORA[source]
        return source, folder, meta if metadata is None else Path(metadata)
    folder = Path(source)
    if not folder.is_dir():
        known = ", ".join(sorted(BUNDLED_CORPORA))
        raise NKResearchError(
            f"{folder}: not a folder. Pass a folder of .txt files or a bundled corpus ({known})."
        )
    if metadata is None:
        meta = folder / "metadata.csv"
        if not meta.is_file() and not any(_corpus_files(folder)):
            raise NKResearchError(
                f"{folder}: no .txt or .html file and no metadata.csv. "
                "Put the texts or saved pages in the folder."
            )
    else:
        meta = Path(metadata)
        if not meta.is_absolute() and (folder / meta).is_file():
            meta = folder / meta
    return folder.name, folder, meta


def _read_metadata(meta: Path, folder: Path) -> pd.DataFrame:
    if not meta.is_file():
        raise NKResearchError(
            f"{meta}: metadata file not found. Give load_corpus(metadata=...) a CSV with "
            f"at least a 'file' column naming each .txt file of {folder}."
        )
    table = read_csv_checked(meta, header="file,title,...")
    _check_near_misses(table, meta)
    if "file" not in table.columns:
        raise NKResearchError(
            f"{meta}: no 'file' column (columns are {list(table.columns)}). "
            "Add a column 'file' with each text's file name."
        )
    table["file"] = [
        PurePosixPath(f.strip()).as_posix() if f.strip() else f for f in table["file"]
    ]  # ./a.txt
    for i, name in enumerate(table["file"], start=2):
        if not name.strip():
            raise NKResearchError(f"{meta}, line {i}: empty 'file'. Name the text file.")
        if not (name.startswith(("/", "\\")) or ":" in name or ".." in name):
            continue  # cannot be absolute nor climb out: no need to parse it
        posix, windows = PurePosixPath(name), PureWindowsPath(name)
        if posix.is_absolute() or windows.is_absolute() or ".." in posix.parts or ".." in windows.parts:
            raise NKResearchError(
                f"{meta}, line {i}: file {name!r} points outside the corpus folder {folder}. "
                "Use a path relative to the folder, without '..'."
            )
    dupes = table["file"][table["file"].duplicated()].unique().tolist()
    if dupes:
        raise NKResearchError(f"{meta}: files listed twice: {dupes}. Keep one row per file.")
    if "doc_id" not in table.columns:
        table.insert(0, "doc_id", [PurePosixPath(f).stem for f in table["file"]])
    table["doc_id"] = table["doc_id"].str.strip()
    dupes = table["doc_id"][table["doc_id"].duplicated()].unique().tolist()
    if dupes:
        raise NKResearchError(f"{meta}: duplicate doc_id {dupes}. Give every document its own doc_id.")
    if (table["doc_id"] == "").any():
        raise NKResearchError(f"{meta}: a row has an empty doc_id. Fill it in or drop the column.")
    if "language" in table.columns:  # ISO 639-1 codes, or '' where the language is to be detected
        table["language"] = [
            language_code(v, f"{meta}, line {i}") or "" for i, v in enumerate(table["language"], start=2)
        ]
    for col in table.columns:  # whole numbers (year, session, n_words) become integers
        if col not in ("doc_id", "file", "date") and table[col].str.fullmatch(r"-?\d{1,18}").all():
            table[col] = table[col].astype("int64")
    return _year_from_date(table, meta)


def _check_near_misses(table: pd.DataFrame, meta: Path) -> None:
    """A column spelled almost as one the package reads (``Actor``, ``DATE``, ``actors``) is an error.

    Left alone, ``Actor`` would send every text through the automatic attribution and
    ``Date`` would leave the time analyses without a year, without a word.
    """
    present = set(table.columns)
    for column in table.columns:
        plain = column.strip().lower().replace(" ", "_").replace("-", "_")
        meant = next((k for k in KNOWN_COLUMNS if plain in (k, k + "s", k + "es")), None)
        if meant is not None and meant != column and meant not in present:
            raise NKResearchError(
                f"{meta}: the column {column!r} looks like {meant!r}, which nkresearch reads by that "
                f"exact name (lower case, singular). Rename the column {meant!r}."
            )


def _year_from_date(table: pd.DataFrame, meta: Path) -> pd.DataFrame:
    """``year`` from ``date`` where the metadata has a date and no year: the time analyses read ``year``.

    Only when every row's date reads as a date; otherwise a warning says why there is no year.
    """
    if "date" not in table.columns or "year" in table.columns:
        return table
    given = table["date"].str.strip()
    dates = pd.to_datetime(given.where(given != ""), errors="coerce", format="mixed")
    if dates.isna().any():
        unread = given[dates.isna()].head(3).tolist()
        warnings.warn(
            f"{meta}: no 'year' derived from 'date': {int(dates.isna().sum())} rows have no date "
            f"that reads as one (such as {unread}). The time analyses need a year: add a 'year' "
            "column, or write every date as YYYY-MM-DD.",
            UserWarning,
            stacklevel=4,
        )
        return table
    table = table.copy()
    table.insert(list(table.columns).index("date") + 1, "year", dates.dt.year.astype("int64"))
    return table


def read_csv_checked(path: Path, *, header: str, rows: bool = True) -> pd.DataFrame:
    """A CSV file (metadata, annotations, word lists) as text columns, or the package's error.

    Refused, with a message naming the file and the fix: bytes that are not UTF-8, no
    header, a row whose fields do not match the header (an unquoted comma in a title
    would shift its columns), and with ``rows`` a header with no row. ``header`` is the
    header line the file should start with, for the message. A header with no comma but
    semicolons or tabs (a spreadsheet's export in many locales) sets the delimiter.
    """
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise NKResearchError(
            f"{path}: bytes at offset {err.start} ({data[err.start : err.start + 4]!r}) are not UTF-8. "
            "Save the file as UTF-8 (CSV UTF-8 in a spreadsheet program)."
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = "," if "," in first or not any(d in first for d in ";\t") else max(";\t", key=first.count)
    lines = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not lines or not any(field.strip() for field in lines[0]):
        raise NKResearchError(f"{path}: the file is empty. Start it with the header line {header!r}.")
    width = len(lines[0])
    for i, line in enumerate(lines[1:], start=2):
        if line and len(line) != width:
            raise NKResearchError(
                f"{path}, line {i}: {len(line)} fields where the header has {width}. A value with a "
                f'{"comma" if delimiter == "," else repr(delimiter)} must be quoted ("Talks{delimiter} x"); '
                "fix the line or the header."
            )
    if rows and not any(line for line in lines[1:]):
        raise NKResearchError(f"{path}: a header but no row. Add one row per text file of the corpus.")
    table = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False, index_col=False)
    table.columns = [c.strip() for c in table.columns]
    return table


#: The files of a corpus folder: plain texts and saved web pages.
CORPUS_SUFFIXES = (".txt", ".html", ".htm")


def _corpus_files(folder: Path) -> Iterator[str]:
    """The text and page files under ``folder`` (any depth), as paths below it with "/" between names.

    A walk of the folder (as ``Path.rglob`` walks it: into no linked folder; a linked
    file counts), one listing a folder: no path object a file.
    """
    for here, _, names in os.walk(folder):
        below = os.path.relpath(here, folder)
        prefix = "" if below == os.curdir else below.replace(os.sep, "/") + "/"
        for name in names:
            suffix = os.path.splitext(name)[1].lower()
            if suffix in CORPUS_SUFFIXES and os.path.isfile(os.path.join(here, name)):
                yield prefix + name


def _may_leave(inside: Path, name: str) -> bool:
    """Whether the path ``name`` below the resolved folder ``inside`` may lead out of it.

    Only a ``..``, an absolute name or a link on the way can; a name without them
    needs no resolving (one ``lstat`` a component instead of one for every folder
    above it, for each of ten thousand files).
    """
    parts = Path(name).parts
    if Path(name).is_absolute() or ".." in parts:
        return True
    here = str(inside)
    for part in parts:
        here = os.path.join(here, part)
        try:
            if stat.S_ISLNK(os.lstat(here).st_mode):
                return True
        except OSError:  # missing: reported as missing below
            return False
    return False


def _check_files(table: pd.DataFrame, folder: Path, meta: Path) -> None:
    listed = set(table["file"])
    inside = folder.resolve()
    for f in table["file"]:
        if _may_leave(inside, f) and not (folder / f).resolve().is_relative_to(inside):
            raise NKResearchError(
                f"{meta}: {f!r} is a link to {(folder / f).resolve()}, outside the corpus folder {folder}. "
                "Copy the text into the folder instead of linking to it."
            )
    missing = [f for f in table["file"] if not os.path.isfile(os.path.join(folder, f))]
    if missing:
        raise NKResearchError(
            f"{meta}: {len(missing)} listed file(s) not found in {folder}: {missing[:5]}. "
            "Fix the names in the 'file' column or add the files."
        )
    unlisted = sorted(name for name in _corpus_files(folder) if name not in listed)
    if unlisted:
        raise NKResearchError(
            f"{folder}: {len(unlisted)} text or page file(s) have no row in {meta}: {unlisted[:5]}. "
            "Add a row for each (at least its 'file'), or move the file out of the folder."
        )
