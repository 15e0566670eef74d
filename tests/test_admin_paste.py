"""Edna pastes a race's results into the race's admin page, checks the names, and saves."""

from django.contrib.admin.models import LogEntry

from results.models import Driver, DriverAlias, Entry, ImportRun

TABLE = """Pos\tSt\t#\tDriver\tTeam\tMake\tLaps\tLed\tStatus\tPts
1\t2\t75\tParker Kligerman\tHenderson Motorsports\tChevrolet\t67\t56\tRunning\t59
2\t1\t38\tZane Smith\tFront Row Motorsports\tFord\t67\t11\tRunning\t54
3\t3\t33\tKenko Miura\tReaume Brothers Racing\tToyota\t60\t0\tEngine\t34
"""


def paste_url(event):
    return f"/admin/results/event/{event.pk}/paste/"


def test_preview_matches_each_name_and_writes_nothing(editor_client, make):
    event = make.event(year=2022)
    make.driver(name="Parker Kligerman")
    make.driver(name="Kenkō Miura")
    response = editor_client.post(paste_url(event), {"text": TABLE, "preview": "1"})
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [(row.driver, driver.is_new) for row, driver, team in rows] == [
        ("Parker Kligerman", False),
        ("Zane Smith", True),
        ("Kenko Miura", False),
    ]
    assert not Entry.objects.exists()
    assert ImportRun.objects.get().outcome == "dry-run"


def test_a_near_match_must_be_decided_then_use_existing_keeps_one_driver(editor_client, make, editor):
    event = make.event(year=2022)
    kligerman = make.driver(name="Parker Kligerman")
    typo = TABLE.replace("Parker Kligerman", "Parker Kligermann")
    preview = editor_client.post(paste_url(event), {"text": typo, "preview": "1"})
    decision = preview.context["decisions"].pending[0]
    assert (decision.name, decision.near) == ("Parker Kligermann", [kligerman])

    undecided = editor_client.post(paste_url(event), {"text": typo, "confirm": "1"})
    assert undecided.context["decisions"].undecided == ["Parker Kligermann"]
    assert not Entry.objects.exists()

    response = editor_client.post(paste_url(event), {"text": typo, "confirm": "1", decision.field_name: kligerman.pk})
    assert response.status_code == 302 and response.url == f"/admin/results/event/{event.pk}/change/"
    assert Entry.objects.get(event=event, finish=1).driver == kligerman
    assert DriverAlias.objects.get().name == "Parker Kligermann"
    assert not Driver.objects.filter(name="Parker Kligermann").exists()
    kligerman.refresh_from_db()
    assert kligerman.starts == 1  # summaries kept current in the same transaction
    run = ImportRun.objects.get(outcome="updated")  # the race was there, its results were not
    assert (run.user, run.via, list(run.events.all())) == (editor, "admin", [event])
    history = LogEntry.objects.get(content_type__model="event", object_id=str(event.pk))
    assert (
        history.get_change_message() == f"Imported from pasted table: event updated, 3 entries (import run #{run.pk})."
        " 'Parker Kligermann' taken as Parker Kligerman."
    )


def test_the_rows_show_each_near_name_as_chosen(editor_client, make):
    event = make.event(year=2022)
    kligerman = make.driver(name="Parker Kligerman")
    typo = TABLE.replace("Parker Kligerman", "Parker Kligermann")
    field = editor_client.post(paste_url(event), {"text": typo, "preview": "1"}).context["decisions"].pending[0]
    assert '<span class="match near" title="close to a known driver: choose above">Parker Kligermann ?</span>' in (
        editor_client.post(paste_url(event), {"text": typo, "preview": "1"}).content.decode()
    )
    chosen = editor_client.post(paste_url(event), {"text": typo, "preview": "1", field.field_name: kligerman.pk})
    assert '<span class="match known" title="use existing, as chosen">Parker Kligermann → Parker Kligerman</span>' in (
        chosen.content.decode()
    )
    created = editor_client.post(paste_url(event), {"text": typo, "preview": "1", field.field_name: "new"})
    assert '<span class="match new">Parker Kligermann <small>new</small></span>' in created.content.decode()


def test_create_new_makes_a_second_driver(editor_client, make):
    event = make.event(year=2022)
    make.driver(name="Parker Kligerman")
    typo = TABLE.replace("Parker Kligerman", "Parker Kligermann")
    field = (
        editor_client.post(paste_url(event), {"text": typo, "preview": "1"}).context["decisions"].pending[0].field_name
    )
    editor_client.post(paste_url(event), {"text": typo, "confirm": "1", field: "new"})
    assert Entry.objects.get(event=event, finish=1).driver.name == "Parker Kligermann"
    assert not DriverAlias.objects.exists()


