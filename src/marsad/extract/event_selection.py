"""Which of a sentence's candidate events it reports.

Wire copy reports one happening per clause; the other triggers of the clause name its background, its
cause or what someone talks about. A sentence is cut into clauses at the conjunctions that start a new
subject's clause ("فيما أعلنت أنقرة إرسال طائرة"، "في حين"، "بينما"، "إذ") and at an escalation
("تحولت إلى"); each clause gives its main event (a verb over a noun, an event with a target, the
sentence's own words over reported speech, earlier over later), plus any other verb or phrase event
with its own subject and target. A happening the article reported before is not counted again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from marsad.model import Event

# Conjunctions, and escalations, which report a second happening ("احتجاجات تحولت إلى اشتباكات").
_CLAUSE_OPENERS = frozenset({"فيما", "بينما", "اذ", "تحولت", "تحول", "تطورت", "تطور"})
_CLAUSE_OPENER_PAIRS = frozenset({("في", "حين"), ("في", "وقت")})
_POS_SALIENCE = {"verb": 2.0, "phrase": 1.0, "noun": 0.0}


@dataclass(frozen=True, slots=True)
class Candidate:
    pos: str  # the trigger's part of speech (verb, noun, phrase)
    event: Event
    rank: int  # order of the trigger in its sentence
    reported: bool  # inside someone's reported speech
    clause: int
    definite: bool = False  # a definite noun ("القمة", "الهجوم"): may name an event reported before

    @property
    def salience(self) -> float:
        """How likely this is the event its clause reports."""
        return (_POS_SALIENCE.get(self.pos, 0.0) + (1.5 if self.event.actor2 is not None else 0.0)
                - (2.0 if self.reported else 0.0) - 0.5 * self.rank)


def clause_starts(texts: Sequence[str], a: int, b: int, extra: Iterable[int] = ()) -> list[int]:
    """Token indices where the clauses of tokens[a:b] start (the first is a); `extra` are more starts
    the caller knows of (a participle that opens its own clause)."""
    starts = [a]
    more = set(extra)
    for k in range(a + 1, b):
        opens = k in more or texts[k] in _CLAUSE_OPENERS \
            or (k + 1 < b and (texts[k], texts[k + 1]) in _CLAUSE_OPENER_PAIRS)
        if opens and k > starts[-1] + 1:
            starts.append(k)
    return starts


@dataclass(slots=True)
class ReportedSoFar:
    """What a document has reported in earlier sentences, so a later mention of the same happening is
    not counted again: "وشارك في القمة …" after the summit's lead, "أكد البنتاغون أن إيران أطلقت …"
    after the launch was reported with the same actor."""

    categories: set[str] = field(default_factory=set)
    by_actor: set[tuple[str, str]] = field(default_factory=set)

    def repeats(self, c: Candidate) -> bool:
        e = c.event
        if not (c.definite or c.reported) or e.plover not in self.categories:
            return False
        # the same happening by the same actor, or a definite noun with no actor of its own ("القمة")
        return (e.plover, _actor_key(e)) in self.by_actor if e.actor1 is not None else c.definite

    def add(self, events: Iterable[Event]) -> None:
        for e in events:
            self.categories.add(e.plover)
            if e.actor1 is not None:
                self.by_actor.add((e.plover, _actor_key(e)))


def _actor_key(e: Event) -> str:
    assert e.actor1 is not None
    return e.actor1.name_en or e.actor1.text


def select_events(candidates: Sequence[Candidate], so_far: ReportedSoFar | None = None) -> list[Event]:
    """Per clause, the main event and any other verb or phrase event with its own subject and target; a
    mention of a happening `so_far` already holds is left out."""
    fresh = [c for c in candidates if so_far is None or not so_far.repeats(c)]
    out: list[Event] = []
    for clause in sorted({c.clause for c in fresh}):
        ranked = sorted((c for c in fresh if c.clause == clause), key=lambda c: -c.salience)
        main = ranked[0].event
        out.append(main)
        for c in ranked:
            e = c.event
            if e is main:
                continue
            if c.pos in ("verb", "phrase") and not c.reported and e.actor1 is not None and e.actor2 is not None \
                    and (main.actor1 is None or e.actor1.text != main.actor1.text):
                out.append(e)
    out.sort(key=lambda e: e.trigger.start)
    if so_far is not None:
        so_far.add(out)
    return out
