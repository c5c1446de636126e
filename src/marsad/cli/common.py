"""Helpers shared by the subcommands: dates on the command line, progress display, output files."""

from __future__ import annotations

import argparse
import os
from contextlib import AbstractContextManager
from datetime import date
from typing import IO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from marsad.errors import InputError
from marsad.export.common import text_output
from marsad.ingest.files import parse_published

stderr = Console(stderr=True, highlight=False)


def iso_date(value: str) -> date:
    try:
        return parse_published(value)
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def worker_count(value: str) -> int:
    n = int(value)
    return (os.cpu_count() or 1) if n <= 0 else n


def progress(total: int | None = None) -> Progress:
    """A progress bar on stderr (silent when stderr is not a terminal): docs done, rate, elapsed."""
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[rate]}"), TextColumn("{task.fields[failed]}"), TimeElapsedColumn(),
                    console=stderr, transient=True, disable=not stderr.is_terminal)


def output_stream(path: str | None) -> AbstractContextManager[IO[str]]:
    """Where a command writes: a file (folders created), or stdout for None or "-"."""
    return text_output(path or "-")
