"""Numbers in Arabic text: digits in any script, separators, decimals, percentages, number words,
compounds with scales ("ستة آلاف", "مليون ونصف", "ثلاثة وعشرين") and dual nouns ("يومين").

Works on the normalised view (digits are already ASCII, ٫ ٬ ٪ already . , %). Returns values with
normalised spans; callers map them to original offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from marsad.datafiles import package_data_path, read_tsv
from marsad.text.anchors import anchors, register_keywords
from marsad.text.normalize import normalize_key
from marsad.text.trie_regex import trie_pattern

NumberKind = Literal["digits", "words", "mixed", "dual"]
WordKind = Literal["unit", "ten", "hundred", "scale", "fraction", "vague", "dual"]
_WORD_KINDS = frozenset({"unit", "ten", "hundred", "scale", "fraction", "vague", "dual"})

# Proclitics a number can carry: و40، بـ140 (tatweel is gone in the normalised view), لـ5، فخمسة.
CLITIC_PREFIX = r"(?P<pre>[وف]?[بلك]?)"
_PERCENT = r"%|بالمئه|بالمائه|بالميه|في المئه|في المائه"


@dataclass(frozen=True, slots=True)
class Number:
    start: int  # normalised offsets of the number expression (clitic prefix excluded)
    end: int
    value: float
    kind: NumberKind
    percent: bool = False
    vague: bool = False
    unit: str | None = None  # the counted noun a dual carries (يومين → يوم)


@dataclass(frozen=True, slots=True)
class NumberLexicon:
    words: dict[str, dict[str, float]]  # normalised word -> {kind: value}
    dual_units: dict[str, str]  # dual word -> normalised unit noun
    scales: dict[str, float]  # normalised scale word -> multiplier (for digits + scale)
    word_pattern: str  # regex alternation of all words, longest first


@lru_cache(maxsize=1)
def number_lexicon() -> NumberLexicon:
    words: dict[str, dict[str, float]] = {}
    dual_units: dict[str, str] = {}
    path = package_data_path("marsad.text", "data", "number_words.tsv")
    for row in read_tsv(path, ("word", "value", "kind")):
        kind = row["kind"]
        if kind not in _WORD_KINDS:
            raise row.fail(f"unknown number-word kind {kind!r}")
        try:
            value = float(row["value"])
        except ValueError:
            raise row.fail(f"value {row['value']!r} is not a number") from None
        key = normalize_key(row["word"])
        if kind in words.get(key, {}):
            raise row.fail(f"duplicate number word {row['word']!r} of kind {kind}")
        words.setdefault(key, {})[kind] = value
        if kind == "dual":
            if not row.get("unit"):
                raise row.fail("a dual needs its unit noun")
            dual_units[key] = normalize_key(row["unit"])
    scales = {w: k["scale"] for w, k in words.items() if "scale" in k}
    alternation = "(?:" + trie_pattern(words) + ")"
    return NumberLexicon(words, dual_units, scales, alternation)


@dataclass(frozen=True, slots=True)
class _Patterns:
    digits: re.Pattern[str]
    words: re.Pattern[str]
    component: re.Pattern[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    lex = number_lexicon()
    w = lex.word_pattern
    scale_alt = trie_pattern(lex.scales)
    # Matched only at the digit runs of the shared anchor scan; the context before a number is checked
    # in find_numbers (a leading lookbehind would be tried at every position of the text).
    digits = re.compile(
        r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)(?![\d:/]|[.,]\d)"
        rf"(?:\s*(?P<pct>{_PERCENT})(?!\w)|\s+(?P<scale>{scale_alt})(?!\w)(?:\s+و(?P<frac>نصف|ربع)(?!\w))?)?"
    )
    words = re.compile(rf"(?<!\w){CLITIC_PREFIX}(?P<run>(?:{w})(?:\s+و?(?:{w}))*)(?!\w)"
                       rf"(?:\s*(?P<pct>{_PERCENT})(?!\w))?")
    component = re.compile(rf"(?:^|\s+)(?P<conj>و?)(?P<word>{w})(?=\s|$)")
    register_keywords("numbers", lex.words)
    return _Patterns(digits, words, component)


def _digit_value(num: str, followed_by_scale: bool) -> float:
    """Value of a digit string with separators: 6,000 = 6000; 3.5 = 3.5; 3,5 = 3.5; 1.500 = 1500
    unless a scale word follows (1.500 مليار = 1.5 billion)."""
    if "," in num:
        head, _, tail = num.rpartition(",")
        if len(tail.split(".")[0]) == 3 and head.replace(",", "").isdigit():
            return float(num.replace(",", ""))
        return float(num.replace(",", "."))
    if "." in num:
        head, _, tail = num.partition(".")
        if len(tail) == 3 and not followed_by_scale and head != "0":
            return float(head + tail)
        return float(num)
    return float(num)


def parse_number_words(run: str) -> tuple[float, bool] | None:
    """Value of a run of number words ("ثلاثة آلاف وخمسمئة") and whether it is vague; None if not a number."""
    lex = number_lexicon()
    comps = [(m.group("conj"), normalize_key(m.group("word"))) for m in _patterns().component.finditer(run)]
    if not comps:
        return None
    if len(comps) == 1:
        kinds = lex.words[comps[0][1]]
        if "vague" in kinds:
            return kinds["vague"], True
    total = 0.0
    current = 0.0
    last_scale = 1.0
    previous = ""
    for conj, word in comps:
        kinds = lex.words[word]
        if "scale" in kinds:
            total += (current or 1.0) * kinds["scale"]
            current = 0.0
            last_scale = kinds["scale"]
            previous = "scale"
        elif "dual" in kinds:
            total += current + kinds["dual"]
            current = 0.0
            previous = "scale"
        elif "fraction" in kinds:
            if previous == "scale" and conj:
                total += kinds["fraction"] * last_scale
            else:
                current += kinds["fraction"]
            previous = "fraction"
        elif "vague" in kinds and len(kinds) == 1:
            return None  # a vague word inside a compound: not a well-formed number
        else:
            current += next(v for k, v in kinds.items() if k in ("unit", "ten", "hundred"))
            previous = "unit"
    return total + current, False


_CLITIC_LETTERS = "وفبلك"
_NOT_BEFORE_NUMBER = ".,:/-+_"


def _digits_context_ok(text: str, start: int) -> bool:
    """A digit run must start a token, possibly after clitic letters (و40، بـ140): not "F16", "10:30"."""
    i = start
    while i > 0 and start - i < 2 and text[i - 1] in _CLITIC_LETTERS:
        i -= 1
    if i == 0:
        return True
    before = text[i - 1]
    return not (before.isalnum() or before in _NOT_BEFORE_NUMBER)


def find_numbers(text: str) -> list[Number]:
    """Every number in a normalised text, leftmost-longest, without overlaps."""
    pats = _patterns()
    lex = number_lexicon()
    found: list[Number] = []
    spots = anchors(text)
    for run_start, _ in spots.digit_runs:
        m = pats.digits.match(text, run_start)
        if m is None:
            continue  # a time (10:30), a date (10/01/2022) or a code
        num = m.group("num")
        if not _digits_context_ok(text, m.start()) or (len(num) >= 7 and num.startswith("0")):
            continue  # inside a word or a code, or a phone number
        scale = m.group("scale")
        value = _digit_value(num, bool(scale))
        if scale:
            value *= lex.scales[normalize_key(scale)]
            if m.group("frac"):
                value += lex.words[m.group("frac")]["fraction"] * lex.scales[normalize_key(scale)]
        found.append(Number(m.start("num"), m.end(), value, "mixed" if scale else "digits",
                            percent=bool(m.group("pct"))))
    covered = -1
    for hit in spots.keywords:
        if hit.start < covered or hit.word not in lex.words:
            continue  # a later word of a run already read, or another module's keyword
        m = pats.words.match(text, hit.clitic_start)
        if m is None:
            continue
        covered = m.end()
        run = m.group("run")
        if run in lex.dual_units:
            found.append(Number(m.start("run"), m.end(), lex.words[run]["dual"], "dual",
                                unit=lex.dual_units[run]))
            continue
        parsed = parse_number_words(run)
        if parsed is None:
            continue
        value, vague = parsed
        found.append(Number(m.start("run"), m.end(), value, "words", percent=bool(m.group("pct")), vague=vague))
    found.sort(key=lambda n: (n.start, -n.end))
    out: list[Number] = []
    last_end = -1
    for n in found:
        if n.start >= last_end:
            out.append(n)
            last_end = n.end
    return out
