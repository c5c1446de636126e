"""What source readers may ask of the run: an HTTP client, whether a URL is already stored, a way to
clear a container's old failure once it reads fine, and counters for what they pass over."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from marsad.ingest.fetch import Fetcher


def _never(_: str) -> str | None:
    return None


def _ignore(_: str) -> None:
    return None


@dataclass
class SourceContext:
    fetcher: Fetcher = field(default_factory=Fetcher)
    known_url: Callable[[str], str | None] = _never  # why a URL need not be fetched, if it need not
    cleared: Callable[[str], None] = _ignore
    published: date | None = None  # for .txt/.html files and standard input without their own date
    source: str | None = None  # outlet of .txt/.html files and standard input
    notes: Counter[str] = field(default_factory=Counter)

    def note(self, what: str) -> None:
        """Count something passed over without being a failure (an unsupported file in a folder…)."""
        self.notes[what] += 1
