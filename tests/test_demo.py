"""A newcomer's `make run` loads the project's own demo race, with or without ../shared."""

from decimal import Decimal
from io import StringIO

from django.core.management import call_command

from results.models import Driver, Entry, Event


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


def test_demo_never_changes_a_race_the_history_created(db, tmp_path, monkeypatch, truck_csv_2022, seed_report):
    shared = tmp_path / "shared"
    (shared / "data" / "nascar").mkdir(parents=True)
    (shared / "reports").mkdir()
    truck_csv_2022.rename(shared / "data" / "nascar" / "truck_series.csv")
    (shared / "reports" / seed_report.name).write_bytes(seed_report.read_bytes())
    monkeypatch.setattr("results.management.commands.load_demo.SHARED", shared)
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "left as it is" in out.getvalue()
    burke = Entry.objects.get(event__season__year=2022, event__round=15, finish=35)
    # the history's row, whole: the reports' "Trey Burke" (no points, rating or suffix) did not replace it
    assert (burke.driver.name, burke.points, burke.rating) == ("Trey Burke III", 2, Decimal("39.7"))
    assert not Driver.objects.filter(name="Trey Burke").exists()
