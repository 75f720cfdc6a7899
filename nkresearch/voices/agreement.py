"""How far two voice attributions of the same documents agree, token by token."""

from __future__ import annotations

import pandas as pd


def voice_agreement(tokens_reference: pd.DataFrame, tokens_candidate: pd.DataFrame) -> pd.DataFrame:
    """Token-level agreement of two voice attributions of the same documents.

    Parameters
    ----------
    tokens_reference, tokens_candidate
        Tokens tables (:func:`nkresearch.tokenize`) of the same documents, segmented
        two ways (for example ``method="gold"`` and ``method="auto"``).

    Returns
    -------
    pandas.DataFrame
        One row per document and one ``doc_id == "ALL"``: ``n_tokens``,
        ``actor_agree``, ``kind_agree`` (counts of tokens with the same label) and
        ``actor_agreement``, ``kind_agreement`` (shares).

    Examples
    --------
    >>> import nkresearch as nk
    >>> docs = nk.load_corpus()
    >>> gold = nk.tokenize(nk.segment_voices(docs, method="gold"))
    >>> auto = nk.tokenize(nk.segment_voices(docs, method="auto"))
    >>> table = nk.voice_agreement(gold, auto)
    """
    keys = ["doc_id", "start", "end"]
    both = tokens_reference[[*keys, "actor", "kind"]].merge(
        tokens_candidate[[*keys, "actor", "kind"]], on=keys, suffixes=("_ref", "_cand"), validate="one_to_one"
    )
    both["actor_agree"] = both["actor_ref"].astype(str) == both["actor_cand"].astype(str)
    both["kind_agree"] = both["kind_ref"].astype(str) == both["kind_cand"].astype(str)
    per_doc = both.groupby("doc_id", observed=True).agg(
        n_tokens=("start", "size"), actor_agree=("actor_agree", "sum"), kind_agree=("kind_agree", "sum")
    )
    per_doc.loc["ALL"] = per_doc.sum()
    per_doc["actor_agreement"] = per_doc["actor_agree"] / per_doc["n_tokens"]
    per_doc["kind_agreement"] = per_doc["kind_agree"] / per_doc["n_tokens"]
    return per_doc.reset_index()
