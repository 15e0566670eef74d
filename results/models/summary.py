from django.db import models
from django.db.models import F, FloatField, Min, Q, Sum
from django.db.models.functions import Cast, NullIf

from results.models.driver import Driver
from results.models.series import Season


def stats_columns(add, least):
    """The stats tables' columns (``n_starts``... ``avg_finish``, see ``tables.StatsTable``) from the
    summary fields: ``add``/``least`` are Sum/Min to total many rows, F/F to read one row."""
    return {
        "n_starts": add("starts"),
        "n_wins": add("wins"),
        "n_top5": add("top5"),
        "n_top10": add("top10"),
        "n_poles": add("poles"),
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
    poles = models.PositiveIntegerField()
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


class Group(models.TextChoices):
    """What a track, team or make page is about; the entry column that says it."""

    MAKE = "make"
    TEAM = "team"
    TRACK = "track"


GROUP_COLUMNS = {Group.MAKE: "manufacturer_id", Group.TEAM: "team_id", Group.TRACK: "track_id"}


class GroupTotals(Totals):
    """Totals of a make, team or track (``kind`` says which, ``object_id`` which one)."""

    kind = models.CharField(max_length=5, choices=Group.choices)
    object_id = models.PositiveBigIntegerField(help_text="The manufacturer, team or track.")

    class Meta:
        abstract = True


class GroupSeason(GroupTotals):
    """A make's, team's or track's totals for one season: their season-by-season tables."""

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="group_totals")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id", "season"], name="groupseason_unique")]
        indexes = [models.Index(fields=["season"], name="groupseason_season")]

    def __str__(self):
        return f"{self.kind} {self.object_id} in season {self.season_id}"


class GroupDriver(GroupTotals):
    """A driver's career totals with one make, team or track: their drivers tables."""

    driver = models.ForeignKey(Driver, on_delete=models.CASCADE, related_name="group_totals")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id", "driver"], name="groupdriver_unique")]
        indexes = [
            models.Index(fields=["kind", "object_id", "-wins", "-starts"], name="groupdriver_best"),
            models.Index(fields=["driver"], name="groupdriver_driver"),
        ]

    def __str__(self):
        return f"{self.driver_id} with {self.kind} {self.object_id}"


class DataVersion(models.Model):
    """One counter, raised in the same transaction as every change to results, so cached pages
    (keyed by it) are never served stale by any process once the change is committed."""

    number = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"results version {self.number}"

    @classmethod
    def current(cls):
        return cls.objects.filter(pk=1).values_list("number", flat=True).first() or 0

    @classmethod
    def bump(cls):
        if not cls.objects.filter(pk=1).update(number=F("number") + 1):
            cls.objects.create(pk=1, number=1)
