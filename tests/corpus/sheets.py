"""A race as a league's or a fan's spreadsheet exports it.

``google``: Google Sheets' "Download as CSV": no BOM, a title row padded with commas to the sheet's
width, every row padded with the sheet's empty columns, a date column, the gap to the winner
("Interval": "-0.338", "-2 laps"), winnings with "$" and thousands commas, "Lap" for the laps.

``last_first``: a points sheet that files drivers "Last, First" ("Larson, Kyle", "Earnhardt Jr.,
Dale"), tab-separated, with the finish written "P1".
"""

import csv
import io

from tests.corpus import truth
from tests.corpus.races import Race

WIDTH = 16  # the sheet's columns, filled or not


def _write(rows, delimiter=",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def _pad(cells: list[str]) -> list[str]:
    return cells + [""] * (WIDTH - len(cells))


def google_carries(race: Race) -> set[str]:
    return {"finish", "start", "number", "driver", "team", "manufacturer", "laps", "led", "status", "points"}


def _interval(lead: int | None, row: dict, place: int) -> str:
    laps = int(row["Laps"]) if row["Laps"].strip().isdigit() else None
    if place == 1:
        return "Leader"
    if lead is not None and laps is not None and laps < lead:
        down = lead - laps
        return f"-{down} lap" + ("s" if down > 1 else "")
    return f"-{place * 0.337:.3f}"


def google(race: Race) -> bytes:
    rows = truth.rows(race)
    lead = int(rows[0]["Laps"]) if rows[0]["Laps"].strip().isdigit() else None
    date = f"{(race.round % 11) + 2}/{(race.round * 7) % 27 + 1}/{race.year}"
    header = ["Date", "Pos", "Start", "Car #", "Driver", "Team", "Make", "Lap", "Interval", "Led", "Status"]
    header += ["Pts", "Winnings"]
    body = [_pad([f"{race.year} {race.name} @ {race.track}"]), _pad(header)]
    for place, row in enumerate(rows, 1):
        money = f"${(50 - min(place, 45)) * 12345:,}"
        cells = [date, row["Finish"], row["Start"], row["Car"], truth.accented(row["Driver"])]
        cells += [truth.accented(row["Team"]), "" if row["Make"] == "-" else row["Make"], row["Laps"]]
        cells += [_interval(lead, row, place), row["Led"], "" if row["Status"] == "-" else row["Status"].title()]
        body.append(_pad([*cells, row["Pts"], money]))
    return _write(body).encode("utf-8")


def last_first_carries(race: Race) -> set[str]:
    return {"finish", "start", "number", "driver", "manufacturer", "laps", "led", "status", "points"}


def _last_first(name: str) -> str:
    words = name.split()
    suffix = ""
    if len(words) > 2 and words[-1].startswith("("):  # "Bill Scott (CA)": the qualifier stays last
        return f"{_last_first(' '.join(words[:-1]))} {words[-1]}"
    if len(words) > 2 and words[-1].rstrip(".") in {"Jr", "Sr", "II", "III", "IV"}:
        suffix, words = " " + words[-1], words[:-1]
    if len(words) < 2:
        return name
    return f"{words[-1]}{suffix}, {' '.join(words[:-1])}"


def last_first(race: Race) -> bytes:
    header = ["Finish", "Start", "No.", "Driver", "Make", "Laps", "Laps Led", "Status", "Points"]
    body = [header]
    for row in truth.rows(race):
        cells = [f"P{row['Finish']}", row["Start"], row["Car"], _last_first(truth.accented(row["Driver"]))]
        cells += ["" if row["Make"] == "-" else row["Make"], row["Laps"], row["Led"]]
        body.append([*cells, "" if row["Status"] == "-" else row["Status"].title(), row["Pts"]])
    title = f"{race.year} {truth.series_name(race)} - Round {race.round} - {race.track}\r\n\r\n"
    return (title + _write(body, delimiter="\t")).encode("utf-8")


DATA_COLUMNS = [
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
]
_NUMERIC = {"Finish", "Start", "Pts", "Laps", "Led", "S1", "S2", "Rating"}


def data_carries(race: Race) -> set[str]:
    fields = {"finish", "start", "number", "driver", "manufacturer", "points", "laps", "led", "status", "team"}
    return fields | {"stage1", "stage2", "rating"}


def r_export(race: Race) -> bytes:
    """The race's rows of the nascaR.data package written by R's ``write.csv``: row names first under
    an empty header, strings quoted, a missing value "NA"."""
    out = ['"",' + ",".join(f'"{c}"' for c in DATA_COLUMNS)]
    for number, row in enumerate(truth.rows(race), 1):
        cells = [f'"{number}"']
        for column in DATA_COLUMNS:
            value = row[column].strip()
            if column in _NUMERIC:
                cells.append(value or "NA")
            else:
                cells.append('"' + value.replace('"', '""') + '"' if value and value != "-" else "NA")
        out.append(",".join(cells))
    return ("\n".join(out) + "\n").encode("utf-8")


def pandas_export(race: Race) -> bytes:
    """The same rows written by pandas' ``to_csv``: the index first under an empty header, and a
    whole-number column with a missing value turned to decimals ("35.0"), the missing value empty."""
    rows = truth.rows(race)
    floats = {c for c in _NUMERIC if any(not r[c].strip() for r in rows)} | {"Rating"}
    body = []
    for index, row in enumerate(rows):
        cells = [str(index)]
        for column in DATA_COLUMNS:
            value = row[column].strip()
            if column in floats and value:
                value = repr(float(value))
            cells.append("" if value == "-" else value)
        body.append(cells)
    return _write([["", *DATA_COLUMNS], *body]).replace("\r\n", "\n").encode("utf-8")
