"""Edna enters and corrects races in admin: labels that say which season, slugs she never types,
errors in her words on the field to fix, and a grid that fills what it can."""

from django.contrib.admin.models import LogEntry

from results.models import Entry, Event, Season, Series


def event_form_data(event, **changes):
    data = {
        "season": event.season_id,
        "round": event.round,
        "track": event.track_id,
        "date": event.date.isoformat() if event.date else "",
        "name": event.name,
        "slug": event.slug,
        "notes": event.notes,
        "report_text": event.report_text,
        **({"counts_for_points": "on"} if event.counts_for_points else {}),  # a ticked box, as the form shows it
    }
    entries = list(event.entries.order_by("finish"))
    data.update(
        {
            "entries-TOTAL_FORMS": len(entries),
            "entries-INITIAL_FORMS": len(entries),
            "entries-MIN_NUM_FORMS": 0,
            "entries-MAX_NUM_FORMS": 1000,
        }
    )
    for i, entry in enumerate(entries):
        for field in ["finish", "start", "number", "laps", "laps_led", "status", "points"]:
            value = getattr(entry, field)
            data[f"entries-{i}-{field}"] = "" if value is None else value
        data.update(
            {
                f"entries-{i}-id": entry.pk,
                f"entries-{i}-event": event.pk,
                f"entries-{i}-driver": entry.driver_id,
                f"entries-{i}-team": entry.team_id or "",
                f"entries-{i}-manufacturer": entry.manufacturer_id or "",
            }
        )
    data.update(changes)
    return data


def test_seasons_read_with_their_series_in_pickers_and_lists(editor_client, make):
    cup = make.series(name="NASCAR Cup Series", short_name="Cup")
    xfinity = make.series(name="NASCAR Xfinity Series", short_name="Xfinity")
    for series in (cup, xfinity, make.series()):
        make.season(year=2024, series=series)
    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "results", "model_name": "event", "field_name": "season", "term": "2024"},
    )
    assert sorted(r["text"] for r in response.json()["results"]) == ["Cup 2024", "Truck 2024", "Xfinity 2024"]
    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "results", "model_name": "event", "field_name": "season", "term": "cup 2024"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["Cup 2024"]
    page = editor_client.get("/admin/results/season/").content.decode()
    assert "Xfinity 2024" in page


def test_a_new_race_needs_no_slug_and_gets_the_next_round(editor_client, make):
    season = make.season(year=2024)
    make.event(year=2024, round=1)
    track = make.track(name="Daytona International Speedway")
    form = editor_client.get("/admin/results/event/add/", {"season": season.pk}).context["adminform"].form
    assert form.initial["round"] == 2
    response = editor_client.post(
        "/admin/results/event/add/",
        {
            "season": season.pk,
            "round": 2,
            "track": track.pk,
            "name": "NextEra Energy 250",
            "slug": "",
            "entries-TOTAL_FORMS": 0,
            "entries-INITIAL_FORMS": 0,
            "_paste": "Save and paste results",
        },
    )
    event = Event.objects.get(round=2)
    assert event.slug == "2024-truck-02-daytona-international-speedway"
    assert response.status_code == 302 and response.url == f"/admin/results/event/{event.pk}/paste/"


def test_a_round_already_run_is_said_on_the_round_field(editor_client, make):
    first = make.event(year=2024, round=1, name="Fresh From Florida 250")
    response = editor_client.post(
        "/admin/results/event/add/",
        {
            "season": first.season_id,
            "round": 1,
            "track": first.track_id,
            "entries-TOTAL_FORMS": 0,
            "entries-INITIAL_FORMS": 0,
        },
    )
    errors = response.context["adminform"].form.errors
    assert errors["round"] == [f"Truck 2024 already has a round 1: Fresh From Florida 250 at {first.track}."]