def test_a_paste_that_breaks_a_rule_changes_nothing_and_says_why(editor_client, make):
    event = make.event(year=2022)
    broken = TABLE.replace("67\t56\tRunning", "67\t70\tRunning")
    response = editor_client.post(paste_url(event), {"text": broken, "confirm": "1"})
    assert "laps led (70) exceed laps completed (67)" in response.context["error"]
    assert not Entry.objects.exists() and not Driver.objects.exists()
    assert ImportRun.objects.get().outcome == "failed"


def test_pasting_again_replaces_the_rows_and_lists_the_changes(editor_client, make):
    event = make.event(year=2022)
    editor_client.post(paste_url(event), {"text": TABLE, "confirm": "1"})
    corrected = TABLE.replace("60\t0\tEngine", "61\t0\tEngine")
    preview = editor_client.post(paste_url(event), {"text": corrected, "preview": "1"})
    assert "  changed: Kenko Miura: laps 60 -> 61" in preview.context["summary"]
    editor_client.post(paste_url(event), {"text": corrected, "confirm": "1"})
    assert Entry.objects.get(event=event, finish=3).laps == 61


def test_the_race_history_lists_its_imports(editor_client, make, run_import, seed_report):
    assert run_import(seed_report, "--round", 15)[0]
    run = ImportRun.objects.get()
    event = run.events.get()
    response = editor_client.get(f"/admin/results/event/{event.pk}/history/")
    assert response.context["import_runs"] == [run]
    assert seed_report.name in response.content.decode()


def test_pasting_needs_the_right_to_change_races(client, django_user_model, make):
    event = make.event()
    client.force_login(django_user_model.objects.create_user("otto", password="pw", is_staff=True))
    assert client.get(paste_url(event)).status_code == 403


def test_an_ambiguous_pasted_line_is_settled_by_choosing_its_reading(editor_client, make):
    event = make.event()
    leads = ["111", "110", "25", "37", "48", "59", "64", "76", "83", "92", "1045", "1233"]
    rows = [f"{i}{lead}Driver {chr(64 + i)}ovichSome RacingFord100Running" for i, lead in enumerate(leads, 1)]
    text = "FinishStartNumberDriverTeamManufacturerLapsStatus\n" + "\n".join(rows) + "\n"
    url = f"/admin/results/event/{event.pk}/paste/"
    refused = editor_client.post(url, {"text": text, "preview": "1"}).content.decode()
    assert "Choose the reading of each line" in refused
    assert '<option value="Driver Bovich=10">start 1, #10</option>' in refused
    preview = editor_client.post(url, {"text": text, "choice": ["Driver Aovich=1", "Driver Bovich=10"], "preview": "1"})
    assert "Preview: nothing has been written yet" in preview.content.decode()
    saved = editor_client.post(url, {"text": text, "numbers": "Driver Aovich=1\nDriver Bovich=10", "confirm": "1"})
    assert saved.status_code == 302
    assert [(e.start, e.number) for e in event.entries.order_by("finish")[:2]] == [(11, "1"), (1, "10")]


def test_a_table_pasted_from_a_terminal_keeps_its_first_lines_indentation(editor_client, make):
    """The header's leading spaces line it up over the rows: the form reads the text as pasted."""
    aligned = (
        "   Fin  St   #  Driver              Laps  Status\n"
        "     1   2  75  Parker Kligerman      67  Running\n"
        "     2   1  38  Zane Smith            67  Running\n"
    )
    response = editor_client.post(paste_url(make.event(year=2022)), {"text": aligned, "preview": "1"})
    assert response.context["error"] is None
    assert [(row.finish, row.start, row.number, row.driver) for row, _, _ in response.context["rows"]] == [
        (1, 2, "75", "Parker Kligerman"),
        (2, 1, "38", "Zane Smith"),
    ]


def test_saving_the_same_results_twice_writes_once_and_says_nothing_changed_the_second_time(editor_client, make):
    """A double click on Save, or Save again in a second tab: the second finds the results there."""
    event = make.event(year=2022)
    for _ in range(2):
        response = editor_client.post(paste_url(event), {"text": TABLE, "confirm": "1"}, follow=True)
    said = [str(m) for m in response.context["messages"]]
    assert said == [
        f"Nothing changed: the race already has these results (import run #{ImportRun.objects.latest('pk').pk})."
    ]
    assert Entry.objects.filter(event=event).count() == 3
    runs = ImportRun.objects.order_by("pk").values_list("outcome", "entries_written")
    assert list(runs) == [("updated", 3), ("unchanged", 0)]
