"""The single writer: inserts documents with their facts, records failures, and keeps the run log.

Only one process writes (the ingest parent); it commits in batches, so a crash loses at most the
uncommitted batch, which a resumed run simply processes again (ids come from content, so nothing is
stored twice). Readers use their own connections and are never blocked (WAL).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from marsad.model import Analysis
from marsad.store import rows
from marsad.store.sqlite import open_writer


@dataclass(frozen=True, slots=True)
class StoredDoc:
    """What the writer needs besides the Analysis: identity, provenance, fingerprints, story link."""

    key: str
    locator: str
    spec: str
    outlet: str | None
    norm_hash: str
    signature: bytes
    fts_title: str
    fts_body: str
    pipeline: str
    story_id: str
    dup_of: str | None
    dup_kind: str | None
    dup_score: float | None


def _placeholders(n: int) -> str:
    return ",".join("?" * n)


_INSERTS = {
    "mentions": 10, "quotes": 15, "amounts": 15, "dates": 8, "places": 12, "event_mentions": 32,
}


class StoreWriter:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.conn = open_writer(self.path)
        self._in_tx = False

    # -- transactions -------------------------------------------------------------------------------
    def begin(self) -> None:
        if not self._in_tx:
            self.conn.execute("BEGIN IMMEDIATE")
            self._in_tx = True

    def commit(self) -> None:
        if self._in_tx:
            self.conn.execute("COMMIT")
            self._in_tx = False

    def rollback(self) -> None:
        if self._in_tx:
            self.conn.execute("ROLLBACK")
            self._in_tx = False

    def close(self) -> None:
        self.rollback()
        self.conn.execute("PRAGMA optimize")
        self.conn.close()

    # -- look-ups -----------------------------------------------------------------------------------
    def has_document(self, key: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (key,)).fetchone() is not None

    def has_failure(self, locator: str) -> bool:
        return self.conn.execute("SELECT 1 FROM failures WHERE locator = ?", (locator,)).fetchone() is not None

    def failure_of(self, locator: str) -> tuple[str, str | None] | None:
        """(kind, content key) of the failure recorded for `locator`, if any."""
        row = self.conn.execute("SELECT kind, key FROM failures WHERE locator = ?", (locator,)).fetchone()
        return None if row is None else (str(row[0]), row[1])

    def url_state(self, url: str) -> str | None:
        """"already stored", "known failure" (or skipped) for an article URL seen before, else None."""
        if self.conn.execute("SELECT 1 FROM documents WHERE url = ? LIMIT 1", (url,)).fetchone():
            return "already stored"
        return "known failure" if self.has_failure(url) else None

    def next_seq(self) -> int:
        row = self.conn.execute("SELECT max(seq) FROM documents").fetchone()
        return int(row[0] or 0) + 1

    def failed_specs(self) -> list[str]:
        cur = self.conn.execute("SELECT DISTINCT spec FROM failures WHERE kind = 'error' AND spec IS NOT NULL "
                                "ORDER BY spec")
        return [str(r[0]) for r in cur]

    # -- writes -------------------------------------------------------------------------------------
    def add_document(self, seq: int, facts: rows.FactRows, info: StoredDoc) -> None:
        d = facts.doc
        c = self.conn
        c.execute(
            "INSERT INTO documents (seq, id, ext_id, locator, spec, source, outlet, url, title, published, lang, "
            "text, n_chars, norm_hash, story_id, dup_of, dup_kind, dup_score, extra) "
            f"VALUES ({_placeholders(19)})",
            (seq, info.key, d.id, info.locator, info.spec, d.source, info.outlet, d.url, d.title,
             d.published.isoformat() if d.published else None, d.lang, d.text, len(d.text), info.norm_hash,
             info.story_id, info.dup_of, info.dup_kind, info.dup_score,
             json.dumps(d.extra, ensure_ascii=False, sort_keys=True, default=str) if d.extra else None))
        c.execute("INSERT INTO analyses (doc_id, pipeline, facts, n_errors) VALUES (?, ?, ?, ?)",
                  (info.key, info.pipeline, facts.facts, facts.n_errors))
        c.execute("INSERT INTO fingerprints (seq, signature) VALUES (?, ?)", (seq, info.signature))
        c.execute("INSERT INTO docs_fts (rowid, title, body) VALUES (?, ?, ?)", (seq, info.fts_title, info.fts_body))
        for table, values in facts.tables.items():
            if values:
                c.executemany(f"INSERT INTO {table} VALUES ({_placeholders(_INSERTS[table])})", values)
        c.executemany("INSERT INTO entities (key, type, kb_id, name_en, cameo, label, n_mentions, n_docs) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT(key) DO UPDATE SET "
                      "n_mentions = n_mentions + excluded.n_mentions, n_docs = n_docs + 1, "
                      "name_en = coalesce(name_en, excluded.name_en), cameo = coalesce(cameo, excluded.cameo)",
                      facts.entities)
        c.execute("DELETE FROM failures WHERE locator = ?", (info.locator,))

    def add_analysis(self, seq: int, analysis: Analysis, info: StoredDoc) -> None:
        """`add_document` from an Analysis object (its rows computed here)."""
        self.add_document(seq, rows.fact_rows(info.key, analysis), info)

    def record_failure(self, locator: str, spec: str | None, ext_id: str | None, kind: str, reason: str,
                       key: str | None = None) -> None:
        """Store (or update) why an input was not stored; `attempts` counts the tries."""
        self.conn.execute(
            "INSERT INTO failures (locator, spec, ext_id, key, kind, reason, attempts) VALUES (?, ?, ?, ?, ?, ?, 1) "
            "ON CONFLICT(locator) DO UPDATE SET reason = excluded.reason, kind = excluded.kind, "
            "spec = excluded.spec, key = excluded.key, ext_id = excluded.ext_id, attempts = attempts + 1",
            (locator, spec, ext_id, key, kind, reason))

    def clear_failure(self, locator: str) -> None:
        self.conn.execute("DELETE FROM failures WHERE locator = ?", (locator,))

    # -- run log ------------------------------------------------------------------------------------
    def start_run(self, argv: list[str]) -> int:
        cur = self.conn.execute("INSERT INTO runs (started, status, argv) VALUES (?, 'running', ?)",
                                (_now(), json.dumps(argv, ensure_ascii=False)))
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, status: str, counts: dict[str, Any]) -> None:
        self.conn.execute("UPDATE runs SET finished = ?, status = ?, counts = ? WHERE id = ?",
                          (_now(), status, json.dumps(counts, ensure_ascii=False, sort_keys=True), run_id))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")

