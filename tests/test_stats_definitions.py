"""Each stats column has one definition, checked here against numbers worked out by hand."""

import pytest

from results import summaries
from results.models import DriverSeason, Entry


@pytest.fixture
def four_races(make):
    """Ann Able's 2022: P1 from pole, P4 from 2nd, P8 from an unknown start, P20 from 3rd after an engine failure."""
    ann = make.driver(name="Ann Able")
    rows = [
        {"finish": 1, "start": 1, "laps": 200, "laps_led": 120, "status": "Running", "points": 60},
        {"finish": 4, "start": 2, "laps": 200, "laps_led": 0, "status": "Running", "points": 33},
        {"finish": 8, "start": None, "laps": 199, "laps_led": 5, "status": "Running", "points": None},
        {"finish": 20, "start": 3, "laps": 150, "laps_led": 0, "status": "Engine", "points": 17},
    ]
    for round_number, row in enumerate(rows, start=1):
        event = make.event(year=2022, round=round_number)
        for other in range(1, row["finish"]):  # the cars ahead, so positions are real
            Entry.objects.create(event=event, driver=make.driver(), finish=other)
        Entry.objects.create(event=event, driver=ann, **row)
    summaries.refresh(seasons=[event.season_id])
    return ann


def test_a_season_adds_up_as_worked_out_by_hand(four_races):
    totals = DriverSeason.objects.get(driver=four_races)
    assert {
        "starts": totals.starts,
        "wins": totals.wins,
        "top5": totals.top5,
        "top10": totals.top10,
        "started_first": totals.started_first,
        "laps": totals.laps,
        "laps_led": totals.laps_led,
        "dnfs": totals.dnfs,
        "points": totals.points,  # of the races with points
        "best": totals.best,
        "start_sum": totals.start_sum,
        "start_count": totals.start_count,  # known starts only
        "finish_sum": totals.finish_sum,
    } == {
        "starts": 4,
        "wins": 1,
        "top5": 2,
        "top10": 3,
        "started_first": 1,
        "laps": 749,
        "laps_led": 125,
        "dnfs": 1,
        "points": 110,
        "best": 1,
        "start_sum": 6,
        "start_count": 3,
        "finish_sum": 33,
    }


def test_the_career_page_shows_the_averages_worked_out_by_hand(client, four_races):
    response = client.get(four_races.get_absolute_url())
    (row,) = response.context["by_series"].rows
    cells = {column.name: row.get_cell_value(column.name) for column in response.context["by_series"].columns}
    # average start over the three known starts (1, 2, 3), not over four races; average finish 33 / 4
    assert (cells["avg_start"], cells["avg_finish"]) == ("2.0", "8.2")
    assert (cells["n_starts"], cells["n_wins"], cells["n_top5"], cells["n_top10"], cells["n_dnfs"]) == (4, 1, 2, 3, 1)
    assert (cells["n_started_first"], cells["n_laps"], cells["n_led"], cells["best_finish"]) == (1, 749, 125, 1)
