"""Edna reverts an import from its run: the race goes back to what it was, while nothing changed it since."""

import pytest
from django.contrib.admin.models import LogEntry

from results.models import Driver, Entry, Event, ImportRun

TABLE = """Pos\tSt\t#\tDriver\tTeam\tMake\tLaps\tLed\tStatus\tPts
1\t2\t75\tParker Kligerman\tHenderson Motorsports\tChevrolet\t67\t56\tRunning\t59
2\t1\t38\tZane Smith\tFront Row Motorsports\tFord\t67\t11\tRunning\t54
3\t3\t33\tKenko Miura\tReaume Brothers Racing\tToyota\t60\t0\tEngine\t34
"""
FACTS = ["--series", "Truck", "--year", "2022", "--round", "15", "--track", "Mid-Ohio Sports Car Course"]


@pytest.fixture
def import_table(run_import, tmp_path):
    def run(text, name="mid-ohio.tsv"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        ok, out, err = run_import(path, *FACTS)
        assert ok, err
        return ImportRun.objects.exclude(outcome="dry-run").latest("started_at")

    return run


def rows():
    return list(Entry.objects.order_by("finish").values_list("driver__name", "laps", "laps_led", "points"))


def revert(client, run):
    return client.post(f"/admin/results/importrun/{run.pk}/revert/", follow=True)


def test_reverting_a_correction_puts_the_race_back(editor_client, import_table):
    import_table(TABLE)
    before = rows()
    correction = import_table(TABLE.replace("60\t0\tEngine\t34", "61\t0\tEngine\t35"), name="corrected.tsv")
    assert correction.outcome == "updated" and rows() != before
    page = editor_client.get(f"/admin/results/importrun/{correction.pk}/change/")
    assert page.context["revert_refusal"] is None
    assert "<div>Kenko Miura: laps 60 -&gt; 61, points 34 -&gt; 35</div>" in page.content.decode()

    response = revert(editor_client, correction)
    assert "the race is as it was before this import" in response.content.decode()
    assert rows() == before
    assert Driver.objects.get(name="Kenko Miura").season_totals.get().laps == 60  # summaries current
    event = Event.objects.get()
    line = LogEntry.objects.get(content_type__model="event", object_id=str(event.pk))
    assert (
        line.get_change_message()
        == f"Reverted import run #{correction.pk} (corrected.tsv): the race is as it was before it."
    )
    correction.refresh_from_db()
    assert correction.reverted_at is not None
    assert "already reverted" in revert(editor_client, correction).content.decode()


def test_reverting_the_import_that_created_a_race_removes_it_and_its_new_names(
    editor_client, make, import_table, client
):
    smith = make.driver(name="Zane Smith")
    make.entry(driver=smith, event=make.event(year=2022, round=1))
    run = import_table(TABLE)
    url = Event.objects.get(round=15).get_absolute_url()
    revert(editor_client, run)
    assert not Event.objects.filter(round=15).exists()
    assert list(Driver.objects.values_list("name", flat=True)) == ["Zane Smith"]  # he raced before: kept
    assert client.get(url).status_code == 404
    assert LogEntry.objects.get(content_type__model="event").is_deletion()


def test_no_revert_once_a_later_import_or_an_edit_changed_the_race(editor_client, import_table):
    first = import_table(TABLE)
    import_table(TABLE.replace("60\t0\tEngine", "61\t0\tEngine"), name="corrected.tsv")
    later = ImportRun.objects.exclude(outcome="dry-run").latest("started_at")
    page = editor_client.get(f"/admin/results/importrun/{first.pk}/change/")
    assert f"import run #{later.pk}" in page.context["revert_refusal"]
    assert "Not reverted" in revert(editor_client, first).content.decode()

    Entry.objects.filter(finish=1).update(points=60)  # an edit outside the importer
    page = editor_client.get(f"/admin/results/importrun/{later.pk}/change/")
    assert page.context["revert_refusal"] == "The race changed since this import."
    assert Entry.objects.get(finish=1).points == 60


def test_a_dry_run_or_an_unchanged_import_cannot_be_reverted(editor_client, import_table):
    import_table(TABLE)
    unchanged = import_table(TABLE, name="again.tsv")
    assert unchanged.outcome == "unchanged"
    page = editor_client.get(f"/admin/results/importrun/{unchanged.pk}/change/")
    assert page.context["revert_refusal"].startswith("Only an import that wrote one race's results")


def test_a_run_logged_before_the_digest_was_hashed_in_pieces_still_reverts(editor_client, import_table):
    """Runs already logged keep the fingerprint of the whole state as JSON: it must still match."""
    import hashlib
    import json

    from results import race_state

    import_table(TABLE)
    before = rows()
    correction = import_table("Pos\tDriver\tLaps\n1\tZane Smith\t67\n" + 'Suárez–Pérez 🏁 "notes"\n' * 40_000)
    state = race_state.capture(correction.events.get().pk)
    correction.undo["after"] = hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()
    correction.save()
    assert "Reverted" in revert(editor_client, correction).content.decode()
    assert rows() == before
