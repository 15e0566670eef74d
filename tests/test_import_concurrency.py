"""Two operators importing at once: both imports land, one after the other, never half of either."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection, connections

from results.importers.report import ReportError
from results.importers.writer import Options, import_report
from results.models import Entry, Event

ROOT = Path(__file__).resolve().parent.parent


def report(*drivers):
    lines = ["Pos,Driver,Car,Laps,Status"] + [f"{i},{name},{i + 10},100,Running" for i, name in enumerate(drivers, 1)]
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two connections at once need a server database")
@pytest.mark.django_db(transaction=True)
def test_two_new_races_of_one_season_imported_at_once_both_land():
    """Neither report says its round: each takes the next free one, so they must not both take round 2."""
    import_report(report("Ed Early"), "opener.csv", Options(series="Truck", year=2024, track="Daytona", round=1))
    start, errors = threading.Barrier(2), []

    def operator(track, drivers):
        try:
            start.wait()
            import_report(report(*drivers), f"{track}.csv", Options(series="Truck", year=2024, track=track))
        except ReportError as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=operator, args=("Texas Motor Speedway", ["Ann Able", "Bo Baker"])),
        threading.Thread(target=operator, args=("Atlanta Motor Speedway", ["Cy Carter", "Di Dean"])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(Event.objects.values_list("round", flat=True)) == [1, 2, 3]
    assert Entry.objects.count() == 5


def manage(database, *args):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DEBUG": "1"}
    return subprocess.Popen(
        [sys.executable, "manage.py", *map(str, args)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's single writer (runs in the SQLite pass)")
def test_a_report_imported_during_a_bulk_import_on_sqlite_waits_and_lands(tmp_path, truck_csv_2022):
    """SQLite has one writer at a time: the second import waits for the first to commit, then writes."""
    database = tmp_path / "site.sqlite3"
    assert manage(database, "migrate", "-v0").wait() == 0
    report_file = tmp_path / "report.csv"
    report_file.write_bytes(report("Ann Able", "Bo Baker"))
    bulk = manage(database, "import_report", truck_csv_2022, "--no-progress")
    single = manage(database, "import_report", report_file, "--series", "Xfinity", "--year", 2024, "--track", "Dover")
    for process in (bulk, single):
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    check = manage(database, "shell", "-c", "from results.models import Event; print(Event.objects.count())")
    assert check.communicate(timeout=60)[0].split()[-1] == "24"  # 23 Truck races, then the Xfinity one
