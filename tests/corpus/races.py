"""Real races from the historical files in ``../shared/data/nascar``, sampled across series and eras."""

import csv
import gzip
import io
import random
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
HISTORY = SHARED / "data" / "nascar"
FILES = {"Cup": "cup_series.csv.gz", "Xfinity": "xfinity_series.csv.gz", "Truck": "truck_series.csv"}


@dataclass
class Race:
    """One race as the history has it: ``rows`` are the file's rows (dicts of its 21 columns, text),
    in finishing order."""

    series: str
    year: int
    round: int
    track: str
    name: str
    length: str
    surface: str
    rows: list[dict] = field(default_factory=list)

    @property
    def key(self):
        return f"{self.series.lower()}-{self.year}-{self.round:02d}"


def available():
    return all((HISTORY / name).exists() for name in FILES.values())


def _open(path):
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
    return open(path, encoding="utf-8", newline="")


@cache
def season_races(series: str) -> dict[tuple[int, int], Race]:
    """Every race of a series, keyed by (year, round); rows sorted by finish (empty finishes last)."""
    races: dict[tuple[int, int], Race] = {}
    with _open(HISTORY / FILES[series]) as handle:
        for row in csv.DictReader(handle):
            key = (int(row["Season"]), int(row["Race"]))
            race = races.get(key)
            if race is None:
                race = races[key] = Race(
                    series, key[0], key[1], row["Track"], row["Name"], row["Length"], row["Surface"]
                )
            race.rows.append(row)
    for race in races.values():
        race.rows.sort(key=lambda r: int(r["Finish"]) if r["Finish"].isdigit() else 10**6)
    return races


def sample(per_decade=3, *, seed=2026, series=("Cup", "Xfinity", "Truck"), since=0):
    """``per_decade`` races of each series in each decade (fewer where a decade has fewer), the same
    races on every run for a given seed, in series and date order."""
    chosen = []
    rng = random.Random(seed)
    for name in series:
        by_decade: dict[int, list[Race]] = {}
        for (year, _), race in sorted(season_races(name).items()):
            if year >= since:
                by_decade.setdefault(year // 10 * 10, []).append(race)
        for decade in sorted(by_decade):
            races = by_decade[decade]
            chosen += sorted(rng.sample(races, min(per_decade, len(races))), key=lambda r: (r.year, r.round))
    return chosen


def season(series: str, year: int) -> list[Race]:
    return [race for (y, _), race in sorted(season_races(series).items()) if y == year]
