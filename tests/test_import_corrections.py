"""An operator imports a corrected report of a race already on the site: the race is corrected, or the import
stops and says which race it looks like and how to correct it; it never becomes a second race."""

from results.models import Driver, DriverAlias, Entry, Event
from tests.conftest import shared_path
from tests.corpus import races
from tests.corpus.formats import BY_NAME


def swapped(seed_report, tmp_path):
    """The seed report, corrected: Carson Hocevar second and Zane Smith third (the published order reversed)."""
    text = seed_report.read_text(encoding="utf-8")
    text = text.replace("21338Zane SmithFront Row MotorsportsFord67Running", "@@")
    text = text.replace(
        "3342Carson HocevarNiece MotorsportsChevrolet67Running", "31338Zane SmithFront Row MotorsportsFord67Running"
    )
    text = text.replace("@@", "2342Carson HocevarNiece MotorsportsChevrolet67Running")
    corrected = tmp_path / "mid-ohio-corrected.txt"
    corrected.write_text(text, encoding="utf-8")
    return corrected


def test_a_corrected_report_with_a_new_date_is_not_written_as_a_second_race(run_import, seed_report, tmp_path):
    # the race was run a day late (rain) and the report corrected: without --round it became round 16,
    # Mid-Ohio twice in the season, every driver's points counted twice
    assert run_import(seed_report, "--date", "2022-07-09", "--round", 15)[0]
    corrected = swapped(seed_report, tmp_path)
    ok, _, err = run_import(corrected, "--date", "2022-07-10")
    assert not ok
    assert (
        "its results are those of round 15 of 2022 at Mid-Ohio Sports Car Course (2022-07-09): 35 of 36 drivers "
        "finish in the same order, but the report is dated 2022-07-10" in err
    )
    assert "--round 15 to correct that race (its date becomes 2022-07-10)" in err
    assert list(Event.objects.values_list("round", flat=True)) == [15]
    assert Entry.objects.get(finish=2).driver.name == "Zane Smith"
    # the operator says it is that race
    ok, out, err = run_import(corrected, "--date", "2022-07-10", "--round", 15)
    assert ok, err
    assert "event date: 2022-07-09 -> 2022-07-10" in out and "Carson Hocevar: finish 3 -> 2" in out
    event = Event.objects.get()
    assert str(event.date) == "2022-07-10" and event.entries.get(finish=2).driver.name == "Carson Hocevar"


def test_a_corrected_report_naming_the_track_otherwise_is_not_written_as_a_second_race(
    run_import, seed_report, tmp_path
):
    # "--track Mid-Ohio" created a track beside Mid-Ohio Sports Car Course and the race again as round 16
    assert run_import(seed_report, "--round", 15)[0]
    ok, _, err = run_import(swapped(seed_report, tmp_path), "--track", "Mid-Ohio", "--year", 2022)
    assert not ok
    assert "its results are those of round 15 of 2022 at Mid-Ohio Sports Car Course: 35 of 36 drivers" in err
    assert "--round 15 --track 'Mid-Ohio Sports Car Course' to correct that race" in err
    assert list(Event.objects.values_list("round", "track__name")) == [(15, "Mid-Ohio Sports Car Course")]


def test_a_second_race_at_the_track_with_much_the_same_field_is_still_a_new_race(run_import, tmp_path):
    # Truck 2020's Kansas doubleheader: 34 drivers in both races, a day apart, in another order
    shared_path("data", "nascar")
    rr = BY_NAME["rr-tabs"]
    for round_number, day in ((9, "2020-07-24"), (10, "2020-07-25")):
        race = races.season_races("Truck")[(2020, round_number)]
        path = tmp_path / f"kansas-{day}.txt"
        path.write_bytes(rr.render(race))
        ok, out, err = run_import(path, "--series", "Truck", "--year", 2020, "--date", day)
        assert ok, err
    assert list(Event.objects.order_by("round").values_list("round", "date__day")) == [(1, 24), (2, 25)]


