"""What a worker process does with one item: extract (HTML), check language and size, analyse, and
fingerprint (duplicate hash, MinHash signature, search text). Everything CPU-heavy happens here, so
the single writer only inserts rows.
"""

from __future__ import annotations

import signal
from dataclasses import dataclass

from marsad.corpus.dedup import norm_hash, signature, signature_bytes
from marsad.ingest.html import document_from_html
from marsad.ingest.items import Item
from marsad.ingest.lang import not_arabic_reason
from marsad.model import Document
from marsad.pipeline import Pipeline
from marsad.store.fts import index_text
from marsad.store.rows import FactRows, fact_rows

MAX_CHARS = 1_000_000  # a news article is rarely over 100k characters; 1M is a page gone wrong
HTML_BYTES_PER_CHAR = 8  # raw HTML may carry this many bytes of markup per character of text


@dataclass(slots=True)
class Outcome:
    """The result of one item: stored (with its analysis and fingerprints), failed or skipped."""

    item: Item
    status: str  # "stored" | "failed" | "skipped"
    reason: str | None = None
    facts: FactRows | None = None  # the analysis as store rows (cheap to send between processes)
    norm_hash: str = ""
    signature: bytes = b""
    fts_title: str = ""
    fts_body: str = ""


@dataclass(frozen=True, slots=True)
class WorkConfig:
    stages: tuple[str, ...]
    max_chars: int = MAX_CHARS


class Worker:
    """Holds the pipeline (built once per process) and turns items into outcomes."""

    def __init__(self, config: WorkConfig) -> None:
        self.config = config
        self.pipeline = Pipeline.build(list(config.stages))
        self.pipeline_name = ",".join(self.pipeline.names)

    def __call__(self, item: Item) -> Outcome:
        try:
            outcome = self._process(item)
        except Exception as exc:  # one bad item must never stop the run: record it and go on
            outcome = Outcome(item, "failed", f"internal error: {type(exc).__name__}: {exc}")
        item.lightened()
        return outcome

    def _process(self, item: Item) -> Outcome:
        limit = self.config.max_chars
        if item.html is not None and len(item.html) > limit * HTML_BYTES_PER_CHAR:
            return Outcome(item, "failed", f"page too large: {len(item.html):,} bytes of HTML "
                                           f"(limit {limit * HTML_BYTES_PER_CHAR:,}; see --max-chars)")
        doc = self._document(item)
        if doc.error:
            return Outcome(item, "failed", doc.error)
        if len(doc.text) > limit:
            return Outcome(item, "failed", f"document too large: {len(doc.text):,} characters "
                                           f"(limit {limit:,}; raise it with --max-chars)")
        reason = not_arabic_reason(doc.text, doc.lang if doc.lang != "ar" else None)
        if reason:
            return Outcome(item, "skipped", reason)
        doc.lang = "ar"
        analysis = self.pipeline.analyze(doc)
        assert item.key is not None, "the parent computes the key before the item travels"
        return Outcome(item, "stored", facts=fact_rows(item.key, analysis), norm_hash=norm_hash(doc.text),
                       signature=signature_bytes(signature(doc.text)), fts_title=index_text(doc.title),
                       fts_body=index_text(doc.text))

    def _document(self, item: Item) -> Document:
        if item.doc is not None:
            return item.doc
        assert item.html is not None, "an item to process has a document or a page"
        doc_id = item.ext_id or item.url or item.locator
        doc = document_from_html(item.html, doc_id, url=item.url, published=item.published, source=item.source)
        if doc.error:
            return doc
        doc.title = doc.title or item.title
        if doc.published is None and item.meta.get("fallback_date") is not None:
            doc.published = item.meta["fallback_date"]
        doc.extra.update({k: v for k, v in item.meta.items() if k != "fallback_date"})
        return doc


_WORKER: Worker | None = None


def init_worker(config: WorkConfig) -> None:
    """Pool initializer: build the pipeline once in each worker process."""
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C: it commits and stops the pool
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler (inherited through fork)
    _WORKER = Worker(config)


def process_in_worker(item: Item) -> Outcome:
    assert _WORKER is not None, "worker process started without init_worker"
    return _WORKER(item)
