"""Date values: the calendar tables and the resolvers that turn a matched date expression into a value
(Gregorian and Hijri absolute dates, and relative expressions against the publication date)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from hijridate import Hijri

from marsad.datafiles import package_data_path, read_tsv
from marsad.model import Granularity
from marsad.text.normalize import normalize_key
from marsad.text.numbers import number_lexicon, parse_number_words

# A resolver's answer: (value or None when it needs a publication date, granularity), or None: no date.
Resolved = tuple[str | None, Granularity] | None

@dataclass(frozen=True, slots=True)
class Calendar:
    gregorian: dict[str, int]
    hijri: dict[str, int]
    weekdays: dict[str, int]
    ordinal_days: dict[str, int]


@lru_cache(maxsize=1)
def calendar() -> Calendar:
    tables: dict[str, dict[str, int]] = {"gregorian": {}, "hijri": {}, "weekday": {}, "ordinal_day": {}}
    for row in read_tsv(package_data_path("marsad.text", "data", "calendar.tsv"), ("kind", "name", "number")):
        if row["kind"] not in tables:
            raise row.fail(f"unknown calendar kind {row['kind']!r}")
        tables[row["kind"]][normalize_key(row["name"])] = int(row["number"])
    return Calendar(tables["gregorian"], tables["hijri"], tables["weekday"], tables["ordinal_day"])


def _shift_month(d: date, months: int) -> tuple[int, int]:
    m = d.year * 12 + (d.month - 1) + months
    return m // 12, m % 12 + 1


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _closest_year(pub: date, month: int, day: int) -> date | None:
    """The date with this month/day nearest to the publication date (news looks back and ahead)."""
    options = [x for x in (_safe_date(pub.year + k, month, day) for k in (-1, 0, 1)) if x]
    return min(options, key=lambda x: abs((x - pub).days)) if options else None


def _hijri_to_gregorian(y: int, m: int, d: int) -> date | None:
    try:
        g = Hijri(y, m, d).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return date(g.year, g.month, g.day)

_FUTURE_CUES = re.compile(
    r"(?<!\w)[وف]?(?:سوف|المقرر|المرتقب|المنتظر|المزمع|يعتزم|تعتزم|يرتقب|سي\w{2,}|ست\w{3,})(?!\w)")
_SINGULAR_UNITS = frozenset({"يوم", "اسبوع", "شهر", "عام", "سنه"})
QUANTITY_UNITS = {"يوم": "day", "ايام": "day", "اسبوع": "week", "اسابيع": "week", "شهر": "month",
                   "اشهر": "month", "شهور": "month", "عام": "year", "اعوام": "year", "سنه": "year",
                   "سنوات": "year", "سنين": "year"}


def _quantity(text: str) -> float | None:
    text = text.strip()
    if not text:
        return 1.0
    if text.isdigit():
        return float(text)
    parsed = parse_number_words(text)
    return parsed[0] if parsed and not parsed[1] else None


def _offset(pub: date, unit: str, n: float, sign: int) -> tuple[str, Granularity] | None:
    k = int(n) * sign
    if unit == "day":
        return (pub + timedelta(days=k)).isoformat(), "day"
    if unit == "week":
        return (pub + timedelta(days=7 * k)).isoformat(), "day"
    if unit == "month":
        y, m = _shift_month(pub, k)
        return f"{y:04d}-{m:02d}", "month"
    if unit == "year":
        return f"{pub.year + k:04d}", "year"
    return None




def resolve_numeric(m: re.Match[str], pub: date | None, text: str) -> Resolved:
    if m.group("iso_y"):
        d = _safe_date(int(m.group("iso_y")), int(m.group("iso_m")), int(m.group("iso_d")))
    elif m.group("hijri_mark") or 1300 <= int(m.group("y")) <= 1500:
        # "22/1/1422هـ": a Hijri date written with numbers
        d = _hijri_to_gregorian(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    else:
        d = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return (d.isoformat(), "day") if d else None


def _day_number(m: re.Match[str]) -> int:
    """The day of a match: digits, or an ordinal word ("العاشر من مارس")."""
    if m.group("day"):
        return int(m.group("day"))
    return calendar().ordinal_days[" ".join(m.group("oday").split())]


def resolve_gregorian_day(m: re.Match[str], pub: date | None, text: str) -> Resolved:
    month = calendar().gregorian[normalize_key(m.group("month"))]
    day = _day_number(m)
    rel = m.group("drel")
    if m.group("year"):
        d = _safe_date(int(m.group("year")), month, day)
    elif pub and rel:
        # "السابع من أكتوبر الجاري", "الرابع من ديسمبر المقبل", "10 مارس الماضي"
        sign = REL_SIGN[rel]
        year = pub.year + (0 if sign == 0 else -(month > pub.month) if sign < 0 else int(month < pub.month))
        d = _safe_date(year, month, day)
    elif pub:
        d = _closest_year(pub, month, day)
    else:
        return (None, "day") if 1 <= day <= 31 else None
    return (d.isoformat(), "day") if d else None


def resolve_gregorian_month(m: re.Match[str], pub: date | None, text: str) -> Resolved:
    month = calendar().gregorian[normalize_key(m.group("month"))]
    if m.group("year"):
        return f"{int(m.group('year')):04d}-{month:02d}", "month"
    if pub is None:
        return None, "month"
    d = _closest_year(pub, month, 15)
    return (f"{d.year:04d}-{month:02d}", "month") if d else None


def resolve_gregorian_month_relative(m: re.Match[str], pub: date | None, text: str) -> Resolved:
    """"مارس الماضي": the last March before the publication month; "مارس المقبل": the next one."""
    month = calendar().gregorian[normalize_key(m.group("month"))]
    if pub is None:
        return None, "month"
    past = REL_SIGN[m.group("mrel")] < 0
    year = pub.year - (month >= pub.month) if past else pub.year + (month <= pub.month)
    return f"{year:04d}-{month:02d}", "month"


def resolve_hijri(m: re.Match[str], pub: date | None, text: str) -> Resolved:
    month = calendar().hijri[normalize_key(m.group("hmonth"))]
    year = int(m.group("hyear"))
    day = int(m.group("hday")) if m.group("hday") else (
        calendar().ordinal_days[" ".join(m.group("hoday").split())] if m.group("hoday") else None)
    if day:
        d = _hijri_to_gregorian(year, month, day)
        return (d.isoformat(), "day") if d else None
    mid = _hijri_to_gregorian(year, month, 15)
    return (f"{mid.year:04d}-{mid.month:02d}", "month") if mid else None


def resolve_year(m: re.Match[str], pub: date | None, text: str) -> Resolved:
    y = int(m.group("year"))
    return (f"{y:04d}", "year") if 1800 <= y <= 2100 else None


_YEAR_CONTEXT = re.compile(
    r"(?:(?<!\w)(?:في|منذ|حتي|عام|عامي|لعامي|العامين|سنه|سنتي|مطلع|نهايه|بدايه|اواخر|اوائل|خلال|قبل|بعد|موسم)"
    r"\s*[(«\"]?\s*[وبل]?|\d{4}\s*[-–/]\s*|\d{4}\s*[،,]?\s*و|[(]\s*)$")


def resolve_bare_year(m: re.Match[str], pub: date | None, text: str) -> Resolved:
    """A year written alone ("في 2021"، "منذ 2011"، "(1975-1990)"، "لعامي 2024 و2025"): only where the
    words before it make it a time, so a count such as "2839 عسكريا" is not read as a year."""
    if _YEAR_CONTEXT.search(text, max(0, m.start() - 16), m.start()) is None:
        return None
    year = int(m.group("year"))
    return (f"{year:04d}", "year") if 1900 <= year <= 2100 else None


def resolve_today(m: re.Match[str], pub: date | None, text: str) -> Resolved:
    delta = {"اليوم": 0, "الليله": 0, "امس": -1, "البارحه": -1, "اول امس": -2, "اول من امس": -2,
             "غدا": 1, "يوم غد": 1, "بعد غد": 2}[" ".join(m.group("rel").split())]
    if pub is None:
        return None, "day"
    target = pub + timedelta(days=delta)
    wd = m.group("wd") or m.group("pwd")
    if wd:
        # "اليوم الإثنين": trust the weekday if the publication date is off by a day or two.
        want = calendar().weekdays[normalize_key(wd)]
        near = [target + timedelta(days=k) for k in range(-3, 4)]
        target = min((d for d in near if d.weekday() == want), key=lambda d: abs((d - target).days))
    return target.isoformat(), "day"


def resolve_weekday(m: re.Match[str], pub: date | None, text: str) -> Resolved:
    if pub is None:
        return None, "day"
    want = calendar().weekdays[normalize_key(m.group("wd"))]
    rel = m.group("wrel") or ""
    back = (pub.weekday() - want) % 7
    if rel.startswith("الماضي"):
        d = pub - timedelta(days=back or 7)
    elif rel:
        d = pub + timedelta(days=(want - pub.weekday()) % 7 or 7)
    else:
        sentence_start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start()), 0)
        future = _FUTURE_CUES.search(text, sentence_start, m.start()) is not None
        d = pub + timedelta(days=(want - pub.weekday()) % 7) if future else pub - timedelta(days=back)
    return d.isoformat(), "day"


# "للعام الجاري" = ل + العام: after the ل clitic the article's alef is gone.
PERIOD_UNITS = {"الاسبوع": "week", "الشهر": "month", "العام": "year", "السنه": "year",
                 "لاسبوع": "week", "لشهر": "month", "لعام": "year", "لسنه": "year"}

REL_SIGN = {"الماضي": -1, "الماضيه": -1, "المنصرم": -1, "المنصرمه": -1, "السابق": -1, "السابقه": -1,
             "المقبل": 1, "المقبله": 1, "القادم": 1, "القادمه": 1, "الجاري": 0, "الجاريه": 0,
             "الحالي": 0, "الحاليه": 0}


def resolve_relative_period(m: re.Match[str], pub: date | None, text: str) -> Resolved:
    """الأسبوع الماضي، الشهر المقبل، العام الجاري، هذا العام (with مطلع/أواخر… kept in the span)."""
    unit_word = m.group("unit") or m.group("unit2")
    unit = PERIOD_UNITS[unit_word]
    rel = m.group("rel2")
    sign = REL_SIGN[rel] if rel else 0
    granularity: Granularity = "week" if unit == "week" else "month" if unit == "month" else "year"
    if pub is None:
        return None, granularity
    if unit == "week":
        return _iso_week(pub + timedelta(days=7 * sign)), "week"
    if unit == "month":
        y, mo = _shift_month(pub, sign)
        return f"{y:04d}-{mo:02d}", "month"
    return f"{pub.year + sign:04d}", "year"


def resolve_ago(m: re.Match[str], pub: date | None, text: str) -> Resolved:
    lex = number_lexicon()
    dual = m.group("dual")
    if dual:
        unit = QUANTITY_UNITS.get(lex.dual_units[normalize_key(dual)])
        n: float | None = 2.0
    else:
        unit_word = m.group("qunit")
        unit = QUANTITY_UNITS[unit_word]
        if not m.group("n") and unit_word not in _SINGULAR_UNITS:
            return None  # "منذ سنوات": a plural with no number is vague
        n = _quantity(m.group("n") or "")
    if unit is None or n is None:
        return None
    sign = 1 if m.group("dir") == "بعد" else -1
    if pub is None:
        granularity: Granularity = "day" if unit in ("day", "week") else "month" if unit == "month" else "year"
        return None, granularity
    return _offset(pub, unit, n, sign)
