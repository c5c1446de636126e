"""Document-facts scoring: gold JSON Lines (DESIGN.md "Evaluation formats") against marsad/1 analyses.

`score(gold_docs, analyses)` is a pure function of its inputs: the runner (`marsad eval facts`) builds
the analyses with the pipeline, tests hand it analyses written by hand. Per kind, gold and predicted
items of each document are paired one to one by `greedy_match` under that kind's rule
(`marsad.eval.rules`); matched pairs are true positives, the rest false positives / negatives.

Kinds: entities, quotes, speakers, amounts, dates, places, events. "speakers" is derived from quotes:
TP = matched quotes whose speaker is right, precision over all predicted quotes, recall over all gold
quotes. The micro total sums the counts of the selected kinds except speakers (a quote already counts
once). A kind with neither gold nor predictions anywhere is "not counted": its P/R/F1 are None and it
adds nothing to the total. Otherwise an empty denominator gives 0.0 (no predictions: P = 0).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from marsad.eval.match import greedy_match, same_name
from marsad.eval.rules import RULES, Item, Rule, actors_of, speaker_correct
from marsad.model import Analysis

FACT_KINDS: tuple[str, ...] = ("entities", "quotes", "amounts", "dates", "places", "events")
KINDS: tuple[str, ...] = ("entities", "quotes", "speakers", "amounts", "dates", "places", "events")
ErrorKind = Literal["fp", "fn", "wrong"]


@dataclass(frozen=True, slots=True)
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def counted(self) -> bool:
        """False when there was nothing to score (no gold and no predictions)."""
        return bool(self.tp or self.fp or self.fn)

    @property
    def precision(self) -> float | None:
        if not self.counted:
            return None
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float | None:
        if not self.counted:
            return None
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        def r4(x: float | None) -> float | None:
            return None if x is None else round(x, 4)

        return {"precision": r4(self.precision), "recall": r4(self.recall), "f1": r4(self.f1),
                "tp": self.tp, "fp": self.fp, "fn": self.fn, "gold": self.tp + self.fn,
                "predicted": self.tp + self.fp}


@dataclass(frozen=True, slots=True)
class FactError:
    """One scoring error, for `--show-errors`: a false positive, a false negative, or a matched pair
    with a wrong attribute (`wrong`: quote speaker, event actors)."""

    doc_id: str
    error: ErrorKind
    text: str
    detail: str = ""

    def to_json(self) -> dict[str, str]:
        out = {"doc_id": self.doc_id, "error": self.error, "text": self.text}
        if self.detail:
            out["detail"] = self.detail
        return out


@dataclass(slots=True)
class KindScore:
    kind: str
    tally: Tally = field(default_factory=Tally)
    errors: list[FactError] = field(default_factory=list)
    extra: dict[str, float | int | None] = field(default_factory=dict)

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tally = self.tally + Tally(tp, fp, fn)

    def errors_of(self, error: ErrorKind, limit: int) -> list[FactError]:
        return [e for e in self.errors if e.error == error][:limit]

    def to_json(self, max_errors: int = 0) -> dict[str, Any]:
        out = self.tally.to_json() | dict(self.extra)
        if max_errors > 0:
            out["errors"] = {kind: [e.to_json() for e in self.errors_of(kind, max_errors)]
                             for kind in ("fp", "fn", "wrong") if any(e.error == kind for e in self.errors)}
        return out


@dataclass(slots=True)
class Report:
    kinds: dict[str, KindScore]
    documents: int = 0
    missing: list[str] = field(default_factory=list)  # gold documents that had no analysis
    analysis_errors: dict[str, list[str]] = field(default_factory=dict)  # doc id -> Analysis.errors

    @property
    def micro(self) -> Tally:
        total = Tally()
        for kind, ks in self.kinds.items():
            if kind != "speakers":
                total = total + ks.tally
        return total

    def to_json(self, max_errors: int = 0) -> dict[str, Any]:
        return {"documents": self.documents, "missing": list(self.missing),
                "analysis_errors": dict(self.analysis_errors),
                "kinds": {k: v.to_json(max_errors) for k, v in self.kinds.items()},
                "micro": self.micro.to_json()}


@dataclass(frozen=True, slots=True)
class DocMatch:
    """One kind's items in one document and how they paired."""

    gold: list[Item]
    pred: list[Item]
    pairs: list[tuple[int, int]]

    def unmatched_gold(self) -> list[Item]:
        done = {g for g, _ in self.pairs}
        return [x for i, x in enumerate(self.gold) if i not in done]

    def unmatched_pred(self) -> list[Item]:
        done = {p for _, p in self.pairs}
        return [x for i, x in enumerate(self.pred) if i not in done]


def match_doc(rule: Rule, gold_doc: Mapping[str, Any], analysis: Mapping[str, Any]) -> DocMatch:
    """Pair one document's gold and predicted items of `rule.kind`."""
    text = str(gold_doc["text"])
    gold = [dict(x) for x in gold_doc.get(rule.kind) or []]
    pred = rule.pred(dict(analysis))
    pairs = greedy_match(gold, pred, lambda g, p: rule.score(text, g, p))
    return DocMatch(gold, pred, [(g, p) for g, p, _ in pairs])


