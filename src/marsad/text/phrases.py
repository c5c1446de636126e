"""Dictionaries of multi-token phrases (names, titles, cues) and clitic-aware longest matching.

A phrase dictionary is a trie over normalised tokens, so finding the longest entry at a position costs
the length of the match, not the number of entries sharing its first word ("مدينة …" has hundreds).
Only the first token of a phrase may carry proclitics (و ف ب ل ك, and the article's لل).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from marsad.text.clitics import LAM_ARTICLE, proclitic_splits, stems

E = TypeVar("E")


@dataclass(slots=True)
class _Node(Generic[E]):
    children: dict[str, _Node[E]] = field(default_factory=dict)
    entry: E | None = None


@dataclass(slots=True)
class PhraseTrie(Generic[E]):
    """Entries keyed by their token tuple; the first entry added for a token tuple is kept."""

    first: dict[str, _Node[E]] = field(default_factory=dict)
    size: int = 0

    def add(self, tokens: Sequence[str], entry: E) -> bool:
        """Add an entry; False if an entry with the same tokens is already there."""
        if not tokens:
            return False
        node = self.first.setdefault(tokens[0], _Node())
        for tok in tokens[1:]:
            node = node.children.setdefault(tok, _Node())
        if node.entry is not None:
            return False
        node.entry = entry
        self.size += 1
        return True

    def get(self, tokens: Sequence[str]) -> E | None:
        node = self.first.get(tokens[0]) if tokens else None
        for tok in tokens[1:]:
            if node is None:
                return None
            node = node.children.get(tok)
        return node.entry if node is not None else None

    def replace(self, tokens: Sequence[str], entry: E) -> None:
        """Set the entry for a token tuple (adding or overwriting it)."""
        if not self.add(tokens, entry):
            node = self.first[tokens[0]]
            for tok in tokens[1:]:
                node = node.children[tok]
            node.entry = entry

    def entries(self) -> Iterable[E]:
        stack = list(self.first.values())
        while stack:
            node = stack.pop()
            if node.entry is not None:
                yield node.entry
            stack.extend(node.children.values())


@dataclass(frozen=True, slots=True)
class PhraseMatch(Generic[E]):
    first: int  # token indices [first, last)
    last: int
    skip: int  # characters of the first token that are clitics, not part of the phrase
    entry: E
    proclitics: str = ""


def clitic_chars(word: str, proclitics: str) -> int:
    """How many leading characters of `word` are clitics. In "للأمم" (ل + الأمم, the article's alef
    dropped) the second ل belongs to the article, so the phrase keeps the whole token."""
    n = len(proclitics)
    if n and proclitics.endswith("ل") and word[n - 1 : n + 1] == LAM_ARTICLE:
        return n - 1
    return n


def match_at(tokens: Sequence[str], trie: PhraseTrie[E], i: int, stop: int | None = None) -> PhraseMatch[E] | None:
    """The longest entry starting at token i; the unsplit reading of the first token wins ties, so
    "بوتين" is never read as ب + "وتين"."""
    word = tokens[i]
    if trie.first.keys().isdisjoint(stems(word)):
        return None  # the common case: no entry starts with any reading of this word
    end = len(tokens) if stop is None else stop
    best: PhraseMatch[E] | None = None
    for split in proclitic_splits(word):
        node = trie.first.get(split.stem)
        if node is None:
            continue
        found, length = node.entry, 1
        k = i + 1
        while k < end and node.children:
            nxt = node.children.get(tokens[k])
            if nxt is None:
                break
            node = nxt
            k += 1
            if node.entry is not None:
                found, length = node.entry, k - i
        if found is not None and (best is None or length > best.last - best.first):
            best = PhraseMatch(i, i + length, clitic_chars(word, split.proclitics), found, split.proclitics)
    return best


def candidate_positions(tokens: Sequence[str], keys: AbstractSet[str], start: int = 0,
                        end: int | None = None) -> list[int]:
    """Positions in tokens[start:end] where some reading of the token is one of `keys` (a cheap filter:
    the few positions a dictionary can match at). `keys` must be a set or a dict's keys: its
    isdisjoint() then walks the token's few readings, not the dictionary."""
    stop = len(tokens) if end is None else end
    return [i for i in range(start, stop) if not keys.isdisjoint(stems(tokens[i]))]


def match_all(tokens: Sequence[str], trie: PhraseTrie[E], start: int = 0,
              end: int | None = None) -> list[PhraseMatch[E]]:
    """Longest entries over tokens[start:end], left to right, without overlaps."""
    stop = len(tokens) if end is None else end
    out: list[PhraseMatch[E]] = []
    covered = start
    for i in candidate_positions(tokens, trie.first.keys(), start, stop):
        if i < covered:
            continue
        m = match_at(tokens, trie, i, stop)
        if m is not None:
            out.append(m)
            covered = m.last
    return out
