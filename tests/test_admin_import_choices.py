"""Edna's choices in an import preview ("use existing" for a near name) show in the preview as they
will be imported, stay chosen through the confirmation, and are in the history of what they changed."""

from django.contrib.admin.models import LogEntry

from results.models import Entry, Event, ImportRun, Team, TeamAlias, Track, TrackAlias

URL = "/admin/results/importrun/import/"
ATLANTA = {"series": "Cup", "year": 2024, "round": 2, "track": "Atlanta"}
GIBBS = "Pos,Driver,Team,Laps\n1,Ann Able,Gibbs Racing,260\n2,Bo Baker,Kaulig Racing,260\n"


def asked(response):
    return {m.name: m for m in response.context["decisions"].pending}


def test_a_preview_with_use_existing_chosen_shows_the_known_track_and_team_not_new_ones(editor_client, make):
    atlanta, gibbs = make.track(name="Atlanta Motor Speedway"), make.team(name="Joe Gibbs Racing")
    first = asked(editor_client.post(URL, {"text": GIBBS, **ATLANTA, "preview": "1"}))
    chosen = {first["Atlanta"].field_name: atlanta.pk, first["Gibbs Racing"].field_name: gibbs.pk}

    again = editor_client.post(URL, {"text": GIBBS, **ATLANTA, **chosen, "preview": "1"})
    summary = "\n".join(again.context["summary"])
    assert "event created: 2024 Cup round 2 at Atlanta Motor Speedway" in summary
    assert "tracks created" not in summary and "Gibbs Racing" not in summary.split("teams created")[1].split("\n")[0]
    assert "is close to" not in summary  # the warning the choice answers
    page = again.content.decode()
    assert f'value="{atlanta.pk}" checked> use existing <strong>Atlanta Motor Speedway</strong>' in page
    # nothing written, the preview logged once, as it was shown
    assert not TrackAlias.objects.exists() and not TeamAlias.objects.exists() and not Event.objects.exists()
    assert Track.objects.count() == 1 and Team.objects.count() == 1
    run = ImportRun.objects.latest("pk")
    assert run.outcome == "dry-run" and "at Atlanta Motor Speedway" in run.summary
    assert ImportRun.objects.count() == 2


def test_use_existing_is_in_the_history_of_the_track_and_the_team_it_names(editor_client, make, editor):
    atlanta, gibbs = make.track(name="Atlanta Motor Speedway"), make.team(name="Joe Gibbs Racing")
    first = asked(editor_client.post(URL, {"text": GIBBS, **ATLANTA, "preview": "1"}))
    chosen = {first["Atlanta"].field_name: atlanta.pk, first["Gibbs Racing"].field_name: gibbs.pk}
    response = editor_client.post(URL, {"text": GIBBS, **ATLANTA, **chosen, "confirm": "1"})
    assert response.status_code == 302
    run = ImportRun.objects.get(outcome="created")
    for record, name in ((atlanta, "Atlanta"), (gibbs, "Gibbs Racing")):
        line = LogEntry.objects.get(content_type__model=record._meta.model_name, object_id=str(record.pk))
        assert line.user == editor
        assert line.get_change_message() == (
            f"'{name}' added as another name of {record.name}: chosen as \"use existing\" "
            f"in the import of pasted report (import run #{run.pk})."
        )
    race = LogEntry.objects.get(content_type__model="event")
    assert "'Atlanta' taken as Atlanta Motor Speedway" in race.get_change_message()
    assert "'Gibbs Racing' taken as Joe Gibbs Racing" in race.get_change_message()


def test_a_refused_confirmation_leaves_no_alias_and_no_history_line(editor_client, make):
    atlanta = make.track(name="Atlanta Motor Speedway")
    first = asked(editor_client.post(URL, {"text": GIBBS, **ATLANTA, "preview": "1"}))
    # meanwhile another editor enters round 2 at Daytona
    cup = make.series("NASCAR Cup Series", "Cup")
    make.event(year=2024, round=2, series=cup, track=make.track(name="Daytona International Speedway"))
    response = editor_client.post(
        URL, {"text": GIBBS, **ATLANTA, first["Atlanta"].field_name: atlanta.pk, "confirm": "1"}
    )
    assert response.status_code == 200 and "nothing changed" in response.content.decode()
    assert not TrackAlias.objects.exists() and not Entry.objects.exists()
    assert not LogEntry.objects.exists()
    assert ImportRun.objects.latest("pk").outcome == "failed"


