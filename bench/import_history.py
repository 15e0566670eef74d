#!/usr/bin/env python
"""Benchmark: load the full historical dataset into a fresh database with import_report.

    .venv/bin/python bench/import_history.py              # SQLite (a temporary file)
    .venv/bin/python bench/import_history.py --postgres   # PostgreSQL (database racesite_bench)

Prints entries/s, wall time and peak resident memory of the import; exits non-zero when a
target is missed (under 60 s, over 3,000 entries/s, under 500 MB).
"""

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "nascar"
PG_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/racesite_bench")
TARGET_SECONDS, TARGET_RATE, TARGET_MB = 60, 3000, 500


def manage(*args, env):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def fresh_postgres():
    import psycopg

    name = PG_URL.rsplit("/", 1)[1]
    with psycopg.connect(PG_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def run(database_url, *, postgres=False):
    """Load the full history into a fresh database at ``database_url``; print figures; True if targets met."""
    files = sorted(DATA.glob("*_series.csv*"))
    if not files:
        sys.exit(f"{DATA} has no data files: the benchmark needs ../shared beside the project")
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "bench-only-" + "x" * 40, "DATABASE_URL": database_url}
    if postgres:
        fresh_postgres()
    else:
        Path(database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    result = manage("migrate", "--noinput", env=env)
    if result.returncode:
        sys.exit(result.stderr)
    started = time.perf_counter()
    result = manage("import_report", "--no-progress", *map(str, files), env=env)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if result.returncode:
        sys.exit(result.stdout + result.stderr)
    entries = sum(int(n) for n in re.findall(r"entries written: (\d+)", result.stdout))
    rate = entries / seconds
    checks = [
        ("wall time", f"{seconds:.1f} s", seconds < TARGET_SECONDS, f"< {TARGET_SECONDS} s"),
        ("entries/s", f"{rate:,.0f}", rate > TARGET_RATE, f"> {TARGET_RATE:,}"),
        ("peak RSS", f"{peak_mb:.0f} MB", peak_mb < TARGET_MB, f"< {TARGET_MB} MB"),
    ]
    print(
        f"Full historical import on {'PostgreSQL' if postgres else 'SQLite'}: {entries:,} entries from {len(files)} files"
    )
    print(f"{'measure':<12} {'value':>12}  {'target':<10} ok")
    for name, value, ok, target in checks:
        print(f"{name:<12} {value:>12}  {target:<10} {'yes' if ok else 'NO'}")
    return all(ok for _, _, ok, _ in checks)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        database = PG_URL if args.postgres else f"sqlite:///{tmp}/bench.sqlite3"
        sys.exit(0 if run(database, postgres=args.postgres) else 1)


if __name__ == "__main__":
    main()
