"""What a rendered race must read back as, and the few facts renderers derive from the history.

The history carries no rookie or ineligible flag, yet real reports mark both. They are derived
here, once, so that every renderer marks the same drivers and the check knows who is marked:
ineligible ("(i)", "*") is a zero-point finisher since 2011, when drivers began to declare one
series for points; a rookie ("(R)") is a driver in his first season of the series, with at least
five starts in it, since 1980.
"""

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from tests.corpus.races import Race, season_races

FIELDS = (
    "finish",
    "start",
    "number",
    "driver",
    "team",
    "manufacturer",
    "laps",
    "led",
    "status",
    "points",
    "stage1",
    "stage2",
    "rating",
    "rookie",
    "ineligible",
)

# Spellings real pages use for names the history folds to ASCII (see ../shared/data/nascar/README.md).
ACCENTED = {
    "Daniel Suarez": "Daniel Suárez",
    "Andres Perez de Lara": "Andrés Pérez de Lara",
    "Kenko Miura": "Kenkō Miura",
    "Sergio Pena": "Sergio Peña",
    "Ruben Garcia Jr.": "Rubén García Jr.",
    "German Quiroga": "Germán Quiroga",
    "Ruben Pardo": "Rubén Pardo",
    "Juan Manuel Gonzalez": "Juan Manuel González",
    "Young's Motorsports": "Young’s Motorsports",
    "Lowe's": "Lowe’s",
}

# Sponsors that were on NASCAR cars; which car carries which is made up (the history has none).
SPONSORS = [
    "STP",
    "Cheerios",
    "Tide",
    "Kodak Film",
    "Wrangler",
    "Budweiser",
    "Miller Genuine Draft",
    "DuPont",
    "Lowe's",
    "The Home Depot",
    "M&M's",
    "Valvoline",
    "Pennzoil",
    "Interstate Batteries",
    "FedEx",
    "Mountain Dew",
    "GM Goodwrench",
    "Kellogg's",
    "Quaker State",
    "NAPA Auto Parts",
    "Sunoco",
    "Skoal Bandit",
    "Ford Credit",
    "Mopar",
]


def pick(items, *keys):
    """The same item of ``items`` for the same keys on every run (no random state)."""
    digest = hashlib.sha1("|".join(map(str, keys)).encode()).digest()
    return items[int.from_bytes(digest[:4], "big") % len(items)]


def accented(name: str) -> str:
    return ACCENTED.get(name, name)


def sponsor(race: Race, row: dict) -> str:
    """A sponsor for the car, from the sponsor era on (1972); empty before."""
    return pick(SPONSORS, race.key, row["Driver"]) if race.year >= 1972 else ""


def marked(race: Race, row: dict, rookie: str = " (R)", ineligible: str = " (i)") -> str:
    """The driver's name as a publisher prints it, with its marks for a rookie and an ineligible driver."""
    name = accented(row["Driver"])
    if is_rookie(race, row):
        name += rookie
    if is_ineligible(race, row):
        name += ineligible
    return name


def sponsor_owner(race: Race, row: dict, gap: str = " ") -> str:
    """A "Sponsor / Owner" cell: "Cheerios (Richard Petty)", the owner alone before sponsors, empty without one."""
    team = owner(row["Team"])
    if not team:
        return ""
    name = accented(sponsor(race, row))
    return f"{name}{gap}({team})" if name else f"({team})"


def owner(team: str) -> str:
    """The owner as Racing-Reference's "Sponsor / Owner" names it: the history's "X (Owner)" is X."""
    return team.removesuffix(" (Owner)").strip()


@cache
def _careers(series: str):
    first_year: dict[str, int] = {}
    starts: dict[tuple[str, int], int] = {}
    for (year, _), race in sorted(season_races(series).items()):
        for row in race.rows:
            first_year.setdefault(row["Driver"], year)
            starts[(row["Driver"], year)] = starts.get((row["Driver"], year), 0) + 1
    return first_year, starts


def is_ineligible(race: Race, row: dict) -> bool:
    return race.year >= 2011 and row["Pts"] == "0"


