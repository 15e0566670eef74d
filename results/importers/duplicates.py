"""One race's report given as another's: a season's command where ``round06.txt`` is a copy of ``round05.txt``
(or a race imported again under another round) wrote race 5's results as round 6, and race 6 was never known
to be missing. No two races finish in the same order, so a report whose every row is another race's of the
season, in the same places, is that race."""

from results.importers.report import ReportError
from results.models import Entry
from results.names import name_key

# a race of a handful of cars (the 1950s) could match another by chance; a field this big cannot
MIN_ROWS = 10


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
