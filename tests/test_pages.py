"""A fan browses races, seasons, drivers, tracks, teams and makes."""

import csv
import io
from unittest import mock

import pytest
from django.db import connections

from results import summaries
from results.filters import Select
from results.models import Entry

MAX_QUERIES = 10


def get(client, url, django_assert_max_num_queries, **params):
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url, params)
    assert response.status_code == 200, response.content[:500]
    return response


def table_rows(response, name="table"):
    return list(response.context[name].paginated_rows if response.context[name].page else response.context[name].rows)


def test_home_shows_the_latest_race_and_its_winner(client, season, django_assert_max_num_queries):
    response = get(client, "/", django_assert_max_num_queries)
    page = response.content.decode()
    assert "CRC Brakleen 150" in page and "Won by" in page and "Zane Smith" in page
    assert [row["driver_name"] for row in response.context["leaders"]][:2] == ["Zane Smith", "Parker Kligerman"]
    assert [row["position"] for row in response.context["leaders"]][:2] == [1, 2]


def test_season_page_has_schedule_with_winners_and_points_standings(client, season, django_assert_max_num_queries):
    response = get(client, "/series/truck/2022/", django_assert_max_num_queries)
    schedule = [(e.round, e.winner_name, e.pole_name) for e in response.context["schedule"].data]
    assert schedule == [(1, "Parker Kligerman", "Corey Heim"), (2, "Zane Smith", "Zane Smith")]
    standings = [(r["position"], r["driver_name"], r["points"], r["wins"]) for r in response.context["standings"].data]
    assert standings[:2] == [(1, "Zane Smith", 109, 1), (2, "Parker Kligerman", 104, 1)]
    statistics = [(r["rank"], r["driver_name"], r["n_points"]) for r in response.context["statistics"].data]
    assert statistics[:2] == [(1, "Zane Smith", 109), (2, "Parker Kligerman", 104)]


def test_standings_export_as_csv(client, season):
    response = client.get("/series/truck/2022/", {"_export": "csv"})
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert rows[0][:3] == ["Pos", "Driver", "Pts"] and rows[1][:3] == ["1", "Zane Smith", "109"]
    # two races of a 2022 playoff season settle no title: the column is there, "yes" on no row
    assert [row[-1] for row in rows] == ["champion", "", "", "", ""]


def test_race_page_facts_results_and_neighbours(client, season, django_assert_max_num_queries):
    first, second = season["events"]
    response = get(client, first.get_absolute_url(), django_assert_max_num_queries)
    page = response.content.decode()
    assert [r.record.driver.name for r in response.context["table"].rows][:2] == ["Parker Kligerman", "Zane Smith"]
    assert "led 56 laps" in page and "Corey Heim" in page
    assert "2.258 mi, road course" in page
    assert "DNF" in page and "Kligerman led all but eleven laps." in page
    assert response.context["next"]["slug"] == second.slug and response.context["previous"] is None
    assert "stage1" not in [c.name for c in response.context["table"].columns]  # no stage data for this race


def test_race_results_sort_by_start_and_filter_to_a_make(client, season, django_assert_max_num_queries):
    first, _ = season["events"]
    response = get(client, first.get_absolute_url(), django_assert_max_num_queries, sort="start")
    assert [r.record.start for r in response.context["table"].rows] == [1, 2, 13, 32]
    response = get(client, first.get_absolute_url(), django_assert_max_num_queries, manufacturer="toyota")
    assert [r.record.driver.name for r in response.context["table"].rows] == ["Corey Heim", "Kenkō Miura"]
    response = get(client, first.get_absolute_url(), django_assert_max_num_queries, status="dnf")
    assert len(response.context["table"].rows) == 2


def test_race_results_export_what_the_table_shows(client, season):
    first, _ = season["events"]
    response = client.get(first.get_absolute_url(), {"manufacturer": "toyota", "_export": "csv"})
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert [row[3] for row in rows[1:]] == ["Corey Heim", "Kenkō Miura"]


def test_car_numbers_sort_by_their_number(client, season, make):
    first, _ = season["events"]
    Entry.objects.filter(event=first, finish=4).update(number="02")
    Entry.objects.filter(event=first, finish=3).update(number="")
    Entry.objects.filter(event=first, finish=2).update(number="8")
    response = client.get(first.get_absolute_url(), {"sort": "number"})
    assert [r.record.number for r in response.context["table"].rows] == ["02", "8", "75", ""]
    response = client.get(first.get_absolute_url(), {"sort": "-number"})
    assert [r.record.number for r in response.context["table"].rows] == ["75", "8", "02", ""]


