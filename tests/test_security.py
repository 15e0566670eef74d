"""Who may do what, and what a hostile name or request can and cannot do."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from results.models import Driver

HOSTILE_NAME = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture
def hostile(make):
    event = make.event(name=FORMULA, report_text="<img src=x onerror=alert(2)>")
    make.entry(event=event, driver=make.driver(name=HOSTILE_NAME), team=make.team(name=FORMULA), finish=1)
    make.entry(event=event, driver=make.driver(name="-1 Minus Driver"), finish=2)
    return event


def test_hostile_names_show_as_text_on_every_page(client, hostile, editor_client):
    driver = Driver.objects.get(name=HOSTILE_NAME)
    urls = [
        "/",
        hostile.get_absolute_url(),
        driver.get_absolute_url(),
        "/drivers/",
        hostile.track.get_absolute_url(),
        hostile.season.get_absolute_url(),
        Driver.objects.get(name=HOSTILE_NAME).entries.get().team.get_absolute_url(),
    ]
    for url in urls:
        page = client.get(url).content.decode()
        assert "<script>alert(1)" not in page, url
        assert "<img src=x" not in page, url
    page = client.get(hostile.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    for url in [
        f"/admin/results/driver/{driver.pk}/change/",
        "/admin/results/driver/",
        f"/admin/results/event/{hostile.pk}/change/",
    ]:
        assert "<script>alert(1)" not in editor_client.get(url).content.decode(), url


def test_csv_exports_neutralise_spreadsheet_formulas(client, hostile):
    rows = list(csv.reader(io.StringIO(client.get(hostile.get_absolute_url(), {"_export": "csv"}).getvalue().decode())))
    header = rows[0]
    assert "'" + FORMULA in [row[header.index("Team")] for row in rows[1:]]
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)
    assert "'-1 Minus Driver" in [row[header.index("Driver")] for row in rows[1:]]


def test_security_headers(client, db):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_anonymous_visitors_read_the_site_but_not_admin(client, hostile):
    assert client.get(hostile.get_absolute_url()).status_code == 200
    for url in ["/admin/", "/admin/results/event/", "/admin/results/importrun/import/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response.url
    assert client.post("/admin/results/driver/add/", {"name": "Sneaky"}).status_code == 302
    assert not Driver.objects.filter(name="Sneaky").exists()


@pytest.mark.parametrize("model", ["series", "season", "event", "driver", "team", "track", "manufacturer"])
def test_editors_can_add_and_change_results(editor_client, model):
    assert editor_client.get(f"/admin/results/{model}/add/").status_code == 200
    assert editor_client.get(f"/admin/results/{model}/").status_code == 200


def test_editors_add_a_driver(editor_client):
    response = editor_client.post(
        "/admin/results/driver/add/",
        {
            "name": "Ann Able",
            "slug": "ann-able",
            "hometown": "",
            "birth_date": "",
            "aliases-TOTAL_FORMS": 0,
            "aliases-INITIAL_FORMS": 0,
            "aliases-MIN_NUM_FORMS": 0,
            "aliases-MAX_NUM_FORMS": 1000,
        },
    )
    assert response.status_code == 302
    assert Driver.objects.filter(name="Ann Able").exists()


@pytest.mark.parametrize(
    "url", ["/admin/auth/user/", "/admin/auth/user/add/", "/admin/auth/group/", "/admin/auth/group/add/"]
)
def test_editors_cannot_touch_users_groups_or_permissions(editor_client, editor, url):
    assert editor_client.get(url).status_code == 403
    group = Group.objects.get(name="Editors")
    assert (
        editor_client.post(f"/admin/auth/group/{group.pk}/change/", {"name": "Editors", "permissions": []}).status_code
        == 403
    )
    assert group.permissions.exists()
    assert editor_client.post(f"/admin/auth/user/{editor.pk}/change/", {"is_superuser": "on"}).status_code == 403
    editor.refresh_from_db()
    assert not editor.is_superuser


def test_admin_forms_and_the_import_page_need_a_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post("/admin/results/driver/add/", {"name": "No Token"}).status_code == 403
    assert client.post("/admin/results/importrun/import/", {"text": "x", "preview": "1"}).status_code == 403
    assert not Driver.objects.filter(name="No Token").exists()
