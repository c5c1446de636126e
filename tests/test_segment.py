from __future__ import annotations

from marsad.text.clitics import enclitic_splits, lookup_forms, proclitic_splits
from marsad.text.view import TextView

ARTICLE = (
    "الجيش السوداني يعلن استعادة مواقع في الخرطوم\n\n"
    "أعلن الجيش السوداني، اليوم الأحد، استعادة مواقع جديدة في الخرطوم. وقال المتحدث باسمه إن القوات "
    "تقدمت 3.5 كيلومترات؟ ولم يصدر تعليق من الدعم السريع!\n"
    "رويترز\n"
    "وقال د. محمد الأمين: \"الوضع تحت السيطرة. والعمليات مستمرة\". وأضاف أن الهدنة انهارت…\n"
    "اقرأ أيضا\n"
    "السودان: مقتل مدنيين في قصف على أم درمان\n"
    "مجلس الأمن يناقش الأزمة\n"
    "شارك\n"
)


def _sentences(view: TextView) -> list[str]:
    return [view.original[slice(*view.to_original(s.start, s.end))] for s in view.sentences]


def test_sentences_split_on_arabic_and_latin_punctuation_but_not_decimals_or_abbreviations() -> None:
    view = TextView.of(ARTICLE)
    sents = _sentences(view)
    assert sents[0] == "الجيش السوداني يعلن استعادة مواقع في الخرطوم"
    assert view.sentences[0].kind == "title"
    assert sents[1] == "أعلن الجيش السوداني، اليوم الأحد، استعادة مواقع جديدة في الخرطوم."
    assert sents[2] == "وقال المتحدث باسمه إن القوات تقدمت 3.5 كيلومترات؟"
    assert sents[3] == "ولم يصدر تعليق من الدعم السريع!"
    # "د." is an abbreviation; the closing quote belongs to the sentence it ends.
    assert sents[4] == "وقال د. محمد الأمين: \"الوضع تحت السيطرة."
    assert sents[5] == "والعمليات مستمرة\"."
    assert sents[6] == "وأضاف أن الهدنة انهارت…"
    assert len(sents) == 7


def test_page_furniture_is_recognised_and_kept_out_of_sentences() -> None:
    view = TextView.of(ARTICLE)
    furniture = [(view.original[slice(*view.to_original(f.start, f.end))], f.reason) for f in view.furniture]
    assert furniture == [
        ("رويترز", "agency-line"),
        ("اقرأ أيضا", "marker"),
        ("السودان: مقتل مدنيين في قصف على أم درمان", "related-links"),
        ("مجلس الأمن يناقش الأزمة", "related-links"),
        ("شارك", "trailer"),
    ]
    assert view.original == ARTICLE  # the text itself is never touched


def test_related_headline_block_without_marker() -> None:
    text = ("قال وزير الخارجية إن المحادثات بناءة.\n"
            "أحداث ليبيا\n"
            "البرلمان الليبي يدعو إلى انتخابات عاجلة\n"
            "وأضاف الوزير أن الاجتماع المقبل سيعقد في الرباط.")
    view = TextView.of(text)
    assert [f.reason for f in view.furniture] == ["related-headlines", "related-headlines"]
    assert len(view.sentences) == 2


def test_tokens_keep_offsets_and_clitics_are_metadata() -> None:
    view = TextView.of("وبحث بوتين مع رحمون للأمم المتحدة")
    words = view.tokens.texts
    assert words == ["وبحث", "بوتين", "مع", "رحمون", "للامم", "المتحده"]
    assert lookup_forms("للامم") == ("للامم", "الامم")
    assert lookup_forms("وبوتين") == ("وبوتين", "بوتين", "وتين")
    assert lookup_forms("بوتين")[0] == "بوتين"  # the unsplit reading comes first
    assert "بوتين" not in lookup_forms("بوتينا")
    split = proclitic_splits("وبالمنظمه")[-1]
    assert (split.proclitics, split.stem, split.bare) == ("وب", "المنظمه", "منظمه")
    assert ("نظير", "ه") in enclitic_splits("نظيره")
    assert proclitic_splits("سيتم")[-1].proclitics == "س"
