"""An operator imports the published race report and gets exactly its results, once."""

import csv
import io

import pytest

from results.models import Driver, DriverAlias, Entry, Event, ImportRun, Team
from tests.conftest import results_state


def dry_run_rows(run_import, path, *args):
    ok, out, err = run_import(path, "--dry-run", "--as", "csv", *args)
    assert ok, err
    return list(csv.DictReader(io.StringIO(out)))


def test_dry_run_reads_all_36_rows_exactly_as_the_official_results(run_import, seed_report, expected_rows):
    rows = dry_run_rows(run_import, seed_report)
    assert list(rows[0]) == [
        "finish",
        "start",
        "number",
        "driver",
        "team",
        "manufacturer",
        "laps",
        "led",
        "status",
        "points",
        "rookie",
        "ineligible",
    ]
    assert [{k: row[k] for k in expected_rows[0]} for row in rows] == expected_rows
    assert not Event.objects.exists()


def test_seed_import_writes_the_race_with_facts_from_the_prose(run_import, seed_report):
    ok, out, err = run_import(seed_report, "--round", 15)
    assert ok, err
    event = Event.objects.get()
    assert (event.season.series.short_name, event.season.year, event.round) == ("Truck", 2022, 15)
    assert event.season.name == "NASCAR Camping World Truck Series"
    assert event.track.name == "Mid-Ohio Sports Car Course"
    assert event.completed_laps == 67
    assert "Kligerman led all but eleven" in event.report_text
    winner = event.entries.select_related("driver").get(finish=1)
    assert (winner.driver.name, winner.start, winner.number, winner.laps_led, winner.stage1) == (
        "Parker Kligerman",
        2,
        "75",
        56,
        1,
    )
    assert event.entries.get(finish=2).stage2 == 1
    assert event.entries.get(finish=7).number == "02"
    assert "event created" in out and "drivers created: 36" in out and "teams created: 19" in out


def test_a_report_of_megabytes_is_kept_on_its_race_up_to_a_limit_that_it_names(run_import, tmp_path, monkeypatch):
    """The race page shows the report: a table followed by megabytes of notes keeps its first lines, and says so."""
    monkeypatch.setattr("results.importers.events.REPORT_KEPT", 200)
    report = tmp_path / "mid-ohio.csv"
    report.write_text("Pos,Driver,Laps\n1,Parker Kligerman,67\n" + "DNQ: Joe Smith\n" * 100)
    ok, out, err = run_import(report, "--series", "Truck", "--year", 2022, "--track", "Mid-Ohio")
    assert ok, err
    assert "the report is 1,538 characters: its race keeps the first 188" in out + err
    kept = Event.objects.get().report_text
    assert kept.startswith("Pos,Driver,Laps\n1,Parker Kligerman,67\nDNQ: Joe Smith\n")
    assert kept.endswith("DNQ: Joe Smith\n\n[1,350 more characters of the report are not kept here (1,538 in all).]\n")


def test_a_report_under_the_limit_is_kept_whole(run_import, seed_report):
    run_import(seed_report, "--round", 15)
    assert Event.objects.get().report_text == seed_report.read_text()


def test_second_import_changes_nothing_and_says_so(run_import, seed_report):
    run_import(seed_report)
    before = results_state()
    ok, out, _ = run_import(seed_report)
    assert ok and "event unchanged" in out and "entries written: 0" in out
    assert results_state() == before


def test_corrected_report_brings_the_event_into_line_and_lists_changes(run_import, seed_report, tmp_path):
    run_import(seed_report)
    corrected = tmp_path / "2022-corrected.txt"
    text = seed_report.read_text(encoding="utf-8")
    text = text.replace(
        "351820Trey BurkeYoung’s MotorsportsChevrolet16Rear Gear",
        "351820Trey BurkeYoung’s MotorsportsChevrolet17Rear Gear",
    )
    corrected.write_text(text.replace("Chevrolet47Accident", "Chevrolet47Engine"), encoding="utf-8")
    ok, out, err = run_import(corrected)
    assert ok, err
    assert "event updated" in out
    assert "Trey Burke: laps 16 -> 17" in out
    assert "Dylan Lupton: status Accident -> Engine" in out
    assert Entry.objects.get(finish=35).laps == 17


