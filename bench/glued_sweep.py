"""Every race of the history (4,963) read in the glued format in this process, with no database
(``bench/glued.py --sweep``): what the database modes sample, over every race.

Without ``--history`` a race is read with what an operator's --series and --year say and nothing
else: an empty database.

With ``--history`` it is read with what a database holding the history up to the race would know,
built from the history's files by ``knowledge.from_rows``, the rules ``from_database`` loads a
database by: every driver and team of the history (a database keeps the names of races it no
longer holds), the car numbers of every race before this one as ``formats._forget_from`` leaves
them (every earlier season; this season, the other series' races of any round and the series'
earlier rounds), the series' numbers of this season and the one before, and the history's makes
and tracks. About four minutes, where the database mode takes 1.5 s a race.

It approximates that mode, which it agrees with on its sample (``--sweep --history --sample``: the
same rows exact and refused). It differs where an import differs from a read:
  - the names are the history's as its files spell them (the first spelling of each, files in the
    order the history is imported), not as a database made them: no other spellings (aliases) an
    editor added, no text repaired on import (the files have none to repair);
  - every driver is known, where the database loads only those whose names begin with a word the
    rows begin with (``first_words``): more names known than an import knows;
  - only ``read_report`` runs, not the import's checks of what it read (a track, the rows
    against each other): those only refuse, so a read wrong here would be wrong there.
"""

import os
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import formats as base  # noqa: E402  (bench/formats.py: the figures and how a race is counted)


class History:
    """What a database holding the history knows, race by race, built from the history's files."""

    def __init__(self):
        from results.importers.vocabulary import EMPTY
        from results.names import name_key
        from tests.corpus import races

        # as the history is imported: its files in name order, a name stored as first spelled
        files = sorted(races.FILES, key=races.FILES.get)
        self.races = [race for series in files for race in races.season_races(series).values()]
        teams, makes, tracks = {}, {}, {}
        self.drivers, self.entries = set(), {}
        for race in self.races:
            tracks.setdefault(name_key(race.track), race.track.strip())
            seen, entries = set(), []
            for row in race.rows:
                driver, team, make = (row[column].strip() for column in ("Driver", "Team", "Make"))
                key = name_key(driver)
                if key in seen:  # the history import keeps a driver's first row of a race
                    continue
                seen.add(key)
                self.drivers.add(key)
                if team:
                    teams.setdefault(name_key(team), team)
                if make not in EMPTY:
                    makes.setdefault(name_key(make), make)
                number = row["Car"].strip().lstrip("#").strip()
                if number not in EMPTY:
                    entries.append((key, name_key(team) if team else None, number))
            self.entries[race.key] = entries
        self.team_names = list(teams.items())
        self.makes = set(makes.values())
        self.tracks = sorted(tracks.values(), key=len, reverse=True)
        self.by_year = defaultdict(list)
        for race in self.races:
            self.by_year[race.year].append(race)
        self._before: dict[int, frozenset] = {}

    def numbers_before(self, year):
        """(driver key, number) of every race of the seasons before ``year``."""
        if year not in self._before:
            earlier = self.numbers_before(year - 1) if year - 1 in self.by_year else frozenset()
            ran = {
                (key, number) for race in self.by_year.get(year - 1, ()) for key, _, number in self.entries[race.key]
            }
            self._before[year] = earlier | ran
        return self._before[year]

    def knowledge(self, race):
        """What the database knows when ``race`` is imported (``formats._forget_from``'s database)."""
        from results.importers.knowledge import from_rows

        def kept(other):
            return other.series != race.series or other.round < race.round

        this_year = [other for other in self.by_year[race.year] if kept(other)]
        numbers = {(key, number) for other in this_year for key, _, number in self.entries[other.key]}
        season_rows = [
            (other.year, key, team, number)
            for other in self.by_year.get(race.year - 1, []) + this_year
            if other.series == race.series
            for key, team, number in self.entries[other.key]
        ]
        return from_rows(
            drivers=self.drivers,
            team_names=self.team_names,
            numbers=numbers | self.numbers_before(race.year),
            season_rows=season_rows,
            year=race.year,
            series=race.series,
        )


def sweep(history=False, sample=0, show=10):
    """Read every race (or ``races.sample(sample)``); print the figures; whether no row was wrong and
    nothing crashed."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "racesite.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 40)  # the reader needs the app, not a database
    django.setup()
    from results.importers.knowledge import Knowledge
    from results.importers.read import read_report
    from tests.corpus import races
    from tests.corpus.formats import BY_NAME

    known = History() if history else None
    everything = races.sample(sample) if sample else [r for s in races.FILES for r in races.season_races(s).values()]
    fmt, result = BY_NAME["glued"], base.new_result()
    started = time.perf_counter()
    for done, race in enumerate(everything, 1):
        if done % 500 == 0:
            print(f"  {done} of {len(everything)} races", file=sys.stderr)
        if known:
            knowledge = known.knowledge(race)
            extra = {"known_makes": known.makes, "known_tracks": known.tracks}
        else:
            knowledge, extra = Knowledge(year=race.year, series=race.series), {}
        base.tally(
            result,
            race,
            fmt,
            lambda data, source, k=knowledge, e=extra: read_report(data, source, knowledge=k, **e).rows,
        )
    which = f"the sample's {len(everything)} races" if sample else "every race of the history"
    what = "and the history up to the race (built from its files)" if history else "only (no database)"
    seconds = time.perf_counter() - started
    base.report(f"{which}, --series and --year {what} ({seconds:.0f} s)", base.finish({fmt.name: result}), show)
    return result["wrong"] == 0 and result["crashed"] == 0 and result["open_lacking"] == 0
