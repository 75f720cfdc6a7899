"""The counting core: a tokens table as integer codes, and group × term counts that merge.

Every analysis that counts starts here, so the word mask, the stopword flag and
"same sentence" are written once:

1. :func:`words_of` turns a tokens table into :class:`Words`, one entry per token
   counted (tokens without a group left out, punctuation too unless asked), each
   with its term, group, document and sentence as integer codes and its row in
   the tokens table.
2. :meth:`Words.count` counts every (group, term) pair, with the documents it
   occurs in: a :class:`TermCounts`. The same counting runs over n-grams
   (:meth:`Words.ngrams`) and over the words of a window around a node
   (:meth:`Words.window`): their items are terms too.
3. The statistics (:mod:`.frequencies`, :mod:`.keyness`, :mod:`.collocations`)
   are functions of the counts alone.

Counts are counted per part and then merged (:meth:`TermCounts.merge`): the
counts of parts that each hold whole documents add up to the counts of the
whole, aligned by the text of their terms and groups, not by codes, so each part
may be a table of its own (one Parquet file of a partitioned store, one worker's
share of the documents). ``tests/test_counts.py`` checks that a table counted in
pieces gives the statistics of the table counted at once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
import pandas as pd
from scipy import sparse

from ...errors import NKResearchError
from .checks import Unit, as_categorical
from .groups import By, Groups, groups_of, union_of
from .kernels import count_keys, count_pairs, distinct_per_id, in_slices, pair_ids, strings_at


@dataclass
class TermCounts:
    """How often each term occurs in each group: one entry per (group, term) pair that occurs.

    The pairs are sorted by group code, then term code. ``sizes`` are the items
    counted per group (the ``N`` of rates: words, n-grams or window positions),
    stopwords included even when the pairs of stopwords have been left out.
    """

    groups: Groups
    vocab: np.ndarray  # the text of each term code
    stop_flags: Callable[[], np.ndarray] = field(repr=False)  # gives ``stop``, when first asked for
    group: np.ndarray  # per pair: its group code
    term: np.ndarray  # per pair: its term code
    n: np.ndarray  # per pair: occurrences
    docs: np.ndarray | None  # per pair: documents of the group where it occurs (None: not counted)
    sizes: np.ndarray  # per group: items counted

    def __len__(self) -> int:
        return len(self.n)

    @cached_property
    def stop(self) -> np.ndarray:
        """Per term code: a stopword (a pair or n-gram: holds one)."""
        return self.stop_flags()

    def detached(self) -> TermCounts:
        """These counts holding nothing of the table they were counted from (to keep, or send back)."""
        return replace(self, stop_flags=functools.partial(np.asarray, self.stop))

    def where(self, keep: np.ndarray) -> TermCounts:
        """The pairs where ``keep`` is true (the sizes unchanged)."""
        docs = None if self.docs is None else self.docs[keep]
        return replace(self, group=self.group[keep], term=self.term[keep], n=self.n[keep], docs=docs)

    def without_stopwords(self) -> TermCounts:
        """The pairs whose term is not a stopword (the sizes still count the stopwords)."""
        return self.where(~self.stop[self.term])

    def in_groups(self, codes: Sequence[int] | np.ndarray) -> np.ndarray:
        """Per term code: its occurrences in the groups ``codes`` together."""
        inside = np.isin(self.group, np.asarray(codes, dtype=np.int64))
        totals: np.ndarray = np.bincount(self.term[inside], weights=self.n[inside], minlength=len(self.vocab))
        return totals.astype(np.int64)

    def docs_in(self, code: int) -> np.ndarray:
        """Per term code: the documents of the group ``code`` it occurs in (needs the document counts)."""
        if self.docs is None:
            raise NKResearchError("docs_in: these counts were made without documents; count(docs=True).")
        inside = self.group == code
        out = np.zeros(len(self.vocab), dtype=np.int64)
        out[self.term[inside]] = self.docs[inside]
        return out

    def lookup(self, group: np.ndarray, term: np.ndarray) -> np.ndarray:
        """The count of each (group, term) pair asked for (0 for a pair that does not occur)."""
        width = np.int64(len(self.vocab))
        keys = self.group.astype(np.int64) * width + self.term
        wanted = np.asarray(group, dtype=np.int64) * width + np.asarray(term, dtype=np.int64)
        place = np.searchsorted(keys, wanted)
        place[place == len(keys)] = 0
        found = (keys[place] == wanted) if len(keys) else np.zeros(len(wanted), dtype=bool)
        return np.where(found, self.n[place] if len(keys) else 0, 0).astype(np.int64)

    def matrix(self, *, docs: bool = False) -> sparse.csr_matrix:
        """Groups × terms, as floats: each pair's occurrences (``docs``: its documents), 0 elsewhere.

        The comparison models (log-odds, Wordscores, Wordfish) read counts this way.
        """
        values = self.docs if docs else self.n
        if values is None:
            raise NKResearchError("matrix: these counts were made without documents; count(docs=True).")
        shape = (len(self.groups), len(self.vocab))
        return sparse.csr_matrix((values.astype(np.float64), (self.group, self.term)), shape=shape)

    @classmethod
    def merge(cls, parts: Sequence[TermCounts]) -> TermCounts:
        """Add the counts of parts that each hold whole documents.

        A document split between two parts would count twice in ``docs``. The
        parts' terms and groups are matched by their text; the result has the terms
        of all parts in sorted order and the union of their groups.
        """
        if not parts:
            raise NKResearchError("TermCounts.merge: no parts to merge; pass at least one.")
        if len(parts) == 1:
            return parts[0]
        vocab = pd.Index(np.concatenate([p.vocab for p in parts]).astype(str)).unique().sort_values()
        groups, group_maps = union_of([p.groups for p in parts])
        stop = np.zeros(len(vocab), dtype=bool)
        group, term, n, docs = [], [], [], []
        sizes = np.zeros(len(groups), dtype=np.int64)
        for part, group_map in zip(parts, group_maps, strict=True):
            term_map = vocab.get_indexer(pd.Index(part.vocab.astype(str)))
            stop[term_map[part.stop]] = True
            group.append(group_map[part.group])
            term.append(term_map[part.term])
            n.append(part.n)
            docs.append(part.docs if part.docs is not None else np.zeros(len(part), dtype=np.int64))
            np.add.at(sizes, group_map, part.sizes)
        ids, keys, _ = pair_ids(np.concatenate(group), np.concatenate(term), len(vocab))
        g, t = np.divmod(keys, np.int64(len(vocab)))
        with_docs = all(p.docs is not None for p in parts)
        return cls(
            groups=groups,
            vocab=np.asarray(vocab, dtype=object),
            stop_flags=lambda: stop,
            group=g,
            term=t,
            n=np.bincount(ids, weights=np.concatenate(n), minlength=len(keys)).astype(np.int64),
            docs=np.bincount(ids, weights=np.concatenate(docs), minlength=len(keys)).astype(np.int64)
            if with_docs
            else None,
            sizes=sizes,
        )


@dataclass
class Words:
    """The tokens an analysis counts, as integer codes, in text order.

    Each array has the narrowest integer type of its codes (a large table's arrays
    are large); ``row``, ``doc``, ``sent`` and ``followed`` are worked out from
    ``tokens`` when first asked for.
    """

    tokens: pd.DataFrame = field(repr=False)
    groups: Groups
    vocab: np.ndarray  # the text of each term code
    codes: np.ndarray = field(repr=False)  # per row of the tokens table: its term code
    kept: np.ndarray  # per row of the tokens table: counted here
    term: np.ndarray  # per token counted: its term code
    group: np.ndarray  # its group code (never -1: tokens without a group are not here)

    def __len__(self) -> int:
        return len(self.term)

    @cached_property
    def stop(self) -> np.ndarray:
        """Per term code: a stopword (any of its tokens flagged ``is_stop``)."""
        flags = np.zeros(len(self.vocab), dtype=bool)
        is_stop, codes = self.tokens["is_stop"].to_numpy(bool), self.codes

        def mark(a: int, b: int) -> None:  # slices in threads: each only sets flags to True
            flags[codes[a:b][is_stop[a:b]]] = True

        in_slices(len(codes), mark)
        return flags

    @cached_property
    def row(self) -> np.ndarray:
        """Each token's row in the tokens table."""
        rows: np.ndarray = np.flatnonzero(self.kept)
        return rows

    @cached_property
    def doc(self) -> np.ndarray:
        """Each token's document code."""
        codes: np.ndarray = np.asarray(as_categorical(self.tokens["doc_id"]).codes)[self.kept]
        return codes

    @cached_property
    def sent(self) -> np.ndarray:
        """Each token's sentence number in its document (``sent_id``)."""
        ids: np.ndarray = self.tokens["sent_id"].to_numpy()[self.kept]
        return ids

    @cached_property
    def followed(self) -> np.ndarray:
        """True where the next token is the next row of the table, in the same sentence."""
        sent = self.tokens["sent_id"].to_numpy()
        doc = np.asarray(as_categorical(self.tokens["doc_id"]).codes)
        nxt = np.zeros(len(self.kept), dtype=bool)
        nxt[:-1] = self.kept[:-1] & self.kept[1:] & (sent[1:] == sent[:-1]) & (doc[1:] == doc[:-1])
        follows: np.ndarray = nxt[self.kept]
        return follows

    def same_sentence(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """For positions ``a`` and ``b`` (as many of each): in the same sentence of the same document."""
        same: np.ndarray = (self.sent[a] == self.sent[b]) & (self.doc[a] == self.doc[b])
        return same

    def sizes(self) -> np.ndarray:
        """Tokens counted per group."""
        counts: np.ndarray = np.bincount(self.group, minlength=len(self.groups))
        return counts

    def docs_per_group(self) -> np.ndarray:
        """Per group: the documents with a token counted in it."""
        return distinct_per_id(self.group.astype(np.int64), self.doc.astype(np.int64), len(self.groups))

    def per_document(self) -> tuple[sparse.csr_matrix, np.ndarray]:
        """The per-document view: each group's part of each document × terms, and each part's group.

        A part is one group's tokens in one document; the rows are sorted by group,
        then document. What resampling documents needs (similarity's bootstrap).
        """
        n_docs = len(as_categorical(self.tokens["doc_id"]).categories)
        part_ids, keys, _ = pair_ids(self.group.astype(np.int64), self.doc.astype(np.int64), n_docs)
        counts = count_pairs(part_ids, self.term, (len(keys), len(self.vocab)))
        return counts.astype(np.float64), (keys // np.int64(n_docs)).astype(np.int64)

    def count(self, *, docs: bool = True, drop_stop: bool = False) -> TermCounts:
        """Every (group, term) pair's occurrences (and, with ``docs``, its documents).

        With ``drop_stop`` the stopwords' pairs are not counted (a faster
        :meth:`TermCounts.without_stopwords`); ``sizes`` still count them.
        """
        if drop_stop and "numbered" not in self.__dict__:  # fewer tokens to number: only the others
            at = np.flatnonzero(~self.stop[self.term])
            return tally(
                self,
                self.term[at],
                at,
                vocab=self.vocab,
                stop=lambda: self.stop,
                docs=docs,
                sizes=self.sizes(),
            )
        if docs or "numbered" in self.__dict__:
            ids, keys, n = self.numbered
        else:  # no document counts: the pairs' counts without numbering every token (a pass and its memory)
            ids, keys, n = pair_ids(self.group, self.term, len(self.vocab), ids=False)
        group, term = np.divmod(keys, np.int64(len(self.vocab)))
        counts = TermCounts(
            groups=self.groups,
            vocab=self.vocab,
            stop_flags=lambda: self.stop,
            group=group,
            term=term,
            n=n,
            docs=distinct_per_id(ids, self.doc, len(keys)) if docs else None,
            sizes=np.bincount(group, weights=n, minlength=len(self.groups)).astype(np.int64),
        )
        return counts.without_stopwords() if drop_stop else counts

    @cached_property
    def numbered(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every token's (group, term) pair numbered: ``ids, keys, n`` of :func:`.kernels.pair_ids`.

        Worked out once and shared by the counts of words and of n-grams (whose first
        word's pair numbers the n-gram's prefix).
        """
        return pair_ids(self.group, self.term, len(self.vocab))

    def regroup(self, new_group: np.ndarray, groups: Groups) -> Words:
        """These tokens in other groups: ``new_group[code]`` for each group code (-1: leave out)."""
        group = np.asarray(new_group)[self.group]
        keep = group >= 0
        kept, term = self.kept, self.term
        if not keep.all():
            kept = kept.copy()
            kept[kept] = keep
            term, group = term[keep], group[keep]
        words = replace(self, groups=groups, kept=kept, term=term, group=group)  # nothing cached comes along
        if "stop" in self.__dict__:
            words.__dict__["stop"] = self.stop  # the same terms, so the same stopwords
        return words

    def count_pairs_of(self, group: np.ndarray, term: np.ndarray) -> np.ndarray:
        """The count of a few (group, term) pairs only: a sort-free pass (no table of all pairs)."""
        width = np.int64(len(self.vocab))
        wanted = np.asarray(group, dtype=np.int64) * width + np.asarray(term, dtype=np.int64)
        order = np.argsort(wanted)
        needed = wanted[order]
        is_needed = np.zeros(len(self.vocab), dtype=bool)
        is_needed[np.asarray(term, dtype=np.int64)] = True
        of_needed = is_needed[self.term]  # only the tokens of a needed term are keyed
        found = count_keys(self.group[of_needed].astype(np.int64) * width + self.term[of_needed], needed)
        counts = np.empty_like(found)
        counts[order] = found
        return counts

    def runs(self, n: int) -> np.ndarray:
        """Where ``n`` tokens in a row begin within one sentence, nothing left out between: a mask.

        One entry per position that has ``n - 1`` tokens after it. "Nothing left
        out": the ``n`` tokens are ``n`` neighbouring rows of the tokens table, so a
        run never spans punctuation that was not counted.
        """
        m = max(len(self) - n + 1, 0)
        ok = np.ones(m, dtype=bool)
        for k in range(n - 1):
            ok &= self.followed[k : k + m]
        return ok

    def ngrams(self, n: int, *, min_freq: int = 1, docs: bool = True) -> tuple[TermCounts, np.ndarray]:
        """Count the ``n``-grams (the runs of :meth:`runs`), each in the group and document of its first word.

        Returns the counts of the (group, n-gram) pairs seen at least ``min_freq``
        times, whose terms are the n-grams (their words joined by a space; a
        stopword n-gram holds one), and the word codes of each n-gram, an array of
        ``n`` columns. Counts of parts to be merged need ``min_freq=1`` (a pair
        rare in each part may not be rare in all).
        """
        # number the distinct (group, first word) prefixes, then lengthen them a word at a time:
        # a sparse matrix of prefixes by next words, whose duplicates scipy sums row by row. Each
        # step's entries remember their prefix (``parents``) and their last word (``lasts``).
        width = np.int64(len(self.vocab))
        every_id, keys, _ = self.numbered
        first_group, first_word = np.divmod(keys, width)
        ok = self.runs(n)
        m = len(ok)
        parents: list[np.ndarray] = []
        lasts: list[np.ndarray] = []
        chosen = None  # the entries kept, when the last step has chosen them already
        if n == 2 and not docs:  # the pairs of collocations: masked inside the counting threads
            matrix = count_pairs(every_id[:m], self.term[1:], (len(keys), len(self.vocab)), where=ok)
            chosen, parent, last, count = _entries_kept(matrix, min_freq)
            parents.append(parent)
            lasts.append(last)
            per_row = np.asarray(matrix.sum(axis=1)).reshape(-1)
            sizes = np.bincount(first_group, weights=per_row, minlength=len(self.groups)).astype(np.int64)
            start = ids = np.zeros(0, dtype=np.int64)
        else:
            start = np.flatnonzero(ok)
            ids = every_id[start]
            sizes = np.bincount(self.group[start], minlength=len(self.groups))
            count = np.bincount(ids, minlength=len(keys)) if n == 1 else np.zeros(len(keys), dtype=np.int64)
        for k in range(1, n) if chosen is None else ():
            following = self.term[k:][start]
            matrix = count_pairs(ids, following, (len(count), len(self.vocab)))
            if k == n - 1 and not docs:  # only the entries kept need their prefix
                chosen, parent, last, count = _entries_kept(matrix, min_freq)
                parents.append(parent)
                lasts.append(last)
                break
            rows = np.repeat(np.arange(len(count)), np.diff(matrix.indptr))
            ids = np.searchsorted(rows * width + matrix.indices, ids.astype(np.int64) * width + following)
            parents.append(rows)
            lasts.append(matrix.indices)
            count = matrix.data
        in_docs = distinct_per_id(ids, self.doc[start], len(count)) if docs else None
        keep = np.arange(len(count)) if chosen is not None else np.flatnonzero(count >= min_freq)
        place, columns = keep, []
        for parent, last in zip(parents[::-1], lasts[::-1], strict=True):  # the words, last to first
            columns.append(last[place])
            place = parent[place]
        group = first_group[place]
        words = np.column_stack([first_word[place], *columns[::-1]]).astype(np.int64)
        n_pairs = count[keep]
        in_docs = None if in_docs is None else in_docs[keep]
        term, distinct = np.zeros(len(words), dtype=np.int64), 1
        for k in range(n):  # the n-grams' own numbers, shared by the groups: in the order of their words
            term, unique, _ = pair_ids(term, words[:, k], len(self.vocab))
            distinct = len(unique)
        first = np.zeros(distinct, dtype=np.int64)
        first[term] = np.arange(len(term))  # where each n-gram is, any of its places
        grams = words[first]  # the words of each n-gram kept
        text = strings_at(self.vocab, grams[:, 0])
        for k in range(1, n):
            text = text + " " + strings_at(self.vocab, grams[:, k])
        counts = TermCounts(
            groups=self.groups,
            vocab=np.asarray(text, dtype=object),
            stop_flags=lambda: np.asarray(self.stop[grams].any(axis=1), dtype=bool),
            group=group,
            term=term.reshape(-1),
            n=n_pairs.astype(np.int64),
            docs=in_docs,
            sizes=sizes,
        )
        return counts, grams

    def window(self, first: np.ndarray, last: np.ndarray, left: int, right: int) -> np.ndarray:
        """The positions of the tokens within ``left`` before ``first`` and ``right`` after ``last``.

        ``first`` and ``last`` are positions (among these tokens) of where each node
        begins and ends; a window counts tokens and stops at the sentence's ends. A
        token in the windows of two nodes is there twice.
        """
        found = []
        for offset in [*range(-left, 0), *range(1, right + 1)]:
            anchor = first if offset < 0 else last
            other = anchor + offset
            ok = (other >= 0) & (other < len(self))
            ok[ok] &= self.same_sentence(other[ok], anchor[ok])
            found.append(other[ok])
        return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)

    def positions_of(self, rows: np.ndarray) -> np.ndarray:
        """The position of each tokens-table row among these tokens (-1 for a row not counted)."""
        left_out = np.flatnonzero(~self.kept)  # a row's place: the row less the rows left out before it
        rows = np.asarray(rows, dtype=np.int64)
        return np.where(self.kept[rows], rows - np.searchsorted(left_out, rows), -1)


def _entries_kept(matrix: sparse.csr_matrix, min_freq: int) -> tuple[np.ndarray, ...]:
    """The entries seen ``min_freq`` times of a prefix-by-word count matrix.

    Their places among the matrix's entries, their prefixes (rows), last words and counts.
    """
    chosen = np.flatnonzero(matrix.data >= min_freq)
    prefix = np.searchsorted(matrix.indptr, chosen, side="right") - 1
    return chosen, prefix, matrix.indices[chosen], matrix.data[chosen]


def words_of(tokens: pd.DataFrame, func: str, *, by: By, unit: Unit, drop_punct: bool = True) -> Words:
    """The tokens that ``func`` counts: those with a group (and only words, with ``drop_punct``)."""
    groups = groups_of(tokens, func, by)
    values = as_categorical(tokens[unit])
    keep = groups.codes >= 0
    if drop_punct:
        keep &= ~tokens["is_punct"].to_numpy(bool)
    codes = np.asarray(values.codes)
    return Words(
        tokens=tokens,
        groups=groups,
        vocab=np.asarray(pd.Index(values.categories).astype(str), dtype=object),
        codes=codes,
        kept=keep,
        term=codes[keep],
        group=groups.codes[keep],
    )


def words_in_groups(tokens: pd.DataFrame, func: str, *, by: By, unit: Unit = "norm") -> Words:
    """:func:`words_of` for the comparison models: an error when no word has a group."""
    words = words_of(tokens, func, by=by, unit=unit)
    if len(words) == 0:
        raise NKResearchError(f"{func}: no word of the tokens table has a value of by={by!r}.")
    return words


def tally(
    words: Words,
    term: np.ndarray,
    at: np.ndarray,
    *,
    vocab: np.ndarray,
    stop: Callable[[], np.ndarray],
    docs: bool,
    sizes: np.ndarray | None = None,
) -> TermCounts:
    """Count items of ``term`` codes, one at each position ``at`` of ``words``, in its group and document.

    ``sizes`` (per group, the items counted) defaults to the items given.
    """
    group = words.group[at]
    ids, keys, n = pair_ids(group, term, len(vocab), ids=docs)
    g, t = np.divmod(keys, np.int64(max(len(vocab), 1)))
    return TermCounts(
        groups=words.groups,
        vocab=vocab,
        stop_flags=stop,
        group=g,
        term=t,
        n=n,
        docs=distinct_per_id(ids, words.doc[at], len(keys)) if docs else None,
        sizes=np.bincount(group, minlength=len(words.groups)) if sizes is None else sizes,
    )


def count_table(
    tokens: pd.DataFrame,
    *,
    func: str,
    by: By,
    unit: Unit,
    docs: bool = True,
    drop_punct: bool = True,
    drop_stop: bool = False,
) -> TermCounts:
    """The (group, term) counts of one tokens table, or of one part of a token store, detached from it.

    What an analysis counts part by part (:func:`.stores.count_parts`, through
    ``functools.partial``); the parts' counts add up (:meth:`TermCounts.merge`).
    """
    words = words_of(tokens, func, by=by, unit=unit, drop_punct=drop_punct)
    return words.count(docs=docs, drop_stop=drop_stop).detached()
