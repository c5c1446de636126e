"""Search latency on a store built by `python -m bench.ingest --db PATH` (or `marsad ingest`): fixed
and sampled queries, with and without a date filter, p50/p95/max over repeated runs.

    python -m bench.search --db PATH [--repeats 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from bench.common import console, table
from marsad.store.queries import Filters, search
from marsad.store.sqlite import open_reader

FIXED = ["بوتين", "السعودية", "الملك سلمان", "وزير الخارجية", "داعش", "اليمن الحوثيين", "أسعار النفط",
         "الهلال النصر", '"مجلس الوزراء"', "إيران الاتفاق النووي", "هيئة الأمر بالمعروف", "الرياض -جدة"]


def sampled_queries(conn: object, n: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    titles = [str(t) for (t,) in conn.execute(  # type: ignore[attr-defined]
        "SELECT title FROM documents WHERE title IS NOT NULL ORDER BY seq").fetchall()]
    out = []
    for title in rng.sample(titles, min(n, len(titles))):
        words = [w for w in title.split() if len(w) > 3]
        if words:
            out.append(" ".join(rng.sample(words, min(2, len(words)))))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", required=True)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--sampled", type=int, default=40)
    args = ap.parse_args()
    if not Path(args.db).exists():
        console.print(f"[red]{args.db} is absent: build it first with `python -m bench.ingest --db {args.db}`[/red]")
        sys.exit(2)
    conn = open_reader(args.db)
    queries = FIXED + sampled_queries(conn, args.sampled)
    since = Filters(since=date(2015, 7, 25))
    times: list[float] = []
    n_hits = 0
    for _ in range(args.repeats):
        for q in queries:
            for f in (Filters(), since):
                t0 = time.perf_counter()
                n_hits += len(search(conn, q, f, limit=10))
                times.append((time.perf_counter() - t0) * 1000)
    conn.close()
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    rows = [("queries", f"{len(queries)} × 2 filters × {args.repeats} repeats = {len(times):,}"),
            ("p50", f"{statistics.median(times):.1f} ms"), ("p95", f"{p95:.1f} ms (target ≤ 50 ms)"),
            ("max", f"{times[-1]:.1f} ms"), ("hits per query", f"{n_hits / len(times):.1f}")]
    console.print(table(f"search latency on {args.db}", rows, ("figure", "value")))


if __name__ == "__main__":
    main()
