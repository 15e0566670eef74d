"""The historical dataset loads in bulk, repairs its known quirks in the open, and reloads as a no-op."""

import csv
import io

import pytest

from results.models import Driver, DriverAlias, Entry, Event, Track
from tests.conftest import results_state

HEADER = (
    "Season,Race,Track,Name,Length,Surface,Finish,Start,Car,Driver,Make,Pts,Laps,Led,Status,Team,"
    "S1,S2,Rating,Win,Seg Points\n"
)


def test_a_real_season_loads_with_every_column_fans_use(run_import, truck_csv_2022):
    ok, out, err = run_import(truck_csv_2022, "--no-progress")
    assert ok, err
    assert "events created: 23" in out and "entries written: 825" in out
    event = Event.objects.get(season__year=2022, track__name="Mid-Ohio Sports Car Course")
    assert (event.season.series.short_name, event.round, event.completed_laps) == ("Truck", 15, 67)
    assert event.name == "O'Reilly Auto Parts 150 at Mid-Ohio"
    winner = event.entries.get(finish=1)
    assert (winner.driver.name, winner.points, winner.laps_led, winner.stage1, winner.stage2, str(winner.rating)) == (
        "Parker Kligerman",
        59,
        56,
        1,
        2,
        "150.0",
    )
    assert event.entries.get(finish=7).number == "02"
    assert (event.track.surface, event.track.kind) == ("road", "road")


@pytest.mark.django_db(transaction=True)
def test_a_committed_load_leaves_each_entry_its_race_order_and_track(run_import, truck_csv_2022):
    """Outside a test transaction the load commits, then (on PostgreSQL) vacuums and analyzes."""
    ok, _, err = run_import(truck_csv_2022, "--no-progress")
    assert ok, err
    entry = Entry.objects.select_related("event__season").get(event__round=15, finish=1)
    assert (entry.race_order, entry.track_id) == (2022 * 1000 + 15, entry.event.track_id)
    assert not Entry.objects.filter(race_order=0).exists()


def test_reloading_the_same_file_changes_nothing(run_import, truck_csv_2022):
    run_import(truck_csv_2022, "--no-progress")
    before = results_state()
    ok, out, _ = run_import(truck_csv_2022, "--no-progress")
    assert ok and "events created: 0, updated: 0, unchanged: 23" in out
    assert results_state() == before


def test_the_seed_report_reads_the_same_on_a_database_with_history(
    run_import, truck_csv_2022, seed_report, expected_rows
):
    run_import(truck_csv_2022, "--no-progress")
    # the seed writes "Trey Burke" for the history's "Trey Burke III": the operator says they are one
    DriverAlias.objects.create(driver=Driver.objects.get(name="Trey Burke III"), name="Trey Burke")
    ok, out, err = run_import(seed_report, "--dry-run", "--as", "csv")
    assert ok, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [{k: row[k] for k in expected_rows[0]} for row in rows] == expected_rows
    ok, out, err = run_import(seed_report)
    assert ok, err
    # the one thing the report adds to the history: its prose names the pole winner
    assert "event updated" in out and [line for line in out.splitlines() if "changed:" in line] == [
        "  changed: Corey Heim: pole False -> True"
    ]
    assert "differs only by a suffix" not in out
    assert Event.objects.count() == 23 and Entry.objects.count() == 825


def test_a_report_after_the_history_in_one_command_never_rewrites_the_race_the_history_wrote(
    run_import, truck_csv_2022, seed_report
):
    # the seed report (Mid-Ohio 2022, round 15 of the history) differs from it: the report given after the
    # history in the same command rewrote the race the history had just written
    ok, out, err = run_import(truck_csv_2022, seed_report, "--no-progress")
    assert not ok and "1 of 2 file(s) failed" in err
    assert (
        f"{seed_report}: round 15 of 2022 at Mid-Ohio Sports Car Course was written by {truck_csv_2022} in this command"
        in err
    )
    assert "events created: 23" in out
    assert Event.objects.get(round=15).source == truck_csv_2022.name
    assert not Driver.objects.filter(name="Trey Burke").exists()


def test_the_history_after_a_report_in_one_command_never_rewrites_the_race_the_report_wrote(
    run_import, truck_csv_2022, seed_report, tmp_path
):
    # the report, named by its round, lands first; the history holds round 15 too and would replace it
    report = tmp_path / "truck-2022-15.txt"
    report.write_bytes(seed_report.read_bytes())
    ok, out, err = run_import(report, truck_csv_2022, "--no-progress")
    assert not ok and "1 of 2 file(s) failed" in err
    assert f"{truck_csv_2022}, line " in err
    assert f"round 15 of 2022 (NASCAR Truck Series) was written by {report} in this command" in err
    assert "expected: the history and the reports of its races imported in separate commands" in err
    assert list(Event.objects.values_list("round", "source")) == [(15, report.name)]


