"""Turning table cells (delimited, aligned or HTML) into a Row, with errors that name the cell."""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from results.importers.report import ReportError, Row
from results.importers.vocabulary import EMPTY, canonical_status

INTEGER_COLUMNS = {"finish", "start", "laps", "led", "points", "stage1", "stage2"}
FLAG_COLUMNS = {"rookie", "ineligible", "pole"}
_YES, _NO = {"yes", "y", "true", "1", "x"}, {"no", "n", "false", "0", ""}
# A missing value as R ("NA"), pandas ("NaN") and databases ("NULL") write it: no team is called "NA"
MISSING = frozenset({"NA", "N/A", "n/a", "NaN", "nan", "NULL", "null"})
MAX_CELL = 500  # characters: no name, team or status comes near; a longer cell is not a results cell
_ROOKIE = re.compile(r"\((?:R|r|rookie|Rookie)\)$")
_INELIGIBLE = re.compile(r"\(i\)$")
# Reference marks after a name: [a], [1], [N 2], daggers, superscript digits.
_FOOTNOTE = re.compile(r"(?:\[[\w ]{1,5}\]|[†‡§¶]|[\u00b9\u00b2\u00b3\u2070-\u2079]+)$")
_POSITION = re.compile(r"P?([0-9]{1,6})(?:\.0*|st|nd|rd|th)?", re.IGNORECASE)  # "P1": a spreadsheet's way
# A car number as the site keeps it: one to four letters, digits, dots or dashes ("07", "01W", "41.5",
# "B-29", "X"). Every reader, the command line's --number and the admin's car numbers use this one.
# Laps with the laps down after them, as articles write them: "187 (−13)", "187 (-13 laps)"
_LAPS_DOWN = re.compile(r"([0-9]{1,6})\s*\(\s*[-\u2212\u2013]\s*([0-9]{1,6})(?:\s*laps?)?\s*\)", re.IGNORECASE)
CAR_NUMBER = re.compile(r"[0-9A-Za-z.\-]{1,4}")


@dataclass
class Marks:
    """What the marks around a name said: rookie, ineligible, other reference marks."""

    rookie: bool = False
    ineligible: bool = False
    footnotes: list[str] = field(default_factory=list)


def strip_marks(name: str) -> tuple[str, Marks]:
    """ "Corey Day (i)" -> ("Corey Day", ineligible); "Joe Smith (R)*[a]" -> rookie, ineligible, [a].

    Only the markers reports use are taken: a name's own brackets stay ("Bill Scott (CA)",
    "Billy (N) Myers"). "*" means ineligible wherever it stands.
    """
    marks = Marks()
    if "*" in name:
        marks.ineligible = True
        name = name.replace("*", " ")
    name = " ".join(name.split())
    while True:
        for pattern, kind in ((_ROOKIE, "rookie"), (_INELIGIBLE, "ineligible"), (_FOOTNOTE, "footnote")):
            match = pattern.search(name)
            if match and match.start() > 0:
                if kind == "footnote":
                    marks.footnotes.append(match.group(0))
                else:
                    setattr(marks, kind, True)
                name = name[: match.start()].rstrip()
                break
        else:
            return name, marks


