"""Arabic clitics: the one place that knows which letters attach to a word and how.

Words are never rewritten: a token keeps its text and offsets, and its clitic analyses are metadata
(all plausible splits, most likely first). Dictionaries decide between them: "بوتين" is looked up as
is before "ب" + "وتين" is tried. All strings here are in the normalised alphabet (ة→ه, أ→ا, ى→ي).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
FUTURE = "س"
ARTICLE = "ال"
# ل + ال is written لل (the alef of the article drops): للامم = ل + الامم.
LAM_ARTICLE = "لل"
ENCLITICS = ("هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ني", "ه", "ك", "ي")

MIN_STEM = 2


@dataclass(frozen=True, slots=True)
class CliticSplit:
    """One analysis of a word: proclitics + stem + enclitic. `article` tells whether the stem's ال
    was part of the word (it stays in `stem`; `bare` is the stem without it)."""

    proclitics: str
    stem: str
    enclitic: str = ""

    @property
    def bare(self) -> str:
        s = self.stem
        return s[2:] if s.startswith(ARTICLE) and len(s) - 2 >= MIN_STEM else s

    @property
    def has_article(self) -> bool:
        return self.stem.startswith(ARTICLE) and len(self.stem) - 2 >= MIN_STEM


@lru_cache(maxsize=262144)
def proclitic_splits(word: str) -> tuple[CliticSplit, ...]:
    """Every way to read `word` as [و|ف][ب|ل|ك|س] + stem, the unsplit reading first.

    The article stays on the stem (dictionaries list "الامم المتحده" with it); "لل" is read as ل + ال.
    """
    out: list[CliticSplit] = [CliticSplit("", word)]
    rest_options: list[tuple[str, str]] = [("", word)]
    if len(word) > MIN_STEM and word[0] in CONJUNCTIONS:
        rest_options.append((word[0], word[1:]))
    for conj, rest in rest_options:
        if conj:
            out.append(CliticSplit(conj, rest))
        if len(rest) > MIN_STEM + 1 and rest.startswith(LAM_ARTICLE) and not rest.startswith("الل"):
            out.append(CliticSplit(conj + "ل", ARTICLE + rest[2:]))
        elif len(rest) > MIN_STEM and rest[0] in PREPOSITIONS:
            out.append(CliticSplit(conj + rest[0], rest[1:]))
        elif len(rest) > MIN_STEM + 1 and rest[0] == FUTURE and rest[1] in "يتنا":
            # سيبحث = س + يبحث (future); only before an imperfect-verb prefix.
            out.append(CliticSplit(conj + FUTURE, rest[1:]))
    return tuple(out)


@lru_cache(maxsize=262144)
def stems(word: str) -> frozenset[str]:
    """Every stem `word` can be read as (itself included): a quick test before a dictionary lookup."""
    return frozenset(split.stem for split in proclitic_splits(word))


@lru_cache(maxsize=262144)
def has_preposition(proclitics: str) -> bool:
    """Do these proclitics (a CliticSplit's) end with a preposition ("ب", "ل", "ك"; "ول" in "وللأمم")?"""
    return proclitics[-1:] in PREPOSITIONS


def lookup_forms(word: str) -> tuple[str, ...]:
    """Candidate dictionary keys for a normalised word, most literal first, without duplicates.

    Used by every dictionary matcher (gazetteer, titles, triggers) so clitic handling is uniform.
    """
    seen: dict[str, None] = {}
    for split in proclitic_splits(word):
        seen.setdefault(split.stem, None)
    return tuple(seen)


@lru_cache(maxsize=262144)
def enclitic_splits(word: str) -> tuple[tuple[str, str], ...]:
    """(stem, enclitic) readings of a word's end, the unsplit reading first: نظيره → (نظير, ه)."""
    out = [(word, "")]
    for enc in ENCLITICS:
        if word.endswith(enc) and len(word) - len(enc) >= MIN_STEM + 1:
            out.append((word[: -len(enc)], enc))
    return tuple(out)


def strip_proclitics(word: str) -> str:
    """The shortest plausible stem of `word` with its article removed: a feature, not a decision."""
    splits = proclitic_splits(word)
    return splits[-1].bare if splits else word
