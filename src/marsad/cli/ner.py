"""`marsad train ner` and `marsad eval ner`: the statistical NER model, trained and scored on CoNLL corpora.

    marsad train ner --corpus anercorp-train.conll [more corpora] [--lexicon CORPORA] [--clusters CORPORA]
                     [--out FILE] [--seed N]
    marsad eval ner FILE.conll [--system model|full] [--model FILE] [--last 0.1] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from marsad.cli.common import iso_date, stderr
from marsad.cli.evaluate import evaluation
from marsad.cli.train import training
from marsad.errors import InputError
from marsad.eval.ner import NerScores


def _fraction(value: str) -> float:
    f = float(value)
    if not 0 <= f < 1:
        raise argparse.ArgumentTypeError(f"expected a fraction in [0, 1), got {value}")
    return f


def _configure_train(p: argparse.ArgumentParser) -> None:
    from marsad.recognize.ner_train import TrainConfig

    d = TrainConfig([], Path())
    p.add_argument("--corpus", nargs="+", required=True, metavar="PATH",
                   help="CoNLL corpora (files or folders); the FIRST is the newswire corpus the holdout comes from")
    p.add_argument("--out", help="model file to write (default: the model shipped in the package); "
                                 "its JSON card is written next to it")
    p.add_argument("--seed", type=int, default=d.seed, help=f"shuffling seed (default {d.seed})")
    p.add_argument("--holdout-last", type=_fraction, default=d.holdout_last, metavar="FRACTION",
                   help=f"keep the last FRACTION of the first corpus's sentences out of training and score them "
                        f"(default {d.holdout_last})")
    p.add_argument("--c1", type=float, default=d.c1, help=f"L1 regularisation (default {d.c1})")
    p.add_argument("--c2", type=float, default=d.c2, help=f"L2 regularisation (default {d.c2})")
    p.add_argument("--max-iter", type=int, default=d.max_iter, help=f"L-BFGS iterations (default {d.max_iter})")
    p.add_argument("--min-freq", type=float, default=d.min_freq,
                   help=f"drop features seen fewer times (default {d.min_freq:g})")
    p.add_argument("--lexicon", nargs="+", default=[], metavar="PATH",
                   help="corpora to learn the name-word lexicon from (a training corpus among them is jackknifed)")
    p.add_argument("--clusters", nargs="+", default=[], metavar="PATH",
                   help="corpora whose text the word clusters are built from (of a training corpus: its training "
                        "part only); written next to the model")
    p.add_argument("--bilou", action="store_true", help="train on BILOU labels instead of BIO")
    p.add_argument("--dev-last", type=_fraction, default=d.dev_last, metavar="FRACTION",
                   help="also keep the last FRACTION of the first corpus's training part out and score it (tuning)")
    p.add_argument("--augment", action="store_true",
                   help="give corpora after the first their own copies of every feature (domain adaptation)")
    p.add_argument("--no-rejoin", action="store_true",
                   help="keep clitics that corpora after the first write as separate tokens (default: rejoin them)")
    p.add_argument("--json", action="store_true", help="print the model card as JSON")


@training("ner", "train the statistical NER model (CRF) on CoNLL corpora", _configure_train)
def run_train(args: argparse.Namespace) -> int:
    from marsad.knowledge.index import default_index
    from marsad.recognize.ner_model import default_model_path
    from marsad.recognize.ner_train import TrainConfig, train

    out = Path(args.out) if args.out else default_model_path()
    config = TrainConfig([Path(c) for c in args.corpus], out, seed=args.seed, holdout_last=args.holdout_last,
                         dev_last=args.dev_last, c1=args.c1, c2=args.c2, max_iter=args.max_iter,
                         min_freq=args.min_freq, rejoin=not args.no_rejoin, lexicon=[Path(p) for p in args.lexicon],
                         clusters=[Path(p) for p in args.clusters], bilou=args.bilou, augment=args.augment,
                         command=" ".join(["marsad", *sys.argv[1:]]))
    with stderr.status(f"training on {', '.join(p.name for p in config.corpora)}"):
        card = train(config, default_index())
    if args.json:
        json.dump(card, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    stderr.print(f"wrote {out} ({card['size_bytes'] / 1e6:.1f} MB) and its card, "
                 f"trained on {card['training_sentences']:,} sentences in {card['training_seconds']:.0f} s")
    for part, scores in card.get("scores", {}).items():
        Console().print(_table_json(scores, f"{part}: {config.corpora[0].name}"))
    return 0


def _configure_eval(p: argparse.ArgumentParser) -> None:
    p.add_argument("gold", metavar="FILE.conll", help="CoNLL file or folder (token TAG; see docs/ner.md)")
    p.add_argument("--system", choices=("model", "full"), default="model",
                   help="model: the statistical model alone; full: the full entity recogniser (default: model)")
    p.add_argument("--model", help="model file for --system model (default: the shipped model)")
    p.add_argument("--last", type=_fraction, default=0.0, metavar="FRACTION",
                   help="score only the last FRACTION of the sentences (e.g. 0.1: the training holdout)")
    p.add_argument("--published", type=iso_date, help="publication date passed to the full recogniser")
    p.add_argument("--json", action="store_true", help="print a machine-readable JSON report")


@evaluation("ner", "score named entities on a CoNLL corpus (entity-level micro P/R/F1, seqeval semantics)",
            _configure_eval)
def run_eval(args: argparse.Namespace) -> int:
    from marsad.eval.conll import read_corpus, split_last
    from marsad.eval.ner import evaluate, full_system, model_system

    sentences = read_corpus(Path(args.gold))
    if args.last:
        sentences = split_last(sentences, args.last)[1]
    if not sentences:
        raise InputError(f"{args.gold}: no sentences to score")
    system = model_system(args.model) if args.system == "model" else full_system(args.published)
    started = time.perf_counter()
    scores = evaluate(sentences, system)
    elapsed = time.perf_counter() - started
    if args.json:
        report = {"file": args.gold, "system": args.system, "last": args.last, **scores.to_json(),
                  "seconds": round(elapsed, 2)}
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    Console().print(_table(scores, f"{Path(args.gold).name} — system {args.system}"))
    stderr.print(f"{scores.sentences:,} sentences, {scores.tokens:,} tokens in {elapsed:.1f} s")
    return 0


def _table(scores: NerScores, title: str) -> Table:
    return _table_json(scores.to_json(), title)


def _table_json(scores: dict[str, object], title: str) -> Table:
    t = Table(title=title)
    for col in ("type", "precision", "recall", "F1", "support", "tp", "fp", "fn"):
        t.add_column(col, justify="left" if col == "type" else "right")
    by_type = scores.get("by_type")
    rows: list[tuple[str, object]] = list(by_type.items()) if isinstance(by_type, dict) else []
    rows.append(("overall", scores.get("overall")))
    for name, prf in rows:
        if not isinstance(prf, dict):
            continue
        t.add_row(name, f"{prf['precision']:.4f}", f"{prf['recall']:.4f}", f"{prf['f1']:.4f}",
                  str(prf["support"]), str(prf["tp"]), str(prf["fp"]), str(prf["fn"]),
                  style="bold" if name == "overall" else None)
    return t
