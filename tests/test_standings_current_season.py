"""A season still running is shown running, and becomes final at New Year without a recompute."""

from django.core.cache import cache

from results import summaries
from results.models import ChampionFact, Entry
from tests.standings_seasons import csv_rows, get, new_year, order


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
