"""Stage "events": CAMEO/PLOVER events from Arabic triggers, with actors, place, date and modality.

A trigger (a verb in any inflection, an event noun, a phrase; clitics and pronoun suffixes allowed)
fires a CAMEO code. Its actors come from the sentence's entities and titles: actor1 acts (the subject
after a verb, or the clause's subject before it), actor2 is introduced by the trigger's prepositions
(مع، على، ضد…) or follows as its object. The place is a location in the sentence, else the paragraph,
else the document's focus country; the date is a date expression in the sentence, else the publication
date. Negation and modality (planned, hypothetical, denied) come from the words before the trigger.
Statements are quotes, not events; triggers inside direct quotes are the speaker's words, not events.
"""

from __future__ import annotations

from bisect import bisect_right

from marsad.context import Context
from marsad.extract.event_lexicon import CameoCode, EventLexicon, event_lexicon
from marsad.extract.event_selection import Candidate, ReportedSoFar, clause_starts, select_events
from marsad.extract.event_triggers import (
    TriggerHit,
    is_background,
    is_participle,
    opens_reported_clause,
    sentence_triggers,
)
from marsad.extract.quotes import Found as QuoteFound
from marsad.extract.speech import Speaker, sentence_cues, speakers_of
from marsad.knowledge.index import KBIndex, default_index
from marsad.model import ActorRef, Event, EventPlace, Modality, Place
from marsad.stages import Stage, register
from marsad.text.clitics import FUTURE, proclitic_splits, stems
from marsad.text.view import TextView

_NEGATION = frozenset({"لم", "لن", "لا", "ما", "ليس", "ليست", "عدم", "دون"})
_DENIAL = frozenset({"نفي", "نفت", "نفوا", "ينفي", "تنفي", "نافيا", "نافيه"})
_PLANNED = frozenset({"سوف", "المقرر", "يعتزم", "تعتزم", "يعتزمون", "المزمع", "المرتقب", "تخطط", "يخطط", "ستقوم",
                      "سيقوم", "سيتم", "ستتم", "ينوي", "تنوي"})
_HYPOTHETICAL = frozenset({"اذا", "لو", "حال", "ربما", "قد", "يمكن", "يحتمل", "احتمال"})
_MODAL_REACH = 4  # tokens before a trigger that can negate or qualify it
_ACTOR_REACH = 8
_SELF_COMPLEMENTIZERS = frozenset({"انه", "انها", "انهم", "بانه", "بانها", "بانهم", "انهما"})
# Protesters and deployed forces are often unnamed: the country where it happens stands for them (as
# GDELT codes them). An attack or a death toll with no named attacker is not coded as an event.
_COUNTRY_AS_ACTOR = frozenset({"PROTEST", "MOBILIZE"})
_PLACE_PREPS = frozenset({"في", "ب"})
# Forces and bodies whose nisba names the state that acts ("مقاتلات روسية"، "السلطات الإيرانية").
_FORCE_HEADS = frozenset({"طائرات", "طائره", "مقاتلات", "مقاتله", "قوات", "القوات", "جيش", "الجيش", "الشرطه",
                          "شرطه", "السلطات", "سلطات", "الحكومه", "حكومه", "الامن", "البحريه", "الدفاعات",
                          "المدفعيه", "مسيرات", "مسيره", "زوارق", "سفن", "بوارج", "دبابات", "وحدات", "فرق",
                          "حربيه", "الحربيه", "العسكريه", "عسكريه", "الجويه", "جويه"})
