"""What the database already knows, so a parser can rank readings the text alone cannot settle."""

from dataclasses import dataclass, field

from results.names import name_key


@dataclass
class Knowledge:
    """Name keys known to the database, the car numbers each driver and team ran, and the numbers
    the person importing settled (``chosen``: driver key -> number, from ``--number``).

    ``numbers`` maps a driver key to every number the driver ever ran; ``season_numbers`` and
    ``team_numbers`` (team key -> numbers) hold those of the series and season being imported.
    """

    drivers: set = field(default_factory=set)
    teams: set = field(default_factory=set)
    numbers: dict = field(default_factory=dict)
    season_numbers: dict = field(default_factory=dict)
    team_numbers: dict = field(default_factory=dict)
    chosen: dict = field(default_factory=dict)
    year: int | None = None

    def knows_driver(self, name):
        return name_key(name) in self.drivers

    def knows_team(self, name):
        return name_key(name) in self.teams

    def evidence(self, driver, team, number):
        """How strongly what is known backs ``driver`` in car ``number`` for ``team``: 2 when the
        driver ran it this season, 1 when he ran it before; 1 more when the team ran it this season.
        A three-digit number ("456", not "022") counts 2 against from 1972 on (unknown year: modern),
        when the history's last ones ran (Cup 1971; one Xfinity car in 1986)."""
        key = name_key(driver)
        score = 2 if number in self.season_numbers.get(key, ()) else 1 if number in self.numbers.get(key, ()) else 0
        score += 1 if team and number in self.team_numbers.get(name_key(team), ()) else 0
        if len(number) >= 3 and number[:3].isdigit() and number[0] != "0" and (self.year or 9999) >= THREE_DIGITS_UNTIL:
            score -= 2
        return score

    def chosen_number(self, driver):
        return self.chosen.get(name_key(driver))


THREE_DIGITS_UNTIL = 1972
NOTHING_KNOWN = Knowledge()


def known_makes():
    """The makes the database knows, by name."""
    from results.models import Manufacturer

    return set(Manufacturer.objects.values_list("name", flat=True))


def from_database(series_name="", year=None, chosen=None):
    """Load keys and numbers; a few queries, whatever the size of the history."""
    from results.models import Driver, DriverAlias, Entry, Team, TeamAlias

    knowledge = Knowledge(
        drivers=set(Driver.objects.values_list("key", flat=True))
        | set(DriverAlias.objects.values_list("key", flat=True)),
        teams=set(Team.objects.values_list("key", flat=True)) | set(TeamAlias.objects.values_list("key", flat=True)),
        chosen={name_key(name): number for name, number in (chosen or {}).items()},
        year=year,
    )
    entries = Entry.objects.exclude(number="")
    for key, number in entries.values_list("driver__key", "number").distinct():
        knowledge.numbers.setdefault(key, set()).add(number)
    if series_name and year:
        season = entries.filter(event__season__year=year, event__season__series__name=series_name)
        for key, team_key, number in season.values_list("driver__key", "team__key", "number").distinct():
            knowledge.season_numbers.setdefault(key, set()).add(number)
            if team_key:
                knowledge.team_numbers.setdefault(team_key, set()).add(number)
    return knowledge
