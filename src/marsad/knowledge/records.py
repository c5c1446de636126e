"""Knowledge-base records: actors with dated roles, countries, places, titles."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from marsad.model import EntityType

ActorKind = Literal["person", "government", "ministry", "military", "security", "legislature", "judiciary", "party",
                    "armed_group", "igo", "ngo", "media", "company", "sports_club", "religious", "other_org"]
ACTOR_KINDS: frozenset[str] = frozenset(ActorKind.__args__)  # type: ignore[attr-defined]
PlaceKind = Literal["country", "city", "town", "village", "capital", "province", "district", "region", "camp",
                    "crossing", "sea", "river", "mountain", "landmark", "island"]
PLACE_KINDS: frozenset[str] = frozenset(PlaceKind.__args__)  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Role:
    role: str  # a role key of titles.tsv (president, foreign_minister…)
    of: str  # ISO2 of a state, or an actor id
    start: date
    end: date | None  # None: still in office

    def valid_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(slots=True)
class Actor:
    id: str
    kind: str
    name_en: str
    country: str  # ISO2 or ""
    cameo: str
    names_ar: list[str]
    source: str  # file:line, for "why?"
    roles: list[Role] = field(default_factory=list)

    @property
    def type(self) -> EntityType:
        return "PER" if self.kind == "person" else "ORG"


@dataclass(slots=True)
class Country:
    iso2: str
    iso3: str
    cameo: str
    name_en: str
    names_ar: list[str]
    nisba_m: list[str]
    nisba_f: list[str]
    nisba_pl: list[str]
    capital_geonames_id: int | None
    lat: float
    lon: float
    qid: str

    @property
    def id(self) -> str:
        return self.qid or f"marsad:country-{self.iso2.lower()}"

    @property
    def nisbas(self) -> list[str]:
        return [*self.nisba_m, *self.nisba_f, *self.nisba_pl]


@dataclass(slots=True)
class PlaceRecord:
    id: str  # geonames:<id> or marsad:slug (countries: their Country.id)
    kind: str
    name_en: str
    country: str
    lat: float
    lon: float
    population: int
    names_ar: list[str]
    source: str

    @property
    def geonames_id(self) -> int | None:
        return int(self.id.split(":", 1)[1]) if self.id.startswith("geonames:") else None


@dataclass(frozen=True, slots=True)
class Title:
    phrase: str  # as written in titles.tsv
    role: str
    scope: Literal["state", "org", "any"]
