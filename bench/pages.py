#!/usr/bin/env python
"""Benchmark: every page type on the biggest real instance, with the full history loaded.

    .venv/bin/python bench/pages.py              # SQLite
    .venv/bin/python bench/pages.py --postgres   # PostgreSQL (database racesite_bench, or $PG_URL)
    BENCH_SQLITE=/tmp/x.sqlite3 .venv/bin/python bench/pages.py   # another SQLite file

Loads ../shared/data/nascar into a fresh database (bench/import_history.py does that part and
its figures are printed too), then renders each page in-process with DEBUG off: median and 95th
percentile over repeated runs, and the number of queries. Then times each heavy aggregate the
pages use against one hand-written SQL query computing the same numbers. Exits non-zero when a
target is missed: 10 queries per page and a 50 ms median per page, both rendered without the
whole-page cache (its warm figures are printed beside them), and an ORM/SQL ratio under 1.5.
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
RUNS = 20
TARGET_MS, TARGET_QUERIES, TARGET_RATIO = 50, 10, 1.5


def pages():
    """(label, URL) for each page type, on its biggest real instance."""
    from django.db.models import Count

    from results.models import Event

    biggest_race = (
        Event.objects.filter(season__series__short_name="Cup")
        .annotate(n=Count("entries"))
        .filter(n__gte=43)
        .order_by("-season__year", "-round")
        .first()
    )
    return [
        ("home", "/"),
        ("Cup 2024 season", "/series/cup/2024/"),
        ("Cup 2024 standings after round 20", "/series/cup/2024/?after=20"),
        ("Cup 2014 season (elimination playoffs)", "/series/cup/2014/"),
        (f"{biggest_race.entries.count()}-car Cup race", biggest_race.get_absolute_url()),
        ("driver index, Cup, by wins", "/drivers/?series=cup&sort=-wins"),
        ("Richard Petty career", "/drivers/richard-petty/"),
        (
            "Petty results at Daytona by finish",
            "/drivers/richard-petty/?sort=finish&track=daytona-international-speedway",
        ),
        ("Daytona track page", "/tracks/daytona-international-speedway/"),
        ("Hendrick Motorsports", "/teams/hendrick-motorsports/"),
        ("Chevrolet", "/manufacturers/chevrolet/"),
        ("Cup 2024 standings CSV", "/series/cup/2024/?_export=csv"),
        ("search with a typo", "/search/?q=ricahrd+petty"),
        ("search, many matches", "/search/?q=petty"),
        ("search, a race and year", "/search/?q=daytona+500+2024"),
        ("Cup series (every season)", "/series/cup/"),
        ("Cup records", "/series/cup/records/"),
        ("Petty vs Pearson", "/drivers/richard-petty/vs/david-pearson/"),
        ("tracks index", "/tracks/"),
        ("teams index, by wins", "/teams/?sort=-n_wins"),
        ("makes index", "/manufacturers/"),
        ("driver index, Truck 2024", "/drivers/?series=truck&year=2024&sort=-wins"),
        ("Atom feed, all series", "/feed/"),
        ("API: Petty career", "/api/v1/drivers/richard-petty/"),
        ("API: Cup drivers by wins", "/api/v1/drivers/?series=cup&sort=-wins"),
        ("API: Chevrolet results, page 1000", "/api/v1/manufacturers/chevrolet/results/?page=1000"),
        ("API: Cup 2024 schedule and standings", "/api/v1/seasons/cup/2024/"),
    ]


def heavy_aggregates():
    """(label, ORM callable, hand-written SQL, params) for the heaviest aggregate of each page kind."""
    from results import selectors
    from results.models import Driver, Season

    petty = Driver.objects.get(slug="richard-petty")
    cup_2024 = Season.objects.get(series__short_name="Cup", year=2024)
    per_group = """COUNT(*), SUM(CASE WHEN e.finish = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN e.finish <= 5 THEN 1 ELSE 0 END),
        SUM(CASE WHEN e.finish <= 10 THEN 1 ELSE 0 END), SUM(CASE WHEN e.start = 1 THEN 1 ELSE 0 END), SUM(e.laps),
        SUM(e.laps_led), SUM(e.points), AVG(e.start), AVG(e.finish),
        SUM(CASE WHEN LOWER(e.status) <> 'running' AND e.status <> '' THEN 1 ELSE 0 END), MIN(e.finish)"""
    return [
        (
            "season standings (Cup 2024)",
            lambda: list(selectors.season_standings(cup_2024)),
            f"""SELECT d.name, d.slug, {per_group}, ROW_NUMBER() OVER (ORDER BY SUM(e.points) DESC,
             SUM(CASE WHEN e.finish = 1 THEN 1 ELSE 0 END) DESC, AVG(e.finish)) FROM results_entry e
             JOIN results_event ev ON ev.id = e.event_id JOIN results_driver d ON d.id = e.driver_id
             WHERE ev.season_id = %s GROUP BY d.id, d.name, d.slug ORDER BY 15""",
            [cup_2024.pk],
        ),
        (
            "career totals (Petty)",
            lambda: selectors.career_by_series(petty),
            f"""SELECT s.short_name, {per_group} FROM results_entry e JOIN results_event ev ON ev.id = e.event_id
             JOIN results_season se ON se.id = ev.season_id JOIN results_series s ON s.id = se.series_id
             WHERE e.driver_id = %s GROUP BY s.id, s.short_name""",
            [petty.pk],
        ),
        (
            "season by season (Petty)",
            lambda: selectors.career_by_season(petty),
            f"""SELECT s.short_name, se.year, {per_group} FROM results_entry e JOIN results_event ev ON ev.id = e.event_id
             JOIN results_season se ON se.id = ev.season_id JOIN results_series s ON s.id = se.series_id
             WHERE e.driver_id = %s GROUP BY s.id, s.short_name, se.year ORDER BY se.year""",
            [petty.pk],
        ),
    ]


def timed(fn, runs=RUNS):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def render():
    """Worker: runs inside Django with the loaded database; prints the tables; returns misses."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    client, misses = Client(), 0
    print(f"\nPages ({connection.vendor}, DEBUG off, {RUNS} runs each; cached = whole-page cache, warm)")
    print(f"{'page':<40} {'uncached median':>15} {'p95':>7} {'cached median':>13} {'p95':>6} {'queries':>8}  ok")
    for label, url in pages():
        with override_settings(PAGE_CACHE_SECONDS=0):
            client.get(url)  # warm: templates compiled, connection open
            queries = []
            with connection.execute_wrapper(
                lambda execute, sql, *a, queries=queries: queries.append(sql) or execute(sql, *a)
            ):
                response = client.get(url)
            assert response.status_code in (200, 302), (url, response.status_code)  # a certain search redirects
            median, p95 = timed(lambda url=url: client.get(url))
        cache.clear()
        client.get(url)
        cached_median, cached_p95 = timed(lambda url=url: client.get(url))
        ok = median < TARGET_MS and len(queries) <= TARGET_QUERIES
        misses += not ok
        print(
            f"{label:<40} {median:>15.1f} {p95:>7.1f} {cached_median:>13.1f} {cached_p95:>6.1f} {len(queries):>8}"
            f"  {'yes' if ok else 'NO'}"
        )
    print(f"\nHeavy aggregates: the page's own queries against one hand-written SQL query ({connection.vendor})")
    print(f"{'aggregate':<32} {'ORM ms':>8} {'SQL ms':>8} {'ratio':>6}  ok")
    for label, orm, sql, params in heavy_aggregates():

        def hand_written(sql=sql, params=params):
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                cursor.fetchall()

        orm_ms, _ = timed(orm)
        sql_ms, _ = timed(hand_written)
        ratio = orm_ms / sql_ms
        misses += ratio >= TARGET_RATIO
        print(f"{label:<32} {orm_ms:>8.2f} {sql_ms:>8.2f} {ratio:>6.2f}  {'yes' if ratio < TARGET_RATIO else 'NO'}")
    return misses


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--render-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.render_only:
        sys.exit(1 if render() else 0)
    import import_history

    sqlite_path = os.environ.get("BENCH_SQLITE", str(ROOT / "bench" / "bench.sqlite3"))
    database = import_history.PG_URL if args.postgres else f"sqlite:///{sqlite_path}"
    import_ok = import_history.run(database, postgres=args.postgres)
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "DJANGO_SETTINGS_MODULE": "racesite.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + "x" * 40,
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "0",
        "API_ANON_RATE": "1000000/minute",  # timed API calls, not a visitor
    }
    # production static files (the manifest the templates' {% static %} needs)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    rendered = subprocess.run([sys.executable, __file__, "--render-only"], env=env, cwd=ROOT)
    sys.exit(0 if import_ok and rendered.returncode == 0 else 1)


if __name__ == "__main__":
    main()
