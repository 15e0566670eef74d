"""A fan types a name, with typos and without accents, in the box every page carries."""

import pytest

MAX_QUERIES = 10


@pytest.fixture
def site(season, make):
    cup = make.series(name="NASCAR Cup Series", short_name="Cup", sort_order=1)
    daytona = make.track(name="Daytona International Speedway", location="Daytona Beach, FL")
    petty, kyle = make.driver(name="Richard Petty"), make.driver(name="Kyle Petty")
    hendrick, ray = make.team(name="Hendrick Motorsports"), make.driver(name="Ray Hendrick")
    for year in (2022, 2023, 2024):
        race = make.event(year=year, round=1, series=cup, track=daytona, name="Daytona 500")
        make.entry(event=race, driver=petty, finish=1, team=hendrick)
        if year > 2022:
            make.entry(event=race, driver=kyle, finish=2, team=hendrick)
            make.entry(event=race, driver=ray, finish=3)
        for finish in range(4, 8):  # a team fields several cars: more starts than any one driver
            make.entry(event=race, finish=finish, team=hendrick)
    return {**season, "petty": petty, "daytona": daytona, "hendrick": hendrick, "cup": cup}


def find(client, text, django_assert_max_num_queries, **extra):
    with django_assert_max_num_queries(MAX_QUERIES):
        return client.get("/search/", {"q": text, **extra})


def test_a_typo_goes_straight_to_the_driver(client, site, django_assert_max_num_queries):
    response = find(client, "ricahrd petty", django_assert_max_num_queries)
    assert response.status_code == 302 and response["Location"] == "/drivers/richard-petty/"


def test_a_race_with_its_year_goes_straight_to_it(client, site, django_assert_max_num_queries):
    response = find(client, "daytona 500 2024", django_assert_max_num_queries)
    assert response.status_code == 302 and response["Location"].startswith("/races/2024-cup-01-daytona")


def test_a_series_and_year_is_its_season(client, site, django_assert_max_num_queries):
    response = find(client, "cup 2024", django_assert_max_num_queries)
    assert response["Location"] == "/series/cup/2024/"


def test_a_misspelt_team_is_listed_first_among_namesakes(client, site, django_assert_max_num_queries):
    response = find(client, "hendrik", django_assert_max_num_queries)
    assert response.status_code == 200
    results = response.context["results"]
    assert [r.name for r in results][:2] == ["Hendrick Motorsports", "Ray Hendrick"]
    assert results[0].kind == "Team" and "Team" in response.content.decode()


def test_ambiguous_names_are_ranked_by_how_busy_they_are(client, site, django_assert_max_num_queries):
    response = find(client, "petty", django_assert_max_num_queries)
    assert [r.name for r in response.context["results"]][:2] == ["Richard Petty", "Kyle Petty"]


def test_accents_and_tracks(client, site, django_assert_max_num_queries):
    response = find(client, "KENKŌ", django_assert_max_num_queries)
    assert response.status_code == 302, response.context["results"]
    assert response["Location"] == "/drivers/kenko-miura/"
    assert (
        find(client, "daytona", django_assert_max_num_queries)["Location"] == "/tracks/daytona-international-speedway/"
    )
    response = find(client, "daytona", django_assert_max_num_queries, all="1")  # every match, no shortcut
    kinds = [(r.kind, r.name) for r in response.context["results"]]
    assert kinds[0] == ("Track", "Daytona International Speedway")
    assert ("Race", "2024 Daytona 500") in kinds


def test_nothing_found_and_nothing_asked(client, db, django_assert_max_num_queries):
    page = find(client, "zzzzqqq", django_assert_max_num_queries).content.decode()
    assert "Nothing matches" in page
    assert find(client, "", django_assert_max_num_queries).status_code == 200


def test_every_page_carries_the_search_box_and_a_menu_of_series_with_races(client, site):
    page = client.get("/drivers/").content.decode()
    assert 'action="/search/"' in page and 'name="q"' in page
    assert '<a href="/series/cup/">Cup</a>' in page and '<a href="/series/truck/">Truck</a>' in page
    assert "/series/xfinity/" not in page  # no Xfinity races in the database: no link to an empty page
