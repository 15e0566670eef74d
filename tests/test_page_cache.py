"""Cached pages are served until results change, then never again."""

import pytest
from django.core.cache import cache

from results.models import Entry


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def test_a_cached_page_costs_one_query(client, make, page_cache, django_assert_num_queries):
    event = make.event()
    make.entry(event=event, driver=make.driver(name="Ann Able"))
    client.get(event.get_absolute_url())
    with django_assert_num_queries(1):
        assert "Ann Able" in client.get(event.get_absolute_url()).content.decode()


def test_an_import_makes_every_cached_page_fresh(client, run_import, seed_report, page_cache, tmp_path):
    run_import(seed_report)
    url = Entry.objects.get(finish=1).event.get_absolute_url()
    assert "Rear Gear" in client.get(url).content.decode()
    corrected = tmp_path / "2022-corrected.txt"
    corrected.write_text(
        seed_report.read_text(encoding="utf-8").replace("16Rear Gear", "16Suspension"), encoding="utf-8"
    )
    assert run_import(corrected)[0]
    page = client.get(url).content.decode()
    assert "Suspension" in page and "Rear Gear" not in page


def test_an_editors_change_makes_cached_pages_fresh(client, editor_client, make, page_cache):
    event = make.event(name="Old Name 150")
    make.entry(event=event)
    assert "Old Name 150" in client.get(event.get_absolute_url()).content.decode()
    response = editor_client.post(f"/admin/results/event/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert client.get(event.get_absolute_url()).status_code == 404


def test_renaming_a_driver_in_admin_shows_at_once(client, editor_client, make, page_cache):
    driver = make.driver(name="Kenko Miura")
    make.entry(driver=driver)
    assert "Kenko Miura" in client.get(driver.get_absolute_url()).content.decode()
    response = editor_client.post(
        f"/admin/results/driver/{driver.pk}/change/",
        {
            "name": "Kenkō Miura",
            "slug": driver.slug,
            "hometown": "",
            "birth_date": "",
            "aliases-TOTAL_FORMS": 0,
            "aliases-INITIAL_FORMS": 0,
            "aliases-MIN_NUM_FORMS": 0,
            "aliases-MAX_NUM_FORMS": 1000,
        },
    )
    assert response.status_code == 302, response.context["errors"] if response.context else response
    assert "Kenkō Miura" in client.get(driver.get_absolute_url()).content.decode()


def test_junk_parameters_neither_miss_nor_grow_the_cache(client, make, page_cache, django_assert_num_queries):
    event = make.event()
    make.entry(event=event, driver=make.driver(name="Ann Able"))
    client.get(event.get_absolute_url(), {"utm_source": "forum"})
    for junk in ({"x": "1"}, {"x": "2"}, {"fbclid": "abc", "utm_medium": "social"}):
        with django_assert_num_queries(1):  # the results version; the page itself from the cache
            response = client.get(event.get_absolute_url(), junk)
        assert "Ann Able" in response.content.decode()
        assert "fbclid" not in response.content.decode() and "x=" not in response.content.decode()


def test_a_parameter_the_page_reads_still_makes_its_own_page(client, season, page_cache):
    race = season["events"][0]

    def drivers(**query):
        return [row.record.driver.name for row in client.get(race.get_absolute_url(), query).context["table"].rows]

    assert drivers() == ["Parker Kligerman", "Zane Smith", "Corey Heim", "Kenkō Miura"]
    assert drivers(status="dnf") == ["Corey Heim", "Kenkō Miura"]


def test_a_browser_revalidates_with_the_etag_and_gets_304_until_results_change(
    client, run_import, seed_report, page_cache, django_assert_max_num_queries
):
    run_import(seed_report)
    url = Entry.objects.get(finish=1).event.get_absolute_url()
    first = client.get(url)
    assert first.status_code == 200
    assert "public" in first["Cache-Control"] and "max-age=" in first["Cache-Control"]
    etag, last_modified = first["ETag"], first["Last-Modified"]
    with django_assert_max_num_queries(1):
        again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""
    assert client.get(url, headers={"if-modified-since": last_modified}).status_code == 304
    assert client.get(url, {"junk": "1"}, headers={"if-none-match": etag}).status_code == 304
    Entry.objects.filter(finish=1).update(status="Accident")  # an edit outside the importer...
    from results import summaries
    from results.models import Season

    summaries.refresh(seasons=Season.objects.all())  # ...and the refresh every write path runs
    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_errors_carry_no_validators(client, db, page_cache):
    response = client.get("/drivers/nobody-at-all/")
    assert response.status_code == 404
    assert not response.has_header("ETag")


def test_each_page_reads_only_the_parameters_it_declares(client, season, monkeypatch):
    """A page's filters must be declared (views.cache.page_params), or they would be dropped."""
    from django.http import QueryDict

    from results.views import cache as page_cache_module

    read = set()

    class Recording(QueryDict):
        def get(self, key, default=None):
            read.add(key)
            return super().get(key, default)

        def getlist(self, key, default=None):
            read.add(key)
            return super().getlist(key, default)

        def __getitem__(self, key):
            read.add(key)
            return super().__getitem__(key)

        def __contains__(self, key):
            read.add(key)
            return super().__contains__(key)

    monkeypatch.setattr(page_cache_module, "QueryDict", Recording)
    race = season["events"][0]
    urls = [
        "/",
        race.get_absolute_url(),
        race.season.get_absolute_url(),
        race.season.series.get_absolute_url(),
        "/drivers/",
        season["kligerman"].get_absolute_url(),
        season["mid_ohio"].get_absolute_url(),
        season["thorsport"].get_absolute_url(),
        season["toyota"].get_absolute_url(),
    ]
    from django.urls import resolve

    for url in urls:
        declared = resolve(url).func.query_params
        read.clear()
        every = dict.fromkeys(declared - {"_export"}, "1") | {"sort": "finish", "junk": "1"}
        assert client.get(url, every).status_code == 200, url
        assert read <= declared, (url, read - declared)
