"""A fan looks for the champion and the standings, on the season, series, driver, records and API pages."""

from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.html import escape

from results import summaries
from results.models import ChampionFact, Championship, Entry
from tests.standings_seasons import MAX_QUERIES, csv_rows, get, order


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
