"""A developer reads the site's data from /api/v1/: every endpoint answers as its OpenAPI schema says,
within the pages' query ceiling, filters and sorts as the pages do, and revalidates with its ETag."""

import re

import jsonschema
import pytest
from drf_spectacular.validation import validate_schema

from results import summaries
from results.models import Season


@pytest.fixture
def schema(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def endpoints(season, make):
    """Every endpoint, on the season fixture's real things, and a car with no team, make or start known."""
    race = season["events"][0]
    make.entry(event=season["events"][1], driver=make.driver(name="Nobody Known"), finish=4)
    return [
        "/api/v1/series/",
        "/api/v1/series/truck/",
        "/api/v1/seasons/",
        "/api/v1/seasons/?series=truck&year=2022",
        "/api/v1/seasons/truck/2022/",
        "/api/v1/races/",
        "/api/v1/races/?track=pocono-raceway",
        f"/api/v1/races/{race.slug}/",
        f"/api/v1/races/{race.slug}/results/?manufacturer=toyota&sort=-laps",
        "/api/v1/drivers/",
        "/api/v1/drivers/?q=kenko&series=truck&year=2022",
        "/api/v1/drivers/parker-kligerman/",
        "/api/v1/drivers/parker-kligerman/results/?track=mid-ohio-sports-car-course",
        "/api/v1/drivers/nobody-known/",
        "/api/v1/drivers/nobody-known/results/",
        f"/api/v1/races/{season['events'][1].slug}/",
        "/api/v1/tracks/",
        "/api/v1/tracks/mid-ohio-sports-car-course/",
        "/api/v1/tracks/mid-ohio-sports-car-course/results/?status=dnf",
        "/api/v1/teams/",
        "/api/v1/teams/thorsport-racing/",
        "/api/v1/teams/thorsport-racing/results/?sort=driver",
        "/api/v1/manufacturers/",
        "/api/v1/manufacturers/toyota/",
        "/api/v1/manufacturers/toyota/results/?year=2022",
    ]


def response_schema(schema, url):
    """The 200 response schema of the path template ``url`` matches, as a JSON Schema document."""
    path = url.split("?")[0]
    for template, operations in schema["paths"].items():
        if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", template), path):
            body = operations["get"]["responses"]["200"]["content"]["application/json"]["schema"]
            return {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                **body,
                "components": schema["components"],
            }
    raise AssertionError(f"{path} is not in the schema")


def test_the_schema_is_valid_openapi_and_names_every_endpoint(schema, endpoints):
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    for url in endpoints:
        response_schema(schema, url)


def test_every_endpoint_answers_as_its_schema_says_within_the_query_ceiling(
    client, schema, endpoints, django_assert_max_num_queries
):
    for url in endpoints:
        with django_assert_max_num_queries(10):
            response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        jsonschema.validate(response.json(), response_schema(schema, url), format_checker=jsonschema.FormatChecker())


def test_a_race_with_its_results(client, season):
    race = season["events"][0]
    data = client.get(f"/api/v1/races/{race.slug}/").json()
    assert data["name"] == "O'Reilly 150" and data["series"]["name"] == "Truck" and data["round"] == 1
    assert data["winner"]["name"] == "Parker Kligerman" and data["pole"]["name"] == "Corey Heim"
    assert [(r["finish"], r["driver"]["name"], r["dnf"]) for r in data["results"]] == [
        (1, "Parker Kligerman", False),
        (2, "Zane Smith", False),
        (3, "Corey Heim", True),
        (4, "Kenkō Miura", True),
    ]
    assert data["results"][0]["driver"]["url"] == "http://testserver/api/v1/drivers/parker-kligerman/"
    assert data["page"] == f"http://testserver{race.get_absolute_url()}"


def test_a_drivers_career_and_results_filter_and_sort_as_on_the_page(client, season):
    career = client.get("/api/v1/drivers/zane-smith/").json()
    assert [(row["series"]["name"], row["wins"], row["points"]) for row in career["by_series"]] == [("Truck", 1, 109)]
    assert [(row["year"], row["starts"]) for row in career["by_season"]] == [(2022, 2)]
    results = client.get(career["results"], {"sort": "finish"}).json()
    assert [(r["finish"], r["race"]["name"]) for r in results["results"]] == [
        (1, "CRC Brakleen 150"),
        (2, "O'Reilly 150"),
    ]
    at_pocono = client.get(career["results"], {"track": "pocono-raceway"}).json()
    assert at_pocono["count"] == 1 and at_pocono["results"][0]["track"]["name"] == "Pocono Raceway"


def test_lists_are_paged_with_count_and_links(client, season):
    first = client.get("/api/v1/drivers/", {"page_size": 3}).json()
    assert first["count"] == 4 and first["previous"] is None
    assert [d["name"] for d in first["results"]] == ["Kenkō Miura", "Parker Kligerman", "Zane Smith"]
    second = client.get(first["next"]).json()
    assert [d["name"] for d in second["results"]] == ["Corey Heim"] and second["next"] is None
    assert "page=2" in first["next"] and second["previous"] is not None


def test_a_list_counts_its_rows_without_reading_what_they_show(client, season, django_assert_max_num_queries):
    """The races are counted alone (not joined to their winners and pole sitters, which only the page's rows
    show); the driver index, grouped and sorted whole for any page, reads its count with its page."""
    with django_assert_max_num_queries(4) as races:  # the results version, the count, the page's ids, its rows
        assert client.get("/api/v1/races/").json()["count"] == 2
    (count,) = [query["sql"] for query in races.captured_queries if "COUNT(" in query["sql"]]
    assert "JOIN" not in count
    with django_assert_max_num_queries(2):  # the results version, the page with its count
        assert client.get("/api/v1/drivers/", {"page_size": 3}).json()["count"] == 4
    with django_assert_max_num_queries(3):  # and the series
        in_2022 = client.get("/api/v1/drivers/", {"series": "truck", "year": 2022, "page_size": 3}).json()
    assert in_2022["count"] == 4 and len(in_2022["results"]) == 3 and "page=2" in in_2022["next"]
    assert client.get("/api/v1/drivers/", {"series": "truck", "page": 3, "page_size": 3}).status_code == 404


@pytest.mark.parametrize(
    "url, query, complaint",
    [
        ("/api/v1/drivers/", {"sort": "age"}, "sort"),
        ("/api/v1/drivers/", {"series": "formula-one"}, "series"),
        ("/api/v1/drivers/", {"year": "last"}, "year"),
        ("/api/v1/races/", {"track": "nowhere"}, "track"),
        ("/api/v1/drivers/zane-smith/results/", {"status": "crashed"}, "status"),
    ],
)
def test_a_bad_parameter_is_a_400_that_names_it(client, season, url, query, complaint):
    response = client.get(url, query)
    assert response.status_code == 400 and complaint in response.json()


def test_unknown_things_and_pages_are_404s(client, season):
    assert client.get("/api/v1/drivers/nobody/").status_code == 404
    assert client.get("/api/v1/seasons/truck/1800/").status_code == 404
    assert client.get("/api/v1/drivers/", {"page": "²"}).status_code == 404
    assert client.get("/api/v1/drivers/", {"page": "99"}).status_code == 404


def test_a_client_revalidates_with_the_etag_until_results_change(client, season, django_assert_max_num_queries):
    first = client.get("/api/v1/drivers/zane-smith/")
    assert "public" in first["Cache-Control"] and first["ETag"]
    with django_assert_max_num_queries(1):
        again = client.get("/api/v1/drivers/zane-smith/", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    summaries.refresh(seasons=Season.objects.all())  # what every import and edit runs
    assert client.get("/api/v1/drivers/zane-smith/", headers={"if-none-match": first["ETag"]}).status_code == 200


def test_anonymous_clients_are_rate_limited(client, season, settings):
    from django.core.cache import cache

    cache.clear()
    settings.API_ANON_RATE = "3/minute"
    assert [client.get("/api/v1/series/").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert int(client.get("/api/v1/series/")["Retry-After"]) > 0
    cache.clear()


def test_the_docs_page_is_served_by_the_site_itself(client, db):
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert scripts and all(src.startswith("/") for src in scripts), scripts  # no CDN: the CSP allows 'self' only
    assert "<script>" not in html.replace(" ", "")  # no inline script either
    assert "default-src 'self'" in page["Content-Security-Policy"]
    assert client.get("/api/v1/docs/", {"script": ""}).status_code == 200
    for src in scripts:
        assert client.get(src.split("?")[0]).status_code == 200, src


def test_a_developer_starts_at_the_root_and_follows_its_links(client, season):
    assert client.get("/api/").headers["Location"] == "/api/v1/"
    links = client.get("/api/v1/").json()
    assert {"series", "seasons", "races", "drivers", "tracks", "teams", "manufacturers", "docs", "schema"} <= set(links)
    for name, url in links.items():
        assert client.get(url).status_code == 200, name
    assert client.get(links["drivers"]).json()["count"] == 4  # Kligerman, Smith, Miura, Heim


def test_a_name_search_counts_each_driver_once_however_many_of_his_names_match(client, make):
    # Kyle Busch matches "busch" by his name and by two spellings reports wrote: the list holds him once,
    # and so must its count (COUNT(*) OVER () counted the rows before DISTINCT: 3)
    from results.models import DriverAlias

    busch = make.driver(name="Kyle Busch")
    for spelling in ("Kyle T. Busch", "K. Busch"):
        DriverAlias.objects.create(driver=busch, name=spelling)
    body = client.get("/api/v1/drivers/?q=busch").json()
    assert [row["name"] for row in body["results"]] == ["Kyle Busch"]
    assert body["count"] == 1
    assert client.get("/api/v1/drivers/?q=busch&page=2").status_code == 404
