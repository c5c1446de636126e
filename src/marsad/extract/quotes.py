"""Stage "quotes": direct quotes and reported speech, with their cue and a resolved speaker.

Direct quotes: every quotation style (" " “ ” « » „ “ ‹ ›), several sentences long, and the unbalanced
marks scraped pages leave (an unclosed mark ends with its sentence). Indirect speech: a cue followed by
أن/إن/بأن ("أكد أن"، "مشيرا إلى أن"), the content running to the end of its clause. Speakers: the subject
after the cue, before it, after the quote ("…»، قال رحمون"), or carried over from the previous speaker
("وأضاف"، "مشيرا"). Statement nouns ("وأشار البيان") speak for whoever issued the last statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.context import Context
from marsad.extract.speech import (
    CueHit,
    Speaker,
    Speakers,
    find_cues,
    sentence_cues,
    speakers_of,
    unnamed_speaker,
)
from marsad.model import ActorRef, Quote, Span
from marsad.recognize.entities import EntityFindings
from marsad.stages import Stage, register
from marsad.text.clitics import proclitic_splits
from marsad.text.lexicon import function_words
from marsad.text.view import TextView

_PAIRS = {"«": "»", "“": "”", "„": "“", "‹": "›"}
_SYMMETRIC = "\"'"
_OPENERS = frozenset(_PAIRS) | frozenset('"')
COMPLEMENTIZERS = frozenset({"ان", "انه", "انها", "انهم", "انهما", "انني", "اننا", "بان", "بانه", "بانها", "بانهم"})
_CLAUSE_END = frozenset({".", "؟", "?", "!", "؛", ";", "…"})
_COMMAS = frozenset({"،", ","})
_STATEMENT_NOUNS = frozenset({"بيان", "البيان", "التقرير", "الرساله", "البلاغ"})
_MIN_DIRECT_WORDS = 3
COMPLEMENTIZER_WINDOW = 18
_HONORIFICS = frozenset({"سموه", "جلالته", "فخامته", "معاليه", "سعادته", "سيادته", "دولته"})
_ISSUED = frozenset({"صادر", "الصادر", "صادرا", "صادره"})
_SAYING_REACH = 10  # tokens between "عن" and "قوله"
_APPOSED_NAME_GAP = 3  # tokens between an unnamed description and a name still in apposition to it


@dataclass(slots=True)
class Found:
    start: int  # normalised content span
    end: int
    kind: str
    cue: tuple[int, int] | None  # normalised cue span
    speaker: ActorRef | None
    rule: str


_MARKS = re.compile("[" + re.escape("".join(_PAIRS) + '"') + "]")


def quote_spans(text: str, start: int, end: int) -> list[tuple[int, int, int, int]]:
    """(content start, content end, mark start, mark end) of quoted passages in one paragraph."""
    out: list[tuple[int, int, int, int]] = []
    pos = start
    while True:
        m = _MARKS.search(text, pos, end)
        if m is None:
            return out
        i = m.start()
        close = _PAIRS.get(text[i], text[i])
        j = text.find(close, i + 1, end)
        if j < 0:
            # An unclosed mark (scraped pages leave them): the quote ends with its sentence.
            j = next((k for k in range(i + 1, end) if text[k] in ".؟!"), end)
            out.append((i + 1, j, i, j))
        else:
            out.append((i + 1, j, i, j + 1))
        pos = j + 1


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in _SYMMETRIC):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in "،,"):
        e -= 1
    return s, e


class QuoteFinder:
    """Walks the sentences in order, keeping the current speaker and the last statement's issuer."""

    def __init__(self, view: TextView, speakers: Speakers) -> None:
        self.view = view
        self.speakers = speakers
        self.texts = view.tokens.texts
        self.spans = view.tokens.spans
        self.current: Speaker | None = None
        self.issuer: Speaker | None = None
        self.sentence_speaker: Speaker | None = None  # who spoke earlier in the current sentence
        self.found: list[Found] = []

    def _tok(self, pos: int) -> int:
        i = self.view.token_index_at(pos)
        return i if i is not None else self.view.token_range(pos, pos + 1)[0]

    def _speaker_for(self, cue: CueHit, a: int, stop: int) -> tuple[Speaker | None, str]:
        if cue.cue.kind == "saying":
            source = self._source_of_saying(cue, a)
            if source is not None:
                return source, "source-of-saying"
        if cue.cue.kind == "participle":
            # "…، مؤكدا أن": a participle's subject is the sentence's subject ("ودان الحريري …، متسائلا"),
            # or the speaker of a quote earlier in the sentence, never the noun just before it.
            if self.sentence_speaker is None:
                earlier = self.speakers.first_subject(a, cue.first)
                if earlier is not None:
                    return earlier, "subject-of-sentence"
            if self.current is not None:
                return self.current, "previous-speaker"
        # The search stops at the reported clause; quotation marks before it may just wrap a name
        # ("قال قائد «الدعم السريع» …"): the direct quote's own start already bounds `stop`.
        barrier = frozenset(COMPLEMENTIZERS | {":"})
        found = self._statement_speaker(cue, stop) or self._explicit_subject(cue, a, stop, barrier)
        if found is not None:
            return found
        earlier = self.speakers.first_subject(a, cue.first)
        if earlier is not None:
            # "دافع الوزير عن القرار، وقال إن …": the clause before the cue names who speaks.
            return earlier, "subject-earlier-in-sentence"
        if self.current is not None:
            return self.current, "previous-speaker"
        return None, "unattributed"

    def _source_of_saying(self, cue: CueHit, a: int) -> Speaker | None:
        """"ونقلت وكالة رويترز عن مصدر أمني قوله": the one "عن" names speaks, not the outlet."""
        about = next((k for k in range(cue.first - 1, max(a, cue.first - _SAYING_REACH) - 1, -1)
                      if self.texts[k] == "عن"), None)
        if about is None:
            return None
        named = self.speakers.at(about + 1)
        if named is not None and named.last <= cue.first:
            return named
        return unnamed_speaker(self.view, about + 1, cue.first, frozenset())

    def _explicit_subject(self, cue: CueHit, a: int, stop: int,
                          barrier: frozenset[str]) -> tuple[Speaker, str] | None:
        """A subject next to the cue: "وكان الأمير حمزة قد قال", "قال الوزير", "الوزير قال", "قالت مصادر"."""
        if cue.first > a and self.texts[cue.first - 1] == "قد":
            sp = self.speakers.before(cue.first, a)
            if sp is not None:
                return sp, "subject-before-cue"
        if cue.last < stop and self.texts[cue.last] in _HONORIFICS and self.current is not None:
            return self.current, "honorific-previous-speaker"  # "ودعا سموه …": the dignitary named before
        sp = self.speakers.after(cue.last, stop, barrier)
        unnamed = unnamed_speaker(self.view, cue.last, stop, barrier)
        # "قال مهندس …، طلب عدم ذكر اسمه، لوكالة فرانس برس": the description nearer the cue speaks,
        # unless a name stands in apposition to it ("عضو اللجنة المالية جمال كوجر"); a name after a
        # preposition is what the description is about ("مصادر مطلعة على عمليات أرامكو"), not who.
        if unnamed is not None and (sp is None or not self._apposed(unnamed.last, sp.first)
                                    or self.speakers.is_media(sp)):
            return unnamed, "unnamed-subject"
        if sp is not None:
            return sp, "subject-after-cue"
        if self.texts[cue.first][:1] in ("و", "ف"):
            return None  # "…الولايات المتحدة، وأضاف": a coordinated verb has no subject before it
        sp = self.speakers.before(cue.first, a)
        return (sp, "subject-before-cue") if sp is not None else None

    def _apposed(self, end: int, name: int) -> bool:
        """A name at `name` stands in apposition to the description ending at `end`: near, and no
        preposition between them."""
        fw = function_words()
        return name - end <= _APPOSED_NAME_GAP and all(fw.get(w) != "preposition" for w in self.texts[end:name])

    def _statement_speaker(self, cue: CueHit, stop: int) -> tuple[Speaker, str] | None:
        """"وأشار البيان", "جاء في بيان لوزارة الخارجية الروسية": a statement speaks for its issuer, named
        right after it or remembered from earlier; never for a name further on ("البيان الذي نشرته واس")."""
        noun = None
        first = cue.last - 1 if cue.last - cue.first > 1 else cue.last  # a phrase may end with it: "جاء في بيان"
        for k in range(first, min(stop, cue.last + 2)):
            if function_words().get(self.texts[k]) == "preposition":
                break  # "أعلن في بيان": the statement is how the subject spoke, not who
            if any(s.stem in _STATEMENT_NOUNS and s.proclitics[-1:] not in ("ب", "ل") for s in
                   proclitic_splits(self.texts[k])):
                noun = k
                break
        if noun is None:
            return None
        issuer_at = noun + 1
        if issuer_at + 1 < stop and self.texts[issuer_at] in _ISSUED and self.texts[issuer_at + 1] == "عن":
            issuer_at += 2  # "بيان صادر عن الرئاسة المصرية"
        named = self.speakers.at(issuer_at)
        if named is not None and not self.speakers.is_media(named):  # "بيان وزارة …", "بيان لوزارة …"
            self.issuer = named
            return named, "statement-of"
        if self.issuer is not None:
            return self.issuer, "statement-issuer"
        if self.current is not None:
            return self.current, "statement-previous-speaker"
        return None

    def _note_statement(self, cue: CueHit, sp: Speaker | None, stop: int) -> None:
        """"قال … في بيان" or "جاء في بيان X": remember who issued the statement (a news agency that
        reports a statement does not issue it)."""
        window = self.texts[cue.first : min(stop, cue.last + 6)]
        if sp is not None and not self.speakers.is_media(sp) \
                and any(any(s.stem in _STATEMENT_NOUNS for s in proclitic_splits(w)) for w in window):
            self.issuer = sp

    def _cue_span(self, cue: CueHit) -> tuple[int, int]:
        return self.spans[cue.first][0], self.spans[cue.last - 1][1]

    def sentence(self, a: int, b: int, s_start: int, s_end: int, direct: list[tuple[int, int, int, int]],
                 hits: list[CueHit]) -> None:
        """Quotes of one sentence, attributed in text order (the speaker chain follows the text).

        Reported speech is found first: a quotation inside it ("قررت قطع العلاقات «انطلاقا من حقوقها»")
        is part of the reported clause, not a quote of its own; a clause entirely in quotation marks
        ("قال إن «…»") is a direct quote."""
        cues = [c for c in hits if not c.cue.attribution and c.cue.kind not in ("noun", "aside")]
        self.sentence_speaker = None
        quoted = [(cs, ce) for cs, ce, ms, me in direct if ms < s_end and me > s_start]
        speech: list[tuple[int, CueHit]] = []
        clauses: list[tuple[int, CueHit, tuple[int, int, int]]] = []
        for cue in cues:
            if any(cs <= self.spans[cue.first][0] < ce for cs, ce in quoted):
                continue  # a cue inside a quotation belongs to the quoted speaker's words
            if cue.cue.introduces not in ("indirect", "both"):
                continue
            clause = self._reported_clause(cue, b, cues)
            if clause is None:
                speech.append((self.spans[cue.first][0], cue))
            elif all(clause[0] != c[2][0] for c in clauses):
                # "وأكد X، في مؤتمر صحفي، أن …": one reported clause, introduced by its first cue
                clauses.append((self.spans[cue.first][0], cue, clause))
        quotes = [(q[2], q) for q in direct if s_start <= q[2] < s_end
                  and not any(c[1] - 2 <= q[2] < c[2] for _, _, c in clauses)]
        order = sorted([(pos, 0, i) for i, (pos, _) in enumerate(speech)]
                       + [(pos, 1, i) for i, (pos, _, _) in enumerate(clauses)]
                       + [(pos, 2, i) for i, (pos, _) in enumerate(quotes)])
        for _, kind, i in order:
            if kind == 0:
                # "قال رحمون، اليوم، هناك …": speech without أن: no quote span, but the speaker speaks on
                # (a cue inside someone's reported words is part of what they said).
                pos = speech[i][0]
                if any(cs <= pos < ce for _, _, (_, cs, ce) in clauses):
                    continue
                # The subject stands before any quotation ("وأضاف «… والحكومة …»" names no one).
                stop = min([self._tok(qpos) for qpos, _ in quotes if qpos > pos] + [b])
                sp, how = self._speaker_for(speech[i][1], a, stop)
                if sp is not None and how.startswith("subject"):
                    self.current = self.sentence_speaker = sp
            elif kind == 1:
                _, cue, (comp, cstart, cend) = clauses[i]
                self._indirect(cue, comp, cstart, cend, a, b, direct)
            else:
                self._direct(*quotes[i][1], a=a, b=b, cues=cues)

    def _direct(self, cs: int, ce: int, ms: int, me: int, *, a: int, b: int, cues: list[CueHit]) -> None:
        cs, ce = _trim(self.view.text, cs, ce)
        words = self.view.text[cs:ce].split()
        if len(words) < _MIN_DIRECT_WORDS:
            return  # a quoted word or two is a term or a name, not speech
        q_tok = self._tok(ms)
        before = [c for c in cues if c.last <= q_tok and c.cue.introduces in ("direct", "both")]
        after_tok = self._tok(me) if me < len(self.view.text) else len(self.texts)
        # "«الوضع كارثي. …»، قال رائد الصالح": the cue may follow the quote's last sentence.
        after = [c for c in find_cues(self.texts, after_tok, min(len(self.texts), after_tok + 3))
                 if c.cue.kind == "verb" and not c.cue.attribution]
        if before:
            cue = before[-1]
            sp, how = self._speaker_for(cue, a, q_tok + 1)
        elif after:
            cue = after[0]
            end = frozenset({".", "؟"})
            sp = self.speakers.after(cue.last, len(self.texts), end) \
                or unnamed_speaker(self.view, cue.last, len(self.texts), end)  # "…»، يقول أحد السكان"
            how = "subject-after-quote"
        else:
            if len(words) < _MIN_DIRECT_WORDS + 3 or self.current is None:
                return  # a quotation with no cue: only a full statement continues the current speaker
            self.found.append(Found(cs, ce, "direct", None, self.current.ref, "quote:direct:previous-speaker"))
            return
        if sp is not None:
            self.current = self.sentence_speaker = sp
        self._note_statement(cue, sp, b)
        self.found.append(Found(cs, ce, "direct", self._cue_span(cue), sp.ref if sp else None,
                                f"quote:direct:{cue.cue.written}:{how}"))

    def _reported_clause(self, cue: CueHit, b: int, cues: list[CueHit]) -> tuple[int, int, int] | None:
        """(complementizer token, content start, content end) of "cue … أن <content>", the content
        running to the end of its clause (quotation marks inside it included). A colon (direct speech
        follows: "وتابع: «قرر أن …»") or the next cue ("داعيا إلى …، وقال إن") ends the search."""
        stops = {c.first for c in cues if c.first > cue.first and c.cue.kind in ("verb", "participle", "saying")}
        comp = next((k for k in range(cue.last, min(b, cue.last + COMPLEMENTIZER_WINDOW))
                     if any(s.stem in COMPLEMENTIZERS for s in proclitic_splits(self.texts[k]))
                     or self.texts[k] in _CLAUSE_END or self.texts[k] == ":" or k in stops), None)
        if comp is None or self.texts[comp] in _CLAUSE_END or self.texts[comp] == ":" or comp in stops:
            return None
        end_tok = comp + 1
        while end_tok < b and self.texts[end_tok] not in _CLAUSE_END:
            if self.texts[end_tok] in _COMMAS and end_tok + 1 < b and find_cues(self.texts, end_tok + 1, end_tok + 2):
                break
            end_tok += 1
        if end_tok <= comp + 1:
            return None
        cs, ce = _trim(self.view.text, self.spans[comp][1], self.spans[end_tok - 1][1])
        return (comp, cs, ce) if ce > cs else None

    def _indirect(self, cue: CueHit, comp: int, cs: int, ce: int, a: int, b: int,
                  direct: list[tuple[int, int, int, int]]) -> None:
        kind = "indirect"
        whole = next((q for q in direct if q[2] <= cs + 1 and q[3] >= ce - 1 and q[2] >= cs - 2), None)
        if whole is not None:
            kind = "direct"  # the whole reported clause is in quotation marks: the speaker's own words
            cs, ce = _trim(self.view.text, whole[0], whole[1])
        sp, how = self._speaker_for(cue, a, comp)
        if sp is not None:
            self.current = self.sentence_speaker = sp
        self._note_statement(cue, sp, b)
        self.found.append(Found(cs, ce, kind, self._cue_span(cue), sp.ref if sp else None,
                                f"quote:{kind}:{cue.cue.written}:{how}"))

    def headline(self, a: int, b: int) -> None:
        """"رئيس طاجيكستان: نحو 40 معسكرا": a headline speaker, a colon, their words."""
        colon = next((k for k in range(a, b) if self.texts[k] == ":"), None)
        if colon is None or colon == a:
            return
        sp = self.speakers.at(a)
        if sp is None or sp.last != colon:
            return
        cs, ce = _trim(self.view.text, self.spans[colon][1], self.spans[b - 1][1])
        if ce > cs:
            self.found.append(Found(cs, ce, "direct", self.spans[colon], sp.ref, "quote:headline-colon"))


