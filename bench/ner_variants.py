"""NER model selection: train variants (corpus mixes × feature sets × c1/c2) and score each on the dev split
(the last 10% of the training part of ANERcorp) and on the holdout (the last 10% of anercorp-train).

    python -m bench.ner_variants [--only NAME ...] [--workers 2] [--dev-blocks 3] [--out DIR]

Choose on dev, report the holdout: the holdout never decides anything. Each variant takes 0.5–10
minutes on one core (WikiFANE is four times ANERcorp). Results are appended to DIR/variants.tsv.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
from pathlib import Path
from typing import Any

from rich.console import Console

from bench.common import ROOT, console, table
from marsad.knowledge.index import default_index
from marsad.recognize.ner_features import FeatureConfig
from marsad.recognize.ner_train import TrainConfig, train

NER = ROOT.parent / "shared" / "corpora" / "ner"
ANER = "anercorp-train.conll"
ALL_LEXICON = [ANER, "wikifane.conll", "aqmar", "wojood-sample"]
NO_KB = {"gazetteer": False, "kb_words": False, "titles_nisbas": False}

# Feature groups added after the first variants were measured: off unless a variant turns them on, so
# every row keeps meaning what it meant when it was measured.
LATER = {"corpus_names": False, "clusters": False, "rarity": False, "name_nisba": False, "misc_names": False}
LEX = {"lexicon": ALL_LEXICON}
CLU = {**LEX, "clusters": ALL_LEXICON}
NC = {"corpus_names": True, "clusters": True}
NCF = {**NC, "rarity": True}
BASE = {"cues": False, "topic": False}

# name -> (training corpora, feature switches, extra TrainConfig settings); c1=0.05 c2=0.1 unless said
VARIANTS: dict[str, tuple[list[str], dict[str, Any], dict[str, Any]]] = {
    "aner: words, stems, affixes, shape, context (no KB)": ([ANER], {**NO_KB, **BASE, "name_lexicon": False}, {}),
    "aner: + KB gazetteer, KB name words, titles, nisbas": ([ANER], BASE, {}),
    "aner: + lexicon(aner, jackknifed)": ([ANER], BASE, {"lexicon": [ANER]}),
    "aner: + lexicon(all corpora)": ([ANER], BASE, LEX),
    "aner: + cue words": ([ANER], {"topic": False}, LEX),
    "aner: + sports topic [the previous model]": ([ANER], {}, LEX),
    "aner: previous + KB tag x neighbour word": ([ANER], {"gaz_context": True}, LEX),
    "aner: previous, one stem reading": ([ANER], {"all_readings": False}, LEX),
    "aner: previous, c2=0.01": ([ANER], {}, {**LEX, "c2": 0.01}),
    "aner: previous, c2=0.05": ([ANER], {}, {**LEX, "c2": 0.05}),
    "aner: previous, c2=0.2": ([ANER], {}, {**LEX, "c2": 0.2}),
    "aner: previous, c1=0.1": ([ANER], {}, {**LEX, "c1": 0.1}),
    "aner: previous + corpus names": ([ANER], {"corpus_names": True}, LEX),
    "aner: previous + clusters": ([ANER], {"clusters": True}, CLU),
    "aner: previous + word frequency": ([ANER], {"rarity": True}, CLU),
    "aner: previous + corpus names + clusters": ([ANER], NC, CLU),
    "aner: + corpus names + clusters + word frequency [chosen]": ([ANER], NCF, CLU),
    "aner: + names + clusters + quotes/parentheses": ([ANER], {**NC, "quotes": True}, CLU),
    "aner: + names + clusters, BILOU labels": ([ANER], NC, {**CLU, "bilou": True}),
    "aner: + names + clusters, 400 iterations": ([ANER], NC, {**CLU, "max_iter": 400}),
    "aner: + names + clusters, c1=0.02": ([ANER], NC, {**CLU, "c1": 0.02}),
    "aner: chosen + accusative cues": ([ANER], {**NCF, "accusative_cues": True}, CLU),
    "aner: chosen + nisba after a name part": ([ANER], {**NCF, "name_nisba": True}, CLU),
    "aner: chosen, c2=0.2": ([ANER], NCF, {**CLU, "c2": 0.2}),
    "aner: chosen + MISC names": ([ANER], {**NCF, "name_nisba": True, "misc_names": True}, CLU),
    "aner+aqmar: previous features": ([ANER, "aqmar"], {}, LEX),
    "aner+wojood: previous features": ([ANER, "wojood-sample"], {}, LEX),
    "aner+wikifane: previous features": ([ANER, "wikifane.conll"], {}, LEX),
    "aner+wikifane: previous, domain copies (--augment)": ([ANER, "wikifane.conll"], {}, {**LEX, "augment": True}),
    "aner+aqmar+wojood: + names + clusters, domain copies": ([ANER, "aqmar", "wojood-sample"], NC,
                                                             {**CLU, "augment": True}),
}


def run(name: str, out: Path, block: int = 0) -> dict[str, Any]:
    corpora, switches, extra = VARIANTS[name]
    slug = "".join(c if c.isalnum() else "-" for c in name) + (f"-dev{block}" if block else "")
    settings = {**extra, "lexicon": [NER / c for c in extra.get("lexicon", [])],
                "clusters": [NER / c for c in extra.get("clusters", [])]}
    config = TrainConfig([NER / c for c in corpora], out / slug / "ner.crfsuite", dev_last=0.1, dev_block=block,
                         features=FeatureConfig(**{**LATER, **switches}), **settings)
    card = train(config, default_index())
    row = {"variant": name, "dev_block": block, "dev": card["scores"]["dev"], "holdout": card["scores"]["holdout"],
           "size_mb": round(card["size_bytes"] / 1e6, 1), "seconds": card["training_seconds"]}
    with (out / "variants.tsv").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return row


def _cells(s: dict[str, Any]) -> tuple[str, ...]:
    o = s["overall"]
    return f"{o['precision']:.3f}", f"{o['recall']:.3f}", f"{o['f1']:.3f}"


def pooled(scores: list[dict[str, Any]]) -> dict[str, Any]:
    """Dev scores of several dev blocks pooled (micro: their tp, fp and fn summed)."""
    tp, fp, fn = (sum(s["overall"][k] for s in scores) for k in ("tp", "fp", "fn"))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"overall": {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--only", nargs="+", metavar="NAME", help="variants to run (default: all)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--dev-blocks", type=int, default=1,
                    help="score each variant on this many dev blocks (the last 10%% of the training part, the "
                         "10%% before it, ...) and pool them: less noise in the choice (default 1)")
    ap.add_argument("--out", default="/tmp/marsad-ner-variants")
    args = ap.parse_args()
    if not (NER / ANER).exists():
        console.print(f"[red]{NER / ANER} is absent: this needs the shared NER corpora[/red]")
        raise SystemExit(2)
    names = args.only or list(VARIANTS)
    names.sort(key=lambda n: -len(VARIANTS[n][0]))  # the long (multi-corpus) runs first
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    default_index()  # build the KB cache once, before the workers fork
    jobs = [(n, out, b) for n in names for b in range(max(1, args.dev_blocks))]
    with mp.get_context("fork").Pool(max(1, args.workers)) as pool:
        runs = pool.starmap(run, jobs)
    order = list(VARIANTS)
    rows = sorted((r for r in runs if r["dev_block"] == 0), key=lambda r: order.index(r["variant"]))
    cells = [(r["variant"], *_cells(pooled([x["dev"] for x in runs if x["variant"] == r["variant"]])),
              *_cells(r["holdout"]), str(r["size_mb"]), f"{r['seconds']:.0f}") for r in rows]
    Console(width=max(console.width, 160)).print(table(
        f"NER variants (choose on dev: {max(1, args.dev_blocks)} block(s) pooled; report the holdout)", cells,
        ("variant", "dev P", "dev R", "dev F1", "holdout P", "holdout R", "holdout F1", "MB", "train s")))


if __name__ == "__main__":
    main()