def test_a_corrected_table_that_drops_a_car_removes_its_entry(run_import, tmp_path):
    first = tmp_path / "first.csv"
    first.write_text("Pos,Driver,Laps\n1,Ann Able,10\n2,Bo Baker,10\n3,Cy Carter,4\n", encoding="utf-8")
    options = ("--series", "Truck", "--year", 2024, "--track", "Nowhere Speedway", "--round", 1)
    assert run_import(first, *options)[0]
    first.write_text("Pos,Driver,Laps\n1,Ann Able,10\n2,Cy Carter,9\n", encoding="utf-8")
    ok, out, err = run_import(first, *options)
    assert ok, err
    assert "Bo Baker: removed (was P2)" in out and "Cy Carter: finish 3 -> 2, laps 4 -> 9" in out
    assert list(Entry.objects.values_list("driver__name", flat=True)) == ["Ann Able", "Cy Carter"]


def test_every_run_is_logged_for_editors(run_import, seed_report, tmp_path):
    run_import(seed_report)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    run_import(empty)
    runs = list(ImportRun.objects.order_by("started_at"))
    assert [r.outcome for r in runs] == ["created", "failed"]
    assert runs[0].events.get().round == 1
    assert "empty" in runs[1].error


def test_missing_facts_say_which_option_to_pass(run_import, seed_report, tmp_path):
    report = tmp_path / "2022-no-series.txt"
    report.write_text(
        seed_report.read_text(encoding="utf-8").replace("NASCAR Camping World Truck Series", "race"), encoding="utf-8"
    )
    ok, _, err = run_import(report)
    assert not ok
    assert "does not say the series" in err and "--series" in err
    ok, _, err = run_import(report, "--series", "Truck")
    assert ok, err


def test_spellings_match_existing_drivers_and_teams(run_import, seed_report, make):
    make.driver(name="Kenkō Miura")
    make.team(name="Rackley W.A.R.")
    make.team(name="G2G Racing")
    make.team(name="Young's Motorsports")
    ok, out, err = run_import(seed_report)
    assert ok, err
    assert Driver.objects.filter(name__startswith="Kenk").count() == 1
    assert Entry.objects.get(finish=33).driver.name == "Kenkō Miura"
    assert Entry.objects.get(finish=19).team.name == "Rackley W.A.R."
    assert not Team.objects.filter(name="G2g Racing").exists()
    assert "teams created: 16" in out


def test_a_suffix_difference_is_a_near_match_not_the_same_driver(run_import, seed_report, make):
    make.driver(name="Trey Burke III")
    ok, out, _ = run_import(seed_report)
    assert ok
    assert Entry.objects.get(finish=35).driver.name == "Trey Burke"
    assert "new driver 'Trey Burke' differs only by a suffix from 'Trey Burke III'" in out
    assert "add the spelling as an alias" in out


def test_an_alias_makes_the_report_spelling_mean_the_known_driver(run_import, seed_report, make):
    burke = make.driver(name="Trey Burke III")
    DriverAlias.objects.create(driver=burke, name="Trey Burke")
    ok, out, _ = run_import(seed_report)
    assert ok and "differs only by a suffix" not in out
    assert Entry.objects.get(finish=35).driver == burke


def test_father_and_son_in_one_race_are_two_drivers(run_import, tmp_path, make):
    make.driver(name="Dale Earnhardt")
    make.driver(name="Dale Earnhardt Jr.")
    path = tmp_path / "1999.csv"
    path.write_text(
        "Pos,St,#,Driver,Team,Make,Laps,Status\n"
        "1,2,3,Dale Earnhardt,Richard Childress Racing,Chevrolet,500,Running\n"
        "2,1,8,Dale Earnhardt Jr.,Dale Earnhardt Inc.,Chevrolet,500,Running\n"
        "3,3,9,Dale Earnhardt Sr,Somebody Racing,Ford,499,Running\n"
    )
    ok, out, err = run_import(path, "--series", "Cup", "--year", 1999, "--track", "Richmond Raceway")
    assert ok, err
    drivers = [e.driver.name for e in Entry.objects.order_by("finish")]
    assert drivers == ["Dale Earnhardt", "Dale Earnhardt Jr.", "Dale Earnhardt Sr"]
    assert "new driver 'Dale Earnhardt Sr' differs only by a suffix" in out