def test_a_driver_name_that_folds_to_another_is_refused_on_the_name(editor_client, make):
    make.driver(name="Kenkō Miura")
    response = editor_client.post("/admin/results/driver/add/", {"name": "KENKO MIURA", "slug": "", **no_aliases()})
    assert "'Kenkō Miura' is already a driver" in response.context["adminform"].form.errors["name"][0]
    response = editor_client.post(
        "/admin/results/driver/add/", {"name": "Kenkō Miura (JP)", "slug": "", **no_aliases()}
    )
    assert response.status_code == 302


def no_aliases():
    return {
        "aliases-TOTAL_FORMS": 0,
        "aliases-INITIAL_FORMS": 0,
        "old_slugs-TOTAL_FORMS": 0,
        "old_slugs-INITIAL_FORMS": 0,
    }


def test_a_new_season_for_a_year_the_series_has_is_said_on_the_year(editor_client, make):
    season = make.season(year=2024)
    response = editor_client.post(
        f"/admin/results/series/{season.series_id}/change/",
        {
            "name": season.series.name,
            "short_name": "Truck",
            "slug": season.series.slug,
            "sort_order": 0,
            "seasons-TOTAL_FORMS": 2,
            "seasons-INITIAL_FORMS": 1,
            "seasons-0-id": season.pk,
            "seasons-0-series": season.series_id,
            "seasons-0-year": 2024,
            "seasons-1-series": season.series_id,
            "seasons-1-year": 2024,
        },
    )
    assert response.status_code == 200
    assert Season.objects.count() == 1 and Series.objects.count() == 1


def test_laps_led_above_laps_completed_is_said_on_laps_led(editor_client, season):
    first = season["events"][0]
    url = f"/admin/results/event/{first.pk}/change/"
    response = editor_client.post(url, event_form_data(first, **{"entries-0-laps_led": "70"}))
    assert response.status_code == 200
    form = response.context["inline_admin_formsets"][0].formset.forms[0]
    assert form.errors["laps_led"] == ["70 laps led is more than the 67 laps completed."]
    assert "Constraint" not in response.content.decode()
    assert Entry.objects.get(event=first, finish=1).laps_led == 56


def test_two_rows_with_one_finish_are_named_row_by_row(editor_client, season):
    first = season["events"][0]
    response = editor_client.post(
        f"/admin/results/event/{first.pk}/change/", event_form_data(first, **{"entries-1-finish": "1"})
    )
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.forms[1].errors["finish"] == ["P1 is also the finish of row 1."]
    assert list(Entry.objects.filter(event=first).order_by("finish").values_list("finish", flat=True)) == [1, 2, 3, 4]


def test_swapping_two_finishes_saves_in_one_go_and_keeps_totals_current(editor_client, season):
    first = season["events"][0]
    data = event_form_data(first, **{"entries-0-finish": "2", "entries-1-finish": "1", "_continue": "1"})
    response = editor_client.post(f"/admin/results/event/{first.pk}/change/", data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert Entry.objects.get(event=first, finish=1).driver == season["smith"]
    smith_2022 = season["smith"].season_totals.get()
    assert smith_2022.wins == 2
    entry = LogEntry.objects.get(object_id=str(first.pk), content_type__model="event")
    assert entry.get_change_message() == "Changed Fin for entry “P2 #75”. Changed Fin for entry “P1 #38”."


def test_a_new_row_gets_number_and_make_from_the_drivers_last_race(editor_client, season):
    response = editor_client.get("/admin/results/event/driver-defaults/", {"driver": season["smith"].pk})
    ford = Entry.objects.filter(driver=season["smith"]).first().manufacturer
    assert response.json() == {"number": "38", "manufacturer": ford.pk}
    assert editor_client.get("/admin/results/event/driver-defaults/", {"driver": 0}).json() == {}


def test_the_entry_grid_is_compact(editor_client, season):
    first = season["events"][0]
    response = editor_client.get(f"/admin/results/event/{first.pk}/change/")
    page = response.content.decode()
    assert 'class="narrow"' in page and "entry-grid.js" in page
    headers = [f.get("label") for f in response.context["inline_admin_formsets"][0].fields()]
    assert headers[:4] == ["Fin", "St", "#", "Driver"]
    assert not response.context["is_nav_sidebar_enabled"]
