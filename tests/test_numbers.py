"""Every figure a fan reads has one definition, checked here against sums done by hand.

Ann Able's five races (Truck 2021-22, Cup 2022):

    series year rd  fin  st  laps  led  status    pts
    Truck  2021  1    1   3   100   50  Running    55
    Truck  2021  2    7   1    98    0  Running    30
    Truck  2022  1   30   -    40    -  Engine      7   (start and laps led unknown)
    Cup    2022  1    4   1   200   12  Running    33
    Cup    2022  2   12  20   150    0  Accident   25

Definitions: a start is an entry; a win is a finish of 1; top 5 / top 10 are finishes of 5 / 10 or
better; "started 1st" counts starts from first place (a pole only where qualifying set the grid);
laps and laps led add up the known figures; a DNF is any status other than running; the average start
is over the races whose start is known; the average finish is over every start; best is the best finish.
"""

import pytest

from results import summaries
from results.models import Entry

MAX_QUERIES = 10

COLUMNS = "n_starts n_wins n_top5 n_top10 n_started_first n_laps n_led n_dnfs avg_start avg_finish best_finish".split()
#                        starts wins top5 top10 1st laps led dnfs avg st  avg fin  best
TRUCK = dict(zip(COLUMNS, [3, 1, 1, 2, 1, 238, 50, 1, 2.0, 38 / 3, 1], strict=True))
CUP = dict(zip(COLUMNS, [2, 0, 1, 1, 1, 350, 12, 1, 10.5, 8.0, 4], strict=True))
CAREER = dict(zip(COLUMNS, [5, 1, 2, 3, 2, 588, 62, 2, 6.25, 10.8, 1], strict=True))


@pytest.fixture
def ann(make):
    truck, cup = make.series(sort_order=2), make.series(name="NASCAR Cup Series", short_name="Cup", sort_order=1)
    ann, team, track = make.driver(name="Ann Able"), make.team(name="Able Racing"), make.track(name="Oval One")
    rows = [
        (truck, 2021, 1, 1, 3, 100, 50, "Running", 55),
        (truck, 2021, 2, 7, 1, 98, 0, "Running", 30),
        (truck, 2022, 1, 30, None, 40, None, "Engine", 7),
        (cup, 2022, 1, 4, 1, 200, 12, "Running", 33),
        (cup, 2022, 2, 12, 20, 150, 0, "Accident", 25),
    ]
    for series, year, round_number, finish, start, laps, led, status, points in rows:
        event = make.event(year=year, round=round_number, series=series, track=track)
        make.entry(
            event=event,
            driver=ann,
            team=team,
            finish=finish,
            start=start,
            laps=laps,
            laps_led=led,
            status=status,
            points=points,
        )
        # a rival in every race, so no total is the race's total by accident
        make.entry(event=event, driver=make.driver(), finish=finish + 1, start=(start or 40) + 1)
    return ann


def figures(row):
    return {name: row[name] for name in COLUMNS}


def assert_figures(row, expected):
    got = figures(row)
    for name in ("avg_start", "avg_finish"):
        assert got.pop(name) == pytest.approx(expected[name]), name
    assert got == {name: value for name, value in expected.items() if name not in ("avg_start", "avg_finish")}


def test_every_stats_column_of_a_career_matches_the_hand_sums(client, ann, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(ann.get_absolute_url())
    cup, truck, career = response.context["by_series"].data
    assert (cup["series_name"], truck["series_name"], career["series_name"]) == ("Cup", "Truck", "All series combined")
    assert_figures(truck, TRUCK)
    assert_figures(cup, CUP)
    assert_figures(career, CAREER)
    seasons = {(row["series_name"], row["year"]): row for row in response.context["by_season"].data}
    assert seasons["Truck", 2022]["n_led"] is None  # the one race's laps led are unknown, not 0
    assert seasons["Truck", 2022]["avg_start"] is None  # no known start: no average, not 0
    assert seasons["Truck", 2021]["avg_start"] == 2.0


def test_team_and_track_pages_count_the_same_way(client, ann):
    page = client.get(ann.entries.first().team.get_absolute_url())
    (row,) = [row for row in page.context["drivers"].data if row["driver_name"] == "Ann Able"]
    assert (row["n_starts"], row["n_wins"], row["n_top5"], row["n_top10"], row["n_dnfs"]) == (5, 1, 2, 3, 2)
    assert row["avg_start"] == pytest.approx(6.25) and row["avg_finish"] == pytest.approx(10.8)


def test_driver_index_totals_follow_the_series_and_season_shown(client, ann, django_assert_max_num_queries):
    def index(**params):
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get("/drivers/", {"q": "ann able", **params})
        ((row,), caption) = list(response.context["table"].rows), response.context["table"].caption
        return (row.record["n_starts"], row.record["n_wins"], row.record["n_top10"]), caption

    assert index() == ((5, 1, 3), "Drivers: career totals, all series combined")
    assert index(series="cup") == ((2, 0, 1), "Drivers of the NASCAR Cup Series: totals in that series only")
    assert index(series="truck", year=2021) == ((2, 1, 2), "Drivers of the 2021 Truck: totals of that season")
    assert index(year=2022) == ((3, 0, 1), "Drivers of 2022: that year's totals, all series combined")


def test_starting_first_is_not_called_a_pole_unless_the_report_says_so(client, ann):
    event = Entry.objects.get(driver=ann, finish=4).event
    page = client.get(event.get_absolute_url()).content.decode()
    assert "<dt>Started 1st</dt>" in page and "<dt>Pole</dt>" not in page
    Entry.objects.filter(event=event, driver=ann).update(pole=True)
    summaries.refresh(seasons=[event.season_id])  # as every write path does
    page = client.get(event.get_absolute_url()).content.decode()
    assert "<dt>Pole</dt>" in page
    season_page = client.get(event.season.get_absolute_url()).content.decode()
    assert "Started 1st" in season_page and 'title="Pole winner, as the report says">pole</abbr>' in season_page
