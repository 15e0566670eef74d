#!/usr/bin/env python
"""Benchmark: real races in every report format, read back exactly or refused, never silently wrong.

    .venv/bin/python bench/formats.py                # SQLite: an empty database, then the history
    .venv/bin/python bench/formats.py --postgres     # the same on PostgreSQL (racesite_formats_bench_*)
    .venv/bin/python bench/formats.py --per-decade 1 --formats wikipedia,box-score --no-history

Races come from tests/corpus (``races.sample``: each series, each decade). Each race is rendered
in each format of ``tests/corpus/formats.py`` and imported as an operator would check it:
``import_report(..., dry_run=True)`` (``import_report --dry-run --as csv``) with --series --year
--round --track. The rows read are held against the history (``tests/corpus/check.py``).

Two databases: an empty one, and one holding the history up to the race: the three history
files are loaded once, and for each race, inside a transaction rolled back afterwards, every
race from it on is deleted (the same series' later rounds of the year, every later season); the
race's own season up to the round before is there, as if imported race by race. Drivers, teams
and tracks of later races stay known.

Prints per format: races, rows, rows exact (%), rows refused, rows silently wrong, tracebacks,
seconds per import. Exits non-zero on any silently wrong row or traceback, or when fewer than 95%
of a format's rows are exact.

The worst cases of the size limit, in time and memory, are ``bench/bounds.py``'s.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/racesite_formats_bench")
TARGET_EXACT = 0.95


def worker(args):
    """Runs in a child process whose DATABASE_URL is the database to use; writes JSON results."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "racesite.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from results.importers.writer import Options, import_report
    from tests.corpus import races
    from tests.corpus.formats import BY_NAME, FORMATS

    call_command("migrate", verbosity=0)
    if args.mode == "history":
        started = time.perf_counter()
        files = sorted(races.HISTORY.glob("*_series.csv*"))
        call_command("import_report", *map(str, files), "--no-progress", stdout=open(os.devnull, "w"))
        print(f"  history loaded in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    formats = [BY_NAME[name] for name in args.formats.split(",")] if args.formats else FORMATS
    results = {f.name: new_result() for f in formats}
    sample = races.sample(args.per_decade)
    for done, race in enumerate(sample, 1):
        if done % 10 == 0:
            print(f"  {args.mode}: {done} of {len(sample)} races", file=sys.stderr)
        with transaction.atomic():
            if args.mode == "history":
                _forget_from(race)
            options = Options(series=race.series, year=race.year, round=race.round, track=race.track)
            for fmt in formats:
                tally(
                    results[fmt.name],
                    race,
                    fmt,
                    lambda data, source, options=options: (
                        import_report(data, source, options, dry_run=True).report.rows
                    ),
                )
            transaction.set_rollback(True)
    finish(results)
    Path(args.out).write_text(json.dumps(results))


def new_result():
    """A format's figures, before any race."""
    return {
        "races": 0,
        "rows": 0,
        "exact": 0,
        "refused": 0,
        "wrong": 0,
        "crashed": 0,
        "seconds": 0.0,
        "examples": [],
        "reasons": Counter(),
        "open_rows": 0,  # rows of races refused for lines that read more than one way
        "open_lines": 0,  # those lines
        "open_lacking": 0,  # listed lines whose readings lack the history's (a bug if ever above 0)
    }


def tally(result, race, fmt, read):
    """Render ``race`` in ``fmt``, read it with ``read(data, source)`` (the rows read; ReportError when
    refused), hold what it read against the history and count the outcome in ``result``."""
    from results.importers.report import ReportError
    from tests.corpus import check

    data = fmt.render(race)
    started = time.perf_counter()
    try:
        rows_read = read(data, fmt.filename(race))
    except ReportError as error:
        verdict, reason = None, str(error)
        kind, lines, lacking = check.refusal(race, error)
        if kind == "open":
            result["open_rows"] += len(races_rows(race))
            result["open_lines"] += lines
            result["open_lacking"] += lacking
    except Exception:  # a traceback is what the bench exists to catch
        verdict, reason = None, "TRACEBACK " + traceback.format_exc()
    else:
        verdict, reason = check.compare(race, fmt, rows_read), ""
    result["seconds"] += time.perf_counter() - started
    rows = len(races_rows(race))
    result["races"] += 1
    result["rows"] += rows
    if verdict is None:
        result["refused"] += rows
        result["crashed"] += reason.startswith("TRACEBACK")
        result["reasons"][_first_line(reason, fmt.filename(race))] += 1
        if reason.startswith("TRACEBACK"):
            result["examples"].append(f"{fmt.filename(race)}: {reason}")
    else:
        result["exact"] += verdict.exact
        result["wrong"] += len(verdict.wrong)
        result["examples"] += [f"{fmt.filename(race)}: {w}" for w in verdict.wrong[:3]]


def finish(results):
    """The figures made JSON: the commonest refusal reasons and the first examples."""
    for result in results.values():
        result["reasons"] = result["reasons"].most_common(8)
        result["examples"] = result["examples"][:10]
    return results


def races_rows(race):
    from tests.corpus import truth

    return truth.rows(race)


def _first_line(reason, source):
    lines = reason.splitlines()
    first = lines[0].replace(source, "<file>") if lines else ""
    return first if not reason.startswith("TRACEBACK") else "traceback: " + lines[-1]


def _forget_from(race):
    """Delete, inside the caller's transaction, every race run from ``race`` on."""
    from django.db.models import Q

    from results.models import Entry, Event

    later = Event.objects.filter(
        Q(season__year__gt=race.year)
        | Q(season__year=race.year, season__series__short_name=race.series, round__gte=race.round)
    )
    Entry.objects.filter(event__in=later).delete()
    later.delete()


def run_mode(mode, args, database):
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "bench-only-" + "x" * 40, "DATABASE_URL": database}
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        command = [sys.executable, __file__, "--worker", mode, "--out", out.name, "--per-decade", str(args.per_decade)]
        if args.formats:
            command += ["--formats", args.formats]
        subprocess.run(command, env=env, cwd=ROOT, check=True)
        return json.loads(Path(out.name).read_text())


