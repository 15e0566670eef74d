"""Results tables whose column separators were lost: ``1275Parker KligermanHenderson MotorsportsChevrolet67Running``.

Reading one is a puzzle. Finish is the row order; the characters after it hold the start and the
car number (digits, with letters in any case and place: "2y", "x2", "01W", "X", "B-29"); the
driver's name begins at the capital that starts a word ("2yRodney Combs": car 2y); the driver and
team meet at a capital, a digit ("23XI Racing") or not at all (no team); the manufacturer comes
from a short vocabulary. The start positions are solved for the whole table at once
(``readings.choose``): what the database knows ranks the readings left, and where nothing
settles them the import stops and lists them.
"""

import re
from dataclasses import dataclass, field
from itertools import product

from results.importers import eras
from results.importers.cells import INTEGER_COLUMNS
from results.importers.glued_lead import MAX_LEAD, lead_readings, name_starts, partial_readings
from results.importers.glued_names import bare_team_doubt, names_only, split_names
from results.importers.knowledge import NOTHING_KNOWN, Knowledge
from results.importers.readings import Ambiguous, choose, describe_reading, line_choice
from results.importers.report import ReportError, Row
from results.importers.vocabulary import MANUFACTURERS, canonical_status, column_for_label
from results.names import name_key

# Header words as they appear glued together, longest first so "Laps Led" wins over "Laps".
_HEADER_WORDS = sorted(
    [
        "Finish",
        "Fin",
        "Pos",
        "Start",
        "St",
        "Number",
        "No.",
        "No",
        "Car",
        "#",
        "Driver",
        "Team",
        "Owner",
        "Manufacturer",
        "Make",
        "Laps Led",
        "Laps",
        "Led",
        "Status",
        "Points",
        "Pts",
    ],
    key=len,
    reverse=True,
)
MAX_NAMES = 250  # driver and team together; a longer run is refused before it is split
MAX_ROW = 1000  # a whole row; a longer one is refused before any pattern runs over it


def split_header(line: str):
    """``FinishStartNumberDriver...`` -> ["finish", "start", "number", "driver", ...], or None."""
    rest, columns = line.strip(), []
    while rest:
        for word in _HEADER_WORDS:
            if rest[: len(word)].lower() == word.lower():
                columns.append(column_for_label(word))
                rest = rest[len(word) :].lstrip()
                break
        else:
            return None
    if "finish" not in columns or "driver" not in columns or len(set(columns)) != len(columns):
        return None
    return columns


@dataclass
class Reading:
    """One row, read up to its (start, car number) readings, before the table is solved."""

    line: int
    text: str
    finish: int
    driver: str
    team: str
    manufacturer: str
    ineligible: bool
    tails: list  # each a dict of the trailing columns (laps, led, status, points)
    names: list = field(default_factory=list)  # (driver, team) splits: one, or several nothing settles
    leads: list = field(default_factory=list)  # each a (start, number); start None without a start column
    partial: list = field(default_factory=list)  # readings if the source lacks the start or the number


