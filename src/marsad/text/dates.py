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
from datetime import date
from functools import lru_cache

from marsad.model import Granularity
from marsad.text.anchors import anchors, register_keywords
from marsad.text.date_values import (
    PERIOD_UNITS,
    QUANTITY_UNITS,
    REL_SIGN,
    Resolved,
    calendar,
    resolve_ago,
    resolve_bare_year,
    resolve_gregorian_day,
    resolve_gregorian_month,
    resolve_gregorian_month_relative,
    resolve_hijri,
    resolve_numeric,
    resolve_relative_period,
    resolve_today,
    resolve_weekday,
    resolve_year,
)
from marsad.text.numbers import number_lexicon
from marsad.text.trie_regex import trie_pattern


@dataclass(frozen=True, slots=True)
class DateMatch:
    start: int  # normalised offsets
    end: int
    value: str | None
    granularity: Granularity
    rule: str


def _alt(words: dict[str, int] | list[str]) -> str:
    return "(?:" + trie_pattern(words) + ")"




# A match may start at a word start or right after attached clitics (وأمس، بالعام، للعام), which stay
# outside the evidence span. Python's lookbehind needs fixed widths, hence the alternatives.
WORD_START = r"(?:(?<!\w)|(?<=(?<!\w)[وفبل])|(?<=(?<!\w)[وف][بل]))"
CONJ_START = r"(?:(?<!\w)|(?<=(?<!\w)[وف]))"  # for words a preposition would turn into another word (لامس)

Resolver = Callable[["re.Match[str]", "date | None", str], Resolved]


@dataclass(frozen=True, slots=True)
class DateRule:
    name: str
    pattern: re.Pattern[str]
    resolve: Resolver


@lru_cache(maxsize=1)
def date_rules() -> tuple[DateRule, ...]:
    cal = calendar()
    g = _alt(cal.gregorian)
    h = _alt(cal.hijri)
    w = _alt(cal.weekdays)
    lex = number_lexicon()
    num_words = lex.word_pattern
    duals = _alt([k for k, u in lex.dual_units.items() if u in QUANTITY_UNITS])
    units = _alt(list(QUANTITY_UNITS))
    rels = _alt(list(REL_SIGN))
    b, e = WORD_START, r"(?!\w)"
    month_alias = rf"(?:\s*[/(]\s*(?:{g})(?:\s*\))?)?"  # "مارس/آذار", "مارس (آذار)"
    od = _alt(cal.ordinal_days)
    day = rf"(?:(?P<day>\d{{1,2}})|(?P<oday>{od}))"
    year_req = r"\s*،?\s*(?:من\s+)?(?:عام|العام|سنه)?\s*(?P<year>\d{4})(?:\s*م(?!\w))?"
    rules = [
        DateRule("numeric", re.compile(
            r"(?<![\d/.\-])(?:(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4})(?P<hijri_mark>\s*هـ?(?!\w))?"
            r"|(?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2}))(?![\d/.\-])(?:\s*م(?!\w))?"), resolve_numeric),
        DateRule("gregorian-day", re.compile(
            rf"{b}{day}\s+(?:من\s+)?(?:شهر\s+)?(?P<month>{g}){e}{month_alias}"
            rf"(?:{year_req}|\s+(?P<drel>الجاري|الحالي|الماضي|المقبل|القادم)(?!\w))?"),
            resolve_gregorian_day),
        DateRule("gregorian-month", re.compile(
            rf"{b}(?:(?:شهر|الشهر)\s+)?(?P<month>{g}){e}{month_alias}\s+(?:من\s+)?(?:عام|العام|سنه)?\s*"
            r"(?P<year>\d{4})(?:\s*م(?!\w))?"), resolve_gregorian_month),
        DateRule("gregorian-month-relative", re.compile(
            rf"{b}(?:(?:شهر|الشهر)\s+)?(?P<month>{g}){e}{month_alias}\s+(?P<mrel>الماضي|المقبل|القادم|المنصرم){e}"),
            resolve_gregorian_month_relative),
        DateRule("gregorian-month-in-context", re.compile(
            rf"(?<!\w)(?:شهر|في|خلال|منذ|مطلع|اوائل|اواخر|منتصف|اواسط|بدايه|نهايه)\s+"
            rf"(?P<span>(?P<month>{g}){e}{month_alias})(?P<year>)"), resolve_gregorian_month),
        DateRule("hijri", re.compile(
            rf"{b}(?:(?:(?P<hday>\d{{1,2}})|(?P<hoday>{od}))\s+(?:من\s+)?)?(?:شهر\s+)?(?P<hmonth>{h}){e}\s+"
            r"(?:من\s+)?(?:عام\s+)?(?P<hyear>1[34]\d\d)(?:\s*(?:ه|هـ)(?!\w))?"), resolve_hijri),
        DateRule("year", re.compile(rf"{b}(?:عام|العام|سنه|السنه|لعام)\s+(?P<year>\d{{4}})(?:\s*م(?!\w))?{e}"),
                 resolve_year),
        DateRule("year-bare", re.compile(r"(?<![\d.,/])(?P<year>(?:19|20)\d\d)(?![\d.,%/]|\s*[-–]\s*\d{1,2}[-–/])"),
                 resolve_bare_year),
        DateRule("today", re.compile(
            rf"{CONJ_START}(?P<rel>اليوم|الليله|امس|البارحه|اول\s+(?:من\s+)?امس|غدا|يوم\s+غد|بعد\s+غد){e}"
            rf"(?:\s*،?\s*(?P<wd>{w}){e}|\s*\(\s*(?P<pwd>{w})\s*\))?"), resolve_today),
        DateRule("weekday", re.compile(
            rf"{b}(?:(?:يوم|صباح|مساء|ظهر|فجر|ليله|ليل|عصر|نهار)\s+)?(?P<wd>{w}){e}"
            r"(?:\s+(?P<wrel>الماضي|المقبل|القادم)(?!\w))?"), resolve_weekday),
        DateRule("relative-period", re.compile(
            rf"{b}(?:(?:مطلع|بدايه|اوائل|منتصف|اواسط|اواخر|نهايه)\s+)?"
            rf"(?:(?P<unit>{_alt(list(PERIOD_UNITS))})\s+(?P<rel2>{rels})|(?:هذا|هذه)\s+"
            r"(?P<unit2>الاسبوع|الشهر|العام|السنه))(?!\w)"), resolve_relative_period),
        DateRule("ago", re.compile(
            rf"{b}(?P<dir>قبل|منذ|بعد)\s+(?:(?P<dual>{duals})|(?P<n>\d+|(?:{num_words})(?:\s+و?(?:{num_words}))*)?"
            rf"\s*(?P<qunit>{units})){e}(?!\s*\d)"), resolve_ago),
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
    add(list(PERIOD_UNITS), "relative-period", prefixed=True)
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
