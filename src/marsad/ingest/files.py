"""Reading documents from files and streams: .txt, .jsonl (and .jsonl.gz), .html, standard input.

Reading never raises for a bad document: an unreadable, empty, binary or mis-encoded document becomes a
Document with `error` set (and an id that says where it came from), so the batch goes on and the
failure is recorded with its reason.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from marsad.errors import InputError
from marsad.model import Document
from marsad.text.segment import looks_like_headline

TEXT_FIELDS = ("text", "content", "body")
DATE_FIELDS = ("published", "date", "date_published", "pubdate", "published_at", "date_extracted")
KNOWN_FIELDS = {"id", "title", "source", "url", "lang", *TEXT_FIELDS, *DATE_FIELDS}
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DATE_PREFIX = re.compile(r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})")


def decode_document(data: bytes) -> str:
    """UTF-8 text of a document (BOM allowed), or InputError saying why it is not usable text."""
    if not data.strip():
        raise InputError("empty document")
    if b"\x00" in data[:65536]:
        raise InputError("binary content (NUL bytes), not a text document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise InputError(f"not valid UTF-8: byte 0x{bad} at offset {exc.start} ({exc.reason})") from None
    return check_text(text)


def check_text(text: str) -> str:
    if not text.strip():
        raise InputError("empty document")
    sample = text[:65536]
    # Scraped text carries a few stray controls (\x1a as a bullet): only a control-heavy sample is binary.
    if len(_CONTROL.findall(sample)) > max(16, len(sample) // 20):
        raise InputError("binary content (control characters), not a text document")
    return text


def parse_published(value: Any) -> date:
    """A publication date from 'YYYY-MM-DD', an ISO datetime or 'YYYY/MM/DD ...'."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise InputError(f"publication date {value!r} is not a string")
    m = _DATE_PREFIX.match(value)
    if m is None:
        raise InputError(f"publication date {value!r} is not YYYY-MM-DD")
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise InputError(f"publication date {value!r}: {exc}") from None


def title_of(text: str) -> str | None:
    """The first line, when it reads as a headline set apart from the body."""
    first, sep, rest = text.lstrip().partition("\n")
    if sep and rest.strip() and looks_like_headline(first.strip()) and len(first.split()) >= 2:
        return first.strip()
    return None


def read_text_document(data: bytes, doc_id: str, *, published: date | None = None, source: str | None = None,
                       url: str | None = None, title: str | None = None) -> Document:
    try:
        text = decode_document(data)
    except InputError as exc:
        return Document(doc_id, "", source=source, url=url, published=published, error=str(exc))
    return Document(doc_id, text, source=source, url=url, title=title or title_of(text), published=published)


def document_from_record(record: Any, default_id: str) -> Document:
    """A Document from one JSON object; unknown fields are carried in `extra`, never dropped."""
    if not isinstance(record, dict):
        return Document(default_id, "", error=f"expected a JSON object, found {type(record).__name__}")
    doc_id = str(record.get("id") or default_id)
    raw_text = next((record[f] for f in TEXT_FIELDS if isinstance(record.get(f), str)), None)
    source = record.get("source")
    url = record.get("url")
    title = record.get("title")
    extra = {k: v for k, v in record.items() if k not in KNOWN_FIELDS}
    doc = Document(doc_id, raw_text or "", source=str(source) if source else None, url=str(url) if url else None,
                   title=str(title) if title else None, lang=str(record.get("lang") or "ar"), extra=extra)
    try:
        if raw_text is None:
            raise InputError(f"no text: none of the fields {', '.join(TEXT_FIELDS)} holds a string")
        check_text(raw_text)
        date_value = next((record[f] for f in DATE_FIELDS if record.get(f)), None)
        if date_value is not None:
            doc.published = parse_published(date_value)
    except InputError as exc:
        doc.error = str(exc)
    return doc


def iter_jsonl(stream: BinaryIO, name: str) -> Iterator[Document]:
    """Documents of a JSON Lines byte stream; a bad line becomes a failed Document, the rest go on."""
    for _, doc in iter_jsonl_lines(stream, name):
        yield doc


def iter_jsonl_lines(stream: BinaryIO, name: str) -> Iterator[tuple[int, Document]]:
    """(line number, Document) of a JSON Lines byte stream: the line tells where a document came from."""
    lineno = 0
    try:
        for lineno, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            where = f"{name}:{lineno}"
            try:
                record = json.loads(raw.decode("utf-8-sig"))
            except UnicodeDecodeError as exc:
                yield lineno, Document(where, "", error=f"line {lineno}: not valid UTF-8 at byte {exc.start}")
                continue
            except json.JSONDecodeError as exc:
                yield lineno, Document(where, "", error=f"line {lineno}: invalid JSON: {exc.msg} (column {exc.colno})")
                continue
            yield lineno, document_from_record(record, where)
    except (OSError, EOFError, zlib.error) as exc:  # truncated or corrupt gzip: keep what was read
        yield lineno + 1, Document(f"{name}:{lineno + 1}", "",
                                   error=f"stream ended unreadably after line {lineno}: {exc}")


Reader = Callable[..., Iterator[Document]]
_READERS: dict[str, Reader] = {}


def reader(*suffixes: str) -> Callable[[Reader], Reader]:
    def wrap(fn: Reader) -> Reader:
        for s in suffixes:
            _READERS[s] = fn
        return fn

    return wrap


@reader(".txt", ".text")
def _read_txt(path: Path, **opts: Any) -> Iterator[Document]:
    doc_id = opts.get("doc_id") or path.stem
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Document(doc_id, "", error=f"cannot read {path}: {exc.strerror}")
        return
    yield read_text_document(data, doc_id, published=opts.get("published"), source=opts.get("source"))


@reader(".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
def _read_jsonl(path: Path, **opts: Any) -> Iterator[Document]:
    opener: Callable[..., BinaryIO] = gzip.open if path.name.endswith(".gz") else open  # type: ignore[assignment]
    try:
        stream = opener(path, "rb")
    except OSError as exc:
        yield Document(path.name, "", error=f"cannot read {path}: {exc.strerror}")
        return
    with stream:
        yield from iter_jsonl(stream, path.name)


@reader(".html", ".htm")
def _read_html(path: Path, **opts: Any) -> Iterator[Document]:
    from marsad.ingest.html import document_from_html

    doc_id = opts.get("doc_id") or path.stem
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Document(doc_id, "", error=f"cannot read {path}: {exc.strerror}")
        return
    yield document_from_html(data, doc_id, url=None, published=opts.get("published"), source=opts.get("source"))


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    return next((s for s in sorted(_READERS, key=len, reverse=True) if name.endswith(s)), path.suffix.lower())


def read_path(path: Path, **opts: Any) -> Iterator[Document]:
    """Documents in one file, by its extension (.txt, .jsonl[.gz], .html)."""
    fn = _READERS.get(suffix_of(path))
    if fn is None:
        raise InputError(f"{path}: unsupported input type; use .txt, .jsonl, .jsonl.gz or .html")
    return fn(path, **opts)


def read_stdin(stream: BinaryIO, **opts: Any) -> Iterator[Document]:
    """Standard input: JSON Lines if it starts with '{', else one plain-text article."""
    data = stream.read()
    if data.lstrip()[:1] == b"{":
        import io

        yield from iter_jsonl(io.BytesIO(data), "stdin")
        return
    yield read_text_document(data, opts.get("doc_id") or "stdin", published=opts.get("published"),
                             source=opts.get("source"))

