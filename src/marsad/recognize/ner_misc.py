"""Names of MISC entities (events, tournaments, agreements, awards, currencies, products, weapons, works,
religions, operations…) for the NER model's features.

The knowledge base holds persons, organisations and places; CoNLL's fourth type has no records there,
and it is the model's weakest type. `data/ner_misc_names.tsv` lists such names as news writes them
("كأس العالم", "جائزة نوبل", "اتفاق الطائف", "كلاشنيكوف"), one spelling a row, with a kind; the
features mark tokens inside the longest clitic-aware match ("لكأس العالم") with its BIO position and
kind. They are features only: the model decides, in context, whether the phrase is a name there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from marsad.datafiles import package_data_path, read_tsv
from marsad.knowledge.index import name_tokens
from marsad.text.phrases import PhraseTrie, match_all

KINDS = frozenset({"event", "tournament", "agreement", "award", "currency", "product", "weapon", "vehicle", "work",
                   "religion", "building", "operation", "initiative", "mission", "disaster"})


@dataclass(frozen=True, slots=True)
class MiscName:
    tokens: tuple[str, ...]
    kind: str
    name_en: str


def misc_names_path() -> Path:
    return package_data_path("marsad.recognize", "data", "ner_misc_names.tsv")


def read_misc_names(path: Path | None = None) -> list[MiscName]:
    """The curated MISC names, validated: a known kind and an English name on every row; a spelling
    listed twice (after normalisation) is an error, as it usually hides a typo."""
    out: list[MiscName] = []
    seen: set[tuple[str, ...]] = set()
    for row in read_tsv(path or misc_names_path(), ("name", "kind", "name_en")):
        tokens = tuple(name_tokens(row["name"]))
        if row["kind"] not in KINDS:
            raise row.fail(f"unknown kind {row['kind']!r} (one of {', '.join(sorted(KINDS))})")
        if not any(ch.isalnum() for tok in tokens for ch in tok):
            raise row.fail("the name has no word")
        if tokens in seen:
            raise row.fail(f"{row['name']!r} is listed twice")
        seen.add(tokens)
        out.append(MiscName(tokens, row["kind"], row["name_en"]))
    return out


@lru_cache(maxsize=1)
def misc_trie() -> PhraseTrie[MiscName]:
    trie: PhraseTrie[MiscName] = PhraseTrie()
    for name in read_misc_names():
        trie.add(name.tokens, name)
    return trie


def misc_name_tags(tokens: Sequence[str], trie: PhraseTrie[MiscName]) -> list[str]:
    """Per token: "B|currency"-style tags of the longest MISC names over a sentence, "" elsewhere."""
    tags = [""] * len(tokens)
    for m in match_all(tokens, trie):
        for k in range(m.first, m.last):
            tags[k] = f"{'B' if k == m.first else 'I'}|{m.entry.kind}"
    return tags
