"""Arabic wire-style articles written for the corpus tests, a fixture stage that turns events listed
in a record into Event objects, and helpers to ingest and to compare stores."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path
from typing import Any

from marsad.context import Context
from marsad.ingest.context import SourceContext
from marsad.ingest.runner import Ingester, IngestOptions, Summary
from marsad.model import ActorRef, Event, EventPlace, Quote, Span
from marsad.stages import Stage, register, registered
from marsad.store.fts import index_text
from marsad.store.sqlite import CONTENT_TABLES
from marsad.store.writer import StoreWriter

ARTICLES: dict[str, str] = {
    "summit": (
        "بوتين يستقبل رئيس كازاخستان في موسكو لبحث التعاون الاقتصادي\n"
        "استقبل الرئيس الروسي فلاديمير بوتين، اليوم الثلاثاء، رئيس كازاخستان قاسم جومارت توكاييف في الكرملين، "
        "حيث بحث الجانبان سبل تعزيز التعاون الاقتصادي والتجاري بين البلدين وتطورات الأوضاع في آسيا الوسطى. "
        "وقال بوتين في مستهل اللقاء إن حجم التبادل التجاري بين البلدين ارتفع إلى أكثر من 26 مليار دولار "
        "خلال العام الماضي، معربا عن أمله في مواصلة هذا النمو. من جهته أكد توكاييف أن بلاده ملتزمة بتطوير "
        "الشراكة الاستراتيجية مع روسيا في مجالات الطاقة والنقل والزراعة."),
    "flood": (
        "ارتفاع حصيلة ضحايا الفيضانات في شرق ليبيا\n"
        "أعلنت الحكومة الليبية في بنغازي، اليوم الأربعاء، ارتفاع حصيلة ضحايا الفيضانات التي ضربت مدينة درنة "
        "إلى أكثر من خمسة آلاف قتيل، فيما لا يزال الآلاف في عداد المفقودين. وقال المتحدث باسم وزارة الداخلية "
        "إن فرق الإنقاذ تواصل البحث تحت الأنقاض وفي البحر، مشيرا إلى أن السدود التي انهارت خلفت دمارا واسعا "
        "في الأحياء القريبة من الوادي. وناشدت السلطات المنظمات الدولية إرسال فرق متخصصة ومعدات ثقيلة."),
    "oil": (
        "أسعار النفط تتراجع مع مخاوف تباطؤ الطلب العالمي\n"
        "تراجعت أسعار النفط في تعاملات الخميس، إذ هبطت العقود الآجلة لخام برنت بنسبة 1.2 في المئة إلى 84 دولارا "
        "للبرميل، بعد بيانات أظهرت تباطؤ النشاط الصناعي في الصين. ويخشى المتعاملون أن يؤدي رفع أسعار الفائدة "
        "في الولايات المتحدة وأوروبا إلى إضعاف الطلب على الوقود، رغم استمرار خفض الإنتاج من جانب تحالف أوبك بلس "
        "الذي تقوده السعودية وروسيا."),
    "election": (
        "الناخبون في تونس يدلون بأصواتهم في الانتخابات البلدية\n"
        "توجه الناخبون التونسيون، صباح الأحد، إلى مراكز الاقتراع للإدلاء بأصواتهم في الانتخابات البلدية، "
        "وسط إجراءات أمنية مشددة في العاصمة والمدن الكبرى. وأفادت الهيئة العليا المستقلة للانتخابات بأن نسبة "
        "المشاركة بلغت 12 في المئة حتى منتصف النهار، داعية المواطنين إلى التوجه بكثافة قبل إغلاق المراكز "
        "في السادسة مساء. ويتنافس في هذه الانتخابات آلاف المرشحين على مقاعد المجالس المحلية."),
    "football": (
        "الهلال يفوز على النصر في ديربي الرياض\n"
        "حقق فريق الهلال فوزا ثمينا على غريمه النصر بهدفين مقابل هدف في المباراة التي أقيمت مساء الجمعة على "
        "ملعب الملك فهد الدولي ضمن منافسات الدوري السعودي للمحترفين. وسجل للهلال مهاجمه في الدقيقة العاشرة "
        "ثم أضاف زميله الهدف الثاني قبل نهاية الشوط الأول، بينما قلص النصر الفارق من ركلة جزاء في الشوط الثاني. "
        "وبهذا الفوز يعزز الهلال صدارته لجدول الترتيب."),
    "quake": (
        "زلزال بقوة 6.8 درجات يضرب وسط المغرب\n"
        "ضرب زلزال بقوة 6.8 درجات على مقياس ريختر منطقة الحوز جنوب غربي مراكش في ساعة متأخرة من مساء الجمعة، "
        "ما أسفر عن سقوط أكثر من ألفي قتيل وآلاف الجرحى وفق حصيلة رسمية لوزارة الداخلية المغربية. وشعر السكان "
        "بالهزة في الدار البيضاء والرباط، وخرج كثيرون إلى الشوارع خوفا من الهزات الارتدادية. وأعلنت السلطات "
        "الحداد الوطني ثلاثة أيام."),
}

ENGLISH = ("Oil prices fell on Thursday as weak factory data from China raised fears about global demand, "
           "while traders awaited the next decision of the US central bank on interest rates.")


def reprint(text: str) -> str:
    """The same story as another outlet prints it: other spacing, diacritics and hamza spellings."""
    return text.replace("أ", "ا").replace("  ", " ").replace("الرئيس", "الرَّئيس").replace("، ", " ، ")


def edited(text: str) -> str:
    """A lightly edited version (a near duplicate): a sentence changed at the end."""
    return text.rsplit(".", 2)[0] + ". وتأتي هذه التطورات في ظل متابعة إقليمية ودولية واسعة لما يجري."


def record(doc_id: str, text: str, *, source: str, published: str, url: str | None = None,
           **extra: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {"id": doc_id, "source": source, "date": published, "content": text,
                           "url": url or f"https://{source}.example/{doc_id}"}
    rec.update(extra)
    return rec


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def generated_corpus(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """`n` articles assembled from the sentences above (deterministic), with reprints among them."""
    rng = random.Random(seed)
    sentences = [s.strip() + "." for t in ARTICLES.values() for s in t.split("\n", 1)[1].split(".") if s.strip()]
    out: list[dict[str, Any]] = []
    for i in range(n):
        if i > 10 and i % 9 == 0:
            base = out[rng.randrange(len(out))]
            out.append(record(f"g{i}", base["content"], source=f"outlet{i % 5}", published=base["date"]))
            continue
        body = " ".join(rng.sample(sentences, 4)) + f" (خبر رقم {i})"
        out.append(record(f"g{i}", body, source=f"outlet{i % 5}", published=f"2023-09-{1 + i % 28:02d}"))
    return out


FIXTURE_STAGE = "fixture_events"


def _actor(spec: dict[str, Any] | None) -> ActorRef | None:
    if spec is None:
        return None
    return ActorRef(spec["text"], kb_id=spec.get("kb_id"), name_en=spec.get("name_en"), cameo=spec.get("cameo"))


def fixture_events(ctx: Context) -> list[Event]:
    """Events listed under "events" in the record: trigger text, CAMEO code, actors, place."""
    text = ctx.doc.text
    out: list[Event] = []
    for spec in ctx.doc.extra.get("events", []):
        start = text.index(spec["trigger"])
        end = start + len(spec["trigger"])
        s_start = text.rfind(".", 0, start) + 1
        s_end = text.find(".", end) + 1 or len(text)
        place = spec.get("place")
        out.append(Event(s_start, s_end, Span(start, end, spec["trigger"]), spec["cameo"], spec.get("plover", ""),
                         spec.get("quad_class", 4), spec.get("goldstein", -10.0), _actor(spec.get("actor1")),
                         _actor(spec.get("actor2")), EventPlace(**place) if place else None, spec.get("date"),
                         False, "asserted", "fixture"))
    return out


def fixture_quotes(ctx: Context) -> list[Quote]:
    """Quotes listed under "quotes" in the record: quoted text, cue word, speaker."""
    text = ctx.doc.text
    out: list[Quote] = []
    for spec in ctx.doc.extra.get("quotes", []):
        q = text.index(spec["text"])
        c = text.index(spec["cue"])
        sp = text.index(spec["speaker"])
        speaker = ActorRef(spec["speaker"], sp, sp + len(spec["speaker"]), name_en=spec.get("speaker_en"))
        out.append(Quote(q, q + len(spec["text"]), spec["text"], "indirect",
                         Span(c, c + len(spec["cue"]), spec["cue"]), speaker, "fixture"))
    return out


if FIXTURE_STAGE not in registered():

    @register(FIXTURE_STAGE)
    class FixtureEvents(Stage):
        def find(self, ctx: Context) -> list[Event]:
            return fixture_events(ctx)

        def set_annotations(self, ctx: Context, found: list[Event]) -> None:
            ctx.analysis.events.extend(found)
            ctx.analysis.quotes.extend(fixture_quotes(ctx))


def ingest(db: Path, sources: list[str], *, stages: tuple[str, ...] = ("numbers", "dates", FIXTURE_STAGE),
           ctx: SourceContext | None = None, **options: Any) -> Summary:
    writer = StoreWriter(db)
    try:
        return Ingester(writer, IngestOptions(stages=stages, **options)).run(sources, ctx or SourceContext())
    finally:
        writer.close()


PROBES = ("بوتين", "زلزال", "النفط", "الانتخابات", "الهلال", "درنة", "خبر")


def dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every content table, rows sorted, and what the full-text index finds for a few words: two stores
    with equal dumps hold the same corpus."""
    conn = sqlite3.connect(db)
    try:
        out = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in CONTENT_TABLES}
        out["fts"] = [tuple(r[0] for r in conn.execute("SELECT rowid FROM docs_fts WHERE docs_fts MATCH ? "
                                                         "ORDER BY rowid", (index_text(w),))) for w in PROBES]
        return out
    finally:
        conn.close()
