"""A fan looks for the champion and the standings; an editor enters the official facts.

The season here is Cup 1990 (most points wins), three races: Earnhardt leads Martin on points, so the
results name him champion, shown as computed until an editor says so.
"""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.admin.models import LogEntry
from django.core.cache import cache
from django.utils import timezone
from django.utils.html import escape

from results import summaries
from results.models import ChampionFact, Championship, Entry, PlayoffFact, PointsAdjustment, Standing

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


def test_the_season_page_leads_with_the_computed_champion_and_the_final_standings(
    client, cup_1990, django_assert_max_num_queries
):
    response = get(client, "/series/cup/1990/", django_assert_max_num_queries)
    page = response.content.decode()
    assert "Champion (computed from the results)" in page and "Dale Earnhardt" in page
    assert page.index("Champion (computed") < page.index("Final standings") < page.index("Schedule and winners")
    assert order(response) == [(1, "Dale Earnhardt", 540), (2, "Mark Martin", 515), (3, "Geoff Bodine", 500)]
    assert "Points after each round" in page and "<polyline" in page
    # no playoffs in 1990: no playoff grid, no reset rule on the chart, no playoff column
    assert response.context["grid"] == [] and 'class="reset"' not in page
    assert "status" not in [column.name for column in response.context["standings"].columns]


def test_standings_after_any_round(client, cup_1990, django_assert_max_num_queries):
    response = get(client, "/series/cup/1990/", django_assert_max_num_queries, after=2)
    assert order(response)[:2] == [(1, "Dale Earnhardt", 360), (2, "Mark Martin", 350)]
    assert "Standings after round 2" in response.content.decode()
    rows = csv_rows(client.get("/series/cup/1990/", {"after": 1, "_export": "csv"}))
    assert [row["Driver"] for row in rows] == ["Dale Earnhardt", "Mark Martin", "Geoff Bodine"]
    assert all(row["champion"] == "" for row in rows)  # not the final standings: no champion in them


@pytest.mark.parametrize(("after", "status"), [("abc", 400), ("-1", 400), ("1e9", 400), ("0", 404), ("99", 404)])
def test_a_bad_round_is_a_4xx_never_an_error(client, cup_1990, after, status):
    assert client.get("/series/cup/1990/", {"after": after}).status_code == status


def test_the_csv_lists_the_official_order_and_marks_the_champion_only(client, cup_1990):
    rows = csv_rows(client.get("/series/cup/1990/", {"_export": "csv"}))
    assert [(row["Pos"], row["Driver"], row["champion"]) for row in rows] == [
        ("1", "Dale Earnhardt", "yes"),
        ("2", "Mark Martin", ""),
        ("3", "Geoff Bodine", ""),
    ]


def test_series_home_and_driver_pages_show_the_champion(client, cup_1990, django_assert_max_num_queries):
    series = get(client, "/series/cup/", django_assert_max_num_queries).content.decode()
    assert 'Dale Earnhardt</a> <span class="muted">(computed)' in series
    home = get(client, "/", django_assert_max_num_queries)
    assert [(r["position"], r["driver_name"]) for r in home.context["leaders"]][:2] == [
        (1, "Dale Earnhardt"),
        (2, "Mark Martin"),
    ]
    driver = get(client, cup_1990["earnhardt"].get_absolute_url(), django_assert_max_num_queries)
    (season,) = driver.context["by_season"].data
    assert (season["championship"], season["champion"]) == (1, True)
    assert "1 championship" in driver.content.decode()
    martin = get(client, cup_1990["martin"].get_absolute_url(), django_assert_max_num_queries)
    assert martin.context["by_season"].data[0]["championship"] == 2
    assert "championship" not in martin.content.decode().split("<h2")[0]  # no titles in his summary line


def test_unknown_points_name_no_champion_and_say_why(client, cup_1990, make):
    Entry.objects.filter(event=cup_1990["races"][2]).update(points=None)
    summaries.refresh(seasons=[cup_1990["season"]])
    championship = Championship.objects.get(season=cup_1990["season"])
    assert championship.champion is None and championship.unknown
    page = client.get("/series/cup/1990/").content.decode()
    assert f"No champion named: {escape(championship.unknown)}" in page
    series_page = client.get("/series/cup/").content.decode()
    assert "not named" in series_page and escape(championship.unknown) in series_page  # the reason, a click away
    assert all(row["champion"] == "" for row in csv_rows(client.get("/series/cup/1990/", {"_export": "csv"})))
    assert "championship" not in client.get(cup_1990["earnhardt"].get_absolute_url()).content.decode().split("<h2")[0]


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


