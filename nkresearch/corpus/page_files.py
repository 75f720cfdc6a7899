"""A saved page's file: its encoding, and many pages read in worker processes.

:func:`decode_page` turns a page's bytes into its markup as browsers would read them (the
BOM, the ``<meta>`` charset, else UTF-8, else windows-1252), with the package's error for
what is not a page; :func:`read_page_files` reads many pages (each with
:func:`nkresearch.corpus.pages.read_page`), in worker processes when they are many.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import NKResearchError
from .pages import Page, read_page

#: A charset the page declares: ``<meta charset=...>`` or ``http-equiv`` content's ``charset=``.
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
#: Charset labels read as browsers read them (the WHATWG Encoding Standard): a page labelled
#: latin-1 is written in windows-1252, gb2312 in GBK, and a meta tag cannot declare UTF-16.
_AS_BROWSERS_READ = {
    **dict.fromkeys(("iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii"), "cp1252"),
    **dict.fromkeys(("gb2312", "gbk", "x-gbk", "gb_2312-80"), "gb18030"),
    **dict.fromkeys(("euc-kr", "ks_c_5601-1987", "korean"), "cp949"),
    **dict.fromkeys(("shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji"), "cp932"),
    **dict.fromkeys(("iso-8859-9", "latin5"), "cp1254"),
    **dict.fromkeys(("iso-8859-11", "tis-620"), "cp874"),
    **dict.fromkeys(("utf-16", "utf-16le", "utf-16be", "unicode"), "utf-8"),
}
_MARKUP = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|p|div|article|h1|title)\b", re.IGNORECASE)


def decode_page(data: bytes, where: str) -> str:
    """A saved page's markup as text: its encoding from the BOM, else its ``<meta>`` charset, else UTF-8.

    A page that declares nothing and is not valid UTF-8 is read as windows-1252, as
    browsers read it. Refused with the package's error (naming ``where`` and the fix):
    an empty page, a binary file, a charset Python does not know, bytes that are not
    valid in the declared charset, and a file without HTML markup.

    Examples
    --------
    >>> decode_page("<html><meta charset='koi8-r'><p>Мир</p></html>".encode("koi8-r"), "a.html")
    "<html><meta charset='koi8-r'><p>Мир</p></html>"
    """
    if not data.strip():
        raise NKResearchError(f"{where}: the page is empty. Save it again, or take it out of the corpus.")
    if data.startswith(b"\x1f\x8b"):
        raise NKResearchError(
            f"{where}: a gzip-compressed file, not a page. Unpack it (gunzip -k, or Python's gzip) and list "
            "the unpacked .html file."
        )
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if encoding is None and (b"<\x00" in data[:64] or b"\x00<" in data[:64]):  # UTF-16 without its BOM
        encoding = "utf-16-le" if b"<\x00" in data[:64] else "utf-16-be"
    declared = _DECLARED.search(data[:4096]) if encoding is None else None
    if declared is not None:
        label = declared.group(1).decode("ascii").lower()
        encoding = _AS_BROWSERS_READ.get(label, label)
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise NKResearchError(
                f"{where}: the page declares the charset {encoding!r}, which Python does not know. "
                "Re-save the page as UTF-8 (the browser's 'Save page as... Web page, HTML only')."
            ) from None
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError as err:
        if encoding is None:  # nothing declared and not UTF-8: what browsers assume
            text = data.decode("cp1252", errors="replace")
        else:
            raise NKResearchError(
                f"{where}: bytes at offset {err.start} are not valid {encoding}, the charset the page "
                "declares. Re-save the page from the browser, or as UTF-8."
            ) from None
    if "\x00" in text:
        raise NKResearchError(
            f"{where}: NUL characters: a binary file, not a saved page. Take it out of the corpus."
        )
    if not _MARKUP.search(text[:100_000]):
        raise NKResearchError(
            f"{where}: no HTML markup: not a saved web page. Rename it to .txt if it is plain text."
        )
    return text


def read_page_file(path: Path, *, url: str | None = None) -> tuple[str, Page]:
    """A saved page's markup (decoded by :func:`decode_page`) and the page read from it."""
    markup = decode_page(path.read_bytes(), str(path))
    try:
        return markup, read_page(markup, url=url)
    except NKResearchError as err:
        raise NKResearchError(f"{path}: {err} Save the page again, or take it out of the corpus.") from None


#: Saved pages read per job of a worker process (:func:`read_page_files`).
PAGES_PER_JOB = 25


def read_page_files(
    paths: list[Path], urls: list[str | None], workers: int | None = None
) -> list[tuple[str, Page]]:
    """Each saved page's markup and the page read from it, in order (:func:`read_page_file`).

    Many pages are read in worker processes (:func:`nkresearch.workers.workers_for`
    decides, by their bytes: pages cost more per character than text), in jobs of
    :data:`PAGES_PER_JOB`; ``workers=1`` reads them here.
    """
    from ..workers import executor, workers_for

    jobs = [
        (paths[i : i + PAGES_PER_JOB], urls[i : i + PAGES_PER_JOB])
        for i in range(0, len(paths), PAGES_PER_JOB)
    ]
    size = sum(p.stat().st_size for p in paths) if workers != 1 else 0
    n = workers_for(workers, size, len(jobs))
    with executor(n) as pool:
        futures = [pool.submit(_read_job, job_paths, job_urls) for job_paths, job_urls in jobs]
        return [page for future in futures for page in future.result()]


def _read_job(paths: list[Path], urls: list[str | None]) -> list[tuple[str, Page]]:
    return [read_page_file(path, url=url) for path, url in zip(paths, urls, strict=True)]
