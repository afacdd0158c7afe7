#!/usr/bin/env python3
"""Compares the CSV files of two folders written by run_commands.sh.

Columns are matched by name (a few renamed columns through ALIASES: the
jellium table's TDLDA columns became the unsuffixed main columns). For each
column present in both, the largest |a - b| is reported relative to the
column's largest |a| (its peak); the script fails if any exceeds TOLERANCE.
Columns only one side has are listed, not compared.

    python3 tests/regression/compare_csv.py before/ after/
"""
import csv
import math
import sys
from pathlib import Path

TOLERANCE = 1e-12
ALIASES = {
    "osc_strength_density_tdlda_per_eV": "osc_strength_density_per_eV",
    "cross_section_tdlda_A2": "cross_section_A2",
}


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header = [ALIASES.get(h, h) for h in rows[0]]
    columns = {h: [] for h in header}
    for row in rows[1:]:
        for h, v in zip(header, row):
            columns[h].append(float(v))
    return columns


def main(a_dir, b_dir):
    worst = 0.0
    failed = False
    for a_path in sorted(Path(a_dir).glob("*.csv")):
        b_path = Path(b_dir) / a_path.name
        if not b_path.exists():
            print(f"{a_path.name}: missing in {b_dir}")
            failed = True
            continue
        a, b = read(a_path), read(b_path)
        for name in a:
            if name not in b:
                print(f"{a_path.name}: column {name} only in {a_dir}")
                continue
            x, y = a[name], b[name]
            if len(x) != len(y):
                print(f"{a_path.name}:{name}: {len(x)} vs {len(y)} rows")
                failed = True
                continue
            peak = max((abs(v) for v in x if math.isfinite(v)), default=0.0)
            diff = max(
                (abs(p - q) for p, q in zip(x, y) if math.isfinite(p) or math.isfinite(q)),
                default=0.0,
            )
            nan_mismatch = any(math.isnan(p) != math.isnan(q) for p, q in zip(x, y))
            rel = diff / peak if peak > 0 else diff
            worst = max(worst, rel)
            status = "ok" if rel <= TOLERANCE and not nan_mismatch else "DIFFERS"
            if status != "ok":
                failed = True
            print(f"{a_path.name}:{name}: max |Δ|/peak = {rel:.3e} {status}")
        for name in b:
            if name not in a:
                print(f"{a_path.name}: column {name} only in {b_dir}")
    print(f"worst relative difference {worst:.3e} (tolerance {TOLERANCE:.0e})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
