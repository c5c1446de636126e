"""Event triggers in a sentence, and which of them are background rather than the event reported.

`match_trigger` finds the longest trigger at a token (clitics and a pronoun suffix allowed; split
triggers "قطعت … علاقاتها" check their later parts). `is_background` tells a trigger that only refines
or describes from one that reports: a death toll or a purpose ("قتيلا"، "احتجاجا على"), a noun after
خلال/عقب/بعد/رغم/إزاء…, a purpose or means with ب/ل ("لاستئناف"، "بمطالب") except after "قامت"/"تحولت",
the subject of a verb-first "وشهدت زيارة ترمب …", a relative clause, "كان" + imperfect, a passive toll.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.extract.event_lexicon import GAP_TOKENS, EventLexicon, Trigger
from marsad.extract.quotes import COMPLEMENTIZERS
from marsad.knowledge.index import default_index
from marsad.recognize.mentions import pattern_lexicon
from marsad.text.clitics import enclitic_splits, proclitic_splits, stems
from marsad.text.lexicon import function_words
from marsad.text.phrases import match_at

# Before an event noun these make it background ("خلال زيارة", "عقب اجتماع", "حصيلة الانفجار"), not
# the event the sentence reports.
_BACKGROUND = frozenset({"خلال", "عقب", "اثر", "بعد", "قبل", "منذ", "جراء", "بسبب", "لدي", "اثناء", "اطار",
                         "حصيله", "عدد", "ضحايا", "بناء", "علي", "طلب", "موقع", "مكان", "ذكري", "رغم", "برغم",
                         "مقابل", "ازاء", "بشان", "حول", "تجاه"})  # (and the topic: "قلقها إزاء الاعتقال")
# "وشهدت زيارة ترمب توقيع اتفاقيات": the noun right after "شهد" is where something happened, not the event.
_WITNESS = frozenset({"شهد", "شهدت", "تشهد", "يشهد"})
_TOLL_BOUNDS = frozenset({"ما", "نحو", "اكثر", "قرابه", "حوالي", "زهاء", "عشرات", "مئات"})  # "قتل ما لا يقل عن"
_KANA = frozenset({"كان", "كانت", "وكان", "وكانت", "كانوا", "وكانوا"})


# After these a noun with ب/ل is the event itself: "قامت بقصف", "تحولت لاشتباكات", "أدت لمواجهات".
_DO_VERBS = frozenset({"قام", "قامت", "قاموا", "يقوم", "تقوم", "يقومون", "شرع", "شرعت", "تحولت", "تحول", "تطورت",
                       "تطور", "ادت", "ادي"})
_RELATIVE = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي"})


@dataclass(frozen=True, slots=True)
class TriggerHit:
    first: int
    last: int
    trigger: Trigger
    proclitics: str


@lru_cache(maxsize=262144)
def _trigger_keys(word: str) -> frozenset[str]:
    """Every reading of a word a trigger can start with: clitics off, and a pronoun suffix off."""
    return frozenset().union(*(stems(stem) for stem, _ in enclitic_splits(word)))


def _follows(texts: list[str], part: tuple[str, ...], start: int, stop: int) -> int | None:
    """End of `part` if it starts within GAP_TOKENS of `start` (its first token may carry clitics)."""
    for k in range(start, min(stop, start + GAP_TOKENS + 1)):
        if part[0] in stems(texts[k]) and all(k + n < stop and texts[k + n] == part[n] for n in range(1, len(part))):
            return k + len(part)
    return None


def _choose(texts: list[str], triggers: list[Trigger], end: int, stop: int) -> Trigger | None:
    """The first trigger whose split parts all follow (plain triggers always qualify)."""
    for trig in triggers:
        pos: int | None = end
        for part in trig.then:
            pos = _follows(texts, part, pos, stop) if pos is not None else None
        if pos is not None:
            return trig
    return None


def match_trigger(texts: list[str], lex: EventLexicon, i: int, stop: int) -> TriggerHit | None:
    """The longest trigger at token i; a single-token trigger may carry a pronoun suffix (اعتقاله).
    Function words never trigger ("هناك" is not هنأ + ك)."""
    word = texts[i]
    if word in function_words():
        return None
    if word in known_words():
        # A word the dictionaries know as such ("وزارة") is not a clitic + trigger (و + زاره "visited him"),
        # but it may start a longer trigger as it stands ("قوات حفظ السلام").
        m = match_at(texts, lex.triggers, i, stop)
        if m is not None and not m.proclitics and m.last > i + 1:
            trig = _choose(texts, m.entry, m.last, stop)
            if trig is not None:
                return TriggerHit(m.first, m.last, trig, "")
        bucket = lex.triggers.get((word,))
        trig = _choose(texts, bucket, i + 1, stop) if bucket else None
        return TriggerHit(i, i + 1, trig, "") if trig else None
    m = match_at(texts, lex.triggers, i, stop)
    if m is not None:
        trig = _choose(texts, m.entry, m.last, stop)
        if trig is not None:
            return TriggerHit(m.first, m.last, trig, m.proclitics)
    for stem, _ in enclitic_splits(word)[1:]:
        for split in proclitic_splits(stem):
            bucket = lex.triggers.get((split.stem,))
            trig = _choose(texts, bucket, i + 1, stop) if bucket else None
            if trig is not None:
                return TriggerHit(i, i + 1, trig, split.proclitics)
    return None


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Words the knowledge base and pattern lexicons know whole: never read as clitics + a trigger."""
    index = default_index()
    heads = {"ال" + h for h in pattern_lexicon().heads} | set(pattern_lexicon().heads)
    return frozenset(index.titles.first) | frozenset(index.names.first) | heads


