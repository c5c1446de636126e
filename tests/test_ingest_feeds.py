"""RSS/Atom feeds served by a local HTTP server: pages fetched politely (robots.txt honoured), an empty
feed and a feed that times out recorded with their reason, nothing else lost, nothing fetched twice."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from marsad.ingest.context import SourceContext
from marsad.ingest.fetch import Fetcher

from .corpus_helpers import ARTICLES, ingest


def page(key: str) -> bytes:
    title, body = ARTICLES[key].split("\n", 1)
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            + "".join(f"<p>{s}.</p>" for s in body.split(".") if s.strip())
            + "</article></body></html>").encode()


def rss(base: str, links: list[str]) -> bytes:
    items = "".join(f"<item><title>خبر {i}</title><link>{base}{link}</link>"
                    f"<pubDate>Tue, 12 Sep 2023 08:00:00 GMT</pubDate></item>" for i, link in enumerate(links))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>وكالة الاختبار</title>'
            f"<link>{base}/</link>{items}</channel></rss>").encode()


class Handler(BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012  (shared request log of the test server)

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_GET(self) -> None:
        Handler.hits.append(self.path)
        base = f"http://{self.headers['Host']}"
        routes = {
            "/robots.txt": (b"User-agent: *\nDisallow: /private/\n", "text/plain"),
            "/feed.xml": (rss(base, ["/news/summit.html", "/news/flood.html", "/private/oil.html", "/news/gone.html"]),
                          "application/rss+xml"),
            "/empty.xml": (rss(base, []), "application/rss+xml"),
            "/news/summit.html": (page("summit"), "text/html; charset=utf-8"),
            "/news/flood.html": (page("flood"), "text/html; charset=utf-8"),
            "/private/oil.html": (page("oil"), "text/html; charset=utf-8"),
        }
        if self.path == "/slow.xml":
            time.sleep(3)
        if self.path not in routes:
            self.send_error(404)
            return
        body, ctype = routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.hits = []
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def ctx() -> SourceContext:
    return SourceContext(fetcher=Fetcher(timeout=0.5, host_delay=0.0))


def test_feed_pages_fetched_politely_and_failures_recorded(server: str, tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    summary = ingest(db, [f"{server}/feed.xml", f"{server}/empty.xml", f"{server}/slow.xml"], ctx=ctx())
    assert summary.stored == 2
    conn = sqlite3.connect(db)
    docs = conn.execute("SELECT url, title, published, outlet FROM documents ORDER BY seq").fetchall()
    fails = dict(conn.execute("SELECT locator, reason FROM failures").fetchall())
    conn.close()
    assert [d[0] for d in docs] == [f"{server}/news/summit.html", f"{server}/news/flood.html"]
    assert docs[0][2] == "2023-09-12" and docs[0][3].startswith("127.0.0.1")
    assert "robots.txt" in fails[f"{server}/private/oil.html"]
    assert "HTTP 404" in fails[f"{server}/news/gone.html"]
    assert fails[f"{server}/empty.xml"] == "feed has no entries"
    assert "timed out" in fails[f"{server}/slow.xml"]
    assert "/private/oil.html" not in Handler.hits  # robots.txt is honoured before any request
    ua_checked = Handler.hits.count("/robots.txt")
    assert ua_checked == 1


def test_second_poll_fetches_no_page_again(server: str, tmp_path: Path) -> None:
    db = tmp_path / "f.db"
    ingest(db, [f"{server}/feed.xml"], ctx=ctx())
    Handler.hits = []
    again = ingest(db, [f"{server}/feed.xml"], ctx=ctx())
    assert again.stored == 0 and again.notes == {"already stored": 2, "known failure": 2}
    assert [h for h in Handler.hits if h.startswith("/news/")] == []


def test_feed_file(server: str, tmp_path: Path) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_bytes(rss(server, ["/news/flood.html"]))
    summary = ingest(tmp_path / "f.db", [str(feed)], ctx=ctx())
    assert summary.stored == 1
