"""Stages "numbers" and "amounts": numeric claims = number + bound + counted noun phrase (+ unit).

"أكثر من 40 معسكر تدريب" → (40, more_than, "معسكر تدريب"); "قتل 12 شخصا على الأقل" → (12, at_least,
"شخصا"). Dates, times, phone numbers, labels ("القرار 2254") and vague magnitudes ("عشرات") are not
amounts. Who claimed a number is filled in by the quotes stage, which knows the speakers.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.context import Context
from marsad.datafiles import package_data_path, read_tsv
from marsad.model import Amount, Bound, Span
from marsad.stages import Stage, register
from marsad.text.clitics import proclitic_splits
from marsad.text.dates import WORD_START
from marsad.text.lexicon import function_words
from marsad.text.normalize import normalize_key
from marsad.text.numbers import Number, find_numbers, number_lexicon
from marsad.text.trie_regex import trie_pattern

_BOUNDS: tuple[Bound, ...] = ("exact", "more_than", "at_least", "about", "less_than", "at_most")
_ARABIC_WORD = re.compile(r"^[\u0621-\u064a]{2,}$")
_MAX_COUNTED_TOKENS = 3
_COUNT_NOUN_REACH = 8  # tokens back from a number to "عدد …" / "حصيلة …"
_RANGE_JOIN = re.compile(r"\s*(?:و|الي|-|–)\s*$")
_AGE = re.compile(r"^\s*(?:عاما|عام|سنه|سنوات)\s*\)")


@dataclass(frozen=True, slots=True)
class AmountLexicon:
    before: re.Pattern[str]
    after: re.Pattern[str]
    bound_of: dict[str, tuple[Bound, str]]  # normalised phrase -> (bound, the entry as written)
    units: dict[str, str]
    labels: frozenset[str]  # words after which a number is a label, a time or an age
    count_nouns: frozenset[str]  # "عدد", "حصيلة": the noun after them is what a later number counts
    subsets: frozenset[str]  # "بينهم", "منهم", "أصل": a number of a set already named
    range_open: re.Pattern[str]  # "بين", "يتراوح بين" before a range


@lru_cache(maxsize=1)
def amount_lexicon() -> AmountLexicon:
    before: list[str] = []
    after: list[str] = []
    bound_of: dict[str, tuple[Bound, str]] = {}
    for row in read_tsv(package_data_path("marsad.extract", "data", "bounds.tsv"), ("phrase", "bound", "position")):
        bound = row["bound"]
        if bound not in _BOUNDS:
            raise row.fail(f"unknown bound {bound!r}")
        phrase = normalize_key(row["phrase"])
        bound_of[phrase] = (bound, row["phrase"])
        {"before": before, "after": after}.get(row["position"], []).append(phrase)
        if row["position"] not in ("before", "after"):
            raise row.fail("position must be 'before' or 'after'")

    def alt(xs: list[str]) -> str:
        return trie_pattern(xs)

    units: dict[str, str] = {}
    for row in read_tsv(package_data_path("marsad.extract", "data", "units.tsv"), ("forms", "unit")):
        for form in row.list("forms"):
            units.setdefault(normalize_key(form), row["unit"])
    context: dict[str, set[str]] = {"label": set(), "count_noun": set(), "subset": set(), "range_open": set()}
    for row in read_tsv(package_data_path("marsad.extract", "data", "amount_context.tsv"), ("word", "kind")):
        if row["kind"] not in context:
            raise row.fail(f"unknown kind {row['kind']!r}")
        context[row["kind"]].add(normalize_key(row["word"]))
    return AmountLexicon(
        before=re.compile(rf"{WORD_START}(?P<b>{alt(before)})\s+$"),
        after=re.compile(rf"\s*(?P<b>{alt(after)})(?!\w)"),
        bound_of=bound_of,
        units=units,
        labels=frozenset(context["label"]),
        count_nouns=frozenset(context["count_noun"]),
        subsets=frozenset(context["subset"]),
        range_open=re.compile(rf"{WORD_START}(?:{alt(sorted(context['range_open']))})\s+$"),
    )


@register("numbers")
class NumbersStage(Stage):
    """Finds every number once; later stages (amounts, dates of quantities) read `ctx.numbers`."""

    def find(self, ctx: Context) -> list[Number]:
        return find_numbers(ctx.view.text)

    def set_annotations(self, ctx: Context, found: list[Number]) -> None:
        ctx.numbers = found


@dataclass(slots=True)
class AmountMatch:
    start: int  # normalised span of bound + number (+ after-bound)
    end: int
    number: Number
    bound: Bound
    counted: tuple[int, int] | None
    unit: str | None
    rule: str


def _unit_of(words: list[str], units: dict[str, str]) -> str | None:
    """Unit class of a counted phrase: its longest listed prefix, read with and without clitics/article."""
    for n in range(len(words), 0, -1):
        for split in proclitic_splits(words[0]):
            for head in (split.stem, split.bare):
                key = " ".join([head, *words[1:n]])
                if key in units:
                    return units[key]
    return None


def _counted_after(tokens: list[str], i: int) -> list[int]:
    """The counted noun phrase starting at token i: a head noun, its idafa complement or an ل-phrase.

    "معسكر تدريب" (head + bare noun), "معسكرا لتدريب المسلحين" (accusative tamyiz + ل + noun + its
    definite complement); stops at function words, punctuation, numbers, a definite noun or a و-joined
    word after the head (للمسلحين، وإصابة), verbs in -وا, and after three tokens.
    """
    fw = function_words()
    out: list[int] = []
    if i + 1 < len(tokens) and tokens[i] == "من" and _ARABIC_WORD.match(tokens[i + 1]):
        i += 1  # partitive: "أكثر من 40 من المسلحين", "ثلاثة من موظفيه"
    open_lam = False
    while i < len(tokens) and len(out) < _MAX_COUNTED_TOKENS:
        w = tokens[i]
        if not _ARABIC_WORD.match(w) or w in fw or w.endswith("وا"):
            break
        if out:
            if open_lam:  # the definite complement of an ل-phrase closes it
                if w.startswith("ال"):
                    out.append(i)
                break
            if w.startswith(("ال", "لل", "و")):
                break
            if w.startswith("ل"):
                # Only an accusative tamyiz ("40 معسكرا") takes a purpose phrase as part of what is counted.
                if not tokens[out[0]].endswith("ا"):
                    break
                open_lam = True
        out.append(i)
        i += 1
    return out


def _counted_before(tokens: list[str], i: int, count_nouns: frozenset[str]) -> list[int]:
    """"ارتفع عدد القتلى إلى 40", "حصيلة الشهداء ارتفعت إلى 4385": the noun after the count noun."""
    for j in range(i - 1, max(-1, i - _COUNT_NOUN_REACH), -1):
        if tokens[j] in (".", "؟", "!"):
            break
        # A count noun in construct has no article and governs a definite noun: "عدد القتلى", not
        # "في المجموع يتم" or "عدد من المدن".
        if any(split.stem in count_nouns for split in proclitic_splits(tokens[j])) and j + 1 < i \
                and tokens[j + 1].startswith("ال") and _ARABIC_WORD.match(tokens[j + 1]):
            return [j + 1]
    return []


def _skip(ctx: Context, num: Number, ti: int, lex: AmountLexicon) -> bool:
    """Numbers that are not quantities: magnitudes, page furniture, dates, labels, ages, durations
    in the dual, a definite numeral's second word, a fraction alone, "واحد" as an adjective."""
    view = ctx.view
    tokens = view.tokens.texts
    if num.vague or view.in_furniture(num.start):
        return True
    if any((d.start <= num.start < d.end or num.start <= d.start < num.end) and d.rule != "ago"
           for d in ctx.date_matches):
        return True  # "منذ ست سنوات" is both a date and a duration; other dates are not amounts
    prev = tokens[ti - 1] if ti > 0 else ""
    if any(split.stem in lex.labels for split in proclitic_splits(prev)):
        return True
    if num.kind == "words" and prev.startswith("ال") and prev[2:] in number_lexicon().words:
        return True  # "الثلاث عشرة": an ordinal or definite numeral, not a count
    if num.kind == "dual" and num.unit not in number_lexicon().scales:
        return True  # "شهرين", "طائرتين": a dual noun names two things, it is not a numeric claim
    if num.kind == "words" and set(number_lexicon().words.get(view.text[num.start:num.end], {})) == {"fraction"}:
        return True
    if _AGE.match(view.text, num.end) and view.text[max(0, num.start - 2) : num.start].strip() == "(":
        return True
    return num.kind == "words" and num.value == 1


