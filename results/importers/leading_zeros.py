"""A car number a spreadsheet changed: Excel saves "07" as 7 and "00" as 0, so a CSV that went through it gives
Nathan Byrd, in #02 all season, the #2 another team runs. The report's digits are stored as written (a driver
may change number), but a bare number where the season knows its driver only in that number with a leading
zero is named in a warning, as are two cars of one number in a year whose series never ran two (``eras``), which
is what such a spreadsheet leaves when another car runs the bare number."""

from django.db.models import Count

from results.importers import eras
from results.models import Entry


def shared(event, rows, outcome):
    """Warn for each car number two rows of ``rows`` (report rows) share in a season whose series had no two cars
    of one number (the history's few are its sources' slips). No query beyond the event's season and series."""
    lines: dict[str, list] = {}
    for row in rows:
        if row.number:
            lines.setdefault(row.number, []).append(row)
    season = event.season
    series = season.series.short_name
    if eras.ran("shared numbers", series, season.year):
        return
    for number, same in lines.items():
        if len(same) > 1:
            outcome.warnings.append(
                f"lines {', '.join(str(row.line) for row in same)}: {len(same)} cars in #{number} "
                f"({', '.join(row.driver for row in same)}); no {series or 'NASCAR'} race of {season.year} had two "
                f"cars of one number: check the report (a spreadsheet saved by Excel drops a leading zero, 02 -> 2); "
                f"stored as written"
            )


def check(event, rows, outcome):
    """Warn for each (report row, entry values) of ``rows`` whose bare car number (7) its driver ran in
    ``event``'s season only with leading zeros (07). One query."""
    bare = {values["driver_id"]: row for row, values in rows if row.number.isdigit() and row.number[0] != "0"}
    if not bare:
        return
    seasons = (
        Entry.objects.filter(event__season_id=event.season_id, driver_id__in=list(bare))
        .exclude(event_id=event.pk)
        .values_list("driver_id", "number")
        .annotate(races=Count("id"))
        .order_by()
    )
    ran: dict[int, dict[str, int]] = {}
    for driver, number, races in seasons:
        ran.setdefault(driver, {})[number] = races
    for driver, row in bare.items():
        numbers = ran.get(driver, {})
        zeros = [n for n in numbers if n.isdigit() and n[0] == "0" and int(n) == int(row.number)]
        if zeros and row.number not in numbers:
            races = sum(numbers[n] for n in zeros)
            outcome.warnings.append(
                f"line {row.line}: {row.driver} is in car {row.number}, but ran #{zeros[0]} in {races} other "
                f"race{'s' if races > 1 else ''} of {event.season.year} and never #{row.number}: a spreadsheet "
                f"saved by Excel drops a leading zero; if it did, correct the file (stored as written: #{row.number})"
            )
