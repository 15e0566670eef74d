"""What the database already knows, so a parser can rank readings the text alone cannot settle."""

from dataclasses import dataclass, field, replace

from results.importers import eras
from results.names import name_key

NO_NUMBER = "none"  # --number "Driver=none": the car ran without a number (the history's early rows)


@dataclass
class Knowledge:
    """Name keys known to the database, the car numbers each driver and team ran, the numbers the
    person importing settled (``chosen``: driver key -> number, "" for none, from ``--number``),
    what the report's prose claims (``claimed``: driver key -> number; ``pole``: a driver key),
    and the series (short name) and year being read, whose era rules out some readings (``eras``).

    ``numbers`` maps a driver key to every number the driver ever ran; ``season_numbers`` and
    ``team_numbers`` (team key -> numbers) hold those of the series and season being imported (a
    team's: that season's and the one before).
    ``capitalised_teams``: keys of the known teams no spelling of which begins in lowercase.
    """

    drivers: set = field(default_factory=set)
    teams: set = field(default_factory=set)
    capitalised_teams: set = field(default_factory=set)
    numbers: dict = field(default_factory=dict)
    season_numbers: dict = field(default_factory=dict)
    team_numbers: dict = field(default_factory=dict)
    chosen: dict = field(default_factory=dict)
    year: int | None = None
    series: str = ""
    claimed: dict = field(default_factory=dict)
    pole: str = ""

    def knows_driver(self, name):
        return name_key(name) in self.drivers

    def knows_team(self, name):
        """Whether ``name`` is a known team as written: a key folds case, but "ard Motorsports" cut
        from "Gary NeiceBeard Motorsports" is not the known "Ard Motorsports" ("ppc Racing" is)."""
        key = name_key(name)
        return key in self.teams and not (name[:1].islower() and key in self.capitalised_teams)

    def evidence(self, driver, team, lead):
        """How strongly what is known backs ``driver`` starting ``lead[0]`` in car ``lead[1]`` for
        ``team``: 2 when the driver ran the number this season, 1 when he ran it before; 1 more when
        the team ran it this season or the one before; 2 when the report's prose puts him in it, 1 when it names him
        pole winner and the reading starts him first (a pole winner may start elsewhere)."""
        key, (start, number) = name_key(driver), lead
        score = 2 if number in self.season_numbers.get(key, ()) else 1 if number in self.numbers.get(key, ()) else 0
        score += 1 if team and number in self.team_numbers.get(name_key(team), ()) else 0
        score += 2 if self.claimed.get(key) == number else 0
        return score + (1 if start == 1 and key == self.pole else 0)

    def this_season(self, driver, number):
        """Whether the driver ran ``number`` this season, or the report's prose puts him in it: the
        evidence strong enough to settle the rows his reading competes with (``readings._best``)."""
        key = name_key(driver)
        return number in self.season_numbers.get(key, ()) or self.claimed.get(key) == number

    def possible(self, lead, columns):
        """Whether a (start, number) reading of a table with ``columns`` (its start and number ones)
        is one the series ran in the year (``eras``): a column the table lacks rules nothing out."""
        start, number = lead
        return eras.possible(
            start if "start" in columns else 1, number if "number" in columns else "0", self.series, self.year
        )

    def numbers_shared(self):
        """Whether two cars of a race could share a number in the series and year (``eras``)."""
        return eras.ran("shared numbers", self.series, self.year)

    def with_report(self, facts):
        """This knowledge with what the report's prose (``facts``) says: the year and series where
        none was given, the pole winner, and the car numbers it gives drivers."""
        from results.importers.prose import series_in

        series = series_in(facts.series or "")
        return replace(
            self,
            year=self.year or facts.year,
            series=self.series or (series[1] if series else ""),
            claimed={name_key(name): number for name, number in facts.numbers.items()},
            pole=name_key(facts.pole) if facts.pole else "",
        )

    def with_season_rows(self, rows):
        """This knowledge with ``rows`` ((driver, team, number) read one way only in other reports of
        the season being read) counted as the season's, as its races in the database are."""
        if not rows:
            return self
        season, teams, ever = _copy(self.season_numbers), _copy(self.team_numbers), _copy(self.numbers)
        for driver, team, number in rows:
            season.setdefault(name_key(driver), set()).add(number)
            ever.setdefault(name_key(driver), set()).add(number)
            if team:
                teams.setdefault(name_key(team), set()).add(number)
        return replace(self, season_numbers=season, team_numbers=teams, numbers=ever)

    def chosen_number(self, driver):
        return self.chosen.get(name_key(driver))


def chosen_numbers(chosen):
    """{driver name: number as the person wrote it} -> {driver key: number}, "none" read as no number."""
    return {name_key(name): "" if number.lower() == NO_NUMBER else number for name, number in (chosen or {}).items()}


NOTHING_KNOWN = Knowledge()


def _copy(numbers):
    return {key: set(values) for key, values in numbers.items()}


def known_makes():
    """The makes the database knows, by name."""
    from results.models import Manufacturer

    return set(Manufacturer.objects.values_list("name", flat=True))


MAX_FIRST_WORDS = 500  # past this many, a report's drivers are looked up whole (one query either way)


