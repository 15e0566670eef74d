"""The whole results database as downloads: a zip of CSV files (one per table) and an SQL script.

Both are built for one results version (``DataVersion``) and kept until the results change, so a
download is a file read. ``build`` writes them: ``manage.py build_dumps`` after imports, or, when a
download finds none for the current version, a process of its own started once (``start_build``):
no request ever does the work. Tables are read in chunks, so memory stays flat however big they
are. The columns are the models' own fields, documented from their help text (``tables``), minus
what the site derives from other columns (``editable=False``: name keys, career counters, copies
of a race's order and track).
"""

import csv
import datetime
import decimal
import fcntl
import gzip
import io
import os
import socket
import subprocess
import sys
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils import timezone

from results.models import (
    ChampionFact,
    Championship,
    DataVersion,
    Driver,
    DriverAlias,
    Entry,
    Event,
    Manufacturer,
    PlayoffFact,
    PointsAdjustment,
    Season,
    Series,
    Team,
    TeamAlias,
    Track,
    TrackAlias,
)

CHUNK = 5000
SQL_ROWS_PER_INSERT = 500
LICENCE = (
    "Historical results: DriverAverages.com, via the nascaR.data R package (GPL-3.0-or-later); "
    "race reports as published. These files are distributed under the GNU General Public License, "
    "version 3 or later (https://www.gnu.org/licenses/gpl-3.0.html): keep this notice and the "
    "attribution when you pass them on."
)

# Tables in the order their references need (a row's referenced rows come first).
TABLES = [
    ("series", Series, "Championships (Cup, Xfinity, Truck)."),
    ("seasons", Season, "One year of one series."),
    ("tracks", Track, "Venues; a road course at an oval is a track of its own."),
    ("track_aliases", TrackAlias, "Other names a track goes by in reports."),
    ("drivers", Driver, "People who started a race."),
    ("driver_aliases", DriverAlias, "Other spellings of drivers' names."),
    ("teams", Team, "Teams, or owners in older results."),
    ("team_aliases", TeamAlias, "Other names of teams."),
    ("manufacturers", Manufacturer, "Makes."),
    ("races", Event, "One race: a round of a season at a track."),
    ("entries", Entry, "One car in one race: the results."),
    (
        "championships",
        Championship,
        "Each season's championship once it is over: the champion computed from the results by the season's format, or "
        "an editor's fact (official), or why none is named. A season whose year has not ended may have races to come "
        "unless finale_run is true (its playoff format's last race is in): until then the site names its champion "
        "only when an editor has.",
    ),
    ("champion_facts", ChampionFact, "Champions as editors recorded them, with their source."),
    (
        "playoff_facts",
        PlayoffFact,
        "Editors' facts on a season's playoffs: the field, the championship four, waivers, withdrawals.",
    ),
    ("points_adjustments", PointsAdjustment, "Points given or taken by the series (penalties), with the reason."),
]
KINDS = {"csv": "csv.zip", "sql": "sql.gz"}
# A build started from a download is not started again for this long (it takes under a minute for
# the whole history; if it died, the next download after this starts another).
BUILD_MARKER_SECONDS = 600
# What fields without help text hold.
NOTES = {
    "name": "The name as the site shows it.",
    "slug": "The name in the site's addresses, e.g. /drivers/<slug>/.",
    "sort_order": "Where the series comes in the site's lists.",
    "year": "The season's year.",
    "length_miles": "Length of one lap, in miles.",
    "birth_date": "Date of birth.",
    "hometown": "Hometown.",
    "date": "The day of the race.",
    "scheduled_laps": "Laps the race was scheduled for.",
    "completed_laps": "Laps run.",
    "distance_miles": "Distance run, in miles.",
    "laps_led": "Laps led.",
    "surface": "Paved, dirt or road course.",
    "kind": "Short track, oval, superspeedway, road course or dirt track.",
}


@dataclass(frozen=True)
class Column:
    name: str  # the database column: a reference is named after its field, plus "_id"
    field: models.Field

    @property
    def sql_type(self):
        field = self.field
        if field.primary_key:
            return "BIGINT PRIMARY KEY"
        if field.is_relation:
            target = next(name for name, model, _ in TABLES if model is field.related_model)
            return f"BIGINT REFERENCES {target} (id)" + ("" if field.null else " NOT NULL")
        if isinstance(field, models.DecimalField):
            kind = f"NUMERIC({field.max_digits}, {field.decimal_places})"
        elif isinstance(field, models.CharField):
            kind = f"VARCHAR({field.max_length})"
        else:
            kind = {
                "TextField": "TEXT",
                "DateField": "DATE",
                "DateTimeField": "TIMESTAMP",
                "BooleanField": "BOOLEAN",
                "PositiveBigIntegerField": "BIGINT",
                "BigIntegerField": "BIGINT",
            }.get(field.get_internal_type(), "INTEGER")
        return kind + ("" if field.null else " NOT NULL")

    @property
    def meaning(self):
        field = self.field
        if field.primary_key:
            return "Row id, referred to by other tables."
        text = str(field.help_text) or NOTES.get(field.name) or f"{str(field.verbose_name).capitalize()}."
        if field.is_relation:
            target = next(name for name, model, _ in TABLES if model is field.related_model)
            text = f"The row of {target} (id)." + (" Empty when not known." if field.null else "")
        if field.blank and not field.is_relation and not text.endswith("known."):
            text += " May be empty."
        if field.choices:
            text += " One of: " + ", ".join(str(value) for value, _ in field.choices) + "."
        return text


