"""A race as spreadsheets save it: Excel's CSV (BOM, CRLF, every field quoted), a Windows-1252
CSV with a title line and a legend, Excel's "Unicode Text" (UTF-16, tabs), a European CSV
(semicolons, decimal commas), and a sheet sorted by car number with DNQ lines, a legend and a
totals line after the table.
"""

import csv
import io

from unidecode import unidecode

from tests.corpus import truth
from tests.corpus.races import Race, season_races


def _make(row):
    return "" if row["Make"] == "-" else row["Make"]


def _status(row):
    return "" if row["Status"] == "-" else row["Status"]


def _has_stages(race: Race) -> bool:
    return any(r["S1"].strip() or r["S2"].strip() for r in race.rows)


def _write(header, body, *, delimiter=",", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator=lineterminator)
    writer.writerow(header)
    writer.writerows(body)
    return out.getvalue()


def excel(race: Race) -> bytes:
    """Excel's "CSV UTF-8": a BOM, CRLF, and (as some exports do) every field in quotes."""
    header = ["Finish", "Start", "Car #", "Driver", "Team", "Make", "Laps", "Laps Led", "Status", "Points", "Rating"]
    stages = _has_stages(race)
    if stages:
        header += ["Stage 1", "Stage 2"]
    body = []
    for row in truth.rows(race):
        cells = [
            row["Finish"],
            row["Start"],
            row["Car"],
            truth.marked(race, row),
            truth.accented(row["Team"]),
            _make(row),
        ]
        cells += [row["Laps"], row["Led"], _status(row), row["Pts"], row["Rating"]]
        body.append(cells + ([row["S1"], row["S2"]] if stages else []))
    return b"\xef\xbb\xbf" + _write(header, body, quoting=csv.QUOTE_ALL).encode("utf-8")


def excel_carries(race: Race) -> set[str]:
    fields = {"finish", "start", "number", "driver", "team", "manufacturer", "laps", "led", "status", "points"}
    fields |= {"rating", "rookie", "ineligible"}
    return fields | ({"stage1", "stage2"} if _has_stages(race) else set())


def windows_1252(race: Race) -> bytes:
    """Saved by an older Excel on Windows: Windows-1252, a title line, "*" for ineligible, a legend."""
    header = ["Pos", "St", "No.", "Driver", "Team", "Make", "Laps", "Led", "Status", "Pts"]
    body = [
        [row["Finish"], row["Start"], row["Car"], truth.marked(race, row, ineligible="*"), truth.accented(row["Team"])]
        + [_make(row), row["Laps"], row["Led"], _status(row), row["Pts"]]
        for row in truth.rows(race)
    ]
    text = f"{truth.series_name(race)} – {race.name} – Results\r\n\r\n"
    text += _write(header, body)
    text += "\r\n* – Ineligible for driver points in this series\r\n"
    # what Windows-1252 cannot hold ("ō") Excel writes as the plain letter
    return "".join(c if c.encode("cp1252", "ignore") else unidecode(c) for c in text).encode("cp1252")


def basic_carries(race: Race) -> set[str]:
    return {"finish", "start", "number", "driver", "team", "manufacturer", "laps", "led", "status", "points"} | {
        "rookie",
        "ineligible",
    }


def unicode_text(race: Race) -> bytes:
    """Excel's "Unicode Text": UTF-16 little-endian with a BOM, tabs, CRLF."""
    header = ["Pos", "Start", "#", "Driver", "Team", "Manufacturer", "Laps", "Led", "Status", "Points", "Rating"]
    body = [
        [row["Finish"], row["Start"], row["Car"], truth.marked(race, row), truth.accented(row["Team"]), _make(row)]
        + [row["Laps"], row["Led"], _status(row), row["Pts"], row["Rating"]]
        for row in truth.rows(race)
    ]
    return _write(header, body, delimiter="\t", quoting=csv.QUOTE_MINIMAL).encode("utf-16")


def rating_carries(race: Race) -> set[str]:
    return basic_carries(race) | {"rating"}


def european(race: Race) -> bytes:
    """A European Excel's CSV: semicolons, decimal commas, UTF-8 with a BOM."""
    header = ["Pos", "Start", "#", "Driver", "Team", "Make", "Laps", "Led", "Status", "Points", "Rating"]
    body = [
        [row["Finish"], row["Start"], row["Car"], truth.marked(race, row), truth.accented(row["Team"]), _make(row)]
        + [row["Laps"], row["Led"], _status(row), row["Pts"], row["Rating"].replace(".", ",")]
        for row in truth.rows(race)
    ]
    return b"\xef\xbb\xbf" + _write(header, body, delimiter=";").encode("utf-8")


def _car_order(number: str):
    digits = "".join(c for c in number if c.isdigit())
    return (int(digits) if digits else 10**6, number)


def _non_qualifiers(race: Race) -> list[dict]:
    """Two drivers of the season who are not in this race, shown as DNQ lines (they are no result)."""
    here = {row["Driver"] for row in race.rows}
    others = []
    for (year, _), other in sorted(season_races(race.series).items()):
        if year == race.year:
            others += [row for row in other.rows if row["Driver"] not in here]
    seen: dict[str, dict] = {}
    for row in others:
        seen.setdefault(row["Driver"], row)
    names = sorted(seen)
    return [seen[truth.pick(names, race.key, i)] for i in range(min(2, len(names)))] if names else []


def car_order(race: Race) -> bytes:
    """A sheet sorted by car number: finish is a middle column, car "X" sorts last, DNQ lines, a
    blank line, a legend and a totals line follow the results."""
    header = ["Car", "Driver", "Team", "Make", "Start", "Finish", "Laps", "Led", "Status", "Pts"]
    rows = sorted(truth.rows(race), key=lambda r: _car_order(r["Car"]))
    body = [
        [row["Car"], truth.marked(race, row, ineligible="*"), truth.accented(row["Team"]), _make(row), row["Start"]]
        + [row["Finish"], row["Laps"], row["Led"], _status(row), row["Pts"]]
        for row in rows
    ]
    for row in _non_qualifiers(race):
        body.append(
            [row["Car"], truth.accented(row["Driver"]), truth.accented(row["Team"]), _make(row), "", "DNQ"] + [""] * 4
        )
    text = _write(header, body, lineterminator="\n")

    def total(column):
        return str(sum(int(r[column]) for r in truth.rows(race) if r[column].strip().lstrip("-").isdigit()))

    text += "\n* ineligible for driver points\n"
    text += _write(
        ["", "Totals", "", "", "", "", total("Laps"), total("Led"), "", total("Pts")], [], lineterminator="\n"
    )
    return text.encode("utf-8")