def read_table(lines, columns, *, first_line, source, knowledge: Knowledge = NOTHING_KNOWN, known_makes=()):
    """Read glued rows (``lines``: the row texts, numbered from ``first_line``) into ``Row``s. Every
    line that does not read, or reads more than one way, is named in the one error raised."""
    makes = sorted({*MANUFACTURERS, *known_makes}, key=len, reverse=True)
    readings, broken = [], []
    for i, text in enumerate(lines):
        try:
            readings.append(
                _read_row(text, columns, finish=i + 1, line=first_line + i, knowledge=knowledge, makes=makes)
            )
        except _Refused as refused:
            broken.append((first_line + i, text, *refused.args))
    if broken:
        raise _unreadable(broken, source)
    unknown = set(knowledge.chosen) - {name_key(driver) for reading in readings for driver, _ in reading.names}
    if unknown:
        raise ReportError(
            "a car number is given for a driver the table does not have: " + ", ".join(sorted(unknown)),
            source=source,
            expected="--number with a driver's name as the table writes it",
        )
    choices, why = [], ""
    if "start" in columns:
        try:
            choose(readings, source=source, knowledge=knowledge)
        except Ambiguous as error:
            choices, why = error.choices, error.why
    listed = {line for line, _, _ in choices}
    choices += [line_choice(r, r.leads) for r in readings if len(r.names) > 1 and r.line not in listed]
    if choices:
        ambiguous = Ambiguous(sorted(choices), source=source, why=why)
        listed = {line for line, _, _ in choices}
        ambiguous.settled = tuple(
            (r.driver, r.team, r.leads[0][1])
            for r in readings
            if r.line not in listed and len(r.leads) == 1 and len(r.names) == 1 and r.leads[0][1]
        )
        raise ambiguous
    rows = []
    for reading in readings:
        (start, number), tail = reading.leads[0], reading.tails[0]
        rows.append(
            Row(
                line=reading.line,
                finish=reading.finish,
                start=start,
                number=number,
                driver=reading.driver,
                team=reading.team,
                manufacturer=reading.manufacturer,
                ineligible=reading.ineligible,
                **tail,
            )
        )
    return rows


def _unreadable(broken, source):
    """One error naming every line that does not read: (line, text, message, what was expected)."""
    line, text, message, expected = (*broken[0], None)[:4]
    if len(broken) == 1:
        return ReportError(message, line=line, text=text[:200], expected=expected, source=source)
    listed = "\n".join(f"  line {line}: {text[:100]!r}: {message}" for line, text, message, *_ in broken[:50])
    more = f"\n  and {len(broken) - 50} more" if len(broken) > 50 else ""
    return ReportError(
        f"{len(broken)} rows do not read:\n{listed}{more}",
        line=line,
        expected=expected or "each row as the header lists its columns",
        source=source,
    )


class _Refused(Exception):
    """A row that does not read: (message, what was expected)."""


def _read_row(text, columns, *, finish, line, knowledge, makes):
    """The readings of one glued row (``Reading``); ``_Refused`` when it has none."""
    driver_at = columns.index("driver")
    lead_columns = columns[:driver_at]
    if lead_columns[:1] != ["finish"] or any(c not in {"finish", "start", "number"} for c in lead_columns):
        raise _Refused("unsupported column order", "Finish, then Start and/or Number, before Driver")
    after = columns[driver_at + 1 :]
    stripped = text.strip()
    if not stripped.startswith(str(finish)):
        raise _Refused(f"row {finish} does not begin with its finishing position", f"a row starting with {finish}")
    rest = stripped[len(str(finish)) :]
    if len(rest) > MAX_ROW:
        raise _Refused(f"a row of {len(rest):,} characters", f"a row of at most {MAX_ROW} characters")
    front, manufacturer, tail_columns, tail_values, bare = _split_tail(rest, after, makes, knowledge)
    lead, middle = _split_front(front, lead_columns[1:])
    names = split_names(middle, "team" in after, knowledge)
    if not names:
        raise _Refused(
            f"{middle.strip()!r} does not split into a driver's name and a team",
            "the driver's first and last names, then the team",
        )
    doubt = bare_team_doubt(names, knowledge) if bare else None
    if doubt:
        raise _Refused(doubt, "a tab between the driver, the team and the status")
    tails = _tail_readings(tail_columns, tail_values)
    if len(tails) != 1:
        raise _Refused(
            "the numbers after the manufacturer cannot be split"
            if not tails
            else "the numbers after the manufacturer split more than one way: "
            + " or ".join(", ".join(f"{k} {v}" for k, v in t.items() if k in INTEGER_COLUMNS) for t in tails[:4]),
            ", ".join(tail_columns) + " (add a tab between them)",
        )
    (driver, team), *_ = names
    reading = Reading(line, text, finish, driver, team, manufacturer, "*" in middle, tails, names=names)
    _read_lead(reading, lead, lead_columns[1:], knowledge)
    return reading


