"""The store: Arabic-normalised full-text search (hamza, diacritics, clitics), ranked and highlighted
hits, filters, statistics, schema versions, and readers that never block the writer."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from marsad.cli import main
from marsad.errors import StoreError
from marsad.store import sqlite as store_sqlite
from marsad.store.fts import index_text, parse_query
from marsad.store.queries import Filters, search, stats
from marsad.store.sqlite import migrate, open_reader, open_writer, schema_version
from marsad.store.writer import StoreWriter

from .corpus_helpers import ARTICLES, ingest, record, reprint, write_jsonl


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("store")
    recs = [record(key, text, source="wire", published=f"2023-0{1 + i % 9}-15") for i, (key, text) in
            enumerate(ARTICLES.items())]
    recs.append(record("summit-reprint", reprint(ARTICLES["summit"]), source="paper", published="2023-01-16"))
    recs.append(record("vocalised", "وَأَعْلَنَ الرَّئِيسُ الرُّوسِيُّ لبوتين في تصريح مقتضب أنّ المحادثات ستستأنف "
                       "في أستانا الأسبوع المقبل بحضور وفود من عدة دول.", source="agency", published="2021-05-01"))
    path = tmp / "s.db"
    ingest(path, [str(write_jsonl(tmp / "c.jsonl", recs))])
    return path


def hits(db: Path, query: str, **kw: object) -> list[str]:
    conn = open_reader(db)
    try:
        return [h.ext_id or "" for h in search(conn, query, **kw)]  # type: ignore[arg-type]
    finally:
        conn.close()


def test_index_forms_fold_hamza_diacritics_and_articles() -> None:
    assert index_text("وبالرِّياض أعلنت") == index_text("الرياض اعلنت") == "رياض اعلنت"
    assert parse_query('بوتين "وزير الخارجية" -النفط').match_expression().startswith('("بوتين" OR "وبوتين"')


def test_search_is_normalised_and_collapses_reprints(db: Path) -> None:
    assert hits(db, "بوتين كازاخستان") == ["summit"]
    assert hits(db, "بوتين كازاخستان", collapse=False) == ["summit", "summit-reprint"]
    assert hits(db, "اعلن الرئيس") == ["vocalised"]  # أَعْلَنَ الرَّئِيسُ
    assert "vocalised" in hits(db, "بوتين")  # لبوتين: a proclitic before the name
    assert hits(db, "زلزال -مراكش") == []
    assert parse_query("مال").match_expression() == '("مال" OR "ومال" OR "فمال")'  # not "كمال"


def test_filters(db: Path) -> None:
    assert "vocalised" not in hits(db, "بوتين", filters=Filters(since=date(2022, 1, 1)))
    assert hits(db, "بوتين", filters=Filters(source="agency")) == ["vocalised"]


def test_highlights_point_at_the_original_words(db: Path) -> None:
    conn = open_reader(db)
    try:
        (hit,) = search(conn, "اعلن الرئيس")
    finally:
        conn.close()
    marked = [hit.snippet[s:e] for s, e in hit.snippet_spans]
    assert marked == ["وَأَعْلَنَ", "الرَّئِيسُ"]


def test_search_cli(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "بوتين كازاخستان", "--db", str(db), "--since", "2022-01-01"]) == 0
    out = capsys.readouterr().out
    assert "بوتين يستقبل رئيس كازاخستان" in out and "story of 2 articles" in out
    assert main(["search", "بوتين", "--db", str(db), "--json", "--limit", "1"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["rank"] == 1
    assert main(["search", "كلمةغيرموجودة", "--db", str(db)]) == 1


def test_stats(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conn = open_reader(db)
    try:
        figures = stats(conn)
    finally:
        conn.close()
    assert figures["documents"] == 8 and figures["stories"] == 7 and figures["exact_duplicate_groups"] == 1
    assert figures["published_from"] == "2021-05-01"
    assert main(["stats", "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["multi_article_stories"] == 1


def test_readers_never_block_the_writer(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    writer = StoreWriter(path)
    writer.begin()
    writer.record_failure("x", None, None, "error", "first")
    writer.commit()
    reader = open_reader(path)
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM failures").fetchone()[0] == 1  # a read transaction stays open
    writer.conn.execute("PRAGMA busy_timeout = 0")
    writer.begin()
    writer.record_failure("y", None, None, "error", "second")
    writer.commit()  # no waiting for the reader
    assert reader.execute("SELECT count(*) FROM failures").fetchone()[0] == 1  # its snapshot is stable
    reader.execute("COMMIT")
    assert reader.execute("SELECT count(*) FROM failures").fetchone()[0] == 2
    reader.close()
    writer.close()


def test_schema_versions_and_migrations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(StoreError, match="no such store"):
        open_reader(tmp_path / "absent.db")
    path = tmp_path / "v.db"
    conn = open_writer(path)
    assert schema_version(conn) == store_sqlite.SCHEMA_VERSION
    assert migrate(conn) == store_sqlite.SCHEMA_VERSION  # nothing to do the second time
    extra = [*store_sqlite.MIGRATIONS, lambda c: c.execute("ALTER TABLE documents ADD COLUMN note TEXT")]
    assert migrate(conn, extra) == store_sqlite.SCHEMA_VERSION + 1
    conn.close()
    with pytest.raises(StoreError, match="newer than this marsad"):
        open_reader(path)
    with pytest.raises(StoreError, match="newer than this marsad"):
        open_writer(path)
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="not a marsad store"):
        open_reader(plain)