def test_a_choice_that_makes_the_report_contradict_itself_is_refused_and_can_be_changed(editor_client, make):
    kligerman = make.driver(name="Parker Kligerman")
    text = "Pos,Driver,Laps\n1,Parker Kligerman,67\n2,Parker Kligermann,67\n"
    facts = {"text": text, **ATLANTA}
    first = asked(editor_client.post(URL, {**facts, "preview": "1"}))
    field = first["Parker Kligermann"].field_name
    response = editor_client.post(URL, {**facts, field: kligerman.pk, "preview": "1"})
    page = response.content.decode()
    assert "nothing changed" in page and "Parker Kligerman" in response.context["error"]
    assert f'name="{field}" value="{kligerman.pk}" checked>' in page  # still offered, to choose "create new"
    again = editor_client.post(URL, {**facts, field: "new", "confirm": "1"})
    assert again.status_code == 302
    assert sorted(Entry.objects.values_list("driver__name", flat=True)) == ["Parker Kligerman", "Parker Kligermann"]


LEADS = ["111", "110", "25", "37", "48", "59", "64", "76", "83", "92", "1045", "1233"]
GLUED = "FinishStartNumberDriverTeamManufacturerLapsStatus\n" + "".join(
    f"{i}{lead}Driver {chr(64 + i)}ovichSome RacingFord100Running\n" for i, lead in enumerate(LEADS, 1)
)
GLUED_FACTS = {"text": GLUED, "series": "Truck", "year": 2023, "track": "Somewhere Speedway"}


def test_readings_chosen_that_clash_are_offered_again_as_chosen_to_change_one(editor_client):
    """Lines 2 and 3 each read as start 1 or start 11: choosing start 1 for both is refused, and the
    two lines are offered again with the readings chosen, so Edna changes one instead of retyping."""
    refused = editor_client.post(URL, {**GLUED_FACTS, "preview": "1"})
    assert "choose the reading of each line below" in refused.context["error"]
    assert not refused.context["form"]["numbers"].errors  # said once, in the error box, not again under the field
    clash = editor_client.post(URL, {**GLUED_FACTS, "choice": ["Driver Aovich=11", "Driver Bovich=10"], "preview": "1"})
    assert "these rows read with the same start position: line 2, line 3" in clash.context["error"]
    assert [line for line, _, _ in clash.context["choices"]] == [2, 3]
    page = clash.content.decode()
    assert '<option value="Driver Aovich=11" selected>start 1, #11</option>' in page
    assert '<option value="Driver Bovich=10" selected>start 1, #10</option>' in page

    numbers = clash.context["form"]["numbers"].value()
    changed = editor_client.post(
        URL, {**GLUED_FACTS, "numbers": numbers, "choice": ["Driver Aovich=1"], "preview": "1"}
    )
    rows = changed.context["outcome"].report.rows
    assert [(r.start, r.number) for r in rows[:2]] == [(11, "1"), (1, "10")]
    assert ImportRun.objects.filter(outcome="failed").count() == 2  # each refusal once; the re-read is not logged


def test_confirming_twice_imports_once(editor_client, make):
    """A double click on Confirm, or Confirm again from a second tab: one race, its rows once."""
    atlanta = make.track(name="Atlanta Motor Speedway")
    facts = {**ATLANTA, "round": "", "track": "Atlanta"}  # no round: the race is numbered as the next
    first = asked(editor_client.post(URL, {"text": GIBBS, **facts, "preview": "1"}))
    chosen = {first["Atlanta"].field_name: atlanta.pk}
    for _ in range(2):
        assert editor_client.post(URL, {"text": GIBBS, **facts, **chosen, "confirm": "1"}).status_code == 302
    assert Event.objects.count() == 1 and Entry.objects.count() == 2
    runs = ImportRun.objects.order_by("pk").values_list("outcome", flat=True)
    assert list(runs) == ["dry-run", "created", "unchanged"]
    assert TrackAlias.objects.count() == 1
