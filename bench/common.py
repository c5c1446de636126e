"""Shared benchmark helpers: the shared news corpus, timing, and a result table."""

from __future__ import annotations

import gzip
import json
import sys
import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "corpora" / "news" / "saudinewsnet.jsonl.gz"
console = Console()


def news_records(limit: int | None = None, path: Path = NEWS) -> list[dict[str, Any]]:
    """Non-empty articles of the shared news corpus (exit 2 with a message if it is absent)."""
    if not path.exists():
        console.print(f"[red]{path} is absent: benchmarks need the shared news corpus[/red]")
        sys.exit(2)
    out: list[dict[str, Any]] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("content", "").strip():
                out.append(rec)
            if limit and len(out) >= limit:
                break
    return out


def published_of(rec: dict[str, Any]) -> date | None:
    value = str(rec.get("date_extracted") or "")[:10]
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def best_of(repeats: int, fn: Callable[[], object]) -> float:
    """Fastest of `repeats` runs, in seconds (the least disturbed by a noisy machine)."""
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def table(title: str, rows: Iterable[tuple[str, ...]], columns: tuple[str, ...]) -> Table:
    t = Table(title=title)
    for c in columns:
        t.add_column(c)
    for r in rows:
        t.add_row(*r)
    return t
