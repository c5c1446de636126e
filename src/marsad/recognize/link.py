"""Linking: each mention with several knowledge-base candidates gets one, chosen by evidence.

Evidence, in order of weight: the type the context demands (a title makes a person), an office held on
the publication date, the document's other unambiguous countries and places (طرابلس with لبنان in the
text is Tripoli, Lebanon), curation (curated records before GeoNames), then population. The winning
reason is kept in `link_rule` so an analyst can ask why.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date

from marsad.knowledge.index import KBIndex, Target
from marsad.recognize.mentions import Found


def document_countries(index: KBIndex, found: list[Found]) -> Counter[str]:
    """Countries the document certainly talks about: unambiguous country, place and actor mentions."""
    counts: Counter[str] = Counter()
    for f in found:
        if len(f.candidates) != 1:
            continue
        t = index.targets[f.candidates[0]]
        if t.country:
            counts[t.country] += 2 if t.kind == "country" else 1
    return counts


def _holds_office(index: KBIndex, target: Target, published: date | None) -> bool:
    roles = index.roles_of.get(target.id, [])
    if published is None:
        return bool(roles)
    return any(start <= published and (end is None or published <= end) for _, _, start, end in roles)


def _score(index: KBIndex, f: Found, t: Target, countries: Counter[str], published: date | None) -> tuple[float, str]:
    score = -2.0 * t.priority
    reasons = []
    if f.origin != "kb" and f.type != t.type:
        score -= 5
    if t.type == "PER" and _holds_office(index, t, published):
        score += 3
        reasons.append("office-on-date")
    if t.country and countries[t.country]:
        score += 2 + 0.5 * min(countries[t.country], 4)
        reasons.append(f"document-country:{t.country}")
    if t.population:
        score += 0.2 * math.log10(t.population + 1)
    if not reasons:
        reasons.append("curation" if t.priority == 0 else "population")
    return score, "+".join(reasons)


def link_mentions(index: KBIndex, found: list[Found], published: date | None) -> None:
    """Choose `target` for every mention that has candidates (in place)."""
    countries = document_countries(index, found)
    for f in found:
        if not f.candidates:
            continue
        if len(f.candidates) == 1:
            f.target = f.candidates[0]
            f.link_rule = "unique"
        else:
            scored = sorted(((*_score(index, f, index.targets[c], countries, published), c) for c in f.candidates),
                            key=lambda x: (-x[0], x[2]))
            f.target = scored[0][2]
            f.link_rule = f"chosen-of-{len(f.candidates)}:{scored[0][1]}"
        f.type = index.targets[f.target].type