def from_database(series_name="", year=None, chosen=None, series_short="", first_words=None):
    """Load keys and numbers in seven queries, whatever the size of the history. ``first_words``: the
    first word of every name the report's rows could begin with (``flattened.first_words``): only
    drivers whose key begins with one, and their numbers, are loaded (a glued row is read only with
    names it begins with; the full history's numbers of every driver took 31 MB and 1.9 s). Teams
    are loaded whole: a glued team may begin anywhere in a row, and they are few."""
    from django.db.models import Q

    from results.models import Driver, DriverAlias, Entry, Team, TeamAlias

    drivers = _beginning_with(first_words, {*(chosen or {})})
    aliases = list(DriverAlias.objects.filter(drivers).values_list("key", "driver__key", "driver_id"))
    team_aliases = list(TeamAlias.objects.values_list("key", "name", "team__key"))
    own_teams = list(Team.objects.values_list("key", "name"))
    team_names = [*own_teams, *((key, name) for key, name, _ in team_aliases)]
    own_drivers = set(Driver.objects.filter(drivers).values_list("key", flat=True))
    entries = Entry.objects.exclude(number="")
    aliased = Q(driver_id__in=[driver_id for *_, driver_id in aliases])
    mine = entries.filter(Q(driver__in=Driver.objects.filter(drivers)) | aliased) if drivers else entries
    season = entries.none()  # no query: no season named
    if series_name and year:
        # a team keeps its cars' numbers from one season to the next more often than a driver does
        season = entries.filter(event__season__year__in=[year - 1, year], event__season__series__name=series_name)
    knowledge = from_rows(
        drivers=own_drivers | {key for key, *_ in aliases},
        team_names=team_names,
        numbers=mine.values_list("driver__key", "number").distinct(),
        season_rows=season.values_list("event__season__year", "driver__key", "team__key", "number").distinct(),
        chosen=chosen,
        year=year,
        series=series_short,
    )
    # a report may spell a driver or team as one of its other names: the numbers are the same car's
    spellings = [(alias, key) for alias, key, _ in aliases]
    for numbers in (knowledge.numbers, knowledge.season_numbers):
        _spelled_as(numbers, spellings, own_drivers)
    _spelled_as(knowledge.team_numbers, [(alias, key) for alias, _, key in team_aliases], {k for k, _ in own_teams})
    return knowledge


def from_rows(*, drivers=(), team_names=(), numbers=(), season_rows=(), chosen=None, year=None, series=""):
    """Knowledge from rows rather than queries: ``from_database`` builds it so from the database, and a
    bench without one (``bench/glued_sweep.py``) from the history's files, by the same rules.

    ``drivers``: driver keys; ``team_names``: (key, name as stored) of every team and other team name;
    ``numbers``: (driver key, number) of every entry with a number; ``season_rows``: (year, driver key,
    team key or None, number) of the series' entries with a number in ``year`` and the year before;
    ``chosen``: --number's {driver name: number}; ``year`` and ``series`` (short name): the season read."""
    teams = {key for key, _ in team_names}
    knowledge = Knowledge(
        drivers=set(drivers),
        teams=teams,
        capitalised_teams=teams - {key for key, name in team_names if name[:1].islower()},
        chosen=chosen_numbers(chosen),
        year=year,
        series=series,
    )
    for key, number in numbers:
        knowledge.numbers.setdefault(key, set()).add(number)
    for ran, key, team_key, number in season_rows:
        if ran == year:
            knowledge.season_numbers.setdefault(key, set()).add(number)
        if team_key:
            knowledge.team_numbers.setdefault(team_key, set()).add(number)
    return knowledge


def _spelled_as(numbers, spellings, own_keys):
    """Give each other spelling (alias key, its record's key) the numbers of its record, unless the
    spelling is also a record's own key (a name two people share is no evidence for either)."""
    for alias, key in spellings:
        if key in numbers and alias not in own_keys:
            numbers.setdefault(alias, set()).update(numbers[key])


def _beginning_with(first_words, names):
    """A filter on ``key`` for the names beginning with one of ``first_words`` (or named in
    ``names``: the --number ones), or an empty Q (everything) without words or past MAX_FIRST_WORDS."""
    from django.db.models import Q

    if first_words is None:
        return Q()
    words = {word for word in first_words if word} | {name_key(name).split(" ", 1)[0] for name in names}
    if len(words) > MAX_FIRST_WORDS:
        return Q()
    query = Q(pk__in=[])  # nothing, when no row could begin a name
    for word in sorted(words):
        query |= Q(key__startswith=f"{word} ")
    # a one-word name is glued to the team after it ("NelsinhoSpire": the word "nelsinhospire")
    return query | Q(key__in=[key for key in _one_word_keys() if any(word.startswith(key) for word in words)])


def _one_word_keys():
    """Keys of the drivers (and their other spellings) named in one word: few, so loaded whole."""
    from results.models import Driver, DriverAlias

    one_word = Driver.objects.exclude(key__contains=" ").order_by().values_list("key", flat=True)
    return set(one_word.union(DriverAlias.objects.exclude(key__contains=" ").order_by().values_list("key", flat=True)))