def test_the_second_race_of_a_doubleheader_never_replaces_the_first(run_import, tmp_path):
    # Truck 2020 at Kansas, July 24 and 25, as spreadsheets naming neither round nor date: the second was taken for
    # "the race at Kansas" and replaced the first's 38 results
    shared_path("data", "nascar")
    paths = []
    for round_number in (9, 10):
        race = races.season_races("Truck")[(2020, round_number)]
        paths.append(tmp_path / f"kansas-{'first' if round_number == 9 else 'second'}.csv")
        paths[-1].write_bytes(BY_NAME["csv-excel"].render(race))
    options = ("--series", "Truck", "--year", 2020, "--track", "Kansas Speedway")
    assert run_import(paths[0], *options)[0]
    before = list(Entry.objects.order_by("finish").values_list("driver__name", flat=True))

    ok, _, err = run_import(paths[1], *options)

    assert not ok
    assert "round 1 of 2020 at Kansas Speedway holds other results: 12 of 38 drivers finish in the same order" in err
    assert "--round 1 to replace them with this report's, or the round of another race at Kansas Speedway" in err
    assert list(Entry.objects.order_by("finish").values_list("driver__name", flat=True)) == before
    # the operator says it is another race
    ok, out, err = run_import(paths[1], *options, "--round", 2)
    assert ok, err
    assert list(Event.objects.order_by("round").values_list("round", flat=True)) == [1, 2]


def test_the_closest_two_races_of_the_history_stay_two_races(run_import, tmp_path):
    # Cup 1968 at Bowman Gray (round 35) then Langley Field (round 17): 12 of 20 drivers in the same order and
    # Langley's first two in Bowman Gray's top five, the nearest any two races of a season come (60%)
    shared_path("data", "nascar")
    for round_number in (35, 17):
        race = races.season_races("Cup")[(1968, round_number)]
        path = tmp_path / f"round{round_number}.txt"
        path.write_bytes(BY_NAME["rr-tabs"].render(race))
        ok, _, err = run_import(path, "--series", "Cup", "--year", 1968, "--round", round_number)
        assert ok, err
    assert list(Event.objects.order_by("round").values_list("round", flat=True)) == [17, 35]


def test_a_correction_moving_three_drivers_to_the_back_is_still_that_race(run_import, tmp_path):
    # three trucks disqualified after the race, moved to the back: 33 of 36 keep their order, and the report,
    # dated a day later, is round 15 corrected, not a new race
    rows = shared_path("reports", "2022-truck-mid-ohio.expected.csv").read_text(encoding="utf-8").splitlines()
    header, results = rows[0], rows[1:]
    race = tmp_path / "mid-ohio.csv"
    race.write_text("\n".join(rows) + "\n", encoding="utf-8")
    facts = ("--series", "Truck", "--year", 2022, "--track", "Mid-Ohio Sports Car Course")
    assert run_import(race, *facts, "--round", 15, "--date", "2022-07-09")[0]
    moved = results[:3] + results[6:] + results[3:6]
    corrected = tmp_path / "mid-ohio-dsq.csv"
    corrected.write_text(
        "\n".join([header] + [f"{place},{row.split(',', 1)[1]}" for place, row in enumerate(moved, 1)]) + "\n",
        encoding="utf-8",
    )
    ok, _, err = run_import(corrected, *facts, "--date", "2022-07-10")
    assert not ok
    assert "its results are those of round 15 of 2022" in err and "33 of 36 drivers finish in the same order" in err
    assert list(Event.objects.values_list("round", flat=True)) == [15]


def test_a_correction_spelling_drivers_as_their_known_other_names_is_still_that_race(run_import, tmp_path):
    # the corrected sheet writes the first eight as the site already knows them otherwise ("P. Kligerman"):
    # read by key alone they were eight other drivers, 28 of 36 in order, and the report a new race
    rows = shared_path("reports", "2022-truck-mid-ohio.expected.csv").read_text(encoding="utf-8").splitlines()
    race = tmp_path / "mid-ohio.csv"
    race.write_text("\n".join(rows) + "\n", encoding="utf-8")
    facts = ("--series", "Truck", "--year", 2022, "--track", "Mid-Ohio Sports Car Course")
    assert run_import(race, *facts, "--round", 15, "--date", "2022-07-09")[0]
    renamed = []
    for row in rows[1:9]:
        name = row.split(",")[3]
        other = f"{name[0]}. {name.split(' ', 1)[1]}"
        DriverAlias.objects.create(driver=Driver.objects.get(name=name), name=other)
        renamed.append(row.replace(name, other))
    corrected = tmp_path / "mid-ohio-respelled.csv"
    corrected.write_text("\n".join([rows[0], *renamed, *rows[9:]]) + "\n", encoding="utf-8")
    ok, _, err = run_import(corrected, *facts, "--date", "2022-07-10")
    assert not ok
    assert "its results are those of round 15 of 2022" in err and "36 of 36 drivers finish in the same order" in err
