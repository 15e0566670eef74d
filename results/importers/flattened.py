"""Results tables whose column separators were lost: ``1275Parker KligermanHenderson MotorsportsChevrolet67Running``.

Reading one is a puzzle. Finish is the row order; the digits after it hold the start and the
car number; the start positions of all rows form a permutation of 1..N; the driver and team
meet at a capital letter; the manufacturer comes from a short vocabulary. The whole table is
solved at once. Where the digits still allow several readings, what the database knows about
each driver's car numbers decides; if nothing does, the reader refuses and lists the readings.
"""

import re
from dataclasses import dataclass, field
from itertools import product
from typing import NoReturn

from results.importers.cells import INTEGER_COLUMNS
from results.importers.knowledge import NOTHING_KNOWN, Knowledge
from results.importers.report import ReportError, Row
from results.importers.vocabulary import MANUFACTURERS, canonical_status, column_for_label

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
# Lower-case particles that begin a capitalised surname: DiBenedetto, McAnally, LaJoie, VanGilder.
_NAME_PREFIXES = {"mc", "mac", "di", "de", "da", "la", "le", "du", "van", "von", "st", "o’", "o'", "d’", "d'"}
_MAX_SOLUTIONS = 50


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
    """The possible readings of one row, before the table is solved."""

    line: int
    text: str
    finish: int
    lead: str  # digits after the finish: start and number glued
    driver: str
    team: str
    manufacturer: str
    ineligible: bool
    tails: list  # each a dict of the trailing columns (laps, led, status, points)
    leads: list = field(default_factory=list)  # each a (start, number)


def read_table(lines, columns, *, first_line, source, knowledge: Knowledge = NOTHING_KNOWN, known_makes=()):
    """Read glued rows (``lines``: the row texts, numbered from ``first_line``) into ``Row``s."""
    makes = sorted({*MANUFACTURERS, *known_makes}, key=len, reverse=True)
    readings = [
        _read_row(text, columns, finish=i + 1, line=first_line + i, source=source, knowledge=knowledge, makes=makes)
        for i, text in enumerate(lines)
    ]
    _solve_leads(readings, columns, source=source, knowledge=knowledge)
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


def _read_row(text, columns, *, finish, line, source, knowledge, makes):
    def fail(message, expected=None) -> NoReturn:
        raise ReportError(message, line=line, text=text, expected=expected, source=source)

    driver_at = columns.index("driver")
    lead_columns = columns[:driver_at]
    if lead_columns[:1] != ["finish"] or any(c not in {"finish", "start", "number"} for c in lead_columns):
        fail("unsupported column order", "Finish, then Start and/or Number, before Driver")
    after = columns[driver_at + 1 :]
    name_columns = [c for c in after if c == "team"]
    has_make = "manufacturer" in after
    tail_columns = after[after.index("manufacturer") + 1 :] if has_make else [c for c in after if c != "team"]

    match = re.match(r"(\d+)(.*)$", text.strip())
    if not match:
        fail(f"row {finish} does not begin with digits", f"finish position {finish}, then start and number")
    digits, rest = match.groups()
    if not digits.startswith(str(finish)):
        fail(f"row {finish} does not begin with its finishing position", f"a row starting with {finish}")
    lead = digits[len(str(finish)) :]
    suffix = ""
    if "number" in lead_columns and re.match(r"[A-Z][A-Z]", rest) and _letter_is_number_suffix(rest, knowledge):
        suffix, rest = rest[0], rest[1:]  # "0XIrv Hoerr": car 0X
    if lead_columns != ["finish"] and not lead:
        fail("no start or car number after the finishing position", "digits for " + " and ".join(lead_columns[1:]))

    tail_pattern = "".join(
        r"(\d+)" if c in INTEGER_COLUMNS else r"([A-Za-z][A-Za-z .’'/&-]*?)" for c in _runs(tail_columns)
    )
    if has_make:
        make_pattern = "|".join(re.escape(m) for m in makes)
        match = re.match(rf"(.+)({make_pattern})\s*{tail_pattern}\s*$", rest)
        if not match:
            fail(
                "no known manufacturer, or the columns after it do not read as " + ", ".join(tail_columns),
                "one of " + ", ".join(MANUFACTURERS[:8]) + "..., then " + ", ".join(tail_columns),
            )
        middle, manufacturer, tail_values = match.group(1), match.group(2), match.groups()[2:]
    else:
        match = re.match(rf"(.+?)\s*{tail_pattern}\s*$", rest)
        if not match:
            fail("the end of the row does not read as " + ", ".join(tail_columns))
        middle, manufacturer, tail_values = match.group(1), "", match.groups()[1:]

    ineligible = "*" in middle
    driver, team = _split_names(middle, bool(name_columns), knowledge)
    if driver is None:
        fail(
            "the driver and team names cannot be told apart: " + " or ".join(f"{d!r} / {t!r}" for d, t in team),
            "add the driver or the team to the database (or an alias), or fix the row",
        )
    tails = _tail_readings(tail_columns, tail_values)
    if not tails:
        fail("the numbers after the manufacturer cannot be split", ", ".join(tail_columns))
    reading = Reading(line, text, finish, lead, driver, team, manufacturer, ineligible, tails)
    reading.leads = [
        (start, number + suffix) for start, number in _lead_readings(lead, lead_columns[1:], driver, knowledge, suffix)
    ]
    if not reading.leads:
        fail(
            f"the digits {lead!r} do not split into " + " and ".join(lead_columns[1:]),
            "a start position without leading zero and a car number of one to three characters",
        )
    return reading


