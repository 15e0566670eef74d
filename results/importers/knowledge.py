"""What the database already knows, so a parser can settle readings the text alone cannot."""

from dataclasses import dataclass, field

from results.names import name_key


@dataclass
class Knowledge:
    """Name keys known to the database and the car numbers each driver ran.

    ``numbers`` maps a driver key to the numbers of the same series and season when the
    facts name them, else to every number the driver ever ran.
    """

    drivers: set = field(default_factory=set)
    teams: set = field(default_factory=set)
    numbers: dict = field(default_factory=dict)
    manufacturers: set = field(default_factory=set)

    def knows_driver(self, name):
        return name_key(name) in self.drivers

    def knows_team(self, name):
        return name_key(name) in self.teams

    def numbers_for(self, driver_name):
        return self.numbers.get(name_key(driver_name), set())


NOTHING_KNOWN = Knowledge()


def from_database(series_name="", year=None):
    """Load keys and numbers; a few queries, whatever the size of the history."""
    from results.models import Driver, DriverAlias, Entry, Manufacturer, Team, TeamAlias

    knowledge = Knowledge(
        drivers=set(Driver.objects.values_list("key", flat=True))
        | set(DriverAlias.objects.values_list("key", flat=True)),
        teams=set(Team.objects.values_list("key", flat=True)) | set(TeamAlias.objects.values_list("key", flat=True)),
        manufacturers=set(Manufacturer.objects.values_list("name", flat=True)),
    )
    entries = Entry.objects.exclude(number="")
    season_numbers: dict[str, set[str]] = {}
    if series_name and year:
        season = entries.filter(event__season__year=year, event__season__series__name=series_name)
        for key, number in season.values_list("driver__key", "number").distinct():
            season_numbers.setdefault(key, set()).add(number)
    for key, number in entries.values_list("driver__key", "number").distinct():
        if key not in season_numbers:
            knowledge.numbers.setdefault(key, set()).add(number)
    knowledge.numbers.update(season_numbers)
    return knowledge
