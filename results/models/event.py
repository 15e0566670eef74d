from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from results.links import slug_url
from results.models.series import Season
from results.models.track import Track
from results.names import name_slug


def race_order(year, round_number):
    """Races in the order they were run, as one sortable number (Entry.race_order); rounds stay below
    1000. Takes numbers, or F() expressions for the same number in SQL."""
    return year * 1000 + round_number


class EventQuerySet(models.QuerySet):
    def with_relations(self):
        # one query: each row names its series, season and track
        return self.select_related("season__series", "track")

    def listed(self):
        """Races as a list shows them (a season's schedule, the newest races, the API's list): names and
        podium, without the report each was imported from, which only its own page shows (a season of
        imported reports carried a few hundred KB of text into its schedule)."""
        return self.with_relations().with_podium().defer("report_text")

    def with_podium(self):
        """Annotate the winner's name, slug and laps led, and who started first, from the race's summary row
        (``RaceSummary``, kept by ``summaries.refresh``: one definition of a race's winner and front).

        ``pole_name``/``pole_slug`` name the pole winner where the report says (``Entry.pole``), and
        otherwise whoever started first, with ``pole_official`` telling which: a grid set by owner points
        after a rained-out qualifying has no pole winner."""
        return self.annotate(
            winner_name=F("summary__winner__name"),
            winner_slug=F("summary__winner__slug"),
            winner_led=F("summary__winner_led"),
            pole_name=F("summary__front__name"),
            pole_slug=F("summary__front__slug"),
            pole_official=Coalesce(F("summary__front_is_pole"), Value(False)),
        )

    def with_stage_winners(self):
        """Annotate who won stage 1 and stage 2, where the results say (same query)."""
        from results.models.entry import Entry

        def pick(stage, field):
            # stage positions are not unique in the data: the best finisher of the stage's winners
            return Subquery(
                Entry.objects.filter(event=OuterRef("pk"), **{stage: 1}).order_by("finish").values(field)[:1]
            )

        return self.annotate(
            stage1_name=pick("stage1", "driver__name"),
            stage1_slug=pick("stage1", "driver__slug"),
            stage2_name=pick("stage2", "driver__name"),
            stage2_slug=pick("stage2", "driver__slug"),
        )


class Event(models.Model):
    """One race: a round of a season, run at a track."""

    season = models.ForeignKey(Season, on_delete=models.PROTECT, related_name="events")
    round = models.PositiveSmallIntegerField(help_text="Race number within the season, from 1.")
    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="events")
    name = models.CharField(max_length=150, blank=True, help_text="Official race name, sponsor included.")
    slug = models.SlugField(
        max_length=200,
        unique=True,
        blank=True,
        help_text="The web address; filled in from the season, round and track.",
    )
    date = models.DateField(null=True, blank=True)
    scheduled_laps = models.PositiveSmallIntegerField(null=True, blank=True)
    completed_laps = models.PositiveSmallIntegerField(null=True, blank=True)
    distance_miles = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    notes = models.TextField(blank=True, help_text="Shown on the race page: weather, shortened race, penalties.")
    report_text = models.TextField(blank=True, help_text="The report the results were imported from, as it was.")
    source = models.CharField(max_length=255, blank=True, help_text="Where the results came from: a file or a URL.")
    counts_for_points = models.BooleanField(
        default=True,
        db_default=True,  # writers that name their columns (the bulk loader) need not know it
        help_text="Untick for an exhibition or non-points race: left out of the standings and of career totals.",
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["season__series__sort_order", "season__year", "round"]
        get_latest_by = "date"
        constraints = [
            models.UniqueConstraint(fields=["season", "round"], name="event_unique_round_per_season"),
            models.CheckConstraint(
                condition=models.Q(round__gte=1),
                name="event_round_positive",
                violation_error_message="Rounds are numbered from 1.",
            ),
            models.CheckConstraint(
                condition=models.Q(round__lt=1000),
                name="event_round_below_1000",
                violation_error_message="Rounds are numbered below 1000.",
            ),
        ]

    def __str__(self):
        return self.name or f"Round {self.round}"

    def save(self, *args, **kwargs):
        if not self.slug:
            # reads season.series and track once, at write time only
            self.slug = self.make_slug(self.season.year, self.season.series.slug, self.round, self.track.name)
        existed = self.pk is not None
        super().save(*args, **kwargs)
        if existed:
            self.entries.all().refresh_race_copies()  # its round, track or season may have changed

    def get_absolute_url(self):
        return slug_url("results:event", self.slug)

    def clean(self):
        """Editors' forms: a round already run in the season, said on the round field."""
        if self.round == 0:
            raise ValidationError({"round": "Rounds are numbered from 1."})
        if self.season_id and self.round:
            other = Event.objects.filter(season=self.season_id, round=self.round).exclude(pk=self.pk).first()
            if other is not None:
                raise ValidationError(
                    {"round": f"{self.season} already has a round {self.round}: {other} at {other.track}."}
                )

    @staticmethod
    def make_slug(year, series_slug, round_number, track_name):
        return f"{year}-{series_slug}-{round_number:02d}-{name_slug(track_name)}"
