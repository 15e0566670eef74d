"""One race as it stands, its facts and its rows, so that an import can be reverted while nothing has
changed the race since (``results.reverts``). The importer captures it before writing a race, and
the digest after."""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder

from results.models import Entry, Event

# What an import writes on a race (and a revert puts back); its season, round and track find it.
EVENT_FIELDS = ["name", "date", "scheduled_laps", "completed_laps", "distance_miles", "notes", "report_text", "source"]
ENTRY_FIELDS = [f.attname for f in Entry._meta.concrete_fields if f.editable and f.name not in {"id", "event"}]


def capture(event_id):
    """The race's facts and rows, JSON-ready (two queries)."""
    facts = Event.objects.filter(pk=event_id).values(*EVENT_FIELDS).get()
    rows = Entry.objects.filter(event=event_id).order_by("finish").values_list(*ENTRY_FIELDS)
    return json.loads(json.dumps({"event": facts, "entries": [list(row) for row in rows]}, cls=DjangoJSONEncoder))


def digest(state):
    """A fingerprint of a captured state: equal digests, the same race."""
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()


def restore(event, state):
    """Put the race back as ``state`` says: its facts, then its rows replaced at once."""
    event_fields = {f.attname: f for f in Event._meta.concrete_fields}
    for name, value in state["event"].items():
        setattr(event, name, event_fields[name].to_python(value))
    event.save()
    entry_fields = {f.attname: f for f in Entry._meta.concrete_fields}
    fields = [entry_fields[name] for name in ENTRY_FIELDS]
    event.entries.all().delete()
    Entry.objects.bulk_create(
        [
            Entry(event=event, **{f.attname: f.to_python(value) for f, value in zip(fields, row, strict=True)})
            for row in state["entries"]
        ]
    )
