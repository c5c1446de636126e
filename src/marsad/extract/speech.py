"""Reporting cues and speakers: who is speaking at a point of the text.

The cue lexicon (extract/data/speech_cues.tsv) lists verbs (قال، أضاف، أكد…), participles (مشيرا،
مؤكدا…), phrases (جاء في، نقل عن…), attribution markers (وفق، بحسب) and nouns (بيان، تصريح…). A speaker
is an entity or a title reference found next to a cue: after it (VSO: "قال الرئيس الروسي"), just before
it (SVO: "الرئيس الروسي قال"), or carried over from the previous quote ("وأضاف", "مشيرا").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from marsad.context import Context
from marsad.datafiles import package_data_path, read_tsv
from marsad.knowledge.index import KBIndex, default_index, name_tokens
from marsad.model import ActorRef
from marsad.recognize.entities import EntityFindings
from marsad.recognize.mentions import Found, TitleRef
from marsad.text.clitics import has_preposition, proclitic_splits
from marsad.text.lexicon import function_words
from marsad.text.normalize import normalize_key
from marsad.text.phrases import PhraseTrie, clitic_chars, match_all
from marsad.text.view import TextView

CueKind = Literal["verb", "participle", "noun", "phrase", "aside", "saying"]
_ATTRIBUTION = frozenset({"وفق", "وفقا", "حسب", "بحسب", "طبقا", "استنادا", "نقلا"})
SUBJECT_WINDOW = 12  # tokens after a cue in which its subject is looked for
_QUOTE_MARKS = frozenset('"«»“”')
_MEDIA_HEADS = frozenset({"وكاله", "صحيفه", "قناه", "موقع", "اذاعه", "تلفزيون", "شبكه", "مجله"})


@dataclass(frozen=True, slots=True)
class Cue:
    tokens: tuple[str, ...]
    kind: CueKind
    introduces: str  # direct | indirect | both
    polarity: str
    written: str

    @property
    def attribution(self) -> bool:
        """"وفقا لـ X", "بحسب X": marks a source, not a speech act."""
        return self.tokens[0] in _ATTRIBUTION


@lru_cache(maxsize=1)
def cue_lexicon() -> PhraseTrie[Cue]:
    out: PhraseTrie[Cue] = PhraseTrie()
    path = package_data_path("marsad.extract", "data", "speech_cues.tsv")
    for row in read_tsv(path, ("form", "kind", "introduces")):
        if row["kind"] not in ("verb", "participle", "noun", "phrase", "aside", "saying"):
            raise row.fail(f"unknown cue kind {row['kind']!r}")
        for form in row.list("form"):
            toks = tuple(name_tokens(form))
            out.add(toks, Cue(toks, row["kind"], row["introduces"], row.get("polarity"), form))  # type: ignore[arg-type]
    return out


@dataclass(frozen=True, slots=True)
class CueHit:
    first: int
    last: int
    cue: Cue


def find_cues(texts: list[str], start: int, stop: int) -> list[CueHit]:
    """Cues in tokens[start:stop], longest first, clitic-aware (وقال، فأكد، ومشيرا)."""
    return [CueHit(m.first, m.last, m.entry) for m in match_all(texts, cue_lexicon(), start, stop)]


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker candidate: its token range, where its name starts, the ActorRef to output, the rule."""

    first: int
    last: int
    nstart: int
    ref: ActorRef
    origin: str


