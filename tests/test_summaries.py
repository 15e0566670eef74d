"""Season and career totals stay true to the entries after imports, admin edits and merges."""
from django.core.management import call_command

from results.models import Driver, DriverSeason, Event
from results.summaries import refresh_all


def state():
    return sorted(DriverSeason.objects.values_list("driver__name", "season__year", "starts", "wins", "top10",
                                                   "laps_led", "points", "finish_sum"))


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
    DriverSeason.objects.all().delete()
    call_command("refresh_summaries", stdout=open("/dev/null", "w"))
    assert state() == incremental


def test_deleting_a_race_in_admin_removes_it_from_the_totals(editor_client, run_import, seed_report):
    run_import(seed_report)
    event = Event.objects.get()
    response = editor_client.post(f"/admin/results/event/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not DriverSeason.objects.exists()
    assert Driver.objects.get(name="Parker Kligerman").wins == 0


def test_merging_drivers_adds_up_their_totals(editor_client, make):
    first, second = make.driver(name="Kenkō Miura"), make.driver(name="Kenko Miura Jr")
    make.entry(driver=first, event=make.event(round=1), finish=1)
    make.entry(driver=second, event=make.event(round=2), finish=1)
    editor_client.post("/admin/results/driver/", {"action": "merge_selected", "keep": first.pk,
                                                   "_selected_action": [first.pk, second.pk]})
    first.refresh_from_db()
    assert (first.starts, first.wins) == (2, 2)
    assert DriverSeason.objects.get(driver=first).wins == 2


def test_refresh_all_on_an_empty_database(db):
    refresh_all()
    assert not DriverSeason.objects.exists()
