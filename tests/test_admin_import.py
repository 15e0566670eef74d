"""Editors import a report from admin: upload, read the preview, confirm."""

from django.core.files.uploadedfile import SimpleUploadedFile

from results.models import Entry, Event, ImportRun

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
    text = preview.context["form"].initial["text"]
    response = editor_client.post(URL, {"text": text, "round": 15, "confirm": "1"})
    assert response.status_code == 302
    assert Entry.objects.count() == 36
    run = ImportRun.objects.filter(outcome="created").get()
    assert (run.user, run.via, run.events.get().round) == (editor, "admin", 15)
    assert editor_client.get(response.url).status_code == 200


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


def test_editors_read_the_log_but_cannot_edit_it(editor_client, seed_report):
    editor_client.post(URL, {"file": upload(seed_report), "preview": "1"})
    run = ImportRun.objects.get()
    assert editor_client.get("/admin/results/importrun/").status_code == 200
    response = editor_client.get(f"/admin/results/importrun/{run.pk}/change/")
    assert response.status_code == 200 and "Parker" not in response.context.get("errors", "")
    assert editor_client.post(f"/admin/results/importrun/{run.pk}/change/", {}).status_code == 403