class Speakers:
    """Speaker candidates of one document (entity mentions and title references), by token."""

    def __init__(self, index: KBIndex, view: TextView, found: EntityFindings) -> None:
        self.index = index
        self.view = view
        self.by_first: dict[int, Speaker] = {}
        self.persons = {f.first for f in found.mentions if f.type == "PER"}  # where persons' names start
        # where organisations' names start (a title starting at the same token speaks as a person)
        self.bodies = {f.first for f in found.mentions if f.type == "ORG"} - {t.first for t in found.titles}
        apposed = {id(t.person) for t in found.titles if t.person is not None}
        countries: dict[str, int] = {}
        for f in found.mentions:
            t = index.targets.get(f.target) if f.target else None
            if t is not None and t.country:
                countries[t.country] = countries.get(t.country, 0) + 1
            if id(f) in apposed:
                continue
            if f.type in ("PER", "ORG") or (t is not None and t.kind == "country"):
                self.by_first[f.first] = Speaker(f.first, f.last, f.nstart, self._ref_of_mention(f), f.rule)
            elif t is not None and t.kind == "capital" and t.country in index.country_ids:
                # "وأعربت موسكو عن …": a capital speaks and acts for its state.
                self.by_first[f.first] = Speaker(f.first, f.last, f.nstart, self._country_ref(f, t.country),
                                                 f.rule + "|capital-for-state")
        self.focus = max(sorted(countries), key=lambda c: countries[c]) if countries else None
        self._add_generic_actors()
        for title in found.titles:
            last = title.person.last if title.person else title.last
            self.by_first[title.first] = Speaker(title.first, last, title.nstart, self._ref_of_title(title), title.rule)
        self._ordered = sorted(self.by_first.values(), key=lambda sp: sp.first)

    def _country_ref(self, f: Found, iso: str) -> ActorRef:
        span = self.view.span(f.nstart, f.nend)
        return ActorRef(span.text, span.start, span.end, self.index.country_ids[iso],
                        self.index.country_names_en.get(iso), self.index.country_cameo.get(iso))

    def _add_generic_actors(self) -> None:
        """Unnamed state bodies ("الشرطة", "الأجهزة الأمنية"): the document's main country, with a role code."""
        texts = self.view.tokens.texts
        spans = self.view.tokens.spans
        for m in match_all(texts, generic_actors()):
            if m.first in self.by_first:
                continue
            span = self.view.span(spans[m.first][0] + m.skip, spans[m.last - 1][1])
            cameo = self.index.country_cameo.get(self.focus or "", "") + m.entry
            ref = ActorRef(span.text, span.start, span.end, None, None, cameo or None)
            self.by_first[m.first] = Speaker(m.first, m.last, spans[m.first][0] + m.skip, ref, f"generic:{m.entry}")

    def as_state(self, sp: Speaker) -> ActorRef:
        """An unnamed state body as an event actor: the state itself (its name, its code with the role)."""
        if not sp.origin.startswith("generic:") or self.focus is None:
            return sp.ref
        return ActorRef(sp.ref.text, sp.ref.start, sp.ref.end, self.index.country_ids.get(self.focus),
                        self.index.country_names_en.get(self.focus), sp.ref.cameo)

    def _ref(self, nstart: int, nend: int, target: str | None) -> ActorRef:
        span = self.view.span(nstart, nend)
        t = self.index.targets.get(target) if target else None
        return ActorRef(span.text, span.start, span.end, t.id if t else None, t.name_en if t else None,
                        t.cameo if t else None)

    def _ref_of_mention(self, f: Found) -> ActorRef:
        span = self.view.span(f.nstart, f.nend)
        return ActorRef(span.text, span.start, span.end, f.target, f.name_en, f.cameo)

    def _ref_of_title(self, t: TitleRef) -> ActorRef:
        if t.holder is None and t.person is None and t.org is not None:
            # "المتحدث باسم الوزارة": an unnamed office holder speaks for the organisation.
            span = self.view.span(t.nstart, t.nend)
            return ActorRef(span.text, span.start, span.end, t.org.target, t.org.name_en, t.org.cameo)
        if t.person is not None:
            ref = self._ref(t.nstart, t.person.nend, t.person.target or t.holder)
        else:
            ref = self._ref(t.nstart, t.nend, t.holder)
        if ref.cameo is None and t.of in self.index.country_cameo:
            cameo = self.index.country_cameo[t.of] + "GOV"
            return ActorRef(ref.text, ref.start, ref.end, ref.kb_id, ref.name_en, cameo)
        return ref

    def is_prepositional(self, sp: Speaker) -> bool:
        """True when the candidate's token carries ب/ل/ك (an addressee or object: "أكد لوكالة سبوتنيك")."""
        if sp.origin.startswith("pattern:press-office"):
            return False
        word = self.view.tokens.texts[sp.first]
        prefix = word[: sp.nstart - self.view.tokens.spans[sp.first][0]]
        return any(c in "بلك" for c in prefix) or (not prefix and word.startswith("لل"))

    def after(self, i: int, stop: int, barrier: frozenset[str]) -> Speaker | None:
        """The subject following a cue: the first candidate within a few tokens that is not a
        prepositional object; `barrier` tokens (a complementizer, a quote mark) end the search."""
        texts = self.view.tokens.texts
        for k in range(i, min(stop, i + SUBJECT_WINDOW)):
            sp = self.by_first.get(k)
            # "قالت وزارة الصحة في قيرغيزستان": a name after a preposition is not the subject.
            after_preposition = k > 0 and function_words().get(texts[k - 1]) == "preposition"
            if sp is not None and not self.is_prepositional(sp) and not after_preposition \
                    and not self.after_media_head(k):
                return self._person_named_after(sp) or sp
            if texts[k] in barrier:
                return None
        return None

    def _person_named_after(self, sp: Speaker) -> Speaker | None:
        """"عضو اللجنة المالية جمال كوجر", "مدير المستشفى الدكتور X": a body right before a person's
        name (at most a rank or honorific between) is what the person belongs to; the person speaks."""
        if sp.first not in self.bodies:
            return None
        texts = self.view.tokens.texts
        for k in (sp.last, sp.last + 1):
            if k in self.persons and k in self.by_first and (
                    k == sp.last or (texts[sp.last].isalpha() and texts[sp.last] not in function_words())):
                return self.by_first[k]
        return None

    def after_media_head(self, k: int) -> bool:
        """"لوكالة فرانس برس", "لقناة الجزيرة", "لوكالة «سبوتنيك»": the outlet a speaker talked to."""
        texts = self.view.tokens.texts
        k -= 1
        while k >= 0 and texts[k] in _QUOTE_MARKS:
            k -= 1
        return k >= 0 and any(s.proclitics[-1:] in ("ل", "ب") and s.bare in _MEDIA_HEADS
                              for s in proclitic_splits(texts[k]))

    def after_preposition(self, k: int) -> bool:
        """Does a preposition ("في", "وفي", "عن") stand right before token k?"""
        if k == 0:
            return False
        word = self.view.tokens.texts[k - 1]
        return function_words().get(word) == "preposition" or (
            word[:1] in ("و", "ف") and function_words().get(word[1:]) == "preposition")

    def before(self, i: int, start: int) -> Speaker | None:
        """A subject ending right before a cue (SVO), allowing a comma in between."""
        best = None
        for sp in self._ordered:
            if sp.first >= i:
                break
            if start <= sp.first and i - 2 <= sp.last <= i and not self.is_prepositional(sp) \
                    and not self.after_preposition(sp.first) and not self.is_media(sp):
                best = sp  # (an outlet before the verb is a dateline: "تونس (رويترز) - قال …")
        return best

    def at(self, i: int) -> Speaker | None:
        return self.by_first.get(i)

    def first_subject(self, start: int, end: int) -> Speaker | None:
        """The first candidate of tokens[start:end] that is not a prepositional object."""
        for sp in self._ordered:
            if sp.first >= end:
                return None
            if sp.first >= start and not self.is_prepositional(sp) and not self.after_preposition(sp.first):
                return sp
        return None

    def is_media(self, sp: Speaker) -> bool:
        t = self.index.targets.get(sp.ref.kb_id) if sp.ref.kb_id else None
        return t is not None and t.kind == "media"