def _letter_is_number_suffix(rest, knowledge):
    """Whether the capital after the digits ends the car number rather than begins the name.

    Yes when no name begins that way ("XIrv"), or when the database knows the driver without it.
    """
    if re.match(r"[A-Z][A-Z][a-z]", rest):
        return True
    without = rest[1:]
    return any(
        knowledge.knows_driver(without[:k])
        for k in range(2, min(len(without), 60) + 1)
        if not without[k : k + 1].islower()
    ) and not any(
        knowledge.knows_driver(rest[:k]) for k in range(2, min(len(rest), 60) + 1) if not rest[k : k + 1].islower()
    )


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
    options_per_run = []
    for run, value in zip(_runs(columns), values, strict=True):
        names = run.split("+")
        if names[0] not in INTEGER_COLUMNS:
            options_per_run.append([{names[0]: canonical_status(value)}])
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


def _lead_readings(lead, columns, driver, knowledge, suffix=""):
    """Possible (start, number) pairs for the digits between finish and driver."""
    known_numbers = knowledge.numbers_for(driver)
    if columns == ["number"]:
        return [(None, lead)]
    if columns == ["start"]:
        return [(int(lead), "")] if not lead.startswith("0") else []
    if columns == []:
        return [(None, "")]
    readings = []
    start_first = columns == ["start", "number"]
    for cut in range(1, len(lead) + (1 if suffix else 0)):
        first, second = lead[:cut], lead[cut:]
        start, number = (first, second) if start_first else (second, first)
        if not start or start.startswith("0") or len(number) > 3:
            continue
        if len(number) == 3 and not number.startswith("0") and number + suffix not in known_numbers:
            continue  # three-digit numbers are rare; accept one only when the driver is known to use it
        readings.append((int(start), number))
    return readings


def _solve_leads(readings, columns, *, source, knowledge):
    """Pick one (start, number) per row so that starts are a permutation of 1..N."""
    if "start" not in columns:
        return
    n = len(readings)
    all_leads = [list(r.leads) for r in readings]
    for reading in readings:
        reading.leads = [(s, num) for s, num in reading.leads if 1 <= s <= n]
    solutions = _permutations(readings) if all(r.leads for r in readings) else []
    if not solutions:
        # Not a permutation of 1..N (a car withdrew after qualifying, or a row was dropped):
        # starts must still be distinct, which settles less, so more tables end as ambiguous.
        for reading, leads in zip(readings, all_leads, strict=True):
            reading.leads = leads
        solutions = _permutations(readings)
    if len(solutions) > 1:
        # What the database knows settles rows whose readings differ only by a car number it has seen.
        for reading in readings:
            known = knowledge.numbers_for(reading.driver)
            preferred = [lead for lead in reading.leads if lead[1] in known]
            if known and preferred and len(preferred) < len(reading.leads):
                reading.leads = preferred
        solutions = _permutations(readings)
    if not solutions:
        raise ReportError(
            "no reading gives every row its own start position",
            source=source,
            expected="each start position used by exactly one row; check for a missing or duplicated row",
        )
    if len(solutions) > 1:
        undecided = [i for i in range(n) if len({sol[i] for sol in solutions}) > 1]
        lines = [
            f"  line {readings[i].line}: {readings[i].text!r} reads as "
            + " or ".join(f"start {s}, #{num}" for s, num in sorted({sol[i] for sol in solutions}))
            for i in undecided
        ]
        raise ReportError(
            f"{len(solutions) if len(solutions) < _MAX_SOLUTIONS else 'many'} readings of the start and car "
            "number fit this table:\n" + "\n".join(lines),
            source=source,
            expected="import the season's earlier races first (the database then knows each driver's number), "
            "or add separators (tabs) to these rows",
        )
    for reading, lead in zip(readings, solutions[0], strict=True):
        reading.leads = [lead]