def test_father_and_son_both_new_in_one_report_are_told_apart_with_a_warning(run_import, tmp_path):
    path = tmp_path / "1993.csv"  # too far apart for a typo: only the suffix says they are near
    path.write_text(
        "Pos,St,#,Driver,Team,Make,Laps,Status\n"
        "1,2,3,Al Unser,Penske Racing,Chevrolet,500,Running\n"
        "2,1,8,Al Unser Jr.,Galles Racing,Chevrolet,500,Running\n"
    )
    ok, out, err = run_import(path, "--series", "Cup", "--year", 1993, "--track", "Daytona International Speedway")
    assert ok, err
    assert "new driver 'Al Unser Jr.' differs only by a suffix from 'Al Unser'" in out


def test_standard_input_is_read_with_a_dash(run_import, seed_report, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(seed_report.read_bytes())))
    ok, out, err = run_import("-", "--series", "Truck", "--year", 2022, "--track", "Mid-Ohio Sports Car Course")
    assert ok, err
    assert Event.objects.get().source == "<stdin>"


def test_a_near_miss_spelling_is_created_with_a_warning_naming_both(run_import, seed_report, make):
    make.driver(name="Parker Kligermann")
    make.team(name="Front Row Motorsport")
    ok, out, err = run_import(seed_report)
    assert ok, err
    assert "new driver 'Parker Kligerman' is close to 'Parker Kligermann'" in out
    assert "new team 'Front Row Motorsports' is close to 'Front Row Motorsport'" in out
    assert Driver.objects.filter(name__startswith="Parker Kliger").count() == 2


RACE = ("--series", "Truck", "--year", 2024, "--track", "Nowhere Speedway", "--round", 1)
TABLE = "Pos,St,Driver,Laps\n1,2,Ann Able,10\n2,1,Bo Baker,10\n3,3,Cy Carter,4\n"


def poles():
    return list(Entry.objects.filter(pole=True).values_list("driver__name", flat=True))


def test_the_pole_winner_the_prose_names_is_kept_and_survives_a_plain_reimport(run_import, tmp_path):
    report = tmp_path / "race.txt"
    report.write_text("Bo Baker won the pole and led early.\n\n" + TABLE, encoding="utf-8")
    ok, out, err = run_import(report, *RACE)
    assert ok, err
    assert poles() == ["Bo Baker"] and "pole winner from the prose: Bo Baker" in out
    report.write_text(
        TABLE.replace("Cy Carter,4", "Cy Carter,5"), encoding="utf-8"
    )  # a table alone says nothing of poles
    assert run_import(report, *RACE)[0]
    assert poles() == ["Bo Baker"]


def test_a_pole_winner_sent_to_the_rear_keeps_his_pole(run_import, tmp_path):
    report = tmp_path / "race.txt"
    report.write_text("Cy Carter won the pole but started last after an engine change.\n\n" + TABLE, encoding="utf-8")
    ok, out, err = run_import(report, *RACE)
    assert ok, err
    assert poles() == ["Cy Carter"]
    assert "the prose names Cy Carter pole winner; the table starts Bo Baker first" in out


def test_only_a_glued_table_asks_what_the_database_knows_of_the_season_its_prose_names(seed_report, tmp_path):
    from results.importers.knowledge import Knowledge
    from results.importers.read import read_report

    asked = []

    def knowledge_for(facts, first_words):
        asked.append((facts.series, facts.reading_year, first_words))
        return Knowledge(year=facts.reading_year)

    report = read_report(seed_report.read_bytes(), "seed.txt", knowledge_for=knowledge_for)
    ((series, year, first_words),) = asked
    assert (series, year, len(report.rows)) == ("NASCAR Camping World Truck Series", 2022, 36)
    assert {"parker", "ty", "tanner"} <= first_words and "henderson" not in first_words  # drivers, not teams
    assert report.facts.track == "Mid-Ohio Sports Car Course"  # the prose, read once, gives the rest
    asked.clear()
    read_report(b"In the Truck race at Mid-Ohio in 2022...\n\n" + TABLE.encode(), "r.csv", knowledge_for=knowledge_for)
    assert asked == []


