"""`marsad analyze`: Analysis JSON Lines for .txt, .jsonl(.gz), .html files or standard input."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from marsad.cli import command
from marsad.cli.common import iso_date, output_stream, progress, stderr, worker_count
from marsad.errors import InputError
from marsad.ingest.files import read_path, read_stdin
from marsad.model import Document
from marsad.pipeline import DEFAULT_STAGES, Pipeline


def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="a .txt, .jsonl, .jsonl.gz or .html file, or - for stdin")
    p.add_argument("--published", type=iso_date, help="publication date (YYYY-MM-DD) of a .txt/stdin article")
    p.add_argument("--source", help="source (outlet) of a .txt/stdin article")
    p.add_argument("--id", dest="doc_id", help="document id of a .txt/stdin article (default: file name)")
    p.add_argument("--out", help="write JSON Lines here instead of stdout")
    p.add_argument("--pretty", action="store_true", help="indented JSON (one object per document)")
    p.add_argument("--workers", type=worker_count, default=1, help="processes (0 = all cores; default 1)")
    p.add_argument("--stages", default=",".join(DEFAULT_STAGES),
                   help=f"comma-separated stage list (default: {','.join(DEFAULT_STAGES)})")


def _documents(args: argparse.Namespace) -> Iterator[Document]:
    opts = {"published": args.published, "source": args.source, "doc_id": args.doc_id}
    for spec in args.inputs:
        if spec == "-":
            yield from read_stdin(sys.stdin.buffer, **opts)
            continue
        path = Path(spec)
        if not path.exists():
            raise InputError(f"{spec}: no such file")
        if path.is_dir():
            raise InputError(f"{spec}: is a directory (use `marsad ingest` for folders)")
        yield from read_path(path, **opts)


@command("analyze", "analyse articles and write one Analysis JSON object per document", _configure)
def run(args: argparse.Namespace) -> int:
    pipeline = Pipeline.build([s.strip() for s in args.stages.split(",") if s.strip()])
    started = time.perf_counter()
    n_docs = n_failed = 0
    last_error = ""
    indent = 2 if args.pretty else None
    with output_stream(args.out) as out, progress() as bar:
        task = bar.add_task("analyze", total=None, rate="", failed="")
        for analysis in pipeline.analyze_many(_documents(args), workers=args.workers):
            n_docs += 1
            if analysis.doc.error:
                n_failed += 1
                last_error = f"{analysis.doc.id}: {analysis.doc.error}"
                stderr.print(f"[red]failed[/red] {last_error}")
            out.write(analysis.to_json_line(indent=indent))
            out.write("\n")
            elapsed = time.perf_counter() - started
            bar.update(task, advance=1, rate=f"{n_docs / elapsed:,.0f} docs/s" if elapsed else "",
                       failed=f"{n_failed} failed" if n_failed else "")
    elapsed = time.perf_counter() - started
    if n_docs != 1 or args.out:
        stderr.print(f"analysed {n_docs} document(s), {n_failed} failed, in {elapsed:.2f} s"
                     + (f" ({n_docs / elapsed:,.1f} docs/s)" if elapsed > 0 else ""))
    if n_docs == 1 and n_failed == 1:
        return 1  # the only input could not be read: say so with the exit status too
    return 0
