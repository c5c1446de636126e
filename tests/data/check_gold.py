#!/usr/bin/env python3
"""Validate the hand-annotated document-facts gold set (dev-gold.jsonl).

Usage: python tests/data/check_gold.py [--min-articles N] [PATH ...]
       (default: dev-gold.jsonl beside this file; N defaults to 32)

Stdlib only. Exits 1 and lists every problem if the file breaks the format described in
docs (DESIGN.md, "Evaluation formats"); prints per-kind counts either way.

Checks, per line:
  * one JSON object with exactly the keys doc_id, source, published, title, text, entities,
    quotes, amounts, dates, places, events; doc_id unique; published an ISO day in 2015-2026;
    text 140-400 whitespace-separated words;
  * every span-like field (entities.text, quotes.quote/speaker_text/cue, amounts.text/counted,
    dates.text, places.text, events.sentence) is an exact substring of text;
  * enums: entity type PER|ORG|LOC, quote kind direct|indirect, amount bound, PLOVER category;
  * value types: amount value a number (and, when the surface has digits, equal to those digits
    times any scale word: ألف/مليون/مليار/تريليون), date value YYYY|YYYY-MM|YYYY-MM-DD and a real
    calendar date, event date a day or null, lat/lon in range with at most 2 decimals, country
    ISO2 (or "" for a multi-country region);
  * a direct quote stands between quotation marks somewhere in text; no quote field carries its
    own outer marks; a quote's cue stands in the quote's paragraph;
  * a date whose surface names a weekday resolves to a day of that weekday;
  * an event sentence starts at a sentence start and ends at final punctuation (or a line end);
  * one entity per (type, name_en), one place per name_en; every place is also a LOC entity;
  * story groups (doc_id story-<letter>-<n>): at least 3 articles, each from a different source;
  * at least N articles (--min-articles N, default 32).
"""
import argparse
import datetime
import json
import os
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

DOC_KEYS = {"doc_id", "source", "published", "title", "text", "entities", "quotes",
            "amounts", "dates", "places", "events"}
KIND_KEYS = {
    "entities": {"text", "type", "name_en"},
    "quotes": {"quote", "speaker_en", "speaker_text", "cue", "kind"},
    "amounts": {"text", "value", "bound", "counted", "claimed_by_en"},
    "dates": {"text", "value"},
    "places": {"text", "name_en", "country", "lat", "lon"},
    "events": {"plover", "sentence", "actor1_en", "actor2_en", "place_en", "date"},
}
ENTITY_TYPES = {"PER", "ORG", "LOC"}
QUOTE_KINDS = {"direct", "indirect"}
BOUNDS = {"exact", "more_than", "at_least", "about", "less_than", "at_most"}
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
MIN_WORDS, MAX_WORDS = 140, 400
MIN_DOCS = 32
PUB_MIN, PUB_MAX = datetime.date(2015, 1, 1), datetime.date(2026, 12, 31)

TERMINALS = ".!?؟"
OPENERS = "\"«“'"
CLOSERS = "\"»”'"
ALL_MARKS = set(OPENERS) | set(CLOSERS)

DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")
SCALES = [("تريليون", 10 ** 12), ("مليار", 10 ** 9), ("مليون", 10 ** 6), ("ملايين", 10 ** 6),
          ("مليوني", 10 ** 6), ("ألف", 10 ** 3), ("آلاف", 10 ** 3)]
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
STORY_RE = re.compile(r"^story-([a-z]+)-(\d+)$")
WEEKDAYS = {"الإثنين": 0, "الاثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4,
            "السبت": 5, "الأحد": 6}


