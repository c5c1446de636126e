"""Read-side queries over the store: ranked full-text search with highlighted evidence, corpus
statistics, and streaming row iteration for the exports. All of them run on a read-only connection
(`sqlite.open_reader`), so they never block an ingest that is writing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from marsad.errors import InputError
from marsad.store.fts import Query, hit_spans, parse_query, snippet

Row = dict[str, Any]


def iter_rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] = (), size: int = 500) -> Iterator[Row]:
    """Rows as dicts, fetched in blocks: memory stays flat however many rows the query returns."""
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    while True:
        block = cur.fetchmany(size)
        if not block:
            return
        for r in block:
            yield dict(zip(names, r, strict=True))


@dataclass(frozen=True, slots=True)
class Filters:
    since: date | None = None
    until: date | None = None
    source: str | None = None

    def sql(self, alias: str = "d") -> tuple[str, tuple[Any, ...]]:
        """A WHERE fragment (starting with AND, or empty) and its parameters."""
        parts: list[str] = []
        params: list[Any] = []
        if self.since:
            parts.append(f"{alias}.published >= ?")
            params.append(self.since.isoformat())
        if self.until:
            parts.append(f"{alias}.published <= ?")
            params.append(self.until.isoformat())
        if self.source:
            parts.append(f"({alias}.outlet = ? OR {alias}.source = ?)")
            params += [self.source, self.source]
        return "".join(" AND " + p for p in parts), tuple(params)


NO_FILTERS = Filters()


@dataclass(frozen=True, slots=True)
class Hit:
    rank: int
    score: float
    doc_id: str
    ext_id: str | None
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    story_id: str
    story_size: int
    title_spans: list[tuple[int, int]]
    snippet: str
    snippet_spans: list[tuple[int, int]]

    def to_json(self) -> Row:
        return {"rank": self.rank, "score": round(self.score, 4), "id": self.doc_id, "ext_id": self.ext_id,
                "title": self.title, "source": self.source, "url": self.url, "published": self.published,
                "story_id": self.story_id, "story_size": self.story_size, "snippet": self.snippet,
                "snippet_spans": [list(s) for s in self.snippet_spans],
                "title_spans": [list(s) for s in self.title_spans]}


_SEARCH = (
    "SELECT d.seq, d.id, d.ext_id, d.title, d.source, d.url, d.published, d.story_id, "
    "coalesce(s.num_articles, 1) AS story_size, bm25(docs_fts, 3.0, 1.0) AS score "
    "FROM docs_fts JOIN documents d ON d.seq = docs_fts.rowid LEFT JOIN stories s ON s.id = d.story_id "
    "WHERE docs_fts MATCH ?{filters} ORDER BY score, d.seq LIMIT ?")


def search(conn: sqlite3.Connection, text: str, filters: Filters = NO_FILTERS, limit: int = 10,
           collapse: bool = True, width: int = 240) -> list[Hit]:
    """Best hits first (BM25, title weighted); with `collapse`, one hit per story (its best article)."""
    query = parse_query(text)
    if not query.positive:
        raise InputError(f"nothing to search for in {text!r} (give at least one word that is not excluded)")
    where, params = filters.sql()
    fetch = limit * 5 if collapse else limit
    cur = conn.execute(_SEARCH.format(filters=where), (query.match_expression(), *params, fetch))
    rows = cur.fetchall()
    hits: list[Hit] = []
    seen: set[str] = set()
    for seq, doc_id, ext_id, title, source, url, published, story_id, size, score in rows:
        if collapse and story_id in seen:
            continue
        seen.add(story_id)
        hits.append(_hit(conn, query, len(hits) + 1, seq, score, (doc_id, ext_id, title, source, url, published,
                                                                  story_id, size), width))
        if len(hits) >= limit:
            break
    return hits


def _hit(conn: sqlite3.Connection, query: Query, rank: int, seq: int, score: float, fields: tuple[Any, ...],
         width: int) -> Hit:
    doc_id, ext_id, title, source, url, published, story_id, size = fields
    text = str(conn.execute("SELECT text FROM documents WHERE seq = ?", (seq,)).fetchone()[0])
    forms = query.highlight_forms()
    snip, spans = snippet(text, hit_spans(text, forms), width)
    title_spans = hit_spans(title, forms) if title else []
    return Hit(rank, float(score), doc_id, ext_id, title, source, url, published, story_id, int(size),
               title_spans, snip, spans)


def _scalar(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> Any:
    return conn.execute(sql, params).fetchone()[0]


def stats(conn: sqlite3.Connection, top: int = 10) -> Row:
    """Corpus figures: documents, duplicates and stories, facts, events, failures."""
    q = _scalar
    docs = q(conn, "SELECT count(*) FROM documents")
    out: Row = {
        "documents": docs, "characters": q(conn, "SELECT coalesce(sum(n_chars), 0) FROM documents"),
        "published_from": q(conn, "SELECT min(published) FROM documents"),
        "published_to": q(conn, "SELECT max(published) FROM documents"),
        "undated": q(conn, "SELECT count(*) FROM documents WHERE published IS NULL"),
        "outlets": q(conn, "SELECT count(DISTINCT outlet) FROM documents"),
        "top_outlets": conn.execute("SELECT outlet, count(*) n FROM documents GROUP BY outlet ORDER BY n DESC, "
                                    "outlet LIMIT ?", (top,)).fetchall(),
        "analyses_with_errors": q(conn, "SELECT count(*) FROM analyses WHERE n_errors > 0"),
    }
    out |= _dedup_stats(conn)
    out |= {kind: q(conn, f"SELECT count(*) FROM {kind}")
            for kind in ("mentions", "entities", "quotes", "amounts", "dates", "places", "event_mentions", "events")}
    out["events_by_quad_class"] = conn.execute(
        "SELECT quad_class, count(*), sum(num_articles) FROM events GROUP BY quad_class ORDER BY quad_class").fetchall()
    out["top_event_codes"] = conn.execute(
        "SELECT cameo, count(*) n FROM events GROUP BY cameo ORDER BY n DESC, cameo LIMIT ?", (top,)).fetchall()
    out["top_entities"] = conn.execute(
        "SELECT coalesce(name_en, label), type, n_docs FROM entities ORDER BY n_docs DESC, key LIMIT ?",
        (top,)).fetchall()
    out["failures"] = conn.execute("SELECT kind, count(*) FROM failures GROUP BY kind ORDER BY kind").fetchall()
    out["top_failure_reasons"] = conn.execute(
        "SELECT kind, reason, count(*) n FROM failures GROUP BY kind, reason ORDER BY n DESC, reason LIMIT ?",
        (top,)).fetchall()
    out["last_run"] = conn.execute("SELECT started, finished, status, counts FROM runs ORDER BY id DESC LIMIT 1"
                                   ).fetchone()
    return out


def _dedup_stats(conn: sqlite3.Connection) -> Row:
    q = _scalar
    groups = conn.execute("SELECT count(*), coalesce(sum(n), 0) FROM (SELECT count(*) n FROM documents "
                          "GROUP BY norm_hash HAVING n > 1)").fetchone()
    return {
        "stories": q(conn, "SELECT count(*) FROM stories"),
        "multi_article_stories": q(conn, "SELECT count(*) FROM stories WHERE num_articles > 1"),
        "articles_in_multi_article_stories": q(conn, "SELECT coalesce(sum(num_articles), 0) FROM stories "
                                                     "WHERE num_articles > 1"),
        "largest_story": conn.execute("SELECT num_articles, num_sources, title FROM stories "
                                      "ORDER BY num_articles DESC, id LIMIT 1").fetchone(),
        "exact_duplicate_groups": groups[0], "articles_in_exact_groups": groups[1],
        "exact_duplicates": q(conn, "SELECT count(*) FROM documents WHERE dup_kind = 'exact'"),
        "near_duplicates": q(conn, "SELECT count(*) FROM documents WHERE dup_kind = 'near'"),
    }
