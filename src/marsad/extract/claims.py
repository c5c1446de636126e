"""Stage "claims": who claimed each number.

A number inside a quote or reported speech is claimed by the quote's speaker; otherwise a source named
in its sentence ("بحسب وزارة الصحة"، "وفقا للأمم المتحدة"، "نقلا عن مصادر أمنية") is the claimant;
otherwise the number is the outlet's own statement (claimed_by stays null).
"""

from __future__ import annotations

from marsad.context import Context
from marsad.extract.quotes import Found as QuoteFound
from marsad.extract.speech import sentence_cues, speakers_of
from marsad.model import ActorRef
from marsad.stages import Stage, register

_ATTRIBUTION_REACH = 5  # tokens after "بحسب" in which the source is named


@register("claims")
class ClaimsStage(Stage):
    requires = ("amounts", "quotes")

    def find(self, ctx: Context) -> list[ActorRef | None]:
        view = ctx.view
        quotes: list[QuoteFound] = ctx.findings.get("quotes", [])
        speakers = speakers_of(ctx)
        sources: dict[int, ActorRef] = {}
        speech: dict[int, tuple[int, ActorRef]] = {}  # sentence -> (position of the cue, its subject)
        for i in range(len(view.sentences)):
            a, b = view.sentence_token_range(i)
            for hit in sentence_cues(ctx, i):
                if hit.cue.attribution:
                    for k in range(hit.last, min(b, hit.last + _ATTRIBUTION_REACH)):
                        sp = speakers.at(k)
                        if sp is not None:
                            sources.setdefault(i, sp.ref)
                            break
                elif hit.cue.kind == "verb" and i not in speech:
                    # "قال رحمون، اليوم، هناك أكثر من 40 معسكرا": speech without أن still claims what follows.
                    sp = speakers.after(hit.last, b, frozenset()) or speakers.before(hit.first, a)
                    if sp is not None:
                        speech[i] = (view.tokens.spans[hit.first][0], sp.ref)
        out: list[ActorRef | None] = []
        for amount in ctx.findings["amounts"]:
            nstart = amount.start
            quote = next((q for q in quotes if q.start <= nstart < q.end and q.speaker is not None), None)
            if quote is not None:
                out.append(quote.speaker)
                continue
            sentence = view.sentence_index_at(nstart)
            if sentence is None:
                out.append(None)
            elif sentence in speech and speech[sentence][0] < nstart:
                out.append(speech[sentence][1])
            else:
                out.append(sources.get(sentence))
        return out

    def set_annotations(self, ctx: Context, found: list[ActorRef | None]) -> None:
        for amount, claimant in zip(ctx.analysis.amounts, found, strict=True):
            if claimant is not None:
                amount.claimed_by = claimant
                amount.rule += f"|claimed-by:{claimant.text}"

