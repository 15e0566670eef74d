"""Seasons a fan and an editor look at in the standings tests, and how those tests read pages.

Cup 1990 (most points wins), three races: Earnhardt leads Martin on points, so the results name him
champion, shown as computed until an editor says so. Truck 2016: a Chase season run to a script.
ARCA this year: a season still running.
"""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from results import summaries
from results.models import Entry

MAX_QUERIES = 10


@pytest.fixture
def cup_1990(make):
    cup = make.series("NASCAR Cup Series", "Cup")
    people = {
        name.split()[-1].lower(): make.driver(name=name) for name in ["Dale Earnhardt", "Mark Martin", "Geoff Bodine"]
    }
    races = [make.event(year=1990, round=n, series=cup, name=f"Race {n}") for n in (1, 2, 3)]
    finishes = [  # round -> (driver, finish, points)
        [("earnhardt", 1, 185), ("martin", 2, 170), ("bodine", 3, 165)],
        [("martin", 1, 180), ("earnhardt", 2, 175), ("bodine", 3, 165)],
        [("earnhardt", 1, 180), ("bodine", 2, 170), ("martin", 3, 165)],
    ]
    for event, rows in zip(races, finishes, strict=True):
        for who, finish, points in rows:
            Entry.objects.create(event=event, driver=people[who], finish=finish, points=points)
    summaries.refresh(seasons=[races[0].season_id])
    return {"season": races[0].season, "races": races, **people}


def get(client, url, django_assert_max_num_queries, **params):
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return response


def order(response):
    return [(row["position"], row["driver_name"], row["points"]) for row in response.context["standings"].data]


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.getvalue().decode())))


def season_form(season, **extra):
    """The season's admin form as a browser posts it, with its three fact inlines empty but for ``extra``."""
    data = {"series": season.series_id, "year": season.year, "name": season.name, "_continue": "1"}
    data.update({key: value for key, value in extra.items() if "-" not in key})
    extra = {key: value for key, value in extra.items() if "-" in key}
    for prefix in ("champion_fact", "playoff_facts", "adjustments"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0, f"{prefix}-MIN_NUM_FORMS": 0})
        data[f"{prefix}-MAX_NUM_FORMS"] = 1000
    for key, value in extra.items():
        prefix = key.split("-")[0]
        data[f"{prefix}-TOTAL_FORMS"] = 1
        data[key] = value
    return data


def final_table(response):
    return [
        (row["position"], row["driver_name"], row["points"], row["gap"]) for row in response.context["standings"].data
    ]


@pytest.fixture
def truck_2016(make):
    """The 2016 Truck Chase, run to a script: ten drivers finish in the same order in all 23 races."""
    truck = make.series("NASCAR Truck Series", "Truck")
    drivers = [make.driver(name=f"Driver {n:02d}") for n in range(1, 11)]
    for round_number in range(1, 24):
        event = make.event(year=2016, round=round_number, series=truck)
        Entry.objects.bulk_create(
            Entry(event=event, driver=driver, finish=finish, points=36 - finish)
            for finish, driver in enumerate(drivers, start=1)
        )
    summaries.refresh(seasons=[event.season_id])
    return drivers


@pytest.fixture
def arca_this_year(make):
    """An ARCA season of the real current year (most points), two races in, recomputed now: Leader leads."""
    year = datetime.date.today().year
    leader, second = make.driver(name="Leader"), make.driver(name="Second")
    arca = make.series("ARCA Menards Series", "ARCA")
    for round_number in (1, 2):
        event = make.event(year=year, round=round_number, series=arca)
        Entry.objects.create(event=event, driver=leader, finish=1, points=40)
        Entry.objects.create(event=event, driver=second, finish=2, points=35)
    summaries.refresh(seasons=[event.season_id])
    return {"year": year, "url": f"/series/arca/{year}/", "api": f"/api/v1/seasons/arca/{year}/", "leader": leader}


def new_year(monkeypatch, year):
    """The clock moves on to New Year's Day of ``year``: nothing is imported, nothing recomputed."""
    moment = datetime.datetime(year, 1, 1, 0, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)


def cup_1972_at_talladega(make, **track):
    """A 1972 race paying points per lap by length: Hylton won on points for place, Isaac ran 168 more laps."""
    cup = make.series("NASCAR Cup Series", "Cup")
    race = make.event(year=1972, round=1, series=cup, track=make.track(name="Talladega Superspeedway", **track))
    winner, runner_up = make.driver(name="James Hylton"), make.driver(name="Bobby Isaac")
    Entry.objects.create(event=race, driver=winner, finish=1, points=125, laps=20, status="engine")
    Entry.objects.create(event=race, driver=runner_up, finish=2, points=123, laps=188)
    summaries.refresh(seasons=[race.season_id])
    return race, runner_up
