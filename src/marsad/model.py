"""The data that flows through marsad: a Document in, an Analysis out.

Every fact carries the character span of its evidence in `Document.text` and the `rule` (or
dictionary entry) that produced it. `Analysis.to_json()` is the stable `marsad/1` contract of
DESIGN.md; its output is deterministic (lists sorted by position, fixed key order).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

SCHEMA = "marsad/1"

EntityType = Literal["PER", "ORG", "LOC", "MISC"]
Origin = Literal["kb", "model", "pattern", "nisba"]
Bound = Literal["exact", "more_than", "at_least", "about", "less_than", "at_most"]
Granularity = Literal["day", "week", "month", "year"]
Modality = Literal["asserted", "planned", "hypothetical", "denied"]

JSON = dict[str, Any]


@dataclass(slots=True)
class Document:
    """One article. `text` is the cleaned body; every offset in an Analysis refers to it."""

    id: str
    text: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: date | None = None
    lang: str = "ar"
    extra: dict[str, Any] = field(default_factory=dict)  # unknown input fields, carried through
    error: str | None = None  # set by ingest when the input could not be read


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    def to_json(self) -> JSON:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Mention:
    """A candidate name found by a recogniser, before linking (offsets in the original text)."""

    start: int
    end: int
    text: str
    type: EntityType
    origin: Origin
    rule: str
    kb_id: str | None = None
    score: float = 1.0


@dataclass(slots=True)
class Entity:
    start: int
    end: int
    text: str
    type: EntityType
    kb_id: str | None
    name_en: str | None
    cameo: str | None
    origin: Origin
    rule: str

    def to_json(self) -> JSON:
        return {"start": self.start, "end": self.end, "text": self.text, "type": self.type,
                "kb_id": self.kb_id, "name_en": self.name_en, "cameo": self.cameo, "origin": self.origin,
                "rule": self.rule}


@dataclass(frozen=True, slots=True)
class ActorRef:
    """A reference to an actor (speaker, claimant, event participant) with its evidence span."""

    text: str
    start: int | None = None
    end: int | None = None
    kb_id: str | None = None
    name_en: str | None = None
    cameo: str | None = None

    def to_json(self, with_span: bool = True, with_cameo: bool = False) -> JSON:
        out: JSON = {}
        if with_span:
            out["start"] = self.start
            out["end"] = self.end
        out["text"] = self.text
        out["kb_id"] = self.kb_id
        out["name_en"] = self.name_en
        if with_cameo:
            out["cameo"] = self.cameo
        return out


@dataclass(slots=True)
class Quote:
    start: int
    end: int
    text: str
    kind: Literal["direct", "indirect"]
    cue: Span
    speaker: ActorRef | None
    rule: str

    def to_json(self) -> JSON:
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
                "cue": self.cue.to_json(),
                "speaker": self.speaker.to_json() if self.speaker else None, "rule": self.rule}


@dataclass(slots=True)
class Amount:
    start: int
    end: int
    text: str
    value: float
    bound: Bound
    counted: Span | None
    claimed_by: ActorRef | None
    unit: str | None
    rule: str

    def to_json(self) -> JSON:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {"start": self.start, "end": self.end, "text": self.text, "value": value, "bound": self.bound,
                "counted": self.counted.to_json() if self.counted else None,
                "claimed_by": self.claimed_by.to_json(with_span=False) if self.claimed_by else None,
                "unit": self.unit, "rule": self.rule}


@dataclass(slots=True)
class DateRef:
    start: int
    end: int
    text: str
    value: str | None
    granularity: Granularity
    rule: str

    def to_json(self) -> JSON:
        return {"start": self.start, "end": self.end, "text": self.text, "value": self.value,
                "granularity": self.granularity, "rule": self.rule}


@dataclass(slots=True)
class Place:
    start: int
    end: int
    text: str
    name_en: str
    geonames_id: int | None
    country: str
    lat: float
    lon: float
    kb_id: str | None
    rule: str

    def to_json(self) -> JSON:
        return {"start": self.start, "end": self.end, "text": self.text, "name_en": self.name_en,
                "geonames_id": self.geonames_id, "country": self.country, "lat": self.lat, "lon": self.lon,
                "kb_id": self.kb_id, "rule": self.rule}


@dataclass(frozen=True, slots=True)
class FocusCountry:
    """A country the document is about, with its share of the document's geographic weight."""

    country: str
    name_en: str
    mentions: int
    score: float

    def to_json(self) -> JSON:
        return {"country": self.country, "name_en": self.name_en, "mentions": self.mentions, "score": self.score}


@dataclass(frozen=True, slots=True)
class EventPlace:
    text: str
    name_en: str
    country: str
    lat: float
    lon: float

    def to_json(self) -> JSON:
        return {"text": self.text, "name_en": self.name_en, "country": self.country, "lat": self.lat,
                "lon": self.lon}


@dataclass(slots=True)
class Event:
    start: int
    end: int
    trigger: Span
    cameo: str
    plover: str
    quad_class: int
    goldstein: float
    actor1: ActorRef | None
    actor2: ActorRef | None
    place: EventPlace | None
    date: str | None
    negated: bool
    modality: Modality
    rule: str

    def to_json(self) -> JSON:
        return {"start": self.start, "end": self.end, "trigger": self.trigger.to_json(), "cameo": self.cameo,
                "plover": self.plover, "quad_class": self.quad_class, "goldstein": self.goldstein,
                "actor1": self.actor1.to_json(with_span=False, with_cameo=True) if self.actor1 else None,
                "actor2": self.actor2.to_json(with_span=False, with_cameo=True) if self.actor2 else None,
                "place": self.place.to_json() if self.place else None, "date": self.date,
                "negated": self.negated, "modality": self.modality, "rule": self.rule}


def _position(item: Any) -> tuple[int, int]:
    return (item.start, item.end)


@dataclass(slots=True)
class Analysis:
    """Everything marsad found in one Document."""

    doc: Document
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    focus_countries: list[FocusCountry] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def to_json(self) -> JSON:
        d = self.doc
        out: JSON = {
            "schema": SCHEMA, "id": d.id, "source": d.source, "url": d.url, "title": d.title,
            "published": d.published.isoformat() if d.published else None, "lang": d.lang, "text": d.text,
            "entities": [e.to_json() for e in sorted(self.entities, key=lambda e: (e.start, e.end, e.type))],
            "quotes": [q.to_json() for q in sorted(self.quotes, key=_position)],
            "amounts": [a.to_json() for a in sorted(self.amounts, key=_position)],
            "dates": [x.to_json() for x in sorted(self.dates, key=_position)],
            "places": [p.to_json() for p in sorted(self.places, key=_position)],
            "events": [e.to_json() for e in sorted(self.events, key=lambda e: (e.trigger.start, e.cameo))],
            "focus_countries": [c.to_json() for c in self.focus_countries],
            "errors": list(self.errors),
        }
        if d.extra:
            out["extra"] = d.extra
        return out

    def to_json_line(self, indent: int | None = None) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=indent, sort_keys=False, default=str)