def _bound(text: str, num: Number, lex: AmountLexicon) -> tuple[int, Bound, str]:
    m = lex.before.search(text, max(0, num.start - 40), num.start)
    if m:
        bound, entry = lex.bound_of[" ".join(m.group("b").split())]
        return m.start("b"), bound, f"amount:bound:{entry}"
    return num.start, "exact", "amount:number"


def _counted(tokens: list[str], spans: list[tuple[int, int]], num: Number, ti: int,
             lex: AmountLexicon) -> list[int]:
    if num.percent:
        return []
    after_i = ti
    while after_i < len(tokens) and spans[after_i][0] < num.end:
        after_i += 1
    return _counted_before(tokens, ti, lex.count_nouns) or _counted_after(tokens, after_i)


def find_amounts(ctx: Context) -> list[AmountMatch]:
    view = ctx.view
    text = view.text
    lex = amount_lexicon()
    tokens = view.tokens.texts
    spans = view.tokens.spans
    out: list[AmountMatch] = []
    pending: list[tuple[Number, int, str]] = []  # numbers with nothing counted yet
    for num in ctx.numbers:
        ti = view.token_index_at(num.start)
        if ti is None or _skip(ctx, num, ti, lex):
            continue
        start, bound, rule = _bound(text, num, lex)
        counted_toks = _counted(tokens, spans, num, ti, lex)
        last = spans[counted_toks[-1]] if counted_toks else None
        ma = lex.after.match(text, last[1] if last and last[0] > num.start else num.end)
        if ma and bound == "exact":
            # "12 شخصا على الأقل": the span stays the number; the rule names the bound's evidence.
            bound, entry = lex.bound_of[" ".join(ma.group("b").split())]
            rule = f"amount:bound-after:{entry}"
        prev = tokens[ti - 1] if ti > 0 else ""
        subset = any(s.stem in lex.subsets for s in proclitic_splits(prev))
        if not counted_toks and not num.percent and not subset:
            pending.append((num, ti, rule))  # may share the noun of a coordinated number ("90 و180 يوما")
            continue
        unit = _unit_of([tokens[k] for k in counted_toks], lex.units) if counted_toks else None
        counted = (spans[counted_toks[0]][0], spans[counted_toks[-1]][1]) if counted_toks else None
        out.append(AmountMatch(start, num.end, num, bound, counted, "percent" if num.percent else unit,
                               rule + ("|subset-of:" + prev if subset else "")))
    out.extend(_coordinated(pending, out, tokens, spans, text))
    out.sort(key=lambda a: a.start)
    _mark_ranges(out, text, lex)
    return out


