"""Editors import a report from admin: upload, read the preview, confirm."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse

from results.models import Entry, Event, ImportRun, TeamAlias, Track, TrackAlias
from tests.conftest import shared_path
from tests.corpus import races
from tests.corpus.glued import render

URL = "/admin/results/importrun/import/"


def upload(seed_report):
    return SimpleUploadedFile(seed_report.name, seed_report.read_bytes(), content_type="text/plain")


def test_preview_shows_the_table_and_writes_nothing(editor_client, seed_report):
    response = editor_client.post(URL, {"file": upload(seed_report), "round": 15, "preview": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Preview: nothing has been written yet" in page
    assert "Parker Kligerman" in page and "Rackley WAR" in page
    assert "rookie flags not set" in page
    assert not Event.objects.exists()
    assert ImportRun.objects.get().outcome == "dry-run"


def test_confirm_imports_what_was_previewed(editor_client, seed_report, editor):
    preview = editor_client.post(URL, {"file": upload(seed_report), "round": 15, "preview": "1"})
    form = preview.context["form"]
    text, source_name = form["text"].value(), form["source_name"].value()
    response = editor_client.post(URL, {"text": text, "source_name": source_name, "round": 15, "confirm": "1"})
    assert response.status_code == 302
    assert Entry.objects.count() == 36
    run = ImportRun.objects.filter(outcome="created").get()
    event = run.events.get()
    assert (run.user, run.via, run.source, event.round) == (editor, "admin", "2022-truck-mid-ohio.txt", 15)
    page = editor_client.get(response.url).content.decode()
    assert (
        f'<a href="/admin/results/event/{event.pk}/change/">Truck 2022 round 15, Mid-Ohio Sports Car Course</a>' in page
    )
    history = LogEntry.objects.get(content_type__model="event", object_id=str(event.pk))
    assert history.user == editor and f"import run #{run.pk}" in history.change_message


def test_a_confirmed_import_is_one_line_in_the_log_the_one_that_wrote(editor_client, seed_report):
    preview = editor_client.post(URL, {"file": upload(seed_report), "round": 15, "preview": "1"})
    form = preview.context["form"]
    text, source_name = form["text"].value(), form["source_name"].value()
    editor_client.post(URL, {"text": text, "source_name": source_name, "round": 15, "confirm": "1"})
    runs = ImportRun.objects.order_by("pk")
    assert [(run.outcome, run.entries_written) for run in runs] == [("dry-run", 0), ("created", 36)]


def test_a_name_added_between_preview_and_confirm_is_asked_about_before_anything_is_written(editor_client, make):
    """The preview had nothing to ask; meanwhile another editor added "Joe Gibbs Racing". The
    confirmation checks the database as it is then: it asks, writes nothing and logs the dry run
    that asked; confirmed again with the choice, the import is written and logged once more."""
    make.track(name="Atlanta")
    preview = editor_client.post(URL, {"text": GIBBS, **ATLANTA, "preview": "1"})
    assert preview.context["decisions"].pending == []
    gibbs = make.team(name="Joe Gibbs Racing")
    asked = editor_client.post(URL, {"text": GIBBS, **ATLANTA, "confirm": "1"})
    assert asked.status_code == 200 and asked.context["decisions"].undecided == ["Gibbs Racing"]
    assert not Event.objects.exists()
    (pending,) = asked.context["decisions"].pending
    editor_client.post(URL, {"text": GIBBS, **ATLANTA, pending.field_name: gibbs.pk, "confirm": "1"})
    assert Entry.objects.get(finish=1).team == gibbs
    assert list(ImportRun.objects.order_by("pk").values_list("outcome", flat=True)) == [
        "dry-run",
        "dry-run",
        "created",
    ]


def test_a_report_refused_at_confirmation_is_logged_once_as_failed(editor_client, make):
    make.track(name="Atlanta")
    editor_client.post(URL, {"text": GIBBS, **ATLANTA, "preview": "1"})
    broken = GIBBS.replace(",260\n2", ",ten\n2")
    response = editor_client.post(URL, {"text": broken, **ATLANTA, "confirm": "1"})
    assert "laps is not a whole number" in response.content.decode()
    assert list(ImportRun.objects.order_by("pk").values_list("outcome", flat=True)) == ["dry-run", "failed"]


def test_a_missing_series_is_asked_for_on_the_form_and_the_file_is_kept(editor_client, seed_report, tmp_path):
    headless = seed_report.read_text(encoding="utf-8").replace("Camping World Truck Series", "series")
    data = SimpleUploadedFile("mid-ohio.txt", headless.encode("utf-8"))
    response = editor_client.post(URL, {"file": data, "round": 15, "preview": "1"})
    form = response.context["form"]
    assert "the report does not say the series" in form.errors["series"][0]
    assert "--series" not in response.content.decode()
    assert form["source_name"].value() == "mid-ohio.txt" and "Kligerman" in form["text"].value()
    response = editor_client.post(
        URL,
        {
            "text": form["text"].value(),
            "source_name": "mid-ohio.txt",
            "series": "Truck",
            "year": 2022,
            "round": 15,
            "confirm": "1",
        },
    )
    assert ImportRun.objects.get(outcome="created").source == "mid-ohio.txt"


def test_a_mistyped_fact_is_marked_on_its_field_and_the_file_is_kept(editor_client, seed_report):
    data = SimpleUploadedFile("mid-ohio.txt", seed_report.read_bytes())
    response = editor_client.post(URL, {"file": data, "round": 15, "date": "2022-07-32", "preview": "1"})
    form = response.context["form"]
    assert form.errors["date"] == ["Enter a valid date."]
    assert form["source_name"].value() == "mid-ohio.txt" and "Kligerman" in form["text"].value()
    carried = {name: form[name].value() for name in ("text", "source_name", "decoded_from")}
    fixed = editor_client.post(URL, {**carried, "round": 15, "date": "2022-07-09", "preview": "1"})
    assert fixed.context["outcome"].source == "mid-ohio.txt" and len(fixed.context["outcome"].report.rows) == 36


def test_a_mistyped_fact_with_an_altered_hidden_field_is_a_form_error_not_a_500(editor_client):
    # the encoding carried from a preview, altered past its length, beside a mistyped year: a KeyError (500)
    carried = {"text": "Pos,Driver\n1,Ann Able\n", "source_name": "a.csv", "decoded_from": "x" * 40}
    response = editor_client.post(URL, {**carried, "year": "20x4", "preview": "1"})
    assert response.status_code == 200 and "year" in response.context["form"].errors


def test_the_import_page_uses_admin_fieldsets(editor_client):
    page = editor_client.get(URL).content.decode()
    assert '<fieldset class="module aligned">' in page and "Facts the report may not state" in page
    assert '<div class="form-row field-series">' in page


def test_a_broken_report_shows_the_error_and_changes_nothing(editor_client):
    response = editor_client.post(
        URL,
        {
            "text": "Fin,Driver,Laps\n1,Ann Able,ten\n",
            "series": "Truck",
            "year": 2022,
            "track": "Somewhere",
            "confirm": "1",
        },
    )
    assert response.status_code == 200
    assert "laps is not a whole number" in response.content.decode()
    assert not Event.objects.exists()
    assert ImportRun.objects.get().outcome == "failed"


def test_import_page_needs_a_staff_member_with_import_rights(client, django_user_model):
    assert client.get(URL).status_code == 302  # to the login page
    outsider = django_user_model.objects.create_user("otto", password="pw", is_staff=True)
    client.force_login(outsider)
    assert client.get(URL).status_code == 403


def test_editors_read_the_log_but_cannot_edit_or_delete_it(editor_client, seed_report):
    for _ in range(4):
        editor_client.post(URL, {"file": upload(seed_report), "preview": "1"})
    run = ImportRun.objects.first()
    listing = editor_client.get("/admin/results/importrun/")
    assert listing.status_code == 200
    assert "delete_selected" not in listing.content.decode()
    response = editor_client.get(f"/admin/results/importrun/{run.pk}/change/")
    assert response.status_code == 200 and "Parker" not in response.context.get("errors", "")
    assert editor_client.post(f"/admin/results/importrun/{run.pk}/change/", {}).status_code == 403
    assert editor_client.post(f"/admin/results/importrun/{run.pk}/delete/", {"post": "yes"}).status_code == 403
    bulk = {
        "action": "delete_selected",
        "_selected_action": list(ImportRun.objects.values_list("pk", flat=True)),
        "post": "yes",
    }
    editor_client.post("/admin/results/importrun/", bulk)
    assert ImportRun.objects.count() == 4


def test_a_superuser_may_delete_a_run(admin_client, seed_report):
    admin_client.post(URL, {"file": upload(seed_report), "preview": "1"})
    run = ImportRun.objects.get()
    assert admin_client.post(f"/admin/results/importrun/{run.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not ImportRun.objects.exists()


def test_a_refused_upload_is_in_the_import_log_with_its_name(editor_client, editor):
    not_text = SimpleUploadedFile("results.xlsx", b"PK\x03\x04\x00\x00" + bytes(range(256)) * 4)
    response = editor_client.post(URL, {"file": not_text, "series": "Truck", "year": 2022})
    assert response.status_code == 200 and "results.xlsx" in response.content.decode()
    run = ImportRun.objects.get()
    assert (run.outcome, run.source, run.via, run.user) == ("failed", "results.xlsx", "admin", editor)
    assert not Event.objects.exists()


def test_an_ambiguous_line_is_settled_by_choosing_its_reading(editor_client):
    leads = ["111", "110", "25", "37", "48", "59", "64", "76", "83", "92", "1045", "1233"]
    rows = [f"{i}{lead}Driver {chr(64 + i)}ovichSome RacingFord100Running" for i, lead in enumerate(leads, 1)]
    text = "FinishStartNumberDriverTeamManufacturerLapsStatus\n" + "\n".join(rows) + "\n"
    facts = {"text": text, "series": "Truck", "year": 2023, "track": "Somewhere Speedway"}
    refused = editor_client.post(URL, {**facts, "preview": "1"})
    page = refused.content.decode()
    assert "Choose the reading of each line" in page
    assert '<option value="Driver Aovich=11">start 1, #11</option>' in page
    assert '<option value="Driver Aovich=1">start 11, #1</option>' in page
    choices = {"choice": ["Driver Aovich=1", "Driver Bovich=10"]}
    preview = editor_client.post(URL, {**facts, **choices, "preview": "1"})
    assert "Preview: nothing has been written yet" in preview.content.decode()
    assert preview.context["form"]["numbers"].value() == "Driver Aovich=1\nDriver Bovich=10"
    rows_read = preview.context["outcome"].report.rows
    assert [(r.start, r.number) for r in rows_read[:2]] == [(11, "1"), (1, "10")]
    confirmed = editor_client.post(URL, {**facts, "numbers": "Driver Aovich=1\nDriver Bovich=10", "confirm": "1"})
    assert confirmed.status_code == 302
    assert Entry.objects.get(driver__name="Driver Aovich").start == 11


ATLANTA = {"series": "Cup", "year": 2024, "round": 2, "track": "Atlanta"}
GIBBS = "Pos,Driver,Team,Laps\n1,Ann Able,Gibbs Racing,260\n2,Bo Baker,Kaulig Racing,260\n"


def test_a_shortened_track_is_offered_as_the_known_one_and_use_existing_keeps_one_track(editor_client, make):
    atlanta = make.track(name="Atlanta Motor Speedway")
    make.team(name="Joe Gibbs Racing")
    preview = editor_client.post(URL, {"text": GIBBS, **ATLANTA, "preview": "1"})
    asked = {m.name: m for m in preview.context["decisions"].pending}
    assert asked["Atlanta"].near == [atlanta]
    assert 'value="new"> create new' in preview.content.decode()

    undecided = editor_client.post(URL, {"text": GIBBS, **ATLANTA, "confirm": "1"})
    assert undecided.context["decisions"].undecided == ["Gibbs Racing", "Atlanta"]
    assert not Event.objects.exists()

    choices = {asked["Atlanta"].field_name: atlanta.pk, asked["Gibbs Racing"].field_name: "new"}
    response = editor_client.post(URL, {"text": GIBBS, **ATLANTA, **choices, "confirm": "1"})
    assert response.status_code == 302
    assert Event.objects.get().track == atlanta
    assert list(TrackAlias.objects.values_list("name", "track")) == [("Atlanta", atlanta.pk)]
    assert Track.objects.count() == 1
    assert Entry.objects.get(finish=1).team.name == "Gibbs Racing"  # "create new"


def test_a_shortened_team_chosen_as_existing_becomes_its_alias(editor_client, make):
    gibbs = make.team(name="Joe Gibbs Racing")
    make.track(name="Atlanta")
    preview = editor_client.post(URL, {"text": GIBBS, **ATLANTA, "preview": "1"})
    (asked,) = preview.context["decisions"].pending  # "Kaulig Racing" shares only a word: not asked
    assert (asked.name, asked.near) == ("Gibbs Racing", [gibbs])
    editor_client.post(URL, {"text": GIBBS, **ATLANTA, asked.field_name: gibbs.pk, "confirm": "1"})
    assert Entry.objects.get(finish=1).team == gibbs
    assert TeamAlias.objects.get().name == "Gibbs Racing"


def test_the_preview_asks_about_each_name_the_importer_warns_is_close(editor_client, make):
    for name in ("Jeff Burton", "Trey Burke III", "Dale Earnhardt Jr", "Kenneth Wallace"):
        make.driver(name=name)
    make.team(name="Joe Gibbs Racing")
    make.track(name="Atlanta Motor Speedway")
    text = (
        "Pos,Driver,Team,Laps\n1,Jeff Burtom,Gibbs Racing,260\n2,Trey Burke,Kaulig Racing,260\n"
        "3,Dale Earnhardt,Richard Childress Racing,259\n4,Kenny Wallace,Team Penske,259\n"
    )
    preview = editor_client.post(URL, {"text": text, **ATLANTA, "preview": "1"})
    warned = {w.split("'")[1] for w in preview.context["outcome"].warnings if "close to" in w or "by a suffix" in w}
    asked = {m.name for m in preview.context["decisions"].pending}
    assert warned == asked == {"Jeff Burtom", "Trey Burke", "Dale Earnhardt", "Gibbs Racing", "Atlanta"}


BRISTOL = "Pos,St,#,Driver,Team,Make,Laps,Money\r\n1,5,99,Daniel Suárez,Stewart-Haas Racing,Ford,500,$1\r\n"
FACTS = {"series": "Cup", "year": 2019, "track": "Bristol Motor Speedway"}


@pytest.mark.parametrize(
    "data, extra",
    [
        (BRISTOL.encode("cp1252"), {}),
        (BRISTOL.encode("utf-16"), {}),
        (BRISTOL.encode("mac-roman"), {"encoding": "mac-roman"}),
        (BRISTOL.encode("utf-8"), {}),
    ],
    ids=["windows-1252", "utf-16", "mac-roman-given", "utf-8"],
)
def test_every_warning_the_command_line_gives_reaches_the_preview_and_the_run_log(
    editor_client, run_import, tmp_path, data, extra
):
    path = tmp_path / "bristol.csv"
    path.write_bytes(data)
    options = [f"--{name}={value}" for name, value in {**FACTS, **extra}.items()]
    assert run_import(path, "--dry-run", *options)[0]
    command_line = ImportRun.objects.get().warnings.splitlines()
    assert "column 'Money' is not imported (winnings: the site does not keep it)" in command_line

    upload = SimpleUploadedFile("bristol.csv", data, content_type="text/csv")
    preview = editor_client.post(URL, {"file": upload, **FACTS, **extra, "preview": "1"})
    assert preview.context["outcome"].warnings == command_line
    for warning in command_line:
        assert f"  warning: {warning}" in preview.context["summary"]
    assert ImportRun.objects.latest("pk").warnings.splitlines() == command_line

    form = preview.context["form"]
    carried = {name: form[name].value() for name in ("text", "source_name", "decoded_from")}
    confirmed = editor_client.post(URL, {**carried, **FACTS, "confirm": "1"})
    assert confirmed.status_code == 302
    assert ImportRun.objects.get(outcome="created").warnings.splitlines() == command_line


def test_the_editor_chooses_where_a_glued_driver_ends(editor_client):
    # Truck 2004 round 12 (the history): "261810Terry Cookppc RacingFord160Accident"; with nothing
    # known, "ppc Racing" could begin anywhere in "Cookppc"
    shared_path("data", "nascar")
    race = races.season_races("Truck")[(2004, 12)]
    facts = {"text": render(race).decode(), "series": "Truck", "year": 2004, "round": 12, "track": race.track}
    page = editor_client.post(URL, {**facts, "preview": "1"}).content.decode()
    assert '<option value="Terry Cook=10">Terry Cook / ppc Racing, start 18, #10</option>' in page
    assert '<option value="Terry Cookp=10">Terry Cookp / pc Racing, start 18, #10</option>' in page
    preview = editor_client.post(URL, {**facts, "choice": ["Terry Cook=10"], "preview": "1"})
    cook = next(row for row in preview.context["outcome"].report.rows if row.finish == 26)
    assert (cook.driver, cook.team, cook.start, cook.number) == ("Terry Cook", "ppc Racing", 18, "10")


def test_a_car_without_a_number_is_offered_and_chosen(editor_client):
    # Cup 1953 round 9: Bill Jennings started 11th without a number; "11" also reads start 1, #1
    shared_path("data", "nascar")
    race = races.season_races("Cup")[(1953, 9)]
    facts = {"text": render(race).decode(), "series": "Cup", "year": 1953, "round": 9, "track": race.track}
    page = editor_client.post(URL, {**facts, "preview": "1"}).content.decode()
    assert '<option value="Bill Jennings=none">start 11, no number</option>' in page
    chosen = editor_client.post(URL, {**facts, "choice": ["Bill Jennings=none"], "preview": "1"})
    still_open = [text for _, text, _ in chosen.context["choices"]]
    assert still_open and not any("Bill Jennings" in text for text in still_open)


MB = 1024 * 1024


def test_a_report_over_the_request_limit_gets_the_import_page_saying_so_and_is_logged(editor_client, editor):
    response = editor_client.post(URL, {"text": "Pos,Driver\n" + "1,Ann Able\n" * (2 * MB), "preview": "1"})
    assert response.status_code == 200  # not Django's bare 400
    page = response.content.decode()
    assert "The report was not imported; nothing changed." in page
    assert "the report sent is 22.0 MB" in page and "a report under 5 MB" in page and "up to 16 MB" in page
    run = ImportRun.objects.get()
    assert (run.outcome, run.source, run.user, run.via) == ("failed", "pasted report", editor, "admin")
    assert "22.0 MB" in run.error


def test_a_too_big_upload_is_named_and_the_csrf_check_still_holds(client, editor):
    """A browser sends the form's CSRF token first and the file after it: the page names the file,
    and a request without the token is still refused."""
    client = type(client)(enforce_csrf_checks=True)
    client.force_login(editor)
    token = client.get(URL).context["csrf_token"]
    big = SimpleUploadedFile("season.csv", b"Pos,Driver\n" + b"1,Ann Able\n" * (2 * MB))
    response = client.post(URL, {"csrfmiddlewaretoken": token, "file": big, "preview": "1"})
    assert response.status_code == 200 and "season.csv" in response.content.decode()
    assert ImportRun.objects.get().source == "season.csv"
    big.seek(0)
    assert client.post(URL, {"file": big, "preview": "1"}).status_code == 403
    assert ImportRun.objects.count() == 1


def test_an_anonymous_too_big_body_is_left_unread(client, editor, rf):
    """Only a signed-in session's too-big report is read through (to name it on the page): nobody
    without an account keeps a worker reading 16 MB; Django refuses theirs by its length."""
    from django.contrib.sessions.backends.db import SessionStore

    from results.middleware import ReportTooBigMiddleware

    seen = []
    middleware = ReportTooBigMiddleware(lambda request: seen.append(request) or HttpResponse())
    body = b"text=" + b"x" * (17 * MB)
    for signed_in in (False, True):
        request = rf.post(URL, body, content_type="application/x-www-form-urlencoded")
        request.session = SessionStore()
        if signed_in:
            client.force_login(editor)
            request.session = SessionStore(client.session.session_key)
        middleware(request)
    anonymous, editor_request = seen
    assert not hasattr(anonymous, "report_too_big")
    assert editor_request.report_too_big == (len(body), "")


def test_results_pasted_over_the_limit_get_the_paste_page_saying_so(editor_client, make):
    event = make.event(year=2024)
    url = f"/admin/results/event/{event.pk}/paste/"
    response = editor_client.post(url, {"text": "Pos,Driver\n" + "1,Ann Able\n" * (2 * MB)})
    assert response.status_code == 200
    assert "The results were not saved; nothing changed." in response.content.decode()
    assert ImportRun.objects.get().outcome == "failed"
    assert not event.entries.exists()
