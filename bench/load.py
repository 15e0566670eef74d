#!/usr/bin/env python
"""Load test: gunicorn (4 workers) on loopback, driven by wrk at 50 connections for 60 s over a
mix of public pages; then again while a bulk import of the Cup history runs.

    .venv/bin/python bench/load.py              # SQLite (WAL, busy timeout)
    .venv/bin/python bench/load.py --postgres   # PostgreSQL (database racesite_load)
    .venv/bin/python bench/load.py --seconds 20 # a shorter run

Prints requests/s, the 95th percentile and the error count of each phase; exits non-zero if a
request failed or the import did not complete. Needs wrk (apt-get install wrk) and ../shared.
"""

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "nascar"
PG_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/racesite_load")
PORT = 8765


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True, **kwargs
    )


def urls(env):
    """A few hundred real pages: seasons, races, drivers, tracks, teams, makes, filtered lists."""
    code = """
import random
from results.models import Driver, Event, Manufacturer, Season, Team, Track
random.seed(7)
pick = lambda qs, n: random.sample(list(qs), min(n, len(qs)))
paths = ["/", "/drivers/", "/drivers/?sort=-wins", "/drivers/?q=earnhardt", "/drivers/?series=xfinity&year=2010"]
paths += [s.get_absolute_url() for s in pick(Season.objects.select_related("series"), 40)]
paths += [e.get_absolute_url() for e in pick(Event.objects.only("slug"), 120)]
paths += [d.get_absolute_url() for d in Driver.objects.order_by("-starts")[:80]]
paths += [d.get_absolute_url() + "?sort=finish&page=2" for d in Driver.objects.order_by("-starts")[:20]]
paths += [t.get_absolute_url() for t in pick(Track.objects.all(), 20)]
paths += [t.get_absolute_url() for t in pick(Team.objects.all(), 20)]
paths += [m.get_absolute_url() for m in Manufacturer.objects.all()]
print("\\n".join(paths))
"""
    return [line for line in manage(env, "shell", "-c", code).stdout.split() if line.startswith("/")]


def wrk(seconds, url_file):
    out = subprocess.run(
        [
            "wrk",
            "-t",
            "2",
            "-c",
            "50",
            "-d",
            f"{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(ROOT / "bench" / "mix.lua"),
            f"http://127.0.0.1:{PORT}",
            "--",
            str(url_file),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    requests, bad_status, socket_errors, duration, p95, mean = re.search(r"RESULT (.*)", out).group(1).split()
    return {
        "rps": int(requests) / float(duration),
        "requests": int(requests),
        "errors": int(bad_status) + int(socket_errors),
        "p95": float(p95),
        "mean": float(mean),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    tmp = Path(tempfile.mkdtemp())
    database = PG_URL if args.postgres else f"sqlite:///{tmp}/load.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "DEBUG": "0",
        "SECRET_KEY": "load-test-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DJANGO_SETTINGS_MODULE": "racesite.settings",
        "CACHE_DIR": str(tmp / "cache"),
    }  # a cold page cache: every page is rendered at least once
    if args.postgres:
        import psycopg

        with psycopg.connect(PG_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute('DROP DATABASE IF EXISTS "racesite_load" WITH (FORCE)')
            conn.execute('CREATE DATABASE "racesite_load"')
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "import_report", "--no-progress", str(DATA / "truck_series.csv"), str(DATA / "xfinity_series.csv.gz"))
    url_file = tmp / "urls.txt"
    url_file.write_text("\n".join(urls(env)))
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "racesite.wsgi",
            "-w",
            "4",
            "-b",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        quiet = wrk(args.seconds, url_file)
        importer = subprocess.Popen(
            [sys.executable, "manage.py", "import_report", "--no-progress", str(DATA / "cup_series.csv.gz")],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        started = time.perf_counter()
        busy = wrk(args.seconds, url_file)
        output, _ = importer.communicate(timeout=600)
        import_seconds = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()
    database_name = "PostgreSQL" if args.postgres else "SQLite"
    print(
        f"Load on {database_name}: gunicorn 4 workers, wrk 50 connections, {args.seconds} s, "
        f"{len(url_file.read_text().split())} URLs"
    )
    print(f"{'phase':<26} {'req/s':>8} {'p95 ms':>8} {'mean ms':>8} {'requests':>9} {'errors':>7}")
    for label, r in (("pages only", quiet), ("pages during Cup import", busy)):
        print(f"{label:<26} {r['rps']:>8.0f} {r['p95']:>8.1f} {r['mean']:>8.1f} {r['requests']:>9} {r['errors']:>7}")
    imported = importer.returncode == 0 and "entries written: 100137" in output
    print(
        f"Cup import during load: {'completed' if imported else 'FAILED'} in {import_seconds:.0f} s"
        + ("" if imported else f"\n{output[-2000:]}")
    )
    sys.exit(0 if imported and not quiet["errors"] and not busy["errors"] else 1)


if __name__ == "__main__":
    random.seed(1)
    main()
