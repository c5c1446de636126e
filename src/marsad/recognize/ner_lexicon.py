"""A name-word lexicon learned from annotated corpora: which (clitic-free) words are mostly parts of names,
and of which type ("فابريغاس" → PER, "نادي" → ORG). It complements the knowledge base with the
thousands of names the corpora annotate, as one feature of the NER model.

Built at training time from the lexicon corpora and written next to the model
(`ner-crf.lexicon.tsv`: word, type, count), so the shipped model and its lexicon always match.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from marsad.errors import ModelError
from marsad.text.clitics import proclitic_splits

MIN_COUNT = 2  # a word must be seen in names at least this often
MIN_SHARE = 0.5  # ... and be part of a name in at least this share of its occurrences


def lexicon_path(model_path: Path) -> Path:
    return model_path.with_suffix(".lexicon.tsv")


@lru_cache(maxsize=262144)
def word_keys(word: str) -> tuple[str, ...]:
    """The clitic-free readings of a word, most literal first, without the article ("وبوتين" →
    وبوتين, بوتين, وتين): a name is counted and looked up under all of them, so it is found with or
    without its clitics."""
    return tuple(dict.fromkeys(split.bare for split in proclitic_splits(word)))


class LexiconCounts:
    """Per word: how often it occurs, and how often inside a name of each type."""

    def __init__(self) -> None:
        self.total: Counter[str] = Counter()
        self.typed: Counter[tuple[str, str]] = Counter()

    def add(self, tokens: Sequence[str], labels: Sequence[str]) -> None:
        for tok, lab in zip(tokens, labels, strict=True):
            if not any(c.isalpha() for c in tok):
                continue
            for key in word_keys(tok):
                self.total[key] += 1
                if lab != "O":
                    self.typed[(key, lab[2:])] += 1

    def subtract(self, other: LexiconCounts) -> LexiconCounts:
        out = LexiconCounts()
        out.total = self.total - other.total
        out.typed = self.typed - other.typed
        return out

    def lexicon(self) -> dict[str, str]:
        """word -> its dominant name type, for words that are mostly name parts."""
        best: dict[str, tuple[int, str]] = {}
        for (key, kind), n in sorted(self.typed.items()):
            if n > best.get(key, (0, ""))[0]:
                best[key] = (n, kind)
        out: dict[str, str] = {}
        for key, (n, kind) in sorted(best.items()):
            if n >= MIN_COUNT and n >= MIN_SHARE * self.total[key]:
                out[key] = kind
        return out

    def rows(self) -> list[tuple[str, str, int]]:
        lex = self.lexicon()
        return [(k, t, self.typed[(k, t)]) for k, t in lex.items()]


def build_counts(sentences: Iterable[tuple[Sequence[str], Sequence[str]]]) -> LexiconCounts:
    counts = LexiconCounts()
    for tokens, labels in sentences:
        counts.add(tokens, labels)
    return counts


def write_lexicon(rows: Sequence[tuple[str, str, int]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("# word\ttype\tcount: name words learned from the training corpora (see docs/ner.md)\n")
        for word, kind, n in rows:
            fh.write(f"{word}\t{kind}\t{n}\n")


def read_lexicon(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelError(f"{path}: cannot read the model's name lexicon: {exc}") from exc
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 3:
            raise ModelError(f"{path}:{lineno}: expected word, type and count")
        out[cells[0]] = cells[1]
    return out
