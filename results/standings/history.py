"""The historical dataset (``../shared/data/nascar``) as engine races, for the oracle test and the
benchmark: read with the importer's own reader (its repairs included), no database.

A driver is identified by his name as the history spells it (what the importer matches on).
"""

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from results.importers.historical import read_seasons, series_from_file_name
from results.standings.engine import Race, Result

FILES = ("cup_series.csv.gz", "xfinity_series.csv.gz", "truck_series.csv")


@dataclass
class HistorySeason:
    series: str  # "cup", "xfinity", "truck": the series' slug
    year: int
    races: list[Race]
    names: dict[int, str]  # driver id -> name


def read_history(folder: Path) -> Iterator[HistorySeason]:
    """Every series-season of the history, in file order."""
    for file_name in FILES:
        path = folder / file_name
        series = series_from_file_name(path)
        ids: dict[str, int] = {}
        # The database keeps one length per track, the one its first race gave (the file has a few
        # races with another track's length: Cup 1973's races 27 and 28 swap theirs).
        lengths: dict[str, Decimal | None] = {}
        for year, history_races in read_seasons(path, series=series, repairs=Counter()):
            races = []
            for race in history_races:
                length = lengths.setdefault(race.facts.track, race.facts.track_length)
                results = tuple(
                    Result(
                        driver=ids.setdefault(row.driver, len(ids) + 1),
                        finish=row.finish,
                        points=row.points,
                        stage1=row.stage1,
                        stage2=row.stage2,
                        ineligible=row.ineligible,
                        laps=row.laps,
                    )
                    for row in race.rows
                )
                races.append(Race(race.facts.round, results, length_miles=length))
            names = {number: name for name, number in ids.items()}
            yield HistorySeason(series.lower(), year, races, names)