class EventFinder:
    def __init__(self, ctx: Context, index: KBIndex, lex: EventLexicon) -> None:
        self.ctx = ctx
        self.view = ctx.view
        self.texts = ctx.view.tokens.texts
        self.index = index
        self.lex = lex
        self.speakers = speakers_of(ctx)
        quotes: list[QuoteFound] = ctx.findings.get("quotes", [])
        # quote spans (normalised) and who speaks in them
        self.direct_speakers = {(q.start, q.end): q.speaker for q in quotes if q.kind == "direct"}
        self.indirect_speakers = {(q.start, q.end): q.speaker for q in quotes if q.kind == "indirect"}
        self.direct = list(self.direct_speakers)
        self.indirect = list(self.indirect_speakers)
        self.places: list[Place] = list(ctx.analysis.places)
        self.nisba_actors = self._nisba_actors()

    def _nisba_actors(self) -> dict[int, Speaker]:
        """Countries named by a nisba after a force outside any speaker phrase ("طائرات حربية إسرائيلية"،
        "قوات الأمن التركية"): the state acts, as GDELT codes "Israeli jets" as ISR ("بيشاور الباكستانية"
        is a place, not an actor)."""
        inside = {k for sp in self.speakers.by_first.values() for k in range(sp.first, sp.last)}
        out: dict[int, Speaker] = {}
        for f in self.ctx.findings["entities"].nisba_countries:
            heads = {st for w in self.texts[max(0, f.first - 2) : f.first] for st in stems(w)}
            if f.first not in inside and not heads.isdisjoint(_FORCE_HEADS):
                span = self.view.span(f.nstart, f.nend)
                ref = ActorRef(span.text, span.start, span.end, f.target, f.name_en, f.cameo)
                out[f.first] = Speaker(f.first, f.last, f.nstart, ref, f.rule)
        return out

    def modality(self, hit: TriggerHit, a: int) -> tuple[bool, Modality]:
        before = [t for t in self.texts[max(a, hit.first - _MODAL_REACH) : hit.first]]
        stems = {s.stem for w in before for s in proclitic_splits(w)}
        sentence_before = {s.stem for w in self.texts[a : hit.first] for s in proclitic_splits(w)}
        if sentence_before & _DENIAL:
            return True, "denied"
        negated = bool(stems & _NEGATION)
        future = any(FUTURE in split.proclitics for split in proclitic_splits(self.texts[hit.first]))
        if future or stems & _PLANNED:
            return negated, "planned"
        if stems & _HYPOTHETICAL:
            return negated, "hypothetical"
        return negated, "asserted"

    def actors(self, hit: TriggerHit, a: int, b: int) -> tuple[Speaker | None, Speaker | None]:
        cands = [self.speakers.at(k) or self.nisba_actors.get(k) for k in range(a, b)]
        present = [sp for sp in cands if sp is not None]
        # "وفي سوريا، قتل …": a name after a preposition is a circumstance, never the one who acts.
        subjects = [sp for sp in present if not self.speakers.after_preposition(sp.first)]
        actor2 = None
        for sp in present:
            if hit.last <= sp.first < hit.last + _ACTOR_REACH and self._introduced(sp, hit.trigger.target_preps):
                actor2 = sp
                break
        actor1 = None
        if hit.trigger.pos == "verb":
            # The subject may sit inside a phrase trigger ("أطلقت الشرطة الغاز").
            actor1 = next((sp for sp in subjects if hit.first < sp.first < hit.last + _ACTOR_REACH
                           and sp is not actor2 and not self.speakers.is_prepositional(sp)), None)
        if actor1 is None:
            before = [sp for sp in subjects if sp.last <= hit.first and not self.speakers.is_prepositional(sp)]
            actor1 = before[-1] if before else None
            # "بوتين ورحمون، ناقشا": coordinated subjects act together; the first is actor1.
            if len(before) >= 2 and before[-2].last == before[-1].first and self.texts[before[-1].first][0] == "و":
                actor1, actor2 = before[-2], actor2 or before[-1]
        if actor1 is None and hit.trigger.pos != "verb":
            actor1 = next((sp for sp in subjects if hit.first < sp.first < hit.last + 4 and sp is not actor2), None)
        if actor2 is None and hit.trigger.pos == "verb" and not hit.trigger.target_preps and actor1 is not None:
            actor2 = next((sp for sp in present if sp.first > max(actor1.last, hit.last) - 1
                           and sp.first < hit.last + _ACTOR_REACH and sp is not actor1), None)
        return actor1, actor2

    def _introduced(self, sp: Speaker, preps: frozenset[str]) -> bool:
        """Is the candidate introduced by one of the trigger's prepositions (a token or a clitic)?"""
        if not preps:
            return False
        if sp.first > 0 and self.texts[sp.first - 1] in preps:
            return True
        word = self.texts[sp.first]
        prefix = word[: sp.nstart - self.view.tokens.spans[sp.first][0]] or ("ل" if word.startswith("لل") else "")
        return any(p in preps for p in prefix)

    def place(self, a: int, b: int, actors: set[int | None]) -> tuple[EventPlace | None, bool]:
        """The event's place (the sentence's, else its paragraph's, else the document's focus country) and
        whether the sentence states it."""
        span = (self.view.tokens.spans[a][0], self.view.tokens.spans[b - 1][1]) if b > a else (0, 0)
        for stated, (lo, hi) in ((True, self.view.to_original(*span)), (False, self._paragraph_of(span[0]))):
            inside = [p for p in self.places if lo <= p.start < hi and p.start not in actors]
            if inside:
                best = sorted(inside, key=lambda p: (p.kb_id is not None
                                                     and p.kb_id.startswith(("Q", "marsad:country")), p.start))[0]
                return EventPlace(best.text, best.name_en, best.country, best.lat, best.lon), stated
        focus = self.ctx.analysis.focus_countries
        if focus:
            iso = focus[0].country
            t = self.index.targets.get(self.index.country_ids.get(iso, ""))
            if t is not None and t.lat is not None and t.lon is not None:
                return EventPlace(t.name_en, t.name_en, iso, t.lat, t.lon), False
        return None, False

    def _paragraph_of(self, pos: int) -> tuple[int, int]:
        """Original span of the paragraph holding normalised position `pos`."""
        i = self.view.sentence_index_at(pos)
        if i is None:
            return 0, 0
        para = self.view.sentences[i].paragraph
        same = [s for s in self.view.sentences if s.paragraph == para]
        return self.view.to_original(same[0].start, same[-1].end)

    def date_of(self, a: int, b: int) -> str | None:
        s, e = self.view.tokens.spans[a][0], self.view.tokens.spans[b - 1][1]
        for d in self.ctx.date_matches:
            if s <= d.start < e and d.granularity == "day" and d.value:
                return d.value
        pub = self.ctx.doc.published
        return pub.isoformat() if pub else None


