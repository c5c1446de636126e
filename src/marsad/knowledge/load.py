"""Loading and validating the curated knowledge-base files (see docs/data.md for their format).

Every problem is reported with file and line; a data file that breaks a rule stops the load with a
DataError (bad data must not silently produce wrong links).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from marsad.datafiles import Row, package_data_path, read_tsv
from marsad.errors import DataError
from marsad.knowledge.records import ACTOR_KINDS, PLACE_KINDS, Actor, Country, PlaceRecord, Role, Title
from marsad.text.normalize import DIACRITICS

_ID = re.compile(r"^(?:Q[1-9]\d*|marsad:[a-z0-9][a-z0-9-]*|geonames:\d+)$")
_CAMEO_ACTOR = re.compile(r"^(?:[A-Z]{3})+$")
_ISO2 = re.compile(r"^[A-Z]{2}$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_FORBIDDEN = frozenset(DIACRITICS + "\u0640")
_SCOPES = frozenset({"state", "org", "any"})


def data_dir() -> Path:
    return package_data_path("marsad.knowledge", "data")


def parse_role_date(value: str, row: Row, *, end: bool) -> date:
    """'2012', '2012-05' or '2012-05-07'; a year or month means its first day (start) or last day (end)."""
    m = _DATE.match(value)
    if m is None:
        raise row.fail(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d:
            return date(y, int(mo), int(d))
        if mo:
            month = int(mo)
            return date(y, month, calendar.monthrange(y, month)[1] if end else 1)
        return date(y, 12, 31) if end else date(y, 1, 1)
    except ValueError as exc:
        raise row.fail(f"date {value!r}: {exc}") from None


def arabic_names(row: Row, column: str, *, required: bool = True) -> list[str]:
    names = row.list(column)
    if required and not names:
        raise row.fail(f"no Arabic name in '{column}'")
    for name in names:
        bad = sorted({c for c in name if c in _FORBIDDEN})
        if bad:
            raise row.fail(f"Arabic name {name!r} carries diacritics/tatweel {bad!r}")
    return names


@dataclass(slots=True)
class KnowledgeBase:
    """Everything curated, validated and cross-checked; `index.py` compiles it for matching."""

    actors: dict[str, Actor] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    places: dict[str, PlaceRecord] = field(default_factory=dict)
    titles: list[Title] = field(default_factory=list)
    place_stoplist: frozenset[str] = frozenset()

    @property
    def role_keys(self) -> frozenset[str]:
        return frozenset(t.role for t in self.titles)


def _load_countries(kb: KnowledgeBase, path: Path) -> None:
    for row in read_tsv(path, ("iso2", "iso3", "cameo", "name_en", "names_ar", "lat", "lon")):
        iso2 = row["iso2"]
        if not _ISO2.match(iso2) or iso2 in kb.countries:
            raise row.fail(f"bad or duplicate ISO2 code {iso2!r}")
        if not _CAMEO_ACTOR.match(row["cameo"]):
            raise row.fail(f"bad CAMEO country code {row['cameo']!r}")
        qid = row.get("qid")
        if qid and not re.match(r"^Q[1-9]\d*$", qid):
            raise row.fail(f"bad QID {qid!r}")
        cap = row.get("capital_geonames_id")
        kb.countries[iso2] = Country(
            iso2, row["iso3"], row["cameo"], row["name_en"], arabic_names(row, "names_ar"),
            arabic_names(row, "nisba_m", required=False), arabic_names(row, "nisba_f", required=False),
            arabic_names(row, "nisba_pl", required=False), int(cap) if cap else None,
            _coordinate(row, "lat", 90), _coordinate(row, "lon", 180), qid)


def _coordinate(row: Row, column: str, limit: float) -> float:
    try:
        value = float(row[column])
    except ValueError:
        raise row.fail(f"{column} {row[column]!r} is not a number") from None
    if not -limit <= value <= limit:
        raise row.fail(f"{column} {value} out of range")
    return value


def _check_country(kb: KnowledgeBase, row: Row, code: str) -> str:
    if code and code not in kb.countries:
        raise row.fail(f"unknown country code {code!r} (not in countries.tsv)")
    return code


def _load_places(kb: KnowledgeBase, path: Path) -> None:
    for row in read_tsv(path, ("id", "kind", "name_en", "lat", "lon", "names_ar")):
        pid = row["id"]
        if not _ID.match(pid) or pid in kb.places:
            raise row.fail(f"bad or duplicate place id {pid!r}")
        if row["kind"] not in PLACE_KINDS:
            raise row.fail(f"unknown place kind {row['kind']!r}")
        pop = row.get("population")
        kb.places[pid] = PlaceRecord(pid, row["kind"], row["name_en"], _check_country(kb, row, row.get("country")),
                                     _coordinate(row, "lat", 90), _coordinate(row, "lon", 180),
                                     int(pop) if pop else 0, arabic_names(row, "names_ar"), f"{row.source}:{row.line}")


def _load_actors(kb: KnowledgeBase, path: Path) -> None:
    for row in read_tsv(path, ("id", "kind", "name_en", "cameo", "names_ar")):
        aid = row["id"]
        if not _ID.match(aid) or aid.startswith("geonames:"):
            raise row.fail(f"bad actor id {aid!r}")
        if aid in kb.actors:
            raise row.fail(f"actor id {aid!r} already defined in {kb.actors[aid].source}")
        if row["kind"] not in ACTOR_KINDS:
            raise row.fail(f"unknown actor kind {row['kind']!r}")
        if not _CAMEO_ACTOR.match(row["cameo"]):
            raise row.fail(f"CAMEO actor code {row['cameo']!r} is not a sequence of 3-letter codes")
        kb.actors[aid] = Actor(aid, row["kind"], row["name_en"], _check_country(kb, row, row.get("country")),
                               row["cameo"], arabic_names(row, "names_ar"),
                               f"{path.parent.name}/{row.source}:{row.line}")


def _load_roles(kb: KnowledgeBase, path: Path) -> None:
    keys = kb.role_keys
    for row in read_tsv(path, ("actor_id", "role", "of", "start")):
        actor = kb.actors.get(row["actor_id"])
        if actor is None:
            raise row.fail(f"unknown actor {row['actor_id']!r}")
        if row["role"] not in keys:
            raise row.fail(f"unknown role {row['role']!r} (not in titles.tsv)")
        of = row["of"]
        if of not in kb.countries and of not in kb.actors:
            raise row.fail(f"role 'of' {of!r} is neither a country code nor an actor id")
        start = parse_role_date(row["start"], row, end=False)
        end = parse_role_date(row["end"], row, end=True) if row.get("end") else None
        if end is not None and end < start:
            raise row.fail(f"role ends ({end}) before it starts ({start})")
        actor.roles.append(Role(row["role"], of, start, end))


def _load_titles(kb: KnowledgeBase, path: Path) -> None:
    for row in read_tsv(path, ("phrase", "role", "scope")):
        if row["scope"] not in _SCOPES:
            raise row.fail(f"unknown scope {row['scope']!r}")
        kb.titles.append(Title(row["phrase"], row["role"], row["scope"]))  # type: ignore[arg-type]


def load_knowledge(directory: Path | None = None) -> KnowledgeBase:
    """Load and cross-check every data file under `directory` (default: the shipped data)."""
    base = directory or data_dir()
    kb = KnowledgeBase()
    _load_countries(kb, base / "countries.tsv")
    _load_titles(kb, base / "titles.tsv")
    if (base / "places.tsv").exists():
        _load_places(kb, base / "places.tsv")
    for path in sorted((base / "actors").glob("*.tsv")):
        _load_actors(kb, path)
    clash = sorted(set(kb.actors) & ({c.id for c in kb.countries.values()} | set(kb.places)))
    if clash:
        raise DataError(f"ids used both for an actor and a place/country: {', '.join(clash[:10])}")
    for path in sorted((base / "roles").glob("*.tsv")):
        _load_roles(kb, path)
    stoplist = base / "place_stoplist.tsv"
    if stoplist.exists():
        kb.place_stoplist = frozenset(row["name_ar"] for row in read_tsv(stoplist, ("name_ar",)))
    return kb
