#!/usr/bin/env python3
"""Two or more bench/run.py results side by side, as a Markdown table.

    python bench/compare_runs.py before=bench/results/A.json after=bench/results/B.json [...]

Each argument is label=path (a result of bench/run.py, possibly from another
checkout). Rows: the trivial endpoint, then each page cold, warm and
cold at one connection: req/s, ratio to trivial, p50/p99 ms, SQL queries,
non-2xx + socket errors.
"""

from __future__ import annotations

import json
import sys


def load(arg: str) -> tuple[str, dict]:
    label, _, path = arg.partition("=")
    with open(path) as f:
        return label, json.load(f)


def cell(row: dict, mode: str) -> str:
    s = row.get(mode)
    if not s:
        return "–"
    sql = row["queries_warm"] if mode.startswith("warm") else row["queries_cold"]
    errors = s.get("non_2xx_3xx", 0) + s.get("socket_errors", 0)
    ratio = f"{s['ratio']:.3f}" if "ratio" in s else "–"
    text = f"{s['rps']:.0f} req/s, {ratio}, {s['p50_ms']}/{s['p99_ms']} ms, {sql} SQL"
    return text + (f", **{errors} errors**" if errors else "")


def main(args: list[str]) -> int:
    runs = [load(a) for a in args]
    labels = [f"{label} ({r['commit']}, {r['when'][11:16]} UTC, load {r['machine']['loadavg_before'][0]:.1f})"
              for label, r in runs]
    print("| page | mode | " + " | ".join(labels) + " |")
    print("|---|---|" + "---|" * len(runs))
    pages = [r["page"] for r in runs[0][1]["rows"]]
    for page in pages:
        rows = [next((x for x in r["rows"] if x["page"] == page), {}) for _, r in runs]
        modes = ["warm", "warm_again"] if page == "trivial" else ["cold", "warm", "cold_1conn"]
        for mode in modes:
            print(f"| {page} | {mode} | " + " | ".join(cell(x, mode) for x in rows) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