def _permutations(readings):
    """All assignments (up to a limit) giving each row a distinct start; most constrained rows first."""
    order = sorted(range(len(readings)), key=lambda i: len(readings[i].leads))
    solutions: list[list] = []
    chosen: list = [None] * len(readings)
    used: set[int] = set()

    def search(depth):
        if len(solutions) >= _MAX_SOLUTIONS:
            return
        if depth == len(order):
            solutions.append(list(chosen))
            return
        i = order[depth]
        for lead in readings[i].leads:
            if lead[0] not in used:
                used.add(lead[0])
                chosen[i] = lead
                search(depth + 1)
                used.discard(lead[0])

    search(0)
    return solutions


def _split_names(middle, has_team, knowledge):
    """Split ``Parker KligermanHenderson Motorsports`` into driver and team.

    Returns (driver, team), or (None, [candidates]) when two readings score the same.
    """
    middle = middle.strip()
    if not has_team:
        return middle.replace("*", "").strip(), ""
    if "*" in middle:
        driver, _, team = middle.partition("*")
        return driver.strip(), team.strip()
    candidates = []
    for k in range(1, len(middle)):
        driver, team = middle[:k].strip(), middle[k:].strip()
        if not team[:1].isalnum():
            continue  # punctuation belongs to the name before it ("Jr.", "W.A.R.")
        at_capital = middle[k].isupper() and middle[k - 1] not in " -/&("
        # a team spelled in lower case ("ppc Racing") is found only through the database
        if at_capital or (middle[k - 1] != " " and (knowledge.knows_driver(driver) or knowledge.knows_team(team))):
            score = _name_score(driver, team, knowledge)
            if score is not None:
                candidates.append((score, driver, team))
    if not candidates:
        return None, [(middle, "")]
    candidates.sort(key=lambda c: -c[0])
    best = [c for c in candidates if c[0] == candidates[0][0]]
    if len(best) > 1:
        return None, [(d, t) for _, d, t in best]
    return best[0][1], best[0][2]


def _name_score(driver, team, knowledge):
    """Higher is likelier; None rules a split out (a surname particle such as "Di" cut off)."""
    words = driver.split()
    if len(words) < 2 or words[-1].lower() in _NAME_PREFIXES:
        return None
    score = 0
    if knowledge.knows_driver(driver):
        score += 100
    if knowledge.knows_team(team):
        score += 100
    for word in words:
        for j in range(1, len(word)):
            glued = (
                word[j - 1].islower() or word[j - 1] == ")" or (word[j - 1] == "." and word[j + 1 : j + 2].islower())
            )
            if word[j].isupper() and glued and word[:j].lower() not in _NAME_PREFIXES:
                score -= 10  # "EckesThor", "Jr.Tri": a capital inside a word that no particle explains
    if len(words[-1]) == 1:
        score -= 5  # drivers' names do not end with a bare initial
    first = team.split()[0] if team.split() else ""
    if re.match(r"[IVX]+[A-Z][a-z]", first) and not knowledge.knows_team(team):
        score -= 20  # "IYoung’s": a suffix such as III cut in two
    if any(first[j].isupper() and first[j - 1].islower() for j in range(1, len(first))):
        score -= 1  # "ThorSport" happens in team names, but less often than not
    return score
