"""WARC (and ARC) files, plain or gzipped, such as Common Crawl's news crawl: every HTTP 200 HTML
response becomes a page item, extracted in a worker like any HTML article. The WARC-Date (the crawl
time) stands in for the publication date when the page itself declares none.

A truncated or corrupt archive keeps the records read before the damage and records one failure
where reading stopped.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from marsad.ingest.context import SourceContext
from marsad.ingest.items import Item, failed_item

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
MAX_RECORD_BYTES = 20 * 1024 * 1024


def _warc_date(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def warc_items(path: Path, spec: str, ctx: SourceContext) -> Iterator[Item]:
    base = str(path.resolve())
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield failed_item(base, spec, f"cannot read {path}: {exc.strerror}")
        return
    n_records = 0
    offset = 0
    end = 0
    size = path.stat().st_size
    with stream:
        records = ArchiveIterator(stream, arc2warc=True)
        try:
            for record in records:
                n_records += 1
                item = _record_item(record, spec, ctx)  # reads the record's content first…
                offset = records.get_record_offset()  # …as this reads the record to its end
                end = offset + records.get_record_length()
                if item is not None:
                    item.locator = f"{base}@{offset}"
                    yield item
        except (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError) as exc:
            yield failed_item(f"{base}@{offset}+", spec,
                              f"WARC unreadable after {n_records} record(s): {type(exc).__name__}: {exc}")
            return
    if n_records == 0:
        yield failed_item(base, spec, "no WARC records in the file")
        return
    if end < size:  # warcio stops quietly at a record cut short: the bytes left tell
        yield failed_item(f"{base}@{end}+", spec, f"WARC unreadable after {n_records} record(s): truncated or "
                                                  f"corrupt, {size - end:,} trailing bytes")
        return
    ctx.cleared(base)


def _record_item(record: object, spec: str, ctx: SourceContext) -> Item | None:
    """The page in one record (its locator is set by the caller), or None for a record passed over."""
    rec_type = getattr(record, "rec_type", "")
    if rec_type not in ("response", "resource"):
        return None
    headers = record.rec_headers  # type: ignore[attr-defined]
    url = headers.get_header("WARC-Target-URI")
    http = getattr(record, "http_headers", None)
    if rec_type == "response":
        if http is None:
            ctx.note("WARC response without HTTP headers")
            return None
        status = str(http.get_statuscode() or "")
        if status != "200":
            ctx.note(f"WARC response HTTP {status or '?'}")
            return None
        ctype = str(http.get_header("Content-Type") or "")
    else:
        ctype = str(headers.get_header("Content-Type") or "")
    if "html" not in ctype.lower():
        ctx.note("WARC record not HTML")
        return None
    body = record.content_stream().read(MAX_RECORD_BYTES + 1)  # type: ignore[attr-defined]
    if len(body) > MAX_RECORD_BYTES:
        return failed_item("", spec, f"WARC record larger than {MAX_RECORD_BYTES:,} bytes", url=url)
    warc_date = headers.get_header("WARC-Date")
    meta = {"fallback_date": _warc_date(warc_date), "warc_date": warc_date}
    return Item("", spec, html=body, url=url, meta=meta)
