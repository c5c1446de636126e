"""A GKG 2.1-like table: one tab-separated row per article with GDELT's 27 GKG columns (no header,
see data/gkg_columns.tsv): persons, organisations, locations, counts and amounts, quotations with
their speaker, dates, all names, each with its character offset into the article text.

It departs from GKG 2.1 where marsad knows more or less: quotations carry the speaker as a fifth
'|' field; themes, tone, GCAM and images are empty; offsets refer to the original Arabic text.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import IO

from marsad.datafiles import read_tsv
from marsad.export.common import clean, compact_date, count_type, country, data_file, number
from marsad.store.queries import NO_FILTERS, Filters, Row, iter_rows

_RESOLUTION = {"year": "1", "month": "2", "week": "3", "day": "3"}


@lru_cache(maxsize=1)
def gkg_columns() -> tuple[str, ...]:
    return tuple(row["name"] for row in read_tsv(data_file("gkg_columns.tsv"), ("name",)))


def _facts(conn: sqlite3.Connection, table: str, doc_id: str) -> list[Row]:
    cur = conn.execute(f"SELECT * FROM {table} WHERE doc_id = ? ORDER BY idx", (doc_id,))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur]


def _join(blocks: Iterable[str], sep: str = ";") -> str:
    return sep.join(b for b in blocks if b)


def _location(p: Row) -> tuple[str, ...]:
    """(type, full name, FIPS country, ADM1, lat, lon, feature id) of a place row."""
    c = country(p["country"])
    name = clean(p["name_en"] or p["text"], ";#,")
    is_country = c is not None and p["name_en"] == c.name
    full = name if is_country or c is None else f"{name}, {c.name}"
    fips = c.fips if c else ""
    feature = str(p["geonames_id"]) if p["geonames_id"] else fips
    return ("1" if is_country else "4", full, fips, fips, number(p["lat"]), number(p["lon"]), feature)


def _locations(places: list[Row]) -> tuple[str, str]:
    v1: dict[str, str] = {}
    v2: list[str] = []
    for p in places:
        t, full, fips, adm1, lat, lon, feature = _location(p)
        v1.setdefault(full, "#".join((t, full, fips, adm1, lat, lon, feature)))
        v2.append("#".join((t, full, fips, adm1, "", lat, lon, feature, str(p["start"]))))
    return _join(v1.values()), _join(v2)


def _names(mentions: list[Row], etype: str) -> tuple[str, str]:
    v1: dict[str, None] = {}
    v2: list[str] = []
    for m in mentions:
        if m["type"] != etype:
            continue
        name = clean(m["name_en"] or m["text"], ";,#")
        v1.setdefault(name, None)
        v2.append(f"{name},{m['start']}")
    return _join(v1), _join(v2)


def _counts(amounts: list[Row]) -> tuple[str, str]:
    v1: list[str] = []
    v2: list[str] = []
    for a in amounts:
        ctype = count_type(a["counted_text"])
        if ctype is None:
            continue
        block = "#".join((ctype, number(a["value"]), clean(a["counted_text"], ";#"), "", "", "", "", "", "", ""))
        v1.append(block)
        v2.append(f"{block}#{a['start']}")
    return _join(v1), _join(v2)


def _dates(dates: list[Row]) -> str:
    blocks = []
    for d in dates:
        value = str(d["value"] or "")
        parts = value.split("-")
        if not all(p.isdigit() for p in parts):
            continue  # a week ("2015-W29") has no GKG resolution
        year = parts[0]
        month = parts[1] if len(parts) > 1 else "0"
        day = parts[2] if len(parts) > 2 else "0"
        res = _RESOLUTION.get(str(d["granularity"]), "3")
        blocks.append("#".join((res, str(int(month)), str(int(day)), year, str(d["start"]))))
    return _join(blocks)


def _quotes(quotes: list[Row]) -> str:
    blocks = []
    for q in quotes:
        speaker = q["speaker_name_en"] or q["speaker_text"] or ""
        blocks.append("|".join((str(q["start"]), str(q["end"] - q["start"]), clean(q["cue_text"], "|#"),
                                clean(q["text"], "|#"), clean(speaker, "|#"))))
    return _join(blocks, "#")


def _amounts(amounts: list[Row]) -> str:
    return _join(f"{number(a['value'])},{clean(a['counted_text'] or a['unit'] or '', ';,')},{a['start']}"
                 for a in amounts)


def _all_names(mentions: list[Row]) -> str:
    return _join(f"{clean(m['name_en'] or m['text'], ';,')},{m['start']}" for m in mentions)


def gkg_fields(conn: sqlite3.Connection, doc: Row) -> list[str]:
    doc_id = str(doc["id"])
    mentions = conn.execute(
        "SELECT m.type, m.start, m.text, e.name_en FROM mentions m LEFT JOIN entities e ON e.key = m.entity_key "
        # Names only: a country named by nisba ("الروسي") is not a name for AllNames/Persons/Organizations;
        # names in a related-headline block belong to another story.
        "WHERE m.doc_id = ? AND COALESCE(m.origin, '') != 'nisba' "
        "AND COALESCE(m.rule, '') NOT LIKE '%|in:related-headline%' ORDER BY m.idx", (doc_id,)).fetchall()
    ments = [{"type": t, "start": s, "text": x, "name_en": n} for t, s, x, n in mentions]
    places = _facts(conn, "places", doc_id)
    amounts = _facts(conn, "amounts", doc_id)
    v1_counts, v21_counts = _counts(amounts)
    v1_locs, v2_locs = _locations(places)
    v1_per, v2_per = _names(ments, "PER")
    v1_org, v2_org = _names(ments, "ORG")
    day = compact_date(doc["published"])
    title = clean(doc["title"]).replace("<", " ").replace(">", " ")
    fields = [doc_id, day + "000000" if day else "", "1", clean(doc["outlet"]), clean(doc["url"] or f"marsad:{doc_id}"),
              v1_counts, v21_counts, "", "", v1_locs, v2_locs, v1_per, v2_per, v1_org, v2_org, "",
              _dates(_facts(conn, "dates", doc_id)), "", "", "", "", "", _quotes(_facts(conn, "quotes", doc_id)),
              _all_names(ments), _amounts(amounts), "srclc:ara",
              f"<PAGE_TITLE>{title}</PAGE_TITLE>" if title else ""]
    assert len(fields) == 27, len(fields)
    return fields


def documents(conn: sqlite3.Connection, filters: Filters = NO_FILTERS, columns: str = "d.*") -> Iterator[Row]:
    where, params = filters.sql("d")
    return iter_rows(conn, f"SELECT {columns} FROM documents d WHERE 1 = 1{where} ORDER BY d.seq", params)


def write_gkg(conn: sqlite3.Connection, out: IO[str], filters: Filters = NO_FILTERS, header: bool = False) -> int:
    if header:
        out.write("\t".join(gkg_columns()) + "\n")
    n = 0
    cols = "d.id, d.published, d.outlet, d.url, d.title"
    for doc in documents(conn, filters, cols):
        out.write("\t".join(gkg_fields(conn, doc)) + "\n")
        n += 1
    return n
