"""The historical dataset (``../shared/data/nascar/``): many races per CSV file, loaded in bulk.

The file streams season by season: names are resolved from in-memory maps, new drivers,
teams and tracks are created in bulk, and each season's events and entries are written with
``bulk_create``. The whole file is one transaction. The source's known quirks (duplicate
positions, laps led above laps run, ``-`` placeholders, double-encoded apostrophes) are
repaired in the open: each repair is counted in the summary and noted on the race page.
"""

import csv
import gzip
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from ftfy import fix_text

from results import summaries
from results.importers.cells import parse_integer, parse_rating
from results.importers.report import ReportError
from results.importers.vocabulary import canonical_status
from results.importers.writer import resolve_series
from results.models import (
    Driver,
    DriverSeason,
    Entry,
    Event,
    GroupDriver,
    GroupSeason,
    Manufacturer,
    Season,
    Team,
    Track,
)
from results.models.event import race_order
from results.names import free_slug, name_key

COLUMNS = [
    "Season",
    "Race",
    "Track",
    "Name",
    "Length",
    "Surface",
    "Finish",
    "Start",
    "Car",
    "Driver",
    "Make",
    "Pts",
    "Laps",
    "Led",
    "Status",
    "Team",
    "S1",
    "S2",
    "Rating",
    "Win",
    "Seg Points",
]
_SERIES_FROM_FILE = {"cup": "Cup", "xfinity": "Xfinity", "truck": "Truck"}
_MOJIBAKE = re.compile("[âÃ][\u0080-\u00bf€™œž“”]")
_key = lru_cache(maxsize=None)(name_key)  # the same few thousand names recur 180,000 times


def looks_historical(path: Path) -> bool:
    try:
        with _open(path) as handle:
            header = handle.readline()
    except (OSError, UnicodeDecodeError, EOFError, gzip.BadGzipFile):
        return False
    return {"Season", "Race", "Driver", "Finish"} <= set(header.strip().split(","))


def _open(path: Path):
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
    return open(path, encoding="utf-8", newline="")


@dataclass
class HistoricalOutcome:
    source: str
    series: str = ""
    events_created: int = 0
    events_updated: int = 0
    events_unchanged: int = 0
    entries_written: int = 0
    created: Counter = field(default_factory=Counter)
    repairs: Counter = field(default_factory=Counter)
    dry_run: bool = False

    def lines(self):
        out = [
            f"{self.source}: historical {self.series} results",
            f"  events created: {self.events_created}, updated: {self.events_updated}, unchanged: {self.events_unchanged}",
            f"  entries written: {self.entries_written}",
        ]
        out += [f"  {kind} created: {n}" for kind, n in sorted(self.created.items())]
        out += [f"  repaired: {what}: {n}" for what, n in sorted(self.repairs.items())]
        if self.dry_run:
            out.append("  dry run: nothing was written")
        return out


class _DryRun(Exception):
    pass


def import_historical(path: Path, *, series="", progress=False, dry_run=False) -> HistoricalOutcome:
    source = str(path)
    if not path.exists():
        raise ReportError("no such file", source=source, expected="a path to a historical results CSV")
    series_name = series or next((v for k, v in _SERIES_FROM_FILE.items() if k in path.name.lower()), "")
    if not series_name:
        raise ReportError("the file name does not say the series", source=source, expected="pass --series")
    outcome = HistoricalOutcome(source=source, dry_run=dry_run)
    try:
        with transaction.atomic():
            series_obj = resolve_series(series_name, source)
            outcome.series = series_obj.name
            _Loader(series_obj, outcome).run(path, progress)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    if outcome.entries_written and not dry_run:
        _refresh_planner_statistics()
    return outcome


