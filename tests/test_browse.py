"""A fan browses: every track, team and make; a series' seasons; records; two drivers head to head; feeds."""

import pytest

from results.models import Event, ImportRun

MAX_QUERIES = 10


def get(client, url, django_assert_max_num_queries, **params):
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return response


def rows(response, name="table"):
    return [row.record for row in response.context[name].paginated_rows]


@pytest.fixture
def cup(season, make):
    """The 2022 Truck season, plus two Cup seasons at Mid-Ohio with Kligerman and Smith."""
    cup = make.series(name="NASCAR Cup Series", short_name="Cup", sort_order=1)
    hendrick = make.team(name="Hendrick Motorsports")
    for year, winner in [(2023, "kligerman"), (2024, "kligerman")]:
        for round_number in (1, 2):
            race = make.event(year=year, round=round_number, series=cup, track=season["mid_ohio"], name="Cup race")
            first, second = (
                (season[winner], season["smith"]) if round_number == 1 else (season["smith"], season[winner])
            )
            make.entry(event=race, driver=first, finish=1, start=2, team=hendrick, laps=100, laps_led=60)
            make.entry(event=race, driver=second, finish=2, start=1, team=hendrick, laps=100, laps_led=40)
    return cup


def test_tracks_index_counts_races_per_series(client, cup, season, django_assert_max_num_queries):
    response = get(client, "/tracks/", django_assert_max_num_queries)
    by_name = {row["name"]: row for row in rows(response)}
    mid_ohio = by_name["Mid-Ohio Sports Car Course"]
    assert (mid_ohio["races_cup"], mid_ohio["races_truck"], mid_ohio["races"]) == (4, 1, 5)
    assert (mid_ohio["first"], mid_ohio["last"]) == (2022, 2024)
    assert rows(response)[0]["name"] == "Mid-Ohio Sports Car Course"  # most races first
    response = get(client, "/tracks/", django_assert_max_num_queries, series="cup")
    assert [row["name"] for row in rows(response)] == ["Mid-Ohio Sports Car Course"]
    response = get(client, "/tracks/", django_assert_max_num_queries, q="pocono", sort="name")
    assert [row["name"] for row in rows(response)] == ["Pocono Raceway"]


def test_teams_and_makes_index_totals_follow_the_series(client, cup, django_assert_max_num_queries):
    response = get(client, "/teams/", django_assert_max_num_queries, sort="-n_wins")
    assert [(r["name"], r["n_starts"], r["n_wins"]) for r in rows(response)] == [
        ("Hendrick Motorsports", 8, 4),
        ("ThorSport Racing", 7, 2),
    ]
    assert response.context["table"].caption == "Teams: totals in all series combined"
    response = get(client, "/teams/", django_assert_max_num_queries, series="truck")
    assert [(r["name"], r["n_starts"]) for r in rows(response)] == [("ThorSport Racing", 7)]
    response = get(client, "/manufacturers/", django_assert_max_num_queries, q="toy")
    assert [(r["name"], r["n_starts"], r["first"], r["last"]) for r in rows(response)] == [("Toyota", 3, 2022, 2022)]


def test_series_page_lists_every_season_with_races_and_most_wins(client, cup, django_assert_max_num_queries):
    response = get(client, "/series/cup/", django_assert_max_num_queries)
    seasons = [(season.year, season.races, leaders) for season, leaders, _ in response.context["seasons"]]
    assert seasons == [
        (2024, 2, [("Parker Kligerman", "parker-kligerman", 1), ("Zane Smith", "zane-smith", 1)]),
        (2023, 2, [("Parker Kligerman", "parker-kligerman", 1), ("Zane Smith", "zane-smith", 1)]),
    ]
    page = response.content.decode()
    assert "/series/cup/records/" in page and "/series/cup/feed/" in page


def test_season_page_links_the_seasons_around_it_and_its_laps_leaders(client, cup, django_assert_max_num_queries):
    response = get(client, "/series/cup/2023/", django_assert_max_num_queries)
    assert (response.context["previous_year"], response.context["next_year"]) == (None, 2024)
    assert '<a rel="next" href="/series/cup/2024/">2024 →</a>' in response.content.decode()
    led = [(row["driver_name"], row["n_led"]) for row in response.context["laps_led"].data]
    assert led == [("Parker Kligerman", 100), ("Zane Smith", 100)]


def test_track_page_tells_each_season_s_winners_front_row_and_laps_leader(
    client, cup, season, django_assert_max_num_queries
):
    response = get(client, season["mid_ohio"].get_absolute_url(), django_assert_max_num_queries)
    newest = response.context["track_seasons"][0]
    assert (newest["year"], newest["series"].short_name, len(newest["races"])) == (2024, "Cup", 2)
    assert [(e.winner_name, e.pole_name, e.led_name, e.led_laps) for e in newest["races"]] == [
        ("Parker Kligerman", "Zane Smith", "Parker Kligerman", 60),
        ("Zane Smith", "Parker Kligerman", "Zane Smith", 60),
    ]
    page = response.content.decode()
    assert "Lead changes are not in the results we hold" in page
    assert response.context["by_season"] is None  # no sums of starts and finishes that mean nothing for a track


