"""With CACHE_URL=redis://..., every app server shares one page cache: a page one server rendered
is served by the others, and a change to results is seen by all of them at once."""

import os
import uuid

import pytest

from racesite.env import cache_from_url
from results import summaries
from results.models import Season

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


@pytest.fixture
def redis_keys(settings):
    """The site's cache in Redis under a key prefix of its own; yields a function listing those keys."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis does not answer at {REDIS_URL}: .ci/run starts it")
        pytest.skip(f"Redis does not answer at {REDIS_URL} (set TEST_REDIS_URL, or start redis-server)")
    prefix = f"racesite-test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {"default": {**cache_from_url(REDIS_URL, None), "KEY_PREFIX": prefix}}
    settings.PAGE_CACHE_SECONDS = 60
    yield lambda: sorted(client.scan_iter(f"{prefix}:*"))
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_a_page_rendered_once_is_served_from_redis(client, make, redis_keys, django_assert_num_queries):
    event = make.event()
    make.entry(event=event, driver=make.driver(name="Ann Able"))
    client.get(event.get_absolute_url())
    assert len(redis_keys()) == 1
    with django_assert_num_queries(1):
        assert "Ann Able" in client.get(event.get_absolute_url()).content.decode()


def test_junk_parameters_add_no_keys(client, make, redis_keys):
    event = make.event()
    make.entry(event=event)
    for n in range(20):
        assert client.get(event.get_absolute_url(), {"x": n, "utm_source": "forum"}).status_code == 200
    assert len(redis_keys()) == 1


def test_a_change_to_results_is_served_at_once(client, make, redis_keys):
    driver = make.driver(name="Kenko Miura")
    make.entry(driver=driver)
    assert "Kenko Miura" in client.get(driver.get_absolute_url()).content.decode()
    driver.name = "Kenkō Miura"
    driver.save()
    summaries.refresh(seasons=Season.objects.all())  # as the admin does after an edit
    assert "Kenkō Miura" in client.get(driver.get_absolute_url()).content.decode()


def test_pages_are_served_when_redis_stops_answering(client, make, settings):
    settings.CACHES = {"default": {**cache_from_url("redis://127.0.0.1:9/0", None), "KEY_PREFIX": "nowhere"}}
    settings.PAGE_CACHE_SECONDS = 60
    event = make.event(name="Still Served 150")
    make.entry(event=event)
    assert "Still Served 150" in client.get(event.get_absolute_url()).content.decode()


def test_api_rate_limits_count_in_redis_for_every_server(client, make, redis_keys, settings):
    settings.API_ANON_RATE = "2/minute"
    assert [client.get("/api/v1/series/").status_code for _ in range(3)] == [200, 200, 429]
    assert any(b"throttle_anon" in key for key in redis_keys())