def is_rookie(race: Race, row: dict) -> bool:
    if race.year < 1980 or is_ineligible(race, row):
        return False
    first_year, starts = _careers(race.series)
    return first_year.get(row["Driver"]) == race.year and starts.get((row["Driver"], race.year), 0) >= 5


def _int(text):
    return int(text) if text.strip().lstrip("-").isdigit() else None


@dataclass
class Expected:
    """One row as the history has it, in the reader's terms."""

    finish: int
    start: int | None
    number: str
    driver: str
    team: str
    manufacturer: str
    laps: int | None
    led: int | None
    status: str
    points: int | None
    stage1: int | None
    stage2: int | None
    rating: Decimal | None
    rookie: bool
    ineligible: bool


def rows(race: Race) -> list[dict]:
    """The history's rows a report can show: those with a finishing position."""
    return [row for row in race.rows if _int(row["Finish"]) is not None]


def expected(race: Race) -> list[Expected]:
    out = []
    for row in rows(race):
        make = row["Make"].strip()
        out.append(
            Expected(
                finish=int(row["Finish"]),
                start=_int(row["Start"]) or None,  # 0: the source did not know (as ``historical`` reads it)
                number=row["Car"].strip(),
                driver=row["Driver"].strip(),
                team=row["Team"].strip(),
                manufacturer="" if make == "-" else make,
                laps=_int(row["Laps"]),
                led=_int(row["Led"]),
                status="" if row["Status"].strip() == "-" else row["Status"].strip(),
                points=_int(row["Pts"]),
                stage1=_int(row["S1"]),
                stage2=_int(row["S2"]),
                rating=Decimal(row["Rating"]).quantize(Decimal("0.1")) if row["Rating"].strip() else None,
                rookie=is_rookie(race, row),
                ineligible=is_ineligible(race, row),
            )
        )
    return out


def series_name(race: Race) -> str:
    """The series' name in the race's year, as reports of the time wrote it."""
    y = race.year
    if race.series == "Cup":
        for since, name in (
            (2020, "NASCAR Cup Series"),
            (2017, "Monster Energy NASCAR Cup Series"),
            (2008, "Sprint Cup Series"),
            (2004, "Nextel Cup Series"),
            (1971, "Winston Cup Series"),
            (1950, "NASCAR Grand National Series"),
            (0, "NASCAR Strictly Stock Series"),
        ):
            if y >= since:
                return name
    if race.series == "Xfinity":
        for since, name in (
            (2015, "NASCAR Xfinity Series"),
            (2008, "NASCAR Nationwide Series"),
            (2004, "NASCAR Busch Series"),
            (1984, "NASCAR Busch Grand National Series"),
            (0, "NASCAR Budweiser Late Model Sportsman Series"),
        ):
            if y >= since:
                return name
    for since, name in (
        (2023, "NASCAR Craftsman Truck Series"),
        (2021, "NASCAR Camping World Truck Series"),
        (2020, "NASCAR Gander RV & Outdoors Truck Series"),
        (2019, "NASCAR Gander Outdoors Truck Series"),
        (2009, "NASCAR Camping World Truck Series"),
        (1996, "NASCAR Craftsman Truck Series"),
        (0, "NASCAR SuperTruck Series"),
    ):
        if y >= since:
            return name
    return race.series


def cell(value) -> str:
    """A history value as a report prints it: empty for unknown."""
    return "" if value is None else str(value)


def most_laps_led(race: Race):
    """(row, laps) of the driver who led most, or None when nobody is known to have led."""
    best = max(rows(race), key=lambda r: _int(r["Led"]) or 0, default=None)
    if best is None or not _int(best["Led"]):
        return None
    return best, int(best["Led"])


def standings(race: Race) -> list[tuple[str, int]]:
    """Drivers by points in the season up to and including this race (the history's Pts)."""
    points: dict[str, int] = {}
    for (year, round_number), other in sorted(season_races(race.series).items()):
        if year == race.year and round_number <= race.round:
            for row in other.rows:
                points[row["Driver"]] = points.get(row["Driver"], 0) + (_int(row["Pts"]) or 0)
    return sorted(points.items(), key=lambda kv: -kv[1])
