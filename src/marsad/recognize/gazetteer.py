"""Knowledge-base names in a document: clitic-aware, longest match first, on whole tokens.

"وبوتين", "لكازاخستان", "بأفغانستان", "للأمم المتحدة" match; "بوتينا" or a name inside a longer word
does not. Only the first token of a name may carry proclitics (و ف ب ل ك and the article's لل).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from marsad.knowledge.index import Alias, KBIndex
from marsad.text.clitics import LAM_ARTICLE, proclitic_splits


class HasTokens(Protocol):
    @property
    def tokens(self) -> tuple[str, ...]: ...


E = TypeVar("E", bound=HasTokens)


@dataclass(frozen=True, slots=True)
class NameMatch(Generic[E]):
    first: int  # token indices [first, last)
    last: int
    skip: int  # characters of the first token that are clitics, not part of the name
    alias: E
    proclitics: str = ""


def match_names(tokens: Sequence[str], names: dict[str, list[E]], start: int = 0,
                end: int | None = None) -> list[NameMatch[E]]:
    """Longest dictionary names over tokens[start:end], left to right, without overlaps.

    The unsplit reading of a token is preferred to a clitic split of the same length, so "بوتين" is
    never read as ب + "وتين" when both exist.
    """
    stop = len(tokens) if end is None else end
    out: list[NameMatch[E]] = []
    i = start
    while i < stop:
        best = match_at(tokens, names, i, stop)
        if best is None:
            i += 1
            continue
        out.append(best)
        i = best.last
    return out


def match_at(tokens: Sequence[str], names: dict[str, list[E]], i: int,
             stop: int | None = None) -> NameMatch[E] | None:
    """The longest dictionary entry starting at token i (its first token may carry clitics)."""
    end = len(tokens) if stop is None else stop
    best: NameMatch[E] | None = None
    word = tokens[i]
    for split in proclitic_splits(word):
        bucket = names.get(split.stem)
        if not bucket:
            continue
        for entry in bucket:
            n = len(entry.tokens)
            if best is not None and n <= best.last - best.first:
                break  # the bucket is sorted longest first
            if i + n <= end and all(tokens[i + k] == entry.tokens[k] for k in range(1, n)):
                best = NameMatch(i, i + n, clitic_chars(word, split.proclitics), entry, split.proclitics)
                break
    return best


def clitic_chars(word: str, proclitics: str) -> int:
    """How many leading characters of `word` are clitics, not name. In "للأمم" (ل + الأمم, the
    article's alef dropped) the second ل belongs to the article, so the name keeps the whole token."""
    n = len(proclitics)
    if n and proclitics.endswith("ل") and word[n - 1 : n + 1] == LAM_ARTICLE:
        return n - 1
    return n


def gazetteer_matches(index: KBIndex, tokens: Sequence[str], start: int = 0,
                      end: int | None = None) -> list[NameMatch[Alias]]:
    return match_names(tokens, index.names, start, end)
