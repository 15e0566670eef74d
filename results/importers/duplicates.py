"""One race's report given as another's: a season's command where ``round06.txt`` is a copy of ``round05.txt``
(or a race imported again under another round) wrote race 5's results as round 6, and race 6 was never known
to be missing. No two races finish in the same order, so a report whose every row is another race's of the
season, in the same places, is that race; and a new race's report giving another race's field nearly in its
order is that race corrected (``corrected``)."""

import bisect
import shlex

from django.db.models import Count, Q

from results.importers.report import ReportError
from results.models import DriverAlias, Entry
from results.names import name_key

# a race of a handful of cars (the 1950s) could match another by chance; a field this big cannot
MIN_ROWS = 10
# Two races of one track and season keep at most 48% of the larger field finishing in the same order (every
# such pair in the history, 1949-2025, three series; 60% of two races anywhere, fields of 10 or more); a
# corrected report keeps nearly all (two places swapped, or the winner disqualified to last: 35 of 36).
SAME_ORDER = 0.8


def check(report, season, event, facts, outcome):
    """Refuse the report when another race of ``season`` holds exactly its rows (driver and finish), or, for a
    new race, nearly (``corrected``)."""
    exact(report, season, event, outcome.source)
    if outcome.events_created:
        corrected(report, season, event, facts, outcome.source)


def exact(report, season, event, source):
    """Refuse the report when another race of ``season`` holds exactly its rows (driver and finish)."""
    mine = sorted((row.finish, name_key(row.driver)) for row in report.rows)
    if len(mine) < MIN_ROWS or season.pk is None:
        return
    # only the races its winner won: a season's other rows are never read
    won = Entry.objects.filter(event__season=season, finish=mine[0][0], driver__key=mine[0][1]).values("event_id")
    entries = (
        Entry.objects.filter(event__in=won, finish__isnull=False)
        .exclude(event_id=event.pk)
        .values_list("event_id", "event__round", "event__track__name", "finish", "driver__key")
    )
    races: dict[tuple, list] = {}
    for event_id, round_number, track, finish, driver in entries:
        races.setdefault((event_id, round_number, track), []).append((finish, driver))
    for (_, round_number, track), rows in races.items():
        if sorted(rows) == mine:
            raise ReportError(
                f"its {len(mine)} results are those of round {round_number} of {season.year} at {track}, "
                "finish by finish: the same race twice",
                source=source,
                expected=f"this race's own report (or round {round_number} imported again as itself)",
            )


def corrected(report, season, event, facts, source):
    """Refuse a new race (``event``, just created) whose report gives another race of ``season`` again in nearly
    the same order: a corrected report that also moves the date (a rain delay), spells the track otherwise, or
    names another round. Which it is, the operator says with --round; guessed, the correction would land as a
    second race of the season, its points counted twice. The races compared: the track's, and, for a field of
    MIN_ROWS, those where the report's first two finished in the top five (a correction keeps them near the
    front). Three queries."""
    mine = sorted(report.rows, key=lambda row: row.finish)
    nearby = Entry.objects.filter(
        event__season=season, finish__lte=5, driver__key__in=[name_key(r.driver) for r in mine[:2]]
    )
    front = nearby.values("event_id").annotate(drivers=Count("driver_id")).filter(drivers=2).values("event_id")
    others = season.events.exclude(pk=event.pk).select_related("track")
    candidates = others.filter(
        Q(track_id=event.track_id) | Q(pk__in=front) if len(mine) >= MIN_ROWS else Q(track_id=event.track_id)
    )
    found = same_race(report, list(candidates.order_by("round")))
    if not found:
        return
    other, kept, field = found
    redated = facts.date and other.date and other.date != facts.date
    moved = other.track_id != event.track_id
    raise ReportError(
        f"its results are those of round {other.round} of {season.year} at {other.track}"
        f"{f' ({other.date})' if other.date else ''}: {kept} of {field} drivers finish in the same order"
        + (f", but the report is dated {facts.date}" if redated else ""),
        source=source,
        expected=f"--round {other.round}"
        + (f" --track {shlex.quote(other.track.name)}" if moved else "")
        + " to correct that race"
        + (f" (its date becomes {facts.date})" if redated else "")
        + ", or the round of a new race if it is another",
    )


def same_race(report, events):
    """The first of ``events`` (stored races) whose results the report's rows repeat in the same order for at
    least SAME_ORDER of the larger field (a corrected report of it), with (drivers in that order, field); else
    None. Two queries."""
    agreed = orders(report, events)
    return next(((event, *agreed[event.pk]) for event in events if _same(*agreed[event.pk])), None)


def another_race(report, event):
    """(drivers in the same order, field) when ``event``'s stored results are not the report's race nearly in
    its order (a race with no results yet is any report's); else None. Two queries."""
    kept, field = orders(report, [event])[event.pk]
    return None if _same(kept, field) or not event.entries.exists() else (kept, field)


def _same(kept, field):
    return bool(field) and kept >= SAME_ORDER * field


def orders(report, events):
    """event id -> (how many of the report's drivers finish in the same order in its stored results, the larger
    field). A report's name is the driver its key or an alias's names."""
    stored: dict = {event.pk: {} for event in events}
    entries = Entry.objects.filter(event__in=list(stored), finish__isnull=False)
    known = {}
    for event_id, driver, key, finish in entries.values_list("event_id", "driver_id", "driver__key", "finish"):
        stored[event_id][driver] = finish
        known[key] = driver
    aliases = DriverAlias.objects.filter(driver_id__in=set(known.values())).values_list("key", "driver_id")
    known |= dict(aliases)
    mine = {known.get(name_key(row.driver), name_key(row.driver)): row.finish for row in report.rows}
    agreed = {}
    for event_id, theirs in stored.items():
        # the longest run of shared drivers in the same order in both: the rest moved
        places = [theirs[driver] for driver, _ in sorted(mine.items(), key=lambda item: item[1]) if driver in theirs]
        run: list[int] = []
        for place in places:
            at = bisect.bisect_left(run, place)
            run[at : at + 1] = [place]
        agreed[event_id] = len(run), max(len(mine), len(theirs))
    return agreed
