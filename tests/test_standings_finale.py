"""A fan on 25 November 2026: the Cup finale was run last Sunday and its results are in. The champion is named
that day, not on New Year's Day; a season the results do not show finished keeps running until its year ends.

Cup's 2026 format, the Chase, schedules 36 races (26, then the Chase's 10). Twenty drivers finish in the same
order every race, so Driver 01 wins them all and leads the points; Driver 04 wins the finale, but the most points
after it make Driver 01 champion (tests/test_standings_chase_2026.py has the Chase itself).
"""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from results import summaries
from results.models import Championship, DataVersion, Entry
from tests.standings_seasons import get, order

YEAR = 2026
SEASON = f"/series/cup/{YEAR}/"
API = f"/api/v1/seasons/cup/{YEAR}/"
ORDER = list(range(20))  # the finishing order of every race: indexes into the drivers
FINALE_ORDER = [3, 1, 2, 0, *range(4, 20)]  # Driver 04 wins the finale
CHAMPION = "Driver 01"  # the most points after it


@pytest.fixture(autouse=True)
def late_november(monkeypatch):
    """The site's clock on the Wednesday after the finale (the tests' real year may be another)."""
    moment = datetime.datetime(YEAR, 11, 25, 12, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)


def points(finish):
    """2026's points: 55 for a win, 35 for second, one fewer a place; a top-10 stage finish pays 11 - place in
    each of the two stages (finishing in the same place)."""
    stage = 2 * (11 - finish) if finish <= 10 else 0
    return (55 if finish == 1 else max(1, 37 - finish)) + stage


class Results:
    """Imports a race at a time, as the weekly import does (entries written, then ``summaries.refresh``)."""

    def __init__(self, make, series_name="NASCAR Cup Series", short_name="Cup", year=YEAR):
        self.make, self.year = make, year
        self.series = make.series(series_name, short_name)
        self.drivers = [make.driver(name=f"Driver {n:02d}") for n in range(1, 21)]

    def race(self, round_number, finishing=ORDER, refresh=True, **kw):
        event = self.make.event(year=self.year, round=round_number, series=self.series, **kw)
        Entry.objects.bulk_create(
            Entry(
                event=event,
                driver=self.drivers[index],
                finish=finish,
                points=points(finish),
                stage1=finish if finish <= 10 else None,
                stage2=finish if finish <= 10 else None,
            )
            for finish, index in enumerate(finishing, start=1)
        )
        if refresh:
            summaries.refresh(seasons=[event.season_id])
        return event

    def named(self, names):
        """A whole season at once, round N named ``names[N - 1]`` (the summaries refreshed once, at its end)."""
        for round_number, name in enumerate(names, start=1):
            event = self.race(round_number, name=name, refresh=False)
        summaries.refresh(seasons=[event.season_id])

    def races(self, rounds, **kw):
        for round_number in rounds:
            event = self.race(round_number, **kw)
        return event.season


@pytest.fixture
def cup(make):
    """Cup 2026 after 35 of its 36 races."""
    results = Results(make)
    results.races(range(1, 36))
    return results


def test_after_35_races_the_season_is_running_and_names_no_champion(client, cup, django_assert_max_num_queries):
    page = get(client, SEASON, django_assert_max_num_queries)
    html = page.content.decode()
    assert "No champion named: The season is not over." in html
    assert "Standings after round 35" in html and "Final standings" not in html
    body = client.get(API).json()["championship"]
    assert (body["final"], body["champion"], body["after_round"]) == (False, None, 35)
    leader = cup.drivers[0].get_absolute_url()
    assert (
        '<span class="muted">after round 35</span>'
        in get(client, leader, django_assert_max_num_queries).content.decode()
    )
    (top, *_) = get(client, "/", django_assert_max_num_queries).context["leaders"]
    assert (top["after"], top["champion"]) == ("after round 35, season running", False)


def test_the_finale_lands_and_the_champion_is_named_the_same_day(client, cup, django_assert_max_num_queries):
    before = client.get(API)
    cup.race(36, finishing=FINALE_ORDER)

    page = get(client, SEASON, django_assert_max_num_queries)
    html = page.content.decode()
    assert "Champion (computed from the results): <a" in html and f"{CHAMPION}</strong>" in html
    assert "Final standings" in html and "Standings after round 36" not in html
    assert order(page)[0][1] == CHAMPION  # the champion heads the final standings
    assert [row["status"] for row in page.context["standings"].data][:4] == ["champion", "in", "in", "in"]

    driver = get(client, cup.drivers[0].get_absolute_url(), django_assert_max_num_queries)
    assert "1 championship" in driver.content.decode() and "after round" not in driver.content.decode()
    assert driver.context["by_season"].data[0]["champion"]

    # a browser's copy from before the finale is not confirmed: the import changed the results version
    response = client.get(API, headers={"if-none-match": before["ETag"]})
    assert response.status_code == 200
    body = response.json()
    assert body["championship"]["final"] is True and body["championship"]["champion"]["name"] == CHAMPION
    assert body["championship"]["unknown"] == ""

    (top, *_) = get(client, "/", django_assert_max_num_queries).context["leaders"]
    assert (top["after"], top["driver_name"], top["champion"]) == ("final standings", CHAMPION, True)
    assert f'{CHAMPION}</a> <span class="muted">(computed)' in client.get("/series/cup/").content.decode()
    records = get(client, "/series/cup/records/", django_assert_max_num_queries)
    assert [(t.name, t.seasons) for t in records.context["champions"]] == [(CHAMPION, [(YEAR, False)])]