def _refresh_planner_statistics():
    """After a bulk load PostgreSQL's planner still sees the tables as they were until autovacuum's
    next pass (a minute or more) and picks slow plans meanwhile (counting Daytona's entries took a
    parallel scan of all of them: 20 ms instead of 1). VACUUM (ANALYZE) once the load is committed:
    fresh statistics, and a visibility map that lets counts read the indexes alone (Chevrolet's
    65,000 entries: 8 ms to 2). Under half a second for the whole history."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return  # VACUUM cannot run inside a transaction
    tables = [model._meta.db_table for model in (Entry, Event, Season, Driver, DriverSeason, GroupSeason, GroupDriver)]
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) " + ", ".join(tables))


class _Loader:
    def __init__(self, series, outcome):
        self.series, self.outcome = series, outcome
        self.changed_seasons = set()
        self.drivers = dict(Driver.objects.values_list("key", "id"))
        self.teams = dict(Team.objects.values_list("key", "id"))
        self.makes = dict(Manufacturer.objects.values_list("key", "id"))
        self.tracks = dict(Track.objects.values_list("key", "id"))
        self.slugs = {
            model: set(model.objects.values_list("slug", flat=True)) for model in (Driver, Team, Track, Manufacturer)
        }

    def run(self, path, progress):
        with _open(path) as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS[:16] if c not in (reader.fieldnames or [])]
            if missing:
                raise ReportError(
                    "columns missing from the header: " + ", ".join(missing),
                    line=1,
                    text=",".join(reader.fieldnames or []),
                    source=self.outcome.source,
                    expected=", ".join(COLUMNS),
                )
            rows = _numbered(reader)
            bar = _progress_bar(path, progress)
            for year, grouped in groupby(rows, key=lambda r: r[1]["Season"]):
                season_rows = list(grouped)
                self._season(_int(year, "Season", season_rows[0][0], self.outcome.source), season_rows)
                if bar is not None:
                    bar.update(len(season_rows))
            if bar is not None:
                bar.close()
        summaries.refresh(seasons=self.changed_seasons)  # once per file: the totals of every season written

    def _season(self, year, rows):
        season, _ = Season.objects.get_or_create(series=self.series, year=year)
        races: dict[Any, list] = {}
        for line, row in rows:
            races.setdefault(_int(row["Race"], "Race", line, self.outcome.source), []).append((line, row))
        self._create_names(rows)
        existing = {e.round: e for e in season.events.all()}
        stored: dict[int, set] = {}
        for event_id, *values in Entry.objects.filter(event__season=season).values_list("event_id", *_ENTRY_FIELDS):
            stored.setdefault(event_id, set()).add(tuple(values))
        new_events, entries_by_round, stale = [], {}, []
        for round_number, race_rows in races.items():
            first = race_rows[0][1]
            track_id = self.tracks[_key(first["Track"])]
            entries, notes = self._entries(race_rows)
            name = self._fix(first["Name"])
            completed_laps = max((e[_LAPS] for e in entries if e[_LAPS] is not None), default=None)
            event = existing.get(round_number)
            if event is None:
                event = Event(
                    season=season,
                    round=round_number,
                    track_id=track_id,
                    name=name,
                    notes=notes,
                    completed_laps=completed_laps,
                    source=self.outcome.source[:255],
                    slug=Event.make_slug(year, self.series.slug, round_number, first["Track"]),
                )
                new_events.append(event)
                self.outcome.events_created += 1
            else:
                if set(entries) == stored.get(event.id, set()) and (event.track_id, event.name) == (track_id, name):
                    self.outcome.events_unchanged += 1
                    continue
                event.track_id, event.name, event.notes = track_id, name, notes
                event.completed_laps = completed_laps
                event.save()
                stale.append(event.id)
                self.outcome.events_updated += 1
            entries_by_round[round_number] = (event, entries)
        Entry.objects.filter(event_id__in=stale).delete()
        Event.objects.bulk_create(new_events, batch_size=500)
        to_write = []
        for event, entries in entries_by_round.values():
            to_write += [(event.pk, *entry, race_order(year, event.round), event.track_id) for entry in entries]
        _insert_entries(to_write)
        if to_write or stale:
            self.changed_seasons.add(season.pk)
        self.outcome.entries_written += len(to_write)

    def _fix(self, text):
        if _MOJIBAKE.search(text or ""):
            self.outcome.repairs["double-encoded text"] += 1
            return fix_text(text, uncurl_quotes=False)
        return text or ""

    def _create_names(self, rows):
        """Create, in bulk, the drivers, teams, makes and tracks of these rows that are new."""
        new: dict[Any, dict] = {Driver: {}, Team: {}, Manufacturer: {}, Track: {}}
        for _, row in rows:
            for model, column, known in (
                (Driver, "Driver", self.drivers),
                (Team, "Team", self.teams),
                (Manufacturer, "Make", self.makes),
                (Track, "Track", self.tracks),
            ):
                name = self._fix(row[column]).strip()
                if name and name != "-" and _key(name) and _key(name) not in known:
                    new[model].setdefault(_key(name), (name, row))
        for model, names in new.items():
            objects = []
            for key, (name, row) in names.items():
                obj = model(name=name[:120], key=key, slug=self._slug(model, name))
                if model is Track:
                    _describe_track(obj, row)
                objects.append(obj)
            model.objects.bulk_create(objects, batch_size=1000)
            known = {Driver: self.drivers, Team: self.teams, Manufacturer: self.makes, Track: self.tracks}[model]
            known.update(model.objects.filter(key__in=list(names)).values_list("key", "id"))
            if objects:
                self.outcome.created[model._meta.verbose_name_plural] += len(objects)

    def _slug(self, model, name):
        slug = free_slug(name, self.slugs[model].__contains__)  # the slugs taken, held in memory
        self.slugs[model].add(slug)
        return slug

    def _entries(self, race_rows):
        """Entries of one race, with the source's impossible values repaired and noted."""
        source, entries, notes = self.outcome.source, [], []
        finishes, starts, drivers = set(), set(), set()
        race_rows = sorted(race_rows, key=lambda lr: int(lr[1]["Finish"]) if lr[1]["Finish"].isdigit() else 10**6)
        last = max((int(r["Finish"]) for _, r in race_rows if r["Finish"].isdigit()), default=0)
        for line, row in race_rows:
            driver_name = self._fix(row["Driver"]).strip()
            driver_id = self.drivers.get(_key(driver_name))
            if driver_id is None:
                raise ReportError(
                    "a row has no driver", line=line, text=row["Driver"], source=source, expected="a driver name"
                )
            if driver_id in drivers:
                self.outcome.repairs["driver listed twice in a race (second row dropped)"] += 1
                notes.append(f"The source lists {driver_name} twice; only the better finish is shown.")
                continue
            finish = _int(row["Finish"], "Finish", line, source)
            if finish is None or finish in finishes:
                last += 1
                what = "no finishing position" if finish is None else f"a second P{finish}"
                notes.append(f"The source gives {driver_name} {what}; shown as P{last}.")
                self.outcome.repairs["finish missing or duplicated (moved to the back)"] += 1
                finish = last
            start = _int(row["Start"], "Start", line, source)
            if start is not None and (start < 1 or start in starts):
                self.outcome.repairs["start zero or duplicated (left unknown)"] += 1
                start = None
            laps, led = _int(row["Laps"], "Laps", line, source), _int(row["Led"], "Led", line, source)
            if laps is not None and led is not None and led > laps:
                self.outcome.repairs["laps led above laps run (laps left unknown)"] += 1
                notes.append(f"The source has {driver_name} leading {led} laps but completing {laps}.")
                laps = None
            finishes.add(finish)
            drivers.add(driver_id)
            if start is not None:
                starts.add(start)
            team, make = self._fix(row["Team"]).strip(), row["Make"].strip()
            entries.append(
                (
                    driver_id,
                    finish,
                    start,
                    row["Car"].strip()[:4],
                    self.teams.get(_key(team)) if team else None,
                    self.makes.get(_key(make)) if make and make != "-" else None,
                    laps,
                    led,
                    canonical_status(row["Status"])[:30],
                    _int(row["Pts"], "Pts", line, source),
                    _int(row.get("S1", ""), "S1", line, source),
                    _int(row.get("S2", ""), "S2", line, source),
                    parse_rating(row.get("Rating", ""), line=line, source=source),
                )
            )
        return entries, "\n".join(notes)


