"""A fan downloads a table as CSV and opens it in a spreadsheet: text stays text, numbers stay numbers."""

import csv
import io

import pytest

from results.exports import neutralise


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_that_starts_like_a_formula_is_kept_as_text(start):
    assert neutralise(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


@pytest.mark.parametrize("number", ["-1", "-12.5", "+3", "0", "42"])
def test_numbers_stay_numbers(number):
    assert neutralise(number) == number


def test_plain_text_and_empty_cells_are_unchanged():
    assert (neutralise("Parker Kligerman"), neutralise(None), neutralise("")) == ("Parker Kligerman", "", "")


def test_a_downloaded_race_neutralises_what_a_report_smuggled_in(client, season):
    from results.models import Entry

    first, _ = season["events"]
    Entry.objects.filter(event=first, finish=2).update(status="@SUM(A1)")
    rows = list(csv.reader(io.StringIO(client.get(first.get_absolute_url(), {"_export": "csv"}).getvalue().decode())))
    status = rows[0].index("Status")
    assert [row[status] for row in rows[1:]] == ["Running", "'@SUM(A1)", "Transmission", "Accident"]


ENTRY_FIELDS = [
    "finish",
    "start",
    "number",
    "driver__name",
    "team__name",
    "manufacturer__name",
    "laps",
    "laps_led",
    "status",
    "points",
    "stage1",
    "stage2",
    "rating",
    "rookie",
    "ineligible",
    "pole",
]


def test_an_operator_moves_a_race_to_another_install_through_its_csv(client, season, tmp_path, run_import):
    """The race's CSV, imported into an empty database, gives back every field of every row: the
    rookie, ineligible and pole flags too, which the page shows only as markers."""
    from results.models import Driver, Entry, Event, Manufacturer, Season, Series, Team, Track

    first, _ = season["events"]
    Entry.objects.filter(event=first, driver=season["smith"]).update(rookie=True, pole=True, rating="101.5")
    Entry.objects.filter(event=first, driver=season["miura"]).update(ineligible=True, stage1=7, stage2=3)
    before = list(first.entries.order_by("finish").values_list(*ENTRY_FIELDS))
    path = tmp_path / "mid-ohio.csv"
    path.write_bytes(b"".join(client.get(first.get_absolute_url(), {"_export": "csv"}).streaming_content))
    for model in (Entry, Event, Season, Series, Driver, Team, Manufacturer, Track):
        model.objects.all().delete()

    ok, _, err = run_import(
        path, "--series", "Truck", "--year", "2022", "--round", "1", "--track", "Mid-Ohio Sports Car Course"
    )

    assert ok, err
    assert list(Event.objects.get().entries.order_by("finish").values_list(*ENTRY_FIELDS)) == before
    assert [r[-3:] for r in before] == [(False,) * 3, (True, False, True), (False,) * 3, (False, True, False)]


def test_a_rookie_column_that_is_not_yes_or_no_is_refused_naming_the_line(tmp_path, run_import):
    path = tmp_path / "race.csv"
    path.write_text("Fin,Driver,Laps,Rookie\n1,Parker Kligerman,67,yes\n2,Zane Smith,67,maybe\n")

    ok, _, err = run_import(path, "--series", "Truck", "--year", "2022", "--round", "1", "--track", "Mid-Ohio")

    assert not ok
    assert "line 3" in err and "'maybe'" in err and "rookie is neither yes nor no" in err
