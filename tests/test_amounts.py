from __future__ import annotations

from datetime import date

from marsad.model import Document
from marsad.pipeline import Pipeline

PIPE = Pipeline.build(["numbers", "dates", "amounts"])


def amounts(text: str) -> list[tuple[str, float, str, str | None, str | None]]:
    a = PIPE.analyze(Document("t", text, published=date(2023, 5, 14)))
    for x in a.amounts:
        assert text[x.start : x.end] == x.text
        if x.counted:
            assert text[x.counted.start : x.counted.end] == x.counted.text
    return [(x.text, x.value, x.bound, x.counted.text if x.counted else None, x.unit) for x in a.amounts]


def test_bounds_before_the_number() -> None:
    text = ("وقال المسؤول إن هناك أكثر من 40 معسكر تدريب للمسلحين قرب الحدود، ويتدرب فيها ما لا يقل عن "
            "6000 مقاتل، فيما نزح قرابة 12 ألف مدني وقتل نحو 300 شخص وأصيب أقل من 50 آخرين.")
    assert amounts(text) == [
        ("أكثر من 40", 40, "more_than", "معسكر تدريب", "sites:camps"),
        ("ما لا يقل عن 6000", 6000, "at_least", "مقاتل", "people:fighters"),
        ("قرابة 12 ألف", 12000, "about", "مدني", "people:civilians"),
        ("نحو 300", 300, "about", "شخص", "people"),
        ("أقل من 50", 50, "less_than", "آخرين", None),
    ]


def test_bound_after_the_counted_phrase_and_clitic_numbers() -> None:
    assert amounts("قتل 12 شخصا على الأقل في القصف") == [("12", 12, "at_least", "شخصا", "people")]
    assert amounts("وضرب الجيش المواقع بـ140 صاروخا و40 طائرة مسيرة") == [
        ("140", 140, "exact", "صاروخا", "weapons:missiles"),
        ("40", 40, "exact", "طائرة مسيرة", "weapons:drones"),
    ]


def test_purpose_phrase_of_an_accusative_tamyiz_is_part_of_what_is_counted() -> None:
    assert amounts("يوجد أكثر من 40 معسكرا لتدريب المسلحين قرب حدود دول المنظمة") == [
        ("أكثر من 40", 40, "more_than", "معسكرا لتدريب المسلحين", "sites:camps")]


def test_number_words_money_and_percent() -> None:
    text = "وخصصت الحكومة نحو 3.5 مليار دولار لإعادة الإعمار، ونشرت ستة آلاف جندي، وتراجع التضخم 4 في المائة."
    assert amounts(text) == [
        ("نحو 3.5 مليار", 3.5e9, "about", "دولار", "currency:USD"),
        ("ستة آلاف", 6000, "exact", "جندي", "people:soldiers"),
        ("4 في المائة", 4, "exact", None, "percent"),
    ]


def test_count_noun_before_the_number() -> None:
    assert amounts("وارتفع عدد القتلى إلى 85 وفق حصيلة رسمية") == [("85", 85, "exact", "القتلى", "people:killed")]


def test_not_amounts_dates_times_labels_phones_vague_words() -> None:
    text = ("وفي 15 مارس 2023 تبنى المجلس القرار 2254 عند الساعة 10:30، ودعا الرقم 0555123456، "
            "وتجمع عشرات المحتجين في الميدان، وقال الملك عبد الله الأول في آن واحد.")
    assert amounts(text) == []
