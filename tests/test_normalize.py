from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text.normalize import NormalizedText, normalize, normalize_key

from .conftest import at


def test_letter_folds_keep_length_and_offsets() -> None:
    n = normalize("أعلنت إيران ومصر الأحد، ١٢٣ و۴۵٦ قتيلاً في القرية.")
    assert n.is_identity is False  # the tanween on قتيلاً is deleted
    assert n.text.startswith("اعلنت ايران ومصر الاحد، 123 و456 قتيلا في القريه.")


def test_identity_map_when_nothing_shifts() -> None:
    n = normalize("قال الرئيس إن الوضع مستقر")
    assert n.is_identity
    assert n.to_original(4, 10) == (4, 10)


def test_diacritics_tatweel_and_controls_are_removed_and_mapped_back() -> None:
    original = "وَقَالَ الرَّئِيسُ\u200f بـــوتين إنّ"
    n = normalize(original)
    assert n.text == "وقال الرئيس بوتين ان"
    s, e = n.text.index("بوتين"), n.text.index("بوتين") + len("بوتين")
    os_, oe = n.to_original(s, e)
    assert original[os_:oe] == "بـــوتين"
    s, e = n.text.index("الرئيس"), n.text.index("الرئيس") + len("الرئيس")
    os_, oe = n.to_original(s, e)
    assert original[os_:oe] == "الرَّئِيسُ"  # the trailing damma belongs to the word


def test_presentation_forms_expand_and_map_to_the_ligature() -> None:
    original = "قال \ufefb بد من الحل"  # ﻻ (lam-alef ligature) → لا
    n = normalize(original)
    assert n.text == "قال لا بد من الحل"
    i = n.text.index("لا")
    assert n.to_original(i, i + 2) == at(original, "\ufefb")


def test_normalize_key_folds_and_squeezes_spaces() -> None:
    assert normalize_key("  منظمة   معاهدة الأمن  ") == "منظمه معاهده الامن"


ALPHABET = st.sampled_from(
    list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي ءآأإؤئةى") + list("\u064b\u064e\u0650\u0651\u0652\u0640")
    + ["\u200c", "\u200f", "\ufeff", "\ufefb", "\ufdf2", "\ufe8d", "٣", "۴", " ", "\n", "."]
)


def _inside_expansion(n: NormalizedText, pos: int) -> bool:
    return 0 < pos < len(n.text) and n.to_original_start(pos) == n.to_original_start(pos - 1)


@settings(max_examples=400, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join), st.data())
def test_every_normalised_span_maps_back_to_its_original_substring(text: str, data: st.DataObject) -> None:
    n = normalize(text)
    if not n.text:
        return
    i = data.draw(st.integers(0, len(n.text) - 1))
    j = data.draw(st.integers(i + 1, len(n.text)))
    s, e = n.to_original(i, j)
    assert 0 <= s <= e <= len(text)
    back = normalize(text[s:e]).text
    assert n.text[i:j] in back
    if not _inside_expansion(n, i) and not _inside_expansion(n, j):
        assert back == n.text[i:j]
