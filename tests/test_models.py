"""The database itself refuses results that cannot be true."""

import pytest
from django.db import IntegrityError, transaction

from results.models import Driver, DriverAlias, Entry
from results.names import name_key


def refused(**changes):
    """True when saving an entry with these fields is refused by the database."""
    try:
        with transaction.atomic():
            Entry.objects.create(**changes)
    except IntegrityError:
        return True
    return False


@pytest.fixture
def race(make):
    event = make.event()
    kligerman = make.driver(name="Parker Kligerman")
    make.entry(event=event, driver=kligerman, finish=1, start=2, laps=67, laps_led=56)
    return event, kligerman


def test_a_driver_cannot_have_two_entries_in_one_race(race, make):
    event, kligerman = race
    assert refused(event=event, driver=kligerman, finish=2)


def test_two_cars_cannot_share_a_finishing_position(race, make):
    event, _ = race
    assert refused(event=event, driver=make.driver(), finish=1)


def test_two_cars_cannot_share_a_known_start_but_unknown_starts_may_repeat(race, make):
    event, _ = race
    assert refused(event=event, driver=make.driver(), finish=2, start=2)
    make.entry(event=event, finish=2, start=None)
    make.entry(event=event, finish=3, start=None)
    assert event.entries.filter(start__isnull=True).count() == 2


@pytest.mark.parametrize(
    "fields",
    [
        {"finish": 0},
        {"finish": 5, "start": 0},
        {"finish": 5, "laps": 10, "laps_led": 11},
        {"finish": 5, "stage1": 0},
    ],
)
def test_impossible_numbers_are_refused_by_the_database(race, make, fields):
    event, _ = race
    assert refused(event=event, driver=make.driver(), **fields)


def test_negative_laps_are_refused_by_the_database(race, make):
    event, _ = race
    # PositiveSmallIntegerField carries a CHECK (>= 0) of its own on both databases
    assert refused(event=event, driver=make.driver(), finish=5, laps=-1)


def test_laps_led_may_be_unknown_when_laps_are(race, make):
    event, _ = race
    make.entry(event=event, finish=5, laps=None, laps_led=3)


def test_names_have_spelling_insensitive_keys_and_slugs(make):
    miura = make.driver(name="Kenkō Miura")
    assert miura.key == "kenko miura"
    assert miura.slug == "kenko-miura"
    team = make.team(name="Young’s Motorsports")
    assert team.key == "youngs motorsports"
    assert make.team(name="Rackley W.A.R.").key == name_key("Rackley WAR") == "rackley war"
    assert name_key("G2g Racing") == name_key("G2G Racing")


def test_two_drivers_cannot_share_a_name_key(make):
    make.driver(name="Kenkō Miura")
    with pytest.raises(IntegrityError), transaction.atomic():
        Driver.objects.create(name="Kenko Miura", slug="kenko-miura-2")


def test_namesakes_told_apart_by_a_qualifier_are_different_people(make):
    assert make.driver(name="Bill Scott (CA)").key != make.driver(name="Bill Scott").key


def test_an_alias_belongs_to_one_driver(make):
    miura = make.driver(name="Kenkō Miura")
    DriverAlias.objects.create(driver=miura, name="Kenko Miura")
    with pytest.raises(IntegrityError), transaction.atomic():
        DriverAlias.objects.create(driver=make.driver(), name="KENKO MIURA")


def test_pages_have_urls(race):
    event, kligerman = race
    assert event.get_absolute_url() == f"/races/{event.slug}/"
    assert kligerman.get_absolute_url() == "/drivers/parker-kligerman/"
    assert event.slug.startswith("2022-truck-01-")


@pytest.mark.parametrize("script_prefix", ["/", "/stats/"])
def test_links_are_what_reverse_gives_under_any_script_prefix(race, script_prefix):
    from django.urls import reverse, set_script_prefix

    event, kligerman = race
    set_script_prefix(script_prefix)
    try:
        for obj, view in [
            (event, "event"),
            (kligerman, "driver"),
            (event.track, "track"),
            (event.season.series, "series"),
        ]:
            assert obj.get_absolute_url() == reverse(f"results:{view}", args=[obj.slug])
        season = event.season
        assert season.get_absolute_url() == reverse("results:season", args=[season.series.slug, season.year])
        assert kligerman.get_absolute_url().startswith(script_prefix)
    finally:
        set_script_prefix("/")
