"""Statistical NER throughput on one core: model load time, then tokens/s and articles/s of
`NerModel.predict_spans` (features + CRF tagging + spans) over articles of the shared news corpus.

    python -m bench.ner [--limit N] [--repeats R] [--model FILE]

The first pass starts with an empty per-word feature cache (what a fresh worker sees); the best of
the repeats after it is the steady state. The target is ≥ 20,000 tokens/s including features.
"""

from __future__ import annotations

import argparse
import time

from bench.common import best_of, console, news_records, table
from marsad.knowledge.index import default_index
from marsad.recognize.ner_features import KBLexicons
from marsad.recognize.ner_model import NerModel
from marsad.text.view import TextView

TARGET_TOKENS_PER_S = 20_000


def _load_times(model_path: str | None) -> tuple[NerModel, list[tuple[str, float]]]:
    t0 = time.perf_counter()
    index = default_index()
    t1 = time.perf_counter()
    KBLexicons.of(index)
    t2 = time.perf_counter()
    model = NerModel.load(model_path, index)
    t3 = time.perf_counter()
    return model, [("KB index (cached pickle)", t1 - t0), ("KB lexicons for the features", t2 - t1),
                   ("NerModel.load (lexicons + CRF file)", t3 - t2)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=2000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--model", help="model file (default: the shipped model)")
    args = ap.parse_args()
    model, loads = _load_times(args.model)
    records = news_records(args.limit)
    views = [TextView.of(r["content"]) for r in records]
    n_docs = len(views)
    tokens = sum(b - a for v in views for a, b in (v.sentence_token_range(i) for i in range(len(v.sentences))))

    def spans() -> None:
        for v in views:
            model.predict_spans(v)

    def features_only() -> None:
        ex = model.features
        for v in views:
            for i in range(len(v.sentences)):
                a, b = v.sentence_token_range(i)
                if a < b:
                    ex.sentence(v.tokens.texts[a:b])

    def end_to_end() -> None:
        for r in records:
            model.predict_spans(TextView.of(r["content"]))

    model.features._cache.clear()
    t0 = time.perf_counter()
    spans()
    cold = time.perf_counter() - t0
    passes = [("features only (warm cache)", best_of(args.repeats, features_only)),
              ("predict_spans, first pass (cold cache)", cold),
              ("predict_spans (warm cache)", best_of(args.repeats, spans)),
              ("TextView.of + predict_spans (warm)", best_of(args.repeats, end_to_end))]
    console.print(f"{n_docs} articles, {tokens:,} tokens in sentences; model {model.path.name} "
                  f"({model.path.stat().st_size / 1e6:.1f} MB); best of {args.repeats}")
    console.print(table("model load", [(name, f"{t * 1000:,.0f} ms") for name, t in loads], ("step", "time")))
    rows = [(name, f"{tokens / t:,.0f}", f"{n_docs / t:,.1f}") for name, t in passes]
    console.print(table("NER throughput (one core)", rows, ("pass", "tokens/s", "articles/s")))
    steady = tokens / passes[2][1]
    verdict = "meets" if steady >= TARGET_TOKENS_PER_S else "MISSES"
    console.print(f"predict_spans at {steady:,.0f} tokens/s: {verdict} the {TARGET_TOKENS_PER_S:,} tokens/s target")


if __name__ == "__main__":
    main()