def columns(model):
    """The columns a dump holds for ``model``: every concrete field the site does not derive."""
    return [
        Column(field.attname if field.is_relation else field.column, field)
        for field in model._meta.concrete_fields
        if field.editable or field.primary_key
    ]


def tables():
    """(table name, description, columns) for every table in the dumps: their documentation."""
    return [(name, description, columns(model)) for name, model, description in TABLES]


def rows(model, cols):
    return model._default_manager.order_by("pk").values_list(*[c.field.attname for c in cols]).iterator(CHUNK)


def csv_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def sql_value(value):
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, decimal.Decimal)):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"'{value.isoformat()}'"
    return "'" + str(value).replace("'", "''") + "'"


def readme(version, built_at, counts):
    lines = [
        "# racesite data dump",
        "",
        f"Results version {version}, built {built_at:%Y-%m-%d %H:%M} UTC.",
        "",
        LICENCE,
        "",
        "One CSV file per table (UTF-8, a header row, an empty field where a value is not known; "
        "true/false for yes/no), or the same tables in `racesite.sql` (CREATE TABLE and INSERT, "
        "loads into PostgreSQL or SQLite). Rows refer to each other by id. Values are as stored: "
        "a spreadsheet may read a cell starting with = as a formula.",
    ]
    for name, description, cols in tables():
        lines += [
            "",
            f"## {name} ({counts[name]:,} rows)",
            "",
            description,
            "",
            "| column | meaning |",
            "| --- | --- |",
        ]
        lines += [f"| {c.name} | {c.meaning} |" for c in cols]
    return "\n".join(lines) + "\n"


def write_csv_zip(path, version, built_at):
    counts = {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, model, _ in TABLES:
            cols = columns(model)
            with archive.open(f"racesite/{name}.csv", "w") as raw, io.TextIOWrapper(raw, "utf-8", newline="") as text:
                writer = csv.writer(text)
                writer.writerow([c.name for c in cols])
                counts[name] = 0
                for row in rows(model, cols):
                    writer.writerow([csv_value(value) for value in row])
                    counts[name] += 1
        archive.writestr("racesite/README.md", readme(version, built_at, counts))
    return counts


def write_sql(path, version, built_at):
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=6) as out:
        out.write(f"-- racesite data dump: results version {version}, built {built_at:%Y-%m-%d %H:%M} UTC.\n")
        out.write(f"-- {LICENCE}\n-- Loads into PostgreSQL (psql -f) or SQLite (sqlite3 db < file).\nBEGIN;\n")
        for name, _, cols in tables():
            definitions = ",\n  ".join(f"{c.name} {c.sql_type}" for c in cols)
            out.write(f"\nCREATE TABLE {name} (\n  {definitions}\n);\n")
        for name, model, _ in TABLES:
            cols = columns(model)
            head = f"INSERT INTO {name} ({', '.join(c.name for c in cols)}) VALUES\n"
            batch = []
            for row in rows(model, cols):
                batch.append("(" + ", ".join(sql_value(value) for value in row) + ")")
                if len(batch) == SQL_ROWS_PER_INSERT:
                    out.write(head + ",\n".join(batch) + ";\n")
                    batch = []
            if batch:
                out.write(head + ",\n".join(batch) + ";\n")
        out.write("COMMIT;\n")


def folder():
    path = Path(settings.DUMPS_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def path_for(kind, version):
    return folder() / f"racesite-{version}.{KINDS[kind]}"


def build(*, attempts=3):
    """Write both dumps for the current results version (after any build under way), unless they are
    written already, then delete older ones; return the version."""
    with _lock():
        return _build(attempts)


def start_build(version):
    """Build this version's dumps in a process of its own (``manage.py build_dumps``), unless one was
    started on this machine lately: a download never waits for a build, and however many ask, one
    process builds (and the lock in ``build`` holds off any other)."""
    marker = f"dumps:building:{socket.gethostname()}:{version}"
    if not cache.add(marker, True, timeout=BUILD_MARKER_SECONDS):
        return False
    command = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "build_dumps"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, start_new_session=True)
    threading.Thread(target=process.wait, daemon=True).start()  # reaped when it ends
    return True


def _build(attempts):
    """Each table is read in its own query. A write committed while they are read raises the
    version, so the dump is read again: a dump holds one version of the results, never a mix."""
    for _ in range(attempts):
        version, built_at = DataVersion.current(), timezone.now()
        done = [path_for(kind, version) for kind in KINDS]
        if all(path.exists() for path in done):
            return version
        for kind, write in (("csv", write_csv_zip), ("sql", write_sql)):
            partial = path_for(kind, version).with_suffix(".partial")
            write(partial, version, built_at)
            os.replace(partial, path_for(kind, version))
        if DataVersion.current() == version:
            _remove_older(version)
            return version
        for path in done:
            path.unlink(missing_ok=True)
    raise RuntimeError(f"results changed during each of {attempts} attempts to dump them")


def available(version):
    """{kind: (path, size)} of this version's built dumps."""
    found = {}
    for kind in KINDS:
        path = path_for(kind, version)
        if path.exists():
            found[kind] = (path, path.stat().st_size)
    return found


def _remove_older(version):
    keep = {path_for(kind, version).name for kind in KINDS}
    for path in folder().glob("racesite-*"):
        if path.name not in keep:
            path.unlink(missing_ok=True)


class _lock:
    """An exclusive lock on the dumps folder, released by the system if the holder dies."""

    def __enter__(self):
        self.handle = open(folder() / ".lock", "w")
        fcntl.flock(self.handle, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()
