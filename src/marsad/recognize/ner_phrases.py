"""Corpus names: the multi-token names the training corpora annotate ("الوداد البيضاوي" ORG, "رالي" MISC),
with how often each is a name where it occurs, as a gazetteer feature of the NER model.

The knowledge base knows politics; the corpora know clubs, companies, events and the people of sport
and culture. A phrase is kept when it was annotated at least `MIN_NAMES` times (one for names of two or
more tokens) and is a name in at least `MIN_SHARE` of the places the matcher finds it; the feature says
its type, its BIO position and whether it is nearly always a name (`h`) or often (`m`).

Built at training time from the lexicon corpora (a training corpus among them is jackknifed, as the
word lexicon is) and written next to the model (`ner-crf.phrases.tsv`: phrase, type, names, occurrences).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from marsad.errors import ModelError
from marsad.eval.ner import entities
from marsad.text.clitics import proclitic_splits
from marsad.text.phrases import PhraseTrie, match_all

TYPES = ("PER", "ORG", "LOC", "MISC")
MIN_SHARE = 0.3  # a name in at least this share of its occurrences
HIGH_SHARE = 0.7  # ... and "nearly always a name" from this share on
MAX_TOKENS = 6
_HEADER = "# phrase\ttype\tnames\toccurrences: names annotated in the training corpora (docs/ner.md)"


@dataclass(frozen=True, slots=True)
class CorpusName:
    tokens: tuple[str, ...]
    type: str
    names: int  # times annotated as a name of this type
    occurrences: int  # times the matcher finds the phrase in the corpora

    @property
    def strength(self) -> str:
        return "h" if self.names >= HIGH_SHARE * self.occurrences else "m"


def phrase_key(tokens: Sequence[str]) -> tuple[str, ...]:
    """How a name is stored: its first token without proclitics (the matcher tries every reading of
    a document's first token, so "وبوتين" and "لبوتين" find "بوتين"), the rest as written."""
    return (proclitic_splits(tokens[0])[-1].stem, *tokens[1:])


def _min_names(key: tuple[str, ...]) -> int:
    return 1 if len(key) > 1 else 2


class PhraseCounts:
    """Per phrase and type: how often the corpora annotate it; then how often the matcher finds it."""

    def __init__(self) -> None:
        self.names: Counter[tuple[tuple[str, ...], str]] = Counter()
        self.occurrences: Counter[tuple[str, ...]] = Counter()

    def add_names(self, tokens: Sequence[str], labels: Sequence[str]) -> None:
        for kind, a, b in entities(labels):
            if b - a <= MAX_TOKENS and kind in TYPES and any(c.isalpha() for c in tokens[a]):
                self.names[(phrase_key(tokens[a:b]), kind)] += 1

    def add_occurrences(self, tokens: Sequence[str], trie: PhraseTrie[tuple[str, ...]]) -> None:
        for m in match_all(tokens, trie):
            self.occurrences[m.entry] += 1

    def subtract(self, other: PhraseCounts) -> PhraseCounts:
        out = PhraseCounts()
        out.names = self.names - other.names
        out.occurrences = self.occurrences - other.occurrences
        return out

    def candidates(self) -> PhraseTrie[tuple[str, ...]]:
        """Every phrase annotated often enough, as the trie occurrences are counted with."""
        total: Counter[tuple[str, ...]] = Counter()
        for (key, _), n in self.names.items():
            total[key] += n
        trie: PhraseTrie[tuple[str, ...]] = PhraseTrie()
        for key in sorted(total):
            if total[key] >= _min_names(key):
                trie.add(key, key)
        return trie

    def rows(self) -> list[CorpusName]:
        """The kept names, each with its dominant type, in phrase order."""
        best: dict[tuple[str, ...], tuple[int, str]] = {}
        for (key, kind), n in sorted(self.names.items()):
            if n > best.get(key, (0, ""))[0]:
                best[key] = (n, kind)
        out: list[CorpusName] = []
        for key, (n, kind) in sorted(best.items()):
            occ = max(self.occurrences[key], n)
            if n >= _min_names(key) and n >= MIN_SHARE * occ:
                out.append(CorpusName(key, kind, n, occ))
        return out


def phrase_trie(rows: Sequence[CorpusName]) -> PhraseTrie[CorpusName]:
    trie: PhraseTrie[CorpusName] = PhraseTrie()
    for row in rows:
        trie.add(row.tokens, row)
    return trie


def corpus_name_tags(tokens: Sequence[str], trie: PhraseTrie[CorpusName]) -> list[str]:
    """Per token: "B-ORG|h"-style tags of the longest corpus names over a sentence, "O" elsewhere."""
    tags = ["O"] * len(tokens)
    for m in match_all(tokens, trie):
        row = m.entry
        for k in range(m.first, m.last):
            tags[k] = f"{'B' if k == m.first else 'I'}-{row.type}|{row.strength}"
    return tags


def phrases_path(model_path: Path) -> Path:
    return model_path.with_suffix(".phrases.tsv")


def write_phrases(rows: Sequence[CorpusName], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write(_HEADER + "\n")
        for row in rows:
            fh.write(f"{' '.join(row.tokens)}\t{row.type}\t{row.names}\t{row.occurrences}\n")


def read_phrases(path: Path) -> list[CorpusName]:
    """The corpus names shipped next to a model, validated (type, counts, names ≤ occurrences)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelError(f"{path}: cannot read the model's corpus names: {exc}") from exc
    out: list[CorpusName] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 4 or cells[1] not in TYPES or not cells[2].isdigit() or not cells[3].isdigit():
            raise ModelError(f"{path}:{lineno}: expected phrase, type (PER/ORG/LOC/MISC), names, occurrences")
        tokens = tuple(cells[0].split(" "))
        names, occ = int(cells[2]), int(cells[3])
        if not all(tokens) or names < 1 or names > occ:
            raise ModelError(f"{path}:{lineno}: empty token or names not in 1..occurrences")
        out.append(CorpusName(tokens, cells[1], names, occ))
    return out
