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


def test_named_actors_and_places_are_linked(seed: Analysis) -> None:
    linked = {(e.name_en, e.origin) for e in seed.entities}
    for name in ("Emomali Rahmon", "Vladimir Putin", "Kassym-Jomart Tokayev", "Kazakhstan", "Tajikistan",
                 "Afghanistan", "Almaty"):
        assert (name, "kb") in linked, name
    assert ("Kremlin", "pattern") in linked  # "المكتب الصحفي للكرملين"
    assert ("Russia", "nisba") in linked  # "الرئيس الروسي": the article never writes روسيا
    csto = {e.text for e in seed.entities if e.name_en == "Collective Security Treaty Organization"}
    assert {"منظمة معاهدة الأمن الجماعي", "المنظمة", "للمنظمة"} <= csto
    # Moscow stands only in the related-headline block "بوتين: موسكو تراقب …", and says so
    (moscow,) = [e for e in seed.entities if e.name_en == "Moscow"]
    assert moscow.text == "موسكو" and moscow.rule.startswith("kb:موسكو|in:related-headline")


def test_quotes_are_attributed(seed: Analysis) -> None:
    by_cue = {(q.cue.text, q.speaker.name_en if q.speaker else None) for q in seed.quotes}
    assert {("وأضاف", "Emomali Rahmon"), ("مشيرا", "Emomali Rahmon"), ("وجاء في بيان", "Kremlin"),
            ("وأعرب", "Vladimir Putin")} <= by_cue


def test_events_of_the_issue(seed: Analysis) -> None:
    got = {(e.plover, e.actor1.name_en if e.actor1 else None, e.actor2.name_en if e.actor2 else None,
            e.place.name_en if e.place else None) for e in seed.events}
    assert ("CONSULT", "Vladimir Putin", "Emomali Rahmon", "Kazakhstan") in got  # the phone call
    assert any(p == "CONSULT" and a1 == "Collective Security Treaty Organization" for p, a1, _, _ in got)
    assert ("AID", "Collective Security Treaty Organization", "Kazakhstan", "Kazakhstan") in got  # peacekeepers
    assert {("PROTEST", "Almaty"), ("ASSAULT", "Almaty")} <= {(p, place) for p, _, _, place in got}
    assert {e.date for e in seed.events} == {"2022-01-10"}
