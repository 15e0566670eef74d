#!/usr/bin/env python
"""Benchmark: the importer's bounds in time and memory, from the command line and from admin.

    .venv/bin/python bench/bounds.py                 # SQLite
    .venv/bin/python bench/bounds.py --postgres      # PostgreSQL (racesite_bounds_bench_*)
    .venv/bin/python bench/bounds.py --no-server     # without the real server's uploads

Each input runs in a fresh process (its peak resident memory is its own, Django's ~100 MB included)
on a fresh copy of one migrated database, twice: ``import_report FILE`` as an operator runs it (it
writes), and the admin's *Import a report* (upload and preview, then confirm when it reads) through
Django's test client signed in as an editor (the client's own copy of the body is in that process too).
The inputs: worst cases just under the 5 MB limit (5 MB of notes after a table, of prose, of tables,
one 5 MB line, 5 MB in Windows-1252 and UTF-16, 10,000 HTML tables, nesting 1,000 deep, 200,000
rows), the readable report with the most a race may hold (500 rows, every cell as long as allowed),
a glued row of 64 KB, and 764 KB of history naming 7,600 new drivers (the command only: admin does
not take the history). Then a real server (gunicorn, one worker) receives a 500 MB upload and a
5 MB one from curl, signed in: its worker's peak memory (VmHWM) and the time to the answer.

Prints seconds, peak MB and the outcome of each; exits non-zero when one misses a target (under
10 s and 200 MB), answers 500, or ends in a traceback.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5432/racesite_bounds_bench")
TARGET_SECONDS, TARGET_MB = 10, 200
FACTS = {"series": "Truck", "year": "2022", "round": "15", "track": "Mid-Ohio Sports Car Course"}
ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-" + "x" * 40,
    "SECURE_SSL_REDIRECT": "0",
    "ALLOWED_HOSTS": "localhost,127.0.0.1,testserver",
    # production settings with plain static files (no collectstatic manifest for the admin's pages)
    "DJANGO_SETTINGS_MODULE": "tests.settings",
}


def inputs():
    """(name, bytes, file name, paths): worst cases just under the 5 MB limit, and the largest readable."""
    from results.importers.decode import MAX_BYTES

    limit = MAX_BYTES - 1024
    header = (
        "Pos,St,#,Driver,Team,Make,Laps,Status\n1,2,75,Parker Kligerman,Henderson Motorsports,Chevrolet,67,Running\n"
    )

    def fill(unit, before=None):
        return unit * ((limit - (len(header) if before is None else before)) // len(unit))

    aligned_head = "Fin  St   #  Driver            Laps  Status\n  1   2  75  Parker Kligerman    67  Running\n"
    row = "<tr>" + "<td>1</td><td>Ann Able</td><td>9</td>" + "</tr>"
    page = "<table><tr><th>Pos</th><th>Driver</th><th>Laps</th></tr>" + row * 20 + "</table>\n"
    small = "<table><tr><th>Pos</th><th>Driver</th><th>Laps</th></tr>" + row + "</table>"
    both = ("command", "admin")
    return [
        ("csv: table, then 5 MB of note lines", (header + fill("DNQ: Joe Smith, Bob Jones, Al Brown\n")).encode()),
        ("csv: 5 MB of prose, then the table", (fill("Kligerman won the race at Mid-Ohio. ") + "\n" + header).encode()),
        ("csv: one line of 5 MB", fill("Kx ").encode()),
        ("csv: 200,000 rows", ("Pos,Driver,Laps\n" + "".join(f"{i},D{i},1\n" for i in range(1, 200_001))).encode()),
        ("csv: 500 rows, every cell its longest", _longest_report()),
        ("aligned: 5 MB of numbered lines", (aligned_head + fill("  9   9  99  Someone Else        1  x\n")).encode()),
        ("html: 5 MB of tables", ("<html><body>" + page * (limit // len(page)) + "</body></html>").encode()),
        ("html: 5,000 rows, then 5 MB of text", (page * 230 + "<p>" + fill("Kx ", len(page) * 231) + "</p>").encode()),
        ("html: 10,000 tables", ("<html><body>" + small * 10_000 + "</body></html>").encode()),
        ("html: tables 1,000 deep", ("<html><body>" + "<table><tr><td>" * 1000 + "</td></tr></table>" * 1000).encode()),
        ("windows-1252: 5 MB of accents", (header + fill("Suárez–Pérez\n")).encode("cp1252")),
        (
            "utf-16: the table, then 5 MB of notes",
            (header + fill("note\n")[: limit // 2 - len(header)]).encode("utf-16"),
        ),
        ("agate: one result of 5 MB", ("1. (2) Parker Kligerman, Chevrolet,\n" + fill("67, ", 40)).encode()),
        (
            "glued: one row of 64 KB",
            (
                "FinishStartNumberDriverTeamManufacturerLapsStatus\n1275" + "Ab" * 32_000 + "Chevrolet67Running\n"
            ).encode(),
        ),
    ], both


def _longest_report():
    """500 cars, each name, team, make and status as long as a cell may be stored: 500 new drivers and teams."""
    rows = ["Pos,St,#,Driver,Team,Make,Laps,Led,Status,Pts"]
    MAKES = ("Chevrolet", "Ford", "Toyota")
    for i in range(1, 501):
        driver = f"Driver {i:03d} " + "Longname" * 13
        team = f"Team {i:03d} " + "Motorsports" * 9
        rows.append(f"{i},{i},{i % 1000},{driver[:120]},{team[:120]},{MAKES[i % 3]},500,0,Running,{max(0, 60 - i)}")
    return ("\n".join(rows) + "\n").encode()


def history_input():
    """764 KB of history: one season of 16 races, 7,600 drivers the database has never seen."""
    header = "Season,Race,Track,Name,Length,Surface,Finish,Start,Car,Driver,Make,Pts,Laps,Led,Status,Team,S1,S2,Rating,Win,Seg Points\n"
    lines = [header]
    for n in range(7_600):
        race, finish = n // 475 + 1, n % 475 + 1
        lines.append(
            f"2022,{race},Track {race},Race {race},1.5,paved,{finish},{finish},{finish % 100},"
            f"Newcomer Number{n:05d},Ford,{max(0, 40 - finish)},200,0,running,Team {n % 300},,,50.0,0,\n"
        )
    return "".join(lines).encode()


def cases():
    reports, both = inputs()
    listed = [(name, data, "report.txt", both) for name, data in reports]
    return listed + [("history: 764 KB, 7,600 new drivers", history_input(), "truck_series.csv", ("command",))]


def worker(args):
    """One case by one path in this process, on the database DATABASE_URL names; JSON to --out."""
    import resource

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "racesite.settings")
    django.setup()
    name, data, file_name, _ = cases()[args.case]
    path = Path(args.tmp) / file_name
    path.write_bytes(data)
    baseline = _rss_mb()
    started = time.perf_counter()
    outcome = _by_command(path) if args.via == "command" else _by_admin(path, data)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    Path(args.out).write_text(json.dumps({"seconds": seconds, "peak": peak, "baseline": baseline, "outcome": outcome}))


def _rss_mb():
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024


def _by_command(path):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out, err = StringIO(), StringIO()
    options = [] if path.name.endswith("series.csv") else [x for k, v in FACTS.items() for x in (f"--{k}", v)]
    try:
        call_command("import_report", str(path), *options, "--no-progress", stdout=out, stderr=err)
    except CommandError:
        return "refused: " + _first_words(err.getvalue())
    return "read: " + next((line.strip() for line in out.getvalue().splitlines() if "entries written" in line), "")


def _by_admin(path, data):
    from django.contrib.auth.models import Group, User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the responses carry their context (the form, the error)
    editor = User.objects.create_user("edna", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(editor)
    url = "/admin/results/importrun/import/"
    upload = SimpleUploadedFile(path.name, data, content_type="text/plain")
    preview = client.post(url, {"file": upload, "preview": "1", **FACTS})
    if preview.status_code != 200:
        return f"HTTP {preview.status_code}"
    form, error = preview.context["form"], preview.context.get("error")
    if error or form.errors:
        return "refused: " + _first_words(str(error or form.errors.as_text()))
    carried = {field: form[field].value() for field in ("text", "source_name", "decoded_from")}
    confirmed = client.post(url, {**carried, **FACTS, "confirm": "1"})
    if confirmed.status_code == 302:
        return "read: previewed, confirmed"
    return f"HTTP {confirmed.status_code}" if confirmed.status_code != 200 else "refused at confirm"


def _first_words(text):
    first = text.strip().splitlines()[0] if text.strip() else ""
    return re.sub(r"^\S*(report\.txt|truck_series\.csv)(, )?", "", first).lstrip("* :")[:58]


def run_cases(tmp, template, args):
    print(f"\n{'input':<40}{'via':<9}{'seconds':>8}{'peak MB':>9}{'before':>8}  outcome")
    ok = True
    for index, (name, _, _, paths) in enumerate(cases()):
        for via in paths:
            database = _copy_database(template, tmp, f"{index}_{via}", args.postgres)
            out = Path(tmp) / f"case-{index}-{via}.json"
            command = [sys.executable, __file__, "--case", str(index), "--via", via, "--out", str(out), "--tmp", tmp]
            run = subprocess.run(
                command,
                env={**os.environ, **ENV, "DATABASE_URL": database},
                cwd=ROOT,
                stderr=subprocess.PIPE,
                text=True,
            )
            if run.returncode:
                print(f"{name:<40}{via:<9}  CRASHED: {run.stderr.strip().splitlines()[-1][:80]}")
                ok = False
                continue
            r = json.loads(out.read_text())
            good = r["seconds"] < TARGET_SECONDS and r["peak"] < TARGET_MB and not r["outcome"].startswith("HTTP")
            ok &= good
            print(
                f"{name:<40}{via:<9}{r['seconds']:>8.2f}{r['peak']:>9.0f}{r['baseline']:>8.0f}  {r['outcome']}"
                + ("" if good else "  TARGET MISSED")
            )
    return ok


def _copy_database(template, tmp, suffix, postgres):
    if postgres:
        import psycopg

        name = f"{template.rsplit('/', 1)[1]}_{suffix}"
        with psycopg.connect(template.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template.rsplit("/", 1)[1]}"')
        return template.rsplit("/", 1)[0] + "/" + name
    copy = Path(tmp) / f"bounds-{suffix}.sqlite3"
    shutil.copy(template.removeprefix("sqlite:///"), copy)
    return f"sqlite:///{copy}"


def _template(tmp, postgres):
    """One migrated database every case copies."""
    if postgres:
        import psycopg

        database = f"{PG}_template"
        name = database.rsplit("/", 1)[1]
        with psycopg.connect(PG.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            for (old,) in conn.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{name}%"]
            ).fetchall():
                conn.execute(f'DROP DATABASE IF EXISTS "{old}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    else:
        database = f"sqlite:///{tmp}/bounds-template.sqlite3"
    env = {**os.environ, **ENV, "DATABASE_URL": database}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], env=env, cwd=ROOT, check=True)
    return database


if __name__ == "__main__":
    from server_uploads import run_server  # noqa: E402  (bench/server_uploads.py)

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--no-server", action="store_true", help="Skip the real server's uploads.")
    parser.add_argument("--case", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--via", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--tmp", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case is not None:
        worker(args)
        sys.exit(0)
    print(f"{'PostgreSQL' if args.postgres else 'SQLite'}; targets: under {TARGET_SECONDS} s and {TARGET_MB} MB")
    with tempfile.TemporaryDirectory() as tmp:
        template = _template(tmp, args.postgres)
        ok = run_cases(tmp, template, args)
        if not args.no_server:
            ok &= run_server(
                tmp, _copy_database(template, tmp, "server", args.postgres), ENV, TARGET_SECONDS, TARGET_MB
            )
    sys.exit(0 if ok else 1)