def _coordinated(pending: list[tuple[Number, int, str]], found: list[AmountMatch], tokens: list[str],
                 spans: list[tuple[int, int]], text: str) -> list[AmountMatch]:
    """"90 و180 يوما": a number joined by و to a counted one counts the same thing; "538 … و430 …":
    a number joined to an amount just before it continues that amount's enumeration."""
    out = []
    for num, ti, rule in pending:
        nxt = next((a for a in found if a.number.start > num.end and a.counted
                    and text[num.end : a.number.start].strip() in ("و", "او", "الي", "-")), None)
        before = next((a for a in reversed(found) if a.number.end < num.start
                       and num.start - a.number.end < 80 and tokens[ti].startswith("و")), None)
        source = nxt or before
        if source is not None:
            out.append(AmountMatch(num.start, num.end, num, "exact", source.counted, source.unit,
                                   rule + "|coordinated"))
    return out


def _mark_ranges(amounts: list[AmountMatch], text: str, lex: AmountLexicon) -> None:
    """"بين 3 مليارات و5 مليارات": the first number is at least, the second at most."""
    for first, second in itertools.pairwise(amounts):
        gap = text[first.number.end : second.number.start].split()
        if first.bound != "exact" or len(gap) > 3 or not gap or not _RANGE_JOIN.search(gap[-1]):
            continue
        if lex.range_open.search(text, max(0, first.start - 25), first.start) is None:
            continue
        first.bound, second.bound = "at_least", "at_most"
        first.rule += "|range-low"
        second.rule += "|range-high"


@register("amounts")
class AmountsStage(Stage):
    requires = ("numbers", "dates")

    def find(self, ctx: Context) -> list[AmountMatch]:
        return find_amounts(ctx)

    def set_annotations(self, ctx: Context, found: list[AmountMatch]) -> None:
        view = ctx.view
        ctx.findings["amounts"] = found  # normalised spans, parallel to analysis.amounts
        for a in found:
            span = view.span(a.start, a.end)
            counted: Span | None = view.span(*a.counted) if a.counted else None
            ctx.analysis.amounts.append(Amount(span.start, span.end, span.text, a.number.value, a.bound, counted,
                                               None, a.unit, a.rule))

