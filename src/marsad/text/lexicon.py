"""Small closed-class lexicons shared by every stage (function words), loaded once."""

from __future__ import annotations

from functools import lru_cache

from marsad.datafiles import package_data_path, read_tsv
from marsad.text.normalize import normalize_key

FUNCTION_WORD_CLASSES = frozenset({"preposition", "conjunction", "particle", "pronoun", "adverb"})


@lru_cache(maxsize=1)
def function_words() -> dict[str, str]:
    """Normalised function word -> its class (preposition, conjunction, particle, pronoun, adverb)."""
    out: dict[str, str] = {}
    for row in read_tsv(package_data_path("marsad.text", "data", "function_words.tsv"), ("word", "class")):
        if row["class"] not in FUNCTION_WORD_CLASSES:
            raise row.fail(f"unknown function-word class {row['class']!r}")
        out.setdefault(normalize_key(row["word"]), row["class"])
    return out


def is_function_word(word: str) -> bool:
    return word in function_words()