def test_a_shortened_track_or_team_name_is_created_with_a_warning_naming_the_known_one(run_import, tmp_path, make):
    make.track(name="Atlanta Motor Speedway")
    make.team(name="Joe Gibbs Racing")
    path = tmp_path / "race.csv"
    path.write_text("Pos,Driver,Team,Laps\n1,Ann Able,Gibbs Racing,10\n2,Bo Baker,Kaulig Racing,10\n", encoding="utf-8")
    ok, out, err = run_import(path, "--series", "Cup", "--year", 2024, "--track", "Atlanta")
    assert ok, err
    assert "new track 'Atlanta' is close to 'Atlanta Motor Speedway'; if they are one, merge them in admin" in out
    assert "new team 'Gibbs Racing' is close to 'Joe Gibbs Racing'" in out
    assert "Kaulig Racing' is close" not in out  # sharing the word "Racing" is not enough


def test_a_reimport_without_team_or_number_columns_keeps_the_stored_ones(run_import, tmp_path):
    full, short = tmp_path / "full.csv", tmp_path / "short.csv"
    full.write_text("Pos,#,Driver,Team,Laps\n1,24,Ann Able,Able Racing,10\n2,5,Bo Baker,Baker Motorsports,10\n")
    assert run_import(full, *RACE)[0]
    short.write_text("Pos,Driver,Laps\n1,Ann Able,10\n2,Bo Baker,9\n")  # a correction of the laps only
    ok, out, err = run_import(short, *RACE)
    assert ok, err
    assert [line for line in out.splitlines() if "changed:" in line] == ["  changed: Bo Baker: laps 10 -> 9"]
    kept = list(Entry.objects.order_by("finish").values_list("number", "team__name", "laps"))
    assert kept == [("24", "Able Racing", 10), ("5", "Baker Motorsports", 9)]


def test_a_glued_table_broken_by_a_blank_line_is_refused_not_cut(run_import, seed_report, tmp_path):
    text = seed_report.read_text(encoding="utf-8")
    broken = tmp_path / "broken.txt"
    broken.write_text(text.replace("\n201615Tanner Gray", "\n\n201615Tanner Gray"), encoding="utf-8")
    ok, out, err = run_import(broken, "--round", 15)
    assert not ok and "the table stops after 19 rows, but line" in err and "reads like row 20" in err
    assert not Entry.objects.exists()


MARKED = [("1", "Ann Able (R)", "10"), ("2", "Bo Baker (i)", "10"), ("3", "Cy Carter", "4")]


def as_report(format, rows):
    """The same three cars as a CSV, a terminal's aligned columns, or a saved web page."""
    if format == "csv":
        return "Pos,Driver,Laps\n" + "".join(",".join(row) + "\n" for row in rows)
    if format == "aligned":
        return "Pos  Driver              Laps\n" + "".join(f"{p:<5}{d:<20}{laps}\n" for p, d, laps in rows)
    cells = "".join(f"<tr><td>{p}</td><td>{d}</td><td>{laps}</td></tr>" for p, d, laps in rows)
    return f"<html><body><table><tr><th>Pos</th><th>Driver</th><th>Laps</th></tr>{cells}</table></body></html>"


def flags():
    return list(Entry.objects.order_by("finish").values_list("driver__name", "rookie", "ineligible"))


@pytest.mark.parametrize("format", ["csv", "aligned", "html"])
def test_a_reimport_that_marks_nobody_keeps_the_rookie_and_ineligible_flags(run_import, tmp_path, format):
    report = tmp_path / f"race.{'html' if format == 'html' else 'txt'}"
    report.write_text(as_report(format, MARKED), encoding="utf-8")
    assert run_import(report, *RACE)[0]
    assert flags() == [("Ann Able", True, False), ("Bo Baker", False, True), ("Cy Carter", False, False)]

    unmarked = [(p, d.removesuffix(" (R)").removesuffix(" (i)"), laps) for p, d, laps in MARKED]
    unmarked[2] = ("3", "Cy Carter", "5")  # a correction of the laps, from a source without the marks
    report.write_text(as_report(format, unmarked), encoding="utf-8")
    ok, out, err = run_import(report, *RACE)
    assert ok, err
    assert [line for line in out.splitlines() if "changed:" in line] == ["  changed: Cy Carter: laps 4 -> 5"]
    assert flags() == [("Ann Able", True, False), ("Bo Baker", False, True), ("Cy Carter", False, False)]

    unmarked[2] = ("3", "Cy Carter (R)", "5")  # a report marking anyone says who the rookies are
    report.write_text(as_report(format, unmarked), encoding="utf-8")
    assert run_import(report, *RACE)[0]
    assert flags() == [("Ann Able", False, False), ("Bo Baker", False, True), ("Cy Carter", True, False)]


