"""Edna merges two records that are one (drivers, teams, tracks, makes alike), and splits a merge back."""

import pytest
from django.contrib.admin.models import LogEntry

from results.models import Driver, DriverAlias, Entry, Event, Manufacturer, Merge, OldSlug, Team, Track


def merge(client, kind, keep, *others, confirm=True):
    data = {"action": "merge_selected", "_selected_action": [keep.pk, *[o.pk for o in others]]}
    if confirm:
        data["keep"] = keep.pk
    return client.post(f"/admin/results/{kind}/", data, follow=confirm)


@pytest.fixture
def two_miuras(make):
    kept = make.driver(name="Kenkō Miura")
    duplicate = make.driver(name="Kenko Miura Jr", hometown="Tokyo")
    make.entry(driver=kept, event=make.event(year=2022, round=1))
    make.entry(
        driver=duplicate, event=make.event(year=2023, round=1, series=make.series("NASCAR Xfinity Series", "Xfinity"))
    )
    return kept, duplicate


def test_the_confirmation_tells_the_drivers_apart_by_years_series_and_races(editor_client, two_miuras):
    kept, duplicate = two_miuras
    response = merge(editor_client, "driver", kept, duplicate, confirm=False)
    assert b"Keep which driver?" in response.content
    profiles = {p["record"].name: p for p in response.context["profiles"]}
    assert (profiles["Kenkō Miura"]["years"], profiles["Kenkō Miura"]["series"], profiles["Kenkō Miura"]["races"]) == (
        "2022",
        "Truck",
        1,
    )
    assert profiles["Kenko Miura Jr"]["series"] == "Xfinity"
    assert "Xfinity 2023 round 1" in response.content.decode()


def test_a_driver_merge_moves_results_logs_both_ids_and_redirects_the_old_page(editor_client, two_miuras, client):
    kept, duplicate = two_miuras
    old_url = duplicate.get_absolute_url()
    response = merge(editor_client, "driver", kept, duplicate)
    assert "Merged Kenko Miura Jr into Kenkō Miura" in response.content.decode()
    assert list(Driver.objects.all()) == [kept]
    kept.refresh_from_db()
    assert (kept.entries.count(), kept.starts, kept.hometown) == (2, 2, "Tokyo")
    assert DriverAlias.objects.get(driver=kept).name == "Kenko Miura Jr"
    kept_log = LogEntry.objects.get(content_type__model="driver", object_id=str(kept.pk))
    gone_log = LogEntry.objects.get(content_type__model="driver", object_id=str(duplicate.pk))
    assert f"#{duplicate.pk}" in kept_log.change_message and f"#{kept.pk}" in kept_log.change_message
    assert f"#{kept.pk}" in gone_log.change_message and gone_log.is_deletion()

    response = client.get(old_url + "?sort=-finish")
    assert response.status_code == 301
    assert response["Location"] == kept.get_absolute_url() + "?sort=-finish"


def test_the_old_address_redirects_within_the_query_ceiling(
    client, two_miuras, editor_client, django_assert_max_num_queries
):
    kept, duplicate = two_miuras
    merge(editor_client, "driver", kept, duplicate)
    with django_assert_max_num_queries(10):
        assert client.get(duplicate.get_absolute_url()).status_code == 301
    with django_assert_max_num_queries(10):
        assert client.get("/drivers/nobody-ever/").status_code == 404


def test_a_merge_splits_back_to_exactly_what_was(editor_client, two_miuras, client):
    kept, duplicate = two_miuras
    before = sorted(Entry.objects.values_list("id", "driver_id"))
    merge(editor_client, "driver", kept, duplicate)
    record = Merge.objects.get()
    page = editor_client.get(f"/admin/results/merge/{record.pk}/change/")
    assert page.context["split_refusal"] is None
    response = editor_client.post(f"/admin/results/merge/{record.pk}/split/", follow=True)
    assert "is back as it was before the merge" in response.content.decode()
    restored = Driver.objects.get(pk=duplicate.pk)
    assert (restored.name, restored.slug, restored.hometown, restored.starts) == (
        "Kenko Miura Jr",
        duplicate.slug,
        "Tokyo",
        1,
    )
    assert sorted(Entry.objects.values_list("id", "driver_id")) == before
    kept.refresh_from_db()
    assert (kept.hometown, kept.starts) == ("", 1)
    assert not DriverAlias.objects.exists() and not OldSlug.objects.exists()
    assert client.get(duplicate.get_absolute_url()).status_code == 200
    undo = LogEntry.objects.filter(object_id=str(duplicate.pk)).latest("action_time")
    assert undo.is_addition() and f"merge #{record.pk}" in undo.change_message
    assert "back out" in LogEntry.objects.filter(object_id=str(kept.pk)).latest("action_time").change_message


