"""`marsad export --db marsad.db --format F --out PATH`: the store as JSON Lines, Parquet, a GDELT 2.0
Event table, a GKG 2.1-like table or an ACLED-style CSV. Every format streams from a read-only
connection: memory stays flat for any corpus size, and an ingest may keep writing meanwhile."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from marsad.cli import command
from marsad.cli.common import iso_date, stderr
from marsad.errors import InputError
from marsad.export.acled import write_acled
from marsad.export.common import text_output
from marsad.export.gdelt import write_gdelt
from marsad.export.gkg import write_gkg
from marsad.export.jsonl import write_jsonl
from marsad.export.parquet import write_parquet
from marsad.store.queries import Filters
from marsad.store.sqlite import open_reader

FORMATS = ("jsonl", "parquet", "gdelt", "gkg", "acled")


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default="marsad.db", help="the store")
    p.add_argument("--format", required=True, choices=FORMATS,
                   help="jsonl (Analysis objects), parquet (a directory, one file per table), gdelt (GDELT 2.0 "
                        "Event TSV), gkg (GKG 2.1-like TSV), acled (ACLED-style CSV)")
    p.add_argument("--out", required=True, help="output file (- for stdout), or directory for parquet")
    p.add_argument("--since", type=iso_date, help="articles published on or after (YYYY-MM-DD)")
    p.add_argument("--until", type=iso_date, help="articles published on or before (YYYY-MM-DD)")
    p.add_argument("--source", help="only articles of this outlet")
    p.add_argument("--header", action="store_true", help="gdelt/gkg: write the column names as a first row")


@command("export", "export the store: jsonl, parquet, gdelt (2.0 events), gkg (2.1-like), acled (CSV)", _configure)
def run(args: argparse.Namespace) -> int:
    filters = Filters(args.since, args.until, args.source)
    started = time.perf_counter()
    conn = open_reader(args.db)
    try:
        if args.format == "parquet":
            if args.out == "-":
                raise InputError("parquet is written to a directory: give --out DIR")
            counts = write_parquet(conn, Path(args.out), filters)
            what = ", ".join(f"{t} {n:,}" for t, n in counts.items())
        else:
            with text_output(args.out) as out:
                if args.format == "jsonl":
                    n = write_jsonl(conn, out, filters)
                elif args.format == "gdelt":
                    n = write_gdelt(conn, out, filters, header=args.header)
                elif args.format == "gkg":
                    n = write_gkg(conn, out, filters, header=args.header)
                else:
                    n = write_acled(conn, out, filters)
            what = f"{n:,} rows"
    finally:
        conn.close()
    stderr.print(f"exported {what} as {args.format} to {args.out} in {time.perf_counter() - started:.1f} s")
    return 0
