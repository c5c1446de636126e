"""`marsad eval KIND ...`: score marsad against gold data.

KIND `facts` scores document facts against a JSON Lines gold file (DESIGN.md "Evaluation formats";
docs/evaluation.md); other kinds (`ner`) register beside it. Each kind registers itself with
`@evaluation(name, help, configure)`, exactly as subcommands do with `@command`, so the scorers share
one command without an if-chain.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from marsad.cli import SubcommandGroup, command
from marsad.cli.common import stderr, worker_count
from marsad.errors import InputError
from marsad.pipeline import DEFAULT_STAGES

_GROUP = SubcommandGroup("eval_kind")
evaluation = _GROUP.kind


@command("eval", "score marsad against gold data (facts: document facts; ner: CoNLL corpora)", _GROUP.configure)
def run(args: argparse.Namespace) -> int:
    return _GROUP.run(args)


# --- marsad eval facts ---

def _kinds(values: list[str] | None) -> list[str]:
    from marsad.eval.facts import KINDS

    if not values:
        return list(KINDS)
    wanted = [k.strip() for v in values for k in v.split(",") if k.strip()]
    unknown = [k for k in wanted if k not in KINDS]
    if unknown:
        raise InputError(f"unknown kind(s) {', '.join(unknown)}; choose from {', '.join(KINDS)}")
    return [k for k in KINDS if k in wanted]


def _configure_facts(p: argparse.ArgumentParser) -> None:
    p.add_argument("gold", metavar="GOLD.jsonl", help="gold document facts (JSON Lines, DESIGN.md format)")
    p.add_argument("--json", action="store_true", help="print a machine-readable JSON report")
    p.add_argument("--show-errors", type=int, default=0, metavar="N",
                   help="list up to N false positives, false negatives and wrong attributes per kind")
    p.add_argument("--kinds", nargs="+", metavar="KIND",
                   help="score only these: entities quotes speakers amounts dates places events (default: all)")
    p.add_argument("--analyses", metavar="FILE",
                   help="score these analyses (marsad analyze output) instead of running the pipeline")
    p.add_argument("--stages", default=",".join(DEFAULT_STAGES),
                   help=f"comma-separated stage list (default: {','.join(DEFAULT_STAGES)})")
    p.add_argument("--workers", type=worker_count, default=1, help="processes (0 = all cores; default 1)")


@evaluation("facts", "score document facts (entities, quotes, amounts, dates, places, events) against gold",
            _configure_facts)
def run_facts(args: argparse.Namespace) -> int:
    from marsad.eval.facts import score
    from marsad.eval.facts_run import analyze_gold, read_analyses
    from marsad.eval.facts_text import format_report
    from marsad.eval.gold import load_gold

    kinds = _kinds(args.kinds)
    gold = load_gold(Path(args.gold))
    if args.analyses:
        analyses = read_analyses(Path(args.analyses))
    else:
        stages = [s.strip() for s in args.stages.split(",") if s.strip()]
        with stderr.status(f"analysing {len(gold)} gold article(s)"):
            analyses = analyze_gold(gold, stages, workers=args.workers)
    report = score(gold, analyses, kinds)
    if args.json:
        json.dump(report.to_json(max_errors=max(args.show_errors, 0)), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(format_report(report, show_errors=max(args.show_errors, 0)))
    return 0