def _tally_kind(ks: KindScore, rule: Rule, doc_id: str, m: DocMatch) -> None:
    ks.add(len(m.pairs), len(m.pred) - len(m.pairs), len(m.gold) - len(m.pairs))
    ks.errors.extend(FactError(doc_id, "fp", rule.show(p)) for p in m.unmatched_pred())
    ks.errors.extend(FactError(doc_id, "fn", rule.show(g)) for g in m.unmatched_gold())


def _who(name: str | None, text: str | None) -> str:
    return f"{name or 'no name'} ({text})" if text else name or "none"


def _tally_speakers(ks: KindScore, doc_id: str, m: DocMatch) -> None:
    correct = 0
    for gi, pi in m.pairs:
        g, p = m.gold[gi], m.pred[pi]
        if speaker_correct(g, p):
            correct += 1
        else:
            ks.errors.append(FactError(doc_id, "wrong", RULES["quotes"].show(g),
                                       f"speaker: gold {_who(g['speaker_en'], g['speaker_text'])}, "
                                       f"predicted {_who(p['speaker_en'], p['speaker_text'])}"))
    ks.add(correct, len(m.pred) - correct, len(m.gold) - correct)
    ks.extra["matched"] = int(ks.extra.get("matched") or 0) + len(m.pairs)
    ks.extra["correct"] = int(ks.extra.get("correct") or 0) + correct


def _tally_actors(ks: KindScore, doc_id: str, m: DocMatch) -> None:
    """Actor agreement on matched events: actor1 and actor2 compared in their roles (order matters)."""
    for gi, pi in m.pairs:
        (g1, g2), (p1, p2) = actors_of(m.gold[gi]), actors_of(m.pred[pi])
        ok1, ok2 = same_name(g1, p1), same_name(g2, p2)
        for key, ok in (("actor1_correct", ok1), ("actor2_correct", ok2), ("actors_correct", ok1 and ok2)):
            ks.extra[key] = int(ks.extra.get(key) or 0) + int(ok)
        if not (ok1 and ok2):
            ks.errors.append(FactError(doc_id, "wrong", RULES["events"].show(m.gold[gi]),
                                       f"actors: gold {g1 or '-'} → {g2 or '-'}, predicted {p1 or '-'} → {p2 or '-'}"))


def _finish(kinds: dict[str, KindScore]) -> None:
    """Accuracies from the counts gathered over all documents."""
    sp = kinds.get("speakers")
    if sp is not None:
        matched = int(sp.extra.get("matched") or 0)
        sp.extra["accuracy"] = round(int(sp.extra.get("correct") or 0) / matched, 4) if matched else None
    ev = kinds.get("events")
    if ev is not None:
        matched = ev.tally.tp
        for key in ("actor1", "actor2", "actors"):
            n = int(ev.extra.pop(f"{key}_correct", 0) or 0)
            ev.extra[f"{key}_accuracy"] = round(n / matched, 4) if matched else None


def _as_json(a: Analysis | Mapping[str, Any]) -> dict[str, Any]:
    return a.to_json() if isinstance(a, Analysis) else dict(a)


def score(gold_docs: Sequence[Mapping[str, Any]], analyses: Iterable[Analysis | Mapping[str, Any]],
          kinds: Sequence[str] = KINDS) -> Report:
    """Score analyses (Analysis objects or marsad/1 JSON objects, matched to gold by id) against gold
    documents. A gold document without an analysis counts all its facts as missed; analyses of
    documents absent from the gold are ignored."""
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ValueError(f"unknown kind(s) {', '.join(unknown)}; known: {', '.join(KINDS)}")
    by_id = {str(a.get("id")): a for a in map(_as_json, analyses)}
    report = Report({k: KindScore(k) for k in KINDS if k in kinds}, documents=len(gold_docs))
    for gold_doc in gold_docs:
        doc_id = str(gold_doc["doc_id"])
        analysis = by_id.get(doc_id)
        if analysis is None:
            report.missing.append(doc_id)
            analysis = {"id": doc_id, "text": gold_doc["text"]}
        problems = [str(e) for e in analysis.get("errors") or []]
        if analysis.get("text") not in (None, gold_doc["text"]):
            problems.append("the analysed text differs from the gold text: offsets cannot be compared")
        if problems:
            report.analysis_errors[doc_id] = problems
        for kind in FACT_KINDS:
            wanted = kind in report.kinds or (kind == "quotes" and "speakers" in report.kinds)
            if not wanted:
                continue
            rule = RULES[kind]
            m = match_doc(rule, gold_doc, analysis)
            if kind in report.kinds:
                _tally_kind(report.kinds[kind], rule, doc_id, m)
            if kind == "quotes" and "speakers" in report.kinds:
                _tally_speakers(report.kinds["speakers"], doc_id, m)
            if kind == "events":
                _tally_actors(report.kinds[kind], doc_id, m)
    _finish(report.kinds)
    return report
