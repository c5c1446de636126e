"""Behaviour on the canonical demo article (../shared/examples); skipped where that file is absent."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.model import Analysis, Document
from marsad.pipeline import Pipeline

from .conftest import shared_or_skip


@pytest.fixture(scope="module")
def seed() -> Analysis:
    text = shared_or_skip("examples/seed-article.txt").read_text(encoding="utf-8")
    return Pipeline.build().analyze(Document("seed", text, published=date(2022, 1, 10)))


def test_every_span_is_exact(seed: Analysis) -> None:
    out = seed.to_json()
    text = out["text"]
    for kind in ("entities", "quotes", "amounts", "dates", "places"):
        for fact in out[kind]:
            assert text[fact["start"] : fact["end"]] == fact["text"], (kind, fact)


def test_today_monday_resolves_each_time(seed: Analysis) -> None:
    mondays = [d for d in seed.dates if d.text == "اليوم الإثنين"]
    assert len(mondays) == 3
    assert {d.value for d in mondays} == {"2022-01-10"}


def test_claimed_amounts(seed: Analysis) -> None:
    got = {(a.value, a.bound, a.counted.text if a.counted else None) for a in seed.amounts}
    assert (40, "more_than", "معسكر تدريب") in got
    assert (40, "more_than", "معسكرا لتدريب المسلحين") in got
    assert (6000, "at_least", "إرهابي") in got