def row_from_cells(cells: dict, *, line: int, source: str, rookie=False) -> Row:
    """``cells`` maps column name to the cell text; unknown columns were dropped by the caller."""
    values = {}
    for column, text in cells.items():
        text = (text or "").strip()
        text = "" if text in EMPTY or text in MISSING else text
        if len(text) > MAX_CELL:
            raise ReportError(
                f"a {column} cell of {len(text):,} characters",
                line=line,
                text=text[:80] + "...",
                source=source,
                expected=f"a results cell of at most {MAX_CELL} characters",
            )
        down = _LAPS_DOWN.fullmatch(text) if column == "laps" else None
        if down:
            text = down.group(1)
            values["laps_down"] = parse_integer(down.group(2), "laps down", line=line, source=source)
        if column == "finish":
            values[column] = parse_position(text, line=line, source=source)
        elif column in INTEGER_COLUMNS:
            values[column] = parse_integer(text, column, line=line, source=source, negative_ok=column == "points")
        elif column == "rating":
            values[column] = parse_rating(text, line=line, source=source)
        elif column == "status":
            values[column] = canonical_status(text)
        elif column == "number":
            values[column] = parse_number(text, line=line, source=source)
        elif column in FLAG_COLUMNS:
            values[column] = parse_flag(text, column, line=line, source=source)
        else:
            values[column] = " ".join(text.split())
    driver, marks = strip_marks(values.get("driver", ""))
    if not driver:
        raise ReportError("a row has no driver", line=line, text=str(cells), source=source, expected="a driver name")
    if values.get("finish") is None:
        raise ReportError(
            "a row has no finishing position",
            line=line,
            text=str(cells),
            source=source,
            expected="a whole number from 1",
        )
    driver = _number_from_name(driver, values, line=line, source=source)
    values["driver"] = driver
    for flag, marked in (("rookie", rookie or marks.rookie), ("ineligible", marks.ineligible)):
        if values.get(flag) is False and marked:
            raise ReportError(
                f"the {flag} column says no, the name is marked {flag}",
                line=line,
                text=str(cells.get("driver", "")),
                source=source,
                expected=f"the {flag} column and the mark after the name agreeing",
            )
        values[flag] = values.get(flag) or marked
    return Row(line=line, **values)


# The car number in the driver's cell, as fans write it ("#5 Kyle Larson", "Kyle Larson (#5)"): no
# driver's name holds a "#"
_NUMBER_IN_NAME = re.compile(r"^#([0-9A-Za-z.\-]{1,4})\s+(?=\S)|\s*\(?#\s*([0-9A-Za-z.\-]{1,4})\)?$")


def _number_from_name(driver, values, *, line, source):
    """The name without its car number; the number fills the row's, or must equal it. Any other "#"
    ("# J.D. Edwards", "#Bill Harrison", "Kyle #5 Larson") is refused: no name holds one."""
    match = _NUMBER_IN_NAME.search(driver)
    number = (match.group(1) or match.group(2)) if match else ""
    if not match or not looks_like_car_number(number) or match.start() == 0 and match.end() == len(driver):
        if "#" in driver.rstrip().removesuffix("#"):  # a "#" last is a mark its legend explains (``table``)
            raise ReportError(
                "a '#' in the driver's cell that is no car number before or after the name",
                line=line,
                text=driver,
                source=source,
                expected="'#5 Kyle Larson' (the car number right after '#'), or the name alone",
            )
        return _no_bracketed_number(driver, line=line, source=source)
    if values.get("number") and values["number"] != number:
        raise ReportError(
            f"the driver's cell says car #{number}, the car number column {values['number']}",
            line=line,
            text=driver,
            source=source,
            expected="one car number per row: correct the cell or the column",
        )
    values["number"] = number
    return _no_bracketed_number((driver[: match.start()] + driver[match.end() :]).strip(), line=line, source=source)


# A number in brackets after a name ("Kyle Larson (5)"): a car number, a start, wins? No driver's name in the
# history holds one (its qualifiers are words: "Bill Scott (CA)"), so it is no part of the name either.
_BRACKETED_NUMBER = re.compile(r"\(\s*\d+\s*\)")


def _no_bracketed_number(driver, *, line, source):
    if _BRACKETED_NUMBER.search(driver):
        raise ReportError(
            "a number in brackets in the driver's cell: a car number, a position or a count, the report does not say",
            line=line,
            text=driver,
            source=source,
            expected="the name alone, the car number as '#5' or in its own column",
        )
    return driver


def parse_flag(text, column, *, line, source):
    """A rookie, ineligible or pole cell: "yes" or "no" (this site's export), 1/0, true/false, an "x"
    for yes; an empty cell in the column is no."""
    word = text.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise ReportError(
        f"{column} is neither yes nor no",
        line=line,
        text=text[:80],
        source=source,
        expected=f"yes or no in the {column} column (or 1/0, or an empty cell for no)",
    )


def parse_position(text, *, line, source):
    """A finishing position: "7", "7." or "7th"; None for an empty cell."""
    text = (text or "").strip()
    if not text:
        return None
    match = _POSITION.fullmatch(text)
    if not match:
        raise ReportError(
            "finish is not a position",
            line=line,
            text=text,
            source=source,
            expected="a whole number from 1 (DNQ, DNS and notes belong outside the results)",
        )
    return _bounded(match.group(1), "finish", line=line, source=source, text=text)


