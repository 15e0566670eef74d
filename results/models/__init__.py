from results.models.driver import Driver, DriverAlias
from results.models.entry import Entry, EntryQuerySet
from results.models.event import Event, EventQuerySet
from results.models.importrun import ImportRun
from results.models.series import Season, Series
from results.models.summary import DataVersion, DriverSeason, Group, GroupDriver, GroupSeason
from results.models.team import Manufacturer, Team, TeamAlias
from results.models.track import Track, TrackAlias

__all__ = [
    "Driver",
    "DataVersion",
    "DriverAlias",
    "DriverSeason",
    "Entry",
    "EntryQuerySet",
    "Event",
    "EventQuerySet",
    "Group",
    "GroupDriver",
    "GroupSeason",
    "ImportRun",
    "Manufacturer",
    "Season",
    "Series",
    "Team",
    "TeamAlias",
    "Track",
    "TrackAlias",
]
