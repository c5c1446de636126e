"""Per-kind matching rules of the document-facts scorer: what is a gold item, what is a predicted one,
when a pair matches and how well (a score tuple, higher is better; None = cannot match).

Predicted items are read from the `marsad/1` Analysis JSON (DESIGN.md), so hand-made analyses in tests
and `marsad analyze` output are scored alike. docs/evaluation.md states these rules in prose.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from marsad.eval.match import (
    Score,
    close_values,
    haversine_km,
    is_number,
    same_name,
    span_overlap,
    surface_key,
    word_jaccard,
    word_overlap,
)

Item = dict[str, Any]
JSON = dict[str, Any]

GOLD_ENTITY_TYPES = frozenset({"PER", "ORG", "LOC"})  # the gold set annotates no MISC
MIN_QUOTE_OVERLAP = 0.5
MIN_EVENT_OVERLAP = 0.5
MAX_PLACE_KM = 100.0


def _position(x: JSON) -> tuple[int, int]:
    return (int(x.get("start") or 0), int(x.get("end") or 0))


def _name(ref: Any) -> str | None:
    """The English name of an actor reference (speaker, actor1/2), None when absent or unlinked."""
    return ref.get("name_en") if isinstance(ref, dict) else None


# --- entities: type + (English name or clitic-insensitive surface); one per distinct entity ---

def pred_entities(a: JSON) -> list[Item]:
    """Predicted entities grouped by kb_id, else type + English name, else type + surface key, in order
    of first mention.
    A group keeps every surface key it was written with, so any of them can match the gold surface.
    Gold entities are names, so countries referred to by a nisba (`origin: "nisba"`) are not scored."""
    groups: dict[str, Item] = {}
    for e in sorted(a.get("entities") or [], key=_position):
        if e.get("type") not in GOLD_ENTITY_TYPES or e.get("origin") == "nisba":
            continue
        key = surface_key(e.get("text") or "")
        if e.get("kb_id"):
            gid = f"kb:{e['kb_id']}"
        elif e.get("name_en"):  # a pattern-built name ("Ministry of Defence of Russia") without a record
            gid = f"{e['type']}:en:{' '.join(str(e['name_en']).casefold().split())}"
        else:
            gid = f"{e['type']}:ar:{key}"
        group = groups.get(gid)
        if group is None:
            groups[gid] = {"type": e["type"], "name_en": e.get("name_en"), "text": e.get("text") or "",
                           "keys": {key}}
        else:
            group["keys"].add(key)
            group["name_en"] = group["name_en"] or e.get("name_en")
    return list(groups.values())


def score_entity(_text: str, g: Item, p: Item) -> Score | None:
    if g["type"] != p["type"]:
        return None
    by_name = p["name_en"] is not None and same_name(g["name_en"], p["name_en"])
    by_surface = surface_key(g["text"]) in p["keys"]
    if not (by_name or by_surface):
        return None
    return (float(by_name) + float(by_surface),)


def show_entity(x: Item) -> str:
    return f"{x['type']} {x['text']} ({x.get('name_en') or '-'})"


# --- quotes: ≥ 50% of the gold quote's words in the predicted quote ---

def pred_quotes(a: JSON) -> list[Item]:
    return [{"text": q.get("text") or "", "start": q.get("start"), "end": q.get("end"),
             "speaker_en": _name(q.get("speaker")),
             "speaker_text": q["speaker"].get("text") if isinstance(q.get("speaker"), dict) else None}
            for q in sorted(a.get("quotes") or [], key=_position)]


def score_quote(_text: str, g: Item, p: Item) -> Score | None:
    overlap = word_overlap(g["quote"], p["text"])
    if overlap < MIN_QUOTE_OVERLAP:
        return None
    return (overlap, word_jaccard(g["quote"], p["text"]))


def show_quote(x: Item) -> str:
    text = x.get("quote", x.get("text")) or ""
    short = text if len(text) <= 90 else text[:87] + "..."
    return f"«{short}» — {x.get('speaker_en') or x.get('speaker_text') or 'no speaker'}"


def speaker_correct(g: Item, p: Item) -> bool:
    """A matched quote's speaker is right when the English names agree (`same_name`); when neither side
    has an English name, when the gold has no speaker text or the speaker texts agree; and a speaker the
    system could name only in Arabic (no record, so no English name) is right when its text is the
    gold speaker's text (clitic-insensitive, a shared word)."""
    if g["speaker_en"] is None and p["speaker_en"] is None:
        return not g.get("speaker_text") or _same_speaker_text(g, p)
    if same_name(g["speaker_en"], p["speaker_en"]):
        return True
    return p["speaker_en"] is None and bool(p.get("speaker_text")) and _same_speaker_text(g, p)


def _same_speaker_text(g: Item, p: Item) -> bool:
    gold_words = set(surface_key(g.get("speaker_text") or "").split())
    pred_words = set(surface_key(p.get("speaker_text") or "").split())
    return bool(gold_words & pred_words)


# --- amounts: value (within 1e-6 relative) and bound; the same surface or position breaks ties ---

def pred_amounts(a: JSON) -> list[Item]:
    return [{"text": x.get("text") or "", "start": x.get("start"), "end": x.get("end"), "value": x.get("value"),
             "bound": x.get("bound")} for x in sorted(a.get("amounts") or [], key=_position)
            if is_number(x.get("value"))]


