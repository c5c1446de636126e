"""Stage "places": every place mention geocoded from the record linking chose, and the document's
focus countries ranked.

Disambiguation (طرابلس in Libya or Lebanon, الجزائر the country or the city) happens in linking, from
the document's other places and countries; this stage turns linked LOC mentions into coordinates and
ranks the countries the article is about (mentions of the country, of its places and of its actors).
"""

from __future__ import annotations

from collections import Counter

from marsad.context import Context
from marsad.knowledge.index import KBIndex, default_index
from marsad.model import FocusCountry, Place
from marsad.recognize.entities import EntityFindings
from marsad.stages import Stage, register

# How much one mention says about a country: the country itself, one of its places, one of its actors.
_WEIGHT = {"country": 3.0, "place": 2.0, "actor": 1.0}
_HEADLINE_BONUS = 2.0


def focus_countries(index: KBIndex, ctx: Context, found: EntityFindings) -> list[FocusCountry]:
    scores: dict[str, float] = {}
    mentions: Counter[str] = Counter()
    headline = {i for i, s in enumerate(ctx.view.sentences) if s.kind == "title"}
    for f in found.mentions:
        if not f.target:
            continue
        t = index.targets[f.target]
        if not t.country:
            continue
        kind = "country" if t.kind == "country" else "place" if t.type == "LOC" else "actor"
        weight = _WEIGHT[kind]
        if ctx.view.sentence_index_at(f.nstart) in headline:
            weight += _HEADLINE_BONUS
        scores[t.country] = scores.get(t.country, 0.0) + weight
        mentions[t.country] += 1
    total = sum(scores.values()) or 1.0
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    return [FocusCountry(iso, index.country_names_en.get(iso, iso), mentions[iso], round(score / total, 3))
            for iso, score in ranked]


@register("places")
class PlacesStage(Stage):
    requires = ("entities",)

    def __init__(self) -> None:
        self.index = default_index()

    def find(self, ctx: Context) -> tuple[list[Place], list[FocusCountry]]:
        found: EntityFindings = ctx.findings["entities"]
        places: list[Place] = []
        for f in found.mentions:
            t = self.index.targets.get(f.target) if f.target else None
            if t is None or t.type != "LOC" or t.lat is None or t.lon is None:
                continue
            span = ctx.view.span(f.nstart, f.nend)
            geonames_id = int(t.id.split(":", 1)[1]) if t.id.startswith("geonames:") else None
            places.append(Place(span.start, span.end, span.text, t.name_en, geonames_id, t.country, t.lat, t.lon,
                                t.id, f"place:{t.kind}:{t.source}|link:{f.link_rule}"))
        return places, focus_countries(self.index, ctx, found)

    def set_annotations(self, ctx: Context, found: tuple[list[Place], list[FocusCountry]]) -> None:
        ctx.analysis.places.extend(found[0])
        ctx.analysis.focus_countries = found[1]
