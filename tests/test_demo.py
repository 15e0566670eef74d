"""A newcomer's `make run` loads the project's own demo race, with or without ../shared."""

from io import StringIO

from django.core.management import call_command

from results.models import Entry, Event


def test_demo_loads_without_shared(db, tmp_path, monkeypatch):
    monkeypatch.setattr("results.management.commands.load_demo.SHARED", tmp_path / "absent")
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "is absent" in out.getvalue()
    event = Event.objects.get()
    assert (event.season.year, event.round, event.track.name) == (2022, 15, "Mid-Ohio Sports Car Course")
    assert Entry.objects.filter(event=event).count() == 36
    assert event.entries.get(finish=1).laps_led == 56
    call_command("load_demo", stdout=StringIO())
    assert Entry.objects.count() == 36