def is_background(texts: list[str], hit: TriggerHit, a: int) -> bool:
    """A trigger that names the background of the sentence's event, not the event it reports."""
    if hit.trigger.pos == "refine":
        return True  # a death toll or a purpose ("احتجاجا على") refines an event; alone it is not one
    if any(w in _RELATIVE for w in texts[max(a, hit.first - 2) : hit.first]):
        return True  # "الذي ترأس لجنة تحقيق زارت الموقع": a relative clause describes, it does not report
    if hit.first <= a:
        return False
    before = texts[hit.first - 1]
    if before in _BACKGROUND:
        return True  # also a verb form: after "بناء على" or "بعد", "طلب" is the noun (a request made earlier)
    if before == "ان" and hit.first - 2 >= a and texts[hit.first - 2] in ("بعد", "قبل", "منذ"):
        return True  # "بعد أن طلب الرئيس …": what happened before the event reported
    if hit.proclitics[-1:] in ("ب", "ل") and not any(s.stem in _DO_VERBS for s in proclitic_splits(before)):
        return True  # "بدأت بمطالب", "لاستئناف العلاقات", "لسيطرة": a purpose or a means; "قامت بقصف" did it
    if hit.trigger.pos == "verb":
        # "قتل 968 شخصا": a killing verb followed by its count is a passive death toll, no attacker in view.
        toll = hit.trigger.rule.startswith("fight.kill") and hit.last < len(texts) \
            and (texts[hit.last][:1].isdigit() or texts[hit.last] in _TOLL_BOUNDS)
        return toll or _habitual(texts, hit, a)
    if hit.first - 1 == a and any(s.stem in _WITNESS for s in proclitic_splits(before)):
        return True  # verb-first "وشهدت زيارة ترمب …": the noun is the subject (but "العلاقات شهدت قطيعة")
    return any(s.stem in _BACKGROUND for s in proclitic_splits(texts[hit.first])[1:2])


def _habitual(texts: list[str], hit: TriggerHit, a: int) -> bool:
    """"وكانت روسيا تزود الاتحاد الأوروبي بـ27%": كان + an imperfect verb is what used to be, not news."""
    imperfect = texts[hit.first][len(hit.proclitics) : len(hit.proclitics) + 1] in ("ي", "ت")
    return imperfect and any(w in _KANA for w in texts[max(a, hit.first - 3) : hit.first])


def is_participle(word: str) -> bool:
    """An adverbial active participle: derived forms ("متهما", "محذرة", "مطالبين") or the first form
    فاعل ("داعيا", "رافضا")."""
    shaped = word.startswith("م") or (len(word) >= 5 and word[1] == "ا")
    return shaped and len(word) >= 4 and word.endswith(("ا", "ه", "ين"))


def opens_reported_clause(texts: list[str], hit: TriggerHit) -> bool:
    """Does the trigger open a reported clause: right after its complementizer ("أن قوات حفظ السلام")
    or after its verb ("إنه وضع قيد الإقامة الجبرية")?"""
    return any(any(s.stem in COMPLEMENTIZERS for s in proclitic_splits(texts[k]))
               for k in range(max(0, hit.first - 2), hit.first))


def trigger_positions(texts: list[str], lex: EventLexicon, start: int, stop: int) -> list[int]:
    keys = lex.triggers.first.keys()
    return [i for i in range(start, stop) if not keys.isdisjoint(_trigger_keys(texts[i]))]


def sentence_triggers(texts: list[str], lex: EventLexicon, a: int, b: int) -> list[TriggerHit]:
    """The triggers of tokens[a:b], left to right, none overlapping."""
    out: list[TriggerHit] = []
    covered = a
    for i in trigger_positions(texts, lex, a, b):
        if i >= covered:
            hit = match_trigger(texts, lex, i, b)
            if hit is not None:
                out.append(hit)
                covered = hit.last
    return out

