"""The rules a race's rows must satisfy before anything is written, whatever format they came in.

Every reader's rows pass through ``check_rows`` (the history's too, after its known quirks are
repaired in the open), so a rule is stated once here; the database's constraints still hold
every row (``results/models/entry.py``), and these checks exist to name the line first.
"""

import re

from ftfy.badness import is_bad

from results.importers.report import ReportError
from results.models import Driver, Entry, Event
from results.names import name_key

# Text columns and their limits, read from the model so the two cannot drift apart. SQLite does not
# enforce a column's length: checking here keeps both databases holding the same values.
TEXT_LIMITS = {
    "number": Entry._meta.get_field("number").max_length,
    "status": Entry._meta.get_field("status").max_length,
}
_ALNUM = re.compile(r"[A-Za-z0-9]")
# control characters that are no whitespace (the readers make tabs, form feeds and the like spaces)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
TOO_LONG, NO_KEY = "too long", "no letters or digits"
SMALLINT = 32767  # the positions, laps and points columns
# Names (driver, team, make) are stored with their key, which folds accents and can be the longer
# ("爫" is "Tsumekanmuri"): both must fit.
# The seasons and rounds a race may have: NASCAR's first season to the last the database allows
# (season_year_plausible), and the rounds it allows (event_round_positive, event_round_below_1000).
YEARS, ROUNDS = range(1949, 2101), range(1, 1000)
NAME_LIMIT, KEY_LIMIT = Driver._meta.get_field("name").max_length, Driver._meta.get_field("key").max_length


def check_rows(rows, *, source, warnings=None):
    """Refuse rows that cannot be one race's results; note (in ``warnings``) what is only odd.

    One row per finishing position and per driver; positions from 1; a known start once; laps led
    within laps completed; text within its column.
    """
    finishes: dict[int, int] = {}
    drivers: dict[str, int] = {}
    starts: dict[int, int] = {}

    def refuse(row, message, text, expected):
        raise ReportError(message, line=row.line, text=str(text), source=source, expected=expected)

    for row in rows:
        if not 1 <= row.finish <= SMALLINT:
            refuse(row, "finishing position out of range", row.finish, "positions from 1")
        if row.finish in finishes:
            refuse(
                row,
                f"finishing position {row.finish} appears twice (also line {finishes[row.finish]})",
                row.finish,
                "each finishing position once",
            )
        finishes[row.finish] = row.line
        key = name_key(row.driver)
        if key in drivers:
            refuse(row, f"{row.driver} appears twice (also line {drivers[key]})", row.driver, "each driver once")
        drivers[key] = row.line
        if row.start is not None:
            if not 1 <= row.start <= SMALLINT:
                refuse(row, "start position out of range", row.start, "positions from 1, or empty")
            if row.start in starts:
                refuse(
                    row,
                    f"start position {row.start} appears twice (also line {starts[row.start]})",
                    row.start,
                    # old races' published grids repeat a start (Cup 1956 has ten such races): the
                    # operator can only fix the file, and may not know which car started there
                    f"each start position once: correct the start on line {starts[row.start]} or line {row.line},"
                    " or empty it on both if the source does not say which car started there",
                )
            starts[row.start] = row.line
        if row.led is not None and row.laps is not None and row.led > row.laps:
            refuse(
                row,
                f"laps led ({row.led}) exceed laps completed ({row.laps})",
                f"{row.laps} laps, {row.led} led",
                "laps led no more than laps completed",
            )
        for column in ("driver", "team", "manufacturer", "status"):
            value = getattr(row, column)
            control = None if value.isprintable() else _CONTROL.search(value)
            if control:  # a bell or an escape sequence would be stored inside the name, unseen
                refuse(
                    row,
                    f"a control character (U+{ord(control.group()):04X}) in the {column}",
                    value,
                    f"a {column} in plain text",
                )
            if column == "status":
                continue
            repaired = mis_decoded(value)
            if repaired:
                refuse(
                    row,
                    f"the {column} name is UTF-8 text read in another encoding before it was saved",
                    value,
                    f"the name as written ({repaired!r}): correct the file, or re-copy the report from its source",
                )
            fault = _name_fault(value)
            if fault == TOO_LONG:
                refuse(row, f"the {column} name is too long", value[:80], f"a name of at most {NAME_LIMIT} characters")
            elif fault:
                refuse(row, f"the {column} name has no letters or digits", value, f"a {column} name, or an empty cell")
        for column, limit in TEXT_LIMITS.items():
            value = getattr(row, column)
            if limit is not None and len(value) > limit:
                refuse(row, f"{column} is longer than {limit} characters", value, f"a {column} of at most {limit}")
    winner = next((row for row in rows if row.finish == 1), None)
    for row in rows:
        if row.laps_down is not None and (
            winner is None or winner.laps is None or winner.laps - row.laps != row.laps_down
        ):
            refuse(
                row,
                "the laps down do not add up to the winner's laps",
                f"{row.laps} laps, {row.laps_down} down; the winner {winner.laps if winner else 'unknown'}",
                "laps completed and laps down that add up to the winner's laps",
            )
    positions = sorted(finishes)
    if warnings is not None and positions != list(range(1, len(positions) + 1)):
        warnings.append(f"finishing positions are not 1..{len(positions)} without gaps")