def _specificity(code: str) -> float:
    """Deeper codes are more specific; a code ending in 0 is "not specified below" (041 beats 040)."""
    return len(code) + (0.0 if code.endswith("0") else 0.5)


def _country_actor(index: KBIndex, place: EventPlace | None) -> ActorRef | None:
    if place is None or not place.country:
        return None
    return ActorRef(place.text, None, None, index.country_ids.get(place.country),
                    index.country_names_en.get(place.country), index.country_cameo.get(place.country))


def _speaker_at(quotes: dict[tuple[int, int], ActorRef | None], pos: int) -> ActorRef | None:
    """The speaker of the quote holding normalised position `pos`."""
    return next((sp for (qs, qe), sp in quotes.items() if qs <= pos < qe), None)


def _build_event(finder: EventFinder, hit: TriggerHit, code: CameoCode, si: int, a: int, b: int) -> Event | None:
    view = finder.view
    sentence = view.sentences[si]
    ns = view.tokens.spans[hit.first][0]
    # Inside reported speech the actors are those of the reported clause, not the speaker.
    scope = next((view.token_range(qs, qe)[0] for qs, qe in finder.indirect if qs <= ns < qe), a)
    actor1, actor2 = finder.actors(hit, scope, b)
    negated, modality = finder.modality(hit, a)
    used: set[int | None] = {sp.ref.start for sp in (actor1, actor2) if sp is not None}
    place, stated = finder.place(a, b, used)
    ref1 = finder.speakers.as_state(actor1) if actor1 else None
    if hit.trigger.rule.endswith(".first_person"):
        ref1 = _speaker_at(finder.direct_speakers, ns)
    if ref1 is None and scope > a and finder.texts[scope - 1] in _SELF_COMPLEMENTIZERS:
        # "أعلن الحرس الثوري أنه أطلق عشرات الصواريخ": the one who speaks of himself acted
        ref1 = _speaker_at(finder.indirect_speakers, ns)
    if ref1 is None and code.plover in _COUNTRY_AS_ACTOR and stated:
        ref1 = _country_actor(finder.index, place)
    if ref1 is None and actor2 is None and not stated:
        return None  # an event needs an actor or a place its sentence states
    s_span = view.span(sentence.start, sentence.end)
    trig = view.span(ns, view.tokens.spans[hit.last - 1][1])
    return Event(s_span.start, s_span.end, trig, code.code, code.plover, code.quad_class, code.goldstein,
                 ref1, finder.speakers.as_state(actor2) if actor2 else None, place, finder.date_of(a, b),
                 negated, modality, f"trigger:{hit.trigger.rule}:{hit.trigger.written}")


def _refine(event: Event, hit: TriggerHit, code: CameoCode, view: TextView) -> None:
    """"بحث … خلال اتصال هاتفي": a background noun of the same category names the event more precisely."""
    event.trigger = view.span(view.tokens.spans[hit.first][0], view.tokens.spans[hit.last - 1][1])
    event.cameo, event.quad_class, event.goldstein = code.code, code.quad_class, code.goldstein
    event.rule += f"|refined-by:{hit.trigger.rule}:{hit.trigger.written}"


