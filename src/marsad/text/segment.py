"""Paragraphs, page furniture, sentences and tokens over the normalised view.

All offsets here are normalised offsets; `TextView.to_original` maps them back. Furniture (agency
lines, related-headline blocks, share/comment trailers) is recognised and kept out of sentences, but
the text itself is never modified.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from marsad.datafiles import package_data_path, read_tsv
from marsad.text.normalize import normalize_key
from marsad.text.trie_regex import trie_pattern

SentenceKind = Literal["title", "body"]

TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|\w+|[^\w\s]")
_LINE_RE = re.compile(r"[^\S\n]*([^\s](?:[^\n]*[^\s])?)")  # a line's text, trimmed
# Terminal punctuation, with the closing quotes/brackets that belong to the sentence it ends.
_SENT_END_RE = re.compile(r"(?:[.!?؟]+|…|\.\.\.)[\"”»'’)\]]*(?=\s|$)")
_TERMINAL = frozenset(".!?؟…")
_CLOSERS = "\"”»'’)] \t"
_LATIN_LINE_RE = re.compile(r"^[A-Za-z][A-Za-z .&'-]{0,30}$")

HEADLINE_MAX_WORDS = 16
LABEL_MAX_WORDS = 4


@dataclass(frozen=True, slots=True)
class Tokens:
    """Tokens as parallel lists (texts and normalised spans): a list of objects would cost five times
    a plain regex pass; these cost under two."""

    texts: list[str]
    spans: list[tuple[int, int]]

    def __len__(self) -> int:
        return len(self.texts)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    kind: SentenceKind
    paragraph: int


@dataclass(frozen=True, slots=True)
class Furniture:
    start: int
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class FurnitureLexicon:
    marker_re: re.Pattern[str]
    trailers: frozenset[str]
    agencies: frozenset[str]
    abbreviations: frozenset[str]


@lru_cache(maxsize=1)
def furniture_lexicon() -> FurnitureLexicon:
    markers: list[str] = []
    trailers: set[str] = set()
    agencies: set[str] = set()
    abbreviations: set[str] = set()
    path = package_data_path("marsad.text", "data", "furniture.tsv")
    for row in read_tsv(path, ("kind", "phrase")):
        phrase = normalize_key(row["phrase"])
        kind = row["kind"]
        if kind == "marker":
            markers.append(phrase)
        elif kind == "trailer":
            trailers.add(phrase)
        elif kind == "agency":
            agencies.add(phrase)
        elif kind == "abbreviation":
            abbreviations.add(phrase)
        else:
            raise row.fail(f"unknown furniture kind {kind!r}")
    return FurnitureLexicon(re.compile(trie_pattern(markers)), frozenset(trailers),
                            frozenset(agencies), frozenset(abbreviations))


def tokenize(text: str) -> Tokens:
    """Tokens of a (normalised) text: numbers with their separators, words, single punctuation marks."""
    return Tokens(TOKEN_RE.findall(text), [m.span() for m in TOKEN_RE.finditer(text)])


def _ends_with_terminal(line: str) -> bool:
    stripped = line.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def looks_like_headline(line: str) -> bool:
    """Short and without final punctuation: a title, a label or a related headline, not a paragraph."""
    return not _ends_with_terminal(line) and len(line.split()) <= HEADLINE_MAX_WORDS


_SHORT_LINE = 40  # characters: only lines this short can be a trailer or an agency byline


def _classify_lines(text: str, lines: list[tuple[int, int]]) -> list[str]:
    """Label each non-empty (trimmed) line: title, body, or a furniture reason."""
    lex = furniture_lexicon()
    n = len(lines)
    labels = ["body"] * n
    # Word counts only matter for short lines; a long line is a paragraph.
    words = [text.count(" ", s, e) + 1 if e - s < 250 else 99 for s, e in lines]
    headline_like = [words[i] <= HEADLINE_MAX_WORDS and not _ends_with_terminal(text[s:e])
                     for i, (s, e) in enumerate(lines)]
    in_marker_block = False
    for i, (s, e) in enumerate(lines):
        if lex.marker_re.match(text, s, e):
            labels[i] = "furniture:marker"
            in_marker_block = True
            continue
        bare = " ".join(text[s:e].strip(" .:|-–—•*").split()) if e - s <= _SHORT_LINE else ""
        if bare and bare in lex.trailers:
            labels[i] = "furniture:trailer"
            continue
        if in_marker_block and headline_like[i]:
            labels[i] = "furniture:related-links"
            continue
        in_marker_block = False
        if bare and (bare in lex.agencies or (words[i] <= 3 and _LATIN_LINE_RE.match(bare) is not None)):
            labels[i] = "furniture:agency-line"
    first_content = next((i for i, lab in enumerate(labels) if lab == "body"), None)
    if first_content is not None and headline_like[first_content] and first_content + 1 < n:
        labels[first_content] = "title"
    # A short label line directly followed by a headline line, inside the article: a related-headline block.
    for i in range(n - 1):
        if labels[i] != "body" or labels[i + 1] != "body" or i == first_content:
            continue
        if headline_like[i] and words[i] <= LABEL_MAX_WORDS and headline_like[i + 1]:
            labels[i] = labels[i + 1] = "furniture:related-headlines"
    return labels


def _is_abbreviation(text: str, line_start: int, dot: int) -> bool:
    """A period after a single letter ("د." "J.") or a listed abbreviation does not end a sentence."""
    if dot - 1 < line_start or not text[dot - 1].isalpha():
        return False
    if dot - 2 < line_start or not (text[dot - 2].isalpha() or text[dot - 2] == "."):
        return True  # a single letter
    space = text.rfind(" ", max(line_start, dot - 8), dot)
    word = text[space + 1 if space >= 0 else max(line_start, dot - 8) : dot]
    return word.rstrip(".") in furniture_lexicon().abbreviations


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside one line of text, whitespace trimmed."""
    out: list[tuple[int, int]] = []
    cur = start
    for m in _SENT_END_RE.finditer(text, start, end):
        if text[m.start()] == "." and _is_abbreviation(text, start, m.start()):
            continue
        _append_trimmed(text, cur, m.end(), out)
        cur = m.end()
    _append_trimmed(text, cur, end, out)
    return out


def _append_trimmed(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


def segment(text: str) -> tuple[list[Sentence], list[Furniture]]:
    """Sentences and furniture spans of a normalised text."""
    lines = [m.span(1) for m in _LINE_RE.finditer(text)]
    labels = _classify_lines(text, lines)
    sentences: list[Sentence] = []
    furniture: list[Furniture] = []
    for paragraph, ((ls, le), label) in enumerate(zip(lines, labels, strict=True)):
        if label.startswith("furniture:"):
            furniture.append(Furniture(ls, le, label.split(":", 1)[1]))
            continue
        kind: SentenceKind = "title" if label == "title" else "body"
        sentences.extend(Sentence(s, e, kind, paragraph) for s, e in split_sentences(text, ls, le))
    return sentences, furniture
