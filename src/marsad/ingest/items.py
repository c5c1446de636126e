"""Units of ingest work and their identity.

An `Item` is one article on its way into the store: a ready `Document` (text, JSON Lines), a raw HTML
page still to be extracted (a file, a fetched feed link, a WARC record), or a failure found before any
content could be read (a feed that timed out). Every item knows where it came from (`locator`, stable
across runs) and, when its content is known, its `key`: a hash of the content plus the URL. The key is
the document's id in the store, so re-running an ingest never stores an article twice.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from marsad.model import Document

KEY_BYTES = 16


def content_key(content: str | bytes, url: str | None, source: str | None = None) -> str:
    """The store id of a document: hash of its content and its URL (its source when it has no URL)."""
    h = hashlib.blake2b(digest_size=KEY_BYTES, person=b"marsad-doc")
    h.update((f"url:{url}" if url else f"source:{source or ''}").encode("utf-8"))
    h.update(b"\0")
    h.update(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def outlet_of(source: str | None, url: str | None) -> str | None:
    """Who published it, for NumSources: the declared source, else the URL's host without www."""
    if source:
        return source
    if url:
        host = urlsplit(url).hostname or ""
        return host[4:] if host.startswith("www.") else host or None
    return None


@dataclass(slots=True)
class Item:
    locator: str  # where it came from: "/abs/path.jsonl:12", "https://…", "/abs/crawl.warc.gz@1234"
    spec: str  # the SOURCE argument it was found through (what --retry-failed reads again)
    doc: Document | None = None  # ready to analyse
    html: bytes | None = None  # raw page, extracted in a worker
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: date | None = None
    ext_id: str | None = None  # the input's own id, kept for people
    error: str | None = None  # failed before any content could be read
    meta: dict[str, Any] = field(default_factory=dict)
    key: str | None = None  # set by `compute_key` (the parent does it once, before the item travels)

    def compute_key(self) -> str | None:
        """The content key when the content is known (None for failures)."""
        if self.key is None:
            if self.doc is not None and not self.doc.error:
                self.key = content_key(self.doc.text, self.doc.url, self.doc.source)
            elif self.doc is None and self.html is not None:
                self.key = content_key(self.html, self.url, self.source)
        return self.key

    def lightened(self) -> Item:
        """The item without its content (what travels back from a worker with the analysis)."""
        self.doc = None
        self.html = None
        return self

    @property
    def failure(self) -> str | None:
        if self.error:
            return self.error
        if self.doc is not None and self.doc.error:
            return self.doc.error
        return None

    @property
    def needs_work(self) -> bool:
        return self.failure is None


def doc_item(doc: Document, locator: str, spec: str) -> Item:
    return Item(locator, spec, doc=doc, url=doc.url, source=doc.source, title=doc.title, published=doc.published,
                ext_id=doc.id)


def failed_item(locator: str, spec: str, reason: str, *, url: str | None = None) -> Item:
    return Item(locator, spec, url=url, error=reason)
