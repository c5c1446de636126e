"""The corpus store: one SQLite file (WAL), its schema and the migrations that build it.

The schema version is SQLite's `user_version`; `MIGRATIONS[i]` takes a store from version i to i + 1
inside one transaction, so a store is always at a whole version. A writer migrates an older store on
open; a reader refuses a store it does not understand (older or newer) with a message that says what
to do. WAL mode lets any number of readers (search, stats, export) run while the writer ingests.

Tables (every id is derived from content, so the same input gives the same rows):
  documents       one row per stored article; `seq` is the arrival order, `id` the content+URL key
  analyses        the Analysis facts of each document (zlib-compressed marsad/1 JSON without the text)
  entities        one row per distinct entity (KB id, or type + normalised name), with counts
  mentions        every entity occurrence (offsets into documents.text)
  quotes, amounts, dates, places, event_mentions: the facts of each document, one row per fact
  events          event records merged over the articles of a story (NumArticles/NumSources done right)
  stories         groups of exact and near duplicates
  fingerprints    MinHash signatures (the near-duplicate index is rebuilt from them on open)
  failures        inputs that could not be read or were skipped, with their reason
  runs            a log of ingest runs (the only table that depends on the clock)
  docs_fts        FTS5 index over the Arabic-normalised title and body
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from marsad.errors import StoreError

_FACT_SPAN = "doc_id TEXT NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT"
_ACTOR = "{p}_text TEXT, {p}_kb_id TEXT, {p}_name_en TEXT, {p}_cameo TEXT"
_EVENT_FIELDS = (
    "cameo TEXT NOT NULL, plover TEXT, quad_class INTEGER, goldstein REAL, "
    + _ACTOR.format(p="actor1") + ", " + _ACTOR.format(p="actor2") + ", "
    "place_text TEXT, place_name_en TEXT, place_country TEXT, place_lat REAL, place_lon REAL, "
    "place_geonames_id INTEGER, date TEXT, negated INTEGER NOT NULL, modality TEXT, is_root INTEGER NOT NULL"
)

_V1 = f"""
CREATE TABLE documents (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, ext_id TEXT, locator TEXT NOT NULL, spec TEXT,
  source TEXT, outlet TEXT, url TEXT, title TEXT, published TEXT, lang TEXT NOT NULL, text TEXT NOT NULL,
  n_chars INTEGER NOT NULL, norm_hash TEXT NOT NULL, story_id TEXT NOT NULL, dup_of TEXT, dup_kind TEXT,
  dup_score REAL, extra TEXT);
CREATE INDEX documents_url ON documents(url);
CREATE INDEX documents_locator ON documents(locator);
CREATE INDEX documents_norm_hash ON documents(norm_hash);
CREATE INDEX documents_story ON documents(story_id);
CREATE INDEX documents_published ON documents(published);
CREATE TABLE analyses (doc_id TEXT PRIMARY KEY, pipeline TEXT NOT NULL, facts BLOB NOT NULL,
  n_errors INTEGER NOT NULL);
CREATE TABLE entities (key TEXT PRIMARY KEY, type TEXT NOT NULL, kb_id TEXT, name_en TEXT, cameo TEXT,
  label TEXT NOT NULL, n_mentions INTEGER NOT NULL, n_docs INTEGER NOT NULL);
CREATE TABLE mentions ({_FACT_SPAN}, type TEXT NOT NULL, entity_key TEXT NOT NULL, kb_id TEXT,
  origin TEXT, rule TEXT, PRIMARY KEY (doc_id, idx));
CREATE INDEX mentions_entity ON mentions(entity_key);
CREATE TABLE quotes ({_FACT_SPAN}, kind TEXT, cue_start INTEGER, cue_end INTEGER, cue_text TEXT,
  speaker_start INTEGER, speaker_end INTEGER, speaker_text TEXT, speaker_kb_id TEXT, speaker_name_en TEXT,
  rule TEXT, PRIMARY KEY (doc_id, idx));
CREATE TABLE amounts ({_FACT_SPAN}, value REAL, bound TEXT, unit TEXT, counted_start INTEGER,
  counted_end INTEGER, counted_text TEXT, claimant_text TEXT, claimant_kb_id TEXT, claimant_name_en TEXT,
  rule TEXT, PRIMARY KEY (doc_id, idx));
CREATE TABLE dates ({_FACT_SPAN}, value TEXT, granularity TEXT, rule TEXT, PRIMARY KEY (doc_id, idx));
CREATE TABLE places ({_FACT_SPAN}, name_en TEXT, geonames_id INTEGER, country TEXT, lat REAL, lon REAL,
  kb_id TEXT, rule TEXT, PRIMARY KEY (doc_id, idx));
