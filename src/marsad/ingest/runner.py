"""The ingest run: sources → admission (skip what the store already holds) → analysis on all cores →
one writer → stories and merged events, committed in batches.

Resumable and idempotent by construction: an item is admitted only if its content key is not stored
(and its locator is not a known failure), results are written in input order by the single writer,
and every derived row (story, merged event) is recomputed from stored rows at each commit. A run
killed at any point and started again therefore ends with the same store as an uninterrupted run.
"""

from __future__ import annotations

import multiprocessing as mp
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from types import FrameType
from typing import Any

from marsad.corpus.dedup import THRESHOLD, WINDOW_DAYS, DedupIndex, signature_from_bytes
from marsad.corpus.stories import StoryBook
from marsad.ingest.context import SourceContext
from marsad.ingest.items import Item, outlet_of
from marsad.ingest.sources import resolve
from marsad.ingest.work import MAX_CHARS, Outcome, WorkConfig, Worker, init_worker, process_in_worker
from marsad.pipeline import DEFAULT_STAGES
from marsad.store.writer import StoredDoc, StoreWriter


@dataclass(frozen=True)
class IngestOptions:
    workers: int = 1
    stages: tuple[str, ...] = DEFAULT_STAGES
    retry_failed: bool = False
    max_chars: int = MAX_CHARS
    commit_every: int = 500  # documents
    commit_seconds: float = 5.0
    threshold: float = THRESHOLD
    window_days: int | None = WINDOW_DAYS
    chunk: int = 16  # items sent to a worker at a time


@dataclass
class Summary:
    stored: int = 0
    failed: int = 0
    skipped: int = 0  # not Arabic
    known: int = 0  # already in the store (or twice in this run)
    known_failures: int = 0  # recorded before and not retried
    exact: int = 0
    near: int = 0
    new_stories: int = 0
    elapsed: float = 0.0
    reasons: Counter[str] = field(default_factory=Counter)
    notes: Counter[str] = field(default_factory=Counter)
    last_failure: str = ""
    interrupted: bool = False

    @property
    def done(self) -> int:
        return self.stored + self.failed + self.skipped

    def as_dict(self) -> dict[str, Any]:
        return {"stored": self.stored, "failed": self.failed, "skipped": self.skipped, "already_stored": self.known,
                "known_failures": self.known_failures, "exact_duplicates": self.exact,
                "near_duplicates": self.near, "new_stories": self.new_stories, "seconds": round(self.elapsed, 2),
                "interrupted": self.interrupted}


Progress = Callable[[Summary], None]


def _reason_class(reason: str) -> str:
    """A failure reason without its specifics (file names, offsets), for the summary table."""
    head = reason.split(": ")
    return head[1] if len(head) > 1 and ("/" in head[0] or head[0].startswith("http")) else head[0]


