"""A race as newspapers print it (AP agate), pasted from the paper's site or retyped from the page.

``column``: one result per paragraph, wrapped at a newspaper column's width; the first result labels
its numbers ("200 laps, 140.2 rating, 47 points, $412,000."), the others give them bare in that
order; a car out of the race has its reason before the laps ("accident, 134"), a running car none.
Before 1980, a "Jr." stands after a comma ("Buck Baker, Jr."). ``run_in``: the same results run
together, ten to a paragraph. ``numbered``: a legend line names the fields, the car number stands
before the driver, and every car has its status and laps led.

Money is made up (the history has none); the reader does not keep it.
"""

import textwrap
from decimal import Decimal

from tests.corpus import truth
from tests.corpus.races import Race

COLUMN_WIDTH = 40


def _all(race: Race, column: str) -> bool:
    return all(row[column].strip() not in {"", "-"} for row in truth.rows(race))


def _statuses_known(race: Race) -> bool:
    return _all(race, "Status")


def _numbered(race: Race) -> bool:
    return _all(race, "Car")


def _name(race: Race, row: dict) -> str:
    name = truth.accented(row["Driver"].strip())
    for suffix in (" Jr.", " Sr."):
        if race.year < 1980 and name.endswith(suffix):
            return name.removesuffix(suffix) + "," + suffix
    return name


def _money(race: Race, row: dict) -> str:
    purse = 4_500 if race.year < 1970 else 40_000 if race.year < 1990 else 400_000
    return f"${purse // int(row['Finish']):,}"


def _head(race: Race) -> list[str]:
    return [
        truth.series_name(race),
        race.name,
        f"At {race.track}",
        f"Lap length: {race.length or '?'} miles",
        "(Start position in parentheses)",
        "",
    ]


def _tail(race: Race) -> list[str]:
    top = "; ".join(f"{i}. {name}, {points:,}" for i, (name, points) in enumerate(truth.standings(race)[:10], 1))
    return ["", "Race Statistics", "Average Speed of Race Winner: 138.820 mph.", f"Top 10 in Points: {top}."]


def _labelled(race: Race) -> list[str]:
    """The numbers the first result labels, in order: laps, rating and points where every car has them."""
    return ["Laps"] + [c for c in ("Rating", "Pts") if _all(race, c)]


def _result(race: Race, row: dict, first: bool) -> str:
    status = row["Status"].strip().lower()
    parts = [_name(race, row)]
    if row["Make"].strip() not in {"", "-"}:
        parts.append(row["Make"].strip())
    if _statuses_known(race) and status != "running":
        parts.append(status)
    columns = _labelled(race)
    words = {"Laps": "laps", "Rating": "rating", "Pts": "points"}
    for column in columns:
        value = row[column].strip()
        if column == "Rating":
            value = str(Decimal(value).quantize(Decimal("0.1")))
        parts.append(f"{value} {words[column]}" if first and len(columns) > 1 else value)
    parts.append(_money(race, row))
    return f"{row['Finish']}. ({row['Start'].strip() or 0}) " + ", ".join(parts) + "."


def column(race: Race) -> bytes:
    lines = _head(race)
    for index, row in enumerate(truth.rows(race)):
        lines += textwrap.wrap(_result(race, row, index == 0), COLUMN_WIDTH, break_on_hyphens=False)
        lines.append("")
    return ("\n".join(lines + _tail(race)) + "\n").encode("utf-8")


def run_in(race: Race) -> bytes:
    results = [_result(race, row, index == 0) for index, row in enumerate(truth.rows(race))]
    lines = _head(race)
    for start in range(0, len(results), 10):
        lines += textwrap.wrap(" ".join(results[start : start + 10]), 72, break_on_hyphens=False)
        lines.append("")
    return ("\n".join(lines + _tail(race)) + "\n").encode("utf-8")


def carries(race: Race) -> set[str]:
    fields = {"finish", "start", "driver", "manufacturer", "laps"}
    fields |= {"points"} if _all(race, "Pts") else set()
    fields |= {"rating"} if _all(race, "Rating") else set()
    out = any(row["Status"].strip().lower() != "running" for row in truth.rows(race))
    return fields | ({"status"} if _statuses_known(race) and out else set())


def numbered(race: Race) -> bytes:
    legend = ["Finish", "(start)"] + (["car number"] if _numbered(race) else []) + ["driver", "make", "laps"]
    extra = [(c, w) for c, w in (("Led", "laps led"), ("Status", "status"), ("Pts", "points")) if _all(race, c)]
    lines = _head(race) + [", ".join(legend + [word for _, word in extra] + ["money"]), ""]
    for row in truth.rows(race):
        car = f"{row['Car'].strip()} " if _numbered(race) else ""
        parts = [car + _name(race, row)]
        if row["Make"].strip() not in {"", "-"}:
            parts.append(row["Make"].strip())
        parts.append(row["Laps"].strip())
        parts += [row[column].strip().lower() for column, _ in extra]
        parts.append(_money(race, row))
        lines.append(f"{row['Finish']}. ({row['Start'].strip() or 0}) " + ", ".join(parts) + ".")
    return ("\n".join(lines + _tail(race)) + "\n").encode("utf-8")


def numbered_carries(race: Race) -> set[str]:
    fields = {"finish", "start", "driver", "manufacturer", "laps"} | ({"number"} if _numbered(race) else set())
    return fields | {
        field for column, field in (("Led", "led"), ("Status", "status"), ("Pts", "points")) if _all(race, column)
    }