def _candidates(finder: EventFinder, lex: EventLexicon, si: int) -> tuple[list[Candidate], list[TriggerHit]]:
    """The sentence's candidate events (per clause and category, the most specific code) and its
    background triggers, which only refine an event ("خلال اتصال هاتفي")."""
    view = finder.view
    a, b = view.sentence_token_range(si)
    hits = sentence_triggers(finder.texts, lex, a, b)
    # "…، متهمة إياها بدعم الإرهاب", "…، داعيا إلى …": a participle after a comma adds its own event.
    # "…، وأطلقت قوات الأمن الرصاص": after a comma, a verb with و starts a clause of its own too.
    participles = [h.first for h in hits if h.trigger.pos == "verb" and h.first > a
                   and finder.texts[h.first - 1] in ("،", ",")
                   and (is_participle(finder.texts[h.first]) or h.proclitics[:1] == "و")]
    clauses = clause_starts(finder.texts, a, b, participles)
    found: dict[tuple[int, str], Candidate] = {}
    refiners: list[TriggerHit] = []
    asides = [(c.first, c.last) for c in sentence_cues(finder.ctx, si) if c.cue.kind == "aside"]
    # A noun right after a verb trigger, or after the verb and its subject, is its object.
    named = {k for sp in (*finder.speakers.by_first.values(), *finder.nisba_actors.values())
             for k in range(sp.first, sp.last)}
    verb_ends = set()
    for h in hits:
        if h.trigger.pos == "verb":
            k = h.last
            verb_ends.add(k)
            while k < b and k in named:
                k += 1
                verb_ends.add(k)
    for rank, hit in enumerate(hits):
        code = lex.codes[hit.trigger.cameo]
        ns = view.tokens.spans[hit.first][0]
        own_words = hit.trigger.rule.endswith(".first_person")  # "«ندعو جميع الأطراف…»": the speaker's act
        if not code.plover or (any(qs <= ns < qe for qs, qe in finder.direct) != own_words) \
                or any(first <= hit.first < last for first, last in asides):  # "طلب عدم ذكر اسمه" requests nothing
            continue
        reported = any(qs <= ns < qe for qs, qe in finder.indirect)
        # "ودان الحريري إحراق المبنى", "رافضا الاتهامات": the verb's object names what it is about.
        object_of_verb = hit.trigger.pos != "verb" and hit.first in verb_ends
        if object_of_verb or is_background(finder.texts, hit, a) or (
                reported and hit.trigger.pos != "verb" and not opens_reported_clause(finder.texts, hit)):
            # A noun in someone's reported words names what they talk about, not what happened, unless
            # the clause is about it ("أكد أن قوات حفظ السلام ستتواجد في كازاخستان").
            refiners.append(hit)
            continue
        event = _build_event(finder, hit, code, si, a, b)
        if event is None:
            continue
        clause = bisect_right(clauses, hit.first) - 1
        previous = found.get((clause, code.plover))
        if previous is None or _specificity(code.code) > _specificity(previous.event.cameo):
            definite = hit.trigger.pos != "verb" and finder.texts[hit.first][len(hit.proclitics):].startswith("ال")
            found[(clause, code.plover)] = Candidate(hit.trigger.pos, event, rank, reported, clause, definite)
    return list(found.values()), refiners


def find_events(ctx: Context) -> list[Event]:
    lex = event_lexicon()
    finder = EventFinder(ctx, default_index(), lex)
    view = ctx.view
    events: list[Event] = []
    so_far = ReportedSoFar()
    for si in range(len(view.sentences)):
        a, b = view.sentence_token_range(si)
        candidates, refiners = _candidates(finder, lex, si)
        selected = select_events(candidates, so_far)
        for hit in refiners:
            code = lex.codes[hit.trigger.cameo]
            event = next((e for e in selected if e.plover == code.plover), None)
            if event is not None and _specificity(code.code) > _specificity(event.cameo):
                _refine(event, hit, code, view)
                if event.actor2 is None:  # "… خلال اتصال هاتفي مع نظيره": the noun introduces the target
                    target = finder.actors(hit, a, b)[1]
                    event.actor2 = finder.speakers.as_state(target) if target else None
        events.extend(selected)
    return events


@register("events")
class EventsStage(Stage):
    requires = ("entities", "quotes", "places", "dates")

    def find(self, ctx: Context) -> list[Event]:
        return find_events(ctx)

    def set_annotations(self, ctx: Context, found: list[Event]) -> None:
        ctx.analysis.events.extend(found)
