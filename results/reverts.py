"""Reverting an import from its run: the race goes back to what it was before the import (or away, if
the import created it), while nothing has changed the race since. One transaction, summaries and
the results version kept current, and a line in the race's and the run's admin history."""

from pathlib import Path

from django.contrib.admin.models import LogEntry
from django.db import transaction
from django.utils import timezone

from results import race_state, summaries
from results.audit import CHANGE, DELETION, log
from results.models import Driver, Event, ImportRun, Manufacturer, Team
from results.names import name_key

# the names an import created, by the kind ``Outcome.created`` files them under, and what uses them
CREATED = {"drivers": (Driver, "entries"), "teams": (Team, "entries"), "manufacturers": (Manufacturer, "entries")}


class RevertRefused(Exception):
    """The run cannot be reverted (the message says why, in editors' words)."""


def refusal(run):
    """Why ``run`` cannot be reverted now; None when it can."""
    if run.reverted_at:
        return "This import was already reverted."
    if not run.undo:
        return (
            "Only an import that wrote one race's results can be reverted (not a dry run, a failure or a bulk import)."
        )
    event = run.events.first()
    if event is None:
        return "Its race no longer exists."
    if race_state.digest(race_state.capture(event.pk)) != run.undo["after"]:
        later = (
            event.import_runs.filter(started_at__gt=run.started_at, entries_written__gt=0)
            .order_by("-started_at")
            .first()
        )
        if later is not None:
            return (
                f"The race changed since: import run #{later.pk} of {later.started_at:%Y-%m-%d %H:%M} wrote it again."
            )
        edit = (
            LogEntry.objects.filter(
                content_type__app_label="results",
                content_type__model="event",
                object_id=str(event.pk),
                action_time__gt=run.started_at,
            )
            .select_related("user")
            .order_by("-action_time")
            .first()
        )
        if edit is not None:
            return f"The race changed since: edited by {edit.user} on {edit.action_time:%Y-%m-%d %H:%M}."
        return "The race changed since this import."
    return None


@transaction.atomic
def revert(run, *, user=None):
    """Undo ``run``; returns the race (None when the import had created it and it is now gone).
    Raises RevertRefused, changing nothing, when something changed the race since."""
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    why = refusal(run)
    if why:
        raise RevertRefused(why)
    event = run.events.get()
    event_id, season, label = event.pk, event.season_id, f"{event.season} round {event.round} at {event.track}"
    if run.undo["race"] is None:
        track = event.track
        event.delete()
        _drop_unused(run.undo.get("created", {}))
        if track.name in run.undo.get("created", {}).get("tracks", []) and not track.events.exists():
            track.delete()
        log(user, Event, event_id, label, DELETION, _line(run))
        result = None
    else:
        race_state.restore(event, run.undo["race"])
        _drop_unused(run.undo.get("created", {}))
        log(user, Event, event.pk, event, CHANGE, _line(run))
        result = event
    run.reverted_at, run.reverted_by = timezone.now(), user
    run.save(update_fields=["reverted_at", "reverted_by"])
    log(user, ImportRun, run.pk, run, CHANGE, f"Reverted: {label} is as it was before this import.")
    summaries.refresh(seasons=[season])
    return result


def _line(run):
    return f"Reverted import run #{run.pk} ({Path(run.source).name}): the race is as it was before it."


def _drop_unused(created):
    """Drivers, teams and makes the import created that no result uses any more go with it."""
    for kind, (model, relation) in CREATED.items():
        keys = [name_key(name) for name in created.get(kind, [])]
        if keys:
            model._default_manager.filter(key__in=keys, **{f"{relation}__isnull": True}).delete()
