"""`marsad search` (ranked hits with highlighted evidence) and `marsad stats` (corpus figures)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from marsad.cli import command
from marsad.cli.common import iso_date, stderr
from marsad.store.queries import Filters, Hit, search, stats
from marsad.store.sqlite import open_reader

stdout = Console(highlight=False, soft_wrap=True)


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    """Rich markup of `text` with the hit spans highlighted (the rest escaped)."""
    out: list[str] = []
    pos = 0
    for s, e in sorted(spans):
        if s < pos:
            continue
        out.append(escape(text[pos:s]))
        out.append(f"[bold black on yellow]{escape(text[s:e])}[/]")
        pos = e
    out.append(escape(text[pos:]))
    return "".join(out)


def _configure_search(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", help='words (all required), "a phrase", -excluded')
    p.add_argument("--db", default="marsad.db", help="the store")
    p.add_argument("--since", type=iso_date, help="published on or after (YYYY-MM-DD)")
    p.add_argument("--until", type=iso_date, help="published on or before (YYYY-MM-DD)")
    p.add_argument("--source", help="only this outlet")
    p.add_argument("--limit", type=int, default=10, help="hits to show (10)")
    p.add_argument("--all", action="store_true", help="every article, not one per story")
    p.add_argument("--json", action="store_true", help="JSON Lines on stdout (with highlight offsets)")


def _print_hit(hit: Hit) -> None:
    title = _marked(hit.title, hit.title_spans) if hit.title else "[dim](no title)[/dim]"
    meta = " · ".join(x for x in (hit.published, hit.source) if x)
    story = f" · story of {hit.story_size} articles" if hit.story_size > 1 else ""
    stdout.print(f"[bold]{hit.rank}.[/bold] {title}")
    stdout.print(f"   [dim]{escape(meta)}{story} · {hit.doc_id}[/dim]")
    stdout.print(f"   {_marked(hit.snippet, hit.snippet_spans)}")
    if hit.url:
        stdout.print(f"   [blue]{escape(hit.url)}[/blue]")


@command("search", "search the store (Arabic-normalised full text, ranked, highlighted)", _configure_search)
def run_search(args: argparse.Namespace) -> int:
    conn = open_reader(args.db)
    try:
        hits = search(conn, args.query, Filters(args.since, args.until, args.source), limit=max(1, args.limit),
                      collapse=not args.all)
    finally:
        conn.close()
    if args.json:
        for hit in hits:
            print(json.dumps(hit.to_json(), ensure_ascii=False))
        return 0 if hits else 1
    if not hits:
        stderr.print("no hits")
        return 1
    for hit in hits:
        _print_hit(hit)
        stdout.print()
    return 0


def _configure_stats(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default="marsad.db", help="the store")
    p.add_argument("--json", action="store_true", help="the figures as one JSON object on stdout")


def _table(title: str, rows: list[tuple[Any, ...]], columns: tuple[str, ...]) -> Table:
    t = Table(title=title, title_justify="left")
    for c in columns:
        t.add_column(c)
    for r in rows:
        t.add_row(*(escape(f"{v:,}" if isinstance(v, int) else str(v)) for v in r))
    return t


@command("stats", "corpus figures: documents, duplicates and stories, facts, events, failures", _configure_stats)
def run_stats(args: argparse.Namespace) -> int:
    conn = open_reader(args.db)
    try:
        figures = stats(conn)
    finally:
        conn.close()
    figures["db_bytes"] = sum(p.stat().st_size for p in Path(args.db).parent.glob(Path(args.db).name + "*"))
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, default=list))
        return 0
    scalars = [(k.replace("_", " "), v) for k, v in figures.items() if isinstance(v, int | str | float) or v is None]
    stdout.print(_table("corpus", [(k, "-" if v is None else v) for k, v in scalars], ("figure", "value")))
    largest = figures["largest_story"]
    if largest:
        stdout.print(f"largest story: {largest[0]:,} articles from {largest[1]:,} outlets: {escape(str(largest[2]))}")
    stdout.print(_table("top outlets", figures["top_outlets"], ("outlet", "documents")))
    stdout.print(_table("events by QuadClass", figures["events_by_quad_class"], ("quad class", "events", "articles")))
    stdout.print(_table("top event codes", figures["top_event_codes"], ("CAMEO", "events")))
    stdout.print(_table("top entities", figures["top_entities"], ("entity", "type", "documents")))
    stdout.print(_table("failures", figures["top_failure_reasons"], ("kind", "reason", "count")))
    return 0
