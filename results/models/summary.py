from django.db import models
from django.db.models import F, FloatField, Min, Q, Sum
from django.db.models.functions import Cast, NullIf

from results.models.driver import Driver
from results.models.event import Event
from results.models.series import Season, Series
from results.models.team import Manufacturer, Team
from results.models.track import Track


def stats_columns(add, least):
    """The stats tables' columns (``n_starts``... ``avg_finish``, see ``tables.StatsTable``) from the
    summary fields: ``add``/``least`` are Sum/Min to total many rows, F/F to read one row."""
    return {
        "n_starts": add("starts"),
        "n_wins": add("wins"),
        "n_top5": add("top5"),
        "n_top10": add("top10"),
        "n_started_first": add("started_first"),
        "n_laps": add("laps"),
        "n_led": add("laps_led"),
        "n_points": add("points"),
        "n_dnfs": add("dnfs"),
        "best_finish": least("best"),
        "avg_start": Cast(add("start_sum"), FloatField()) / NullIf(add("start_count"), 0),
        "avg_finish": Cast(add("finish_sum"), FloatField()) / add("starts"),
    }


class TotalsQuerySet(models.QuerySet):
    def totals(self, **groups):
        """Summary rows added up per group (``groups`` names the grouping columns): one row each."""
        return (
            self.values(**{alias: F(path) for alias, path in groups.items()})
            .annotate(**stats_columns(Sum, Min))
            .order_by(*groups)
        )

    def rows(self, **names):
        """One row per summary row (no grouping), under the same names as ``totals``."""
        return self.values(**{alias: F(path) for alias, path in names.items()}).annotate(**stats_columns(F, F))


class Totals(models.Model):
    """The sums one group of entries adds up to; kept current by ``results.summaries.refresh``
    (imports, admin edits, merges), so pages never sum entries at request time."""

    starts = models.PositiveIntegerField()
    wins = models.PositiveIntegerField()
    top5 = models.PositiveIntegerField()
    top10 = models.PositiveIntegerField()
    # starts from first place on the grid: a pole only when qualifying set the grid (not when a
    # rained-out session left the lineup to owner points), which the results rarely say
    started_first = models.PositiveIntegerField()
    dnfs = models.PositiveIntegerField()
    laps = models.PositiveIntegerField(null=True)
    laps_led = models.PositiveIntegerField(null=True)
    points = models.IntegerField(null=True)
    start_sum = models.PositiveIntegerField(null=True)
    start_count = models.PositiveIntegerField()
    finish_sum = models.PositiveIntegerField()
    best = models.PositiveSmallIntegerField()

    objects = TotalsQuerySet.as_manager()

    class Meta:
        abstract = True


class DriverSeason(Totals):
    """One driver's totals for one season: standings and careers."""

    driver = models.ForeignKey(Driver, on_delete=models.CASCADE, related_name="season_totals")
    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="driver_totals")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["season", "driver"], name="driverseason_unique"),
            models.CheckConstraint(
                condition=Q(wins__lte=F("top5")) & Q(top5__lte=F("top10")) & Q(top10__lte=F("starts")),
                name="driverseason_counts_nest",
            ),
        ]
        indexes = [models.Index(fields=["driver", "season"], name="driverseason_driver")]

    def __str__(self):
        return f"{self.driver_id} in season {self.season_id}"


class DriverSeries(Totals):
    """One driver's career totals in one series: records and leaders, head-to-head pages."""

    driver = models.ForeignKey(Driver, on_delete=models.CASCADE, related_name="series_totals")
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="driver_totals")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "driver"], name="driverseries_unique")]
        indexes = [models.Index(fields=["driver"], name="driverseries_driver")]

    def __str__(self):
        return f"{self.driver_id} in series {self.series_id}"


# What a track, team or make page is about: the Entry field and the summary field share the name.
GROUP_FIELDS = ("manufacturer", "team", "track")


def _one_group():
    """Exactly one of the three group fields is set."""
    options = [Q(**{f"{field}__isnull": field != chosen for field in GROUP_FIELDS}) for chosen in GROUP_FIELDS]
    return options[0] | options[1] | options[2]


class GroupTotals(Totals):
    """Totals of one make, team or track: exactly one of the three is set (a check constraint)."""

    manufacturer = models.ForeignKey(
        Manufacturer, on_delete=models.CASCADE, null=True, blank=True, related_name="+", db_index=False
    )
    team = models.ForeignKey(Team, on_delete=models.CASCADE, null=True, blank=True, related_name="+", db_index=False)
    track = models.ForeignKey(Track, on_delete=models.CASCADE, null=True, blank=True, related_name="+", db_index=False)

    class Meta:
        abstract = True

    @property
    def group_id(self):
        return self.manufacturer_id or self.team_id or self.track_id


def _per_group(model, other):
    """A row per group and ``other`` (season or driver): a unique constraint for each group field, whose
    index also serves the group's pages (only rows of that group are in it)."""
    return [
        models.UniqueConstraint(
            fields=[field, other], condition=Q(**{f"{field}__isnull": False}), name=f"{model}_unique_{field}"
        )
        for field in GROUP_FIELDS
    ]


class GroupSeason(GroupTotals):
    """A make's, team's or track's totals for one season: their season-by-season tables."""

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="group_totals")

    class Meta:
        constraints = [
            models.CheckConstraint(condition=_one_group(), name="groupseason_one_group"),
            *_per_group("groupseason", "season"),
        ]
        indexes = [models.Index(fields=["season"], name="groupseason_season")]

    def __str__(self):
        return f"group {self.group_id} in season {self.season_id}"


class GroupDriver(GroupTotals):
    """A driver's career totals with one make, team or track: their drivers tables."""

    driver = models.ForeignKey(Driver, on_delete=models.CASCADE, related_name="group_totals")

    class Meta:
        constraints = [
            models.CheckConstraint(condition=_one_group(), name="groupdriver_one_group"),
            *_per_group("groupdriver", "driver"),
        ]
        indexes = [
            # the group pages' drivers table: most wins first
            *[
                models.Index(
                    fields=[field, "-wins", "-starts"],
                    condition=Q(**{f"{field}__isnull": False}),
                    name=f"groupdriver_best_{field}",
                )
                for field in GROUP_FIELDS
            ],
            models.Index(fields=["driver"], name="groupdriver_driver"),
        ]

    def __str__(self):
        return f"driver {self.driver_id} with group {self.group_id}"


class RaceSummary(models.Model):
    """Who won one race (and how many laps he led), who started it from the front (the pole winner where
    the report says so, else whoever started first) and who led most laps (the better finisher on a tie).
    Kept by ``results.summaries.refresh`` from the race's entries, so a track's page reads the facts of its
    races (Daytona: 251) instead of picking them out of every entry run there (10,000)."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, primary_key=True, related_name="summary")
    winner = models.ForeignKey(Driver, on_delete=models.CASCADE, null=True, related_name="+")
    winner_led = models.PositiveIntegerField(null=True)
    front = models.ForeignKey(Driver, on_delete=models.CASCADE, null=True, related_name="+")
    front_is_pole = models.BooleanField(default=False)
    leader = models.ForeignKey(Driver, on_delete=models.CASCADE, null=True, related_name="+")
    leader_laps = models.PositiveIntegerField(null=True)

    def __str__(self):
        return f"race {self.event_id}"
