#!/usr/bin/env python
"""Benchmark: real races in the glued format (the seed report's table that lost its separators),
read back exactly or refused with the lines to settle, never silently wrong.

    .venv/bin/python bench/glued.py                    # SQLite, 12 races per series and decade (212)
    .venv/bin/python bench/glued.py --per-decade 3 --show 10     # quicker
    .venv/bin/python bench/glued.py --postgres

    .venv/bin/python bench/glued.py --sweep            # every race of the history, nothing in a database
    .venv/bin/python bench/glued.py --sweep --history  # every race, with the history before it (no database)

    .venv/bin/python bench/glued.py --season           # whole seasons, each in ONE import_report command
    .venv/bin/python bench/glued.py --season --seasons-per-decade 1
    .venv/bin/python bench/glued.py --season --format rr-page      # or agate, box-score, ..., mix

Races come from tests/corpus (``races.sample``), rendered by ``tests/corpus/glued.py`` and imported
as ``import_report --dry-run`` with --series --year --round --track, on two databases (the
machinery is bench/formats.py's): an empty one, and one holding the history up to the race (its
season's earlier rounds too, as if imported race by race). Prints races, rows, rows exact,
refused, silently wrong and seconds per import for each, then the time of glued rows of 64 KB
(bound: under 10 s each). Exits non-zero on any silently wrong row, a traceback, a refusal whose
listed readings lack the history's, or a missed bound. The share of rows exact is printed against
the issue's 95% but does not fail the run: an empty database cannot settle what the table and its
year leave open (two rows that swap "227" as start 2, #27 and start 22, #7). The refused rows are
split into those of races whose every named line reads more than one way (the ceiling an empty
database cannot pass) and those of races with lines that do not read.

``--sweep`` reads every race of the history (4,963) in this process, with what an operator's
--series and --year say and nothing else (no database), and prints the same figures; with
``--history``, also with what a database holding the history up to the race would know, built from
the history's files (how far that is the database mode: ``bench/glued_sweep.py``). ``--sample``
sweeps only the races the database modes sample, to hold the two against each other. Exits
non-zero on any silently wrong row or traceback.

``--season`` imports whole real seasons as an operator with an empty database would: every race
of the season rendered glued (or in ``--format``: a corpus format, or ``mix``, each race in the next
one) into its own file (named by its round, ``cup-1985-07-glued.txt``), with no --track: the files say it,
all of them in one ``import_report --series S --year Y FILE...`` that writes (a throwaway SQLite
database per season, copied from one migrated template), then every race in the database held
against the history. Seasons: ``--seasons-per-decade`` of each series in each decade (default
2: 34 seasons, about 1,000 races). Prints races, rows exact, refused and silently wrong twice:
after the command's first pass (the files that landed at their first attempt: the command as it
was before it tried open files again) and after the whole command. Exits non-zero on any wrong
row or traceback.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import formats as base  # noqa: E402  (bench/formats.py: the worker and the databases)
import glued_sweep  # noqa: E402  (bench/glued_sweep.py: --sweep)

SECONDS = 10
HEADER = "FinishStartNumberDriverTeamManufacturerLapsStatus"
ROWS_64K = {
    "names of 64 KB": (HEADER, "1275" + "Ab" * 32_000 + "Chevrolet67Running"),
    "capitals of 64 KB": (HEADER, "1275" + "Ab Cd" * 12_800 + "Chevrolet67Running"),
    "digits of 64 KB": (HEADER, "1" + "2" * 65_000 + "Parker KligermanHenderson MotorsportsChevrolet67Running"),
    "no manufacturer found": (HEADER, "1275Parker Kligerman" + "x" * 65_000 + "67Running"),
    "no make column, 64 KB": ("PosStNo.DriverLapsStatus", "1275Parker Kligerman" + "Ab1" * 21_000 + "67Running"),
}


def bound_worker(args):
    """Read one 64 KB row (by name) in this process; the parent takes the time."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "racesite.settings")
    django.setup()
    from results.importers.read import read_report
    from results.importers.report import ReportError

    header, row = ROWS_64K[args.row]
    data = (header + "\n" + row + "\n").encode()
    started = time.perf_counter()
    try:
        read_report(data, "64k.txt")
        outcome = "read"
    except ReportError as error:
        outcome = "refused: " + error.message.splitlines()[0][:70]
    Path(args.out).write_text(json.dumps({"seconds": time.perf_counter() - started, "outcome": outcome}))


