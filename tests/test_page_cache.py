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
    corrected = tmp_path / "corrected.txt"
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
