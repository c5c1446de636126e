"""JSON Lines export: one marsad/1 Analysis object per stored document, in arrival order, exactly as
`marsad analyze` wrote it, plus a "corpus" object (store id, story, what it duplicates)."""

from __future__ import annotations

import json
import sqlite3
from typing import IO

from marsad.store.queries import NO_FILTERS, Filters, iter_rows
from marsad.store.rows import analysis_json


def write_jsonl(conn: sqlite3.Connection, out: IO[str], filters: Filters = NO_FILTERS) -> int:
    where, params = filters.sql("d")
    sql = ("SELECT d.id, d.ext_id, d.source, d.url, d.title, d.published, d.lang, d.text, d.story_id, d.dup_of, "
           "d.dup_kind, d.dup_score, a.facts FROM documents d JOIN analyses a ON a.doc_id = d.id "
           f"WHERE 1 = 1{where} ORDER BY d.seq")
    n = 0
    for row in iter_rows(conn, sql, params, size=200):
        obj = analysis_json(row, row["facts"])
        obj["corpus"] = {"doc_id": row["id"], "story_id": row["story_id"], "dup_of": row["dup_of"],
                         "dup_kind": row["dup_kind"], "dup_score": row["dup_score"]}
        out.write(json.dumps(obj, ensure_ascii=False))
        out.write("\n")
        n += 1
    return n
