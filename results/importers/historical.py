"""Reading the historical dataset (``../shared/data/nascar/``): many races per CSV file, season by season.

The file streams: ``read_seasons`` yields one season's races at a time, each as report rows (the
same ``Row`` every reader makes) plus the facts of its race. The source's known quirks (duplicate
positions, laps led above laps run, ``-`` placeholders, double-encoded apostrophes) are repaired in
the open: each repair is counted for the import's summary and noted on the race page. Anything
else that cannot be read (a missing track, a round out of range, a number that is not one) stops
the import with the line. ``results.importers.writer.import_history`` writes what this reads.
"""

import csv
import gzip
import io
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from ftfy import fix_text

from results.importers import validate
from results.importers.cells import parse_integer, parse_number, parse_rating
from results.importers.files import shown_name
from results.importers.report import Facts, ReportError, Row
from results.importers.table import MAX_ROWS
from results.importers.vocabulary import EMPTY, canonical_status
from results.models import Track
from results.names import name_key

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
SERIES_FROM_FILE = {"cup": "Cup", "xfinity": "Xfinity", "truck": "Truck"}
MAX_TEXT = 200 * 1024 * 1024  # the whole history is 24 MB uncompressed; a .gz expanding past this is refused
# what gzip raises on a damaged or cut .gz, part way through (BadGzipFile is an OSError)
DAMAGED = (EOFError, zlib.error, OSError)
MAX_SEASON_ROWS = 20_000  # a season's rows are held at once: the history's fullest has 1,665 (Cup)
_MOJIBAKE = re.compile("[âÃ][\u0080-\u00bf€™œž“”]")
name_key_cached = lru_cache(maxsize=None)(name_key)  # the same few thousand names recur 180,000 times


@dataclass
class Race:
    """One race of the history: its facts (round, track, name...), its rows and the repairs noted."""

    facts: Facts
    rows: list[Row]
    notes: list[str] = field(default_factory=list)


def looks_historical(path: Path) -> bool:
    if not path.is_file():
        return False  # a pipe read here for its header would not give it again to the import
    try:
        with open_text(path) as handle:
            header = handle.readline()
    except (OSError, UnicodeDecodeError, EOFError, zlib.error, ReportError):
        return False
    return {"Season", "Race", "Driver", "Finish"} <= set(header.strip().split(","))


class _Bounded(io.RawIOBase):
    """A binary stream that refuses to give more than ``limit`` bytes (a small .gz can expand without end)."""

    def __init__(self, raw, limit, source):
        self.raw, self.left, self.source = raw, limit, source

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.raw.read(min(len(buffer), self.left + 1))
        if len(data) > self.left:
            raise ReportError(
                f"the file expands to more than {MAX_TEXT:,} bytes",
                source=self.source,
                expected="the historical results files (about 24 MB uncompressed)",
            )
        self.left -= len(data)
        buffer[: len(data)] = data
        return len(data)


def open_text(path: Path):
    try:
        raw = gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")
    except OSError as error:
        raise ReportError(
            f"cannot read the file ({error.strerror})", source=shown_name(path), expected="a readable results file"
        ) from None
    bounded = io.BufferedReader(_Bounded(raw, MAX_TEXT, shown_name(path)))
    return io.TextIOWrapper(bounded, encoding="utf-8", newline="")


def _damaged(error, line, source):
    return ReportError(
        f"the file is damaged or cut short ({error})",
        line=line,
        source=source,
        expected="the whole file as published (download it again)",
    )


def series_from_file_name(path: Path):
    return next((name for part, name in SERIES_FROM_FILE.items() if part in path.name.lower()), "")


def read_seasons(path: Path, *, series, repairs: Counter, progress=None):
    """(year, races) for each season of the file, in file order; ``repairs`` counts what was mended."""
    source = shown_name(path)
    with open_text(path) as handle:
        reader = csv.DictReader(handle)
        try:
            fieldnames = reader.fieldnames or []
        except (csv.Error, UnicodeDecodeError) as error:
            raise ReportError(f"the header cannot be read ({error})", line=1, source=source) from None
        except DAMAGED as error:
            raise _damaged(error, 1, source) from None
        missing = [c for c in COLUMNS[:16] if c not in fieldnames]
        if missing:
            raise ReportError(
                "columns missing from the header: " + ", ".join(missing),
                line=1,
                text=",".join(fieldnames)[:200],
                source=source,
                expected=", ".join(COLUMNS),
            )
        rows = _Reader(reader, source, series, repairs)
        for year, grouped in groupby(rows.numbered(), key=lambda numbered: numbered[1]["Season"]):
            season_rows = []
            for numbered in grouped:  # held until the season ends: bounded, whatever the file holds
                season_rows.append(numbered)
                if len(season_rows) > MAX_SEASON_ROWS:
                    raise ReportError(
                        f"season {year} has more than {MAX_SEASON_ROWS:,} rows",
                        line=numbered[0],
                        source=source,
                        expected="one season's results per year (the fullest in the history has 1,665 rows)",
                    )
            yield rows.integer(year, "Season", season_rows[0][0]), rows.races(season_rows)
            if progress is not None:
                progress.update(len(season_rows))


