#!/usr/bin/env python
"""Load test: one app server, then two sharing the database and a Redis cache, each under wrk over a
mix of public pages, quiet and then while an import runs; after each import, are any pages stale?

    .venv/bin/python bench/load.py              # SQLite (WAL, busy timeout)
    .venv/bin/python bench/load.py --postgres   # PostgreSQL (PG_URL, default database racesite_load)
    .venv/bin/python bench/load.py --seconds 20 # shorter phases

The Truck and Xfinity history is loaded first; the Cup history is imported in two halves, 1949-1989
during the one-server run and 1990-2025 during the two-server run. One server: gunicorn with 4 workers
and the file cache, wrk at 50 connections. Two servers: two gunicorns with 2 workers each (the same 4
workers in all) on two ports, sharing the database and Redis (CACHE_URL), wrk at 25 connections on
each; the import runs with the first server's settings. Stale pages: the moment the import commits
(while the load goes on), probe pages warmed on every server before it (the Cup series page, career
pages of drivers in the imported half) are fetched from every server, and any that does not show the
imported seasons counts, as does a 304 to an ETag from before the import.

Prints req/s, p95, p99 and errors of each phase and the stale pages of each run; exits non-zero on an
error, a stale page or a failed import. Needs wrk (apt-get install wrk), Redis on 127.0.0.1:6379
(BENCH_REDIS_URL, keys under a prefix of this run, deleted after) and ../shared. Ports: BENCH_PORT and
the next one.
"""

import argparse
import csv
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "nascar"
PG_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/racesite_load")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
PORT = int(os.environ.get("BENCH_PORT", "8765"))
WORKERS = 4
SPLIT_YEAR = 1990  # the Cup history's two halves: before it, and from it on
PROBE_DRIVERS = 30


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True, **kwargs
    )


def django_json(env, code):
    """Run ``code`` (which prints one JSON value) in the site's shell; return the value."""
    return json.loads(manage(env, "shell", "--no-imports", "-c", code).stdout.strip().splitlines()[-1])


def urls(env):
    """A few hundred real pages: seasons, races, drivers, tracks, teams, makes, filtered lists."""
    code = """
import json, random
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
paths += ["/api/v1/drivers/?sort=-wins", "/api/v1/races/?series=xfinity"]
print(json.dumps(paths))
"""
    return django_json(env, code)


def cup_half(tmp, *, before):
    """The Cup history's seasons before SPLIT_YEAR (``before``) or from it on, as a CSV file."""
    path = tmp / f"cup_{'before' if before else 'from'}_{SPLIT_YEAR}.csv"
    with gzip.open(DATA / "cup_series.csv.gz", "rt", encoding="utf-8") as source, open(path, "w") as out:
        out.write(next(source))
        for line in source:
            if (int(line.split(",", 1)[0]) < SPLIT_YEAR) == before:
                out.write(line)
    return path


