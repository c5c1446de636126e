"""An Analysis as store rows (pure functions: no SQL here), and back.

The facts of an analysis are stored twice on purpose: once as the compressed marsad/1 JSON (what the
JSON Lines export gives back byte for byte) and once as one row per fact (what queries, statistics and
the tabular exports read).
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from marsad.model import ActorRef, Analysis, Document, Event
from marsad.text.normalize import normalize_key

JSON = dict[str, Any]
DOC_FIELDS = ("schema", "id", "source", "url", "title", "published", "lang", "text")
ROOT_LINES = 2  # an event in the first two non-empty lines (headline and lead) is a "root" event


@dataclass(slots=True)
class FactRows:
    """Everything the writer inserts for one analysed document, computed where the analysis ran (a
    worker), so that only plain tuples travel to the writer and it only executes inserts."""

    doc: Document
    facts: bytes  # compressed marsad/1 JSON without the document fields
    n_errors: int
    tables: dict[str, list[tuple[Any, ...]]]  # fact table -> rows
    entities: list[tuple[Any, ...]]


def fact_rows(key: str, analysis: Analysis) -> FactRows:
    tables = {"mentions": list(mention_rows(key, analysis)), "quotes": list(quote_rows(key, analysis)),
              "amounts": list(amount_rows(key, analysis)), "dates": list(date_rows(key, analysis)),
              "places": list(place_rows(key, analysis)), "event_mentions": list(event_rows(key, analysis))}
    return FactRows(analysis.doc, facts_blob(analysis), len(analysis.errors), tables, entity_rows(analysis))


def facts_blob(analysis: Analysis) -> bytes:
    """The analysis JSON without the document fields (they live in `documents`), compressed."""
    full = analysis.to_json()
    facts = {k: v for k, v in full.items() if k not in DOC_FIELDS}
    return zlib.compress(json.dumps(facts, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)


def analysis_json(doc: JSON, facts: bytes) -> JSON:
    """The marsad/1 object of a stored document: its `documents` row fields plus its facts blob."""
    data = json.loads(zlib.decompress(facts).decode("utf-8"))
    out: JSON = {"schema": "marsad/1", "id": doc["ext_id"] or doc["id"], "source": doc["source"],
                 "url": doc["url"], "title": doc["title"], "published": doc["published"], "lang": doc["lang"],
                 "text": doc["text"]}
    extra = data.pop("extra", None)
    out.update(data)
    if extra:
        out["extra"] = extra
    return out


def entity_key(kb_id: str | None, etype: str, text: str) -> str:
    """One key per distinct entity: its KB id, else its type and normalised surface."""
    return kb_id if kb_id else f"{etype}:{normalize_key(text)}"


def mention_rows(doc_id: str, analysis: Analysis) -> Iterator[tuple[Any, ...]]:
    ents = sorted(analysis.entities, key=lambda e: (e.start, e.end, e.type))
    for i, e in enumerate(ents):
        yield (doc_id, i, e.start, e.end, e.text, e.type, entity_key(e.kb_id, e.type, e.text), e.kb_id, e.origin,
               e.rule)


def entity_rows(analysis: Analysis) -> list[tuple[Any, ...]]:
    """(key, type, kb_id, name_en, cameo, label, n_mentions) per distinct entity of one document."""
    seen: dict[str, list[Any]] = {}
    for e in sorted(analysis.entities, key=lambda e: (e.start, e.end, e.type)):
        key = entity_key(e.kb_id, e.type, e.text)
        if key in seen:
            seen[key][6] += 1
        else:
            seen[key] = [key, e.type, e.kb_id, e.name_en, e.cameo, e.text, 1]
    return [tuple(v) for v in seen.values()]


def _actor(a: ActorRef | None) -> tuple[Any, ...]:
    if a is None:
        return (None, None, None)
    return (a.text, a.kb_id, a.name_en)


def quote_rows(doc_id: str, analysis: Analysis) -> Iterator[tuple[Any, ...]]:
    for i, q in enumerate(sorted(analysis.quotes, key=lambda q: (q.start, q.end))):
        sp = q.speaker
        yield (doc_id, i, q.start, q.end, q.text, q.kind, q.cue.start, q.cue.end, q.cue.text,
               sp.start if sp else None, sp.end if sp else None, *_actor(sp), q.rule)


def amount_rows(doc_id: str, analysis: Analysis) -> Iterator[tuple[Any, ...]]:
    for i, a in enumerate(sorted(analysis.amounts, key=lambda a: (a.start, a.end))):
        c = a.counted
        yield (doc_id, i, a.start, a.end, a.text, float(a.value), a.bound, a.unit, c.start if c else None,
               c.end if c else None, c.text if c else None, *_actor(a.claimed_by), a.rule)


def date_rows(doc_id: str, analysis: Analysis) -> Iterator[tuple[Any, ...]]:
    for i, d in enumerate(sorted(analysis.dates, key=lambda d: (d.start, d.end))):
        yield (doc_id, i, d.start, d.end, d.text, d.value, d.granularity, d.rule)


def place_rows(doc_id: str, analysis: Analysis) -> Iterator[tuple[Any, ...]]:
    for i, p in enumerate(sorted(analysis.places, key=lambda p: (p.start, p.end))):
        yield (doc_id, i, p.start, p.end, p.text, p.name_en, p.geonames_id, p.country, p.lat, p.lon, p.kb_id,
               p.rule)


def _actor_key(a: ActorRef | None) -> str:
    if a is None:
        return "-"
    if a.kb_id:
        return a.kb_id
    return "n:" + normalize_key(a.name_en or a.text).lower()


def merge_key(e: Event) -> str:
    """What makes two event mentions in one story the same real event: the CAMEO code, both actors,
    and whether it is asserted, denied, planned… (not the date or place: reprints resolve "yesterday"
    against their own dates, and one may name the place where another does not)."""
    raw = "\x1f".join((e.cameo, _actor_key(e.actor1), _actor_key(e.actor2), e.modality, str(int(e.negated))))
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=10).hexdigest()


def root_limit(text: str) -> int:
    """Offset after which an event is no longer in the headline/lead."""
    pos = 0
    seen = 0
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        if text[pos:end].strip():
            seen += 1
            if seen == ROOT_LINES:
                return end
        pos = end + 1
    return len(text)


def event_rows(doc_id: str, analysis: Analysis) -> Iterator[tuple[Any, ...]]:
    geonames = {p.name_en: p.geonames_id for p in analysis.places if p.geonames_id is not None}
    limit = root_limit(analysis.doc.text)
    events = sorted(analysis.events, key=lambda e: (e.trigger.start, e.cameo))
    for i, e in enumerate(events):
        pl = e.place
        place = (pl.text, pl.name_en, pl.country, pl.lat, pl.lon, geonames.get(pl.name_en)) if pl else (None,) * 6
        yield (doc_id, i, merge_key(e), None, e.start, e.end, e.trigger.start, e.trigger.end, e.trigger.text,
               e.cameo, e.plover, e.quad_class, e.goldstein, *_actor(e.actor1), e.actor1.cameo if e.actor1 else None,
               *_actor(e.actor2), e.actor2.cameo if e.actor2 else None, *place, e.date, int(e.negated), e.modality,
               int(e.start < limit), e.rule)
