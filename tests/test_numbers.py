from __future__ import annotations

import pytest

from marsad.text.normalize import normalize
from marsad.text.numbers import find_numbers


def numbers(text: str) -> list[tuple[str, float, bool, bool]]:
    n = normalize(text)
    out = []
    for x in find_numbers(n.text):
        s, e = n.to_original(x.start, x.end)
        out.append((text[s:e], x.value, x.percent, x.vague))
    return out


@pytest.mark.parametrize(("text", "expected"), [
    ("أطلقت الفصائل أكثر من 40 صاروخا", [("40", 40, False, False)]),
    ("قصفت المدفعية البلدة بـ140 قذيفة و40 صاروخا", [("140", 140, False, False), ("40", 40, False, False)]),
    ("سقط ٤٥ قتيلا و١٢٠ جريحا", [("٤٥", 45, False, False), ("١٢٠", 120, False, False)]),
    ("بلغ النمو ٣٫٥ في المائة", [("٣٫٥ في المائة", 3.5, True, False)]),
    ("تضرر 6٬000 منزل و6,500 متجر", [("6٬000", 6000, False, False), ("6,500", 6500, False, False)]),
    ("ارتفع التضخم إلى 12.5% في مايو", [("12.5%", 12.5, True, False)]),
    ("تراجعت الصادرات 20 بالمئة", [("20 بالمئة", 20, True, False)]),
    ("نشرت روسيا ستة آلاف جندي", [("ستة آلاف", 6000, False, False)]),
    ("استقبل الأردن مليون ونصف لاجئ", [("مليون ونصف", 1500000, False, False)]),
    ("قتل ثلاثة وعشرين شخصا", [("ثلاثة وعشرين", 23, False, False)]),
    ("خصصت الحكومة 3.5 مليار دولار", [("3.5 مليار", 3.5e9, False, False)]),
    ("تجمع عشرات المحتجين ومئات الطلاب", [("عشرات", 10, False, True), ("مئات", 100, False, True)]),
    ("وصل ألفين وخمسمئة زائر", [("ألفين وخمسمئة", 2500, False, False)]),
    ("استمرت المعارك يومين", [("يومين", 2, False, False)]),
    ("وأصيب ثلاثمائة ألف شخص", [("ثلاثمائة ألف", 300000, False, False)]),
])
def test_numbers_values_and_exact_spans(text: str, expected: list[tuple[str, float, bool, bool]]) -> None:
    assert numbers(text) == expected


@pytest.mark.parametrize("text", [
    "قال الملك عبد الله الأول في خطابه",          # ordinal as a name part
    "عقد الاجتماع يوم الاثنين في القاهرة",         # Monday, not "two"
    "للاستفسار اتصل على 0555123456",               # phone number
    "انطلقت القمة عند الساعة 10:30 صباحا",        # a time of day
    "أعلن الرئيس الأحد عن خطة",                    # Sunday, not "one"
])
def test_words_and_strings_that_are_not_numbers(text: str) -> None:
    assert numbers(text) == []