def find_quotes(ctx: Context, entities: EntityFindings) -> list[Found]:
    view = ctx.view
    finder = QuoteFinder(view, speakers_of(ctx))
    paragraphs: dict[int, tuple[int, int]] = {}
    for s in view.sentences:
        ps, pe = paragraphs.get(s.paragraph, (s.start, s.end))
        paragraphs[s.paragraph] = (min(ps, s.start), max(pe, s.end))
    direct = [q for ps, pe in paragraphs.values() for q in quote_spans(view.text, ps, pe)]
    for i, s in enumerate(view.sentences):
        a, b = view.sentence_token_range(i)
        if s.kind == "title":
            finder.headline(a, b)
            continue
        finder.sentence(a, b, s.start, s.end, direct, sentence_cues(ctx, i))
    return finder.found


@register("quotes")
class QuotesStage(Stage):
    requires = ("entities",)

    def find(self, ctx: Context) -> list[Found]:
        return find_quotes(ctx, ctx.findings["entities"])

    def set_annotations(self, ctx: Context, found: list[Found]) -> None:
        view = ctx.view
        ctx.findings["quotes"] = found
        for q in found:
            span = view.span(q.start, q.end)
            cue = view.span(*q.cue) if q.cue else Span(span.start, span.start, "")
            ctx.analysis.quotes.append(Quote(span.start, span.end, span.text, q.kind, cue, q.speaker, q.rule))  # type: ignore[arg-type]
