"""`marsad ingest SOURCE... --db marsad.db`: read, analyse, deduplicate and store a corpus.

Exit status: 0 when the run completed (documents that could not be read are recorded in the store
with their reason and counted in the summary), 3 when it stored nothing and something failed (every
source unreachable, say), 130 when interrupted (what was done is committed; run again to resume),
1 on an error that stopped the run (the store could not be opened…).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from marsad.cli import command
from marsad.cli.common import iso_date, stderr, worker_count
from marsad.corpus.dedup import THRESHOLD, WINDOW_DAYS
from marsad.errors import InputError
from marsad.ingest.context import SourceContext
from marsad.ingest.fetch import HOST_DELAY_S, TIMEOUT_S, Fetcher
from marsad.ingest.runner import Ingester, IngestOptions, Summary
from marsad.ingest.work import MAX_CHARS
from marsad.pipeline import DEFAULT_STAGES
from marsad.store.writer import StoreWriter

EXIT_NOTHING_STORED = 3
EXIT_INTERRUPTED = 130


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("sources", nargs="*", metavar="SOURCE",
                   help="files, folders, globs (.txt .jsonl[.gz] .html .warc[.gz] .rss/.atom/.xml), feed or "
                        "page URLs, or - for stdin")
    p.add_argument("--db", default="marsad.db", help="the store (SQLite file; created if absent)")
    p.add_argument("--workers", type=worker_count, default="0", help="analysis processes (0 = all cores)")
    p.add_argument("--stages", default=",".join(DEFAULT_STAGES), help="comma-separated analysis stages")
    p.add_argument("--retry-failed", action="store_true",
                   help="try again the inputs recorded as failed (with no SOURCE: re-read their sources)")
    p.add_argument("--max-chars", type=int, default=MAX_CHARS,
                   help=f"longest document accepted, in characters (default {MAX_CHARS:,})")
    p.add_argument("--published", type=iso_date, help="publication date of .txt/.html/stdin articles without one")
    p.add_argument("--source", help="outlet of .txt/.html/stdin articles")
    p.add_argument("--timeout", type=float, default=TIMEOUT_S, help=f"HTTP timeout in seconds ({TIMEOUT_S:g})")
    p.add_argument("--host-delay", type=float, default=HOST_DELAY_S,
                   help=f"seconds between two requests to one host ({HOST_DELAY_S:g})")
    p.add_argument("--threshold", type=float, default=THRESHOLD,
                   help=f"near-duplicate Jaccard threshold ({THRESHOLD})")
    p.add_argument("--window-days", type=int, default=WINDOW_DAYS,
                   help=f"near duplicates must be published within this many days ({WINDOW_DAYS}; 0 = no limit)")
    p.add_argument("--commit-every", type=int, default=500, help="documents per transaction (500)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON on stdout")


class _Display:
    """Progress on stderr: documents done, rate, stored/failed; refreshed at most 10 times a second."""

    def __init__(self) -> None:
        self.bar = Progress(SpinnerColumn(), TextColumn("[bold]ingest"), TextColumn("{task.fields[line]}"),
                            TimeElapsedColumn(), console=stderr, transient=True, disable=not stderr.is_terminal)
        self.task = self.bar.add_task("ingest", total=None, line="")
        self.started = time.perf_counter()
        self.last = 0.0

    def __call__(self, s: Summary) -> None:
        now = time.perf_counter()
        if now - self.last < 0.1:
            return
        self.last = now
        rate = s.done / (now - self.started) if now > self.started else 0.0
        line = (f"{s.done:,} docs  {rate:,.1f} docs/s  stored {s.stored:,}  dup {s.exact + s.near:,}  "
                f"[red]errors {s.failed:,}[/red]  skipped {s.skipped:,}  known {s.known + s.known_failures:,}")
        self.bar.update(self.task, line=line)


def _summary_table(s: Summary, db: str) -> Table:
    t = Table(title=f"ingest into {db}", show_header=False)
    rate = s.done / s.elapsed if s.elapsed else 0.0
    rows = [("stored", f"{s.stored:,}"), ("  exact duplicates", f"{s.exact:,}"),
            ("  near duplicates", f"{s.near:,}"), ("  new stories", f"{s.new_stories:,}"),
            ("skipped (not Arabic)", f"{s.skipped:,}"), ("failed", f"{s.failed:,}"),
            ("already in the store", f"{s.known:,}"), ("known failures (not retried)", f"{s.known_failures:,}"),
            ("time", f"{s.elapsed:.1f} s ({rate:,.1f} docs/s)")]
    for label, value in rows:
        t.add_row(label, value)
    for reason, n in s.reasons.most_common(8):
        t.add_row(f"  {reason}", f"{n:,}")
    for note, n in sorted(s.notes.items()):
        t.add_row(f"passed over: {note}", f"{n:,}")
    return t


@command("ingest", "read, analyse, deduplicate and store articles (resumable, idempotent)", _configure)
def run(args: argparse.Namespace) -> int:
    stages = tuple(s.strip() for s in args.stages.split(",") if s.strip())
    options = IngestOptions(workers=args.workers, stages=stages, retry_failed=args.retry_failed,
                            max_chars=args.max_chars, commit_every=max(1, args.commit_every),
                            threshold=args.threshold, window_days=args.window_days or None)
    writer = StoreWriter(args.db)
    try:
        specs = list(args.sources)
        if not specs and args.retry_failed:
            specs = writer.failed_specs()
            if not specs:
                stderr.print("no recorded failures to retry")
                return 0
        if not specs:
            raise InputError("no SOURCE given (files, folders, globs, URLs or -)")
        fetcher = Fetcher(timeout=args.timeout, host_delay=args.host_delay)
        ctx = SourceContext(fetcher=fetcher, published=args.published, source=args.source)
        run_id = writer.start_run(sys.argv[1:])
        display = _Display()
        with display.bar:
            summary = Ingester(writer, options, display).run(specs, ctx)
        writer.finish_run(run_id, "interrupted" if summary.interrupted else "done", summary.as_dict())
    finally:
        writer.close()
    stderr.print(_summary_table(summary, args.db))
    if summary.last_failure:
        stderr.print(f"[red]last failure[/red] {summary.last_failure}", soft_wrap=True)
    if args.json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False, sort_keys=True))
    if summary.interrupted:
        stderr.print("interrupted: what was done is committed; run the same command again to resume")
        return EXIT_INTERRUPTED
    if summary.failed and not (summary.stored or summary.known or summary.skipped):
        return EXIT_NOTHING_STORED
    return 0
