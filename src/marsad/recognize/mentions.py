"""What the recognisers find, before output: name mentions and title references, in token and
normalised-character coordinates, with the candidates linking chooses from and the rule that fired."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from marsad.datafiles import package_data_path, read_tsv
from marsad.knowledge.index import name_tokens
from marsad.model import EntityType, Origin
from marsad.text.phrases import PhraseTrie


@dataclass(slots=True)
class Found:
    """A name mention: tokens [first, last), normalised chars [nstart, nend)."""

    first: int
    last: int
    nstart: int
    nend: int
    type: EntityType
    origin: Origin
    rule: str
    candidates: tuple[str, ...] = ()
    target: str | None = None
    link_rule: str = ""
    cluster: int = -1
    role: tuple[str, str] | None = None  # (role, of) when a title names this person's office
    score: float = 1.0
    proclitics: str = ""  # clitics a KB name was read through ("ل" in "للأناضول")
    name_en: str | None = None  # filled at the end of recognition (the record's, or a pattern's)
    cameo: str | None = None
    # False for descriptions that act like names for quotes and events but are not names
    # ("الجيش اللبناني", "الخارجية السودانية"): kept as actors, left out of the entity list.
    entity: bool = True


@dataclass(slots=True)
class TitleRef:
    """A title phrase ("الرئيس الروسي", "رئيس طاجيكستان", "المتحدث باسم الكرملين") and whom it names."""

    first: int
    last: int
    nstart: int
    nend: int
    role: str
    of: str | None  # ISO2 or actor id
    former: bool
    rule: str
    holder: str | None = None  # actor id resolved through dated roles or an apposed name
    person: Found | None = None  # the name the title stands in apposition to, if any
    org: Found | None = None  # the organisation mention the title is of ("المتحدث باسم الوزارة")


@dataclass(frozen=True, slots=True)
class PatternLexicon:
    heads: frozenset[str]  # organisation head nouns without ال
    press_offices: PhraseTrie[tuple[str, ...]] = field(default_factory=PhraseTrie)
    counterparts: frozenset[str] = frozenset()
    former: frozenset[str] = frozenset()
    acting: frozenset[str] = frozenset()
    designate: frozenset[str] = frozenset()
    rank_trie: PhraseTrie[str] = field(default_factory=PhraseTrie)  # "الفريق أول", "اللواء" before a name
    name_heads: frozenset[str] = frozenset()  # heads that start organisation names ("وزارة", "هيئة")


@lru_cache(maxsize=1)
def pattern_lexicon() -> PatternLexicon:
    heads: set[str] = set()
    press: PhraseTrie[tuple[str, ...]] = PhraseTrie()
    sets: dict[str, set[str]] = {"counterpart": set(), "former": set(), "acting": set(), "rank": set(),
                                 "name_head": set(), "designate": set()}
    for row in read_tsv(package_data_path("marsad.recognize", "data", "patterns.tsv"), ("phrase", "kind")):
        toks = tuple(name_tokens(row["phrase"]))
        kind = row["kind"]
        if kind == "head":
            heads.add(toks[0])
        elif kind == "press_office":
            press.add(toks, toks)
        elif kind in sets:
            sets[kind].add(" ".join(toks))
        else:
            raise row.fail(f"unknown pattern kind {kind!r}")
    return PatternLexicon(frozenset(heads), press, frozenset(sets["counterpart"]), frozenset(sets["former"]),
                          frozenset(sets["acting"]), frozenset(sets["designate"]), _trie(sets["rank"]),
                          frozenset(sets["name_head"]))


def _trie(phrases: set[str]) -> PhraseTrie[str]:
    out: PhraseTrie[str] = PhraseTrie()
    for p in sorted(phrases):
        out.add(tuple(p.split()), p)
    return out
