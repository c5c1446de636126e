"""Date expressions: absolute Gregorian (every regional month naming, numeric), Hijri, and relative
expressions resolved against the publication date.

Each rule is a regex over the normalised view plus a resolver; rules live in a registry (`RULES`)
and the longest match wins where they overlap. Without a publication date, expressions that need it
are kept with `value=None` rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from hijridate import Hijri

from marsad.datafiles import package_data_path, read_tsv
from marsad.model import Granularity
from marsad.text.anchors import anchors, register_keywords
from marsad.text.normalize import normalize_key
from marsad.text.numbers import number_lexicon, parse_number_words
from marsad.text.trie_regex import trie_pattern


@dataclass(frozen=True, slots=True)
class DateMatch:
    start: int  # normalised offsets
    end: int
    value: str | None
    granularity: Granularity
    rule: str


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


def _alt(words: dict[str, int] | list[str]) -> str:
    return "(?:" + trie_pattern(words) + ")"


# --- resolution helpers ------------------------------------------------------------------------

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


# A match may start at a word start or right after attached clitics (وأمس، بالعام، للعام), which stay
# outside the evidence span. Python's lookbehind needs fixed widths, hence the alternatives.
WORD_START = r"(?:(?<!\w)|(?<=(?<!\w)[وفبل])|(?<=(?<!\w)[وف][بل]))"
CONJ_START = r"(?:(?<!\w)|(?<=(?<!\w)[وف]))"  # for words a preposition would turn into another word (لامس)

_FUTURE_CUES = re.compile(
    r"(?<!\w)[وف]?(?:سوف|المقرر|المرتقب|المنتظر|المزمع|يعتزم|تعتزم|يرتقب|سي\w{2,}|ست\w{3,})(?!\w)")
_SINGULAR_UNITS = frozenset({"يوم", "اسبوع", "شهر", "عام", "سنه"})
_QUANTITY_UNITS = {"يوم": "day", "ايام": "day", "اسبوع": "week", "اسابيع": "week", "شهر": "month",
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


# --- rules -------------------------------------------------------------------------------------

Resolver = Callable[["re.Match[str]", "date | None", str], "tuple[str | None, Granularity] | None"]


@dataclass(frozen=True, slots=True)
class DateRule:
    name: str
    pattern: re.Pattern[str]
    resolve: Resolver


def _numeric(m: re.Match[str], pub: date | None, text: str) -> tuple[str | None, Granularity] | None:
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


def _gregorian_day(m: re.Match[str], pub: date | None, text: str) -> tuple[str | None, Granularity] | None:
    month = calendar().gregorian[normalize_key(m.group("month"))]
    day = _day_number(m)
    rel = m.group("drel")
    if m.group("year"):
        d = _safe_date(int(m.group("year")), month, day)
    elif pub and rel:
        # "السابع من أكتوبر الجاري", "الرابع من ديسمبر المقبل", "10 مارس الماضي"
        sign = _REL_SIGN[rel]
        year = pub.year if sign == 0 else (pub.year - (month > pub.month) if sign < 0 else pub.year + (month < pub.month))
        d = _safe_date(year, month, day)
    elif pub:
        d = _closest_year(pub, month, day)
    else:
        return (None, "day") if 1 <= day <= 31 else None
    return (d.isoformat(), "day") if d else None


def _gregorian_month(m: re.Match[str], pub: date | None, text: str) -> tuple[str | None, Granularity] | None:
    month = calendar().gregorian[normalize_key(m.group("month"))]
    if m.group("year"):
        return f"{int(m.group('year')):04d}-{month:02d}", "month"
    if pub is None:
        return None, "month"
    d = _closest_year(pub, month, 15)
    return (f"{d.year:04d}-{month:02d}", "month") if d else None


def _gregorian_month_relative(m: re.Match[str], pub: date | None, text: str) -> tuple[str | None, Granularity] | None:
    """"مارس الماضي": the last March before the publication month; "مارس المقبل": the next one."""
    month = calendar().gregorian[normalize_key(m.group("month"))]
    if pub is None:
        return None, "month"
    past = _REL_SIGN[m.group("mrel")] < 0
    year = pub.year - (month >= pub.month) if past else pub.year + (month <= pub.month)
    return f"{year:04d}-{month:02d}", "month"


def _hijri(m: re.Match[str], pub: date | None, text: str) -> tuple[str | None, Granularity] | None:
    month = calendar().hijri[normalize_key(m.group("hmonth"))]
    year = int(m.group("hyear"))
    day = int(m.group("hday")) if m.group("hday") else (
        calendar().ordinal_days[" ".join(m.group("hoday").split())] if m.group("hoday") else None)
    if day:
        d = _hijri_to_gregorian(year, month, day)
        return (d.isoformat(), "day") if d else None
    mid = _hijri_to_gregorian(year, month, 15)
    return (f"{mid.year:04d}-{mid.month:02d}", "month") if mid else None


def _year(m: re.Match[str], pub: date | None, text: str) -> tuple[str | None, Granularity] | None:
    y = int(m.group("year"))
    return (f"{y:04d}", "year") if 1800 <= y <= 2100 else None


_YEAR_CONTEXT = re.compile(
    r"(?:(?<!\w)(?:في|منذ|حتي|عام|عامي|لعامي|العامين|سنه|سنتي|مطلع|نهايه|بدايه|اواخر|اوائل|خلال|قبل|بعد|موسم)"
    r"\s*[(«\"]?\s*[وبل]?|\d{4}\s*[-–/]\s*|\d{4}\s*[،,]?\s*و|[(]\s*)$")


def _bare_year(m: re.Match[str], pub: date | None, text: str) -> tuple[str | None, Granularity] | None:
    """A year written alone ("في 2021"، "منذ 2011"، "(1975-1990)"، "لعامي 2024 و2025"): only where the
    words before it make it a time, so a count such as "2839 عسكريا" is not read as a year."""
    if _YEAR_CONTEXT.search(text, max(0, m.start() - 16), m.start()) is None:
        return None
    year = int(m.group("year"))
    return (f"{year:04d}", "year") if 1900 <= year <= 2100 else None


def _today(m: re.Match[str], pub: date | None, text: str) -> tuple[str | None, Granularity] | None:
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


def _weekday(m: re.Match[str], pub: date | None, text: str) -> tuple[str | None, Granularity] | None:
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
_PERIOD_UNITS = {"الاسبوع": "week", "الشهر": "month", "العام": "year", "السنه": "year",
                 "لاسبوع": "week", "لشهر": "month", "لعام": "year", "لسنه": "year"}

_REL_SIGN = {"الماضي": -1, "الماضيه": -1, "المنصرم": -1, "المنصرمه": -1, "السابق": -1, "السابقه": -1,
             "المقبل": 1, "المقبله": 1, "القادم": 1, "القادمه": 1, "الجاري": 0, "الجاريه": 0,
             "الحالي": 0, "الحاليه": 0}


def _relative_period(m: re.Match[str], pub: date | None, text: str) -> tuple[str | None, Granularity] | None:
    """الأسبوع الماضي، الشهر المقبل، العام الجاري، هذا العام (with مطلع/أواخر… kept in the span)."""
    unit_word = m.group("unit") or m.group("unit2")
    unit = _PERIOD_UNITS[unit_word]
    rel = m.group("rel2")
    sign = _REL_SIGN[rel] if rel else 0
    granularity: Granularity = "week" if unit == "week" else "month" if unit == "month" else "year"
    if pub is None:
        return None, granularity
    if unit == "week":
        return _iso_week(pub + timedelta(days=7 * sign)), "week"
    if unit == "month":
        y, mo = _shift_month(pub, sign)
        return f"{y:04d}-{mo:02d}", "month"
    return f"{pub.year + sign:04d}", "year"


def _ago(m: re.Match[str], pub: date | None, text: str) -> tuple[str | None, Granularity] | None:
    lex = number_lexicon()
    dual = m.group("dual")
    if dual:
        unit = _QUANTITY_UNITS.get(lex.dual_units[normalize_key(dual)])
        n: float | None = 2.0
    else:
        unit_word = m.group("qunit")
        unit = _QUANTITY_UNITS[unit_word]
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


@lru_cache(maxsize=1)
def date_rules() -> tuple[DateRule, ...]:
    cal = calendar()
    g = _alt(cal.gregorian)
    h = _alt(cal.hijri)
    w = _alt(cal.weekdays)
    lex = number_lexicon()
    num_words = lex.word_pattern
    duals = _alt([k for k, u in lex.dual_units.items() if u in _QUANTITY_UNITS])
    units = _alt(list(_QUANTITY_UNITS))
    rels = _alt(list(_REL_SIGN))
    b, e = WORD_START, r"(?!\w)"
    month_alias = rf"(?:\s*[/(]\s*(?:{g})(?:\s*\))?)?"  # "مارس/آذار", "مارس (آذار)"
    od = _alt(cal.ordinal_days)
    day = rf"(?:(?P<day>\d{{1,2}})|(?P<oday>{od}))"
    year_req = r"\s*،?\s*(?:من\s+)?(?:عام|العام|سنه)?\s*(?P<year>\d{4})(?:\s*م(?!\w))?"
    year_tail = f"(?:{year_req})?"
    rules = [
        DateRule("numeric", re.compile(
            r"(?<![\d/.\-])(?:(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4})(?P<hijri_mark>\s*هـ?(?!\w))?"
            r"|(?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2}))(?![\d/.\-])(?:\s*م(?!\w))?"), _numeric),
        DateRule("gregorian-day", re.compile(
            rf"{b}{day}\s+(?:من\s+)?(?:شهر\s+)?(?P<month>{g}){e}{month_alias}"
            rf"(?:{year_req}|\s+(?P<drel>الجاري|الحالي|الماضي|المقبل|القادم)(?!\w))?"),
            _gregorian_day),
        DateRule("gregorian-month", re.compile(
            rf"{b}(?:(?:شهر|الشهر)\s+)?(?P<month>{g}){e}{month_alias}\s+(?:من\s+)?(?:عام|العام|سنه)?\s*"
            r"(?P<year>\d{4})(?:\s*م(?!\w))?"), _gregorian_month),
        DateRule("gregorian-month-relative", re.compile(
            rf"{b}(?:(?:شهر|الشهر)\s+)?(?P<month>{g}){e}{month_alias}\s+(?P<mrel>الماضي|المقبل|القادم|المنصرم){e}"),
            _gregorian_month_relative),
        DateRule("gregorian-month-in-context", re.compile(
            rf"(?<!\w)(?:شهر|في|خلال|منذ|مطلع|اوائل|اواخر|منتصف|اواسط|بدايه|نهايه)\s+"
            rf"(?P<span>(?P<month>{g}){e}{month_alias})(?P<year>)"), _gregorian_month),
        DateRule("hijri", re.compile(
            rf"{b}(?:(?:(?P<hday>\d{{1,2}})|(?P<hoday>{od}))\s+(?:من\s+)?)?(?:شهر\s+)?(?P<hmonth>{h}){e}\s+"
            r"(?:من\s+)?(?:عام\s+)?(?P<hyear>1[34]\d\d)(?:\s*(?:ه|هـ)(?!\w))?"), _hijri),
        DateRule("year", re.compile(rf"{b}(?:عام|العام|سنه|السنه|لعام)\s+(?P<year>\d{{4}})(?:\s*م(?!\w))?{e}"),
                 _year),
        DateRule("year-bare", re.compile(r"(?<![\d.,/])(?P<year>(?:19|20)\d\d)(?![\d.,%/]|\s*[-–]\s*\d{1,2}[-–/])"),
                 _bare_year),
        DateRule("today", re.compile(
            rf"{CONJ_START}(?P<rel>اليوم|الليله|امس|البارحه|اول\s+(?:من\s+)?امس|غدا|يوم\s+غد|بعد\s+غد){e}"
            rf"(?:\s*،?\s*(?P<wd>{w}){e}|\s*\(\s*(?P<pwd>{w})\s*\))?"), _today),
        DateRule("weekday", re.compile(
            rf"{b}(?:(?:يوم|صباح|مساء|ظهر|فجر|ليله|ليل|عصر|نهار)\s+)?(?P<wd>{w}){e}"
            r"(?:\s+(?P<wrel>الماضي|المقبل|القادم)(?!\w))?"), _weekday),
        DateRule("relative-period", re.compile(
            rf"{b}(?:(?:مطلع|بدايه|اوائل|منتصف|اواسط|اواخر|نهايه)\s+)?"
            rf"(?:(?P<unit>{_alt(list(_PERIOD_UNITS))})\s+(?P<rel2>{rels})|(?:هذا|هذه)\s+"
            r"(?P<unit2>الاسبوع|الشهر|العام|السنه))(?!\w)"), _relative_period),
        DateRule("ago", re.compile(
            rf"{b}(?P<dir>قبل|منذ|بعد)\s+(?:(?P<dual>{duals})|(?P<n>\d+|(?:{num_words})(?:\s+و?(?:{num_words}))*)?"
            rf"\s*(?P<qunit>{units})){e}(?!\s*\d)"), _ago),
    ]
    return tuple(rules)


@dataclass(frozen=True, slots=True)
class _Anchors:
    """Where date expressions can be: the shared anchor scan finds their keywords, then only the rules
    a keyword belongs to are tried, at the keyword and at the few word starts just before it (for
    prefixes such as "يوم", "مطلع", "15 من"). One full scan per rule would cost ten times more."""

    # keyword -> the rules it can belong to, and whether they may start before it (a prefix word)
    rules_of: dict[str, tuple[tuple[DateRule, ...], bool]]
    numeric: re.Pattern[str]
    numeric_rule: DateRule
    year_rule: DateRule


_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
_PREFIX_WORDS = 3  # how many words before a keyword a rule may start ("15 من شهر مارس")
_REACH = 120  # no date expression is longer: matching further only costs time


@lru_cache(maxsize=1)
def _anchors() -> _Anchors:
    cal = calendar()
    rules = {r.name: r for r in date_rules()}
    groups: dict[str, tuple[tuple[str, ...], bool]] = {}

    def add(words: list[str] | dict[str, int], *names: str, prefixed: bool) -> None:
        for w in words:
            before, was_prefixed = groups.get(w, ((), False))
            groups[w] = (tuple(dict.fromkeys(before + names)), prefixed or was_prefixed)

    add(cal.gregorian, "gregorian-day", "gregorian-month", "gregorian-month-relative", "gregorian-month-in-context",
        prefixed=True)
    add(cal.hijri, "hijri", prefixed=True)
    add(cal.weekdays, "today", "weekday", prefixed=True)
    add(["اليوم", "الليله", "البارحه", "غدا"], "today", prefixed=False)
    add(["امس", "غد"], "today", prefixed=True)  # "أول أمس", "بعد غد", "يوم غد"
    add(list(_PERIOD_UNITS), "relative-period", prefixed=True)
    add(["قبل", "منذ", "بعد"], "ago", prefixed=False)
    add(["عام", "العام", "سنه", "السنه", "لعام"], "year", prefixed=False)
    rules_of = {" ".join(w.split()): (tuple(rules[n] for n in names), prefixed)
                for w, (names, prefixed) in groups.items()}
    register_keywords("dates", groups)
    return _Anchors(rules_of, re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d"), rules["numeric"], rules["year-bare"])


def _candidate_starts(text: str, hit: int) -> list[int]:
    """The keyword's own start and the starts of the few words before it (with their clitics off)."""
    out = [hit]
    pos = hit
    for _ in range(_PREFIX_WORDS):
        if pos <= 0:
            break
        lo = max(0, pos - 24)
        space = text.rfind(" ", lo, pos - 1)
        start = space + 1 if space >= 0 else (0 if lo == 0 else -1)
        if start < 0 or start >= pos:
            break
        out.extend((start, start + 1, start + 2))
        pos = start
    return out


