from __future__ import annotations

from datetime import date

from marsad.extract.event_lexicon import PLOVER, event_lexicon
from marsad.model import Analysis, Document
from marsad.pipeline import Pipeline

PIPE = Pipeline.build()


def analyse(text: str, published: date = date(2022, 1, 10)) -> Analysis:
    a = PIPE.analyze(Document("e", text, published=published))
    assert a.errors == []
    for e in a.events:
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text
        assert e.start <= e.trigger.start < e.end
    return a


def test_event_vocabulary_covers_every_cameo_root() -> None:
    lex = event_lexicon()
    roots = {t.cameo[:2] for bucket in lex.triggers.entries() for t in bucket}
    assert roots == {f"{i:02d}" for i in range(1, 21)}
    rules = {t.rule for bucket in lex.triggers.entries() for t in bucket}
    assert len(rules) >= 400
    assert {c.plover for c in lex.codes.values() if c.plover} <= PLOVER


def test_phone_call_with_actors_place_and_date() -> None:
    text = ("وبحث الرئيس الروسي، فلاديمير بوتين، خلال اتصال هاتفي مع نظيره الطاجيكي، إمام علي رحمون، "
            "اليوم الإثنين، الوضع في كازاخستان.")
    (call,) = [e for e in analyse(text).events if e.plover == "CONSULT"]
    assert (call.cameo, call.trigger.text) == ("041", "اتصال هاتفي")
    assert call.actor1 is not None and call.actor1.name_en == "Vladimir Putin" and call.actor1.cameo == "RUSGOV"
    assert call.actor2 is not None and call.actor2.name_en == "Emomali Rahmon"
    assert call.place is not None and call.place.country == "KZ"
    assert (call.date, call.quad_class, call.goldstein, call.modality) == ("2022-01-10", 1, 1.0, "asserted")
    assert "consult.phone_call" in call.rule


def test_protest_and_clashes_with_a_city() -> None:
    text = "وتشهد كازاخستان موجة احتجاجات تحولت إلى اشتباكات عنيفة بين المتظاهرين وقوات الأمن في ألما آتا."
    events = {e.plover: e for e in analyse(text).events}
    assert {"PROTEST", "ASSAULT"} <= set(events)
    assert events["PROTEST"].place is not None and events["PROTEST"].place.name_en == "Almaty"
    assert events["PROTEST"].actor1 is not None and events["PROTEST"].actor1.name_en == "Kazakhstan"


def test_negation_and_planned_modality() -> None:
    denied = analyse("ونفت وزارة الدفاع الروسية شن أي غارة على المدينة.").events
    assert denied and all(e.negated and e.modality == "denied" for e in denied)
    planned = analyse("وسيزور وزير الخارجية التركي القاهرة الأسبوع المقبل لبحث الأزمة.").events
    assert any(e.modality == "planned" for e in planned)


def test_statements_inside_direct_quotes_are_not_events() -> None:
    text = "وقال المتحدث باسم الجيش: «قصفنا مواقع المسلحين بعشرات الصواريخ»."
    assert [e for e in analyse(text).events if e.start <= text.index("قصفنا") < e.end
            and e.trigger.text == "قصفنا"] == []


def test_places_are_geocoded_and_focus_countries_ranked() -> None:
    text = ("اندلعت اشتباكات في طرابلس شمال لبنان، فيما قالت الحكومة اللبنانية إن الجيش انتشر في المدينة. "
            "وأعلنت سوريا إغلاق معبر حدودي.")
    a = analyse(text)
    tripoli = next(p for p in a.places if p.text == "طرابلس")
    assert (tripoli.name_en, tripoli.country, tripoli.geonames_id) == ("Tripoli", "LB", 266826)
    assert abs(tripoli.lat - 34.44) < 0.1 and abs(tripoli.lon - 35.85) < 0.1
    assert [c.country for c in a.focus_countries][:2] == ["LB", "SY"]


def test_one_event_per_clause_and_background_triggers() -> None:
    text = ("وأدانت مصر وقطر الهجوم، فيما أعلنت أنقرة إرسال طائرة محملة بمساعدات طبية إلى مقديشو.\n"
            "وعقد قادة منظمة معاهدة الأمن الجماعي مؤتمرا عبر الفيديو، بناء على طلب رئيس كازاخستان.\n"
            "وأعلن الرئيس التركي ارتفاع حصيلة ضحايا الزلزال إلى 1651 قتيلا.")
    a = analyse(text, date(2022, 10, 30))
    # the condemnation and, in its own clause, Ankara's aid; "بناء على طلب" is background, not a
    # request; a death toll alone is not an assault
    assert [(e.plover, e.trigger.text) for e in a.events] == [
        ("ACCUSE", "وأدانت"), ("AID", "بمساعدات طبية"), ("CONSULT", "مؤتمرا عبر الفيديو")]
    aid = a.events[1]
    assert aid.actor1 is not None and aid.actor1.name_en == "Turkey"