_ENTRY_FIELDS = [
    "driver_id",
    "finish",
    "start",
    "number",
    "team_id",
    "manufacturer_id",
    "laps",
    "laps_led",
    "status",
    "points",
    "stage1",
    "stage2",
    "rating",
]
_LAPS = _ENTRY_FIELDS.index("laps")


def _insert_entries(rows, batch=500):
    """Write entry rows without model instances: the bulk path's hot spot.

    PostgreSQL takes them by COPY (ten times faster than multi-row INSERTs there); other
    databases by multi-row parameterised INSERTs. The values were checked on the way in
    (``parse_integer``, ``parse_rating``, lengths), and the database's constraints still hold every row.
    Each row ends with the race order and track copied from its event (``Entry.race_order``).
    """
    columns = ["event_id", *_ENTRY_FIELDS, "race_order", "track_id", "rookie", "ineligible"]
    table = Entry._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row((*row, False, False))
            return
        one = "(" + ", ".join(["%s"] * len(columns)) + ")"
        for i in range(0, len(rows), batch):
            chunk = rows[i : i + batch]
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES " + ", ".join([one] * len(chunk))
            cursor.execute(sql, [value for row in chunk for value in (*row, False, False)])


def _numbered(reader):
    for row in reader:
        yield reader.line_num, row


def _int(text, column, line, source):
    return parse_integer(text, column, line=line, source=source, negative_ok=column == "Pts")


def _describe_track(track, row):
    try:
        track.length_miles = Decimal(row["Length"]).quantize(Decimal("0.001")) if row["Length"] else None
    except InvalidOperation:
        track.length_miles = None
    surface = row["Surface"].strip().lower()
    track.surface = surface if surface in Track.Surface.values else ""
    length = float(track.length_miles) if track.length_miles else None
    if surface == "road":
        track.kind = Track.Kind.ROAD_COURSE
    elif surface == "dirt":
        track.kind = Track.Kind.DIRT
    elif length is not None:
        track.kind = (
            Track.Kind.SHORT_TRACK if length < 1 else Track.Kind.SUPERSPEEDWAY if length >= 2.5 else Track.Kind.OVAL
        )


def _progress_bar(path, enabled):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(desc=path.name, unit=" entries", mininterval=0.5)
