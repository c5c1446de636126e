"""End-to-end ingest throughput into SQLite (reading, analysis, dedup, stories, FTS, commits) on the
shared SaudiNewsNet corpus, with peak memory, duplicate/story figures and the idempotence check.

    python -m bench.ingest [--limit N] [--workers 2] [--db PATH] [--rerun]
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import sqlite3
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from bench.common import NEWS, console, news_records, table
from marsad.ingest.context import SourceContext
from marsad.ingest.runner import Ingester, IngestOptions, Summary
from marsad.store.writer import StoreWriter


def run_ingest(source: Path, db: Path, workers: int) -> Summary:
    writer = StoreWriter(db)
    try:
        return Ingester(writer, IngestOptions(workers=workers)).run([str(source)], SourceContext())
    finally:
        writer.close()


def exact_groups(source: Path) -> list[list[str]]:
    """Groups of articles whose bodies are equal up to whitespace (the corpus's exact duplicates)."""
    groups: dict[str, list[str]] = defaultdict(list)
    with gzip.open(source, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            body = " ".join(str(rec.get("content") or "").split())
            if body:
                groups[body].append(str(rec["id"]))
    return [g for g in groups.values() if len(g) > 1]


def shared_story_check(db: Path, groups: list[list[str]]) -> tuple[int, int]:
    """(groups whose articles all share one story, articles in them)."""
    conn = sqlite3.connect(db)
    story = dict(conn.execute("SELECT ext_id, story_id FROM documents").fetchall())
    conn.close()
    ok = [g for g in groups if len({story.get(x) for x in g}) == 1 and story.get(g[0])]
    return len(ok), sum(len(g) for g in ok)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=0, help="first N articles only (0 = all)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--db", help="store to create (default: a temporary file)")
    ap.add_argument("--rerun", action="store_true", help="ingest a second time and check that nothing is added")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="marsad-bench-"))
    source = NEWS
    if args.limit:
        source = tmp / "sample.jsonl.gz"
        with gzip.open(source, "wt", encoding="utf-8") as fh:
            for rec in news_records(args.limit):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    elif not NEWS.exists():
        news_records(1)  # prints the message and exits
    db = Path(args.db) if args.db else tmp / "bench.db"
    for p in db.parent.glob(db.name + "*"):
        p.unlink()
    t0 = time.perf_counter()
    s = run_ingest(source, db, args.workers)
    elapsed = time.perf_counter() - t0
    peak_parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    groups = exact_groups(source)
    ok_groups, ok_articles = shared_story_check(db, groups)
    conn = sqlite3.connect(db)
    stories, multi = conn.execute("SELECT count(*), sum(num_articles > 1) FROM stories").fetchone()
    conn.close()
    rows = [("documents read", f"{s.done + s.known:,}"), ("stored", f"{s.stored:,}"),
            ("failed / skipped", f"{s.failed:,} / {s.skipped:,}"),
            ("exact / near duplicates", f"{s.exact:,} / {s.near:,}"),
            ("stories (with >1 article)", f"{stories:,} ({multi or 0:,})"),
            ("exact-duplicate groups in shared stories", f"{ok_groups:,} of {len(groups):,} "
                                                          f"({ok_articles:,} articles)"),
            ("wall time", f"{elapsed:.1f} s"), ("throughput", f"{s.done / elapsed:,.1f} articles/s (target ≥ 80)"),
            ("peak memory", f"parent {peak_parent:,.0f} MB, largest worker {peak_child:,.0f} MB (target ≤ 2 GB)"),
            ("store size", f"{sum(p.stat().st_size for p in db.parent.glob(db.name + '*')) / 1e6:,.0f} MB")]
    console.print(table(f"ingest on {args.workers} workers: {source.name}", rows, ("figure", "value")))
    if args.rerun:
        t0 = time.perf_counter()
        again = run_ingest(source, db, args.workers)
        console.print(f"second run: {again.stored} stored, {again.known:,} already stored, "
                      f"{again.known_failures:,} known failures, in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
