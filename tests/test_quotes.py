from __future__ import annotations

from datetime import date

from marsad.model import Analysis, Document
from marsad.pipeline import Pipeline

PIPE = Pipeline.build(["numbers", "dates", "entities", "amounts", "quotes", "claims"])


def analyse(text: str, published: date = date(2022, 1, 10)) -> Analysis:
    a = PIPE.analyze(Document("q", text, published=published))
    assert a.errors == []
    for q in a.quotes:
        assert text[q.start : q.end] == q.text and text[q.cue.start : q.cue.end] == q.cue.text
        if q.speaker is not None and q.speaker.start is not None:
            assert text[q.speaker.start : q.speaker.end] == q.speaker.text
    return a


def quotes(a: Analysis) -> list[tuple[str, str, str, str | None]]:
    return [(q.kind, q.cue.text, q.text, q.speaker.name_en if q.speaker else None) for q in a.quotes]


def test_direct_quote_styles_and_continuation_without_a_name() -> None:
    text = ("وقال رئيس طاجيكستان إمام علي رحمون: «الحدود مع أفغانستان تشهد توترا متزايدا».\n"
            "وأضاف \"نحن نراقب تحركات الجماعات المسلحة عن كثب\".\n"
            "وتابع رحمون “لن نسمح بأي اختراق لأراضينا”.")
    assert quotes(analyse(text)) == [
        ("direct", "وقال", "الحدود مع أفغانستان تشهد توترا متزايدا", "Emomali Rahmon"),
        ("direct", "وأضاف", "نحن نراقب تحركات الجماعات المسلحة عن كثب", "Emomali Rahmon"),
        ("direct", "وتابع", "لن نسمح بأي اختراق لأراضينا", "Emomali Rahmon"),
    ]


def test_indirect_speech_with_complementizer_and_participle() -> None:
    text = ("وأكد وزير الخارجية الروسي سيرغي لافروف أن موسكو مستعدة للحوار، مشيرا إلى أن العقوبات لن تغير "
            "موقف بلاده.")
    a = analyse(text)
    assert quotes(a) == [
        ("indirect", "وأكد", "موسكو مستعدة للحوار", "Sergey Lavrov"),
        ("indirect", "مشيرا", "العقوبات لن تغير موقف بلاده", "Sergey Lavrov"),
    ]


def test_post_posed_speaker_and_unbalanced_mark() -> None:
    text = "«الوضع الإنساني في غزة كارثي ولا يحتمل التأجيل»، قال الأمين العام للأمم المتحدة.\n" \
           "وقال المتحدث \"نطالب بوقف فوري لإطلاق النار. ثم أضاف أن المساعدات متوقفة."
    a = analyse(text)
    first = a.quotes[0]
    assert (first.kind, first.cue.text) == ("direct", "قال")
    assert first.text == "الوضع الإنساني في غزة كارثي ولا يحتمل التأجيل"
    assert first.speaker is not None and first.speaker.name_en == "António Guterres"
    unbalanced = a.quotes[1]
    assert unbalanced.text == "نطالب بوقف فوري لإطلاق النار"


def test_statement_of_a_press_office_and_statement_noun_as_subject() -> None:
    text = ("وجاء في بيان المكتب الصحفي للكرملين: \"بحث الرئيسان الوضع في المنطقة\".\n"
            "وأشار البيان إلى أن الجانبين اتفقا على مواصلة الاتصالات.")
    assert quotes(analyse(text)) == [
        ("direct", "وجاء في بيان", "بحث الرئيسان الوضع في المنطقة", "Kremlin"),
        ("indirect", "وأشار", "الجانبين اتفقا على مواصلة الاتصالات", "Kremlin"),
    ]


def test_scare_quotes_are_not_speech() -> None:
    a = analyse("وأعلنت الشركة تشغيل خط \"نورد ستريم\" مجددا.")
    assert a.quotes == []