def find_dates(text: str, published: date | None) -> list[DateMatch]:
    """Date expressions of a normalised text; leftmost-longest wins where rules overlap."""
    index = _anchors()
    spots = anchors(text)
    raw: dict[tuple[str, int, int], tuple[DateRule, re.Match[str]]] = {}
    hits: list[tuple[int, tuple[tuple[DateRule, ...], bool]]] = [
        (k.start, index.rules_of[k.word]) for k in spots.keywords if k.word in index.rules_of]
    hits.extend((s, ((index.numeric_rule,), False)) for s, _ in spots.digit_runs if index.numeric.match(text, s))
    hits.extend((k.start(), ((index.year_rule,), False)) for s, e in spots.digit_runs
                for k in _FOUR_DIGITS.finditer(text, s, e))
    for hit, (rules, prefixed) in hits:
        end = min(len(text), hit + _REACH)
        starts = _candidate_starts(text, hit) if prefixed else (hit,)
        for rule in rules:
            for start in starts:
                m = rule.pattern.match(text, start, end)
                if m is not None and m.end() > hit:
                    raw.setdefault((rule.name, m.start(), m.end()), (rule, m))
    found: list[DateMatch] = []
    for rule, m in raw.values():
        resolved = rule.resolve(m, published, text)
        if resolved is not None:
            # A rule may match context it does not report (the "في" of "في مارس"): group "span".
            start, end = m.span("span") if "span" in rule.pattern.groupindex else m.span()
            found.append(DateMatch(start, end, resolved[0], resolved[1], rule.name))
    found.sort(key=lambda d: (d.start, -(d.end - d.start), d.rule))
    out: list[DateMatch] = []
    last_end = -1
    for d in found:
        if d.start >= last_end:
            out.append(d)
            last_end = d.end
    return out
