"""Text-core throughput (normalise + segment + numbers + dates) against the floor of one plain
`re.finditer(r"\\w+|[^\\w\\s]", text)` pass over the same articles, measured in the same run.

    python -m bench.text_core [--limit N] [--repeats R]
"""

from __future__ import annotations

import argparse
import re

from bench.common import best_of, console, news_records, published_of, table
from marsad.text.dates import find_dates
from marsad.text.normalize import normalize
from marsad.text.numbers import find_numbers
from marsad.text.view import TextView

FLOOR = re.compile(r"\w+|[^\w\s]")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=10000)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    records = news_records(args.limit)
    items = [(r["content"], published_of(r)) for r in records]
    n = len(items)
    mb = sum(len(t.encode("utf-8")) for t, _ in items) / 1e6
    tokens = sum(sum(1 for _ in FLOOR.finditer(t)) for t, _ in items)
    find_dates("", None)
    find_numbers("")  # compile patterns outside the timing

    def floor() -> None:
        for t, _ in items:
            for _ in FLOOR.finditer(t):
                pass

    def normalise() -> None:
        for t, _ in items:
            normalize(t)

    def sentences() -> None:
        for t, _ in items:
            TextView.of(t)

    def with_tokens() -> None:
        for t, _ in items:
            TextView.of(t).tokens  # noqa: B018

    def numbers() -> None:
        for t, _ in items:
            find_numbers(TextView.of(t).text)

    def core() -> None:
        for t, pub in items:
            view = TextView.of(t)
            find_numbers(view.text)
            find_dates(view.text, pub)

    console.print(f"{n} articles, {mb:.1f} MB, {tokens:,} regex tokens; best of {args.repeats}")
    passes = [("floor: one re.finditer token pass", floor), ("normalise (offset map)", normalise),
              ("+ sentences and furniture", sentences), ("+ tokens (on demand)", with_tokens),
              ("+ numbers", numbers), ("text core: + numbers + dates", core)]
    times = {name: best_of(args.repeats, fn) for name, fn in passes}
    t_floor = times[passes[0][0]]
    t_core = times[passes[-1][0]]
    rows = [(name, f"{n / t:,.0f}", f"{mb / t:.1f}", f"{tokens / t:,.0f}", f"{t_floor / t:.0%}")
            for name, t in times.items()]
    console.print(table("text core throughput (one core)", rows,
                        ("pass", "articles/s", "MB/s", "tokens/s", "speed vs floor")))
    console.print(f"text core at {t_floor / t_core:.0%} of the floor's speed (target ≥ 20%)")


if __name__ == "__main__":
    main()
