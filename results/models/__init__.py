from results.models.driver import Driver, DriverAlias
from results.models.entry import Entry, EntryQuerySet
from results.models.event import Event, EventQuerySet
from results.models.importrun import ImportRun
from results.models.merge import Merge
from results.models.record import Record
from results.models.redirect import MOVABLE, OldSlug
from results.models.series import Season, Series
from results.models.standing import ChampionFact, Championship, PlayoffFact, PointsAdjustment, Standing, Status
from results.models.summary import GROUP_FIELDS, DriverSeason, DriverSeries, GroupDriver, GroupSeason, RaceSummary
from results.models.team import Manufacturer, Team, TeamAlias
from results.models.track import Track, TrackAlias
from results.models.version import DataVersion

__all__ = [
    "ChampionFact",
    "Championship",
    "PlayoffFact",
    "PointsAdjustment",
    "Standing",
    "Status",
    "Driver",
    "DataVersion",
    "DriverAlias",
    "DriverSeason",
    "DriverSeries",
    "Entry",
    "EntryQuerySet",
    "Event",
    "EventQuerySet",
    "GROUP_FIELDS",
    "GroupDriver",
    "GroupSeason",
    "ImportRun",
    "Manufacturer",
    "Merge",
    "MOVABLE",
    "OldSlug",
    "RaceSummary",
    "Record",
    "Season",
    "Series",
    "Team",
    "TeamAlias",
    "Track",
    "TrackAlias",
]