def season_sample(per_decade, seed=2026):
    """(series, year) of ``per_decade`` whole seasons of each series in each decade, the same on every run."""
    from tests.corpus import races

    rng, chosen = random.Random(seed), []
    for series in races.FILES:
        by_decade: dict[int, list[int]] = {}
        for year in sorted({year for year, _ in races.season_races(series)}):
            by_decade.setdefault(year // 10 * 10, []).append(year)
        for decade in sorted(by_decade):
            years = by_decade[decade]
            chosen += [(series, year) for year in sorted(rng.sample(years, min(per_decade, len(years))))]
    return chosen


SEASON_FIGURES = ("races", "rows", "exact", "refused", "wrong")


def season_worker(args):
    """Import one season (``--season-worker Cup:1985``) in one command into this process's database;
    write its figures as JSON: after the first pass (``first``) and after the command (``after``)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "racesite.settings")
    django.setup()
    from collections import Counter
    from io import StringIO

    from django.core.management import CommandError, call_command

    from results.models import Event, ImportRun
    from results.names import name_key
    from tests.corpus import check, races, truth
    from tests.corpus.formats import BY_NAME, FORMATS

    series, year = args.season_worker.split(":")
    season = races.season(series, int(year))
    # --format mix: each race in the next format of the corpus, as a season gathered from several sites
    fmts = {
        race.key: FORMATS[i % len(FORMATS)] if args.format == "mix" else BY_NAME[args.format]
        for i, race in enumerate(season)
    }
    folder = Path(args.out).with_suffix("")
    folder.mkdir()
    files = {}
    for race in season:
        files[race.key] = folder / fmts[race.key].filename(race)
        files[race.key].write_bytes(fmts[race.key].render(race))
    started = time.perf_counter()
    out, err = StringIO(), StringIO()
    try:
        call_command(
            "import_report", *map(str, files.values()), "--series", series, "--year", year, stdout=out, stderr=err
        )
    except CommandError:
        pass  # some files refused: the figures say which
    seconds = time.perf_counter() - started
    runs: dict[str, list] = {}
    for source, outcome, error in ImportRun.objects.order_by("started_at", "pk").values_list(
        "source", "outcome", "error"
    ):
        runs.setdefault(source, []).append((outcome, error))
    events = {e.round: e for e in Event.objects.filter(season__year=year, season__series__short_name=series)}
    first = dict.fromkeys(SEASON_FIGURES, 0)
    after = dict.fromkeys(SEASON_FIGURES, 0)
    examples, reasons, passes = [], Counter(), Counter()
    for race in season:
        rows = len(truth.rows(race))
        attempts = runs.get(str(files[race.key]), [])
        event = events.pop(race.round, None)
        if event is None:
            verdict = None
            reasons[(attempts[-1][1].splitlines() or [""])[0].replace(str(files[race.key]), "<file>")[:110]] += 1
        elif name_key(event.track.name) != name_key(race.track):
            verdict = check.Verdict(rows=rows, wrong=[f"round {race.round} stored at {event.track}"] * rows)
        else:
            verdict = check.compare(race, fmts[race.key], check.stored(event))
        landed_first = bool(attempts) and attempts[0][0] != ImportRun.Outcome.FAILED
        passes[len(attempts) if verdict else 0] += 1
        for figures, counted in ((after, True), (first, landed_first)):
            figures["races"] += 1
            figures["rows"] += rows
            if verdict is None or not counted:
                figures["refused"] += rows
            else:
                figures["exact"] += verdict.exact
                figures["wrong"] += len(verdict.wrong)
        if verdict:
            examples += [f"{race.key}: {w}" for w in verdict.wrong[:3]]
    for event in events.values():  # a race the history does not have at that round: every row wrong
        after["wrong"] += event.entries.count()
        examples.append(f"{series} {year} round {event.round} at {event.track}: no such race in the history")
    result = {
        "first": first,
        "after": after,
        "seconds": seconds,
        "examples": examples[:10],
        "reasons": reasons.most_common(),
        "passes": sorted(passes.items()),
    }
    Path(args.out).write_text(json.dumps(result))


def run_seasons(args):
    """Each sampled season in its own process and SQLite database (a copy of one migrated template)."""
    from collections import Counter

    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "bench-only-" + "x" * 40}
    seasons = season_sample(args.seasons_per_decade)
    totals = {"first": dict.fromkeys(SEASON_FIGURES, 0), "after": dict.fromkeys(SEASON_FIGURES, 0)}
    reasons, examples, passes, seconds = Counter(), [], Counter(), 0.0
    print(f"load average {os.getloadavg()[0]:.2f}; {len(seasons)} seasons, each in one import_report command")
    print(
        f"{'season':<14}{'races':>6}{'rows':>6}  {'first pass: exact refused wrong':>32}  {'after: exact refused wrong':>27}{'s':>6}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "template.sqlite3"
        subprocess.run(
            [sys.executable, str(base.ROOT / "manage.py"), "migrate", "--verbosity", "0"],
            env={**env, "DATABASE_URL": f"sqlite:///{template}"},
            cwd=base.ROOT,
            check=True,
        )
        for series, year in seasons:
            database = Path(tmp) / f"{series}-{year}.sqlite3"
            shutil.copy(template, database)
            out = Path(tmp) / f"{series}-{year}.json"
            command = [sys.executable, __file__, "--season-worker", f"{series}:{year}", "--out", str(out)]
            command += ["--format", args.format]
            subprocess.run(command, env={**env, "DATABASE_URL": f"sqlite:///{database}"}, cwd=base.ROOT, check=True)
            result = json.loads(out.read_text())
            first, after = result["first"], result["after"]
            for kind in totals:
                for name in SEASON_FIGURES:
                    totals[kind][name] += result[kind][name]
            reasons.update(dict(map(tuple, result["reasons"])))
            passes.update({int(k): v for k, v in result["passes"]})
            examples += result["examples"]
            seconds += result["seconds"]
            print(
                f"{series + ' ' + str(year):<14}{after['races']:>6}{after['rows']:>6}  "
                f"{first['exact']:>18}{first['refused']:>8}{first['wrong']:>6}  "
                f"{after['exact']:>13}{after['refused']:>8}{after['wrong']:>6}{result['seconds']:>6.0f}"
            )
    print()
    for kind, label in (("first", "first pass (before)"), ("after", "whole command (after)")):
        t = totals[kind]
        print(
            f"{label:<22} races {t['races']}, rows {t['rows']}: exact {t['exact']} ({t['exact'] / t['rows']:.1%}), "
            f"refused {t['refused']}, silently wrong {t['wrong']}"
        )
    landed = ", ".join(f"{count} at attempt {n}" for n, count in sorted(passes.items()) if n)
    print(f"races landed: {landed}; refused: {passes.get(0, 0)}; {seconds:.0f} s of import commands")
    for reason, count in reasons.most_common(args.show or 5):
        print(f"  refused x{count}: {reason}")
    for example in examples[: args.show or 10]:
        print(f"  wrong: {example}")
    return totals["after"]["wrong"] == 0 and totals["first"]["wrong"] == 0


def run_bounds():
    print(f"\nGlued rows of 64 KB (bound: under {SECONDS} s each)")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for name in ROWS_64K:
            out = Path(tmp) / "row.json"
            env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "bench-only-" + "x" * 40}
            subprocess.run([sys.executable, __file__, "--row", name, "--out", str(out)], env=env, check=True)
            result = json.loads(out.read_text())
            good = result["seconds"] < SECONDS
            ok &= good
            print(f"  {name:<24}{result['seconds']:>8.3f} s  {result['outcome']}{'' if good else '  BOUND MISSED'}")
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--per-decade", type=int, default=12, help="Races per series and decade (default 12).")
    parser.add_argument("--no-history", action="store_true", help="Only the empty database.")
    parser.add_argument("--show", type=int, default=0, help="Print refusal reasons and this many wrong rows.")
    parser.add_argument("--sweep", action="store_true", help="Every race of the history, no database.")
    parser.add_argument("--history", action="store_true", help="With --sweep: the history before each race known.")
    parser.add_argument("--sample", action="store_true", help="With --sweep: only the sampled races (--per-decade).")
    parser.add_argument("--season", action="store_true", help="Whole seasons, each in one import command.")
    parser.add_argument("--seasons-per-decade", type=int, default=2, help="With --season (default 2).")
    parser.add_argument(
        "--format",
        default="glued",
        help="With --season: the corpus format every race is rendered in (tests/corpus/formats.py), or mix: "
        "each race in the next format (default glued).",
    )
    parser.add_argument("--season-worker", help=argparse.SUPPRESS)
    parser.add_argument("--row", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.row:
        return bound_worker(args)
    if args.season_worker:
        return season_worker(args)
    if args.sweep:
        ok = glued_sweep.sweep(args.history, args.per_decade if args.sample else 0, args.show or 10)
        print("\nno wrong row, no traceback" if ok else "\nFAILED: a silently wrong row or a traceback")
        sys.exit(0 if ok else 1)
    if args.season:
        ok = run_seasons(args)
        print("\nno wrong row" if ok else "\nFAILED: a silently wrong row")
        sys.exit(0 if ok else 1)
    from tests.corpus import races

    if not races.available():
        sys.exit(f"{races.HISTORY} is absent: the benchmark needs ../shared beside the project")
    args.formats = "glued"
    print(f"load average {os.getloadavg()[0]:.2f}")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for mode in ["empty"] + ([] if args.no_history else ["history"]):
            if args.postgres:
                database = f"{base.PG}_glued_{mode}"
                base.fresh_postgres(database)
            else:
                database = f"sqlite:///{tmp}/glued-{mode}.sqlite3"
            started = time.perf_counter()
            results = base.run_mode(mode, args, database)
            base.report(
                f"{'PostgreSQL' if args.postgres else 'SQLite'}, {mode} database ({time.perf_counter() - started:.0f} s)",
                results,
                args.show,
            )
            r = results["glued"]
            ok &= r["wrong"] == 0 and r["crashed"] == 0 and r["open_lacking"] == 0
    ok &= run_bounds()
    print("\nno wrong row, no traceback, bounds kept" if ok else "\nFAILED: a wrong row, a traceback or a bound missed")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