def test_a_reimport_of_the_history_keeps_the_flags_and_pole_a_report_set(run_import, tmp_path):
    history = tmp_path / "truck_series.csv"
    history.write_text(
        "Season,Race,Track,Name,Length,Surface,Finish,Start,Car,Driver,Make,Pts,Laps,Led,Status,Team,S1,S2,Rating,Win,Seg Points\n"
        "2024,1,Nowhere Speedway,Race,1.0,paved,1,2,7,Ann Able,Ford,40,10,5,running,T,,,,1,\n"
        "2024,1,Nowhere Speedway,Race,1.0,paved,2,1,8,Bo Baker,Ford,35,10,5,running,T,,,,0,\n",
        encoding="utf-8",
    )
    assert run_import(history, "--no-progress")[0]
    report = tmp_path / "race.csv"
    report.write_text("Bo Baker won the pole.\n\nPos,St,Driver,Laps\n1,2,Ann Able (R),10\n2,1,Bo Baker (i),10\n")
    assert run_import(report, *RACE)[0]
    marked = [("Ann Able", True, False, False), ("Bo Baker", False, True, True)]
    assert list(Entry.objects.order_by("finish").values_list("driver__name", "rookie", "ineligible", "pole")) == marked

    ok, out, err = run_import(history, "--no-progress")
    assert ok, err
    assert "events created: 0, updated: 0, unchanged: 1" in out
    assert list(Entry.objects.order_by("finish").values_list("driver__name", "rookie", "ineligible", "pole")) == marked


def test_the_prose_fills_no_row_past_the_rules_the_table_was_checked_by(run_import, tmp_path):
    """The rows are checked once, as read; what the prose adds afterwards (laps led, a pole, a stage
    winner) must keep them valid on its own."""
    report = tmp_path / "race.txt"
    report.write_text("Able led 12 laps.\n\nPos,Driver,Laps\n1,Ann Able,10\n2,Bo Baker,10\n", encoding="utf-8")
    ok, out, err = run_import(report, *RACE)
    assert ok, err
    assert "the prose says Ann Able led 12 laps, more than the 10 run" in out
    assert Entry.objects.get(driver__name="Ann Able").laps_led is None


def test_a_dash_in_any_cell_means_the_report_does_not_say(run_import, tmp_path):
    report = tmp_path / "race.csv"
    report.write_text(
        "Pos,#,Driver,Team,Make,Laps,Status,Rating\n1,—,Ann Able,–,—,10,—,—\n2,7,Bo Baker,-,-,10,-,-\n",
        encoding="utf-8",
    )
    rows = dry_run_rows(run_import, report, *RACE)
    assert [{k: row[k] for k in ("number", "team", "manufacturer", "status")} for row in rows] == [
        {"number": "", "team": "", "manufacturer": "", "status": ""},
        {"number": "7", "team": "", "manufacturer": "", "status": ""},
    ]


@pytest.mark.parametrize("chosen", ["Kyle Larson=0 7", "Kyle Larson=07!", "=07", "Kyle Larson=12345", "Kyle Larson"])
def test_the_admin_refuses_the_car_numbers_the_command_line_refuses(run_import, editor_client, seed_report, chosen):
    ok, _, err = run_import(seed_report, "--dry-run", "--number", chosen)
    assert not ok and "expected DRIVER=NUMBER" in err
    page = editor_client.post("/admin/results/importrun/import/", {"text": "x", "numbers": chosen, "preview": "1"})
    assert page.context["form"].errors["numbers"] == [f"{chosen!r}: write Driver=NUMBER, e.g. Kyle Larson=07"]