def test_known_quirks_are_repaired_and_noted_on_the_race(run_import, tmp_path):
    path = tmp_path / "xfinity_series.csv"
    path.write_text(
        HEADER
        + "1990,1,Daytona International Speedway,Goody\u00e2\u20ac\u2122s 300,2.5,paved,1,2,7,Ann Able,Ford,185,120,60,running,A Team,,,,1,\n"
        + "1990,1,Daytona International Speedway,Goody\u00e2\u20ac\u2122s 300,2.5,paved,2,2,8,Bo Baker,-,170,0,3,engine,,,,,0,\n"
        + "1990,1,Daytona International Speedway,Goody\u00e2\u20ac\u2122s 300,2.5,paved,2,0,09,Cy Carter,Ford,165,99,0,-,B Team,,,,0,\n"
        + "1990,1,Daytona International Speedway,Goody\u00e2\u20ac\u2122s 300,2.5,paved,,4,10,Di Dean,Ford,,,,-,,,,,0,\n",
        encoding="utf-8",
    )
    ok, out, err = run_import(path, "--no-progress")
    assert ok, err
    event = Event.objects.get()
    assert event.season.series.short_name == "Xfinity"
    assert event.name == "Goody’s 300"
    assert list(event.entries.order_by("finish").values_list("driver__name", "finish", "start", "laps")) == [
        ("Ann Able", 1, 2, 120),
        ("Bo Baker", 2, None, None),
        ("Cy Carter", 3, None, 99),
        ("Di Dean", 4, 4, None),
    ]
    assert "a second P2; shown as P3" in event.notes
    assert "leading 3 laps but completing 0" in event.notes
    assert "repaired: start zero or duplicated (left unknown): 2" in out
    assert Entry.objects.get(driver__name="Bo Baker").manufacturer is None
    assert Track.objects.get().length_miles == 2.5


def test_a_bad_value_names_the_line_and_writes_nothing(run_import, tmp_path, make):
    make.driver(name="Already Here")
    before = results_state()
    path = tmp_path / "cup_series.csv"
    path.write_text(
        HEADER
        + "1990,1,Daytona,Race,2.5,paved,1,1,7,Ann Able,Ford,185,120,60,running,T,,,,1,\n"
        + "1990,1,Daytona,Race,2.5,paved,2,2,8,Bo Baker,Ford,170,lots,3,running,T,,,,0,\n"
    )
    ok, _, err = run_import(path, "--no-progress")
    assert not ok
    assert "line 3" in err and "Laps is not a whole number" in err and "'lots'" in err
    assert results_state() == before
    assert Driver.objects.count() == 1


def test_two_drivers_whose_names_slug_alike_get_their_own_pages(run_import, tmp_path):
    """Bo&Baker and BoBaker are two names (two keys) with one slug: the second page is -2,
    in the bulk loader as in a single report's import."""
    path = tmp_path / "xfinity_series.csv"
    path.write_text(
        HEADER
        + "1990,1,Daytona,Race,2.5,paved,1,1,7,Bo&Baker,Ford,185,120,60,running,T,,,,1,\n"
        + "1990,1,Daytona,Race,2.5,paved,2,2,8,BoBaker,Ford,170,120,3,running,T,,,,0,\n",
        encoding="utf-8",
    )
    ok, _, err = run_import(path, "--no-progress")
    assert ok, err
    assert sorted(Driver.objects.filter(name__startswith="Bo").values_list("slug", flat=True)) == [
        "bobaker",
        "bobaker-2",
    ]
    from results.importers.resolve import unique_slug

    assert unique_slug(Driver, "Bo-Baker!") == "bo-baker" and unique_slug(Driver, "BOBAKER") == "bobaker-3"


ROW = "2022,{race},{track},Test 200,1.5,paved,{finish},1,7,Ann Able,Ford,40,200,10,running,A Team,,,,1,\n"


