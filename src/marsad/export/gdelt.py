"""GDELT 2.0 Event table export: one tab-separated row of 61 fields per merged event, no header
(GDELT's files have none; `GDELT_COLUMNS` holds the published column names, see data/gdelt_event_columns.tsv).

One row is one real event of one story: NumArticles counts the articles of the story that report it,
NumSources their outlets, NumMentions every mention, so twenty reprints of a wire story give one row
with NumArticles = 20, not twenty rows. Geography follows GDELT: FIPS 10-4 country codes, ActionGeo
type 1 for a country and 4 for a place within one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from typing import IO

from marsad.datafiles import read_tsv
from marsad.export.common import clean, compact_date, country, data_file, number, parse_actor_code
from marsad.store.queries import NO_FILTERS, Filters, Row, iter_rows

GEO_COUNTRY = 1
GEO_WORLDCITY = 4


@lru_cache(maxsize=1)
def gdelt_columns() -> tuple[str, ...]:
    names = tuple(row["name"] for row in read_tsv(data_file("gdelt_event_columns.tsv"), ("name",)))
    if len(names) != 61:
        raise ValueError(f"gdelt_event_columns.tsv lists {len(names)} columns, GDELT 2.0 has 61")
    return names


def event_rows(conn: sqlite3.Connection, filters: Filters = NO_FILTERS) -> Iterator[Row]:
    """Merged events (with their first article), oldest first; filters apply to the first-seen date."""
    where, params = filters.sql("d")
    sql = ("SELECT e.*, d.outlet AS first_outlet, d.id AS first_id FROM events e "
           "JOIN documents d ON d.id = e.first_doc_id WHERE 1 = 1" + where +
           " ORDER BY e.first_seen IS NULL, e.first_seen, d.seq, e.event_id")
    return iter_rows(conn, sql, params)


def _dates(e: Row) -> list[str]:
    raw = e["date"] if e["date"] and len(str(e["date"])) == 10 else e["first_seen"]
    if not raw:
        return ["", "", "", ""]
    d = date.fromisoformat(str(raw))
    fraction = d.year + (d.month * 30 + d.day) / 365
    return [d.strftime("%Y%m%d"), d.strftime("%Y%m"), str(d.year), f"{fraction:.4f}"]


def _actor(e: Row, prefix: str) -> list[str]:
    code = parse_actor_code(e[f"{prefix}_cameo"])
    name = e[f"{prefix}_name_en"]
    name = name.upper() if name else e[f"{prefix}_text"]
    if not code.code and not name:
        return [""] * 10
    types = [*code.types[:3], "", "", ""][:3]
    religion = [*code.religion[:2], "", ""][:2]
    return [code.code, clean(name), code.country, code.known_group, code.ethnic, *religion, *types]


def action_geo(e: Row) -> list[str]:
    """ActionGeo_Type … ActionGeo_FeatureID (8 fields) of an event's place."""
    iso2 = e["place_country"]
    if not iso2 and e["place_lat"] is None:
        return ["0", "", "", "", "", "", "", ""]
    c = country(iso2)
    name = e["place_name_en"] or (c.name if c else "")
    is_country = c is not None and name == c.name
    full = name if is_country or c is None else f"{name}, {c.name}"
    fips = c.fips if c else ""
    feature = str(e["place_geonames_id"]) if e["place_geonames_id"] else fips
    return [str(GEO_COUNTRY if is_country else GEO_WORLDCITY), clean(full), fips, fips, "",
            number(e["place_lat"]), number(e["place_lon"]), feature]


def to_fields(e: Row) -> list[str]:
    eid = int(str(e["event_id"])[:15], 16)
    cameo = str(e["cameo"])
    added = compact_date(e["first_seen"])
    source = e["source_url"] or (f"{e['first_outlet']} " if e["first_outlet"] else "") + f"marsad:{e['first_id']}"
    fields = [str(eid), *_dates(e), *_actor(e, "actor1"), *_actor(e, "actor2"), str(int(e["is_root"])), cameo,
              cameo[:3], cameo[:2], str(e["quad_class"] or ""), number(e["goldstein"], 1),
              str(e["num_mentions"]), str(e["num_sources"]), str(e["num_articles"]), "",
              "0", "", "", "", "", "", "", "", "0", "", "", "", "", "", "", "", *action_geo(e),
              added + "000000" if added else "", clean(source)]
    assert len(fields) == 61, len(fields)
    return fields


def write_gdelt(conn: sqlite3.Connection, out: IO[str], filters: Filters = NO_FILTERS, header: bool = False) -> int:
    """Write the GDELT 2.0 Event table; returns the number of rows."""
    if header:
        out.write("\t".join(gdelt_columns()) + "\n")
    n = 0
    for e in event_rows(conn, filters):
        out.write("\t".join(to_fields(e)) + "\n")
        n += 1
    return n