def probes(env, import_file):
    """(path, text it must show once the import committed), chosen before it: the Cup series page, and
    the career pages of the drivers with most starts in the file who have a page already, each with a
    Cup season of theirs from the file."""
    seasons = {}
    with open(import_file, encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            seasons.setdefault(row["Driver"], []).append(int(row["Season"]))
    names = sorted(seasons, key=lambda name: -len(seasons[name]))[: PROBE_DRIVERS * 5]
    code = f"""
import json
from results.models import Driver
print(json.dumps(dict(Driver.objects.filter(name__in={names!r}).values_list("name", "slug"))))
"""
    slugs = django_json(env, code)
    years = sorted({year for found in seasons.values() for year in found})
    checks = [("/series/cup/", f'href="/series/cup/{years[0]}/"'), ("/series/cup/", f'href="/series/cup/{years[-1]}/"')]
    chosen = [name for name in names if name in slugs][:PROBE_DRIVERS]
    checks += [(f"/drivers/{slugs[name]}/", f'href="/series/cup/{min(seasons[name])}/"') for name in chosen]
    return checks


def fetch(port, path, headers=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace"), response.headers.get("ETag")
    except urllib.error.HTTPError as error:
        return error.code, "", error.headers.get("ETag")


def wrk(port, connections, seconds, url_file):
    out = subprocess.run(
        [
            "wrk",
            "-t",
            "2",
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(ROOT / "bench" / "mix.lua"),
            f"http://127.0.0.1:{port}",
            "--",
            str(url_file),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    requests, bad_status, socket_errors, duration, p95, p99, mean = re.search(r"RESULT (.*)", out).group(1).split()
    return {
        "rps": int(requests) / float(duration),
        "requests": int(requests),
        "errors": int(bad_status) + int(socket_errors),
        "bad_status": int(bad_status),
        "p95": float(p95),
        "p99": float(p99),
        "mean": float(mean),
    }


def load(ports, seconds, url_file):
    """wrk on every server at once, 50 connections in all; one summary (the worst p95/p99)."""
    with ThreadPoolExecutor(len(ports)) as pool:
        runs = list(pool.map(lambda port: wrk(port, 50 // len(ports), seconds, url_file), ports))
    return {
        "rps": sum(r["rps"] for r in runs),
        "requests": sum(r["requests"] for r in runs),
        "errors": sum(r["errors"] for r in runs),
        "bad_status": sum(r["bad_status"] for r in runs),
        "p95": max(r["p95"] for r in runs),
        "p99": max(r["p99"] for r in runs),
        "mean": sum(r["mean"] * r["requests"] for r in runs) / max(1, sum(r["requests"] for r in runs)),
    }


def start_servers(env, ports, workers):
    servers = [
        subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "racesite.wsgi",
                "-w",
                str(workers),
                "-b",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        for port in ports
    ]
    for port in ports:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
                break
            except OSError:
                time.sleep(0.2)
    return servers


def stale_pages(ports, checks, warmed):
    """Probe pages that do not show the import (or answer 304 to an ETag from before it)."""
    stale = []
    for port in ports:
        for path, expected in checks:
            status, body, _ = fetch(port, path)
            if status != 200 or expected not in body:
                stale.append((port, path, f"{status}, lacks {expected}"))
        for (warm_port, path), etag in warmed.items():
            if warm_port == port and etag and fetch(port, path, {"If-None-Match": etag})[0] == 304:
                stale.append((port, path, "304 to the ETag from before the import"))
    return stale


def run(label, env, ports, workers, seconds, url_file, import_file):
    """One run: quiet load, then load during the import, whose commit is followed at once by the
    stale-page check on every server (while the load goes on). Returns the figures."""
    servers = start_servers(env, ports, workers)
    try:
        quiet = load(ports, seconds, url_file)
        checks = probes(env, import_file)
        warmed = {(port, path): fetch(port, path)[2] for port in ports for path, _ in checks}
        importer = subprocess.Popen(
            [sys.executable, "manage.py", "import_report", "--no-progress", str(import_file)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        started = time.perf_counter()

        def after_import():
            output, _ = importer.communicate(timeout=1200)
            seconds_taken = time.perf_counter() - started
            return output, seconds_taken, stale_pages(ports, checks, warmed)

        with ThreadPoolExecutor(1) as pool:
            checked = pool.submit(after_import)
            busy = load(ports, seconds, url_file)
            output, import_seconds, stale = checked.result()
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait()
    return {
        "label": label,
        "quiet": quiet,
        "busy": busy,
        "import_seconds": import_seconds,
        "imported": importer.returncode == 0 and "entries written:" in output,
        "import_output": output,
        "stale": stale,
        "checked": len(checks) * len(ports) + sum(1 for etag in warmed.values() if etag),
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
        "CACHE_DIR": str(tmp / "cache"),  # a cold page cache: every page is rendered at least once
        "DUMPS_DIR": str(tmp / "dumps"),
        "API_ANON_RATE": "1000000/minute",  # every wrk connection is one address: no visitor's limit
    }
    if args.postgres:
        import psycopg

        server_url, name = PG_URL.rsplit("/", 1)
        with psycopg.connect(server_url + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "import_report", "--no-progress", str(DATA / "truck_series.csv"), str(DATA / "xfinity_series.csv.gz"))
    url_file = tmp / "urls.txt"
    url_file.write_text("\n".join(urls(env)))
    prefix = f"racesite-load-{uuid.uuid4().hex[:8]}"
    shared = {**env, "CACHE_URL": REDIS_URL, "CACHE_KEY_PREFIX": prefix}
    try:
        one = run("one server", env, [PORT], WORKERS, args.seconds, url_file, cup_half(tmp, before=True))
        two = run(
            "two servers", shared, [PORT, PORT + 1], WORKERS // 2, args.seconds, url_file, cup_half(tmp, before=False)
        )
    finally:
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
    database_name = "PostgreSQL" if args.postgres else "SQLite"
    print(
        f"Load on {database_name}: {WORKERS} gunicorn workers in all, wrk 50 connections in all, {args.seconds} s "
        f"per phase, {len(url_file.read_text().split())} URLs"
    )
    print(
        f"{'run':<12} {'phase':<20} {'req/s':>7} {'p95 ms':>8} {'p99 ms':>8} {'mean ms':>8} {'requests':>9} {'errors':>7}"
    )
    for result in (one, two):
        for phase, r in (("pages only", result["quiet"]), ("during Cup import", result["busy"])):
            print(
                f"{result['label']:<12} {phase:<20} {r['rps']:>7.0f} {r['p95']:>8.1f} {r['p99']:>8.1f} "
                f"{r['mean']:>8.1f} {r['requests']:>9} {r['bad_status']:>5} + {r['errors'] - r['bad_status']:<3}"
            )
    for result in (one, two):
        state = "completed" if result["imported"] else "FAILED"
        print(
            f"{result['label']}: Cup import {state} in {result['import_seconds']:.0f} s; stale pages after it: "
            f"{len(result['stale'])} of {result['checked']} checked"
        )
        for port, path, why in result["stale"][:10]:
            print(f"  stale on :{port} {path}: {why}")
        if not result["imported"]:
            print(result["import_output"][-2000:])
    ok = all(
        r["imported"] and not r["stale"] and not r["quiet"]["errors"] and not r["busy"]["errors"] for r in (one, two)
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