def fresh_postgres(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def report(mode, results, show):
    print(f"\n{mode}")
    print(
        f"{'format':<16}{'races':>6}{'rows':>7}{'exact':>8}{'%':>7}{'refused':>9}{'wrong':>7}{'tracebacks':>11}{'s/import':>10}"
    )
    ok = True
    for name, r in results.items():
        share = r["exact"] / r["rows"] if r["rows"] else 1
        ok &= r["wrong"] == 0 and r["crashed"] == 0 and share >= TARGET_EXACT and r["open_lacking"] == 0
        print(
            f"{name:<16}{r['races']:>6}{r['rows']:>7}{r['exact']:>8}{share:>7.1%}{r['refused']:>9}{r['wrong']:>7}"
            f"{r['crashed']:>11}{r['seconds'] / max(r['races'], 1):>10.3f}"
        )
    for name, r in results.items():
        if r["open_rows"]:
            print(
                f"  {name}: of the rows refused, {r['open_rows']} are in races whose table and year allow several "
                f"readings ({r['open_lines']} lines listed, {r['open_lacking']} of them lacking the history's reading),"
                f" {r['refused'] - r['open_rows']} in races with lines that do not read"
            )
    if show:
        for name, r in results.items():
            for reason, count in r["reasons"]:
                print(f"  {name} refused x{count}: {reason}")
            for example in r["examples"][:show]:
                print(f"  {name} wrong: {example}")
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--per-decade", type=int, default=3, help="Races per series and decade (default 3).")
    parser.add_argument("--formats", default="", help="Comma-separated format names (default: all).")
    parser.add_argument("--no-history", action="store_true", help="Only the empty database.")
    parser.add_argument("--show", type=int, default=0, help="Print refusal reasons and this many wrong rows.")
    parser.add_argument("--worker", choices=["empty", "history"], help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        args.mode = args.worker
        return worker(args)
    from tests.corpus import races

    if not races.available():
        sys.exit(f"{races.HISTORY} is absent: the benchmark needs ../shared beside the project")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for mode in ["empty"] + ([] if args.no_history else ["history"]):
            if args.postgres:
                database = f"{PG}_{mode}"
                fresh_postgres(database)
            else:
                database = f"sqlite:///{tmp}/formats-{mode}.sqlite3"
            started = time.perf_counter()
            results = run_mode(mode, args, database)
            ok &= report(
                f"{'PostgreSQL' if args.postgres else 'SQLite'}, {mode} database ({time.perf_counter() - started:.0f} s)",
                results,
                args.show,
            )
    print("\nall targets met" if ok else "\nTARGET MISSED: a wrong row, a traceback, or under 95% exact")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
