"""Stage "dates": date expressions resolved against the publication date."""

from __future__ import annotations

from marsad.context import Context
from marsad.model import DateRef
from marsad.stages import Stage, register
from marsad.text.dates import DateMatch, find_dates


@register("dates")
class DatesStage(Stage):
    def find(self, ctx: Context) -> list[DateMatch]:
        view = ctx.view
        return [d for d in find_dates(view.text, ctx.doc.published) if not view.in_furniture(d.start)]

    def set_annotations(self, ctx: Context, found: list[DateMatch]) -> None:
        ctx.date_matches = found
        for d in found:
            span = ctx.view.span(d.start, d.end)
            ctx.analysis.dates.append(DateRef(span.start, span.end, span.text, d.value, d.granularity,
                                              f"date:{d.rule}"))