def _split_tail(rest, after, makes, knowledge):
    """(the start, number and names; the make; the columns after the make and their values; whether
    the row ends with its names) of a row without its finish. ``after``: the columns after the driver's."""
    has_make = "manufacturer" in after
    tail_columns = after[after.index("manufacturer") + 1 :] if has_make else [c for c in after if c != "team"]
    # after a manufacturer an empty laps or status column reads as unknown; without one, the tail
    # must show its digits, or it would swallow nothing
    number, word = (r"(\d*)", r"([A-Z][A-Za-z .’'/&-]*?)?") if has_make else (r"(\d+)", r"([A-Z][A-Za-z .’'/&-]*?)")
    tail_pattern = "".join(number if c in INTEGER_COLUMNS else word for c in _runs(tail_columns))
    if not has_make:
        match = re.match(rf"(.+?)\s*{tail_pattern}\s*$", rest)
        if not match:
            raise _Refused("the end of the row does not read as " + ", ".join(tail_columns))
        return match.group(1), "", tail_columns, match.groups()[1:], False
    make_pattern = "|".join(re.escape(m) for m in makes)
    match = re.match(rf"(.+)({make_pattern})\s*{tail_pattern}\s*$", rest)
    if not match and _makes_missing(knowledge) and set(tail_columns) & INTEGER_COLUMNS:
        # a row without its make, in years every make is known: the names end at a letter, ")"
        # or "." glued to the laps ("Penske Racing South191Running")
        digits = "".join(r"(\d+)" if c in INTEGER_COLUMNS else word for c in _runs(tail_columns))
        match = re.match(rf"(.+?[^\d\s])(){digits}\s*$", rest)
    if not match and _missing("no make", knowledge) and _missing("no laps", knowledge):
        bare = names_only(rest, _runs(tail_columns))
        if bare is not None:
            return bare[0], "", tail_columns, bare[1], True
    if not match:
        raise _Refused(
            "no known manufacturer, or the columns after it do not read as " + ", ".join(tail_columns),
            "one of " + ", ".join(MANUFACTURERS[:8]) + "..., then " + ", ".join(tail_columns),
        )
    return match.group(1), match.group(2), tail_columns, match.groups()[2:], False


def _makes_missing(knowledge):
    """Whether rows of the year may lack a make (``eras``): never when the year is unknown."""
    return _missing("no make", knowledge)


def _missing(what, knowledge):
    """Whether rows of the year may lack ``what`` (a kind of ``eras.RAN``): never when the year is unknown."""
    return knowledge.year is not None and eras.ran(what, knowledge.series, knowledge.year)


def _split_front(front, lead_columns):
    """(the start and number's characters, the names) of what comes before the make."""
    if len(front) > MAX_NAMES + MAX_LEAD:
        raise _Refused(
            f"the driver and team run to {len(front):,} characters",
            f"a driver and a team of at most {MAX_NAMES} characters together",
        )
    places = list(name_starts(front))
    # a source lacking a start or a number ("35Frank Mundy": start 5, or #5) only when nothing else reads
    starts = [p for p in places if lead_readings(front[:p], lead_columns)] or [
        p for p in places if partial_readings(front[:p], lead_columns)
    ]
    if not starts and len(places) == 1:
        raise _Refused(
            f"the characters {front[: places[0]]!r} before the driver's name do not split into "
            + " and ".join(lead_columns),
            "a start position without leading zero and a car number of one to four characters "
            "(a start or number missing cannot be told from the other: add a tab between them)",
        )
    if len(starts) != 1:
        raise _Refused(
            "the car number and the driver's name cannot be told apart"
            if starts
            else "no driver's name (a capital letter after the start and car number)",
            "the start and car number, then the driver's name with a capital (add a tab between them)",
        )
    return front[: starts[0]], front[starts[0] :]