def test_missing_values_sort_last_both_ways(client, season):
    first, _ = season["events"]
    Entry.objects.filter(event=first, finish__in=[2, 3]).update(points=None, start=None)
    Entry.objects.filter(event=first, finish=4).update(points=0)
    for sort in ("points", "-points"):
        response = client.get(first.get_absolute_url(), {"sort": sort})
        assert [r.record.points for r in response.context["table"].rows][2:] == [None, None], sort
    response = client.get(first.get_absolute_url(), {"sort": "-points"})
    assert [r.record.points for r in response.context["table"].rows][:2] == [59, 0]
    response = client.get(season["miura"].get_absolute_url(), {"sort": "start"})
    assert [r.record.start for r in response.context["results"].rows] == [2, 32]


def test_first_click_on_a_count_sorts_best_first(client, season):
    page = client.get(season["events"][0].get_absolute_url()).content.decode()
    for column, first_click in [("Led", "-laps_led"), ("Pts", "-points"), ("Laps", "-laps"), ("St", "start")]:
        assert f'<a href="?sort={first_click}">{column}</a>' in page, column
    page = client.get("/drivers/").content.decode()
    assert '<a href="?sort=-wins">Wins</a>' in page


def test_a_track_lists_each_race_winner_first(client, season, make):
    first, second = season["events"]
    other = make.event(round=3, track=season["mid_ohio"])
    for finish in (1, 2, 3):
        make.entry(event=other, finish=finish)
    response = client.get(season["mid_ohio"].get_absolute_url())
    rows = [(r.record.event_id, r.record.finish) for r in response.context["results"].paginated_rows]
    assert rows == [
        (other.pk, 1),
        (other.pk, 2),
        (other.pk, 3),
        (first.pk, 1),
        (first.pk, 2),
        (first.pk, 3),
        (first.pk, 4),
    ]
    response = client.get(season["mid_ohio"].get_absolute_url(), {"sort": "year"})
    rows = [(r.record.event_id, r.record.finish) for r in response.context["results"].paginated_rows]
    assert rows[:2] == [(first.pk, 1), (first.pk, 2)]


def test_driver_index_finds_names_without_accents(client, season, django_assert_max_num_queries):
    response = get(client, "/drivers/", django_assert_max_num_queries, q="kenko")
    assert [r.record["name"] for r in response.context["table"].rows] == ["Kenkō Miura"]
    # a search is DISTINCT (names and aliases); sorted and paged it still lists each driver once
    response = get(client, "/drivers/", django_assert_max_num_queries, q="e", sort="-wins")
    assert [r.record["name"] for r in table_rows(response)] == [
        "Parker Kligerman",
        "Zane Smith",
        "Corey Heim",
        "Kenkō Miura",
    ]  # ties (a win each, then none) in alphabetical order


def test_driver_index_sorts_by_wins_and_filters_by_season(client, season, make, django_assert_max_num_queries):
    make.entry(event=make.event(year=1999, round=1), driver=make.driver(name="Old Timer"))
    response = get(client, "/drivers/", django_assert_max_num_queries, sort="-wins", year=2022, series="truck")
    names = [r.record["name"] for r in response.context["table"].rows]
    assert set(names[:2]) == {"Parker Kligerman", "Zane Smith"} and "Old Timer" not in names
    again = get(client, "/drivers/", django_assert_max_num_queries, sort="-wins", year=2022, series="truck")
    assert [r.record["name"] for r in again.context["table"].rows] == names  # ties keep one order


def test_driver_career_page(client, season, django_assert_max_num_queries):
    response = get(client, season["kligerman"].get_absolute_url(), django_assert_max_num_queries)
    (totals,) = response.context["by_series"].data
    assert (totals["n_starts"], totals["n_wins"], totals["n_led"], totals["best_finish"]) == (2, 1, 66, 1)
    assert float(totals["avg_finish"]) == 1.5
    assert [row["year"] for row in response.context["by_season"].data] == [2022]
    assert {row["track_name"] for row in response.context["by_track"].data} == {
        "Mid-Ohio Sports Car Course",
        "Pocono Raceway",
    }
    page = response.content.decode()
    assert "<svg" in page and "Finishing position in every race" in page
    assert len(response.context["results"].rows) == 2


