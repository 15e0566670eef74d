"""An operator imports a CSV that went through Excel, which saves car "02" as 2: the car is stored as the file
says, and a number the season knows its driver ran only with a leading zero is named in a warning."""

from results.models import Entry

OPTIONS = ("--series", "Truck", "--year", 2025, "--round", 4, "--track", "Phoenix Raceway")


def season_so_far(make):
    """Rounds 1-3 of Truck 2025: Nathan Byrd in #02 each time, Clayton Green in #2, Kyle Larson once in #07."""
    byrd, green, larson = (make.driver(name=name) for name in ("Nathan Byrd", "Clayton Green", "Kyle Larson"))
    for round_number in (1, 2, 3):
        event = make.event(year=2025, round=round_number)
        make.entry(event=event, driver=byrd, number="02")
        make.entry(event=event, driver=green, number="2")
        if round_number == 3:
            make.entry(event=event, driver=larson, number="07")
    make.event(year=2023, round=1).entries.create(driver=larson, finish=1, number="7")


def test_a_zero_the_spreadsheet_dropped_is_named_with_its_line(run_import, tmp_path, make):
    season_so_far(make)
    report = tmp_path / "phoenix.csv"
    report.write_text("Pos,#,Driver\n1,7,Kyle Larson\n2,2,Clayton Green\n3,2,Nathan Byrd\n")

    ok, out, err = run_import(report, *OPTIONS)

    assert ok, err
    # Byrd was silently given Green's #2
    assert (
        "line 4: Nathan Byrd is in car 2, but ran #02 in 3 other races of 2025 and never #2: a spreadsheet saved by "
        "Excel drops a leading zero; if it did, correct the file (stored as written: #2)" in out
    )
    assert "line 2: Kyle Larson is in car 7, but ran #07 in 1 other race of 2025" in out
    assert "Clayton Green is in car" not in out
    assert Entry.objects.get(event__round=4, driver__name="Nathan Byrd").number == "2"


def test_a_number_the_driver_ran_in_the_season_is_no_dropped_zero(run_import, tmp_path, make):
    season_so_far(make)
    Entry.objects.filter(driver__name="Kyle Larson", number="07").update(number="7")  # #7 this season, #07 before
    report = tmp_path / "phoenix.csv"
    report.write_text("Pos,#,Driver\n1,7,Kyle Larson\n2,02,Nathan Byrd\n")

    ok, out, err = run_import(report, *OPTIONS)

    assert ok, err
    assert "leading zero" not in out + err


def test_two_cars_in_one_number_are_named_even_on_an_empty_database(run_import, tmp_path):
    report = tmp_path / "phoenix.csv"
    report.write_text("Pos,#,Driver\n1,2,Clayton Green\n2,7,Kyle Larson\n3,2,Nathan Byrd\n")

    ok, out, err = run_import(report, *OPTIONS)

    assert ok, err
    assert (
        "lines 2, 4: 2 cars in #2 (Clayton Green, Nathan Byrd); no Truck race of 2025 had two cars of one number: "
        "check the report (a spreadsheet saved by Excel drops a leading zero, 02 -> 2); stored as written" in out
    )
    assert list(Entry.objects.order_by("finish").values_list("number", flat=True)) == ["2", "7", "2"]


def test_two_cars_in_one_number_in_the_fifties_are_no_warning(run_import, tmp_path):
    report = tmp_path / "daytona.csv"
    report.write_text("Pos,#,Driver\n1,22,Fireball Roberts\n2,22,Red Byron\n")

    ok, out, err = run_import(report, "--series", "Cup", "--year", 1956, "--round", 4, "--track", "Daytona Beach")

    assert ok, err
    assert "cars in #22" not in out
