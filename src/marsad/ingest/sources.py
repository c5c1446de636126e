"""Turning SOURCE arguments into items: files, folders (walked recursively, in name order), glob
patterns, feed and page URLs, WARC archives and standard input, in any mix.

Items come out in a deterministic order (arguments in the order given, files sorted), which is what
makes a resumed ingest end with the same store as an uninterrupted one.
"""

from __future__ import annotations

import gzip
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from marsad.ingest.context import SourceContext
from marsad.ingest.feeds import feed_file_items, url_items
from marsad.ingest.files import iter_jsonl_lines, read_stdin, read_text_document
from marsad.ingest.items import Item, doc_item, failed_item
from marsad.ingest.warc import WARC_SUFFIXES, warc_items

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
_GLOB_CHARS = set("*?[")

FileReader = Callable[[Path, str, SourceContext], Iterator[Item]]


def is_url(spec: str) -> bool:
    return spec.startswith(("http://", "https://"))


def resolve(specs: list[str], ctx: SourceContext) -> Iterator[Item]:
    """Every item of every SOURCE, in order."""
    for spec in specs:
        yield from resolve_one(spec, ctx)


def resolve_one(spec: str, ctx: SourceContext) -> Iterator[Item]:
    if spec == "-":
        yield from _stdin_items(sys.stdin.buffer, ctx)
        return
    if is_url(spec):
        yield from url_items(spec, spec, ctx)
        return
    path = Path(spec).expanduser()
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file())
        for f in files:
            yield from file_items(f, spec, ctx, explicit=False)
        return
    if path.exists():
        yield from file_items(path, spec, ctx, explicit=True)
        return
    if _GLOB_CHARS & set(spec):
        matches = sorted(p for p in _glob(path) if p.is_file())
        if not matches:
            yield failed_item(spec, spec, f"no file matches {spec!r}")
        for f in matches:
            yield from file_items(f, spec, ctx, explicit=False)
        return
    yield failed_item(str(path.absolute()), spec, f"{spec}: no such file or directory")


def _glob(pattern: Path) -> Iterator[Path]:
    parts = pattern.parts
    first = next(i for i, part in enumerate(parts) if _GLOB_CHARS & set(part))
    base = Path(*parts[:first]) if first else Path()
    return base.glob(str(Path(*parts[first:])))


def reader_for(path: Path) -> FileReader | None:
    name = path.name.lower()
    table: list[tuple[tuple[str, ...], FileReader]] = [
        (JSONL_SUFFIXES, _jsonl_items), (WARC_SUFFIXES, warc_items), (TEXT_SUFFIXES, _text_items),
        (HTML_SUFFIXES, _html_items), (FEED_SUFFIXES, feed_file_items)]
    for suffixes, fn in table:
        if name.endswith(suffixes):
            return fn
    return None


def file_items(path: Path, spec: str, ctx: SourceContext, *, explicit: bool) -> Iterator[Item]:
    fn = reader_for(path)
    if fn is None:
        if explicit:
            yield failed_item(str(path.resolve()), spec, f"{path}: unsupported input type; use .txt, .jsonl[.gz], "
                              ".html, .warc[.gz], an RSS/Atom file or a URL")
        else:
            ctx.note(f"ignored {path.suffix or 'extension-less'} file")
        return
    yield from fn(path, spec, ctx)


def _jsonl_items(path: Path, spec: str, ctx: SourceContext) -> Iterator[Item]:
    base = str(path.resolve())
    gz = path.name.lower().endswith(".gz")
    try:
        with gzip.open(path, "rb") if gz else path.open("rb") as stream:
            head = stream.peek(4096)[:4096] if hasattr(stream, "peek") else b""
            if b"\x00" in head:
                yield failed_item(base, spec, "binary content (NUL bytes), not a JSON Lines file")
                return
            for lineno, doc in iter_jsonl_lines(stream, path.name):  # type: ignore[arg-type]
                yield doc_item(doc, f"{base}:{lineno}", spec)
    except (OSError, EOFError) as exc:  # cannot open, or not gzip at all (truncation is reported by line)
        yield failed_item(base, spec, f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}")
        return
    ctx.cleared(base)


def _read_bytes(path: Path, spec: str) -> tuple[bytes | None, Item | None]:
    try:
        return path.read_bytes(), None
    except OSError as exc:
        return None, failed_item(str(path.resolve()), spec, f"cannot read {path}: {exc.strerror}")


def _text_items(path: Path, spec: str, ctx: SourceContext) -> Iterator[Item]:
    data, failure = _read_bytes(path, spec)
    if data is None:
        yield failure  # type: ignore[misc]
        return
    doc = read_text_document(data, path.stem, published=ctx.published, source=ctx.source)
    yield doc_item(doc, str(path.resolve()), spec)


def _html_items(path: Path, spec: str, ctx: SourceContext) -> Iterator[Item]:
    data, failure = _read_bytes(path, spec)
    if data is None:
        yield failure  # type: ignore[misc]
        return
    yield Item(str(path.resolve()), spec, html=data, ext_id=path.stem, published=ctx.published, source=ctx.source)


def _stdin_items(stream: BinaryIO, ctx: SourceContext) -> Iterator[Item]:
    for i, doc in enumerate(read_stdin(stream, published=ctx.published, source=ctx.source), start=1):
        yield doc_item(doc, f"stdin:{doc.id if doc.id != 'stdin' else i}", "-")