def test_driver_results_filter_by_track_and_status(client, season, django_assert_max_num_queries):
    url = season["miura"].get_absolute_url()
    response = get(client, url, django_assert_max_num_queries, track="pocono-raceway")
    assert [r.record.event.track.name for r in response.context["results"].rows] == ["Pocono Raceway"]
    page = response.content.decode()
    # the form offers the tracks raced at and shows the one chosen
    assert '<option value="pocono-raceway" selected>Pocono Raceway</option>' in page
    assert '<option value="mid-ohio-sports-car-course">Mid-Ohio Sports Car Course</option>' in page
    response = get(client, url, django_assert_max_num_queries, status="dnf", sort="finish")
    assert [r.record.status for r in response.context["results"].rows] == ["Accident"]
    # the export holds the status as written; the page's DNF marker is HTML for the page only
    exported = client.get(url, {"status": "dnf", "_export": "csv"}).getvalue().decode()
    header, row = list(csv.reader(io.StringIO(exported)))
    assert row[header.index("Status")] == "Accident" and "<" not in exported


def test_a_career_filtered_to_one_season(client, make, django_assert_max_num_queries):
    ann = make.driver(name="Ann Able")
    for year in (2020, 2021, 2021, 2022):
        make.entry(event=make.event(year=year), driver=ann)
    url = ann.get_absolute_url()
    for year, expected in [("2021", [2021, 2021]), ("2019", []), ("2021.5", []), ("99999999999999999999", [])]:
        response = get(client, url, django_assert_max_num_queries, year=year)
        assert [row.record.event.season.year for row in response.context["results"].rows] == expected, year


def test_paging_through_a_make_s_results_shows_each_once_in_order(client, make, django_assert_max_num_queries):
    """120 results over three pages: sorted by finish (many ties) and newest race first (winner first)."""
    chevrolet, drivers = make.manufacturer("Chevrolet"), [make.driver() for _ in range(4)]
    for year in (2021, 2022, 2023):
        for round_number in range(1, 11):
            event = make.event(year=year, round=round_number)
            for finish, driver in enumerate(drivers, start=1):
                Entry.objects.create(event=event, driver=driver, finish=finish, manufacturer=chevrolet)
    summaries.refresh(seasons=Entry.objects.values_list("event__season", flat=True).distinct())
    everything = Entry.objects.filter(manufacturer=chevrolet)
    for sort, order in [("finish", ["finish", "pk"]), ("", ["-race_order", "-event_id", "finish"])]:
        shown = []
        for page in (1, 2, 3):
            response = get(client, chevrolet.get_absolute_url(), django_assert_max_num_queries, sort=sort, page=page)
            shown += [row.record.pk for row in response.context["results"].paginated_rows]
        assert shown == list(everything.order_by(*order).values_list("pk", flat=True)), sort


@pytest.mark.parametrize("kind", ["mid_ohio", "thorsport", "toyota"])
def test_track_team_and_make_pages(client, season, django_assert_max_num_queries, kind):
    response = get(client, season[kind].get_absolute_url(), django_assert_max_num_queries)
    by_season = response.context["track_seasons"] if kind == "mid_ohio" else response.context["by_season"].data
    assert by_season and response.context["drivers"].data
    assert len(response.context["results"].rows) >= 2


@pytest.mark.parametrize("kind", ["kligerman", "mid_ohio", "thorsport", "toyota", "race", "driver index"])
def test_a_filter_form_reads_its_choices_in_one_plain_query(client, season, kind):
    """Each select's options in one query: QuerySet.iterator(), Django's way, opens a server-side cursor
    on PostgreSQL, five round trips for a few rows."""
    url = {"race": season["events"][0].get_absolute_url(), "driver index": "/drivers/"}.get(kind)
    url = url or season[kind].get_absolute_url()
    with mock.patch.object(connections["default"], "chunked_cursor", side_effect=AssertionError("iterator()")):
        response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    if kind == "race":
        assert '<option value="toyota">Toyota</option>' in page and "ThorSport Racing</option>" in page
    else:
        assert '<option value="truck">' in page


def test_a_filter_select_marks_the_chosen_option_and_escapes_names():
    widget = Select(attrs={"id": "id_track", "required": True, "disabled": False})
    widget.choices = [("", "All tracks"), ("a&b", "Track <1>"), ("c", "C")]
    assert widget.render("track", "a&b") == (
        '<select name="track" id="id_track" required>'
        '\n  <option value="">All tracks</option>'
        '\n  <option value="a&amp;b" selected>Track &lt;1&gt;</option>'
        '\n  <option value="c">C</option>'
        "\n</select>"
    )


