"""Season and career totals, and the records drawn from them, stay true to the entries after imports, admin
edits and merges."""

from django.core.management import call_command

from results.models import (
    DataVersion,
    Driver,
    DriverSeason,
    DriverSeries,
    Entry,
    Event,
    GroupDriver,
    GroupSeason,
    RaceSummary,
    Record,
)
from results.summaries import DERIVED, refresh_all
from tests.standings_seasons import season_form


def state():
    # rows sorted as text: a group row's two unset group fields are None
    return {
        "seasons": sorted(
            DriverSeason.objects.values_list(
                "driver__name", "season__year", "starts", "wins", "top10", "laps_led", "points", "finish_sum"
            )
        ),
        "groups": sorted(
            map(
                str,
                GroupSeason.objects.values_list(
                    "manufacturer", "team", "track", "season__year", "starts", "wins", "laps_led", "points", "best"
                ),
            )
        ),
        "group drivers": sorted(
            map(
                str,
                GroupDriver.objects.values_list(
                    "manufacturer", "team", "track", "driver__name", "starts", "wins", "start_sum", "dnfs"
                ),
            )
        ),
        "careers": sorted(Driver.objects.values_list("name", "starts", "wins", "top10")),
        "series careers": sorted(
            DriverSeries.objects.values_list("driver__name", "series__slug", "starts", "wins", "laps_led", "best")
        ),
        "race order": sorted(Entry.objects.values_list("id", "race_order", "track")),
        "races": sorted(
            map(
                str,
                RaceSummary.objects.values_list(
                    "event_id",
                    "winner__name",
                    "winner_led",
                    "front__name",
                    "front_is_pole",
                    "leader__name",
                    "leader_laps",
                ),
            )
        ),
        "records": sorted(
            map(
                str,
                Record.objects.values_list(
                    "series__slug", "table", "category", "place", "rank", "driver__name", "value", "year", "first_race"
                ),
            )
        ),
    }


def lines(table, category=""):
    """A series' record lines of one table: (driver, value), in the page's order."""
    rows = Record.objects.filter(table=table, category=category).order_by("place")
    return list(rows.values_list("driver__name", "value"))


def test_an_import_fills_season_and_career_totals(run_import, seed_report):
    run_import(seed_report)
    kligerman = Driver.objects.get(name="Parker Kligerman")
    totals = DriverSeason.objects.get(driver=kligerman)
    assert (totals.starts, totals.wins, totals.top10, totals.laps_led, totals.best) == (1, 1, 1, 56, 1)
    assert (kligerman.starts, kligerman.wins, kligerman.top10) == (1, 1, 1)
    assert DriverSeason.objects.count() == 36


def test_totals_kept_incrementally_equal_a_full_recount(run_import, seed_report, truck_csv_2022):
    run_import(truck_csv_2022, "--no-progress")
    run_import(seed_report)
    incremental = state()
    assert incremental["groups"] and incremental["group drivers"] and incremental["records"] and incremental["races"]
    DriverSeason.objects.all().delete()
    Record.objects.all().delete()
    RaceSummary.objects.all().delete()
    GroupSeason.objects.all().delete()
    GroupDriver.objects.all().delete()
    DriverSeries.objects.all().delete()
    Driver.objects.update(starts=0, wins=0, top10=0)
    call_command("refresh_summaries", stdout=open("/dev/null", "w"))
    assert state() == incremental


