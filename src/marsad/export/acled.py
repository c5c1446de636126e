"""ACLED-style CSV: the merged events that are political violence, demonstrations or strategic
developments (CAMEO → ACLED type in data/acled_event_types.tsv), one row per real event, with ACLED's
columns (data/acled_columns.tsv) and marsad's provenance (event id, CAMEO, PLOVER, counts, URL).

`notes` carries the Arabic sentence that reports the event, `fatalities` the "killed" amounts found in
it, `source` the outlets of every article of the story that reports it.
"""

from __future__ import annotations

import csv
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import IO

from marsad.datafiles import read_tsv
from marsad.export.common import clean, count_type, country, data_file, number, parse_actor_code
from marsad.export.gdelt import event_rows
from marsad.store.queries import NO_FILTERS, Filters, Row

_NO_COUNTRY = "UNK"  # event_id_cnty prefix when the event has no country


@dataclass(frozen=True, slots=True)
class AcledType:
    disorder_type: str
    event_type: str
    sub_event_type: str


@lru_cache(maxsize=1)
def acled_columns() -> tuple[str, ...]:
    return tuple(row["name"] for row in read_tsv(data_file("acled_columns.tsv"), ("name",)))


@lru_cache(maxsize=1)
def _types() -> dict[str, AcledType]:
    path = data_file("acled_event_types.tsv")
    return {row["cameo"]: AcledType(row["disorder_type"], row["event_type"], row["sub_event_type"])
            for row in read_tsv(path, ("cameo", "disorder_type", "event_type", "sub_event_type"))}


@lru_cache(maxsize=1)
def _inter() -> dict[str, str]:
    return {row["cameo_type"]: row["inter"] for row in read_tsv(data_file("acled_inter.tsv"), ("cameo_type", "inter"))}


def acled_type(cameo: str) -> AcledType | None:
    """ACLED type of a CAMEO event code (longest listed prefix), or None: not an ACLED event."""
    table = _types()
    for n in range(len(cameo), 1, -1):
        found = table.get(cameo[:n])
        if found is not None:
            return found
    return None


def inter(cameo_code: str | None) -> str:
    code = parse_actor_code(cameo_code)
    table = _inter()
    return next((table[t] for t in code.types if t in table), "")


def _sources(conn: sqlite3.Connection, event_id: str) -> str:
    cur = conn.execute("SELECT d.outlet FROM event_mentions em JOIN documents d ON d.id = em.doc_id "
                       "WHERE em.event_id = ? ORDER BY d.published IS NULL, d.published, d.seq", (event_id,))
    seen: dict[str, None] = {}
    for (outlet,) in cur:
        if outlet:
            seen.setdefault(str(outlet), None)
    return "; ".join(seen)


def _fatalities(conn: sqlite3.Connection, e: Row) -> int:
    row = conn.execute("SELECT start, end FROM event_mentions WHERE doc_id = ? AND event_id = ? ORDER BY idx "
                       "LIMIT 1", (e["first_doc_id"], e["event_id"])).fetchone()
    if row is None:
        return 0
    cur = conn.execute("SELECT value, counted_text FROM amounts WHERE doc_id = ? AND start >= ? AND end <= ?",
                       (e["first_doc_id"], row[0], row[1]))
    return int(sum(v for v, counted in cur if v is not None and count_type(counted) == "KILL"))


def _actors(e: Row, kind: AcledType, ctry: str) -> tuple[str, str, str, str]:
    actor1 = e["actor1_name_en"] or e["actor1_text"] or ""
    actor2 = e["actor2_name_en"] or e["actor2_text"] or ""
    inter1, inter2 = inter(e["actor1_cameo"]), inter(e["actor2_cameo"])
    crowd = {"Protests": "Protesters", "Riots": "Rioters"}.get(kind.event_type)
    if crowd:
        inter1 = crowd
        actor1 = actor1 or (f"{crowd} ({ctry})" if ctry else crowd)
    return clean(actor1), clean(actor2), inter1, inter2


def acled_fields(conn: sqlite3.Connection, e: Row, kind: AcledType) -> list[str]:
    c = country(e["place_country"])
    ctry = c.name if c else ""
    when = e["date"] if e["date"] and len(str(e["date"])) == 10 else e["first_seen"]
    actor1, actor2, inter1, inter2 = _actors(e, kind, ctry)
    vac = kind.event_type == "Violence against civilians" or inter2 == "Civilians"
    is_country = c is not None and e["place_name_en"] == c.name
    precision = "" if e["place_lat"] is None else ("3" if is_country else "1")
    stamp = int(datetime.combine(date.fromisoformat(e["first_seen"]), datetime.min.time(), UTC).timestamp()) \
        if e["first_seen"] else ""
    fields = [f"{c.iso3 if c else _NO_COUNTRY}{int(str(e['event_id'])[:8], 16)}", when or "", (when or "")[:4],
              "1" if e["date"] else "2", kind.disorder_type, kind.event_type, kind.sub_event_type,
              actor1, "", inter1, actor2, "", inter2, f"{inter1}-{inter2}" if inter1 and inter2 else inter1,
              "Civilian targeting" if vac else "", str(c.numeric) if c else "", "", ctry, "", "", "",
              clean(e["place_name_en"] or e["place_text"]), number(e["place_lat"]), number(e["place_lon"]),
              precision, _sources(conn, str(e["event_id"])), "", clean(e["sentence"]),
              str(_fatalities(conn, e)), "", str(stamp), str(e["event_id"]), str(e["cameo"]), str(e["plover"] or ""),
              str(e["num_mentions"]), str(e["num_articles"]), str(e["num_sources"]), e["source_url"] or ""]
    return [str(f) for f in fields]


def write_acled(conn: sqlite3.Connection, out: IO[str], filters: Filters = NO_FILTERS) -> int:
    """Write the ACLED-style CSV (with a header row); returns the number of events written."""
    writer = csv.writer(out, lineterminator="\n")
    columns = acled_columns()
    writer.writerow(columns)
    n = 0
    for e in event_rows(conn, filters):
        kind = acled_type(str(e["cameo"]))
        if kind is None:
            continue
        fields = acled_fields(conn, e, kind)
        assert len(fields) == len(columns), (len(fields), len(columns))
        writer.writerow(fields)
        n += 1
    return n
