"""The per-document state that flows through the pipeline stages.

A `Context` holds the Document, its shared TextView (normalised once), the Analysis being built, and
the intermediate findings that later stages read (numbers, date matches, mentions). Stages only add.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from marsad.model import Analysis, Document
from marsad.text.view import TextView

if TYPE_CHECKING:
    from marsad.text.dates import DateMatch
    from marsad.text.numbers import Number


@dataclass(slots=True)
class Context:
    doc: Document
    view: TextView
    analysis: Analysis
    numbers: list[Number] = field(default_factory=list)
    date_matches: list[DateMatch] = field(default_factory=list)
    # Findings of later stages that other stages read, by stage name (mentions, speaker chains…).
    findings: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Document) -> Context:
        return cls(doc, TextView.of(doc.text), Analysis(doc))
