"""The event vocabulary: the CAMEO codebook (Goldstein, QuadClass, PLOVER) and the Arabic triggers.

Both live in knowledge/data/events/ as TSV; this module validates them against each other (every
trigger's code exists, every PLOVER value is known) and compiles the triggers for matching.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.datafiles import package_data_path, read_tsv
from marsad.knowledge.index import name_tokens
from marsad.text.phrases import PhraseTrie

PLOVER = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})


TRIGGER_POS = frozenset({"verb", "noun", "phrase", "refine"})


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    label: str
    goldstein: float
    quad_class: int
    plover: str  # "" for public statements (01x), which marsad reports as quotes, not events


@dataclass(frozen=True, slots=True)
class Trigger:
    tokens: tuple[str, ...]
    rule: str  # the triggers.tsv id
    cameo: str
    pos: str
    target_preps: frozenset[str]
    written: str
    # Split triggers ("قطعت … علاقاتها"): parts that must follow within GAP tokens, in order.
    then: tuple[tuple[str, ...], ...] = ()


GAP = "…"
GAP_TOKENS = 12


@dataclass(frozen=True, slots=True)
class EventLexicon:
    codes: dict[str, CameoCode]
    triggers: PhraseTrie[list[Trigger]]  # several triggers may share a first part (split triggers)


@lru_cache(maxsize=1)
def event_lexicon() -> EventLexicon:
    codes: dict[str, CameoCode] = {}
    for row in read_tsv(package_data_path("marsad.knowledge", "data", "events", "cameo.tsv"),
                        ("code", "label", "goldstein", "quad_class")):
        plover = row.get("plover")
        if plover and plover not in PLOVER:
            raise row.fail(f"unknown PLOVER category {plover!r}")
        if row["code"] in codes:
            raise row.fail(f"duplicate CAMEO code {row['code']}")
        codes[row["code"]] = CameoCode(row["code"], row["label"], float(row["goldstein"]), int(row["quad_class"]),
                                       plover)
    triggers: PhraseTrie[list[Trigger]] = PhraseTrie()
    seen: set[str] = set()
    for row in read_tsv(package_data_path("marsad.knowledge", "data", "events", "triggers.tsv"),
                        ("id", "cameo", "pos", "forms")):
        if row["id"] in seen:
            raise row.fail(f"duplicate trigger id {row['id']}")
        seen.add(row["id"])
        if row["pos"] not in TRIGGER_POS:
            raise row.fail(f"unknown trigger pos {row['pos']!r} (one of {', '.join(sorted(TRIGGER_POS))})")
        if row["cameo"] not in codes:
            raise row.fail(f"CAMEO code {row['cameo']} is not in cameo.tsv")
        preps = frozenset(t for p in row.list("actor2_preps") for t in name_tokens(p))
        for form in row.list("forms"):
            parts = [tuple(name_tokens(p)) for p in form.split(GAP)]
            if not all(parts):
                raise row.fail(f"form {form!r} has an empty part around {GAP}")
            trig = Trigger(parts[0], row["id"], row["cameo"], row["pos"], preps, form, tuple(parts[1:]))
            bucket = triggers.get(parts[0])
            if bucket is None:
                triggers.add(parts[0], [trig])
            else:
                bucket.append(trig)
    for bucket in triggers.entries():
        # A split trigger is more specific than its first word alone, and a longer split part than a
        # shorter one ("فرضت … حظرا للتجول" is a curfew before "فرضت … حظرا" is an embargo).
        bucket.sort(key=lambda t: (-len(t.then), -sum(len(part) for part in t.then)))
    return EventLexicon(codes, triggers)