def test_numbers_are_claimed_by_the_speaker_or_the_named_source() -> None:
    text = ("وقال رحمون، اليوم، هناك أكثر من 40 معسكرا قرب الحدود.\n"
            "وأضاف أن ما لا يقل عن 6000 مسلح يتدربون فيها.\n"
            "وقتل 12 شخصا على الأقل في القصف، بحسب وزارة الصحة الفلسطينية.\n"
            "وارتفعت الأسعار 5 في المائة.")
    a = analyse(text)
    claims = [(x.value, x.bound, x.claimed_by.text if x.claimed_by else None) for x in a.amounts]
    assert claims == [(40, "more_than", "رحمون"), (6000, "at_least", "رحمون"),
                      (12, "at_least", "وزارة الصحة الفلسطينية"), (5, "exact", None)]


def test_participle_after_a_non_speech_verb_belongs_to_that_sentences_subject() -> None:
    text = ("وقالت قوى الأمن الداخلي إن تسعة من عناصرها أصيبوا بجروح.\n"
            "ودان رئيس الحكومة المكلف سعد الحريري إحراق المبنى، متسائلا “من يحمي طرابلس من هذه الجريمة؟”.")
    a = analyse(text, date(2021, 1, 29))
    last = a.quotes[-1]
    assert (last.cue.text, last.text) == ("متسائلا", "من يحمي طرابلس من هذه الجريمة؟")
    assert last.speaker is not None and last.speaker.text == "رئيس الحكومة المكلف سعد الحريري"


def test_subject_before_qad_and_a_cue_inside_reported_words_do_not_take_the_speech() -> None:
    text = ("وقال نائب رئيس الوزراء وزير الخارجية أيمن الصفدي إن الوضع تحت السيطرة.\n"
            "وأضاف أن رئيس الأركان التقى الأمير حمزة بن الحسين أمس وطلب منه التوقف عن تحركاته.\n"
            "وتابع: \"الملك قرر أن يتم التواصل مع الأمير مباشرة\".\n"
            "وكان الأمير حمزة قد قال في تسجيل مصور بثته هيئة الإذاعة البريطانية إنه وضع قيد الإقامة الجبرية.")
    a = analyse(text, date(2021, 4, 4))
    assert [(q.kind, q.cue.text, q.speaker.name_en if q.speaker else None) for q in a.quotes[:3]] == [
        ("indirect", "وقال", "Ayman Safadi"),
        ("indirect", "وأضاف", "Ayman Safadi"),  # not "الأمير" before "وطلب": that cue is inside his words
        ("direct", "وتابع", "Ayman Safadi"),  # the أن inside the quotation does not make it reported speech
    ]
    last = a.quotes[3]
    assert (last.kind, last.cue.text, last.text) == ("indirect", "قال", "وضع قيد الإقامة الجبرية")
    assert last.speaker is not None and last.speaker.text == "الأمير حمزة"  # not the BBC after "بثته"


def test_written_words_anonymous_aside_and_cue_after_a_multi_sentence_quote() -> None:
    text = ("وكتب الرئيس القيرغيزي صدير جباروف على صفحته في فيسبوك: \"نحن لا نحتاج إلى حرب. لكننا سندافع عن أرضنا\".\n"
            "وقال مهندس في الثلاثين من عمره، طلب عدم ذكر اسمه، لوكالة فرانس برس: “لن نتوقف حتى يرحل النظام”.\n"
            "“الوضع كارثي. كثيرون لا يزالون تحت الأنقاض”، قال رائد الصالح، مدير الدفاع المدني.")
    a = analyse(text, date(2022, 9, 17))
    assert a.quotes[0].speaker is not None and a.quotes[0].speaker.name_en == "Sadyr Japarov"
    assert [(q.cue.text, q.speaker.text if q.speaker else None) for q in a.quotes[1:]] == [
        ("وقال", "مهندس"),
        ("قال", "رائد الصالح"),
    ]


def test_statement_named_by_its_issuer_and_statement_as_manner() -> None:
    text = ("وقال وزير الخارجية السعودي فيصل بن فرحان إن الاتفاق يفتح صفحة جديدة.\n"
            "وجاء في بيان لوزارة الخارجية الروسية أن موسكو ترحب بالاتفاق.\n"
            "وكان الحرس الثوري الإيراني قد أعلن في بيان أنه استهدف مقرا للتجسس.")
    a = analyse(text, date(2023, 3, 11))
    assert [q.speaker.name_en if q.speaker else None for q in a.quotes] == [
        "Faisal bin Farhan Al Saud", "Ministry of Foreign Affairs of Russia", "Islamic Revolutionary Guard Corps"]