CREATE TABLE event_mentions (doc_id TEXT NOT NULL, idx INTEGER NOT NULL, merge_key TEXT NOT NULL,
  event_id TEXT, start INTEGER NOT NULL, end INTEGER NOT NULL, trigger_start INTEGER, trigger_end INTEGER,
  trigger_text TEXT, {_EVENT_FIELDS}, rule TEXT, PRIMARY KEY (doc_id, idx));
CREATE INDEX event_mentions_event ON event_mentions(event_id);
CREATE TABLE events (event_id TEXT PRIMARY KEY, story_id TEXT NOT NULL, merge_key TEXT NOT NULL,
  {_EVENT_FIELDS}, num_mentions INTEGER NOT NULL, num_articles INTEGER NOT NULL,
  num_sources INTEGER NOT NULL, first_seen TEXT, last_seen TEXT, first_doc_id TEXT NOT NULL, source_url TEXT,
  sentence TEXT);
CREATE INDEX events_story ON events(story_id);
CREATE INDEX events_first_seen ON events(first_seen);
CREATE TABLE stories (id TEXT PRIMARY KEY, first_doc_id TEXT NOT NULL, title TEXT,
  num_articles INTEGER NOT NULL, num_exact INTEGER NOT NULL, num_near INTEGER NOT NULL,
  num_sources INTEGER NOT NULL, first_seen TEXT, last_seen TEXT);
CREATE TABLE fingerprints (seq INTEGER PRIMARY KEY, signature BLOB NOT NULL);
CREATE TABLE failures (locator TEXT PRIMARY KEY, spec TEXT, ext_id TEXT, key TEXT, kind TEXT NOT NULL,
  reason TEXT NOT NULL, attempts INTEGER NOT NULL);
CREATE TABLE runs (id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT, status TEXT NOT NULL,
  argv TEXT, counts TEXT);
CREATE VIRTUAL TABLE docs_fts USING fts5(title, body, content='', tokenize='unicode61 remove_diacritics 0');
"""

Migration = Callable[[sqlite3.Connection], None]


def _script(sql: str) -> Migration:
    def run(conn: sqlite3.Connection) -> None:
        for statement in sql.split(";\n"):
            if statement.strip():
                conn.execute(statement)

    return run


# MIGRATIONS[i] takes the store from schema version i to i + 1. Append; never edit a released step.
MIGRATIONS: list[Migration] = [_script(_V1)]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, migrations: list[Migration] | None = None) -> int:
    """Apply the pending migrations, each in its own transaction; returns the resulting version."""
    steps = MIGRATIONS if migrations is None else migrations
    version = schema_version(conn)
    if version > len(steps):
        raise StoreError(f"the store is at schema version {version}, newer than this marsad understands "
                         f"({len(steps)}); upgrade marsad")
    for target in range(version + 1, len(steps) + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            steps[target - 1](conn)
            conn.execute(f"PRAGMA user_version = {target}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return schema_version(conn)


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA cache_size = -65536")  # 64 MB page cache


def open_writer(path: str | Path) -> sqlite3.Connection:
    """The single writer's connection (autocommit off by hand: the caller runs BEGIN/COMMIT), migrated."""
    db = Path(path)
    if db.parent and not db.parent.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(db, isolation_level=None, check_same_thread=True)
        _configure(conn)
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{db}: cannot open as a marsad store: {exc}") from None
    if str(mode).lower() != "wal":
        raise StoreError(f"{db}: could not switch to WAL mode (got {mode}); is it on a network file system?")
    conn.execute("PRAGMA synchronous = NORMAL")  # durable at each checkpoint; WAL keeps commits atomic
    migrate(conn)
    return conn


def open_reader(path: str | Path) -> sqlite3.Connection:
    """A read-only connection; it never blocks the writer (WAL) and refuses a store of another version."""
    db = Path(path)
    if not db.exists():
        raise StoreError(f"{db}: no such store; create it with `marsad ingest SOURCE --db {db}`")
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
        _configure(conn)
        version = schema_version(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{db}: not a marsad store: {exc}") from None
    if version == 0:
        raise StoreError(f"{db}: not a marsad store (no schema); create it with `marsad ingest`")
    if version < SCHEMA_VERSION:
        raise StoreError(f"{db}: schema version {version} is older than this marsad's ({SCHEMA_VERSION}); "
                         "run `marsad ingest --db` on it once to migrate")
    if version > SCHEMA_VERSION:
        raise StoreError(f"{db}: schema version {version} is newer than this marsad understands "
                         f"({SCHEMA_VERSION}); upgrade marsad")
    return conn


CONTENT_TABLES = ("documents", "analyses", "entities", "mentions", "quotes", "amounts", "dates", "places",
                  "event_mentions", "events", "stories", "fingerprints", "failures")
