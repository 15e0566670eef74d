"""Writing entry rows in bulk, without model instances: the layout of a row, the insertion both
import paths share (``insert_entries``), and fresh planner statistics after a history load."""

from django.db import connection

from results.models import (
    Driver,
    DriverSeason,
    DriverSeries,
    Entry,
    Event,
    GroupDriver,
    GroupSeason,
    Manufacturer,
    RaceSummary,
    Record,
    Season,
    Team,
    Track,
)
from results.models.event import race_order

# Report columns -> Entry fields; a column the report lacks leaves the stored value alone.
FIELDS = {
    "start": "start",
    "number": "number",
    "team": "team_id",
    "manufacturer": "manufacturer_id",
    "laps": "laps",
    "led": "laps_led",
    "status": "status",
    "points": "points",
    "stage1": "stage1",
    "stage2": "stage2",
    "rating": "rating",
    "rookie": "rookie",
    "ineligible": "ineligible",
    "pole": "pole",
}
# What insert_entries writes, in order: the driver, the finish, then FIELDS' columns.
ENTRY_COLUMNS = ["driver_id", "finish", *FIELDS.values()]
# The last of them the history does not say (with their value for a new row): a re-import of the
# history keeps what a report or an editor stored.
NOT_IN_HISTORY = {"rookie": False, "ineligible": False, "pole": False}
assert ENTRY_COLUMNS[-len(NOT_IN_HISTORY) :] == list(NOT_IN_HISTORY)


def insert_entries(races, batch=500):
    """Write entry rows (``ENTRY_COLUMNS`` order) of ``races``, (event, rows) pairs, without model
    instances: the bulk path's hot spot. PostgreSQL takes them by COPY (ten times faster than
    multi-row INSERTs there); other databases by multi-row parameterised INSERTs. The rows were
    checked on the way in (``validate.check_rows``); the database's constraints still hold every
    one. Each row gets its race's id, order and track (``Entry.race_order``)."""
    columns = ["event_id", *ENTRY_COLUMNS, "race_order", "track_id"]
    rows = [
        (event.pk, *row, race_order(event.season.year, event.round), event.track_id)
        for event, race_rows in races
        for row in race_rows
    ]
    table = Entry._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return len(rows)
        one = "(" + ", ".join(["%s"] * len(columns)) + ")"
        for i in range(0, len(rows), batch):
            chunk = rows[i : i + batch]
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES " + ", ".join([one] * len(chunk))
            cursor.execute(sql, [value for row in chunk for value in row])
    return len(rows)


def refresh_planner_statistics():
    """After a bulk load PostgreSQL's planner still sees the tables as they were until autovacuum's
    next pass (a minute or more) and picks slow plans meanwhile (counting Daytona's entries took a
    parallel scan of all of them: 20 ms instead of 1). VACUUM (ANALYZE) once the load is committed:
    fresh statistics, and a visibility map that lets counts read the indexes alone (Chevrolet's
    65,000 entries: 8 ms to 2). Under half a second for the whole history."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return  # VACUUM cannot run inside a transaction
    summary_rows = (DriverSeason, DriverSeries, GroupSeason, GroupDriver, RaceSummary, Record)
    named = (Driver, Team, Manufacturer, Track)  # small, but stale counts made the planner hash them whole
    tables = [model._meta.db_table for model in (Entry, Event, Season, *named, *summary_rows)]
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) " + ", ".join(tables))
