#!/usr/bin/env python
"""Benchmark: the standings engine over the whole history (every series-season, every race).

    flock /work/helpers/bench.lock .venv/bin/python bench/standings.py

Reads ../shared/data/nascar with the importer's reader (not timed), then times
``results.standings.engine.compute`` for all 152 series-seasons: the best of 3 runs, the slowest
season, and the rows produced. Exits non-zero when the whole history takes 10 s or more.
No database: what a bulk recompute after an import adds on top of reading the entries.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "nascar"
RUNS, TARGET_SECONDS = 3, 10.0


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "racesite.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 40)  # the reader needs the app, not a database
    import django

    django.setup()
    from results.standings.engine import compute
    from results.standings.history import read_history

    started = time.perf_counter()
    seasons = list(read_history(DATA))
    print(f"read {len(seasons)} series-seasons in {time.perf_counter() - started:.1f} s (not counted)")
    runs, slowest, rows = [], (0.0, ""), 0
    for _ in range(RUNS):
        started = time.perf_counter()
        for season in seasons:
            began = time.perf_counter()
            outcome = compute(season.series, season.year, season.races, names=season.names)
            took = time.perf_counter() - began
            slowest = max(slowest, (took, f"{season.series} {season.year}"))
            rows += sum(len(r) for r in outcome.after.values())
        runs.append(time.perf_counter() - started)
    best = min(runs)
    load = os.getloadavg()[0]
    print(f"whole history: best {best:.2f} s of {RUNS} runs ({', '.join(f'{r:.2f}' for r in runs)})")
    print(f"slowest season: {slowest[1]}, {slowest[0] * 1000:.0f} ms; {rows // RUNS:,} standings rows per run")
    print(f"load average {load:.2f}; target under {TARGET_SECONDS:.0f} s")
    if best >= TARGET_SECONDS:
        print("MISSED: the whole history takes too long")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
