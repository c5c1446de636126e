"""Reading Arabic NER corpora in their CoNLL-like formats, with their tags mapped to PER/ORG/LOC/MISC.

Formats (detected line by line, so one reader serves them all):
- `token TAG` (ANERcorp, AQMAR): split on the LAST space (a token may hold a space);
- `token TAG TAG...` (Wojood, nested): the first tag is the outermost layer, the one kept;
- `token<TAB>fine<TAB>coarse` (WikiFANE): the coarse tag is mapped (GPE/FAC→LOC, VEH/WEA/PRO→MISC).
A blank line ends a sentence. Malformed tags (AQMAR's `OO`, `IO`, `I--ORG`, `B-MIS1\\``, `B-MISS1`,
`B-ENGLISH`) are normalised on load; types outside the four (dates, numbers, occupations,
nationalities) become O. A directory is read as its `*.txt`/`*.conll` files in name order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from marsad.errors import InputError

ENTITY_TYPES: tuple[str, ...] = ("PER", "ORG", "LOC", "MISC")

# Corpus type -> our type; None drops the entity (its tokens become O).
TYPE_MAP: dict[str, str | None] = {
    "PER": "PER", "PERS": "PER", "PERSON": "PER",
    "ORG": "ORG", "ORGANIZATION": "ORG", "WEBSITE": "ORG",
    "LOC": "LOC", "GPE": "LOC", "FAC": "LOC", "LOCATION": "LOC",
    "MISC": "MISC", "MIS": "MISC", "VEH": "MISC", "WEA": "MISC", "PRO": "MISC", "PRODUCT": "MISC",
    "EVENT": "MISC", "CURR": "MISC", "LAW": "MISC", "LANGUAGE": "MISC", "ENGLISH": "MISC", "SPANISH": "MISC",
    "NORP": None, "OCC": None, "DATE": None, "TIME": None, "CARDINAL": None, "ORDINAL": None,
    "MONEY": None, "QUANTITY": None, "PERCENT": None, "UNIT": None,
}
# WikiFANE fine classes the newswire corpora do not annotate as names ("المسلمين", "الأرض").
WIKIFANE_DROPPED_FINE = frozenset({"Group", "Celestial"})

_TAG_RE = re.compile(r"^(?:O+|IO|[BI]-+[A-Za-z][\w`-]*)$")
_MISC_RE = re.compile(r"^MISS?-?\d*`?$")


@dataclass(frozen=True, slots=True)
class CorpusSentence:
    """One sentence of a corpus: whitespace tokens and their BIO tags over ENTITY_TYPES."""

    tokens: list[str]
    tags: list[str]
    source: str  # file name and first line, for error messages


def map_type(raw: str) -> str | None:
    """Our type for a corpus entity type, or None when the type is not one we annotate."""
    kind = raw.strip("-`").upper()
    if kind in TYPE_MAP:
        return TYPE_MAP[kind]
    if _MISC_RE.match(kind):
        return "MISC"  # AQMAR's MIS0-MIS3 and their misspellings
    return None


def normalize_tag(raw: str) -> str:
    """A corpus tag as B-TYPE, I-TYPE or O."""
    if not raw or raw in ("O", "OO", "IO") or set(raw) == {"O"}:
        return "O"
    prefix, _, kind = raw.partition("-")
    if prefix not in ("B", "I") or not kind:
        return "O"
    mapped = map_type(kind)
    return f"{prefix}-{mapped}" if mapped else "O"


def line_tag(line: str) -> tuple[str, str]:
    """(token, BIO tag over our types) of one data line."""
    if "\t" in line:  # WikiFANE: token, fine tag, coarse tag
        cells = line.split("\t")
        if len(cells) < 3:
            return cells[0], normalize_tag(cells[-1]) if len(cells) > 1 else "O"
        if cells[1].partition("-")[2] in WIKIFANE_DROPPED_FINE:
            return cells[0], "O"
        return cells[0], normalize_tag(cells[2])
    parts = line.split(" ")
    k = len(parts)
    while k > 1 and _TAG_RE.match(parts[k - 1]):
        k -= 1
    if k == len(parts):  # no tag-like field: split on the last space anyway
        k = max(1, len(parts) - 1)
    raw_tags = parts[k:]
    return " ".join(parts[:k]), normalize_tag(raw_tags[0]) if raw_tags else "O"


def repair_bio(tags: list[str]) -> list[str]:
    """I-X after O or after another type becomes B-X (the corpora's few broken sequences)."""
    out: list[str] = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and (prev == "O" or prev[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def read_lines(lines: Iterable[str], name: str) -> Iterator[CorpusSentence]:
    tokens: list[str] = []
    tags: list[str] = []
    first = 0
    for lineno, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            if tokens:
                yield CorpusSentence(tokens, repair_bio(tags), f"{name}:{first}")
            tokens, tags = [], []
            continue
        token, tag = line_tag(line.strip(" "))
        if not token:
            continue
        if not tokens:
            first = lineno
        tokens.append(token)
        tags.append(tag)
    if tokens:
        yield CorpusSentence(tokens, repair_bio(tags), f"{name}:{first}")


def corpus_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".txt", ".conll") and p.is_file())
        if not files:
            raise InputError(f"{path}: no .txt or .conll files in this directory")
        return files
    if not path.exists():
        raise InputError(f"{path}: no such file")
    return [path]


def read_corpus(path: Path) -> list[CorpusSentence]:
    """Every sentence of a corpus file (or of a directory of them, files in name order)."""
    out: list[CorpusSentence] = []
    for file in corpus_files(path):
        try:
            with file.open(encoding="utf-8-sig") as fh:
                out.extend(read_lines(fh, file.name))
        except UnicodeDecodeError as exc:
            raise InputError(f"{file}: not UTF-8 text ({exc})") from exc
    return out


def split_last(sentences: Sequence[CorpusSentence], fraction: float) -> tuple[list[CorpusSentence],
                                                                             list[CorpusSentence]]:
    """(first part, last `fraction` of the sentences): the holdout convention of docs/ner.md."""
    if not 0 <= fraction < 1:
        raise InputError(f"holdout fraction must be in [0, 1), got {fraction}")
    n_last = round(len(sentences) * fraction)
    cut = len(sentences) - n_last
    return list(sentences[:cut]), list(sentences[cut:])


def write_conll(sentences: Sequence[CorpusSentence], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for s in sentences:
            fh.writelines(f"{tok} {tag}\n" for tok, tag in zip(s.tokens, s.tags, strict=True))
            fh.write("\n")
