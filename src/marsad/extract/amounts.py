"""Stages "numbers" and "amounts": numeric claims = number + bound + counted noun phrase (+ unit).

"أكثر من 40 معسكر تدريب" → (40, more_than, "معسكر تدريب"); "قتل 12 شخصا على الأقل" → (12, at_least,
"شخصا"). Dates, times, phone numbers, labels ("القرار 2254") and vague magnitudes ("عشرات") are not
amounts. Who claimed a number is filled in by the quotes stage, which knows the speakers.
"""

from __future__ import annotations

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
from marsad.text.numbers import Number, find_numbers
from marsad.text.trie_regex import trie_pattern

_BOUNDS: tuple[Bound, ...] = ("exact", "more_than", "at_least", "about", "less_than", "at_most")
_ARABIC_WORD = re.compile(r"^[\u0621-\u064a]{2,}$")
_COUNT_NOUN = normalize_key("عدد")
_MAX_COUNTED_TOKENS = 3


@dataclass(frozen=True, slots=True)
class AmountLexicon:
    before: re.Pattern[str]
    after: re.Pattern[str]
    bound_of: dict[str, tuple[Bound, str]]  # normalised phrase -> (bound, the entry as written)
    units: dict[str, str]
    labels: frozenset[str]  # words after which a number is a label, a time or an age


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
    labels = frozenset(normalize_key(row["word"])
                       for row in read_tsv(package_data_path("marsad.extract", "data", "number_labels.tsv"), ("word",)))
    return AmountLexicon(
        before=re.compile(rf"{WORD_START}(?P<b>{alt(before)})\s+$"),
        after=re.compile(rf"\s*(?P<b>{alt(after)})(?!\w)"),
        bound_of=bound_of,
        units=units,
        labels=labels,
    )


@register("numbers")
class NumbersStage(Stage):
    """Finds every number once; later stages (amounts, dates of quantities) read `ctx.numbers`."""

    def find(self, ctx: Context) -> list[Number]:
        return find_numbers(ctx.view.text)

    def set_annotations(self, ctx: Context, found: list[Number]) -> None:
        ctx.numbers = found


@dataclass(frozen=True, slots=True)
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
    if i + 1 < len(tokens) and tokens[i] == "من" and tokens[i + 1].startswith("ال"):
        i += 1  # partitive: "أكثر من 40 من المسلحين"
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


def _counted_before(tokens: list[str], i: int) -> list[int]:
    """"ارتفع عدد القتلى إلى 40": the noun after عدد in the few tokens before the number."""
    for j in range(i - 1, max(-1, i - 6), -1):
        for split in proclitic_splits(tokens[j]):
            if split.stem == _COUNT_NOUN and j + 1 < i and _ARABIC_WORD.match(tokens[j + 1]):
                return [j + 1]
    return []


def find_amounts(ctx: Context) -> list[AmountMatch]:
    view = ctx.view
    text = view.text
    lex = amount_lexicon()
    tokens = view.tokens.texts
    spans = view.tokens.spans
    dates = ctx.date_matches
    out: list[AmountMatch] = []
    for num in ctx.numbers:
        if num.vague or view.in_furniture(num.start):
            continue
        if any(d.start <= num.start < d.end or num.start <= d.start < num.end for d in dates):
            continue
        ti = view.token_index_at(num.start)
        if ti is None:
            continue
        prev = tokens[ti - 1] if ti > 0 else ""
        if any(split.stem in lex.labels for split in proclitic_splits(prev)):
            continue
        start = num.start
        bound: Bound = "exact"
        rule = "amount:number"
        m = lex.before.search(text, max(0, start - 40), start)
        if m:
            bound, entry = lex.bound_of[" ".join(m.group("b").split())]
            start = m.start("b")
            rule = f"amount:bound:{entry}"
        after_i = ti
        while after_i < len(tokens) and spans[after_i][0] < num.end:
            after_i += 1
        if num.kind == "dual":
            counted_toks = [ti]
        elif num.percent:
            counted_toks = []
        else:
            counted_toks = _counted_before(tokens, ti) or _counted_after(tokens, after_i)
        last = spans[counted_toks[-1]] if counted_toks else None
        tail = last[1] if last and last[0] > num.start else num.end
        ma = lex.after.match(text, tail)
        if ma and bound == "exact":
            # "12 شخصا على الأقل": the span stays the number; the rule names the bound's evidence.
            bound, entry = lex.bound_of[" ".join(ma.group("b").split())]
            rule = f"amount:bound-after:{entry}"
        unit = "percent" if num.percent else None
        if counted_toks:
            unit = _unit_of([tokens[k] for k in counted_toks], lex.units) or unit
        if not counted_toks and not num.percent:
            continue  # a bare number with nothing counted is not a claim
        if num.kind == "words" and num.value == 1 and bound == "exact":
            continue  # "في آن واحد", "شخص واحد": واحد is an adjective here
        counted = (spans[counted_toks[0]][0], spans[counted_toks[-1]][1]) if counted_toks else None
        out.append(AmountMatch(start, num.end, num, bound, counted, unit, rule))
    return out


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

