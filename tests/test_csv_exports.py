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
