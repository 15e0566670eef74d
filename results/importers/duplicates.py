"""One race's report given as another's: a season's command where ``round06.txt`` is a copy of ``round05.txt``
(or a race imported again under another round) wrote race 5's results as round 6, and race 6 was never known
to be missing. No two races finish in the same order, so a report whose every row is another race's of the
season, in the same places, is that race."""

import bisect

from results.importers.report import ReportError
from results.models import Entry
from results.names import name_key

# a race of a handful of cars (the 1950s) could match another by chance; a field this big cannot
MIN_ROWS = 10
# Two races of one track and season keep at most 48% of the larger field finishing in the same order (every
# such pair in the history, 1949-2025, three series; 60% at any track); a corrected report keeps nearly all
# (two places swapped, or the winner disqualified to last: 35 of 36).
SAME_ORDER = 0.8


def check(report, season, event, source):
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


def same_race(report, events):
    """The first of ``events`` (stored races) whose results the report's rows repeat in the same order for at
    least SAME_ORDER of the larger field (a corrected report of it), with (drivers in that order, field); else
    None. One query."""
    mine = {name_key(row.driver): row.finish for row in report.rows}
    stored: dict = {event.pk: {} for event in events}
    entries = Entry.objects.filter(event__in=list(stored), finish__isnull=False)
    for event_id, driver, finish in entries.values_list("event_id", "driver__key", "finish"):
        stored[event_id][driver] = finish
    for event in events:
        theirs = stored[event.pk]
        # the longest run of shared drivers in the same order in both: the rest moved
        places = [theirs[driver] for _, driver in sorted((f, d) for d, f in mine.items() if d in theirs)]
        run: list[int] = []
        for place in places:
            at = bisect.bisect_left(run, place)
            run[at : at + 1] = [place]
        field = max(len(mine), len(theirs))
        if field and len(run) >= SAME_ORDER * field:
            return event, len(run), field
    return None
