"""The database itself refuses results that cannot be true."""

import pytest
from django.db import DataError, IntegrityError, transaction

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


def test_wikipedias_spaced_initials_are_the_historys_initials():
    assert name_key("A. J. Allmendinger") == name_key("A.J. Allmendinger") == name_key("AJ Allmendinger")
    assert name_key("J. D. McDuffie") == name_key("J.D. McDuffie")
    assert name_key("A & M Racing") != name_key("AM Racing")  # letters without their periods are words
    assert name_key("Kenneth W. Smith") == "kenneth w smith"


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


def test_an_entry_knows_its_races_order_and_track_however_it_is_written(make):
    """An editor's entry, a bulk write and a test's plain create all carry the copies results lists sort on."""
    event = make.event(year=2021, round=7)
    saved = Entry.objects.create(event=event, driver=make.driver(), finish=1)
    (bulk,) = Entry.objects.bulk_create([Entry(event=event, driver=make.driver(), finish=2)])
    for entry in (saved, Entry.objects.get(pk=bulk.pk)):
        entry.refresh_from_db()
        assert (entry.race_order, entry.track_id) == (2021007, event.track_id)


def test_correcting_a_race_moves_its_entries(make):
    event = make.event(year=2021, round=7)
    entry = Entry.objects.create(event=event, driver=make.driver(), finish=1)
    event.round, event.track = 8, make.track(name="Pocono Raceway")
    event.save()
    entry.refresh_from_db()
    assert (entry.race_order, entry.track.name) == (2021008, "Pocono Raceway")
    event.season.year = 2020
    event.season.save()
    entry.refresh_from_db()
    assert entry.race_order == 2020008


def test_summary_rows_name_exactly_one_make_team_or_track(race, make):
    from results.models import GroupSeason

    event, _ = race
    with transaction.atomic(), pytest.raises(IntegrityError):
        GroupSeason.objects.create(
            season=event.season,
            starts=1,
            wins=0,
            top5=0,
            top10=0,
            started_first=0,
            dnfs=0,
            start_count=0,
            finish_sum=1,
            best=1,
        )
    with transaction.atomic(), pytest.raises(IntegrityError):
        GroupSeason.objects.create(
            season=event.season,
            track=event.track,
            team=make.team(),
            starts=1,
            wins=0,
            top5=0,
            top10=0,
            started_first=0,
            dnfs=0,
            start_count=0,
            finish_sum=1,
            best=1,
        )


def test_deleting_a_track_takes_its_summary_rows_with_it(make):
    from results.models import GroupDriver, GroupSeason

    event = make.event()
    make.entry(event=event)
    track = event.track
    assert GroupSeason.objects.filter(track=track).exists() and GroupDriver.objects.filter(track=track).exists()
    Entry.objects.all().delete()
    event.delete()
    track.delete()
    assert not GroupSeason.objects.filter(track=track.pk).exists()
    assert not GroupDriver.objects.filter(track=track.pk).exists()


@pytest.mark.parametrize("year", [1899, 2101, 99999])
def test_a_season_no_race_can_have_is_refused_by_the_database(make, year):
    """The importer refuses --year 99999; a season so made by any other way was one fans could browse.
    (PostgreSQL refuses 99999 for its column, a smallint, before the check is reached.)"""
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        make.season(year=year)