@pytest.mark.parametrize(
    "line, complaint",
    [
        (ROW.format(race=2, track="-", finish=1), "has no track"),
        (ROW.format(race=2, track="Tri-Oval", finish="²"), "Finish is not a whole number"),
        (ROW.format(race=2, track="Tri-Oval", finish="9" * 5000), "Finish is out of range"),
        (ROW.format(race=1000, track="Tri-Oval", finish=1), "race number is missing or out of range"),
        (ROW.format(race=2, track="Tri-Oval", finish=1).replace("Test 200", "x" * 200_000), "cannot be read as CSV"),
        (ROW.format(race=2, track="Tri-Oval", finish=1).replace("Test 200", "T" * 151), "race name is longer"),
        (ROW.format(race=2, track="Tri-Oval", finish=1).replace("Ann Able", "\u722b" * 20), "driver name is too long"),
        (ROW.format(race=2, track="Tri-Oval", finish=1).replace("A Team", "?"), "team name has no letters or digits"),
        (ROW.format(race=2, track="Tri-Oval", finish=1).replace("Ford", "!!"), "manufacturer name has no letters"),
        (ROW.format(race=2, track="Tri-Oval", finish=1).replace(",7,Ann", ",#!,Ann"), "not a car number"),
    ],
    ids=[
        "track dash",
        "superscript finish",
        "5000 digits",
        "round 1000",
        "200 KB field",
        "long name",
        "long key",
        "team without letters",
        "make without letters",
        "car not a number",
    ],
)
def test_an_unreadable_history_line_is_refused_by_line_and_logged(run_import, tmp_path, line, complaint):
    """An operator's broken file: a clear error naming the line, nothing written, the failure in the log."""
    from results.models import ImportRun

    path = tmp_path / "truck_series.csv"
    path.write_text(HEADER + ROW.format(race=1, track="Tri-Oval", finish=2).replace("Ann Able", "Bo Baker") + line)
    ok, _, err = run_import(path, "--no-progress")
    assert not ok and complaint in err and "line 3" in err, err
    assert not Event.objects.exists() and not Driver.objects.exists()
    assert ImportRun.objects.get().outcome == ImportRun.Outcome.FAILED


def test_a_small_gz_that_expands_without_end_is_refused(run_import, tmp_path, monkeypatch):
    import gzip

    from results.importers import historical

    monkeypatch.setattr(historical, "MAX_TEXT", 10_000)
    path = tmp_path / "truck_series.csv.gz"
    with gzip.open(path, "wt") as handle:
        handle.write(HEADER + ROW.format(race=1, track="Tri-Oval", finish=1) * 1000)
    ok, _, err = run_import(path, "--format", "historical", "--no-progress")
    assert not ok and "expands to more than" in err, err
    assert not Event.objects.exists()


def test_a_season_longer_than_any_calendar_is_refused_at_the_line_past_the_bound(run_import, tmp_path, monkeypatch):
    """A season's rows are held until it ends: a file of one endless season (a .gz of 1 MB held 3 million
    rows, 3.4 GB in memory before its size was refused) stops where it passes the bound."""
    from results.importers import historical

    monkeypatch.setattr(historical, "MAX_SEASON_ROWS", 50)
    path = tmp_path / "truck_series.csv"
    path.write_text(HEADER + "".join(ROW.format(race=r, track="Tri-Oval", finish=1) for r in range(1, 100)))
    ok, _, err = run_import(path, "--no-progress")
    assert not ok and "line 52" in err and "season 2022 has more than 50 rows" in err, err
    assert not Event.objects.exists()


def test_a_race_of_more_cars_than_a_report_may_hold_is_refused_at_the_line_past_the_bound(run_import, tmp_path):
    path = tmp_path / "truck_series.csv"
    rows = [ROW.format(race=1, track="Tri-Oval", finish=i).replace("Ann Able", f"Driver {i}") for i in range(1, 502)]
    path.write_text(HEADER + "".join(rows))
    ok, _, err = run_import(path, "--no-progress")
    assert not ok and "line 502" in err and "race 1 has more than 500 rows" in err, err


@pytest.mark.parametrize("damage", ["cut short", "bytes changed"])
def test_a_gz_damaged_in_download_is_refused_with_the_line_it_reached(run_import, tmp_path, damage):
    """A download stopped part way (or a disk's bad block): gzip's EOFError or zlib.error was a traceback."""
    import gzip

    from results.models import ImportRun

    rows = "".join(ROW.format(race=r, track="Tri-Oval", finish=1) for r in range(1, 999))
    data = gzip.compress((HEADER + rows).encode(), mtime=0)
    data = data[:-200] if damage == "cut short" else data[:400] + bytes(64) + data[464:]
    path = tmp_path / "truck_series.csv.gz"
    path.write_bytes(data)
    ok, _, err = run_import(path, "--format", "historical", "--no-progress")
    assert not ok and "truck_series.csv.gz, line " in err and "the file is damaged or cut short" in err, err
    assert "download it again" in err
    assert not Event.objects.exists()
    assert ImportRun.objects.get().outcome == ImportRun.Outcome.FAILED


def test_a_track_length_of_nan_is_left_unknown_like_any_length_that_is_no_number(run_import, tmp_path):
    """Decimal("NaN") parses, and comparing it raised InvalidOperation (a traceback)."""
    path = tmp_path / "truck_series.csv"
    path.write_text(HEADER + ROW.format(race=1, track="Tri-Oval", finish=1).replace(",1.5,", ",NaN,"))
    ok, _, err = run_import(path, "--no-progress")
    assert ok, err
    assert Track.objects.get().length_miles is None
