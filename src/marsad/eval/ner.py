"""NER scoring as DESIGN.md defines it: CoNLL entity-level micro P/R/F1 with seqeval semantics.

A system is a callable text -> [(start, end, type)] in character offsets of `text`. For each corpus
sentence, its tokens are joined by single spaces into a text, the system runs on it, and predicted
spans are mapped to the whitespace tokens they overlap (B- on the first, I- on the rest; the first
span to claim a token keeps it). Entities are then compared as (type, first token, last token).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from marsad.errors import ModelError
from marsad.eval.conll import ENTITY_TYPES, CorpusSentence

if TYPE_CHECKING:
    from marsad.knowledge.index import KBIndex

SpanList = list[tuple[int, int, str]]
System = Callable[[str], SpanList]


def entities(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """Chunks of a BIO sequence as (type, start, end) token ranges, exactly as seqeval reads them
    (default mode): an I- after O or after another type starts a chunk; a type change ends one."""
    out: list[tuple[str, int, int]] = []
    start = -1
    cur = ""
    prev_prefix = "O"
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        if tag == "O" or prefix not in ("B", "I"):
            prefix, kind = "O", ""
        ends = prev_prefix != "O" and (prefix in ("B", "O") or kind != cur)
        starts = prefix == "B" or (prefix == "I" and (prev_prefix == "O" or kind != cur))
        if ends:
            out.append((cur, start, i))
        if starts:
            start, cur = i, kind
        prev_prefix = prefix
    return out


@dataclass(frozen=True, slots=True)
class PRF:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def to_json(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn, "support": self.support}


@dataclass(slots=True)
class NerScores:
    overall: PRF
    by_type: dict[str, PRF] = field(default_factory=dict)
    sentences: int = 0
    tokens: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"overall": self.overall.to_json(), "by_type": {k: v.to_json() for k, v in self.by_type.items()},
                "sentences": self.sentences, "tokens": self.tokens}


def score(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> NerScores:
    """Entity-level micro scores of predicted BIO sequences against gold ones (sentence by sentence)."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold sentences but {len(pred)} predicted")
    counts: dict[str, list[int]] = {}
    for g, p in zip(gold, pred, strict=True):
        if len(g) != len(p):
            raise ValueError(f"a sentence has {len(g)} gold tags but {len(p)} predicted")
        g_set = set(entities(g))
        p_set = set(entities(p))
        for kind, _, _ in g_set | p_set:
            counts.setdefault(kind, [0, 0, 0])
        for e in g_set & p_set:
            counts[e[0]][0] += 1
        for e in p_set - g_set:
            counts[e[0]][1] += 1
        for e in g_set - p_set:
            counts[e[0]][2] += 1
    order = [t for t in ENTITY_TYPES if t in counts] + sorted(t for t in counts if t not in ENTITY_TYPES)
    by_type = {t: PRF(*counts[t]) for t in order}
    overall = PRF(*(sum(c[k] for c in counts.values()) for k in range(3)))
    return NerScores(overall, by_type, len(gold), sum(len(g) for g in gold))


def token_offsets(tokens: Sequence[str]) -> list[tuple[int, int]]:
    """Character spans of the tokens in " ".join(tokens)."""
    out: list[tuple[int, int]] = []
    pos = 0
    for tok in tokens:
        out.append((pos, pos + len(tok)))
        pos += len(tok) + 1
    return out


def spans_to_tags(tokens: Sequence[str], spans: SpanList) -> list[str]:
    """BIO tags of whitespace tokens from character spans over " ".join(tokens), by overlap."""
    offsets = token_offsets(tokens)
    tags = ["O"] * len(tokens)
    for start, end, kind in sorted(spans, key=lambda s: (s[0], -s[1], s[2])):
        hit = [i for i, (s, e) in enumerate(offsets) if s < end and start < e and tags[i] == "O"]
        for k, i in enumerate(hit):
            tags[i] = ("B-" if k == 0 else "I-") + kind
    return tags


def evaluate(sentences: Sequence[CorpusSentence], system: System) -> NerScores:
    """Run `system` on every sentence text and score its spans against the corpus tags."""
    gold = [s.tags for s in sentences]
    pred = [spans_to_tags(s.tokens, system(" ".join(s.tokens))) for s in sentences]
    return score(gold, pred)


def model_system(path: str | None = None, index: KBIndex | None = None) -> System:
    """The statistical model alone (NerModel.predict_spans), spans mapped back to the text's offsets."""
    from marsad.recognize.ner_model import NerModel
    from marsad.text.view import TextView

    model = NerModel.load(path, index)

    def run(text: str) -> SpanList:
        view = TextView.of(text)
        out: SpanList = []
        for s, e, kind, _ in model.predict_spans(view):
            o_s, o_e = view.to_original(s, e)
            out.append((o_s, o_e, kind))
        return out

    return run


def full_system(published: date | None = None) -> System:
    """The full entity recogniser (KB + model + patterns): `marsad.recognize.entities.recognize_spans`."""
    try:
        full = importlib.import_module("marsad.recognize.entities")
    except ImportError as exc:
        raise ModelError(f"the full entity recogniser is not available ({exc}); use --system model") from exc
    recognize: Any = getattr(full, "recognize_spans", None)
    if recognize is None:
        raise ModelError("marsad.recognize.entities has no recognize_spans(text, published); use --system model")

    def run(text: str) -> SpanList:
        return [(int(s), int(e), str(t)) for s, e, t in recognize(text, published)]

    return run
