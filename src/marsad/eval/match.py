"""The comparison rules of the document-facts scorer (docs/evaluation.md), one function each.

- `surface_key`: clitic-insensitive surface: normalise (`normalize_key`), then strip every word's
  proclitics and article (`strip_proclitics`: و ف ب ل ك س, ال, لل) until nothing more comes off.
  Applied the same way to gold and predicted text, so "لكازاخستان" and "كازاخستان" share a key.
- `word_overlap`: |words(gold) ∩ words(pred)| / |words(gold)|, as multisets of normalised words.
- `span_overlap`: the largest share of a gold substring (any occurrence) covered by a predicted span.
- `haversine_km`: great-circle distance on a sphere of radius 6371.0088 km.
- `greedy_match`: one-to-one pairs, best score first, ties by gold index then predicted index.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import Any, TypeVar

from marsad.text.clitics import strip_proclitics
from marsad.text.normalize import normalize_key

G = TypeVar("G")
P = TypeVar("P")
Score = tuple[float, ...]

EARTH_RADIUS_KM = 6371.0088
_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """Normalised words of `text`: folded letters and digits, punctuation and quotation marks dropped."""
    return tuple(_NON_WORD.sub(" ", normalize_key(text)).replace("_", " ").split())


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """A normalised word stripped of proclitics and article until nothing more comes off.

    Stripping to a fixed point makes the key consistent: "لكازاخستان" → "كازاخستان" → "ازاخستان", the
    key "كازاخستان" reaches too (one stripping pass alone would stop at "كازاخستان" for the first)."""
    while True:
        shorter = strip_proclitics(word)
        if shorter == word:
            return word
        word = shorter


@lru_cache(maxsize=65536)
def surface_key(text: str) -> str:
    """Clitic-insensitive key of a surface: every normalised word reduced by `word_key`."""
    return " ".join(word_key(w) for w in words(text))


_NAME_STOPWORDS = frozenset({"of", "the", "and", "for", "al", "el", "ad", "as", "ash", "ar", "bin", "ibn"})
_NAME_SIMILARITY = 0.88


@lru_cache(maxsize=65536)
def name_words(name: str) -> tuple[str, ...]:
    """An English name's words, accent-free and lower-case, without "of/the/al-" and punctuation:
    "Ministry of Defence (Russia)" and "Ministry of Defence of Russia" have the same words."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    cleaned = re.sub(r"[^\w]+", " ", plain.casefold())
    return tuple(w for w in cleaned.split() if w not in _NAME_STOPWORDS)


def same_name(a: str | None, b: str | None) -> bool:
    """English names of one entity, allowing for how gazetteers write them: the same words in any order
    ("Ministry of Defence (Russia)" / "Ministry of Defence of Russia"), one name's words a subset of the
    other's when at least two words are shared ("Islamic State" / "Islamic State (ISIS)"), or a
    transliteration variant ("Dbeibah" / "Dbeibeh": similarity ≥ 0.88). None equals only None."""
    if a is None or b is None:
        return a is None and b is None
    wa, wb = name_words(a), name_words(b)
    if set(wa) == set(wb):
        return True
    small, large = sorted((set(wa), set(wb)), key=len)
    if len(small) >= 2 and small <= large:
        return True
    return difflib.SequenceMatcher(None, " ".join(wa), " ".join(wb)).ratio() >= _NAME_SIMILARITY


def word_overlap(gold: str, pred: str) -> float:
    """Share of the gold words found in the prediction (each predicted word used at most once)."""
    g = Counter(words(gold))
    total = sum(g.values())
    if not total:
        return 0.0
    return sum((g & Counter(words(pred))).values()) / total


def word_jaccard(gold: str, pred: str) -> float:
    """|gold ∩ pred| / |gold ∪ pred| over word multisets: the tie-break that prefers tighter spans."""
    g, p = Counter(words(gold)), Counter(words(pred))
    union = sum((g | p).values())
    return sum((g & p).values()) / union if union else 0.0


def occurrences(text: str, sub: str) -> Iterator[int]:
    """Start offsets of every (possibly overlapping) occurrence of `sub` in `text`."""
    if not sub:
        return
    i = text.find(sub)
    while i >= 0:
        yield i
        i = text.find(sub, i + 1)


def span_overlap(text: str, gold: str, start: int, end: int) -> float:
    """Largest fraction of `gold` (over its occurrences in `text`) covered by the span [start, end)."""
    if not gold:
        return 0.0
    best = 0
    for i in occurrences(text, gold):
        best = max(best, min(end, i + len(gold)) - max(start, i))
    return max(best, 0) / len(gold)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def close_values(a: float, b: float, rel: float = 1e-6) -> bool:
    """Equal within `rel` of the larger magnitude (so 0 equals only 0)."""
    return abs(a - b) <= rel * max(abs(a), abs(b))


def is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def greedy_match(gold: Sequence[G], pred: Sequence[P],
                 score: Callable[[G, P], Score | None]) -> list[tuple[int, int, Score]]:
    """One-to-one (gold index, pred index, score) pairs: the best-scoring candidate pair first, then the
    best among the remaining items, and so on. `score` returns None for a pair that cannot match.
    Ties go to the lower gold index, then the lower predicted index, so the result is deterministic."""
    candidates: list[tuple[Score, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            s = score(g, p)
            if s is not None:
                candidates.append((s, gi, pi))
    candidates.sort(key=lambda c: (tuple(-x for x in c[0]), c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: list[tuple[int, int, Score]] = []
    for s, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi, s))
    return sorted(out, key=lambda m: (m[0], m[1]))
