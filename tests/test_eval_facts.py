"""The document-facts scorer on hand-made gold and hand-made marsad/1 analyses (no pipeline involved)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from marsad.eval.facts import KINDS, Report, Tally, score
from marsad.eval.match import greedy_match, surface_key, word_overlap
from marsad.model import ActorRef, Analysis, Document, Quote, Span
from tests.conftest import at

TEXT = (
    "أستانا (وكالات) - وصل وزير الخارجية الروسي سيرغي لافروف، اليوم الثلاثاء، إلى أستانا في زيارة رسمية "
    "لكازاخستان تستغرق يومين.\n"
    "وقال لافروف في مؤتمر صحفي مع نظيره الكازاخستاني: \"نحن ندعم جهود كازاخستان لتعزيز الأمن في المنطقة\".\n"
    "وأضاف أن البلدين وقعا 12 اتفاقية للتعاون الاقتصادي بقيمة تتجاوز 3 مليارات دولار، وأن 12 شركة روسية "
    "ستفتح مكاتب في كازاخستان.\n"
    "ومن المقرر أن يتوجه لافروف يوم الأربعاء إلى ألما آتا حيث يلتقي رجال الأعمال.\n"
    "وأفاد مصدر دبلوماسي بأن المحادثات تناولت أيضا الوضع في أفغانستان.\n"
)
DOC_ID = "wire-1"
Obj = dict[str, Any]


def gold(**kinds: list[Obj]) -> Obj:
    doc: Obj = {"doc_id": DOC_ID, "source": "وكالات", "published": "2015-10-06", "title": "لافروف في أستانا",
                "text": TEXT}
    for k in ("entities", "quotes", "amounts", "dates", "places", "events"):
        doc[k] = kinds.get(k, [])
    return doc


def analysis(**kinds: list[Obj]) -> Obj:
    out: Obj = {"schema": "marsad/1", "id": DOC_ID, "text": TEXT, "errors": []}
    for k in ("entities", "quotes", "amounts", "dates", "places", "events"):
        out[k] = kinds.get(k, [])
    return out


def span(needle: str, occurrence: int = 0) -> Obj:
    s, e = at(TEXT, needle, occurrence)
    return {"start": s, "end": e, "text": needle}


def ent(needle: str, kind: str, name_en: str | None = None, kb_id: str | None = None, occurrence: int = 0) -> Obj:
    return span(needle, occurrence) | {"type": kind, "kb_id": kb_id, "name_en": name_en, "cameo": None,
                                       "origin": "kb" if kb_id else "model"}


def tally(report: Report, kind: str) -> tuple[int, int, int]:
    t = report.kinds[kind].tally
    return (t.tp, t.fp, t.fn)


# --- helpers ---

def test_surface_key_is_clitic_insensitive_on_both_sides() -> None:
    assert surface_key("لكازاخستان") == surface_key("كازاخستان") == surface_key("وكازاخستان")
    assert surface_key("للأمم المتحدة") == surface_key("الأمم المتحدة")
    assert surface_key("بالكرملين") == surface_key("الكرملين")
    assert surface_key("روسيا") != surface_key("تركيا")


def test_word_overlap_counts_gold_words_once() -> None:
    assert word_overlap("نحن ندعم جهود كازاخستان", "\"نحن ندعم\"") == 0.5
    assert word_overlap("الأمن الأمن", "الامن") == 0.5  # folded letters; a predicted word is used once
    assert word_overlap("", "أي شيء") == 0.0


def test_greedy_match_is_one_to_one_best_first_and_deterministic() -> None:
    table = {("a", "x"): 1.0, ("a", "y"): 2.0, ("b", "y"): 3.0, ("c", "z"): 1.0, ("d", "z"): 1.0}
    pairs = greedy_match(["a", "b", "c", "d"], ["x", "y", "z"],
                         lambda g, p: (table[(g, p)],) if (g, p) in table else None)
    assert [(g, p) for g, p, _ in pairs] == [(0, 0), (1, 1), (2, 2)]  # b-y first; ties: lower gold index


# --- entities ---

def test_entity_by_clitic_insensitive_surface() -> None:
    g = gold(entities=[{"text": "كازاخستان", "type": "LOC", "name_en": "Kazakhstan"}])
    a = analysis(entities=[ent("لكازاخستان", "LOC")])  # model entity, no name, clitic attached
    assert tally(score([g], [a], ["entities"]), "entities") == (1, 0, 0)


def test_entity_by_english_name_and_type() -> None:
    g = gold(entities=[{"text": "سيرغي لافروف", "type": "PER", "name_en": "Sergey Lavrov"},
                       {"text": "أستانا", "type": "LOC", "name_en": "Astana"}])
    a = analysis(entities=[ent("لافروف", "PER", "sergey  lavrov", "Q1"),  # name compared case/space-insensitively
                           ent("أستانا", "ORG", occurrence=1)])  # right surface, wrong type
    r = score([g], [a], ["entities"])
    assert tally(r, "entities") == (1, 1, 1)
    assert {e.error for e in r.kinds["entities"].errors} == {"fp", "fn"}


def test_system_entities_are_deduplicated_per_distinct_entity() -> None:
    g = gold(entities=[{"text": "سيرغي لافروف", "type": "PER", "name_en": "Sergey Lavrov"},
                       {"text": "كازاخستان", "type": "LOC", "name_en": "Kazakhstan"}])
    a = analysis(entities=[
        ent("سيرغي لافروف", "PER", "Sergey Lavrov", "Q1"), ent("لافروف", "PER", "Sergey Lavrov", "Q1", 1),
        ent("لافروف", "PER", "Sergey Lavrov", "Q1", 2),  # one kb entity, three mentions
        ent("لكازاخستان", "LOC"), ent("كازاخستان", "LOC"), ent("كازاخستان", "LOC", occurrence=1),  # one surface
        ent("مؤتمر", "MISC"),  # the gold annotates no MISC: not scored
    ])
    assert tally(score([g], [a], ["entities"]), "entities") == (2, 0, 0)


# --- quotes and speakers ---

QUOTE = "نحن ندعم جهود كازاخستان لتعزيز الأمن في المنطقة"  # 8 words
INDIRECT = "المحادثات تناولت أيضا الوضع في أفغانستان"  # 6 words


def quote(needle: str, name_en: str | None, speaker: tuple[str, int] | None = ("لافروف", 1)) -> Obj:
    who = None if speaker is None else span(*speaker) | {"kb_id": None, "name_en": name_en}
    return span(needle) | {"kind": "direct", "cue": span("وقال"), "speaker": who}


def gold_quote(text: str, speaker_en: str | None, speaker_text: str | None) -> Obj:
    return {"quote": text, "speaker_en": speaker_en, "speaker_text": speaker_text, "cue": "وقال", "kind": "direct"}


@pytest.mark.parametrize(("pred", "matched"), [
    ("نحن ندعم جهود كازاخستان", True),  # 4 of 8 gold words: exactly 50% matches
    ("نحن ندعم جهود", False),  # 3 of 8
    ("\"نحن ندعم جهود كازاخستان لتعزيز الأمن في المنطقة\".\nوأضاف أن البلدين", True),  # a longer span
])
def test_quote_overlap_boundary(pred: str, matched: bool) -> None:
    g = gold(quotes=[gold_quote(QUOTE, "Sergey Lavrov", "لافروف")])
    a = analysis(quotes=[quote(pred, "Sergey Lavrov")])
    assert tally(score([g], [a], ["quotes"]), "quotes") == ((1, 0, 0) if matched else (0, 1, 1))


def test_speaker_f1_counts_only_right_speakers() -> None:
    g = gold(quotes=[gold_quote(QUOTE, "Sergey Lavrov", "لافروف"),
                     gold_quote(INDIRECT, None, "مصدر دبلوماسي"),
                     gold_quote("البلدين وقعا 12 اتفاقية للتعاون الاقتصادي", "Sergey Lavrov", "لافروف")])
    a = analysis(quotes=[
        quote(QUOTE, "Kassym-Jomart Tokayev"),  # matched, wrong speaker
        quote(INDIRECT, None, speaker=("مصدر دبلوماسي", 0)),  # unlinked speaker: no English name
        quote("وصل وزير الخارجية", "Sergey Lavrov"),  # no gold quote there
    ])
    r = score([g], [a], ["quotes", "speakers"])
    assert tally(r, "quotes") == (2, 1, 1)
    assert tally(r, "speakers") == (1, 2, 2)  # only the unattributed quote (null = null) is right
    sp = r.kinds["speakers"]
    assert sp.extra["matched"] == 2 and sp.extra["accuracy"] == 0.5
    (wrong,) = sp.errors_of("wrong", 10)
    assert "Kassym-Jomart Tokayev" in wrong.detail and wrong.doc_id == DOC_ID
    assert r.micro == Tally(2, 1, 1)  # speakers are not added to the total


def test_analysis_objects_are_accepted() -> None:
    doc = Document(id=DOC_ID, text=TEXT, published=date(2015, 10, 6))
    s, e = at(TEXT, QUOTE)
    c, d = at(TEXT, "لافروف", 1)
    q = Quote(s, e, QUOTE, "direct", Span(*at(TEXT, "وقال"), "وقال"),
              ActorRef("لافروف", c, d, "Q1", "Sergey Lavrov"), "test")
    r = score([gold(quotes=[gold_quote(QUOTE, "Sergey Lavrov", "لافروف")])], [Analysis(doc, quotes=[q])],
              ["quotes", "speakers"])
    assert tally(r, "quotes") == tally(r, "speakers") == (1, 0, 0)


# --- amounts ---

def amount(needle: str, value: float, bound: str = "exact", occurrence: int = 0) -> Obj:
    return span(needle, occurrence) | {"value": value, "bound": bound, "counted": None, "claimed_by": None}


def test_amounts_by_value_and_bound_one_to_one_with_duplicates() -> None:
    g = gold(amounts=[
        {"text": "12", "value": 12, "bound": "exact", "counted": "اتفاقية", "claimed_by_en": None},
        {"text": "12", "value": 12, "bound": "exact", "counted": "شركة", "claimed_by_en": None},
        {"text": "تتجاوز 3 مليارات", "value": 3e9, "bound": "more_than", "counted": None, "claimed_by_en": None},
    ])
    a = analysis(amounts=[amount("12", 12.0), amount("12", 12, occurrence=0),  # the same number twice
                          amount("3 مليارات", 3e9 * (1 + 1e-7), "exact")])  # value within 1e-6, wrong bound
    r = score([g], [a], ["amounts"])
    assert tally(r, "amounts") == (2, 1, 1)
    a2 = analysis(amounts=[amount("تتجاوز 3 مليارات", 3e9 * (1 + 1e-7), "more_than")])
    assert tally(score([g], [a2], ["amounts"]), "amounts") == (1, 0, 2)


# --- dates ---

def date_ref(needle: str, value: str | None, occurrence: int = 0) -> Obj:
    return span(needle, occurrence) | {"value": value, "granularity": "day"}


def test_dates_by_value_and_surface_or_position() -> None:
    g = gold(dates=[{"text": "اليوم الثلاثاء", "value": "2015-10-06"},
                    {"text": "الأربعاء", "value": "2015-10-07"}])
    a = analysis(dates=[date_ref("اليوم الثلاثاء", "2015-10-06"),
                        date_ref("يوم الأربعاء", "2015-10-07"),  # overlaps the gold text's position
                        date_ref("يومين", None)])  # unresolved: states no fact, not scored
    assert tally(score([g], [a], ["dates"]), "dates") == (2, 0, 0)
    wrong = analysis(dates=[date_ref("اليوم الثلاثاء", "2015-10-05"), date_ref("يوم الأربعاء", "2015-10-07")])
    moved = gold(dates=[{"text": "اليوم الثلاثاء", "value": "2015-10-06"},
                        {"text": "لافروف", "value": "2015-10-07"}])  # a surface elsewhere in the text
    assert tally(score([g], [wrong], ["dates"]), "dates") == (1, 1, 1)
    assert tally(score([moved], [wrong], ["dates"]), "dates") == (0, 2, 2)


# --- places ---

ALMATY = {"text": "ألما آتا", "name_en": "Almaty", "country": "KZ", "lat": 43.24, "lon": 76.95}


def place(needle: str, name_en: str, country: str, lat: float, lon: float) -> Obj:
    return span(needle) | {"name_en": name_en, "geonames_id": None, "country": country, "lat": lat, "lon": lon,
                           "kb_id": None}


@pytest.mark.parametrize(("pred", "matched"), [
    (("Almaty Region", "KZ", 43.5, 77.5), True),  # ~53 km away, another name
    (("Kapchagay", "KZ", 44.2, 76.95), False),  # ~107 km away
    (("Almaty Oblast", "CN", 43.3, 77.0), False),  # near, but another country
    (("almaty", "KZ", 45.0, 78.0), True),  # same English name: a conventional point may lie far away
])
def test_place_radius_and_country(pred: tuple[str, str, float, float], matched: bool) -> None:
    g = gold(places=[ALMATY])
    a = analysis(places=[place("ألما آتا", *pred)])
    assert tally(score([g], [a], ["places"]), "places") == ((1, 0, 0) if matched else (0, 1, 1))


def test_places_are_one_per_distinct_place() -> None:
    g = gold(places=[ALMATY, {"text": "أستانا", "name_en": "Astana", "country": "KZ", "lat": 51.17, "lon": 71.45}])
    astana = place("أستانا", "Astana", "KZ", 51.16, 71.47)
    a = analysis(places=[astana, astana | span("أستانا", 1), place("ألما آتا", "Almaty", "KZ", 43.25, 76.91)])
    assert tally(score([g], [a], ["places"]), "places") == (2, 0, 0)


# --- events ---

SENT = "وأفاد مصدر دبلوماسي بأن المحادثات تناولت أيضا الوضع في أفغانستان."


def event(needle: str, plover: str, actor1: str | None, actor2: str | None) -> Obj:
    s = span(needle)
    return {"start": s["start"], "end": s["end"], "trigger": span("تناولت"), "cameo": "040", "plover": plover,
            "quad_class": 1, "goldstein": 1.0, "actor1": actor1 and {"text": "x", "kb_id": None, "name_en": actor1,
                                                                      "cameo": None},
            "actor2": actor2 and {"text": "y", "kb_id": None, "name_en": actor2, "cameo": None},
            "place": None, "date": None, "negated": False, "modality": "asserted", "rule": "test"}


def test_events_by_plover_and_sentence_overlap_with_actor_accuracy() -> None:
    g = gold(events=[{"plover": "CONSULT", "sentence": SENT, "actor1_en": "Russia", "actor2_en": "Kazakhstan",
                      "place_en": None, "date": None}])
    half = SENT[: len(SENT) // 2 + 1]
    for needle, plover, expect in ((SENT, "CONSULT", (1, 0, 0)), (half, "CONSULT", (1, 0, 0)),
                                   (SENT[: len(SENT) // 2 - 1], "CONSULT", (0, 1, 1)),
                                   (SENT, "COOPERATE", (0, 1, 1))):
        a = analysis(events=[event(needle, plover, "Russia", "Kazakhstan")])
        assert tally(score([g], [a], ["events"]), "events") == expect, (needle, plover)
    swapped = analysis(events=[event(SENT, "CONSULT", "Kazakhstan", "Russia"), event(SENT, "CONSULT", None, None)])
    ev = score([g], [swapped], ["events"]).kinds["events"]
    assert (ev.tally.tp, ev.tally.fp) == (1, 1)
    assert ev.extra == {"actor1_accuracy": 0.0, "actor2_accuracy": 0.0, "actors_accuracy": 0.0}
    assert [e.error for e in ev.errors] == ["fp", "wrong"]


# --- empty kinds, missing analyses, totals ---

def test_no_gold_and_no_predictions_is_not_counted() -> None:
    g = gold(entities=[{"text": "كازاخستان", "type": "LOC", "name_en": "Kazakhstan"}])
    r = score([g], [analysis(entities=[ent("كازاخستان", "LOC", "Kazakhstan", "Q232")])])
    assert list(r.kinds) == list(KINDS)
    assert r.kinds["quotes"].tally.precision is None and r.kinds["quotes"].to_json()["f1"] is None
    assert r.kinds["speakers"].extra["accuracy"] is None
    assert r.micro == Tally(1, 0, 0) and r.micro.f1 == 1.0
    only_gold = score([gold(dates=[{"text": "اليوم الثلاثاء", "value": "2015-10-06"}])], [analysis()], ["dates"])
    assert (only_gold.kinds["dates"].tally.precision, only_gold.kinds["dates"].tally.recall) == (0.0, 0.0)


def test_missing_analysis_misses_every_fact() -> None:
    g = gold(entities=[{"text": "كازاخستان", "type": "LOC", "name_en": "Kazakhstan"}])
    other = analysis() | {"id": "not-in-gold", "errors": ["stage quotes failed"]}
    r = score([g], [other], ["entities"])
    assert r.missing == [DOC_ID] and tally(r, "entities") == (0, 0, 1)
    assert r.to_json(max_errors=5)["kinds"]["entities"]["errors"]["fn"][0]["doc_id"] == DOC_ID


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        score([], [], ["opinions"])
