"""Who can speak: the known actors (``resources/actors.csv``) and the speaker patterns.

``actors.csv`` lists every actor an attribution may name, with a description and a
colour for the figures; ``speakers.csv`` is the gazetteer of officials and bodies the
automatic rules use to place a name on its side (:mod:`.sources`).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pandas as pd

from ..config import RESOURCES_DIR
from ..errors import NKResearchError


@cache
def actors_table() -> pd.DataFrame:
    """The known actors: ``actor, description, color, party`` (``resources/actors.csv``).

    ``party`` ranks the parties of the conflict in the order a comparison takes them
    (1 Baku, 2 Yerevan, 3 Stepanakert); it is empty for every other actor.
    """
    return pd.read_csv(RESOURCES_DIR / "actors.csv", dtype=str, keep_default_na=False)


def conflict_parties() -> list[str]:
    """The parties of the conflict, in the order a comparison takes them.

    Examples
    --------
    >>> conflict_parties()
    ['Baku', 'Yerevan', 'Stepanakert']
    """
    table = actors_table()
    parties = table[table["party"] != ""]
    return parties.sort_values("party", key=lambda s: s.astype(int))["actor"].tolist()


def known_actors(docs: pd.DataFrame | None = None) -> list[str]:
    """The actors an annotation may name.

    Parameters
    ----------
    docs
        A documents table; actors declared in its ``actor`` column are added.

    Returns
    -------
    list of str
        The actors of ``resources/actors.csv`` (Baku, Stepanakert, Yerevan, Moscow,
        ..., Media, Readers), then the declared ones.

    Examples
    --------
    >>> import nkresearch as nk
    >>> nk.known_actors()[:3]
    ['Baku', 'Stepanakert', 'Yerevan']
    """
    names = list(actors_table()["actor"])
    if docs is not None and "actor" in docs.columns:
        names += sorted({a for a in docs["actor"] if a and a not in names})
    return names


def read_speakers(path: Path = RESOURCES_DIR / "speakers.csv") -> pd.DataFrame:
    """The gazetteer of officials used by ``segment_voices(method="auto")``.

    Parameters
    ----------
    path
        A CSV with the columns below (default: the shipped ``resources/speakers.csv``).

    Returns
    -------
    pandas.DataFrame
        ``pattern`` (a regular expression matched on whole words), ``speaker`` (the
        name to report), ``actor``, ``type`` (``person`` or ``body``), ``gender``
        (``f``, ``m`` or empty: for "he"/"she"), ``office``, ``from`` and ``to``
        (years in office; a name is placed on its actor only in documents dated
        within them; empty: open) and ``source`` (the public list it comes from).
        Your own rows need ``pattern, speaker, actor``; the others may be empty.

    Examples
    --------
    >>> import nkresearch as nk
    >>> mine = pd.DataFrame([{"pattern": "Ruben Rubinyan|Rubinyan", "speaker": "Ruben Rubinyan",
    ...                       "actor": "Yerevan", "type": "person"}])
    >>> speakers = pd.concat([nk.read_speakers(), mine])
    >>> seg = nk.segment_voices(nk.load_corpus(), method="auto", speakers=speakers)
    """
    return pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")


def check_gazetteer(table: object, *, what: str, columns: tuple[str, ...]) -> pd.DataFrame:
    """A speakers or places table checked before use: its columns, and every pattern compiles.

    Raises the package's error naming the table, the row and the fix.
    """
    if not isinstance(table, pd.DataFrame):
        raise NKResearchError(f"{what}= must be a table like nk.read_{what}(), not {type(table).__name__}.")
    lacking = [c for c in columns if c not in table.columns]
    if lacking:
        raise NKResearchError(
            f"{what}= lacks the columns {lacking}; a row needs {list(columns)} (see nk.read_{what}())."
        )
    for i, pattern in enumerate(table["pattern"].astype(str)):
        try:
            re.compile(pattern)
        except re.error as err:
            raise NKResearchError(
                f"{what}=, row {i}: the pattern {pattern!r} is not a regular expression ({err}). "
                "Fix it, or escape its special characters with a backslash."
            ) from None
    return table
