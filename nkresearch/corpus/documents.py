"""Documents: load a corpus (the bundled one or a folder of .txt files) into a table.

:func:`load_corpus` returns one row per document: the metadata columns, ``raw_text``
(the file as decoded) and ``text`` (cleaned by :mod:`nkresearch.corpus.cleaning`). Files are
only read, never written.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath, PureWindowsPath

import pandas as pd

from ..config import BUNDLED_CORPORA
from ..errors import NKResearchError
from .cleaning import clean_text

#: Columns every documents table has, in this order, before the other metadata.
DOC_COLUMNS = ("doc_id", "file")


def _resolve_source(source: str | Path | None, metadata: str | Path | None) -> tuple[str, Path, Path]:
    if source is None:
        source = "seeds"
    if isinstance(source, str) and source in BUNDLED_CORPORA:
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
    table = pd.read_csv(meta, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    table.columns = [c.strip() for c in table.columns]
    if "file" not in table.columns:
        raise NKResearchError(
            f"{meta}: no 'file' column (columns are {list(table.columns)}). "
            "Add a column 'file' with each text's file name."
        )
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
    for col in table.columns:  # whole numbers (year, session, n_words) become integers
        if col not in ("doc_id", "file", "date") and table[col].str.fullmatch(r"-?\d{1,18}").all():
            table[col] = table[col].astype("int64")
    return table


def _check_files(table: pd.DataFrame, folder: Path, meta: Path) -> None:
    listed = set(table["file"])
    missing = [f for f in table["file"] if not os.path.isfile(os.path.join(folder, f))]
    if missing:
        raise NKResearchError(
            f"{meta}: {len(missing)} listed file(s) not found in {folder}: {missing[:5]}. "
            "Fix the names in the 'file' column or add the files."
        )
    unlisted = sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*.txt")
        if p.relative_to(folder).as_posix() not in listed
    )
    if unlisted:
        raise NKResearchError(
            f"{folder}: {len(unlisted)} .txt file(s) have no row in {meta}: {unlisted[:5]}. "
            "Add a row for each (at least its 'file'), or move the file out of the folder."
        )


def read_text(path: Path, *, encoding: str = "utf-8") -> str:
    """Read one text file, with a clear error for undecodable bytes or an empty file."""
    data = path.read_bytes()
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise NKResearchError(
            f"{path}: bytes at offset {err.start} ({data[err.start : err.start + 4]!r}) are not "
            f"valid {encoding}. Re-save the file as UTF-8, or pass load_corpus(encoding=...) "
            "with the file's encoding (for example 'cp1252' or 'latin-1')."
        ) from None
    if not text.replace("\ufeff", "").strip():
        raise NKResearchError(f"{path}: the file is empty. Remove it and its metadata row, or add its text.")
    return text


def load_corpus(
    source: str | Path | None = None,
    *,
    metadata: str | Path | None = None,
    encoding: str = "utf-8",
) -> pd.DataFrame:
    """Load a corpus into the documents table, one row per document.

    Parameters
    ----------
    source
        ``None`` or ``"seeds"`` for the bundled corpus of five web articles, or a
        folder of ``.txt`` files.
    metadata
        The metadata CSV: at least a ``file`` column (paths relative to the folder);
        optional ``doc_id`` (default: the file name without ``.txt``), ``date``,
        ``actor``, ``speaker`` and any other columns. Default: ``metadata.csv``
        in the folder. A relative path is looked up in the folder first.
    encoding
        The files' encoding (default UTF-8; a leading byte-order mark is dropped).

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
    name, folder, meta = _resolve_source(source, metadata)
    table = _read_metadata(meta, folder)
    _check_files(table, folder, meta)
    return read_documents(
        table, folder, {"name": name, "folder": str(folder), "metadata": str(meta)}, encoding=encoding
    )


def read_documents(
    table: pd.DataFrame, folder: Path, corpus: dict[str, str], *, encoding: str = "utf-8"
) -> pd.DataFrame:
    """Read and clean the files of checked metadata rows: the documents table of those rows.

    :func:`load_corpus` calls it on all rows; :func:`nkresearch.corpus_tokens` on
    chunks of rows, in worker processes.
    """
    table = table.copy()
    raw = [read_text(folder / f, encoding=encoding) for f in table["file"]]
    table["raw_text"] = raw
    table["text"] = [clean_text(r)[0] for r in raw]
    order = [*DOC_COLUMNS, *(c for c in table.columns if c not in DOC_COLUMNS)]
    docs = table[order].reset_index(drop=True)
    docs.attrs["corpus"] = dict(corpus)
    return docs