def test_reported_saying_press_conference_and_bare_minister() -> None:
    text = ("ونقلت وكالة رويترز عن مصدر أمني قوله إن الهجوم استهدف قافلة عسكرية.\n"
            "وأكد المتحدث باسم الخارجية الإيرانية ناصر كنعاني، في مؤتمر صحفي أسبوعي، أن طهران لن تتراجع.\n"
            "والتقى وزير الخارجية السعودي فيصل بن فرحان وفدا من رجال الأعمال. من جانبه، أكد الوزير أن "
            "المملكة تدعم الحل السياسي.")
    a = analyse(text, date(2023, 11, 5))
    assert [(q.cue.text, q.speaker.text if q.speaker else None, q.speaker.name_en if q.speaker else None)
            for q in a.quotes] == [
        ("قوله", "مصدر أمني", None),  # the one "عن" names, not the agency that reports it
        ("وأكد", "المتحدث باسم الخارجية الإيرانية ناصر كنعاني", "Nasser Kanaani"),  # once, not again for "مؤتمر صحفي"
        ("أكد", "الوزير", "Faisal bin Farhan Al Saud"),  # the minister named before
    ]


def test_statement_issued_by_and_unnamed_speaker_after_a_quote() -> None:
    text = ("وقال بيان صادر عن الرئاسة المصرية إن الرئيس بحث مع نظيره الفرنسي الأوضاع في غزة.\n"
            "«لم نعد نحتمل انقطاع الكهرباء»، يقول أحد السكان في حي الشعلة.")
    a = analyse(text, date(2023, 11, 5))
    assert [(q.cue.text, q.speaker.text if q.speaker else None) for q in a.quotes] == [
        ("وقال", "الرئاسة المصرية"), ("يقول", "السكان")]


def test_titles_with_portfolios_places_and_offices_name_their_holder() -> None:
    text = ("وقال سفير السعودية لدى الولايات المتحدة عادل الجبير إن العملية تهدف إلى حماية الحكومة الشرعية.\n"
            "وأضاف \"سنفعل كل ما يلزم لحماية الشعب اليمني والحكومة الشرعية\".\n"
            "وقالت وزيرة الخارجية والتعاون الدولي أسماء محمد عبد الله إن الحكومة طلبت المساعدة.\n"
            "وقال المتحدث باسم القائد العام للقوات المسلحة اللواء عبد الكريم خلف إن العراق يرفض أي انتهاك لسيادته.\n"
            "وقدر محافظ بيروت مروان عبود قيمة الأضرار بثلاثة مليارات دولار، لافتا إلى أن آلاف الأشخاص باتوا بلا مأوى.")
    a = analyse(text, date(2020, 9, 5))
    speakers = [q.speaker.text if q.speaker else "" for q in a.quotes]
    assert speakers[:3] == [
        "سفير السعودية لدى الولايات المتحدة عادل الجبير",
        "سفير السعودية لدى الولايات المتحدة عادل الجبير",  # "الحكومة" inside his quote does not speak
        "وزيرة الخارجية والتعاون الدولي أسماء محمد عبد الله",
    ]
    # the spokesman, not the commander he speaks for (the model may end the name early)
    assert speakers[3].startswith("المتحدث باسم القائد العام للقوات المسلحة اللواء عبد الكريم")
    assert speakers[4] == "محافظ بيروت مروان عبود"


def test_a_name_after_a_preposition_is_what_unnamed_sources_know_about_not_who_speaks() -> None:
    text = ("وقالت مصادر مطلعة على عمليات شركة أرامكو لوكالة رويترز إن عودة الإنتاج إلى مستواه الطبيعي "
            "قد تستغرق أسابيع.\n"
            "وقال عضو اللجنة المالية جمال كوجر إن الموازنة هي الأكبر في تاريخ العراق.")
    a = analyse(text, date(2019, 9, 15))
    speakers = [(q.speaker.text, q.speaker.kb_id) if q.speaker else None for q in a.quotes]
    assert speakers[0] == ("مصادر مطلعة", None)
    assert speakers[1] is not None and speakers[1][0] == "جمال كوجر"