def speakers_of(ctx: Context) -> Speakers:
    """The document's speaker candidates, built once and shared by the quote, claim and event stages."""
    cached = ctx.findings.get("speakers")
    if not isinstance(cached, Speakers):
        cached = Speakers(default_index(), ctx.view, ctx.findings["entities"])
        ctx.findings["speakers"] = cached
    return cached


def sentence_cues(ctx: Context, sentence: int) -> list[CueHit]:
    """The cues of one sentence, found once per document."""
    cache: dict[int, list[CueHit]] = ctx.findings.setdefault("cues", {})
    if sentence not in cache:
        a, b = ctx.view.sentence_token_range(sentence)
        cache[sentence] = find_cues(ctx.view.tokens.texts, a, b)
    return cache[sentence]


@lru_cache(maxsize=1)
def unnamed_speaker_nouns() -> frozenset[str]:
    path = package_data_path("marsad.extract", "data", "unnamed_speakers.tsv")
    return frozenset(normalize_key(row["word"]) for row in read_tsv(path, ("word",)))


_UNNAMED_REACH = 3  # content tokens after a cue in which an unnamed subject ("مصادر") may stand
_MODIFIERS = 2  # adjectives kept with it ("مصادر قضائية"، "مسؤول أمني عراقي")


def unnamed_speaker(view: TextView, i: int, stop: int, barrier: frozenset[str]) -> Speaker | None:
    """"وقالت مصادر قضائية": a subject that is a description, not a name (no record, no English name)."""
    texts = view.tokens.texts
    nouns = unnamed_speaker_nouns()
    fw = function_words()
    seen = 0
    for k in range(i, min(stop, i + SUBJECT_WINDOW)):
        w = texts[k]
        if w in barrier or seen >= _UNNAMED_REACH:
            return None
        if w in fw or not w.isalpha():
            continue
        seen += 1
        split = next((sp for sp in proclitic_splits(w) if sp.bare in nouns or sp.stem in nouns), None)
        if split is None or has_preposition(split.proclitics):
            continue
        last = k + 1
        while last < stop and last - k <= _MODIFIERS and texts[last].isalpha() and texts[last] not in fw \
                and texts[last] not in barrier:
            last += 1
        nstart = view.tokens.spans[k][0] + clitic_chars(w, split.proclitics)
        span = view.span(nstart, view.tokens.spans[last - 1][1])
        return Speaker(k, last, nstart, ActorRef(span.text, span.start, span.end), "unnamed")
    return None


@lru_cache(maxsize=1)
def generic_actors() -> PhraseTrie[str]:
    """Unnamed state bodies → CAMEO role code (extract/data/generic_actors.tsv)."""
    out: PhraseTrie[str] = PhraseTrie()
    for row in read_tsv(package_data_path("marsad.extract", "data", "generic_actors.tsv"), ("word", "role")):
        out.add(tuple(name_tokens(row["word"])), row["role"])
    return out
