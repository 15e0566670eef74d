"""Everything exported can be restored into an empty database, exactly."""

import json

import pytest
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command

from results.audit import CHANGE, log
from results.models import DataVersion, Driver, Entry, ImportRun, RaceSummary
from results.summaries import DERIVED


def everything():
    state = {
        m.__name__: list(m.objects.order_by("pk").values_list()) for m in apps.get_app_config("results").get_models()
    }
    state["admin log"] = list(
        LogEntry.objects.order_by("pk").values_list(
            "user__username", "content_type__model", "object_id", "object_repr", "action_flag", "change_message"
        )
    )
    state["users"] = list(User.objects.order_by("pk").values_list("username", "is_staff", "password"))
    state["groups"] = [(g.name, sorted(g.permissions.values_list("codename", flat=True))) for g in Group.objects.all()]
    return state


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_an_empty_database_is_exact(
    run_import, seed_report, truck_csv_2022, tmp_path, django_user_model
):
    run_import(truck_csv_2022, "--no-progress")
    run_import(seed_report)
    edna = django_user_model.objects.create_user("edna", password="pw", is_staff=True)
    edna.groups.add(Group.objects.get(name="Editors"))
    winner = Entry.objects.get(event__round=15, finish=1).driver
    log(edna, Driver, winner.pk, winner, CHANGE, "Added an alias.")
    before = everything()
    assert ImportRun.objects.count() == 2 and before["DriverSeason"] and before["admin log"]
    backup = tmp_path / "backup.json.gz"
    call_command("backup", str(backup), stdout=open("/dev/null", "w"))

    call_command("flush", interactive=False, verbosity=0)
    with open("/dev/null", "w") as quiet:
        call_command("restore", str(backup), stdout=quiet)
    assert everything() == before


@pytest.mark.django_db
def test_restore_refuses_a_database_that_holds_results(run_import, seed_report, tmp_path):
    run_import(seed_report)
    backup = tmp_path / "backup.json"
    call_command("backup", str(backup), stdout=open("/dev/null", "w"))
    with pytest.raises(CommandError, match="already holds results"):
        call_command("restore", str(backup))


@pytest.mark.django_db(transaction=True)
def test_a_backup_of_an_older_release_is_restored_with_this_releases_summaries(run_import, seed_report, tmp_path):
    run_import(seed_report)
    backup = tmp_path / "backup.json"
    call_command("backup", str(backup), stdout=open("/dev/null", "w"))
    objects = json.loads(backup.read_text())
    for row in objects:
        if row["model"] == "results.dataversion":
            row["fields"]["derived"] = DERIVED - 1
    # an older release had no race summaries
    backup.write_text(json.dumps([row for row in objects if row["model"] != "results.racesummary"]))

    call_command("flush", interactive=False, verbosity=0)
    call_command("restore", str(backup), stdout=open("/dev/null", "w"))
    assert RaceSummary.objects.get().winner.name == "Parker Kligerman"
    assert DataVersion.objects.get().derived == DERIVED
