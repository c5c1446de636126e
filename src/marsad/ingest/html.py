"""HTML articles: main text, title, date and author by trafilatura (boilerplate, scripts and related-
headline blocks left out of the body).

trafilatura keeps some page furniture that sits inside the article element: an agency byline on a line
of its own ("رويترز"), a "اقرأ أيضاً" block of related headlines, share and comment trailers. The lines
that `marsad.text.segment` recognises as furniture are removed from the extracted body, so that they
neither reach the analysis nor make two different articles of one outlet look alike.
"""

from __future__ import annotations

from datetime import date

import trafilatura

from marsad.errors import InputError
from marsad.ingest.files import check_text, parse_published
from marsad.model import Document
from marsad.text.normalize import normalize
from marsad.text.segment import segment


def _decode_html(data: bytes) -> str:
    if b"\x00" in data[:65536]:
        raise InputError("binary content (NUL bytes), not an HTML page")
    for encoding in ("utf-8-sig", "cp1256"):  # cp1256: older Arabic sites that do not declare UTF-8
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("HTML page is neither UTF-8 nor Windows-1256")


def document_from_html(data: bytes | str, doc_id: str, *, url: str | None, published: date | None = None,
                       source: str | None = None) -> Document:
    """A Document from one HTML page; a page with no extractable article text fails with its reason."""
    try:
        html = data if isinstance(data, str) else _decode_html(data)
        if not html.strip():
            raise InputError("empty HTML page")
        extracted = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                                include_tables=False, favor_precision=True)
        if extracted is None:
            raise InputError("no article text found in the HTML page")
        meta = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
        text = check_text(strip_furniture(str(meta.get("text") or "")))
    except InputError as exc:
        return Document(doc_id, "", url=url, source=source, published=published, error=str(exc))
    pub = published
    if pub is None and meta.get("date"):
        try:
            pub = parse_published(str(meta["date"]))
        except InputError:
            pub = None
    extra = {k: meta[k] for k in ("author", "sitename", "hostname") if meta.get(k)}
    return Document(doc_id, text, source=source or meta.get("sitename") or meta.get("hostname"), url=url,
                    title=meta.get("title") or None, published=pub, extra=extra)


def strip_furniture(text: str) -> str:
    """The extracted body without the lines that are page furniture (bylines, related links, trailers)."""
    norm = normalize(text)
    _, furniture = segment(norm.text)
    if not furniture:
        return text
    cuts = [norm.to_original(f.start, f.end) for f in furniture]
    kept: list[str] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)
        if any(s < end and start < e for s, e in cuts):
            continue
        kept.append(line)
    return "".join(kept).rstrip("\n") + ("\n" if text.endswith("\n") else "")
