"""The package's one exception type."""

from __future__ import annotations


class NKResearchError(ValueError):
    """Bad input to nkresearch: a message names the file or argument and the fix.

    A subclass of :class:`ValueError`, so ``except ValueError`` catches it too.
    """
