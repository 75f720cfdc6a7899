"""Every private name of NLTK that the package relies on, fenced in one place.

The fast Punkt path of :mod:`.sentences` reads NLTK's orthographic-context flags and
overrides a few private patterns of ``PunktLanguageVars`` and ``PunktToken`` (so that
``re`` runs NLTK's own patterns without the ``nltk.redos`` guard), and reads the
parameters and language conventions a ``PunktSentenceTokenizer`` keeps. NLTK may
rename any of them in a release; :func:`check` names what is gone, and
``tests/test_tokens.py::test_nltk_private_names_the_package_uses_are_there`` fails
loudly when it does. Known to work: NLTK 3.9.1 and 3.10.4 (the token, voice and
analysis tests pass on both); ``pyproject.toml`` bounds the dependency to 3.9-3.10.
"""

from __future__ import annotations

import nltk
from nltk.tokenize import punkt

from ..errors import NKResearchError

#: The orthographic-context flags of Kiss & Strunk (2006, section 4.2), as NLTK names them.
ORTHO_FLAGS = (
    "_ORTHO_BEG_UC",
    "_ORTHO_MID_UC",
    "_ORTHO_UNK_UC",
    "_ORTHO_BEG_LC",
    "_ORTHO_MID_LC",
    "_ORTHO_UNK_LC",
)
#: Private members of ``PunktLanguageVars`` that ``_StdlibLanguageVars`` reads or overrides.
LANG_VARS_PRIVATE = (
    "_period_context_fmt",
    "_re_non_word_chars",
    "_re_sent_end_chars",
    "_word_tokenize_fmt",
    "_re_multi_char_punct",
    "_re_word_start",
    "_word_tokenizer_re",
)
#: Private patterns of ``PunktToken`` that ``_StdlibPunktToken`` overrides.
TOKEN_PRIVATE = ("_RE_ELLIPSIS", "_RE_NUMERIC", "_RE_INITIAL", "_RE_ALPHA")
#: What a ``PunktSentenceTokenizer`` keeps that ``_Punkt`` reads.
TOKENIZER_PRIVATE = ("_params", "_lang_vars")

ORTHO_BEG_LC: int = getattr(punkt, "_ORTHO_BEG_LC", 0)
ORTHO_MID_UC: int = getattr(punkt, "_ORTHO_MID_UC", 0)
ORTHO_UC: int = getattr(punkt, "_ORTHO_UC", 0)
ORTHO_LC: int = getattr(punkt, "_ORTHO_LC", 0)


def missing() -> list[str]:
    """The private NLTK names above that the installed NLTK does not have."""
    gone = [
        f"nltk.tokenize.punkt.{n}" for n in (*ORTHO_FLAGS, "_ORTHO_UC", "_ORTHO_LC") if not hasattr(punkt, n)
    ]
    gone += [f"PunktLanguageVars.{n}" for n in LANG_VARS_PRIVATE if not hasattr(punkt.PunktLanguageVars(), n)]
    gone += [f"PunktToken.{n}" for n in TOKEN_PRIVATE if not hasattr(punkt.PunktToken, n)]
    tokenizer = punkt.PunktSentenceTokenizer()
    gone += [f"PunktSentenceTokenizer.{n}" for n in TOKENIZER_PRIVATE if not hasattr(tokenizer, n)]
    return gone


def check() -> None:
    """Raise :class:`NKResearchError` naming every private NLTK name that is gone."""
    gone = missing()
    if gone:
        raise NKResearchError(
            f"NLTK {nltk.__version__} no longer has {gone}, which nkresearch's sentence splitter "
            "uses. Install a version known to work: pip install 'nltk>=3.9,<3.11'."
        )
