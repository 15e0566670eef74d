from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery

from results.models.driver import Driver
from results.models.event import Event, race_order
from results.models.team import Manufacturer, Team
from results.models.track import Track

# The one status of a car still running at the finish; any other (as reports write them, see
# importers.vocabulary.STATUSES) is a DNF.
RUNNING = "Running"

DNF = ~Q(status__iexact=RUNNING) & ~Q(status="")


# The index order of a driver's, track's, team's or make's results (see Entry.Meta.indexes): by race,
# a race's cars by finish, read backwards for "newest first" (ResultsTable's year column).
RESULTS_ORDER = ["race_order", "event", "-finish", "id"]

RESULTS_TABLE_RELATIONS = ("driver", "team", "manufacturer", "track", "event__season__series")


def results_table_joins(*, known=()):
    """The relations a results table shows, but for ``known``: the one every row shares (a driver's
    page: the driver), which is not joined. On PostgreSQL, planning this join cost several times
    running it, and each table left out halves the planning."""
    return tuple(name for name in RESULTS_TABLE_RELATIONS if name not in known)


class EntryQuerySet(models.QuerySet):
    def for_results_table(self, *, known=()):
        """One query for every column of a results table (see ``results_table_joins``)."""
        return self.joined(results_table_joins(known=known))

    def joined(self, joins):
        """``joins`` selected, but for the report a race was imported from, which only the race's own page
        shows (fifty rows of imported races carried their reports' text into every page of a table)."""
        rows = self.select_related(*joins)
        return rows.defer("event__report_text") if any(j.partition("__")[0] == "event" for j in joins) else rows

    def counted(self):
        """Entries of races that count for points: exhibitions are left out of every total and standing."""
        return self.filter(event__counts_for_points=True)

    def bulk_create(self, objs, *args, **kwargs):
        """Entries written in bulk get their race's order and track as saved ones do (``bulk_create``
        skips ``save()``): one query for all their races."""
        objs = list(objs)
        fill_race_copies(objs)
        return super().bulk_create(objs, *args, **kwargs)

    def refresh_race_copies(self):
        """Copy each entry's race order and track from its race again (its round, track or season's
        year changed): one UPDATE."""
        own_event = Event.objects.filter(pk=OuterRef("event_id"))
        return self.update(
            race_order=Subquery(own_event.values(order=race_order(F("season__year"), F("round")))),
            track=Subquery(own_event.values("track")),
        )


def fill_race_copies(entries):
    """Set ``race_order`` and ``track`` of unsaved entries from their races: one query."""
    event_ids = {entry.event_id for entry in entries}
    copies = {
        pk: (order, track)
        for pk, order, track in Event.objects.filter(pk__in=event_ids).values_list(
            "pk", race_order(F("season__year"), F("round")), "track_id"
        )
    }
    for entry in entries:
        entry.race_order, entry.track_id = copies[entry.event_id]


