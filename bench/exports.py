#!/usr/bin/env python
"""Exports that cannot hurt: the biggest table's CSV export against real gunicorn workers.

    .venv/bin/python bench/exports.py            # PostgreSQL database PG_URL (default racesite_load)
    .venv/bin/python bench/exports.py --import   # load the whole history into it first

Uses the database bench/load.py leaves (all three series; --import builds it). Three measurements:
1. One 70,000-row export (Chevrolet's every result, no row limit) from a one-worker gunicorn: time to
   the first byte, total time, and how much the worker's memory grew (its resident set, sampled every
   20 ms, against before). Target: under 50 MB.
2. Six parallel cache-busting exports of that table by visitors (?x=N each time) on 4 workers, with
   the row limit (EXPORT_MAX_ROWS) as shipped, while the home page is fetched every 200 ms. Targets:
   every worker alive (same processes before and after) and the home page under 1 s.
3. The same six with no row limit (what an editor may do): EXPORT_SLOTS of them stream, the others
   are told to come back (503); the same targets.
Exits non-zero when a target is missed. Port: BENCH_PORT (default 8765).
"""

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "nascar"
PG_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/racesite_load")
PORT = int(os.environ.get("BENCH_PORT", "8765"))
EXPORT = "/manufacturers/chevrolet/?_export=csv"
GROWTH_TARGET_MB, HOME_TARGET_S = 50, 1.0


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as status:
        return int(next(line for line in status if line.startswith("VmRSS:")).split()[1])


def workers(master):
    with open(f"/proc/{master}/task/{master}/children") as children:
        return sorted(int(pid) for pid in children.read().split())


def serve(env, count, **extra):
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "racesite.wsgi", "-w", str(count), "-b", f"127.0.0.1:{PORT}"]
        + ["--log-level", "warning"],
        cwd=ROOT,
        env={**env, **extra},
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=5).read()
            if len(workers(server.pid)) == count:
                break
        except OSError:
            pass
        time.sleep(0.2)
    return server


def download(path):
    """(status, seconds to the first byte, seconds in all, bytes)."""
    started = time.perf_counter()
    try:
        response = urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=300)
    except urllib.error.HTTPError as error:
        return error.code, time.perf_counter() - started, time.perf_counter() - started, len(error.read())
    first = response.read(1)
    first_byte = time.perf_counter() - started
    size = len(first) + sum(len(chunk) for chunk in iter(lambda: response.read(1 << 16), b""))
    return response.status, first_byte, time.perf_counter() - started, size


def one_export(env):
    server = serve(env, 1, EXPORT_MAX_ROWS="10000000")
    try:
        (worker,) = workers(server.pid)
        download("/manufacturers/chevrolet/")  # the page: templates, connection and caches warm
        download("/manufacturers/chevrolet/?_export=csv&status=dnf")
        before, peak, done = rss_kb(worker), [0], threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], rss_kb(worker))
                time.sleep(0.02)

        sampler = threading.Thread(target=sample)
        sampler.start()
        status, first_byte, total, size = download(EXPORT)
        done.set()
        sampler.join()
    finally:
        server.terminate()
        server.wait()
    return status, first_byte, total, size, (peak[0] - before) / 1024


def six_at_once(env, **extra):
    """Six cache-busting exports at once on 4 workers, the home page fetched meanwhile."""
    server = serve(env, 4, **extra)
    try:
        with ThreadPoolExecutor(8) as pool:  # warm: every worker's templates, connections and caches
            list(pool.map(download, ["/", "/manufacturers/chevrolet/", "/drivers/"] * 16))
        before = workers(server.pid)
        rss_before = {pid: rss_kb(pid) for pid in before}
        home, done, peaks = [], threading.Event(), dict(rss_before)

        def watch():
            while not done.is_set():
                started = time.perf_counter()
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=60).read()
                except OSError:
                    pass  # counted as slow as it was
                home.append(time.perf_counter() - started)
                for pid in before:
                    try:
                        peaks[pid] = max(peaks[pid], rss_kb(pid))
                    except FileNotFoundError:
                        pass
                time.sleep(0.2)

        watcher = threading.Thread(target=watch)
        watcher.start()
        started = time.perf_counter()
        with ThreadPoolExecutor(6) as pool:
            results = list(pool.map(download, [f"{EXPORT}&x={n}{time.time_ns()}" for n in range(6)]))
        elapsed = time.perf_counter() - started
        time.sleep(0.5)
        done.set()
        watcher.join()
        after = workers(server.pid)
    finally:
        server.terminate()
        server.wait()
    growth = max((peaks[pid] - rss_before[pid]) / 1024 for pid in before)
    return results, elapsed, home, before == after, growth


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--import", dest="load", action="store_true", help="load the whole history first")
    args = parser.parse_args()
    env = {
        **os.environ,
        "DATABASE_URL": PG_URL,
        "DEBUG": "0",
        "SECRET_KEY": "exports-bench-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DJANGO_SETTINGS_MODULE": "racesite.settings",
        "CACHE_DIR": str(Path(os.environ.get("TMPDIR", "/tmp")) / f"exports-bench-cache-{os.getpid()}"),
    }
    if args.load:
        files = [str(DATA / name) for name in ("truck_series.csv", "xfinity_series.csv.gz", "cup_series.csv.gz")]
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env, check=True)
        subprocess.run(
            [sys.executable, "manage.py", "import_report", "--no-progress", *files], cwd=ROOT, env=env, check=True
        )
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)

    misses = 0
    status, first_byte, total, size, growth = one_export(env)
    ok = status == 200 and growth < GROWTH_TARGET_MB
    misses += not ok
    print(f"One Chevrolet export (no row limit, 1 worker): status {status}, {size / 1e6:.1f} MB of CSV")
    print(
        f"  first byte {first_byte * 1000:.0f} ms, all of it {total:.1f} s, worker memory growth {growth:.1f} MB "
        f"(target < {GROWTH_TARGET_MB})  {'ok' if ok else 'MISSED'}"
    )
    for label, extra in (
        ("visitors, row limit as shipped", {}),
        ("no row limit (as an editor)", {"EXPORT_MAX_ROWS": "10000000"}),
    ):
        results, elapsed, home, alive, growth = six_at_once(env, **extra)
        slowest = max(home) if home else float("inf")
        ok = alive and slowest < HOME_TARGET_S
        misses += not ok
        statuses = ", ".join(
            f"{sum(r[0] == code for r in results)} x {code}" for code in sorted({r[0] for r in results})
        )
        print(
            f"Six parallel cache-busting exports, 4 workers, {label}: statuses {statuses}, all done in {elapsed:.1f} s"
        )
        print(
            f"  slowest export {max(r[2] for r in results):.1f} s, first bytes within "
            f"{max(r[1] for r in results) * 1000:.0f} ms; workers alive: {'all' if alive else 'NOT ALL'}; "
            f"largest worker growth {growth:.0f} MB"
        )
        print(
            f"  home page meanwhile: {len(home)} fetches, median {statistics.median(home) * 1000:.0f} ms, "
            f"slowest {slowest * 1000:.0f} ms (target < {HOME_TARGET_S * 1000:.0f})  {'ok' if ok else 'MISSED'}"
        )
    sys.exit(1 if misses else 0)


if __name__ == "__main__":
    main()
