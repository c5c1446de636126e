"""Arabic normalisation for matching, with a map from every normalised position back to the original.

Matching always happens on the normalised view; results are reported in original offsets. Most folds
are one character to one character (alef variants, alef maqsura, ta marbuta, digits) and need no map.
Only deletions (diacritics, tatweel, invisible controls) and expansions (presentation-form ligatures)
shift positions; the map records just those shifts as segments, so a text without them costs nothing.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

# Combining marks deleted from the normalised view (harakat, shadda, sukun, superscript alef, Quranic marks).
_DIACRITIC_RANGES = [(0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06DC), (0x06DF, 0x06E8),
                     (0x06EA, 0x06ED), (0x08D3, 0x08E1), (0x08E3, 0x08FF)]
_TATWEEL = 0x0640
# Zero-width and bidi controls: invisible in the original, never part of a word.
_INVISIBLE = [0x00AD, 0x061C, 0x180E, *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065),
              *range(0x2066, 0x206A), 0xFEFF]

DIACRITICS = "".join(chr(c) for lo, hi in _DIACRITIC_RANGES for c in range(lo, hi + 1))

# One-to-one letter folds. Hamza on waw/ya (ؤ ئ) is kept: it distinguishes words.
_LETTER_FOLDS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ێ": "ي",
    "ة": "ه", "ۀ": "ه", "ە": "ه", "ھ": "ه", "ہ": "ه",
    "ک": "ك", "ڪ": "ك",
    "٫": ".", "٬": ",", "٪": "%", "\u00a0": " ", "\u2007": " ", "\u202f": " ",
}
_DIGIT_FOLDS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}


def _fold_char(ch: str) -> str:
    return _DIGIT_FOLDS.get(ch) or _LETTER_FOLDS.get(ch) or ch


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for ch, rep in (_LETTER_FOLDS | _DIGIT_FOLDS).items():
        table[ord(ch)] = rep
    for lo, hi in _DIACRITIC_RANGES:
        for cp in range(lo, hi + 1):
            table[cp] = None
    table[_TATWEEL] = None
    for cp in _INVISIBLE:
        table[cp] = None
    # Presentation forms (ﻻ ﷲ ﺑ …): compatibility-decompose, then fold the result like ordinary text.
    for lo, hi in ((0xFB50, 0xFDFF), (0xFE70, 0xFEFE)):
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            decomposed = unicodedata.normalize("NFKC", ch)
            if decomposed == ch:
                continue
            folded = "".join(_fold_char(c) for c in decomposed if c not in DIACRITICS and ord(c) != _TATWEEL)
            table[cp] = folded if folded.strip() else None
    return table


_TABLE = _build_table()
# Characters whose replacement is not exactly one character: the only ones that shift offsets.
_SHIFTING_CHARS = "".join(chr(cp) for cp, rep in sorted(_TABLE.items()) if rep is None or len(rep) != 1)
_SHIFTING = re.compile("[" + re.escape(_SHIFTING_CHARS) + "]")
_DIACRITIC_SET = frozenset(DIACRITICS)

_COPY = 0
_EXPAND = 1


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A normalised view of `original` and the map back to it.

    `segments` is empty when normalisation shifted nothing (the common case: identical offsets).
    Otherwise it holds parallel lists: the normalised start of each segment, its original start, and
    whether it copies a run of characters one to one or expands one original character.
    """

    original: str
    text: str
    _norm_starts: list[int] = field(default_factory=list)
    _orig_starts: list[int] = field(default_factory=list)
    _kinds: list[int] = field(default_factory=list)

    @property
    def is_identity(self) -> bool:
        return not self._norm_starts

    def to_original_start(self, pos: int) -> int:
        """Original offset of the character at normalised position `pos` (or the end, for len(text))."""
        if not self._norm_starts:
            return pos
        if pos >= len(self.text):
            return self._orig_starts[-1]
        i = bisect_right(self._norm_starts, pos) - 1
        if self._kinds[i] == _EXPAND:
            return self._orig_starts[i]
        return self._orig_starts[i] + (pos - self._norm_starts[i])

    def to_original_end(self, pos: int) -> int:
        """Original offset just after normalised character `pos - 1`, with the diacritics and tatweel
        that follow it (they belong to the word: "هـ", "قتيلاً")."""
        if pos <= 0:
            return self.to_original_start(0)
        if not self._norm_starts:
            return pos
        i = bisect_right(self._norm_starts, pos - 1) - 1
        if self._kinds[i] == _EXPAND:
            end = self._orig_starts[i] + 1
        else:
            end = self._orig_starts[i] + (pos - self._norm_starts[i])
        original = self.original
        while end < len(original) and (original[end] in _DIACRITIC_SET or original[end] == "\u0640"):
            end += 1
        return end

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span to the original span it came from."""
        if not self._norm_starts:
            return start, end
        if end <= start:
            o = self.to_original_start(start)
            return o, o
        return self.to_original_start(start), self.to_original_end(end)


def _build_lut() -> np.ndarray[Any, np.dtype[np.uint32]]:
    lut = np.arange(0x10000, dtype=np.uint32)
    for cp, rep in _TABLE.items():
        if cp < 0x10000:
            lut[cp] = _DELETE_MARK if rep is None else ord(rep) if len(rep) == 1 else _EXPAND_MARK
    return lut


# Code-point lookup table for the fast path: one vectorised pass instead of a per-character dict lookup.
_EXPAND_MARK = 0xFFFFFFFE
_DELETE_MARK = 0xFFFFFFFF
_LUT = _build_lut()


def normalize(text: str) -> NormalizedText:
    """Normalise `text` for matching and keep the offset map back to it."""
    if not text:
        return NormalizedText(text, text)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    if int(codes.max()) < 0x10000:
        mapped = _LUT[codes]
        shifted = mapped >= _EXPAND_MARK
        if not shifted.any():
            return NormalizedText(text, mapped.tobytes().decode("utf-32-le"))
        if not (mapped == _EXPAND_MARK).any():
            # Deletions only (diacritics, tatweel, controls): the kept positions give the segments.
            keep = ~shifted
            kept_pos = np.flatnonzero(keep)
            folded = mapped[keep].tobytes().decode("utf-32-le")
            breaks = (np.flatnonzero(np.diff(kept_pos) != 1) + 1).tolist()
            norm_starts = [0, *breaks] if len(kept_pos) else []
            orig_starts = kept_pos[norm_starts].tolist() if norm_starts else []
            norm_starts.append(len(folded))
            orig_starts.append(len(text))
            return NormalizedText(text, folded, norm_starts, orig_starts, [_COPY] * len(norm_starts))
    return _normalize_with_expansions(text)


def _normalize_with_expansions(text: str) -> NormalizedText:
    """The general path: presentation-form ligatures expand one character into several."""
    folded = text.translate(_TABLE)
    if _SHIFTING.search(text) is None:
        return NormalizedText(text, folded)
    norm_starts: list[int] = []
    orig_starts: list[int] = []
    kinds: list[int] = []
    npos = 0
    opos = 0
    for m in _SHIFTING.finditer(text):
        s = m.start()
        if s > opos:
            norm_starts.append(npos)
            orig_starts.append(opos)
            kinds.append(_COPY)
            npos += s - opos
        rep = _TABLE[ord(text[s])]
        if rep:
            norm_starts.append(npos)
            orig_starts.append(s)
            kinds.append(_EXPAND)
            npos += len(rep)
        opos = s + 1
    if opos < len(text):
        norm_starts.append(npos)
        orig_starts.append(opos)
        kinds.append(_COPY)
        npos += len(text) - opos
    # Sentinel: the end of the normalised text maps to the end of the original.
    norm_starts.append(npos)
    orig_starts.append(len(text))
    kinds.append(_COPY)
    return NormalizedText(text, folded, norm_starts, orig_starts, kinds)


@lru_cache(maxsize=65536)
def normalize_key(text: str) -> str:
    """The normalised form of a dictionary entry or query (no offset map needed)."""
    return " ".join(text.translate(_TABLE).split())


def strip_diacritics(text: str) -> str:
    """Remove diacritics and tatweel only (for display of dictionary entries)."""
    return "".join(c for c in text if c not in _DIACRITIC_SET and ord(c) != _TATWEEL)
