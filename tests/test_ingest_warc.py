"""WARC archives (as Common Crawl's news crawl writes them): HTML responses become articles, the rest
is passed over, and a truncated archive keeps what was read before the damage."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .corpus_helpers import ARTICLES, ENGLISH, ingest


def html(text: str) -> bytes:
    title, body = text.split("\n", 1)
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            + "".join(f"<p>{s}.</p>" for s in body.split(".") if s.strip()) + "</article></body></html>").encode()


def warc_bytes() -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    pages = [("https://news.example/summit", "200 OK", "text/html; charset=utf-8", html(ARTICLES["summit"])),
             ("https://news.example/missing", "404 Not Found", "text/html", b"<html>not found</html>"),
             ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
             ("https://news.example/en", "200 OK", "text/html", f"<html><body><p>{ENGLISH}</p></body></html>".encode()),
             ("https://news.example/quake", "200 OK", "text/html; charset=utf-8", html(ARTICLES["quake"]))]
    for url, status, ctype, body in pages:
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                           warc_headers_dict={"WARC-Date": "2023-09-09T10:00:00Z"})
        writer.write_record(record)
    return buf.getvalue()


def test_warc_responses_become_articles(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc_bytes())
    db = tmp_path / "w.db"
    summary = ingest(db, [str(path)])
    assert (summary.stored, summary.skipped, summary.failed) == (2, 1, 0)
    assert summary.notes == {"WARC response HTTP 404": 1, "WARC record not HTML": 1}
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT url, published, outlet FROM documents ORDER BY seq").fetchall()
    conn.close()
    assert rows == [("https://news.example/summit", "2023-09-09", "news.example"),
                    ("https://news.example/quake", "2023-09-09", "news.example")]


def test_truncated_warc_keeps_what_was_read(tmp_path: Path) -> None:
    data = warc_bytes()
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: int(len(data) * 0.8)])
    db = tmp_path / "w.db"
    summary = ingest(db, [str(path)])
    assert summary.stored == 1 and summary.failed == 1
    conn = sqlite3.connect(db)
    (reason,) = conn.execute("SELECT reason FROM failures WHERE kind = 'error'").fetchone()
    conn.close()
    assert "WARC unreadable after" in reason
