"""Several reports imported in one command (``import_report round01.txt round02.txt ...``): the round
or the date each file's name says, the order new races whose round nothing says are placed in, and which
``--number`` options settle where a driver's name ends in every file."""

import datetime
import os
import re
from collections import defaultdict
from pathlib import Path

from results.importers.knowledge import chosen_numbers
from results.importers.report import ReportError
from results.names import name_key

# not "race": "dover-race-2.txt" is as likely the second race at Dover as round 2
_ROUND_WORD = re.compile(r"(?<![a-z])(?:round|rd|r)[ _.-]?0*(\d{1,2})(?!\d)", re.IGNORECASE)
# not a date's month: "1978-02-26-richmond.txt" was read as round 2 (a month and its day follow the year)
_ROUND_AFTER_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d[ _.-]0*(\d{1,2})(?!\d)(?![ _.-]\d{1,2}(?!\d))")
_YEAR_IN_NAME = re.compile(r"(?<!\d)(?:19[4-9]\d|20\d\d)(?!\d)")


def shown_name(path) -> str:
    """A file's name as messages and the import log show it. A name in another encoding than the
    system's (b"r\xe9sultats.csv", Latin-1) reaches Python with surrogates no database or terminal
    takes: they are shown as U+FFFD."""
    return os.fsencode(path).decode("utf-8", "replace")


def round_in_name(name):
    """A file's round as its name says it (unless --round is given): the number after "round", "rd" or "r"
    (round07.txt, r7.txt), or right after the year (cup-1985-07.txt). Any other number is not taken
    for a round ("kansas-2.txt" may be the second race at Kansas, not round 2): None, and the writer
    takes the race at the report's track, or numbers a new one the next of its season, and warns."""
    stem = Path(name).name.split(".")[0]
    named = _ROUND_WORD.findall(stem) or _ROUND_AFTER_YEAR.findall(stem)
    return int(named[-1]) or None if named else None


# "1978-02-26-richmond.txt", "richmond_19780226.txt": a year, its month and day
_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([ _.-]?)(\d\d)\2(\d\d)(?!\d)")


def date_in_name(name):
    """The race's date as a file's name says it (used when several files are imported at once), or None."""
    found = _DATE.search(Path(name).name)
    if not found:
        return None
    try:
        return datetime.date(int(found[1]), int(found[3]), int(found[4]))
    except ValueError:
        return None  # "cup-1985-13-40": not a date


def season_by_name(facts, source):
    """A report whose prose names several seasons is of the one its file's name gives, where that is one of
    them ("2022-truck-mid-ohio.txt", whose prose looks back on 2012 and 2016); otherwise none is surely its."""
    if facts.year or len(facts.seasons_named) < 2:
        return facts
    named = {int(year) for year in _YEAR_IN_NAME.findall(Path(source).name)} & set(facts.seasons_named)
    if len(named) == 1:
        facts.year = named.pop()
    return facts


# what to do when one of several files names no track (--track would name every file's)
TRACK_OF_A_FILE = (
    "a line above its table naming the track ('Charlotte Motor Speedway'), or the name of a track the site knows "
    "in the file's name (round05-charlotte-motor-speedway.csv); or this file imported alone with --track"
)


def track_by_name(facts, source, known_tracks):
    """A report that names no track is at the one the site knows whose whole name its file's name spells
    ("round05-charlotte-motor-speedway.csv"; the longest, "...-charlotte-motor-speedway-road-course.csv"); a
    name spelling none, or two ("kansas-speedway-after-charlotte-motor-speedway.csv"), gives none. A new track's
    capitals and punctuation are not in a file's name: only a known one is read so."""
    if facts.track or facts.tracks_named:
        return facts
    words = f" {name_key(re.sub(r'[_.-]+', ' ', Path(source).name))} "
    spelled = {name_key(track): track for track in known_tracks if f" {name_key(track)} " in words}
    whole = [track for key, track in spelled.items() if not any(key != k and f" {key} " in f" {k} " for k in spelled)]
    if len(whole) == 1:
        facts.track, facts.tracks_named = whole[0], whole
    return facts


def dated_by_name(facts, date, source):
    """The facts with the date the file's name gives, which must agree with the report's own and its season."""
    if date is None:
        return facts
    if (facts.date or date) != date or (facts.year or date.year) != date.year:
        said = f"the date {facts.date}" if facts.date else f"the season {facts.year}"
        raise ReportError(
            f"the file's name says the race was run on {date}, the report gives {said}",
            source=source,
            expected="a file named by its race's date, or by its round (round07.txt)",
        )
    facts.date, facts.year = date, date.year
    return facts


def placing_plan(unplaced):
    """The new races of a command whose round nothing says (file -> ``RoundUnknown``), once the other files
    have landed: (files to import in this order, each with its ``Options.placing``; refusals, file -> error).
    A season's dated races are placed in date order; a season's only new race, undated, is numbered the next
    as one file is; an undated race beside other new ones of its season is refused: its place is not known."""
    seasons, sources = defaultdict(list), {name: error.source for name, error in unplaced.items()}
    for name, error in unplaced.items():
        seasons[error.season].append((name, error.date))
    plan, refused = [], {}
    for (_, year), found in seasons.items():
        undated = [name for name, date in found if date is None]
        if undated == [name for name, _ in found] and len(found) == 1:
            plan.append((found[0][0], "next"))
            continue
        for name in undated:
            refused[name] = ReportError(
                f"{len(found)} files of this command add races to {year} without naming their round, and this "
                "one gives no date to place it by",
                source=sources[name],
                expected=f"the files named by round (round07.txt, r7.txt, cup-{year}-07.txt) or by date "
                f"({year}-02-26-richmond.txt), or this one imported alone with --round",
            )
        dated = sorted((date, index, name) for index, (name, date) in enumerate(found) if date is not None)
        plan += [(name, "by date") for _, _, name in dated]
    return plan, refused


def names_settled(choices, given):
    """Of the ``--number`` options (``given``: name as typed -> number), those that choose a driver
    on a line (``Ambiguous.choices``) whose readings differ only in where the name ends."""
    settled = {}
    for _, _, readings in choices:
        if len({lead for _, _, lead in readings}) != 1:
            continue  # the readings differ in start or number: not a name's end
        (_, _, (_, number)), drivers = readings[0], {name_key(driver) for driver, _, _ in readings}
        for name, chosen in given.items():
            if name_key(name) in drivers and chosen_numbers({name: chosen})[name_key(name)] == number:
                settled[name] = chosen
    return settled