def test_query_count_does_not_grow_with_the_data(client, season, make, django_assert_max_num_queries):
    for round_number in range(3, 13):
        event = make.event(round=round_number)
        for finish in range(1, 11):
            make.entry(event=event, finish=finish, driver=season["kligerman"] if finish == 1 else None)
    for url in [
        "/",
        "/series/truck/2022/",
        season["kligerman"].get_absolute_url(),
        "/drivers/",
        season["thorsport"].get_absolute_url(),
    ]:
        get(client, url, django_assert_max_num_queries)


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-1",
        f"page={10**9}",
        "sort=nonsense",
        "sort=-%3Bdrop%20table",
        "series=nope",
        "year=abc",
        "track=" + "x" * 3000,
        "status=maybe",
        "per_page=1000000",
        "per_page=-5",
        "q=%27%20OR%201%3D1%20--",
        "manufacturer=%FF%FE",
        "q=%C3%28",
        "year=1e400",
        "_export=xlsx",
        "sort=start&sort=finish&page=2",
    ],
)
def test_hostile_query_strings_never_break_a_page(client, season, query):
    for url in [
        "/drivers/",
        season["kligerman"].get_absolute_url(),
        season["events"][0].get_absolute_url(),
        season["mid_ohio"].get_absolute_url(),
        "/series/truck/2022/",
        "/",
    ]:
        response = client.get(url, QUERY_STRING=query)
        assert response.status_code in (200, 400), (url, query)


def test_unknown_pages_get_a_friendly_404(client, db):
    response = client.get("/drivers/nobody-at-all/")
    assert response.status_code == 404
    assert "No race, driver or page lives at this address" in response.content.decode()


def test_every_page_has_a_title_description_and_canonical_url(client, season):
    response = client.get(season["kligerman"].get_absolute_url() + "?sort=finish")
    page = response.content.decode()
    assert "<title>Parker Kligerman: career statistics and results · racesite</title>" in page
    assert '<meta name="description" content="Parker Kligerman' in page
    assert '<link rel="canonical" href="http://testserver/drivers/parker-kligerman/">' in page


def test_sitemap_and_robots(client, season):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/drivers/parker-kligerman/" in sitemap and "/races/" in sitemap and "/series/truck/2022/" in sitemap
    for page in ["/tracks/</loc>", "/teams/</loc>", "/manufacturers/</loc>", "/series/truck/records/", "/data/"]:
        assert page in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots


@pytest.mark.parametrize(
    "finished, drivers",
    [("running", ["Parker Kligerman", "Zane Smith"]), ("dnf", ["Corey Heim", "Kenkō Miura"])],
)
def test_race_results_filtered_by_whether_the_car_finished(client, season, django_assert_max_num_queries, finished,
                                                           drivers):  # fmt: skip
    first, _ = season["events"]
    response = get(client, first.get_absolute_url(), django_assert_max_num_queries, status=finished)
    assert [row.record.driver.name for row in response.context["table"].rows] == drivers


def test_a_column_with_nothing_in_it_is_left_out(client, season):
    from results.models import Event

    response = client.get("/series/truck/2022/")
    assert "date" in [column.name for column in response.context["schedule"].columns]
    Event.objects.update(date=None)
    response = client.get("/series/truck/2022/")
    assert "date" not in [column.name for column in response.context["schedule"].columns]
    # the driver's results have no ratings: no Rating column on the page, but the export keeps it
    response = client.get(season["kligerman"].get_absolute_url())
    assert "rating" not in [column.name for column in response.context["results"].columns]
    exported = client.get(season["kligerman"].get_absolute_url(), {"_export": "csv"}).getvalue().decode()
    assert "Rating" in exported.splitlines()[0]


def test_only_a_race_page_reads_the_report_its_results_came_from(client, season):
    """An imported report can be long; lists of races and results pages leave it in the database."""
    from django.test.utils import CaptureQueriesContext

    race = season["events"][0]
    elsewhere = [
        "/",
        "/series/truck/2022/",
        f"/drivers/{season['kligerman'].slug}/",
        f"/tracks/{season['mid_ohio'].slug}/",
        "/api/v1/races/",
        "/api/v1/seasons/truck/2022/",
        "/feed/",
    ]
    for url in elsewhere:
        with CaptureQueriesContext(connections["default"]) as queries:
            assert client.get(url).status_code == 200, url
        assert not [q["sql"] for q in queries if "report_text" in q["sql"]], url
    page = client.get(race.get_absolute_url()).content.decode()
    assert "Kligerman led all but eleven laps." in page