class Entry(models.Model):
    """One car in one race: who drove it, for whom, where it started and finished."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="entries", db_index=False
    )  # indexed first by the unique constraints below (a race's cars: the same plans, as fast)
    driver = models.ForeignKey(
        Driver, on_delete=models.PROTECT, related_name="entries", db_index=False
    )  # indexed with the race order and with the track below
    # A team's and a make's own indexes stay beside their race-order ones: counting their entries (a results
    # list's page count) reads the one-column index, a tenth of the size on PostgreSQL (a B-tree stores a
    # repeated key once): Chevrolet's 74,000 counted in 2.3 ms instead of 4.4 (SQLite: 1.6 instead of 3.4)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="entries", null=True, blank=True)
    manufacturer = models.ForeignKey(
        Manufacturer, on_delete=models.PROTECT, related_name="entries", null=True, blank=True
    )
    number = models.CharField(max_length=4, blank=True, help_text='Car number as text: "02" is not "2".')
    finish = models.PositiveSmallIntegerField()
    start = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Empty when not known.")
    laps = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Laps completed.")
    laps_led = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=30, blank=True, help_text="Running, Accident, Engine...")
    points = models.SmallIntegerField(null=True, blank=True, help_text="Championship points, stage points included.")
    stage1 = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Stage 1 finishing position.")
    stage2 = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Stage 2 finishing position.")
    rating = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True, help_text="Driver rating.")
    rookie = models.BooleanField(default=False, help_text="Competing for Rookie of the Year.")
    ineligible = models.BooleanField(default=False, help_text="Ineligible for points in this series.")
    pole = models.BooleanField(
        default=False,
        db_default=False,  # writers that name their columns (the bulk loader) need not know it
        help_text="Won the pole, as the report says. Starting first is not the same: a grid set by "
        "owner points after a rained-out qualifying has no pole winner.",
    )
    # Copies of the race's order and track, so that the "every result" list of a driver, team, make or
    # track walks an index instead of joining and sorting all of its entries. Kept by this module:
    # save() and bulk_create() fill them, Event.save() and Season.save() refresh them.
    race_order = models.PositiveIntegerField(editable=False, help_text="Year * 1000 + round.")
    track = models.ForeignKey(
        Track, on_delete=models.PROTECT, related_name="entries", editable=False, db_index=False
    )  # indexed with the race order below

    objects = EntryQuerySet.as_manager()

    class Meta:
        # by race without joining races (ordering by "event" would follow Event's ordering through
        # season and series on every default-ordered query)
        ordering = ["race_order", "event_id", "finish"]
        verbose_name_plural = "entries"
        constraints = [
            models.UniqueConstraint(fields=["event", "driver"], name="entry_unique_driver_per_event"),
            models.UniqueConstraint(fields=["event", "finish"], name="entry_unique_finish_per_event"),
            models.UniqueConstraint(
                fields=["event", "start"],
                condition=Q(start__isnull=False),
                name="entry_unique_start_per_event",
                violation_error_message="Another car in this race started from this position.",
            ),
            models.CheckConstraint(
                condition=Q(finish__gte=1),
                name="entry_finish_positive",
                violation_error_message="Finishing positions start at 1.",
            ),
            models.CheckConstraint(
                condition=Q(start__gte=1) | Q(start__isnull=True),
                name="entry_start_positive",
                violation_error_message="Starting positions start at 1.",
            ),
            models.CheckConstraint(
                condition=Q(laps__gte=0) | Q(laps__isnull=True),
                name="entry_laps_not_negative",
                violation_error_message="Laps completed cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(laps_led__gte=0) | Q(laps_led__isnull=True),
                name="entry_laps_led_not_negative",
                violation_error_message="Laps led cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(laps_led__lte=F("laps")) | Q(laps_led__isnull=True) | Q(laps__isnull=True),
                name="entry_laps_led_within_laps",
                violation_error_message="Laps led cannot be more than laps completed.",
            ),
            models.CheckConstraint(
                condition=(Q(stage1__gte=1) | Q(stage1__isnull=True)) & (Q(stage2__gte=1) | Q(stage2__isnull=True)),
                name="entry_stage_positions_positive",
                violation_error_message="Stage positions start at 1.",
            ),
        ]
        # Each in the "every result" list's own order (newest race first, a race's cars in finishing
        # order: read backwards), with the id: a page of 50 ids is read off the index alone, however far
        # back (Chevrolet's page 1,000 walked 50,000 rows of the table to sort them: 40 ms, now 3)
        indexes = [
            models.Index(fields=[field, *RESULTS_ORDER], name=f"entry_{field}_race_order")
            for field in ("track", "driver", "team", "manufacturer")
        ] + [
            # a driver's results at one track (his page's track filter: Petty at Daytona), counted and
            # paged off the index instead of reading his 1,185 entries
            models.Index(fields=["driver", "track"], name="entry_driver_track"),
            # the winners alone, in race order: records (win streaks, first wins) read a few thousand rows
            models.Index(fields=["race_order", "event"], condition=Q(finish=1), name="entry_wins"),
        ]

    def __str__(self):
        return f"P{self.finish} #{self.number}" if self.number else f"P{self.finish}"

    def save(self, *args, **kwargs):
        fill_race_copies([self])
        super().save(*args, **kwargs)

    def clean(self):
        """The check constraints' rules, said on the field they concern (a constraint's own error names
        no field). The database still enforces them for every other writer."""
        errors = {}
        for position in ("finish", "start", "stage1", "stage2"):
            if getattr(self, position) == 0:
                errors[position] = "Positions start at 1."
        if self.laps_led is not None and self.laps is not None and self.laps_led > self.laps:
            errors["laps_led"] = f"{self.laps_led} laps led is more than the {self.laps} laps completed."
        if errors:
            raise ValidationError(errors)

    def unique_error_message(self, model_class, unique_check):
        words = {
            ("event", "driver"): "This driver is already in this race.",
            ("event", "finish"): "Another car in this race finished in this position.",
        }
        if tuple(unique_check) in words:
            return ValidationError(words[tuple(unique_check)], code="unique_together")
        return super().unique_error_message(model_class, unique_check)

    @property
    def is_dnf(self):
        """The Python side of ``DNF``: a status other than Running."""
        return bool(self.status) and self.status.lower() != RUNNING.lower()