def parse_number(text, *, line, source):
    """A car number as text ("02" is not "2"), without a leading "#"; "" for an empty cell."""
    number = (text or "").strip().lstrip("#").strip()
    if number in EMPTY:
        return ""
    if not CAR_NUMBER.fullmatch(number):
        raise ReportError(
            "not a car number",
            line=line,
            text=text[:80],
            source=source,
            expected='a car number of at most four characters ("07", "01W", "X")',
        )
    if re.fullmatch(r"[0-9]+\.0+", number):  # no car is "7.0" (the history's one decimal is 41.5)
        raise ReportError(
            "a car number written as a decimal: a data frame or spreadsheet stored the numbers as numbers, "
            "which also drops leading zeros (07 -> 7.0)",
            line=line,
            text=text[:80],
            source=source,
            expected='the car numbers as written ("07", "7"): export that column as text',
        )
    return number


def looks_like_car_number(text) -> bool:
    """A car number no make could be: one with a digit, or a single letter ("07", "J12", "X"; not "Ford")."""
    number = text.strip().removeprefix("#")
    return bool(CAR_NUMBER.fullmatch(number)) and (len(number) == 1 or any(c.isdigit() for c in number))


def driver_and_number(text):
    """ "Kyle Larson=07" -> ("Kyle Larson", "07"): the car number of a glued line, as the person importing
    settles it (--number, the admin's Car numbers); None when ``text`` is not DRIVER=NUMBER."""
    driver, sep, number = (text or "").rpartition("=")
    driver, number = driver.strip(), number.strip()
    if not sep or not driver or not CAR_NUMBER.fullmatch(number):
        return None
    return driver, number


def parse_integer(text, column, *, line, source, negative_ok=False):
    """A whole number from a cell, None for an empty one, or an error naming the cell."""
    text = (text or "").strip()
    if text.isascii() and text.isdigit() and len(text) <= 4:
        return int(text)  # the common case, first: the history has 700,000 of them (5 digits may pass 32,767)
    if text in EMPTY:
        return None
    cleaned = re.sub(r"\.0*$", "", text)  # "12." and a whole number a data frame wrote as a decimal ("12.0")
    if not re.fullmatch(r"[-+]?[0-9]+", cleaned):
        raise ReportError(
            f"{column} is not a whole number",
            line=line,
            text=text[:80],
            source=source,
            expected=f"a whole number for {column}, or an empty cell",
        )
    value = _bounded(cleaned, column, line=line, source=source, text=text)
    if value < 0 and not negative_ok:
        raise ReportError(
            f"{column} is negative", line=line, text=text, source=source, expected=f"{column} of 0 or more"
        )
    return value


def _bounded(digits, column, *, line, source, text):
    """int() of at most six digits: a 5,000-digit "number" is refused before Python converts it."""
    if len(digits) > 12 or len(digits.lstrip("+-").lstrip("0")) > 5 or not -32768 <= int(digits) <= 32767:
        raise ReportError(
            f"{column} is out of range", line=line, text=text[:80], source=source, expected=f"a plausible {column}"
        )
    return int(digits)


def parse_rating(text, *, line, source):
    """A driver rating to one decimal ("101.8", or "101,8" with a decimal comma), None for an empty cell."""
    text = (text or "").strip()
    if text in EMPTY:
        return None
    if re.fullmatch(r"[0-9]{1,4},[0-9]{1,2}", text):
        text = text.replace(",", ".")  # a decimal comma: a thousands comma has three digits after it
    if not re.fullmatch(r"[0-9]{1,4}(?:\.[0-9]{1,6})?", text):
        raise ReportError("rating is not a number", line=line, text=text[:80], source=source, expected="e.g. 101.8")
    try:
        value = Decimal(text).quantize(Decimal("0.1"))
    except InvalidOperation:
        raise ReportError(
            "rating is not a number", line=line, text=text, source=source, expected="e.g. 101.8"
        ) from None
    if not 0 <= value < 10000:
        raise ReportError("rating is out of range", line=line, text=text, source=source, expected="0 to 9999.9")
    return value