def test_records_of_a_series(client, cup, django_assert_max_num_queries):
    response = get(client, "/series/cup/records/", django_assert_max_num_queries)
    categories = {name: (all_time, single) for name, _, all_time, single in response.context["categories"]}
    wins, single_wins = categories["wins"]
    assert [(row["driver_name"], row["value"], row["rank"]) for row in wins] == [
        ("Parker Kligerman", 2, 1),
        ("Zane Smith", 2, 1),
    ]
    assert [(row["driver_name"], row["year"], row["value"]) for row in single_wins][:2] == [
        ("Parker Kligerman", 2023, 1),
        ("Parker Kligerman", 2024, 1),
    ]
    # Smith won 2023 round 2, then Kligerman 2024 round 1: no one won twice in a row... until the data says so
    assert response.context["streaks"] == []
    assert response.context["first_wins"][0] == ("Zane Smith", "zane-smith", (2023, 2))
    page = response.content.decode()
    assert "no birth dates" in page and 'href="/drivers/parker-kligerman/?series=cup"' in page


def test_a_win_streak_spans_seasons(client, cup, season, make, django_assert_max_num_queries):
    race = make.event(year=2025, round=1, series=cup, track=season["mid_ohio"])
    make.entry(event=race, driver=season["kligerman"], finish=2)
    make.entry(event=race, driver=season["smith"], finish=1)
    response = get(client, "/series/cup/records/", django_assert_max_num_queries)
    assert response.context["streaks"] == [("Zane Smith", "zane-smith", 2, (2024, 2), (2025, 1))]


def test_head_to_head(client, cup, season, django_assert_max_num_queries):
    url = "/drivers/parker-kligerman/vs/zane-smith/"
    response = get(client, url, django_assert_max_num_queries)
    assert response.context["overall"] == {"races": 6, "ahead": 3, "behind": 3}
    assert [(r["year"], r["series_name"], r["races"], r["ahead"]) for r in response.context["seasons"]] == [
        (2024, "Cup", 2, 1),
        (2023, "Cup", 2, 1),
        (2022, "Truck", 2, 1),
    ]
    totals = [(r["series_name"], r["driver_name"], r["n_wins"]) for r in response.context["totals"].data]
    assert totals == [  # series in their order (Truck's sort order is the fixture's 0), the first driver first
        ("Truck", "Parker Kligerman", 1),
        ("Truck", "Zane Smith", 1),
        ("Cup", "Parker Kligerman", 2),
        ("Cup", "Zane Smith", 2),
    ]
    assert len(response.context["races"].rows) == 6
    # every race they both ran: each driver's finish, side by side, and sortable by the rival's
    page = response.content.decode()
    assert '<a href="?sort=rival_finish">Zane Smith</a>' in page
    by_rival = get(client, url, django_assert_max_num_queries, sort="rival_finish")
    meetings = [(row.record.finish, row.record.rival_finish) for row in by_rival.context["races"].paginated_rows]
    assert sorted(meetings) == [(1, 2), (1, 2), (1, 2), (2, 1), (2, 1), (2, 1)]
    assert [rival for _, rival in meetings] == [1, 1, 1, 2, 2, 2]
    career = client.get(season["kligerman"].get_absolute_url()).content.decode()
    assert 'action="/drivers/parker-kligerman/vs/"' in career
    response = client.get("/drivers/parker-kligerman/vs/", {"with": "zane smiht"})
    assert response.status_code == 302 and response["Location"] == url
    assert client.get("/drivers/parker-kligerman/vs/parker-kligerman/").status_code == 404
    assert client.get("/drivers/parker-kligerman/vs/", {"with": "qqqqzzz"}).status_code == 404


def test_atom_feeds_of_new_results(client, cup, season):
    run = ImportRun.objects.create(source="report.txt", outcome="created")
    run.events.add(season["events"][1])
    everything = client.get("/feed/")
    assert everything["Content-Type"].startswith("application/atom+xml")
    body = everything.content.decode()
    assert body.count("<entry>") == Event.objects.count() and "Won by Zane Smith at Pocono Raceway." in body
    truck = client.get("/series/truck/feed/").content.decode()
    assert truck.count("<entry>") == 2 and "2022 Truck, round 2: CRC Brakleen 150" in truck
    assert client.get("/series/nope/feed/").status_code == 404


def test_index_pages_stay_within_the_query_ceiling_as_data_grows(client, cup, make, django_assert_max_num_queries):
    for round_number in range(3, 8):
        race = make.event(round=round_number, track=make.track())
        for finish in range(1, 6):
            make.entry(event=race, finish=finish, team=make.team(), manufacturer=make.manufacturer(f"Make {finish}"))
    for url in ["/tracks/", "/teams/", "/manufacturers/", "/series/truck/", "/series/truck/records/", "/feed/"]:
        get(client, url, django_assert_max_num_queries)


def test_og_title_and_report_source(client, season):
    first, _ = season["events"]
    Event.objects.filter(pk=first.pk).update(source="/srv/racesite/uploads/2022-truck-mid-ohio.txt")
    page = client.get(first.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="2022 O&#x27;Reilly 150 results">' in page
    assert "/srv/racesite" not in page and "(2022-truck-mid-ohio.txt)" in page
    for url in ["/", "/tracks/", "/search/?q=x", season["kligerman"].get_absolute_url()]:
        page = client.get(url).content.decode()
        assert '<meta property="og:title" content="racesite">' not in page, url
