#!/usr/bin/env python
"""Benchmark: the championship standings of the whole history, recomputed in the database.

    .venv/bin/python bench/recompute.py              # SQLite (loads the history first)
    .venv/bin/python bench/recompute.py --postgres   # PostgreSQL (database racesite_bench, or $PG_URL)
    .venv/bin/python bench/recompute.py --reuse      # a database bench/import_history.py or pages.py loaded

Times ``standings.store.recompute_all`` (read every entry and fact, run the engine on every season, rewrite
every standing row) and the one-season recompute that every write to a season now pays (Cup 2024), in one
transaction each, rolled back. Exits non-zero when a target is missed: the whole history under 30 s, one
season under 0.5 s. The engine alone: bench/standings.py.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_ALL_S, TARGET_SEASON_S, RUNS = 30, 0.5, 3


class Rollback(Exception):
    pass


def timed(fn, runs):
    from django.db import transaction

    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        try:
            with transaction.atomic():
                result = fn()
                times.append(time.perf_counter() - started)
                raise Rollback
        except Rollback:
            pass
    return statistics.median(times), result


def measure():
    """Worker: runs inside Django with the loaded database; prints figures; returns the number of misses."""
    import django

    django.setup()
    from django.db import connection

    from results.models import Entry, Season
    from results.standings import store

    cup_2024 = Season.objects.get(series__short_name="Cup", year=2024)
    whole, rows = timed(store.recompute_all, RUNS)
    one, season_rows = timed(lambda: store.recompute(seasons=[cup_2024]), RUNS * 3)
    checks = [
        (
            f"whole history ({Season.objects.count()} seasons, {Entry.objects.count():,} entries)",
            whole,
            rows,
            TARGET_ALL_S,
        ),
        ("one season (Cup 2024), as every write pays", one, season_rows, TARGET_SEASON_S),
    ]
    print(f"\nStandings recompute ({connection.vendor}, median of runs, each in a rolled-back transaction)")
    print(f"{'what':<62} {'seconds':>8} {'rows':>9} {'target':>8}  ok")
    for label, seconds, written, target in checks:
        print(f"{label:<62} {seconds:>8.2f} {written:>9,} {f'< {target}':>8}  {'yes' if seconds < target else 'NO'}")
    return sum(seconds >= target for _, seconds, _, target in checks)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="measure the database already loaded")
    parser.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_only:
        sys.exit(1 if measure() else 0)
    import import_history

    sqlite_path = os.environ.get("BENCH_SQLITE", str(ROOT / "bench" / "bench.sqlite3"))
    database = import_history.PG_URL if args.postgres else f"sqlite:///{sqlite_path}"
    import_ok = True if args.reuse else import_history.run(database, postgres=args.postgres)
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "DJANGO_SETTINGS_MODULE": "racesite.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + "x" * 40,
    }
    measured = subprocess.run([sys.executable, __file__, "--measure-only"], env=env, cwd=ROOT)
    sys.exit(0 if import_ok and measured.returncode == 0 else 1)


if __name__ == "__main__":
    main()
