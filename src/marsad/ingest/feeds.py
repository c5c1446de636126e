"""RSS and Atom feeds (feedparser), from a URL or a file: each entry's linked page is fetched politely
(see `fetch.Fetcher`) and extracted like any HTML article. A link already in the store is not fetched
again; a page that cannot be fetched is recorded as a failure under its URL, and the run goes on.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import feedparser

from marsad.ingest.context import SourceContext
from marsad.ingest.fetch import FetchError, Page
from marsad.ingest.items import Item, failed_item

_FEED_TYPES = ("rss", "atom", "xml")


def looks_like_feed(page: Page) -> bool:
    ctype = page.content_type.lower()
    if any(t in ctype for t in _FEED_TYPES):
        return True
    head = page.body[:512].lstrip().lower()
    return head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf"))


def url_items(url: str, spec: str, ctx: SourceContext) -> Iterator[Item]:
    """A URL given as SOURCE: a feed (its entries' pages) or a single article page."""
    try:
        page = ctx.fetcher.get(url)
    except FetchError as exc:
        yield failed_item(url, spec, str(exc), url=url)
        return
    if looks_like_feed(page):
        yield from feed_items(page.body, url, spec, ctx)
        return
    known = ctx.known_url(url)
    if known:
        ctx.note(known)
        return
    yield _page_item(page, url, spec, title=None, published=None, feed=None)


def feed_file_items(path: Path, spec: str, ctx: SourceContext) -> Iterator[Item]:
    locator = str(path.resolve())
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield failed_item(locator, spec, f"cannot read {path}: {exc.strerror}")
        return
    yield from feed_items(data, locator, spec, ctx)


def feed_items(data: bytes, locator: str, spec: str, ctx: SourceContext) -> Iterator[Item]:
    """The articles of one feed document, in feed order."""
    parsed: Any = feedparser.parse(data)
    entries = list(parsed.get("entries") or [])
    if not entries:
        if parsed.get("bozo") and not parsed.get("version"):
            problem = parsed.get("bozo_exception")
            yield failed_item(locator, spec, f"not a readable RSS/Atom feed: {problem}")
        else:
            yield failed_item(locator, spec, "feed has no entries")
        return
    ctx.cleared(locator)
    feed_title = str(parsed.get("feed", {}).get("title") or "") or None
    for i, entry in enumerate(entries):
        yield from _entry_items(entry, i, locator, spec, ctx, feed_title)


def _entry_items(entry: Any, index: int, feed_locator: str, spec: str, ctx: SourceContext,
                 feed_title: str | None) -> Iterator[Item]:
    link = str(entry.get("link") or "").strip() or None
    title = str(entry.get("title") or "").strip() or None
    published = _entry_date(entry)
    if link is None:
        content = _entry_content(entry)
        if content is None:
            ctx.note("feed entry without link or content")
            return
        locator = f"{feed_locator}#{entry.get('id') or index}"
        yield Item(locator, spec, html=content.encode("utf-8"), title=title, published=published,
                   meta={"feed": feed_title} if feed_title else {})
        return
    known = ctx.known_url(link)
    if known:
        ctx.note(known)
        return
    try:
        page = ctx.fetcher.get(link)
    except FetchError as exc:
        yield failed_item(link, spec, str(exc), url=link)
        return
    yield _page_item(page, link, spec, title=title, published=published, feed=feed_title)


def _page_item(page: Page, url: str, spec: str, *, title: str | None, published: date | None,
               feed: str | None) -> Item:
    ctype = page.content_type.split(";")[0].strip().lower()
    if ctype and "html" not in ctype and "xml" not in ctype and not ctype.startswith("text/"):
        return failed_item(url, spec, f"{url}: not an HTML page ({ctype})", url=url)
    meta: dict[str, Any] = {"feed": feed} if feed else {}
    if page.final_url != url:
        meta["final_url"] = page.final_url
    return Item(url, spec, html=page.body, url=url, title=title, published=published, meta=meta)


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), tz=UTC).date()
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def _entry_content(entry: Any) -> str | None:
    for block in entry.get("content") or []:
        value = block.get("value") if isinstance(block, dict) else None
        if value and value.strip():
            return str(value)
    summary = entry.get("summary")
    return str(summary) if summary and str(summary).strip() else None
