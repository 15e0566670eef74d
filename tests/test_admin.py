"""Editors keep results right in Django admin."""

import pytest
from django.contrib.auth.models import Group

from results.models import Entry


@pytest.fixture
def race(make):
    event = make.event(name="Clean Harbors 150")
    make.entry(event=event, driver=make.driver(name="Zane Smith"), finish=2, number="38")
    make.entry(event=event, driver=make.driver(name="Parker Kligerman"), finish=1, number="75")
    return event


def test_editors_group_can_change_results_but_not_people(db):
    perms = set(Group.objects.get(name="Editors").permissions.values_list("content_type__app_label", "codename"))
    assert ("results", "change_entry") in perms
    assert ("results", "delete_driver") in perms
    assert {app for app, _ in perms} == {"results"}


def test_editor_sees_the_entries_inline_in_finish_order(editor_client, race):
    response = editor_client.get(f"/admin/results/event/{race.pk}/change/")
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert [form.instance.finish for form in formset.forms] == [1, 2]


def test_editor_cannot_open_users_or_groups(editor_client):
    assert editor_client.get("/admin/auth/user/").status_code == 403
    assert editor_client.get("/admin/auth/group/").status_code == 403


def test_driver_autocomplete_finds_by_accentless_name(editor_client, make):
    make.driver(name="Kenkō Miura")
    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "results", "model_name": "entry", "field_name": "driver", "term": "kenko"},
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Kenkō Miura"]


def test_event_list_filters_by_series_and_year(editor_client, race):
    response = editor_client.get("/admin/results/event/", {"season__year": 2022})
    assert race in response.context["cl"].result_list
    response = editor_client.get("/admin/results/event/", {"season__year": 1999})
    assert list(response.context["cl"].result_list) == []


def test_editor_corrects_a_finish_through_the_inline(editor_client, race):
    url = f"/admin/results/event/{race.pk}/change/"
    response = editor_client.get(url)
    form = response.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({"season": race.season_id, "track": race.track_id, "round": race.round, "slug": race.slug})
    formset = response.context["inline_admin_formsets"][0].formset
    data.update(management_form(formset))
    for i, entry_form in enumerate(formset.forms):
        entry = entry_form.instance
        prefix = f"{formset.prefix}-{i}"
        data.update(
            {
                f"{prefix}-id": entry.pk,
                f"{prefix}-event": race.pk,
                f"{prefix}-driver": entry.driver_id,
                f"{prefix}-finish": entry.finish,
                f"{prefix}-number": entry.number,
            }
        )
    data[f"{formset.prefix}-0-laps"] = "67"
    data[f"{formset.prefix}-0-laps_led"] = "56"
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert Entry.objects.get(event=race, finish=1).laps_led == 56


def management_form(formset):
    return {
        f"{formset.prefix}-TOTAL_FORMS": len(formset.forms),
        f"{formset.prefix}-INITIAL_FORMS": len(formset.forms),
        f"{formset.prefix}-MIN_NUM_FORMS": 0,
        f"{formset.prefix}-MAX_NUM_FORMS": 1000,
    }


def test_admin_search_ignores_accents(editor_client, make):
    make.driver(name="Kenkō Miura")
    response = editor_client.get("/admin/results/driver/", {"q": "Kenko"})
    assert [d.name for d in response.context["cl"].result_list] == ["Kenkō Miura"]
    response = editor_client.get("/admin/results/driver/", {"q": "KENKŌ"})
    assert [d.name for d in response.context["cl"].result_list] == ["Kenkō Miura"]
