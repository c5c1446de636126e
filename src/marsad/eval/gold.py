"""Reading and validating a document-facts gold file (JSON Lines, DESIGN.md "Evaluation formats").

Validation stops at nothing: every problem is collected and reported together, each naming the line,
the document id and the field (`gold.jsonl line 3 (doc-7): quotes[2].quote is not a substring of
text`), so an annotator can fix a file in one pass. The full annotation checks (word counts, story
groups, weekday consistency) stay in tests/data/check_gold.py; this loader checks what the scorer
relies on: keys, types, enums, and that every span-like field is an exact substring of `text`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from marsad.errors import InputError
from marsad.eval.match import is_number

GoldDoc = dict[str, Any]

DOC_KEYS: tuple[str, ...] = ("doc_id", "source", "published", "title", "text")
KIND_KEYS: dict[str, tuple[str, ...]] = {
    "entities": ("text", "type", "name_en"),
    "quotes": ("quote", "speaker_en", "speaker_text", "cue", "kind"),
    "amounts": ("text", "value", "bound", "counted", "claimed_by_en"),
    "dates": ("text", "value"),
    "places": ("text", "name_en", "country", "lat", "lon"),
    "events": ("plover", "sentence", "actor1_en", "actor2_en", "place_en", "date"),
}
# Fields that must be exact substrings of the article text (None allowed where marked).
SUBSTRINGS: dict[str, tuple[tuple[str, bool], ...]] = {
    "entities": (("text", False),),
    "quotes": (("quote", False), ("cue", False), ("speaker_text", True)),
    "amounts": (("text", False), ("counted", True)),
    "dates": (("text", False),),
    "places": (("text", False),),
    "events": (("sentence", False),),
}
ENUMS: dict[tuple[str, str], frozenset[str]] = {
    ("entities", "type"): frozenset({"PER", "ORG", "LOC"}),
    ("quotes", "kind"): frozenset({"direct", "indirect"}),
    ("amounts", "bound"): frozenset({"exact", "more_than", "at_least", "about", "less_than", "at_most"}),
    ("events", "plover"): frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                                     "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
                                     "MOBILIZE", "COERCE", "ASSAULT"}),
}
NULLABLE_NAMES: dict[str, tuple[str, ...]] = {
    "entities": (), "quotes": ("speaker_en",), "amounts": ("claimed_by_en",), "dates": (), "places": (),
    "events": ("actor2_en", "place_en"),
}
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_REPORTED = 25


def _check_item(kind: str, i: int, it: Mapping[str, Any], text: str, problem: Callable[[str], None]) -> None:
    here = f"{kind}[{i}]"
    for f, nullable in SUBSTRINGS[kind]:
        value = it[f]
        if value is None and nullable:
            continue
        if not isinstance(value, str) or not value:
            problem(f"{here}.{f} must be a non-empty string")
        elif value not in text:
            problem(f"{here}.{f} is not a substring of text: {value[:60]!r}")
    for (k, f), allowed in ENUMS.items():
        if k == kind and it[f] not in allowed:
            problem(f"{here}.{f} {it[f]!r} is not one of {'|'.join(sorted(allowed))}")
    names = {"entities": ("name_en",), "places": ("name_en",), "events": ("actor1_en",)}.get(kind, ())
    for f in (*names, *NULLABLE_NAMES[kind]):
        if not (it[f] is None and f in NULLABLE_NAMES[kind]) and (not isinstance(it[f], str) or not it[f]):
            problem(f"{here}.{f} must be a non-empty string" + (" or null" if f in NULLABLE_NAMES[kind] else ""))
    if kind == "amounts" and not is_number(it["value"]):
        problem(f"{here}.value must be a number, got {it['value']!r}")
    if kind == "dates" and not (isinstance(it["value"], str) and _ISO.match(it["value"])):
        problem(f"{here}.value {it['value']!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    if kind == "places":
        if not isinstance(it["country"], str) or not re.match(r"^([A-Z]{2})?$", it["country"]):
            problem(f"{here}.country {it['country']!r} is not an ISO 3166 alpha-2 code (or \"\")")
        for axis, lim in (("lat", 90), ("lon", 180)):
            if not is_number(it[axis]) or not -lim <= it[axis] <= lim:
                problem(f"{here}.{axis} {it[axis]!r} is not a number in [-{lim}, {lim}]")
    if kind == "events" and it["date"] is not None and not (isinstance(it["date"], str) and _DAY.match(it["date"])):
        problem(f"{here}.date {it['date']!r} is not YYYY-MM-DD or null")


def _check_header(doc: Mapping[str, Any], problem: Callable[[str], None]) -> bool:
    missing = [k for k in (*DOC_KEYS, *KIND_KEYS) if k not in doc]
    if missing:
        problem(f"missing key(s) {', '.join(missing)}")
        return False
    for k in ("doc_id", "text"):
        if not isinstance(doc[k], str) or not doc[k].strip():
            problem(f"{k} must be a non-empty string")
            return False
    for k in ("source", "title"):
        if doc[k] is not None and not isinstance(doc[k], str):
            problem(f"{k} must be a string or null")
    if doc["published"] is not None and not (isinstance(doc["published"], str) and _DAY.match(doc["published"])):
        problem(f"published {doc['published']!r} is not YYYY-MM-DD or null")
    return True


def check_doc(doc: Any, problem: Callable[[str], None]) -> bool:
    """Report every problem of one gold document through `problem`; True if it is usable."""
    if not isinstance(doc, dict):
        problem(f"expected a JSON object, got {type(doc).__name__}")
        return False
    if not _check_header(doc, problem):
        return False
    ok = True
    for kind, keys in KIND_KEYS.items():
        items = doc[kind]
        if not isinstance(items, list):
            problem(f"{kind} must be a list")
            ok = False
            continue
        for i, it in enumerate(items):
            missing = [k for k in keys if not isinstance(it, dict) or k not in it]
            if missing:
                problem(f"{kind}[{i}] is missing {', '.join(missing)}")
                ok = False
                continue
            _check_item(kind, i, it, doc["text"], problem)
    return ok


def _reporter(problems: list[str], where: str) -> Callable[[str], None]:
    def report(msg: str) -> None:
        problems.append(f"{where}: {msg}")

    return report


def parse_gold(lines: list[str], name: str) -> list[GoldDoc]:
    """Validated gold documents from JSON Lines; InputError listing every problem (line and field)."""
    problems: list[str] = []
    docs: list[GoldDoc] = []
    seen: dict[str, int] = {}
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name} line {lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        if isinstance(obj, dict) and isinstance(obj.get("doc_id"), str):
            where += f" ({obj['doc_id']})"
        before = len(problems)
        ok = check_doc(obj, _reporter(problems, where))
        if ok and len(problems) == before:
            if obj["doc_id"] in seen:
                problems.append(f"{where}: doc_id {obj['doc_id']!r} already used on line {seen[obj['doc_id']]}")
                continue
            seen[obj["doc_id"]] = lineno
            docs.append(obj)
    if problems:
        shown = problems[:MAX_REPORTED]
        more = f"\n  ... and {len(problems) - MAX_REPORTED} more" if len(problems) > MAX_REPORTED else ""
        raise InputError(f"{name}: {len(problems)} problem(s) in the gold file:\n  " + "\n  ".join(shown) + more)
    if not docs:
        raise InputError(f"{name}: no gold documents")
    return docs


def load_gold(path: Path) -> list[GoldDoc]:
    """Read and validate a gold JSON Lines file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (UnicodeDecodeError, IsADirectoryError) as exc:
        raise InputError(f"{path}: not a UTF-8 JSON Lines file ({exc})") from None
    return parse_gold(text.splitlines(), str(path))
