"""The key of a corpus's tokens cache: a hash of everything that shapes its tokens.

The key hashes the bytes of every input file, the metadata and annotation files, the
package's shipped resources, the source of the stages that shape tokens (``corpus/``,
``voices/``, ``tokens/``; a change to a plot or an analysis keeps the cache), the
options (the voice method and the tokenize options), the cache format, the package
version, the versions of the libraries that shape tokens (:data:`SHAPING_LIBRARIES`)
and the resolved source (:attr:`nkresearch.corpus.source.Source.uid`). Any
change gives a new key, so a stale cache is never read. A file's hash is remembered
by its size, modification and change times and inode, as git's index does.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from pathlib import Path

from ..config import PACKAGE_DIR, RESOURCES_DIR, VERSION
from ..corpus.source import Source

#: Bumped when the stored layout changes (:mod:`nkresearch.tokens.store`).
CACHE_FORMAT = 5
#: The subpackages whose code shapes the tokens table.
SHAPING_CODE = ("corpus", "voices", "tokens")
#: The libraries whose versions shape tokens: the tokenizer's engine, the lemmatizer, the
#: sentence splitter's, and the readers of saved pages (their article, metadata and markup).
SHAPING_LIBRARIES = ("regex", "nltk", "simplemma", "trafilatura", "htmldate", "lxml")
#: The memo of input-file hashes, in the cache folder.
MEMO_NAME = "input-digests.json"


def cache_key(source: Source, *, options: dict[str, object], annotations: Path, cache_dir: Path) -> str:
    """The hash that names a corpus's tokens cache (see the module docstring).

    ``options`` must be JSON-serialisable (with ``default=str``) and complete: every
    option that changes the tokens table is in it.
    """
    digest = hashlib.sha256(header_key(source, options=options, annotations=annotations).encode())
    if source.documents is None:
        digest.update(source.metadata.name.encode())
        digest.update(source.metadata.read_bytes() if source.metadata.is_file() else b"")
    files = source.files
    for path, file_digest in zip(files, file_digests(files, cache_dir), strict=True):
        digest.update(str(path.name).encode())
        digest.update(file_digest)
    return digest.hexdigest()


def header_key(source: Source, *, options: dict[str, object], annotations: Path) -> str:
    """The hash of what shapes every document's tokens alike: all of the key but the inputs.

    The format, the version, the source, the options, the versions of the libraries
    that shape tokens, the annotation file, the shipped resources and the code of the
    stages that shape tokens, and a documents table's contents. A part of the token
    store (:mod:`.parts`) adds its own documents' files and metadata rows.
    """
    digest = hashlib.sha256()
    header = {
        "format": CACHE_FORMAT,
        "version": VERSION,
        "name": source.name,
        "source": source.uid,
        "options": options,
        "libraries": _versions(),
    }
    digest.update(json.dumps(header, sort_keys=True, default=str).encode())
    code = sorted(p for sub in SHAPING_CODE for p in (PACKAGE_DIR / sub).rglob("*.py"))
    resources = sorted(p for p in RESOURCES_DIR.rglob("*") if p.is_file())
    digest.update(source.content.encode())  # a documents table's contents ("" for a folder)
    for path in [annotations, *resources, *code]:
        inside = path.is_relative_to(PACKAGE_DIR)
        digest.update((path.relative_to(PACKAGE_DIR).as_posix() if inside else path.name).encode())
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()


def file_digests(paths: list[Path], cache_dir: Path) -> list[bytes]:
    """The SHA-256 of each input file's bytes, remembered in the cache folder (:func:`_file_digests`)."""
    return _file_digests(paths, cache_dir / MEMO_NAME)


def _file_digests(paths: list[Path], memo_path: Path) -> list[bytes]:
    """The SHA-256 of each file's bytes, remembered by (path, size, mtime, ctime, inode).

    Like git's index: a file whose size, modification and status-change times (in
    nanoseconds) and inode are unchanged is not read again. Restoring a file's mtime
    after an edit (``cp -p``, ``rsync -t``, ``os.utime``) changes its ctime, and a copy
    has a new inode, so neither hides an edit. A file modified in the last two seconds is not
    remembered (a file system with coarse times could hide a second edit in the
    same tick). The memo is a JSON file in the cache folder, written atomically; an
    unreadable one is ignored and rewritten.
    """
    try:
        memo: dict[str, list[object]] = json.loads(memo_path.read_text(encoding="utf-8"))
        if not isinstance(memo, dict):
            raise ValueError("not a mapping")
    except (OSError, ValueError):
        memo = {}
    digests, changed = [], False
    for path in paths:
        stat = path.stat()
        key = os.path.abspath(path)
        seen = memo.get(key)
        stamp = [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]
        if isinstance(seen, list) and len(seen) == 5 and seen[:4] == stamp:
            digests.append(bytes.fromhex(str(seen[4])))
            continue
        file_digest = hashlib.sha256(path.read_bytes()).digest()
        digests.append(file_digest)
        if time.time_ns() - stat.st_mtime_ns > 2_000_000_000:
            memo[key] = [*stamp, file_digest.hex()]
            changed = True
    if changed:
        try:
            memo_path.parent.mkdir(parents=True, exist_ok=True)
            prefix = f".input-digests.{os.getpid()}."
            fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=memo_path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    json.dump(memo, f)
                os.replace(tmp, memo_path)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        except OSError:  # a memo that cannot be written only costs time
            pass
    return digests


def _versions() -> dict[str, str]:
    """The installed version of each of :data:`SHAPING_LIBRARIES` ("" where one is missing)."""
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in SHAPING_LIBRARIES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = ""
    return found
