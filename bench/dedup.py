"""Near-duplicate detection on the shared corpus: normalised-text hashes, MinHash signatures over word
3-gram shingles and LSH matching, timed on one core, with the groups it finds.

    python -m bench.dedup [--limit N] [--threshold 0.5]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from bench.common import console, news_records, published_of, table
from marsad.corpus.dedup import THRESHOLD, DedupIndex, norm_hash, signature


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--threshold", type=float, default=THRESHOLD)
    args = ap.parse_args()
    records = news_records(args.limit or None)
    texts = [str(r["content"]) for r in records]
    dates = [published_of(r) for r in records]
    t0 = time.perf_counter()
    hashes = [norm_hash(t) for t in texts]
    t1 = time.perf_counter()
    sigs = [signature(t) for t in texts]
    t2 = time.perf_counter()
    index = DedupIndex(threshold=args.threshold)
    kinds: Counter[str] = Counter()
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (h, sig, d) in enumerate(zip(hashes, sigs, dates, strict=True)):
        match = index.match(h, sig, d)
        if match is not None:
            kinds[match.kind] += 1
            for j in match.all_seqs:
                parent[find(j)] = find(i)
        index.add(i, h, sig, d)
    t3 = time.perf_counter()
    sizes = Counter(find(i) for i in range(len(texts)))
    multi = [n for n in sizes.values() if n > 1]
    total = t3 - t0
    rows = [("articles", f"{len(texts):,}"), ("normalised hashes", f"{t1 - t0:.1f} s"),
            ("MinHash signatures (128 perm, word 3-grams)", f"{t2 - t1:.1f} s"),
            ("LSH match + insert", f"{t3 - t2:.1f} s"), ("total (one core)", f"{total:.1f} s (target ≤ 60 s)"),
            ("exact / near duplicates", f"{kinds['exact']:,} / {kinds['near']:,}"),
            ("groups with >1 article", f"{len(multi):,} ({sum(multi):,} articles, largest {max(multi, default=0)})")]
    console.print(table(f"near-duplicate detection (threshold {args.threshold})", rows, ("step", "value")))


if __name__ == "__main__":
    main()