def _read_lead(reading, lead, lead_columns, knowledge):
    """The start and number readings of the row's ``lead`` characters that the series ran in the
    year (``eras``), kept to the number given for its driver (``--number``) when there is one."""
    full, partial = lead_readings(lead, lead_columns), partial_readings(lead, lead_columns)
    reading.leads = [pair for pair in full if knowledge.possible(pair, lead_columns)]
    reading.partial = [pair for pair in partial if knowledge.possible(pair, lead_columns)]
    if not reading.leads and not reading.partial:
        if full or partial:
            raise _Refused(
                f"the characters {lead!r} read only as "
                + " or ".join(describe_reading(pair) for pair in full + partial)
                + f", which no {knowledge.series or 'NASCAR'} row of {knowledge.year} had (see importers/eras.py)",
                "a start position and a car number of the race's year (check the year, or the row)",
            )
        raise _Refused(
            f"the characters {lead!r} do not split into " + " and ".join(lead_columns),
            "a start position without leading zero and a car number of one to five characters",
        )
    chosen = knowledge.chosen_number(reading.driver)
    if chosen is not None:
        reading.leads = [lead for lead in reading.leads if lead[1] == chosen]
        reading.partial = [lead for lead in reading.partial if lead[1] == chosen]
        if not reading.leads and not reading.partial:
            given = f"the number given for {reading.driver} ({f'#{chosen}' if chosen else 'none'})"
            if any(pair[1] == chosen for pair in full + partial):  # the digits hold it; the year rules it out
                raise _Refused(
                    f"{given} is one no {knowledge.series or 'NASCAR'} row of {knowledge.year} had (see importers/eras.py)",
                    "a car number of the race's year (check the year, or the number)",
                )
            raise _Refused(f"{given} is not in {lead!r}", "a number the row's digits hold")


def first_words(lines):
    """The first word (as a name key's) of every name the rows could begin with, at each place a
    driver's name may start (``glued_lead.name_starts``): what the database is asked about (``knowledge``)."""
    words = set()
    for line in lines:
        front = line.strip()[:MAX_ROW].lstrip("0123456789")
        for p in name_starts(front):
            words.add(name_key(front[p : p + 40]).split(" ", 1)[0])
    return words


def _runs(columns):
    """Columns that are glued into one regex group: consecutive numbers make one digit run."""
    runs: list[str] = []
    previous_numeric = False
    for column in columns:
        numeric = column in INTEGER_COLUMNS
        if numeric and previous_numeric:
            runs[-1] = runs[-1] + "+" + column
        else:
            runs.append(column)
        previous_numeric = numeric
    return runs


def _tail_readings(columns, values):
    """Every way the trailing digit runs split into their columns (laps, led, points)."""
    options_per_run: list[list[dict]] = []
    for run, value in zip(_runs(columns), values, strict=True):
        names = run.split("+")
        if names[0] not in INTEGER_COLUMNS:
            options_per_run.append([{names[0]: canonical_status(value or "")}])
            continue
        if not value:
            options_per_run.append([dict.fromkeys(names)])  # an empty column: unknown, not zero
            continue
        options_per_run.append([dict(zip(names, parts, strict=True)) for parts in _digit_splits(value, len(names))])
    readings = []
    for combo in product(*options_per_run):
        reading = {k: v for part in combo for k, v in part.items()}
        if reading.get("led") is not None and reading.get("laps") is not None and reading["led"] > reading["laps"]:
            continue
        readings.append(reading)
    return readings


def _digit_splits(digits, count):
    """Split a digit string into ``count`` numbers without leading zeros."""
    if count == 1:
        return [(int(digits),)] if digits == "0" or not digits.startswith("0") else []
    out = []
    for cut in range(1, len(digits)):
        head = digits[:cut]
        if head.startswith("0") and head != "0":
            continue
        out += [(int(head), *rest) for rest in _digit_splits(digits[cut:], count - 1)]
    return out
