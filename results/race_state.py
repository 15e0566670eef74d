"""One race as it stands, its facts and its rows, so that an import can be reverted while nothing has
changed the race since (``results.reverts``). The importer captures it before writing a race, and
the digest after."""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder

from results.models import Entry, Event

# What an import writes on a race (and a revert puts back); its season, round and track find it.
EVENT_FIELDS = ["name", "date", "scheduled_laps", "completed_laps", "distance_miles", "notes", "report_text", "source"]
_MARK, _PIECE = "\x00the report's text\x00", 65536  # no stored text holds a NUL (the importer refuses one)
ENTRY_FIELDS = [f.attname for f in Entry._meta.concrete_fields if f.editable and f.name not in {"id", "event"}]


def capture(event_id):
    """The race's facts and rows, JSON-ready (two queries). The report's text, a string already, skips
    the round trip through JSON that makes dates and decimals so (a 5 MB report's took 23 MB more)."""
    facts = Event.objects.filter(pk=event_id).values(*EVENT_FIELDS).get()
    text = facts.pop("report_text")
    rows = Entry.objects.filter(event=event_id).order_by("finish").values_list(*ENTRY_FIELDS)
    state = json.loads(json.dumps({"event": facts, "entries": [list(row) for row in rows]}, cls=DjangoJSONEncoder))
    state["event"] = {name: text if name == "report_text" else state["event"][name] for name in EVENT_FIELDS}
    return state


def digest(state):
    """A fingerprint of a captured state: equal digests, the same race. It hashes
    ``json.dumps(state, sort_keys=True)`` as UTF-8 with the report's text put in piece by piece (a 5 MB
    report's JSON and its bytes took 26 MB at once): the digests of runs already logged stay valid."""
    text = state["event"]["report_text"]
    shell = json.dumps({**state, "event": {**state["event"], "report_text": _MARK}}, sort_keys=True)
    before, after = shell.split(json.dumps(_MARK))
    sha = hashlib.sha256(before.encode() + b'"')
    for start in range(0, len(text), _PIECE):
        sha.update(json.dumps(text[start : start + _PIECE])[1:-1].encode())
    sha.update(b'"' + after.encode())
    return sha.hexdigest()


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
