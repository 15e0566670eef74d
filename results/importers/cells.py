"""Turning table cells (delimited or HTML) into a Row, with errors that name the cell."""

import re
from decimal import Decimal, InvalidOperation

from results.importers.report import ReportError, Row
from results.importers.vocabulary import canonical_status

INTEGER_COLUMNS = {"finish", "start", "laps", "led", "points", "stage1", "stage2"}
_ROOKIE = re.compile(r"\s*\((?:R|r|rookie)\)\s*$")


def row_from_cells(cells: dict, *, line: int, source: str, rookie=False) -> Row:
    """``cells`` maps column name to the cell text; unknown columns were dropped by the caller."""
    values = {}
    for column, text in cells.items():
        text = (text or "").strip()
        if column in INTEGER_COLUMNS:
            values[column] = parse_integer(text, column, line=line, source=source, negative_ok=column == "points")
        elif column == "rating":
            values[column] = parse_rating(text, line=line, source=source)
        elif column == "status":
            values[column] = canonical_status(text)
        elif column == "number":
            values[column] = text.lstrip("#").strip()
        else:
            values[column] = re.sub(r"\s+", " ", text)
    driver = values.get("driver", "")
    ineligible = "*" in driver
    driver = driver.replace("*", "").strip()
    if _ROOKIE.search(driver):
        rookie, driver = True, _ROOKIE.sub("", driver)
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
    values["driver"] = driver
    return Row(line=line, rookie=rookie, ineligible=ineligible, **values)


def parse_integer(text, column, *, line, source, negative_ok=False):
    """A whole number from a cell, None for an empty one, or an error naming the cell."""
    text = (text or "").strip()
    if text.isascii() and text.isdigit() and len(text) <= 5:
        return int(text)  # the common case, first: the history has 700,000 of them
    if text in {"", "-", "–", "—"}:
        return None
    cleaned = text.rstrip(".")
    # ASCII digits only ("²" and "٣" are digits to Python), and few enough for int() (a 5,000-digit
    # number is refused by it) and for a real count
    if re.fullmatch(r"-?[0-9]{7,}", cleaned):
        raise ReportError(
            f"{column} is out of range", line=line, text=text[:20], source=source, expected=f"a plausible {column}"
        )
    if not re.fullmatch(r"-?[0-9]+", cleaned):
        raise ReportError(
            f"{column} is not a whole number",
            line=line,
            text=text,
            source=source,
            expected=f"a whole number for {column}, or an empty cell",
        )
    value = int(cleaned)
    if value < 0 and not negative_ok:
        raise ReportError(
            f"{column} is negative", line=line, text=text, source=source, expected=f"{column} of 0 or more"
        )
    if value > 32767 or value < -32768:
        raise ReportError(
            f"{column} is out of range", line=line, text=text, source=source, expected=f"a plausible {column}"
        )
    return value


def parse_rating(text, *, line, source):
    """A driver rating to one decimal, None for an empty cell."""
    text = (text or "").strip()
    if text in {"", "-"}:
        return None
    try:
        value = Decimal(text).quantize(Decimal("0.1"))
    except InvalidOperation:
        raise ReportError(
            "rating is not a number", line=line, text=text, source=source, expected="e.g. 101.8"
        ) from None
    if not 0 <= value < 10000:
        raise ReportError("rating is out of range", line=line, text=text, source=source, expected="0 to 9999.9")
    return value
