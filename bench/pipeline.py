"""Whole `analyze` pipeline throughput on the shared news corpus, on one core and on all cores, with
the text core and a plain regex-token pass measured in the same run for scale.

    python -m bench.pipeline [--limit N] [--workers W]
"""

from __future__ import annotations

import argparse
import os
import re
import time

from bench.common import console, news_records, published_of, table
from marsad.model import Document
from marsad.pipeline import Pipeline
from marsad.text.dates import find_dates
from marsad.text.numbers import find_numbers
from marsad.text.view import TextView

FLOOR = re.compile(r"\w+|[^\w\s]")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=3000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()
    records = news_records(args.limit)
    docs = [Document(str(r["id"]), r["content"], source=r.get("source"), published=published_of(r)) for r in records]
    n = len(docs)
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    pipeline = Pipeline.build()
    pipeline.analyze(docs[0])  # load the knowledge base and the model outside the timing

    t0 = time.perf_counter()
    for d in docs:
        for _ in FLOOR.finditer(d.text):
            pass
    t_floor = time.perf_counter() - t0

    t0 = time.perf_counter()
    for d in docs:
        view = TextView.of(d.text)
        find_numbers(view.text)
        find_dates(view.text, d.published)
    t_core = time.perf_counter() - t0

    t0 = time.perf_counter()
    failed = sum(bool(a.errors) for a in pipeline.analyze_many(docs, workers=1))
    t_one = time.perf_counter() - t0

    t0 = time.perf_counter()
    failed_many = sum(bool(a.errors) for a in pipeline.analyze_many(docs, workers=args.workers, chunksize=32))
    t_many = time.perf_counter() - t0

    rows = [(name, f"{n / t:,.1f}", f"{mb / t:.2f}", f"{t_floor / t:.1%}")
            for name, t in (("floor: regex tokens (1 core)", t_floor), ("text core (1 core)", t_core),
                            ("full pipeline (1 core)", t_one), (f"full pipeline ({args.workers} processes)", t_many))]
    console.print(f"{n} articles, {mb:.1f} MB; stages: {', '.join(pipeline.names)}")
    console.print(table("analyze throughput", rows, ("pass", "articles/s", "MB/s", "speed vs floor")))
    console.print(f"documents with errors: {failed} (1 core), {failed_many} ({args.workers} processes); "
                  f"target ≥ 100 articles/s on 2 cores")


if __name__ == "__main__":
    main()