def test_a_most_points_season_keeps_running_however_many_races_it_has(client, make, django_assert_max_num_queries):
    arca = Results(make, "ARCA Menards Series", "ARCA")
    arca.races(range(1, 41))  # more races than any playoff format: most points has no fixed count
    html = get(client, f"/series/arca/{YEAR}/", django_assert_max_num_queries).content.decode()
    assert "No champion named: The season is not over." in html and "Standings after round 40" in html
    assert client.get(f"/api/v1/seasons/arca/{YEAR}/").json()["championship"]["final"] is False


@pytest.mark.parametrize(
    "rounds, why",
    [
        ([*range(1, 20), *range(21, 38)], "36 races, but race 20 is missing: the last imported is not the finale"),
        ([*range(1, 20), *range(21, 37)], "race 20 missing: 35 races"),
        (range(1, 38), "37 races: more than the format has, its rounds cannot be placed"),
    ],
)
def test_a_playoff_season_whose_results_are_not_the_whole_schedule_keeps_running(client, make, rounds, why):
    season = Results(make).races(rounds)
    assert not Championship.objects.get(season=season).finale_run, why
    html = client.get(SEASON).content.decode()
    assert "No champion named: The season is not over." in html and "Final standings" not in html, why
    assert client.get(API).json()["championship"]["final"] is False


def test_an_exhibition_numbered_among_the_rounds_does_not_hide_the_finale(client, make):
    cup = Results(make)
    cup.races(range(1, 13))
    cup.race(13, counts_for_points=False)  # the All-Star race, numbered in the season's order
    cup.races(range(14, 37))
    assert client.get(API).json()["championship"]["final"] is False  # 35 points races
    cup.race(37, finishing=FINALE_ORDER)
    body = client.get(API).json()["championship"]
    assert body["final"] is True and body["champion"]["name"] == CHAMPION


def test_daytonas_duels_imported_as_rounds_never_end_the_season_early(client, make):
    # The Duels pay points, so an operator imports them as rounds 1 and 2: after 34 of the 36 scheduled
    # races the season holds 36 points races. It is not over, and no champion is computed: the Chase's cut
    # and finale count the scheduled races, and the page says why.
    cup = Results(make)
    cup.race(1, name="Bluegreen Vacations Duel 1 at DAYTONA")
    cup.race(2, name="Bluegreen Vacations Duel 2 at DAYTONA")
    cup.races(range(3, 37))
    body = client.get(API).json()["championship"]
    assert body["final"] is False and body["champion"] is None
    assert "Rounds 1, 2 are qualifying races (Duels)" in client.get(SEASON).content.decode()


def test_upgrading_a_database_whose_finale_is_already_imported_names_the_champion(client, cup):
    """An operator migrates a database written by the release before this one: its championship rows lack the
    fact until the summaries are recomputed, which the migrate does."""
    cup.race(36, finishing=FINALE_ORDER)
    Championship.objects.update(finale_run=False)  # as the old release left them
    DataVersion.objects.filter(pk=1).update(derived=summaries.DERIVED - 1)
    call_command("migrate", verbosity=0)
    assert client.get(API).json()["championship"]["final"] is True


@pytest.mark.parametrize(
    "duel",
    [
        "Gatorade Twin 125 #{}",  # 1980s-2004, "Gatorade Twin 125s"
        "Twin 125-Mile Qualifying Race {}",
        "125 Mile Qualifying Race {}",  # the history's 1970-71
        "Daytona 500 Qualifer #{}",  # the history's 1960-69, misspelt as it has them
        "Budweiser Duel at Daytona {}",
    ],
)
def test_daytonas_qualifying_races_by_every_name_they_carried_never_end_the_season_early(client, make, duel):
    # An operator imports the two qualifying races as rounds 1 and 2, named as that year's report names them
    Results(make).named([duel.format(1), duel.format(2), *[f"Race {n}" for n in range(3, 37)]])
    assert client.get(API).json()["championship"]["final"] is False
    assert "Rounds 1, 2 are qualifying races (Duels)" in client.get(SEASON).content.decode(), duel


def test_points_races_sharing_a_sponsor_or_a_distance_with_the_qualifying_races_are_scheduled_races(client, make):
    # names of points races in the history: the finale still names the champion
    points_races = [
        "Gatorade 200",
        "UNOH 200 presented by Ohio Logistics",
        "Bluegreen Vacations 500",
        "125 Miles at Oakland Stadium",
        "Fas Mart Supertruck Shootout",
        "Daytona 500",
        "Crown Royal Presents The Heath Calhoun 400",
    ]
    Results(make).named([*points_races, *[f"Race {n}" for n in range(len(points_races) + 1, 37)]])
    body = client.get(API).json()["championship"]
    assert body["final"] is True and body["champion"]["name"] == "Driver 01"
    assert "qualifying race" not in client.get(SEASON).content.decode()


def admin_finale(editor_client, season):
    """What the season's admin page says under "Finale run"."""
    page = editor_client.get(f"/admin/results/season/{season.pk}/change/").content.decode()
    assert "Finale run" in page
    return page


def test_an_editor_sees_on_the_season_page_whether_the_finale_has_run(editor_client, cup):
    season = Championship.objects.get().season
    page = admin_finale(editor_client, season)
    assert "No: the results do not hold exactly the races the playoff format schedules" in page
    assert "it ends with its year." in page
    cup.race(36, finishing=FINALE_ORDER)
    page = admin_finale(editor_client, season)
    assert "Yes: the results hold every race the playoff format schedules, the finale last" in page
    assert "the season is over." in page


def test_an_editor_reads_that_a_most_points_season_has_no_finale(editor_client, make):
    season = Results(make, "ARCA Menards Series", "ARCA").races(range(1, 41))
    assert "No finale: a most-points season has no fixed number of races; it ends with its year." in admin_finale(
        editor_client, season
    )
