"""One shared scan for the places where numbers and dates can start.

Numbers and dates are rare in a text, but finding them naively costs one regex pass per rule over the
whole article. Instead the text core scans once for digit runs and once for the keywords that any
text-core module registered (number words, month and weekday names, اليوم، قبل…), and each module
then examines only those spots. The scan of a text is cached, so the modules share it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from marsad.text.trie_regex import WordStartScanner

# Clitic letters a keyword may carry: و/ف then ب/ل/ك (وبعد، لعام، بخمسة).
KEYWORD_CLITICS = "[وف]?[بلك]?"
_DIGIT_RUN = re.compile(r"\d+(?:[.,/:\-]\d+)*")

_registry: dict[str, frozenset[str]] = {}


@dataclass(frozen=True, slots=True)
class KeywordHit:
    word: str  # the keyword as registered (normalised, single-spaced)
    start: int  # where the keyword starts (after its clitics)
    clitic_start: int  # where its clitics start (== start if none)


@dataclass(frozen=True, slots=True)
class Anchors:
    digit_runs: list[tuple[int, int]]
    keywords: list[KeywordHit]


def register_keywords(owner: str, words: Iterable[str]) -> None:
    """Add a module's keywords to the shared scan (idempotent; the scanner is rebuilt when they change)."""
    new = frozenset(" ".join(w.split()) for w in words)
    if _registry.get(owner) != new:
        _registry[owner] = new
        _scanner.cache_clear()
        anchors.cache_clear()


@lru_cache(maxsize=1)
def _scanner() -> WordStartScanner:
    vocabulary = sorted(set().union(*_registry.values())) if _registry else []
    return WordStartScanner(vocabulary, clitics=KEYWORD_CLITICS)


@lru_cache(maxsize=4)
def anchors(text: str) -> Anchors:
    """Digit runs and registered keywords of a normalised text (cached: every module reuses the scan)."""
    digit_runs = [m.span() for m in _DIGIT_RUN.finditer(text)]
    keywords = [KeywordHit(" ".join(m.group("body").split()), m.start("body"), m.start("pre"))
                for m in _scanner().finditer(text)]
    return Anchors(digit_runs, keywords)
