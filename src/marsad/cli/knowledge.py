"""`marsad kb lookup NAME` and `marsad entities FILE`: the knowledge base and what it finds in text."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from marsad.cli import command
from marsad.cli.common import iso_date
from marsad.errors import InputError
from marsad.ingest.files import read_path, read_stdin
from marsad.knowledge.index import default_index
from marsad.model import Entity
from marsad.pipeline import Pipeline

stdout = Console(highlight=False)


def _configure_kb(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["lookup"], help="what to do")
    p.add_argument("name", help="an Arabic name as written (clitic-free), e.g. بوتين")
    p.add_argument("--on", type=iso_date, help="show the offices held on this date only")
    p.add_argument("--json", action="store_true", help="machine-readable output")


@command("kb", "look a name up in the knowledge base", _configure_kb)
def kb(args: argparse.Namespace) -> int:
    index = default_index()
    targets = index.lookup(args.name)
    if not targets:
        print(f"marsad: no knowledge-base record is named {args.name!r}", file=sys.stderr)
        return 1
    records: list[dict[str, Any]] = []
    for t in targets:
        roles = [{"role": r, "of": of, "start": s.isoformat(), "end": e.isoformat() if e else None}
                 for r, of, s, e in index.roles_of.get(t.id, [])
                 if args.on is None or (s <= args.on and (e is None or args.on <= e))]
        records.append({"id": t.id, "name_en": t.name_en, "type": t.type, "kind": t.kind, "country": t.country,
                        "cameo": t.cameo, "lat": t.lat, "lon": t.lon, "population": t.population or None,
                        "source": t.source, "roles": roles})
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return 0
    for rec in records:
        table = Table(title=f"{rec['name_en']} ({rec['id']})", show_header=False)
        for key in ("type", "kind", "country", "cameo", "lat", "lon", "population", "source"):
            if rec[key] not in (None, ""):
                table.add_row(key, str(rec[key]))
        for r in rec["roles"]:
            table.add_row("role", f"{r['role']} of {r['of']}: {r['start']} → {r['end'] or 'now'}")
        stdout.print(table)
    return 0


def _configure_entities(p: argparse.ArgumentParser) -> None:
    p.add_argument("input", help="a .txt, .jsonl or .html file, or - for stdin")
    p.add_argument("--published", type=iso_date, help="publication date (resolves titles to office holders)")


def _rows(entities: list[Entity]) -> list[tuple[str, str, str, str, int]]:
    counts: Counter[tuple[str, str, str, str]] = Counter()
    first: dict[tuple[str, str, str, str], int] = {}
    for e in entities:
        key = (e.text, e.type, e.name_en or "—", e.kb_id or "—")
        counts[key] += 1
        first.setdefault(key, e.start)
    return [(*key, n) for key, n in sorted(counts.items(), key=lambda kv: first[kv[0]])]


@command("entities", "print a table of the entities found in an article", _configure_entities)
def entities(args: argparse.Namespace) -> int:
    opts = {"published": args.published}
    if args.input == "-":
        docs = list(read_stdin(sys.stdin.buffer, **opts))
    else:
        path = Path(args.input)
        if not path.exists():
            raise InputError(f"{args.input}: no such file")
        docs = list(read_path(path, **opts))
    pipeline = Pipeline.build(["entities"])
    status = 0
    for doc in docs:
        analysis = pipeline.analyze(doc)
        if analysis.errors:
            print(f"marsad: {doc.id}: {'; '.join(analysis.errors)}", file=sys.stderr)
            status = 1
            continue
        table = Table(title=f"{doc.id}" + (f" ({doc.published})" if doc.published else ""))
        for col in ("surface", "type", "linked name", "id", "count"):
            table.add_column(col)
        for surface, typ, name, kb_id, n in _rows(analysis.entities):
            table.add_row(surface, typ, name, kb_id, str(n))
        stdout.print(table)
    return status