class _Reader:
    def __init__(self, reader, source, series, repairs):
        self.reader, self.source, self.series, self.repairs = reader, source, series, repairs

    def numbered(self):
        while True:
            try:
                row = next(self.reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as error:
                # the csv reader's own count: DictReader's stops at the last good row
                raise ReportError(
                    f"the line cannot be read as CSV ({error})", line=self.reader.reader.line_num, source=self.source
                ) from None
            except DAMAGED as error:
                raise _damaged(error, self.reader.reader.line_num + 1, self.source) from None
            if None in row:
                raise ReportError(
                    "the line has more fields than the header",
                    line=self.reader.line_num,
                    text=str(row[None])[:80],
                    source=self.source,
                    expected="one race result per line, as the header says",
                )
            yield self.reader.line_num, {name: value or "" for name, value in row.items()}

    def integer(self, text, column, line):
        return parse_integer(text, column, line=line, source=self.source, negative_ok=column == "Pts")

    def fix(self, text):
        if _MOJIBAKE.search(text or ""):
            self.repairs["double-encoded text"] += 1
            return fix_text(text, uncurl_quotes=False)
        return (text or "").strip()

    def races(self, rows):
        by_round: dict[int, list] = {}
        for line, row in rows:
            round_number = self.integer(row["Race"], "Race", line)
            if round_number is None or not 1 <= round_number < 1000:
                raise ReportError(
                    "the race number is missing or out of range",
                    line=line,
                    text=row["Race"],
                    source=self.source,
                    expected="a race number from 1 to 999",
                )
            race_rows = by_round.setdefault(round_number, [])
            race_rows.append((line, row))
            if len(race_rows) > MAX_ROWS:
                raise ReportError(
                    f"race {round_number} has more than {MAX_ROWS} rows",
                    line=line,
                    source=self.source,
                    expected=f"one race: at most {MAX_ROWS} cars",
                )
        return [self.race(round_number, race_rows) for round_number, race_rows in by_round.items()]

    def race(self, round_number, race_rows):
        line, first = race_rows[0]
        track = self.fix(first["Track"])
        if not name_key_cached(track):
            raise ReportError(
                "the race has no track", line=line, text=first["Track"], source=self.source, expected="a track name"
            )
        facts = Facts(
            series=self.series,
            year=self.integer(first["Season"], "Season", line),
            round=round_number,
            track=track,
            name=self.fix(first["Name"]),
        )
        validate.check_facts(facts, line=line, source=self.source)
        facts.track_length, facts.track_surface = _length(first["Length"]), first["Surface"].strip().lower()
        race = Race(facts, [])
        self._rows(race, race_rows)
        return race

    def _rows(self, race, race_rows):
        """The race's rows, with the source's impossible values repaired and noted."""
        finishes, starts, drivers = set(), set(), set()

        def position(text):
            return int(text) if text.isascii() and text.isdigit() and len(text) < 6 else None

        race_rows = sorted(race_rows, key=lambda lr: position(lr[1]["Finish"]) or 10**6)
        last = max((position(r["Finish"]) or 0 for _, r in race_rows), default=0)
        for line, row in race_rows:
            driver = self.fix(row["Driver"])
            if not name_key_cached(driver):
                raise ReportError(
                    "a row has no driver", line=line, text=row["Driver"], source=self.source, expected="a driver name"
                )
            if name_key_cached(driver) in drivers:
                self.repairs["driver listed twice in a race (second row dropped)"] += 1
                race.notes.append(f"The source lists {driver} twice; only the better finish is shown.")
                continue
            finish = self.integer(row["Finish"], "Finish", line)
            if finish is None or finish in finishes:
                last += 1
                what = "no finishing position" if finish is None else f"a second P{finish}"
                race.notes.append(f"The source gives {driver} {what}; shown as P{last}.")
                self.repairs["finish missing or duplicated (moved to the back)"] += 1
                finish = last
            start = self.integer(row["Start"], "Start", line)
            if start is not None and (start < 1 or start in starts):
                self.repairs["start zero or duplicated (left unknown)"] += 1
                start = None
            laps, led = self.integer(row["Laps"], "Laps", line), self.integer(row["Led"], "Led", line)
            if laps is not None and led is not None and led > laps:
                self.repairs["laps led above laps run (laps left unknown)"] += 1
                race.notes.append(f"The source has {driver} leading {led} laps but completing {laps}.")
                laps = None
            finishes.add(finish)
            drivers.add(name_key_cached(driver))
            if start is not None:
                starts.add(start)
            make = row["Make"].strip()
            race.rows.append(
                Row(
                    line=line,
                    finish=finish,
                    driver=driver,
                    start=start,
                    number=parse_number(row["Car"], line=line, source=self.source),
                    team=self.fix(row["Team"]),
                    manufacturer="" if make in EMPTY else make,
                    laps=laps,
                    led=led,
                    status=canonical_status(row["Status"]),
                    points=self.integer(row["Pts"], "Pts", line),
                    stage1=self.integer(row.get("S1", ""), "S1", line),
                    stage2=self.integer(row.get("S2", ""), "S2", line),
                    rating=parse_rating(row.get("Rating", ""), line=line, source=self.source),
                )
            )


def _length(text):
    try:
        length = Decimal(text).quantize(Decimal("0.001")) if text else None
    except InvalidOperation:
        return None
    return length if length is not None and length.is_finite() and 0 < length < 100 else None


def describe_track(facts):
    """A new track's length, surface and kind from the history's columns."""
    surface = facts.track_surface if facts.track_surface in Track.Surface.values else ""
    length = facts.track_length
    kind: str
    if surface == "road":
        kind = Track.Kind.ROAD_COURSE
    elif surface == "dirt":
        kind = Track.Kind.DIRT
    elif length is not None:
        kind = Track.Kind.SHORT_TRACK if length < 1 else Track.Kind.SUPERSPEEDWAY if length >= 2.5 else Track.Kind.OVAL
    else:
        kind = ""
    return {"length_miles": length, "surface": surface, "kind": kind}
