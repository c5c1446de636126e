"""NER model selection: train variants (corpus mixes × feature sets × c1/c2) and score each on the dev split
(the last 10% of the training part of ANERcorp) and on the holdout (the last 10% of anercorp-train).

    python -m bench.ner_variants [--only NAME ...] [--workers 2] [--out DIR]

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

LEX = {"lexicon": ALL_LEXICON}
BASE = {"cues": False, "topic": False}

# name -> (training corpora, feature switches, extra TrainConfig settings); c1=0.05 c2=0.1 unless said
VARIANTS: dict[str, tuple[list[str], dict[str, Any], dict[str, Any]]] = {
    "aner: words, stems, affixes, shape, context (no KB)": ([ANER], {**NO_KB, **BASE, "name_lexicon": False}, {}),
    "aner: + KB gazetteer, KB name words, titles, nisbas": ([ANER], BASE, {}),
    "aner: + lexicon(aner, jackknifed)": ([ANER], BASE, {"lexicon": [ANER]}),
    "aner: + lexicon(all corpora)": ([ANER], BASE, LEX),
    "aner: + cue words": ([ANER], {"topic": False}, LEX),
    "aner: + sports topic [chosen]": ([ANER], {}, LEX),
    "aner: chosen + KB tag x neighbour word": ([ANER], {"gaz_context": True}, LEX),
    "aner: chosen, one stem reading": ([ANER], {"all_readings": False}, LEX),
    "aner: chosen, c2=0.01": ([ANER], {}, {**LEX, "c2": 0.01}),
    "aner: chosen, c2=0.05": ([ANER], {}, {**LEX, "c2": 0.05}),
    "aner: chosen, c2=0.2": ([ANER], {}, {**LEX, "c2": 0.2}),
    "aner: chosen, c1=0.1": ([ANER], {}, {**LEX, "c1": 0.1}),
    "aner+aqmar: chosen features": ([ANER, "aqmar"], {}, LEX),
    "aner+wojood: chosen features": ([ANER, "wojood-sample"], {}, LEX),
    "aner+wikifane: chosen features": ([ANER, "wikifane.conll"], {}, LEX),
    "aner+wikifane: chosen, domain copies (--augment)": ([ANER, "wikifane.conll"], {}, {**LEX, "augment": True}),
}


def run(name: str, out: Path) -> dict[str, Any]:
    corpora, switches, extra = VARIANTS[name]
    slug = "".join(c if c.isalnum() else "-" for c in name)
    settings = {**extra, "lexicon": [NER / c for c in extra.get("lexicon", [])]}
    config = TrainConfig([NER / c for c in corpora], out / slug / "ner.crfsuite", dev_last=0.1,
                         features=FeatureConfig(**switches), **settings)
    card = train(config, default_index())
    row = {"variant": name, "dev": card["scores"]["dev"], "holdout": card["scores"]["holdout"],
           "size_mb": round(card["size_bytes"] / 1e6, 1), "seconds": card["training_seconds"]}
    with (out / "variants.tsv").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return row


def _cells(s: dict[str, Any]) -> tuple[str, ...]:
    o = s["overall"]
    return f"{o['precision']:.3f}", f"{o['recall']:.3f}", f"{o['f1']:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--only", nargs="+", metavar="NAME", help="variants to run (default: all)")
    ap.add_argument("--workers", type=int, default=2)
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
    with mp.get_context("fork").Pool(max(1, args.workers)) as pool:
        rows = pool.starmap(run, [(n, out) for n in names])
    order = list(VARIANTS)
    rows.sort(key=lambda r: order.index(r["variant"]))
    Console(width=max(console.width, 160)).print(table("NER variants (choose on dev, report the holdout)",
                        [(r["variant"], *_cells(r["dev"]), *_cells(r["holdout"]), str(r["size_mb"]),
                          f"{r['seconds']:.0f}") for r in rows],
                        ("variant", "dev P", "dev R", "dev F1", "holdout P", "holdout R", "holdout F1", "MB",
                         "train s")))


if __name__ == "__main__":
    main()