def _near_surface(text: str, g: Item, p: Item) -> bool:
    if surface_key(g["text"]) == surface_key(p["text"]):
        return True
    return p["start"] is not None and span_overlap(text, g["text"], int(p["start"]), int(p["end"])) > 0


def score_amount(text: str, g: Item, p: Item) -> Score | None:
    if g["bound"] != p["bound"] or not close_values(float(g["value"]), float(p["value"])):
        return None
    return (float(_near_surface(text, g, p)),)


def show_amount(x: Item) -> str:
    return f"{x['text']} = {x['value']:g} {x['bound']}"


# --- dates: value and surface (clitic-insensitive surface, or a span overlapping the gold text) ---

def pred_dates(a: JSON) -> list[Item]:
    """Predicted dates with a value (an unresolved expression states no fact and is not scored)."""
    return [{"text": x.get("text") or "", "start": x.get("start"), "end": x.get("end"), "value": x.get("value")}
            for x in sorted(a.get("dates") or [], key=_position) if x.get("value")]


def score_date(text: str, g: Item, p: Item) -> Score | None:
    if g["value"] != p["value"]:
        return None
    same = surface_key(g["text"]) == surface_key(p["text"])
    covered = span_overlap(text, g["text"], int(p["start"]), int(p["end"])) if p["start"] is not None else 0.0
    if not same and covered <= 0:
        return None
    return (float(same), covered)


def show_date(x: Item) -> str:
    return f"{x['text']} = {x['value']}"


# --- places: within 100 km or by English name, never across countries; one per distinct place ---

def pred_places(a: JSON) -> list[Item]:
    """Predicted places with coordinates, one per (English name, country), in order of first mention."""
    seen: dict[tuple[str, str], Item] = {}
    for x in sorted(a.get("places") or [], key=_position):
        if not (is_number(x.get("lat")) and is_number(x.get("lon"))):
            continue
        key = (" ".join(str(x.get("name_en") or surface_key(x.get("text") or "")).casefold().split()),
               x.get("country") or "")
        seen.setdefault(key, {"text": x.get("text") or "", "name_en": x.get("name_en"),
                              "country": x.get("country") or "", "lat": float(x["lat"]), "lon": float(x["lon"])})
    return list(seen.values())


def score_place(_text: str, g: Item, p: Item) -> Score | None:
    """Within 100 km, or the same English name: a country's or region's point is a convention (its
    centroid) that differs between gazetteers by hundreds of km. A country conflict never matches."""
    if g["country"] and p["country"] and g["country"] != p["country"]:
        return None
    km = haversine_km(float(g["lat"]), float(g["lon"]), p["lat"], p["lon"])
    named = p["name_en"] is not None and same_name(g["name_en"], p["name_en"])
    if km > MAX_PLACE_KM and not named:
        return None
    return (float(named), -km)


def show_place(x: Item) -> str:
    return f"{x['text']} ({x.get('name_en') or '-'}, {x.get('country') or '--'} {x['lat']:.2f},{x['lon']:.2f})"


# --- events: PLOVER category and ≥ 50% of the gold sentence's characters covered by the event span ---

def pred_events(a: JSON) -> list[Item]:
    text = a.get("text") or ""
    out: list[Item] = []
    for e in sorted(a.get("events") or [], key=_position):
        start, end = _position(e)
        trigger = e.get("trigger") if isinstance(e.get("trigger"), dict) else {}
        out.append({"plover": e.get("plover"), "start": start, "end": end, "sentence": text[start:end],
                    "trigger": trigger.get("text") if trigger else None,
                    "actor1_en": _name(e.get("actor1")), "actor2_en": _name(e.get("actor2"))})
    return out


def score_event(text: str, g: Item, p: Item) -> Score | None:
    if g["plover"] != p["plover"]:
        return None
    covered = span_overlap(text, g["sentence"], p["start"], p["end"])
    return (covered,) if covered >= MIN_EVENT_OVERLAP else None


def show_event(x: Item) -> str:
    sent = x.get("sentence") or ""
    short = sent if len(sent) <= 80 else sent[:77] + "..."
    trig = f" [{x['trigger']}]" if x.get("trigger") else ""
    return f"{x['plover']}{trig} {x.get('actor1_en') or '?'} → {x.get('actor2_en') or '-'}: {short}"


def actors_of(x: Item) -> tuple[str | None, str | None]:
    return (x.get("actor1_en"), x.get("actor2_en"))


@dataclass(frozen=True, slots=True)
class Rule:
    """How one kind of fact is read on both sides, compared and shown."""

    kind: str
    pred: Callable[[JSON], list[Item]]
    score: Callable[[str, Item, Item], Score | None]
    show: Callable[[Item], str]


RULES: dict[str, Rule] = {r.kind: r for r in (
    Rule("entities", pred_entities, score_entity, show_entity),
    Rule("quotes", pred_quotes, score_quote, show_quote),
    Rule("amounts", pred_amounts, score_amount, show_amount),
    Rule("dates", pred_dates, score_date, show_date),
    Rule("places", pred_places, score_place, show_place),
    Rule("events", pred_events, score_event, show_event),
)}
