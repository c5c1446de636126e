"""Entity recognition throughput (knowledge-base names, the NER model, patterns, linking, coreference)
on one core, and the knowledge-base index load time (cached and rebuilt).

    python -m bench.entities [--limit N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.common import console, news_records, published_of, table
from marsad.knowledge import index as kb_index
from marsad.knowledge.load import load_knowledge
from marsad.model import Document
from marsad.pipeline import Pipeline


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=2000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        kb_index.load_index(use_cache=False)
        t_build = time.perf_counter() - t0
        cache = Path(tmp)
        kb_index._write_cache(cache / "kb.pickle", kb_index.build_index(load_knowledge()))
        import pickle

        t0 = time.perf_counter()
        with (cache / "kb.pickle").open("rb") as fh:
            pickle.load(fh)
        t_load = time.perf_counter() - t0
    docs = [Document(str(r["id"]), r["content"], published=published_of(r)) for r in news_records(args.limit)]
    pipeline = Pipeline.build(["entities"])
    pipeline.analyze(docs[0])
    tokens = sum(len(d.text.split()) for d in docs)
    t0 = time.perf_counter()
    mentions = sum(len(pipeline.analyze(d).entities) for d in docs)
    t = time.perf_counter() - t0
    rows = [("entities stage (1 core)", f"{tokens / t:,.0f}", f"{len(docs) / t:,.1f}", f"{mentions:,}")]
    console.print(table("entity recognition", rows, ("pass", "tokens/s", "articles/s", "entities")))
    console.print(f"index: load from cache {t_load:.3f} s (target ≤ 0.5 s); build from the data files {t_build:.2f} s")
    console.print("target: ≥ 20,000 tokens/s per core with the model on")


if __name__ == "__main__":
    main()