def mis_decoded(name: str) -> str | None:
    """The name ``name`` was, when it is UTF-8 read as Windows-1252 or Latin-1 and saved so
    ("Daniel SuÃ¡rez" was "Daniel Suárez"), else None. A name only reads back so by chance when
    it holds such pairs as "Ã¡": no driver's or team's does. ftfy's measure of such pairs decides, as
    capitals before a curly apostrophe ("JOSÉ’S" is UTF-8 for "JOSɒS") are good text too."""
    if name.isascii() or not any("\u00c2" <= c <= "\u00f4" for c in name) or not is_bad(name):
        return None
    for encoding in ("cp1252", "latin-1"):
        try:
            repaired = name.encode(encoding).decode("utf-8")
        except UnicodeError:
            continue
        if repaired != name:
            return repaired
    return None


def _name_fault(name):
    """What keeps ``name`` from being stored (its key must fit, and be something), or None. An ASCII
    name's key is never longer than the name, and empty only without a letter or digit: only names in
    other scripts need folding to tell (the history's 180,000 rows are nearly all ASCII)."""
    if name.isascii():
        key_empty, key_long = name[:1] and not name[0].isalnum() and not _ALNUM.search(name), False
    else:
        key = name_key(name)
        key_empty, key_long = not key, len(key) > KEY_LIMIT  # type: ignore[operator]
    if len(name) > NAME_LIMIT or key_long:  # type: ignore[operator]
        return TOO_LONG
    return NO_KEY if key_empty else None


def check_facts(facts, *, line=None, source):
    """The race's own facts fit their columns (SQLite would store a longer text; PostgreSQL refuses it),
    and its year and round are ones a race can have (a round the database would refuse without naming
    it, a year 99999 it would store)."""
    for fact, allowed in (("year", YEARS), ("round", ROUNDS)):
        value = getattr(facts, fact)
        if value is not None and value not in allowed:
            raise ReportError(
                f"the {fact} {value} is out of range",
                line=line,
                text=str(value)[:80],
                source=source,
                expected=f"a {fact} from {allowed[0]} to {allowed[-1]}",
            )
    limit = Event._meta.get_field("name").max_length
    if limit is not None and len(facts.name) > limit:
        raise ReportError(
            f"the race name is longer than {limit} characters",
            line=line,
            text=facts.name[:80] + "...",
            source=source,
            expected=f"a race name of at most {limit} characters",
        )


def check_year(given, named, *, source):
    """A season given (--year, --date) that the report's heading never names, while it names others: the report
    of another season's race (Cup 2003's race 7 among 2004's files was written as 2004's round 7)."""
    if given and named and given not in named:
        said = ", ".join(map(str, named))
        raise ReportError(
            f"the season given is {given}; the report names {said} and never {given}",
            source=source,
            expected=f"the report of a {given} race (a report of another season imported with its own year)",
        )