class Ingester:
    def __init__(self, writer: StoreWriter, options: IngestOptions, progress: Progress | None = None) -> None:
        self.writer = writer
        self.options = options
        self.progress = progress or (lambda s: None)
        self.book = StoryBook(writer.conn, DedupIndex(options.threshold, options.window_days))
        self.summary = Summary()
        self._inflight: set[str] = set()
        self._inflight_locators: set[str] = set()
        self._uncommitted = 0
        self._last_commit = time.monotonic()
        self._stop = False

    # -- the run ------------------------------------------------------------------------------------
    def run(self, specs: list[str], ctx: SourceContext) -> Summary:
        started = time.perf_counter()
        ctx.known_url = self._known_url
        ctx.cleared = self.writer.clear_failure
        self.book.load()
        self._seq = self.writer.next_seq()
        main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGTERM, self._on_term) if main else None
        self.writer.begin()
        try:
            for outcome in self._execute(self._admit(resolve(specs, ctx))):
                self._write_atomically(outcome)
                if self._stop:
                    self.summary.interrupted = True
                    break
                self._maybe_commit()
        except KeyboardInterrupt:
            self.summary.interrupted = True
        except BaseException:
            self.writer.rollback()
            raise
        finally:
            self._commit()
            if main:
                signal.signal(signal.SIGTERM, previous)
            self.summary.notes.update(ctx.notes)
            self.summary.elapsed = time.perf_counter() - started
        return self.summary

    def _known_url(self, url: str) -> str | None:
        state = self.writer.url_state(url)
        return None if state == "known failure" and self.options.retry_failed else state

    def _on_term(self, signum: int, frame: FrameType | None) -> None:
        self._stop = True  # finish the current document, commit, and stop

    def _write_atomically(self, outcome: Outcome) -> None:
        """Write one outcome inside a savepoint: interrupted half-way, it leaves no partial rows."""
        conn = self.writer.conn
        conn.execute("SAVEPOINT item")
        try:
            self._write(outcome)
        except BaseException:
            conn.execute("ROLLBACK TO item")
            conn.execute("RELEASE item")
            raise
        conn.execute("RELEASE item")

    def _admit(self, items: Iterable[Item]) -> Iterator[Item]:
        """Items that need work; failures found while reading are recorded here, in order."""
        retry = self.options.retry_failed
        for item in items:
            known = self.writer.failure_of(item.locator)
            if item.failure is not None:
                if (known is not None and not retry) or item.locator in self._inflight_locators:
                    self.summary.known_failures += 1
                    continue
                self._fail(item, "error", item.failure, None)
                continue
            key = item.compute_key()
            assert key is not None
            if key in self._inflight or self.writer.has_document(key):
                self.summary.known += 1
                continue
            if known is not None and known[1] in (None, key) and (not retry or known[0] == "skipped"):
                self.summary.known_failures += 1
                continue
            self._inflight.add(key)
            self._inflight_locators.add(item.locator)
            yield item

    def _execute(self, items: Iterator[Item]) -> Iterator[Outcome]:
        config = WorkConfig(tuple(self.options.stages), self.options.max_chars)
        if self.options.workers <= 1:
            worker = Worker(config)
            for item in items:
                yield worker(item)
            return
        start = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        pool = start.Pool(self.options.workers, initializer=init_worker, initargs=(config,))
        try:
            pending: deque[Any] = deque()
            depth = 2 * self.options.workers
            while batch := list(islice(items, self.options.chunk)):
                pending.append(pool.map_async(process_in_worker, batch, chunksize=1))
                while len(pending) > depth:
                    yield from pending.popleft().get()
            while pending:
                yield from pending.popleft().get()
        except BaseException:
            pool.terminate()
            raise
        else:
            pool.close()
        finally:
            pool.join()

    # -- writing ------------------------------------------------------------------------------------
    def _write(self, outcome: Outcome) -> None:
        item = outcome.item
        key = item.key
        if outcome.status == "stored":
            self._store(outcome)
        else:
            kind = "skipped" if outcome.status == "skipped" else "error"
            self._fail(item, kind, outcome.reason or "unknown", key)
        if key:
            self._inflight.discard(key)
        self._inflight_locators.discard(item.locator)

    def _store(self, outcome: Outcome) -> None:
        facts = outcome.facts
        item = outcome.item
        assert facts is not None and item.key is not None
        doc = facts.doc
        seq = self._seq
        self._seq += 1
        sig = signature_from_bytes(outcome.signature)
        given = self.book.assign(item.key, outcome.norm_hash, sig, doc.published)
        info = StoredDoc(item.key, item.locator, item.spec, outlet_of(doc.source, doc.url), outcome.norm_hash,
                         outcome.signature, outcome.fts_title, outcome.fts_body,
                         ",".join(self.options.stages), given.story_id, given.dup_of, given.dup_kind,
                         given.dup_score)
        self.writer.add_document(seq, facts, info)
        self.book.remember(seq, outcome.norm_hash, sig, doc.published)
        s = self.summary
        s.stored += 1
        if given.dup_kind == "exact":
            s.exact += 1
        elif given.dup_kind == "near":
            s.near += 1
        else:
            s.new_stories += 1
        self._uncommitted += 1
        self.progress(s)

    def _fail(self, item: Item, kind: str, reason: str, key: str | None) -> None:
        self.writer.record_failure(item.locator, item.spec, item.ext_id, kind, reason, key)
        s = self.summary
        if kind == "skipped":
            s.skipped += 1
        else:
            s.failed += 1
            s.last_failure = f"{item.locator}: {reason}"
        s.reasons[f"{kind}: {_reason_class(reason)}"] += 1
        self._uncommitted += 1
        self.progress(s)

    def _maybe_commit(self) -> None:
        due = time.monotonic() - self._last_commit >= self.options.commit_seconds
        if self._uncommitted >= self.options.commit_every or (due and self._uncommitted):
            self._commit()
            self.writer.begin()

    def _commit(self) -> None:
        self.book.refresh()
        self.writer.commit()
        self._uncommitted = 0
        self._last_commit = time.monotonic()
