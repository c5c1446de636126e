"""Parquet export: one file per kind of row (documents, stories, entities, mentions, quotes, amounts,
dates, places, event_mentions, events, failures) in a directory, written in row groups as the rows
stream from the store (memory stays flat). Column types follow the store's declared types."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from marsad.store.queries import NO_FILTERS, Filters

TABLES = ("documents", "stories", "entities", "mentions", "quotes", "amounts", "dates", "places",
          "event_mentions", "events", "failures")
ROW_GROUP = 20000
_TYPES = {"INTEGER": pa.int64(), "REAL": pa.float64(), "TEXT": pa.string(), "BLOB": pa.binary()}
# Which documents a table's rows belong to, for --since/--until/--source.
_DOC_FILTER = {
    "documents": "t.id IN (SELECT d.id FROM documents d WHERE 1 = 1{where})",
    "stories": "t.id IN (SELECT d.story_id FROM documents d WHERE 1 = 1{where})",
    "events": "t.first_doc_id IN (SELECT d.id FROM documents d WHERE 1 = 1{where})",
}


def schema_of(conn: sqlite3.Connection, table: str) -> pa.Schema:
    cols = conn.execute(f"PRAGMA table_info({table})").fetchall()
    return pa.schema([pa.field(name, _TYPES.get(str(ctype).upper(), pa.string()), nullable=not notnull)
                      for _, name, ctype, notnull, _, _ in cols])


def _query(table: str, schema: pa.Schema, filters: Filters) -> tuple[str, tuple[Any, ...]]:
    where, params = filters.sql("d")
    cols = ", ".join(f"t.{name}" for name in schema.names)
    sql = f"SELECT {cols} FROM {table} t"
    if where and table in _DOC_FILTER:
        sql += " WHERE " + _DOC_FILTER[table].format(where=where)
    elif where and "doc_id" in schema.names:
        sql += f" WHERE t.doc_id IN (SELECT d.id FROM documents d WHERE 1 = 1{where})"
    elif where:
        params = ()
    order = {"documents": "t.seq", "failures": "t.locator", "stories": "t.id", "entities": "t.key",
             "events": "t.event_id"}.get(table, "t.doc_id, t.idx")
    return f"{sql} ORDER BY {order}", params


def _batches(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...],
             schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    cur = conn.execute(sql, params)
    while block := cur.fetchmany(ROW_GROUP):
        columns = list(zip(*block, strict=True))
        yield pa.record_batch([pa.array(list(col), type=f.type) for col, f in zip(columns, schema, strict=True)],
                              schema=schema)


def write_parquet(conn: sqlite3.Connection, out_dir: Path, filters: Filters = NO_FILTERS,
                  tables: tuple[str, ...] = TABLES) -> dict[str, int]:
    """Write `<table>.parquet` for each table; returns rows written per table."""
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for table in tables:
        schema = schema_of(conn, table)
        sql, params = _query(table, schema, filters)
        n = 0
        with pq.ParquetWriter(out_dir / f"{table}.parquet", schema, compression="zstd") as writer:
            for batch in _batches(conn, sql, params, schema):
                writer.write_batch(batch)
                n += batch.num_rows
        counts[table] = n
    return counts