def test_an_editor_enters_the_official_champion_and_admin_shows_the_disagreement(editor_client, client, cup_1990):
    season = cup_1990["season"]
    url = f"/admin/results/season/{season.pk}/change/"
    page = editor_client.get(url).content.decode()
    assert "Championship format" in page and "computed from the results, not yet confirmed" in page
    data = season_form(
        season, **{"champion_fact-0-driver": cup_1990["martin"].pk, "champion_fact-0-source": "Test oracle, p. 12"}
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert ChampionFact.objects.get(season=season).driver == cup_1990["martin"]
    page = editor_client.get(url).content.decode()
    assert "official (the editor" in page and Championship.objects.get(season=season).disagreements
    fan = client.get("/series/cup/1990/").content.decode()
    assert "Champion: <a" in fan and "Mark Martin</strong>" in fan and "computed from the results" not in fan
    assert [r["Driver"] for r in csv_rows(client.get("/series/cup/1990/", {"_export": "csv"})) if r["champion"]] == [
        "Mark Martin"
    ]
    assert "Added official champion" in LogEntry.objects.get(object_id=str(season.pk)).get_change_message()
    series = client.get("/series/cup/").content.decode()
    assert "Mark Martin</a></td>" in series and "(computed)" not in series
    martin = client.get(cup_1990["martin"].get_absolute_url())
    assert "1 championship</strong></p>" in martin.content.decode()  # official: no "computed" note
    assert martin.context["by_season"].data[0]["champion"]


def final_table(response):
    return [
        (row["position"], row["driver_name"], row["points"], row["gap"]) for row in response.context["standings"].data
    ]


def test_an_official_champion_with_fewer_points_leads_the_table_and_no_one_is_a_negative_gap_behind(
    client, cup_1990, django_assert_max_num_queries
):
    ChampionFact.objects.create(season=cup_1990["season"], driver=cup_1990["martin"], source="NASCAR's record book")
    summaries.refresh(seasons=[cup_1990["season"]])
    response = get(client, "/series/cup/1990/", django_assert_max_num_queries)
    # Behind counts from the most points: the official champion is 25 behind Earnhardt
    assert final_table(response) == [
        (1, "Mark Martin", 515, 25),
        (2, "Dale Earnhardt", 540, 0),
        (3, "Geoff Bodine", 500, 40),
    ]
    assert (
        "Mark Martin is champion by the editor&#x27;s official record; Dale Earnhardt has 25 points more."
        in response.content.decode()
    )
    api = client.get("/api/v1/seasons/cup/1990/").json()["standings"]
    assert [(row["driver"]["name"], row["behind"]) for row in api] == [
        ("Mark Martin", 25),
        ("Dale Earnhardt", 0),
        ("Geoff Bodine", 40),
    ]


def test_an_editor_withdraws_the_points_leader_from_the_title_and_the_next_driver_is_champion(
    editor_client, client, cup_1990
):
    season = cup_1990["season"]
    data = season_form(
        season, **{"playoff_facts-0-driver": cup_1990["earnhardt"].pk, "playoff_facts-0-kind": "withdrawn"}
    )
    assert editor_client.post(f"/admin/results/season/{season.pk}/change/", data).status_code == 302
    response = client.get("/series/cup/1990/")
    page = response.content.decode()
    assert "Champion (computed from the results): <a" in page and "Mark Martin</strong>" in page
    assert final_table(response)[:2] == [(1, "Mark Martin", 515, 25), (2, "Dale Earnhardt", 540, 0)]
    assert "Mark Martin is champion by the season&#x27;s format and its editors&#x27; facts" in page


def test_a_penalty_entered_in_admin_changes_the_standings_and_is_shown(editor_client, client, cup_1990):
    season, earnhardt = cup_1990["season"], cup_1990["earnhardt"]
    data = season_form(
        season,
        **{
            "adjustments-0-driver": earnhardt.pk,
            "adjustments-0-event": cup_1990["races"][1].pk,
            "adjustments-0-points": -50,
            "adjustments-0-playoff_points": 0,
            "adjustments-0-reason": "Illegal carburettor spacer",
        },
    )
    assert editor_client.post(f"/admin/results/season/{season.pk}/change/", data).status_code == 302
    assert PointsAdjustment.objects.get().points == -50
    response = client.get("/series/cup/1990/")
    assert order(response) == [(1, "Mark Martin", 515), (2, "Geoff Bodine", 500), (3, "Dale Earnhardt", 490)]
    page = response.content.decode()
    assert "-50 points after round 2 — Illegal carburettor spacer" in page
    assert order(client.get("/series/cup/1990/", {"after": 1}))[0][1] == "Dale Earnhardt"  # before the penalty
    assert client.get(earnhardt.get_absolute_url()).context["by_season"].data[0]["championship"] == 3


def test_an_adjustment_for_another_season_s_race_is_refused_on_its_field(editor_client, cup_1990, make):
    other = make.event(year=1991, series=cup_1990["season"].series)
    data = season_form(
        cup_1990["season"],
        **{
            "adjustments-0-driver": cup_1990["earnhardt"].pk,
            "adjustments-0-event": other.pk,
            "adjustments-0-points": -10,
            "adjustments-0-playoff_points": 0,
            "adjustments-0-reason": "x",
        },
    )
    response = editor_client.post(f"/admin/results/season/{cup_1990['season'].pk}/change/", data)
    assert response.status_code == 200 and not PointsAdjustment.objects.exists()


def test_an_exhibition_race_is_left_out_of_standings_and_totals(editor_client, client, cup_1990):
    from tests.test_admin_entry import event_form_data

    exhibition = cup_1990["races"][2]
    data = event_form_data(exhibition, _continue="1")
    del data["counts_for_points"]  # the editor unticks "counts for points"
    assert editor_client.post(f"/admin/results/event/{exhibition.pk}/change/", data).status_code == 302
    response = client.get("/series/cup/1990/")
    assert order(response)[:2] == [(1, "Dale Earnhardt", 360), (2, "Mark Martin", 350)]
    assert "was a non-points race" in response.content.decode()
    assert "A non-points race" in client.get(exhibition.get_absolute_url()).content.decode()
    assert cup_1990["earnhardt"].season_totals.get().starts == 2
    assert client.get("/series/cup/1990/", {"after": 3}).status_code == 404


def test_a_season_moved_to_another_year_is_recomputed(editor_client, cup_1990):
    season = cup_1990["season"]
    assert Championship.objects.get(season=season).rulebook == "cup-1975"
    data = season_form(season, year=2020)  # a playoff year: another format, and three races settle nothing
    assert editor_client.post(f"/admin/results/season/{season.pk}/change/", data).status_code == 302
    moved = Championship.objects.get(season=season)
    assert moved.rulebook != "cup-1975" and moved.champion is None and moved.unknown
    assert Standing.objects.filter(season=season, latest=True).count() == 3


def test_a_driver_merge_recomputes_the_standings_and_moves_the_facts(editor_client, cup_1990, make):
    duplicate = make.driver(name="Dale Earnhardt Sr")
    Entry.objects.filter(event=cup_1990["races"][2], driver=cup_1990["earnhardt"]).update(driver=duplicate)
    summaries.refresh(seasons=[cup_1990["season"]])
    PointsAdjustment.objects.create(
        season=cup_1990["season"], driver=duplicate, event=cup_1990["races"][2], points=-5, reason="Late"
    )
    summaries.refresh(seasons=[cup_1990["season"]])
    data = {"action": "merge_selected", "_selected_action": [cup_1990["earnhardt"].pk, duplicate.pk]}
    editor_client.post("/admin/results/driver/", {**data, "keep": cup_1990["earnhardt"].pk}, follow=True)
    assert PointsAdjustment.objects.get().driver == cup_1990["earnhardt"]
    final = Standing.objects.get(season=cup_1990["season"], latest=True, driver=cup_1990["earnhardt"])
    assert (final.position, final.points) == (1, 535)
    assert not Standing.objects.filter(driver_id=duplicate.pk).exists()


def test_the_api_season_gives_the_champion_and_the_standings(client, cup_1990, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        body = client.get("/api/v1/seasons/cup/1990/").json()
    assert body["championship"]["champion"]["name"] == "Dale Earnhardt"
    assert body["championship"]["official"] is False
    assert [(r["position"], r["driver"]["name"], r["points"]) for r in body["standings"]][0] == (
        1,
        "Dale Earnhardt",
        540,
    )


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


def test_a_playoff_season_shows_its_grid_its_cuts_and_its_resets(client, truck_2016, django_assert_max_num_queries):
    response = get(client, "/series/truck/2016/", django_assert_max_num_queries)
    assert response.context["grid_rounds"] == [16, 19, 22, 23]
    grid = {name: cells for name, _, cells in response.context["grid"]}
    assert len(grid) == 8 and "Driver 09" not in grid  # the field of eight
    assert grid["Driver 01"][-1].startswith("Champion") and grid["Driver 08"][1].startswith("Eliminated")
    assert [row["status"] for row in response.context["standings"].data][:2] == ["champion", "final"]
    page = response.content.decode()
    assert page.count('class="reset"') == 3 and "Playoff grid" in page
    assert "status" in [column.name for column in response.context["standings"].columns]  # the Playoffs column


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


def test_this_year_s_season_is_shown_running_everywhere(client, arca_this_year, django_assert_max_num_queries):
    season = get(client, arca_this_year["url"], django_assert_max_num_queries)
    page = season.content.decode()
    assert "No champion named: The season is not over." in page
    assert "Standings after round 2" in page and "Final standings" not in page
    assert order(season) == [(1, "Leader", 80), (2, "Second", 70)]
    assert [row["status"] for row in season.context["standings"].data] == ["", ""]  # no one marked champion
    assert all(row["champion"] == "" for row in csv_rows(client.get(arca_this_year["url"], {"_export": "csv"})))

    driver = get(client, arca_this_year["leader"].get_absolute_url(), django_assert_max_num_queries)
    assert '1 <span class="muted">after round 2</span>' in driver.content.decode()  # his place so far, not final
    assert not driver.context["by_season"].data[0]["champion"] and driver.context["titles"] == (0, 0)

    body = client.get(arca_this_year["api"]).json()
    assert body["championship"]["final"] is False and body["championship"]["after_round"] == 2
    assert body["championship"]["champion"] is None
    assert body["championship"]["unknown"] == "The season is not over."
    assert [row["status"] for row in body["standings"]] == ["", ""]

    (leader, _) = get(client, "/", django_assert_max_num_queries).context["leaders"]
    assert (leader["after"], leader["champion"], leader["status_words"]) == ("after round 2, season running", False, "")
    assert "not named: why?" in get(client, "/series/arca/", django_assert_max_num_queries).content.decode()
    records = get(client, "/series/arca/records/", django_assert_max_num_queries)
    assert records.context["champions"] == [] and records.context["unnamed"] == []


def test_at_new_year_the_season_just_ended_is_final_without_a_recompute(
    client, arca_this_year, monkeypatch, django_assert_max_num_queries
):
    new_year(monkeypatch, arca_this_year["year"] + 1)
    season = get(client, arca_this_year["url"], django_assert_max_num_queries)
    page = season.content.decode()
    assert "Champion (computed from the results): <a" in page and "Leader</strong>" in page
    assert "Final standings" in page and "Standings after round 2" not in page
    assert [row["status"] for row in season.context["standings"].data] == ["champion", ""]
    rows = csv_rows(client.get(arca_this_year["url"], {"_export": "csv"}))
    assert [(row["Driver"], row["champion"]) for row in rows] == [("Leader", "yes"), ("Second", "")]

    driver = get(client, arca_this_year["leader"].get_absolute_url(), django_assert_max_num_queries)
    assert "after round" not in driver.content.decode()
    assert driver.context["by_season"].data[0]["champion"] and "1 championship" in driver.content.decode()

    body = client.get(arca_this_year["api"]).json()
    assert body["championship"]["final"] is True and body["championship"]["champion"]["name"] == "Leader"
    assert [row["status"] for row in body["standings"]] == ["champion", ""]

    (leader, _) = get(client, "/", django_assert_max_num_queries).context["leaders"]
    assert (leader["after"], leader["champion"], leader["status_words"]) == ("final standings", True, "Champion")
    assert 'Leader</a> <span class="muted">(computed)' in client.get("/series/arca/").content.decode()
    records = get(client, "/series/arca/records/", django_assert_max_num_queries)
    assert [(t.name, t.seasons) for t in records.context["champions"]] == [
        ("Leader", [(arca_this_year["year"], False)])
    ]


def test_an_official_champion_is_named_while_his_season_still_runs(client, arca_this_year):
    season = Entry.objects.filter(driver=arca_this_year["leader"]).first().event.season
    ChampionFact.objects.create(season=season, driver=arca_this_year["leader"], source="ARCA's release")
    summaries.refresh(seasons=[season])
    page = client.get(arca_this_year["url"]).content.decode()
    assert "Champion: <a" in page and "Standings after round 2" in page  # named, the standings not yet final
    assert client.get(arca_this_year["api"]).json()["championship"]["final"] is False


def test_a_browser_s_copy_from_december_is_not_confirmed_on_new_year_s_day(client, arca_this_year, monkeypatch):
    december = client.get(arca_this_year["api"])
    assert client.get(arca_this_year["api"], headers={"if-none-match": december["ETag"]}).status_code == 304
    new_year(monkeypatch, arca_this_year["year"] + 1)
    for validator in ({"if-none-match": december["ETag"]}, {"if-modified-since": december["Last-Modified"]}):
        response = client.get(arca_this_year["api"], headers=validator)
        assert response.status_code == 200 and response.json()["championship"]["final"] is True


def test_a_page_cached_in_december_is_not_served_on_new_year_s_day(client, arca_this_year, monkeypatch, settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    assert "Standings after round 2" in client.get(arca_this_year["url"]).content.decode()
    new_year(monkeypatch, arca_this_year["year"] + 1)
    assert "Final standings" in client.get(arca_this_year["url"]).content.decode()
    cache.clear()


def test_an_editor_s_waiver_settles_a_field_the_results_cannot(editor_client, client, truck_2016):
    leader = truck_2016[0]
    Entry.objects.filter(driver=leader, event__round=5).delete()  # he missed a regular-season race
    season = Entry.objects.filter(driver=leader).first().event.season
    summaries.refresh(seasons=[season])
    before = Championship.objects.get(season=season)
    assert before.champion is None and "waive" in before.unknown
    assert "No champion named" in client.get("/series/truck/2016/").content.decode()
    data = season_form(season, **{"playoff_facts-0-driver": leader.pk, "playoff_facts-0-kind": "waiver"})
    assert editor_client.post(f"/admin/results/season/{season.pk}/change/", data).status_code == 302
    after = Championship.objects.get(season=season)
    assert (after.champion, after.official) == (leader, False)  # computed, now that the field is known
    assert "Champion (computed from the results)" in client.get("/series/truck/2016/").content.decode()


def test_the_records_page_counts_titles_where_seasons_name_their_champion(
    client, cup_1990, make, django_assert_max_num_queries
):
    race = make.event(year=1991, round=1, series=cup_1990["season"].series, name="Race 1")
    Entry.objects.create(event=race, driver=cup_1990["martin"], finish=1)  # points not in the results
    Entry.objects.create(event=race, driver=cup_1990["earnhardt"], finish=2)
    summaries.refresh(seasons=[race.season_id])
    response = get(client, "/series/cup/records/", django_assert_max_num_queries)
    titles = [(t.rank, t.name, t.seasons) for t in response.context["champions"]]
    assert titles == [(1, "Dale Earnhardt", [(1990, False)])]
    assert response.context["unnamed"] == [1991]
    assert "No champion is named for 1 season" in response.content.decode()

    ChampionFact.objects.create(season=race.season, driver=cup_1990["earnhardt"], source="NASCAR's record book")
    summaries.refresh(seasons=[race.season_id])
    response = get(client, "/series/cup/records/", django_assert_max_num_queries)
    assert [(t.name, t.seasons) for t in response.context["champions"]] == [
        ("Dale Earnhardt", [(1990, False), (1991, True)])
    ]
    assert response.context["unnamed"] == []


def test_1972_points_for_laps_completed_come_from_the_stored_laps_and_track(client, make):
    cup = make.series("NASCAR Cup Series", "Cup")
    track = make.track(name="Talladega Superspeedway", length_miles=Decimal("2.66"))
    race = make.event(year=1972, round=1, series=cup, track=track)
    winner, runner_up = make.driver(name="James Hylton"), make.driver(name="Bobby Isaac")
    Entry.objects.create(event=race, driver=winner, finish=1, points=125, laps=20, status="engine")
    Entry.objects.create(event=race, driver=runner_up, finish=2, points=123, laps=188)  # laps made up the rest
    summaries.refresh(seasons=[race.season_id])
    assert Championship.objects.get(season=race.season_id).champion == runner_up


def test_merging_the_champion_into_his_other_spelling_keeps_the_title(editor_client, cup_1990, make):
    spelling = make.driver(name="Dale Earnhardt Sr.")
    data = {"action": "merge_selected", "_selected_action": [cup_1990["earnhardt"].pk, spelling.pk]}
    response = editor_client.post("/admin/results/driver/", {**data, "keep": spelling.pk}, follow=True)
    assert response.status_code == 200
    assert Championship.objects.get(season=cup_1990["season"]).champion == spelling


def test_a_career_with_an_exhibition_pages_through_every_result(client, cup_1990, make):
    clash = make.event(year=1991, round=1, series=cup_1990["season"].series, name="The Clash", counts_for_points=False)
    Entry.objects.create(event=clash, driver=cup_1990["earnhardt"], finish=1)
    for year in range(1992, 1992 + 47):  # 51 results in all, 50 of them counting: two pages of 50
        race = make.event(year=year, round=1, series=cup_1990["season"].series, name=f"Race {year}")
        Entry.objects.create(event=race, driver=cup_1990["earnhardt"], finish=1, points=185)
    summaries.refresh(seasons=Entry.objects.values_list("event__season", flat=True).distinct())
    url = cup_1990["earnhardt"].get_absolute_url()
    shown = [row.record.pk for page in (1, 2) for row in client.get(url, {"page": page}).context["results"].page]
    assert len(set(shown)) == Entry.objects.filter(driver=cup_1990["earnhardt"]).count() == 51


def test_a_new_season_with_only_its_exhibition_run_says_so_and_home_keeps_the_last_standings(client, cup_1990, make):
    clash = make.event(year=1991, round=1, series=cup_1990["season"].series, name="The Clash", counts_for_points=False)
    Entry.objects.create(event=clash, driver=cup_1990["martin"], finish=1)
    summaries.refresh(seasons=[clash.season_id])
    page = client.get("/series/cup/1991/")
    assert page.status_code == 200
    assert "No standings yet: no race of this season counts for points" in page.content.decode()
    assert "Final standings" not in page.content.decode()
    leaders = [(row["year"], row["driver_name"]) for row in client.get("/").context["leaders"]]
    assert leaders[0] == (1990, "Dale Earnhardt")


def test_an_exhibition_win_is_no_first_win_and_no_streak_on_the_records_page(client, cup_1990, make):
    clash = make.event(year=1991, round=1, series=cup_1990["season"].series, name="The Clash", counts_for_points=False)
    Entry.objects.create(event=clash, driver=cup_1990["bodine"], finish=1)
    Entry.objects.create(event=clash, driver=cup_1990["earnhardt"], finish=2)
    race = make.event(year=1991, round=2, series=cup_1990["season"].series, name="Race 1")
    Entry.objects.create(event=race, driver=cup_1990["earnhardt"], finish=1, points=185)
    summaries.refresh(seasons=[clash.season_id])
    response = client.get("/series/cup/records/")
    assert "Geoff Bodine" not in [name for name, _, _ in response.context["first_wins"]]
    # Earnhardt won 1990's last race and 1991's first points race: the Clash between does not break it
    assert response.context["streaks"][0][:3] == ("Dale Earnhardt", "dale-earnhardt", 2)


def test_a_status_the_results_do_not_settle_is_shown_open_on_every_page(
    client, truck_2016, django_assert_max_num_queries
):
    leader = truck_2016[0]
    Entry.objects.filter(driver=leader, event__round=5).delete()  # a missed race: his field place needs a waiver
    summaries.refresh(seasons=[Entry.objects.filter(driver=leader).first().event.season_id])
    response = get(client, "/series/truck/2016/", django_assert_max_num_queries)
    page = response.content.decode()
    assert 'Championship four<a href="#open-status"' in page  # not "Championship four" as a fact
    assert "? The results do not settle this playoff status: see why no champion is named above." in page
    assert "whether NASCAR waived that" in page  # the reason, above
    grid = {name: cells for name, _, cells in response.context["grid"]}
    assert grid["Driver 01"][0] == "In the playoffs? (P3)" and grid["Driver 02"][0] == "In the playoffs (P1)"
    rows = {row["Driver"]: row for row in csv_rows(client.get("/series/truck/2016/", {"_export": "csv"}))}
    assert (rows["Driver 01"]["Playoffs"], rows["Driver 02"]["Playoffs"]) == ("final?", "final")
    (first, *_) = get(client, "/", django_assert_max_num_queries).context["leaders"]
    assert first["status_words"] == "Championship four?"
    assert "the season&#x27;s page says why" in get(client, "/", django_assert_max_num_queries).content.decode()
    with django_assert_max_num_queries(MAX_QUERIES):
        body = client.get("/api/v1/seasons/truck/2016/").json()
    standing = {row["driver"]["name"]: row for row in body["standings"]}
    assert standing["Driver 01"]["status_certain"] is False and standing["Driver 02"]["status_certain"] is True


def test_a_settled_playoff_season_shows_no_open_status(client, truck_2016, django_assert_max_num_queries):
    response = get(client, "/series/truck/2016/", django_assert_max_num_queries)
    assert "open-status" not in response.content.decode()
    grid = response.context["grid"]
    assert not [cell for _, _, cells in grid for cell in cells if "?" in cell]
    csv_text = client.get("/series/truck/2016/", {"_export": "csv"}).getvalue().decode()
    assert "?" not in csv_text and "not settle" not in get(client, "/", django_assert_max_num_queries).content.decode()


def test_a_driver_s_summary_names_the_seasons_whose_champion_the_results_cannot_name(
    client, cup_1990, make, django_assert_max_num_queries
):
    earnhardt = cup_1990["earnhardt"]
    lost = make.event(year=1991, round=1, series=cup_1990["season"].series, name="Race with no points")
    Entry.objects.create(event=lost, driver=earnhardt, finish=1, points=None)
    this_year = make.event(year=timezone.localdate().year, round=1, series=cup_1990["season"].series)
    Entry.objects.create(event=this_year, driver=earnhardt, finish=1, points=None)  # running: not "no champion"
    summaries.refresh(seasons=[lost.season_id, this_year.season_id])
    summary = get(client, earnhardt.get_absolute_url(), django_assert_max_num_queries).content.decode().split("<h2")[0]
    assert "1 championship" in summary  # 1990, as before
    assert 'no champion named for 1 of these seasons: <a href="/series/cup/1991/">1991</a>' in summary
    assert client.get("/series/cup/1991/").content.decode().count("No champion named:") == 1  # which says why
    martin = get(client, cup_1990["martin"].get_absolute_url(), django_assert_max_num_queries)
    assert "no champion named" not in martin.content.decode()  # his one season named its champion


def test_a_driver_an_editor_withdraws_from_the_playoffs_is_shown_withdrawn_not_eliminated(
    editor_client, client, truck_2016, django_assert_max_num_queries
):
    season = Entry.objects.filter(driver=truck_2016[0]).first().event.season
    PlayoffFact.objects.bulk_create(PlayoffFact(season=season, driver=d, kind="field") for d in truck_2016[:8])
    withdrawn = truck_2016[2]
    data = season_form(season, **{"playoff_facts-0-driver": withdrawn.pk, "playoff_facts-0-kind": "withdrawn"})
    assert editor_client.post(f"/admin/results/season/{season.pk}/change/", data).status_code == 302
    response = get(client, "/series/truck/2016/", django_assert_max_num_queries)
    grid = {name: cells for name, _, cells in response.context["grid"]}
    assert [cell.split(" (")[0] for cell in grid["Driver 03"]] == ["In the playoffs", *["Withdrawn"] * 3]
    assert grid["Driver 08"][1].startswith("Eliminated")  # the cut itself is unchanged for the others
    rows = {row["Driver"]: row for row in csv_rows(client.get("/series/truck/2016/", {"_export": "csv"}))}
    assert rows["Driver 03"]["Playoffs"] == "withdrawn"
    assert "After round 19: 1 eliminated, 1 withdrawn, 6 still in" in response.content.decode()  # the chart's cut


def test_an_open_status_beside_a_named_champion_says_what_the_results_leave_open(
    client, truck_2016, django_assert_max_num_queries
):
    seventh = truck_2016[6]
    Entry.objects.filter(driver=seventh, event__round=5).delete()  # his place in the field needs a waiver
    summaries.refresh(seasons=[Entry.objects.filter(driver=seventh).first().event.season_id])
    response = get(client, "/series/truck/2016/", django_assert_max_num_queries)
    page = response.content.decode()
    assert "Champion (computed from the results)" in page  # the title is settled all the same
    assert (
        "? The results do not settle this playoff status: Driver 07 missed 1 of the 16 races before the playoffs: "
        "whether NASCAR waived that, which decides the field, is not in the results."
    ) in page
