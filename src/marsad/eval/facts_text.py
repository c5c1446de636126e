"""Plain-text rendering of a document-facts Report: a score table, then (on request) the errors."""

from __future__ import annotations

from marsad.eval.facts import KindScore, Report, Tally

_LABELS = {"fp": "false positives", "fn": "false negatives", "wrong": "matched, wrong attribute"}


def _cell(x: float | None) -> str:
    return "   n/a" if x is None else f"{x:6.3f}"


def _row(label: str, t: Tally) -> str:
    return (f"{label:<10} {_cell(t.precision)} {_cell(t.recall)} {_cell(t.f1)} "
            f"{t.tp:6d} {t.fp:6d} {t.fn:6d} {t.tp + t.fn:6d}")


def _notes(ks: KindScore) -> str:
    def pct(key: str) -> str:
        v = ks.extra.get(key)
        return "n/a" if v is None else f"{float(v):.3f}"

    if ks.kind == "speakers":
        return f"  speaker accuracy on {ks.extra.get('matched', 0)} matched quotes: {pct('accuracy')}"
    if ks.kind == "events":
        return (f"  actors on {ks.tally.tp} matched events: actor1 {pct('actor1_accuracy')}, "
                f"actor2 {pct('actor2_accuracy')}, both {pct('actors_accuracy')}")
    return ""


def format_table(report: Report) -> str:
    lines = [f"{'kind':<10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6} {'gold':>6}"]
    lines += [_row(k, ks.tally) for k, ks in report.kinds.items()]
    lines.append(_row("micro", report.micro))
    lines += [n for n in (_notes(ks) for ks in report.kinds.values()) if n]
    lines.append(f"{report.documents} document(s); micro total excludes speakers; n/a = nothing to score")
    if report.missing:
        lines.append(f"no analysis for {len(report.missing)} document(s): {', '.join(report.missing[:10])}")
    if report.analysis_errors:
        lines.append(f"{len(report.analysis_errors)} document(s) with analysis errors:")
        lines += _grouped_errors(report)
    return "\n".join(lines)


def _grouped_errors(report: Report, limit: int = 10) -> list[str]:
    """Each distinct analysis error once, with how many documents had it and the first of them."""
    docs_of: dict[str, list[str]] = {}
    for doc_id, errs in report.analysis_errors.items():
        for e in dict.fromkeys(errs):
            docs_of.setdefault(e, []).append(doc_id)
    out = [f"  {e} [{len(ids)} doc(s), first {ids[0]}]" for e, ids in list(docs_of.items())[:limit]]
    if len(docs_of) > limit:
        out.append(f"  ... and {len(docs_of) - limit} other error(s) (--json lists them all)")
    return out


def format_errors(report: Report, limit: int) -> str:
    """Up to `limit` false positives, false negatives and wrong attributes per kind, with doc ids."""
    lines: list[str] = []
    for kind, ks in report.kinds.items():
        for error in ("fp", "fn", "wrong"):
            shown = ks.errors_of(error, limit)
            if not shown:
                continue
            total = sum(1 for e in ks.errors if e.error == error)
            lines.append(f"\n{kind}: {_LABELS[error]} ({len(shown)} of {total})")
            for e in shown:
                lines.append(f"  {e.doc_id}: {e.text}" + (f"\n      {e.detail}" if e.detail else ""))
    return "\n".join(lines).lstrip("\n")


def format_report(report: Report, show_errors: int = 0) -> str:
    out = format_table(report)
    if show_errors > 0:
        errors = format_errors(report, show_errors)
        if errors:
            out += "\n\n" + errors
    return out
