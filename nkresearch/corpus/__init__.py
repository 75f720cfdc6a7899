"""Documents: load a corpus, clean it, split sentences, name periods.

The first stage of the pipeline. :func:`load_corpus` turns a bundled corpus name or a
folder of ``.txt`` files and saved pages with a metadata CSV into the documents table;
:mod:`.cleaning` removes web debris (logged), :mod:`.pages` reads a saved page's
blocks with their roles (removals logged), :mod:`.sentences` holds the shipped
Punkt splitter the later stages share, :mod:`.periods` adds a ``period`` column.
"""

from .cleaning import cleaning_log
from .documents import load_corpus
from .pages import page_blocks, page_rules, read_page
from .periods import periods

__all__ = ["cleaning_log", "load_corpus", "page_blocks", "page_rules", "periods", "read_page"]
