"""An editor records the official facts in admin (champion, penalties, waivers, withdrawals, merges)
and a fan sees the standings follow."""

from django.contrib.admin.models import LogEntry

from results import summaries
from results.models import ChampionFact, Championship, Entry, PlayoffFact, PointsAdjustment, Standing
from tests.standings_seasons import csv_rows, cup_1972_at_talladega, final_table, get, order, season_form


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


def test_merging_the_champion_into_his_other_spelling_keeps_the_title(editor_client, cup_1990, make):
    spelling = make.driver(name="Dale Earnhardt Sr.")
    data = {"action": "merge_selected", "_selected_action": [cup_1990["earnhardt"].pk, spelling.pk]}
    response = editor_client.post("/admin/results/driver/", {**data, "keep": spelling.pk}, follow=True)
    assert response.status_code == 200
    assert Championship.objects.get(season=cup_1990["season"]).champion == spelling


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


def test_an_editor_s_track_length_recomputes_the_seasons_that_paid_points_by_it(editor_client, client, make):
    race, runner_up = cup_1972_at_talladega(make)
    assert Championship.objects.get(season=race.season_id).champion is None  # the length is not known
    data = {"name": "Talladega Superspeedway", "length_miles": "2.66", "surface": "", "kind": "", "location": ""}
    for key in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
        data[f"aliases-{key}"] = {"TOTAL_FORMS": 0, "MAX_NUM_FORMS": 1000}.get(key, 0)
    response = editor_client.post(f"/admin/results/track/{race.track_id}/change/", data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert Championship.objects.get(season=race.season_id).champion == runner_up
    assert "Bobby Isaac</strong>" in client.get("/series/cup/1972/").content.decode()