def test_no_split_once_later_results_may_rely_on_the_merge(editor_client, two_miuras, make):
    kept, duplicate = two_miuras
    merge(editor_client, "driver", kept, duplicate)
    record = Merge.objects.get()
    make.entry(driver=kept, event=make.event(year=2024, round=1))
    page = editor_client.get(f"/admin/results/merge/{record.pk}/change/")
    assert "results written since the merge (Truck 2024 round 1" in page.context["split_refusal"]
    response = editor_client.post(f"/admin/results/merge/{record.pk}/split/", follow=True)
    assert "Not split" in response.content.decode()
    assert Driver.objects.count() == 1 and Merge.objects.get().undone_at is None


def test_drivers_who_raced_each_other_are_refused_up_front(editor_client, make):
    event = make.event()
    first, second = make.driver(name="Bill Scott"), make.driver(name="Bill Scott (CA)")
    make.entry(event=event, driver=first)
    make.entry(event=event, driver=second)
    response = merge(editor_client, "driver", first, second, confirm=False)
    assert response.context["shared"] == [f"Truck 2022 round 1 at {event.track}"]
    response = merge(editor_client, "driver", first, second)
    assert "different people" in response.content.decode()
    assert Driver.objects.count() == 2 and not Merge.objects.exists()


def test_teams_merge_like_drivers(editor_client, season, make, client):
    penske = make.team(name="Team Penske")
    other = make.team(name="Penske Racing")
    make.entry(event=season["events"][1], driver=make.driver(name="Ryan Blaney"), team=other, finish=4)
    merge(editor_client, "team", penske, other)
    assert list(Team.objects.filter(name__contains="Penske")) == [penske]
    assert penske.entries.count() == 1 and penske.aliases.get().name == "Penske Racing"
    assert client.get("/teams/penske-racing/")["Location"] == "/teams/team-penske/"


def test_tracks_merge_with_their_races(editor_client, season, client):
    mid_ohio = season["mid_ohio"]
    duplicate = Track.objects.create(name="Mid Ohio (road course)")
    Event.objects.filter(pk=season["events"][1].pk).update(track=duplicate)
    Entry.objects.filter(event=season["events"][1]).update(track=duplicate)
    merge(editor_client, "track", mid_ohio, duplicate)
    assert mid_ohio.events.count() == 2 and mid_ohio.entries.count() == 7
    assert client.get("/tracks/mid-ohio-road-course/").status_code == 301
    assert Merge.objects.get().moved.keys() >= {"results.event.track", "results.entry.track"}


def test_makes_merge_and_split_back(editor_client, season):
    toyota = season["toyota"]
    typo = Manufacturer.objects.create(name="Toyta")
    Entry.objects.filter(driver=season["miura"]).update(manufacturer=typo)
    merge(editor_client, "manufacturer", toyota, typo)
    assert not Manufacturer.objects.filter(name="Toyta").exists() and toyota.entries.count() == 3
    editor_client.post(f"/admin/results/merge/{Merge.objects.get().pk}/split/")
    assert Manufacturer.objects.get(name="Toyta").entries.count() == 2


def test_a_renamed_slug_keeps_the_old_address(editor_client, season, client):
    team = season["thorsport"]
    form = {"name": team.name, "aliases-TOTAL_FORMS": 0, "aliases-INITIAL_FORMS": 0}
    response = editor_client.post(f"/admin/results/team/{team.pk}/change/", {**form, "slug": "thorsport"})
    assert response.status_code == 302
    assert client.get("/teams/thorsport-racing/")["Location"] == "/teams/thorsport/"
    page = editor_client.get(f"/admin/results/team/{team.pk}/change/")
    assert '<div class="readonly">thorsport-racing</div>' in page.content.decode()


def test_editors_cannot_delete_merges(editor_client, two_miuras):
    merge(editor_client, "driver", *two_miuras)
    record = Merge.objects.get()
    assert editor_client.post(f"/admin/results/merge/{record.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Merge.objects.exists()
