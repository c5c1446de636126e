"""Events merged over a story: the same real event reported by twenty reprints is one record.

Each event mention (one event found in one article) carries a merge key (CAMEO code, actors,
modality; see `store.rows.merge_key`). Within a story, mentions with the same key are one event whose
record counts NumMentions (every mention), NumArticles (distinct articles) and NumSources (distinct
outlets), with first/last seen taken from the articles' publication dates. The descriptive fields come
from the earliest mention, with date and place filled from the first mention that has them.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from typing import Any

_MENTION_COLUMNS = (
    "cameo", "plover", "quad_class", "goldstein", "actor1_text", "actor1_kb_id", "actor1_name_en", "actor1_cameo",
    "actor2_text", "actor2_kb_id", "actor2_name_en", "actor2_cameo", "place_text", "place_name_en",
    "place_country", "place_lat", "place_lon", "place_geonames_id", "date", "negated", "modality", "is_root")
_PLACE = _MENTION_COLUMNS[12:18]
_SELECT = (
    "SELECT em.merge_key, em.doc_id, em.idx, em.start, em.end, d.outlet, d.published, d.url, "
    "substr(d.text, em.start + 1, em.end - em.start) AS sentence, "
    + ", ".join(f"em.{c}" for c in _MENTION_COLUMNS)
    + " FROM event_mentions em JOIN documents d ON d.id = em.doc_id WHERE d.story_id = ? "
    "ORDER BY em.merge_key, d.published IS NULL, d.published, d.seq, em.idx")
_INSERT = (
    "INSERT INTO events (event_id, story_id, merge_key, " + ", ".join(_MENTION_COLUMNS)
    + ", num_mentions, num_articles, num_sources, first_seen, last_seen, first_doc_id, source_url, sentence) "
    "VALUES (" + ",".join("?" * (len(_MENTION_COLUMNS) + 11)) + ")")


def event_id(story_id: str, key: str) -> str:
    return hashlib.blake2b(f"{story_id}\x1f{key}".encode(), digest_size=10).hexdigest()


def refresh_events(conn: sqlite3.Connection, story_ids: Iterable[str]) -> None:
    """Rebuild the event records of the given stories from their event mentions."""
    for story_id in story_ids:
        conn.execute("DELETE FROM events WHERE story_id = ?", (story_id,))
        cur = conn.execute(_SELECT, (story_id,))
        names = [d[0] for d in cur.description]
        group: list[dict[str, Any]] = []
        for raw in cur:
            row = dict(zip(names, raw, strict=True))
            if group and row["merge_key"] != group[0]["merge_key"]:
                _write_event(conn, story_id, group)
                group = []
            group.append(row)
        if group:
            _write_event(conn, story_id, group)


def _write_event(conn: sqlite3.Connection, story_id: str, mentions: list[dict[str, Any]]) -> None:
    first = mentions[0]
    key = str(first["merge_key"])
    eid = event_id(story_id, key)
    fields = {c: first[c] for c in _MENTION_COLUMNS}
    if fields["date"] is None:
        fields["date"] = next((m["date"] for m in mentions if m["date"]), None)
    if fields["place_name_en"] is None:
        with_place = next((m for m in mentions if m["place_name_en"]), None)
        if with_place is not None:
            fields.update({c: with_place[c] for c in _PLACE})
    fields["is_root"] = max(int(m["is_root"]) for m in mentions)
    docs = {m["doc_id"] for m in mentions}
    outlets = {m["outlet"] or m["doc_id"] for m in mentions}
    dates = sorted(m["published"] for m in mentions if m["published"])
    source_url = next((m["url"] for m in mentions if m["url"]), None)
    conn.execute(_INSERT, (eid, story_id, key, *fields.values(), len(mentions), len(docs), len(outlets),
                           dates[0] if dates else None, dates[-1] if dates else None, first["doc_id"],
                           source_url, first["sentence"]))
    conn.execute("UPDATE event_mentions SET event_id = ? WHERE merge_key = ? AND doc_id IN "
                 f"({','.join('?' * len(docs))})", (eid, key, *sorted(docs)))