def test_peacekeepers_the_reported_clause_is_about() -> None:
    text = ("كما شدد الرئيس الروسي على أن قوات حفظ السلام التابعة لمنظمة معاهدة الأمن الجماعي ستتواجد في "
            "كازاخستان طالما كان ذلك ضروريا.")
    (event,) = analyse(text).events
    assert (event.plover, event.cameo, event.trigger.text) == ("AID", "074", "قوات حفظ السلام")
    assert event.actor1 is not None and event.actor1.name_en == "Collective Security Treaty Organization"
    assert event.place is not None and event.place.country == "KZ"


def test_participle_clause_habitual_past_passive_toll_and_object_nouns() -> None:
    text = ("أعلنت السعودية والإمارات قطع علاقاتها الدبلوماسية مع قطر، متهمة إياها بدعم الإرهاب.\n"
            "وكانت روسيا تزود الاتحاد الأوروبي بنحو 27% من وارداته النفطية.\n"
            "وفي سوريا، قتل 968 شخصا على الأقل جراء الزلزال.\n"
            "ودان رئيس الحكومة اللبنانية إحراق مبنى البلدية في طرابلس.")
    a = analyse(text, date(2017, 6, 5))
    # the break and, in the participle's own clause, the accusation; "كانت … تزود" is what used to
    # be; a count after "قتل" is a passive toll with no attacker; "إحراق" is what was condemned
    assert [(e.plover, e.trigger.text) for e in a.events] == [
        ("SANCTION", "قطع علاقاتها"), ("ACCUSE", "متهمة"), ("ACCUSE", "ودان")]


def test_witness_verbs_and_treaty_withdrawal() -> None:
    text = ("وشهدت شوارع طهران اليوم احتجاجات محدودة أحرق خلالها متظاهرون العلم الأمريكي.\n"
            "وأعلن الرئيس الأمريكي دونالد ترامب انسحاب الولايات المتحدة من الاتفاق النووي مع إيران.")
    a = analyse(text, date(2018, 5, 9))
    assert [(e.plover, e.trigger.text) for e in a.events] == [
        ("PROTEST", "وشهدت"), ("REJECT", "انسحاب")]  # split triggers: the span is their first part
    assert a.events[1].rule == "trigger:reject.withdraw_agreement.split:انسحاب … من الاتفاق"


def test_common_wire_constructions() -> None:
    cases = {
        "شنت طائرات حربية إسرائيلية غارات على مواقع لحزب الله في جنوب لبنان.": ("ASSAULT", "Israel"),
        "اعتقلت قوات الأمن التركية 30 شخصا يشتبه في انتمائهم لتنظيم داعش في إسطنبول.": ("COERCE", "Turkey"),
        "طردت الجزائر السفير الفرنسي.": ("SANCTION", "Algeria"),
        "فجر انتحاري نفسه في مسجد بمدينة بيشاور الباكستانية.": ("ASSAULT", None),  # the city's nisba acts not
        "أرسلت الإمارات طائرة محملة بمساعدات طبية إلى السودان.": ("AID", "United Arab Emirates"),
        "انسحبت القوات الأمريكية من قاعدة عين الأسد في العراق.": ("RETREAT", "United States Armed Forces"),
    }
    for text, (plover, actor1) in cases.items():
        (event,) = analyse(text, date(2023, 11, 5)).events
        assert (event.plover, event.actor1.name_en if event.actor1 else None) == (plover, actor1), text


def test_reported_self_action_curfew_and_missiles() -> None:
    text = ("أعلن الحرس الثوري الإيراني فجر اليوم الأربعاء أنه أطلق عشرات الصواريخ الباليستية على قاعدة عين الأسد.\n"
            "وفرضت السلطات العراقية حظرا شاملا للتجول في العاصمة بغداد حتى إشعار آخر.")
    a = analyse(text, date(2020, 1, 8))
    assert [(e.plover, e.cameo) for e in a.events] == [("ASSAULT", "195"), ("COERCE", "1723")]
    strike = a.events[0]
    # "أنه أطلق": the one who speaks of himself acted
    assert strike.actor1 is not None and strike.actor1.name_en == "Islamic Revolutionary Guard Corps"


def test_first_person_speech_acts_in_a_direct_quote_are_the_speakers_events() -> None:
    text = ("وقال المتحدث باسم الحكومة العراقية باسم العوادي إن بغداد تتابع التطورات.\n"
            "وأضاف: \"ندعو جميع الأطراف إلى ضبط النفس والتزام الحوار\".\n"
            "وتابع: \"قصفت الطائرات مواقع عدة في المنطقة\".")
    a = analyse(text, date(2020, 1, 8))
    # the call is the spokesman's own act; an attack he reports in his words is not coded from them
    assert [(e.plover, e.trigger.text) for e in a.events] == [("REQUEST", "ندعو")]
    assert a.events[0].actor1 is not None and a.events[0].actor1.text.startswith("المتحدث باسم الحكومة العراقية")