def test_deleting_a_race_in_admin_removes_it_from_the_totals(editor_client, run_import, seed_report):
    run_import(seed_report)
    event = Event.objects.get()
    response = editor_client.post(f"/admin/results/event/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not DriverSeason.objects.exists()
    assert Driver.objects.get(name="Parker Kligerman").wins == 0
    assert not Record.objects.exists()  # the records page no longer names the race's winner


def test_merging_drivers_adds_up_their_totals(editor_client, make):
    first, second = make.driver(name="Kenkō Miura"), make.driver(name="Kenko Miura Jr")
    make.entry(driver=first, event=make.event(round=1), finish=1)
    make.entry(driver=second, event=make.event(round=2), finish=1)
    assert lines("streak") == []  # two drivers won a race each
    editor_client.post(
        "/admin/results/driver/",
        {"action": "merge_selected", "keep": first.pk, "_selected_action": [first.pk, second.pk]},
    )
    first.refresh_from_db()
    assert (first.starts, first.wins) == (2, 2)
    assert DriverSeason.objects.get(driver=first).wins == 2
    assert lines("career", "wins") == [("Kenkō Miura", 2)]
    assert lines("streak") == [("Kenkō Miura", 2)]  # one driver won both races: a streak


def test_migrate_recomputes_summaries_derived_under_an_older_release(run_import, seed_report):
    assert run_import(seed_report)[0]
    before = state()
    DriverSeason.objects.all().delete()  # as an upgrade finds them: rows of the old rules, or none yet
    RaceSummary.objects.all().delete()
    DataVersion.objects.filter(pk=1).update(derived=DERIVED - 1)
    call_command("migrate", verbosity=0)
    assert state() == before and RaceSummary.objects.exists()
    assert DataVersion.objects.get().derived == DERIVED
    DriverSeason.objects.all().delete()
    call_command("migrate", verbosity=0)  # up to date: a plain migrate recomputes nothing
    assert not DriverSeason.objects.exists()


def test_refresh_all_on_an_empty_database(db):
    refresh_all()
    assert not DriverSeason.objects.exists()


def test_make_team_and_track_totals_match_their_entries(run_import, truck_csv_2022):
    run_import(truck_csv_2022, "--no-progress")
    from results.models import Entry, Manufacturer, Track

    toyota = Manufacturer.objects.get(name="Toyota")
    row = GroupSeason.objects.get(manufacturer=toyota)
    entries = Entry.objects.filter(manufacturer=toyota)
    assert (row.starts, row.wins) == (entries.count(), entries.filter(finish=1).count())
    mid_ohio = Track.objects.get(name="Mid-Ohio Sports Car Course")
    kligerman = GroupDriver.objects.get(track=mid_ohio, driver__name="Parker Kligerman")
    assert (kligerman.starts, kligerman.wins, kligerman.laps_led) == (1, 1, 56)


def test_moving_a_race_to_another_season_in_admin_moves_its_totals(editor_client, make):
    event = make.event(year=2021, round=1)
    make.entry(event=event, driver=make.driver(name="Ann Able"), finish=1)
    target = make.season(year=2022)
    url = f"/admin/results/event/{event.pk}/change/"
    form = editor_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "season": target.pk,
            "track": event.track_id,
            "round": 1,
            "slug": event.slug,
            "entries-TOTAL_FORMS": 0,
            "entries-INITIAL_FORMS": 0,
            "entries-MIN_NUM_FORMS": 0,
            "entries-MAX_NUM_FORMS": 1000,
        }
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert list(DriverSeason.objects.values_list("season__year", "wins")) == [(2022, 1)]
    assert Entry.objects.get().race_order == 2022 * 1000 + 1


def test_a_driver_s_results_run_newest_first_through_admin_corrections(client, editor_client, make):
    """Races are listed by year and round, not by when they were entered; correcting a round or
    a season's year in admin moves the race in the list."""
    ann = make.driver(name="Ann Able")
    for year, round_number, track in [
        (2021, 2, "Bristol"),
        (2023, 1, "Daytona"),
        (2021, 1, "Atlanta"),
        (2022, 5, "Dover"),
    ]:
        make.entry(event=make.event(year=year, round=round_number, track=make.track(name=track)), driver=ann)

    def tracks_listed():
        return [
            row.record.event.track.name for row in client.get(ann.get_absolute_url()).context["results"].paginated_rows
        ]

    assert tracks_listed() == ["Daytona", "Dover", "Bristol", "Atlanta"]
    season_2021 = Event.objects.get(track__name="Atlanta").season
    response = editor_client.post(
        f"/admin/results/season/{season_2021.pk}/change/", season_form(season_2021, year=2024)
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    assert tracks_listed() == ["Bristol", "Atlanta", "Daytona", "Dover"]
    assert (
        tracks_listed()
        == [
            row.record.event.track.name
            for row in client.get(ann.get_absolute_url(), {"sort": "year"}).context["results"].paginated_rows
        ][::-1]
    )


def test_correcting_a_race_s_track_in_admin_moves_its_results_to_that_track(client, editor_client, make):
    wrong, right = make.track(name="Dover Motor Speedway"), make.track(name="Nashville Superspeedway")
    event = make.event(year=2022, round=1, track=wrong)
    make.entry(event=event, driver=make.driver(name="Ann Able"), finish=1)
    url = f"/admin/results/event/{event.pk}/change/"
    form = editor_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "track": right.pk,
            "entries-TOTAL_FORMS": 0,
            "entries-INITIAL_FORMS": 0,
            "entries-MIN_NUM_FORMS": 0,
            "entries-MAX_NUM_FORMS": 1000,
        }
    )
    assert editor_client.post(url, data).status_code == 302

    def drivers_listed(track):
        return [
            row.record.driver.name for row in client.get(track.get_absolute_url()).context["results"].paginated_rows
        ]

    assert drivers_listed(right) == ["Ann Able"] and drivers_listed(wrong) == []
    assert GroupDriver.objects.get(track__isnull=False, driver__name="Ann Able").track == right