def valid_iso(value: Any, day_only: bool = False) -> bool:
    if not isinstance(value, str) or not (DAY_RE if day_only else DATE_RE).match(value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def digits_value(surface: str) -> float | None:
    """Number written with digits in `surface` times its scale word, or None if not applicable."""
    s = surface.translate(DIGITS)
    s = s.replace("٬", "")
    # Arabic thousands separator became ','; a Western ',' between digits is an AFP-style decimal.
    if "٬" in surface:
        s = s.replace(",", "")
    s = re.sub(r"(\d),(\d)", r"\1.\2", s)
    nums = re.findall(r"\d+(?:\.\d+)?", s)
    if len(nums) != 1:
        return None
    scale = 1
    for word, mult in SCALES:
        if word in surface:
            scale = mult
            break
    return float(nums[0]) * scale


def starts_sentence(text: str, idx: int) -> bool:
    k = idx - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    if k < 0 or text[k] == "\n":
        return True
    if text[k] in TERMINALS:
        return True
    return text[k] in CLOSERS and k > 0 and text[k - 1] in TERMINALS


def ends_sentence(text: str, idx: int, sentence: str) -> bool:
    end = idx + len(sentence)
    if end < len(text) and not text[end].isspace():
        return False
    last = sentence.rstrip()
    if last and last[-1] in TERMINALS:
        return True
    if len(last) > 1 and last[-1] in CLOSERS and last[-2] in TERMINALS:
        return True
    return end == len(text) or text[end] == "\n"


def occurrences(text: str, sub: str) -> Iterator[int]:
    i = text.find(sub)
    while i >= 0:
        yield i
        i = text.find(sub, i + 1)


def check_doc(doc: dict[str, Any], lineno: int, errors: list[str]) -> dict[str, Any] | None:
    where = f"line {lineno}"
    if not isinstance(doc, dict):
        errors.append(f"{where}: not a JSON object")
        return None
    did = doc.get("doc_id")
    where = f"line {lineno} ({did})"
    keys = set(doc)
    if keys != DOC_KEYS:
        errors.append(f"{where}: keys missing {sorted(DOC_KEYS - keys)} extra {sorted(keys - DOC_KEYS)}")
        return None
    for k in ("doc_id", "source", "title", "text"):
        if not isinstance(doc[k], str) or not doc[k].strip():
            errors.append(f"{where}: {k} must be a non-empty string")
            return None
    text = doc["text"]
    if not valid_iso(doc["published"], day_only=True):
        errors.append(f"{where}: published {doc['published']!r} is not YYYY-MM-DD")
    elif not PUB_MIN <= datetime.date.fromisoformat(doc["published"]) <= PUB_MAX:
        errors.append(f"{where}: published {doc['published']} outside 2015-2026")
    nwords = len(text.split())
    if not MIN_WORDS <= nwords <= MAX_WORDS:
        errors.append(f"{where}: text has {nwords} words, expected {MIN_WORDS}-{MAX_WORDS}")
    if doc["title"] in text:
        errors.append(f"{where}: title repeated inside text (text is the body only)")

    def sub(field: str, value: Any, kind: str, i: int, nullable: bool = False) -> None:
        if value is None and nullable:
            return
        if not isinstance(value, str) or not value:
            errors.append(f"{where}: {kind}[{i}].{field} must be a non-empty string")
        elif value not in text:
            errors.append(f"{where}: {kind}[{i}].{field} not a substring of text: {value!r}")

    for kind, want in KIND_KEYS.items():
        items = doc[kind]
        if not isinstance(items, list):
            errors.append(f"{where}: {kind} must be a list")
            continue
        for i, it in enumerate(items):
            if not isinstance(it, dict) or set(it) != want:
                got = sorted(it) if isinstance(it, dict) else type(it).__name__
                errors.append(f"{where}: {kind}[{i}] keys {got} != {sorted(want)}")
                continue
            if kind == "entities":
                sub("text", it["text"], kind, i)
                if it["type"] not in ENTITY_TYPES:
                    errors.append(f"{where}: entities[{i}].type {it['type']!r}")
                if not isinstance(it["name_en"], str) or not it["name_en"]:
                    errors.append(f"{where}: entities[{i}].name_en must be a non-empty string")
            elif kind == "quotes":
                sub("quote", it["quote"], kind, i)
                sub("cue", it["cue"], kind, i)
                sub("speaker_text", it["speaker_text"], kind, i, nullable=it["speaker_en"] is None)
                if it["speaker_en"] is not None and (not isinstance(it["speaker_en"], str) or not it["speaker_en"]):
                    errors.append(f"{where}: quotes[{i}].speaker_en must be a string or null")
                if it["kind"] not in QUOTE_KINDS:
                    errors.append(f"{where}: quotes[{i}].kind {it['kind']!r}")
                q = it["quote"] if isinstance(it["quote"], str) else ""
                cue = it["cue"] if isinstance(it["cue"], str) else ""
                if q and cue and q in text and cue in text:
                    lines = text.split("\n")
                    qlines = {n for n, ln in enumerate(lines) if q.split("\n")[0][:40] in ln}
                    if not qlines & {n for n, ln in enumerate(lines) if cue in ln}:
                        errors.append(f"{where}: quotes[{i}] cue {cue!r} is not in the quote's paragraph")
                if (len(q) > 1 and q[0] in OPENERS and q[-1] in CLOSERS
                        and not ALL_MARKS & set(q[1:-1])):
                    errors.append(f"{where}: quotes[{i}].quote keeps its outer quotation marks")
                if q and it["kind"] == "direct" and q in text:
                    enclosed = any(j > 0 and text[j - 1] in OPENERS and
                                   j + len(q) < len(text) and text[j + len(q)] in CLOSERS
                                   for j in occurrences(text, q))
                    if not enclosed:
                        errors.append(f"{where}: quotes[{i}] is direct but not between quotation marks: {q[:40]!r}")
            elif kind == "amounts":
                sub("text", it["text"], kind, i)
                sub("counted", it["counted"], kind, i, nullable=True)
                if not is_number(it["value"]):
                    errors.append(f"{where}: amounts[{i}].value must be a number")
                elif isinstance(it["text"], str):
                    expect = digits_value(it["text"])
                    if expect is not None and abs(expect - it["value"]) > 1e-6 * max(1.0, abs(expect)):
                        errors.append(f"{where}: amounts[{i}] value {it['value']} != {expect:g} read from {it['text']!r}")
                if it["bound"] not in BOUNDS:
                    errors.append(f"{where}: amounts[{i}].bound {it['bound']!r}")
                if it["claimed_by_en"] is not None and (not isinstance(it["claimed_by_en"], str) or not it["claimed_by_en"]):
                    errors.append(f"{where}: amounts[{i}].claimed_by_en must be a string or null")
            elif kind == "dates":
                sub("text", it["text"], kind, i)
                if not valid_iso(it["value"]):
                    errors.append(f"{where}: dates[{i}].value {it['value']!r} not YYYY[-MM[-DD]]")
                elif isinstance(it["text"], str) and len(it["value"]) == 10:
                    wd = datetime.date.fromisoformat(it["value"]).weekday()
                    named = {n for w, n in WEEKDAYS.items() if w in it["text"]}
                    if named and wd not in named:
                        errors.append(f"{where}: dates[{i}] {it['text']!r} names another weekday than {it['value']}")
            elif kind == "places":
                sub("text", it["text"], kind, i)
                if not isinstance(it["name_en"], str) or not it["name_en"]:
                    errors.append(f"{where}: places[{i}].name_en must be a non-empty string")
                if not isinstance(it["country"], str) or not re.match(r"^([A-Z]{2})?$", it["country"]):
                    errors.append(f"{where}: places[{i}].country {it['country']!r} not ISO2")
                for axis, lim in (("lat", 90), ("lon", 180)):
                    v = it[axis]
                    if not is_number(v) or not -lim <= v <= lim:
                        errors.append(f"{where}: places[{i}].{axis} {v!r} out of range")
                    elif round(v, 2) != v:
                        errors.append(f"{where}: places[{i}].{axis} {v} has more than 2 decimals")
            elif kind == "events":
                sent = it["sentence"]
                sub("sentence", sent, kind, i)
                if it["plover"] not in PLOVER:
                    errors.append(f"{where}: events[{i}].plover {it['plover']!r}")
                if not isinstance(it["actor1_en"], str) or not it["actor1_en"]:
                    errors.append(f"{where}: events[{i}].actor1_en must be a non-empty string")
                for f in ("actor2_en", "place_en"):
                    if it[f] is not None and (not isinstance(it[f], str) or not it[f]):
                        errors.append(f"{where}: events[{i}].{f} must be a string or null")
                if it["date"] is not None and not valid_iso(it["date"], day_only=True):
                    errors.append(f"{where}: events[{i}].date {it['date']!r} not YYYY-MM-DD or null")
                if isinstance(sent, str) and sent and sent in text:
                    if not any(starts_sentence(text, j) and ends_sentence(text, j, sent)
                               for j in occurrences(text, sent)):
                        errors.append(f"{where}: events[{i}].sentence is not a whole sentence: {sent[:50]!r}")

    ents = [e for e in doc["entities"] if isinstance(e, dict) and set(e) == KIND_KEYS["entities"]]
    for (t, n), c in Counter((e["type"], e["name_en"]) for e in ents).items():
        if c > 1:
            errors.append(f"{where}: entity {t}/{n} listed {c} times (one per distinct entity)")
    places = [p for p in doc["places"] if isinstance(p, dict) and set(p) == KIND_KEYS["places"]]
    for n, c in Counter(p["name_en"] for p in places).items():
        if c > 1:
            errors.append(f"{where}: place {n} listed {c} times (one per distinct place)")
    loc_names = {e["name_en"] for e in ents if e["type"] == "LOC"}
    for p in places:
        if p["name_en"] not in loc_names:
            errors.append(f"{where}: place {p['name_en']} has no LOC entity")
    return doc


def main(paths: list[str], min_docs: int = MIN_DOCS) -> int:
    status = 0
    for path in paths:
        errors: list[str] = []
        docs: list[dict[str, Any]] = []
        ids: Counter[str] = Counter()
        with open(path, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                if not line.strip():
                    errors.append(f"line {lineno}: blank line")
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    errors.append(f"line {lineno}: invalid JSON: {exc}")
                    continue
                doc = check_doc(obj, lineno, errors)
                if doc is not None:
                    docs.append(doc)
                    ids[doc["doc_id"]] += 1
        for did, c in ids.items():
            if c > 1:
                errors.append(f"doc_id {did} used {c} times")
        if len(docs) < min_docs:
            errors.append(f"{len(docs)} articles, expected at least {min_docs}")
        groups: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
        for d in docs:
            m = STORY_RE.match(d["doc_id"])
            if m:
                groups[m.group(1)].append(d)
        for g, members in sorted(groups.items()):
            sources = {d["source"] for d in members}
            if len(members) < 3 or len(sources) < len(members):
                errors.append(f"story group {g}: {len(members)} articles from {len(sources)} sources "
                              "(need >= 3, each from a different outlet)")

        counts: Counter[str] = Counter()
        for d in docs:
            for kind in KIND_KEYS:
                counts[kind] += len(d[kind])
        print(f"{path}: {len(docs)} articles, story groups: "
              + ", ".join(f"{g}={len(m)}" for g, m in sorted(groups.items())))
        print("  " + "  ".join(f"{k}={counts[k]}" for k in KIND_KEYS))
        if errors:
            status = 1
            print(f"  {len(errors)} problem(s):")
            for e in errors:
                print("  - " + e)
        else:
            print("  OK")
    return status


def non_negative_int(value: str) -> int:
    n = int(value)
    if n < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is negative")
    return n


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description="Validate hand-annotated document-facts gold files.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="gold JSONL file(s); default: dev-gold.jsonl beside this script")
    parser.add_argument("--min-articles", type=non_negative_int, default=MIN_DOCS, metavar="N",
                        help=f"minimum number of articles per file (default {MIN_DOCS})")
    args = parser.parse_args()
    sys.exit(main(args.paths or [os.path.join(here, "dev-gold.jsonl")], args.min_articles))
