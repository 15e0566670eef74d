"""Championship standings: what the rules make of the results (derived, kept by ``results.standings.store``)
and the official facts editors enter, which the computation uses and checks."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from results.models.driver import Driver
from results.models.event import Event
from results.models.series import Season
from results.standings.engine import NOT_OVER


def this_year() -> int:
    """The year whose seasons may still have races to come, unless their results show the finale was run (the
    site knows no schedule; a playoff rulebook knows how many races its season has). Read whenever a
    championship is read, never stored (a stored flag stayed "running" past New Year until something
    recomputed the season)."""
    return timezone.localdate().year


def season_over(year: int, *, finale_run: bool) -> bool:
    """The season is over: its year has ended, or its results reach the rulebook's last race
    (``Championship.finale_run``, a stored fact that does not depend on the date)."""
    return finale_run or year < this_year()


def over_q(season: str = "season", championship: str | None = None) -> Q:
    """``season_over`` in a query, for the season at the lookup path ``season`` (``championship``: the path
    to its Championship with its "__", by default the season's)."""
    if championship is None:
        championship = f"{season}__championship__"
    return Q(**{f"{championship}finale_run": True}) | Q(**{f"{season}__year__lt": this_year()})


def title_named(year: int, official: bool, *, finale_run: bool) -> bool:
    """Whether a season's champion is named: an editor's official one at once, the results' once it is over."""
    return official or season_over(year, finale_run=finale_run)


def title_named_q(championship: str = "", season: str = "season") -> Q:
    """``title_named`` in a query (``championship``: the lookup path to the Championship, with its "__";
    ``season``: the path to its season)."""
    return Q(**{f"{championship}official": True}) | over_q(season, championship)


class Status(models.TextChoices):
    """A driver's playoff status after a round (``engine.Status``); empty outside playoff eras. "Champion" is
    never stored: it marks the named champion's row when the standings are read."""

    NONE = "", "—"
    IN = "in", "In the playoffs"
    ADVANCED = "advanced", "Advanced"
    ELIMINATED = "eliminated", "Eliminated"
    WITHDRAWN = "withdrawn", "Withdrawn"
    FINAL = "final", "Championship four"
    CHAMPION = "champion", "Champion"


class Championship(models.Model):
    """One season's championship as its results and editors' facts settle it once no more races come: derived,
    rewritten by ``standings.store.recompute`` with the season's results (never edited by hand). Nothing stored
    depends on the date: whether the season is over is decided when read (``over``, ``champion``, ``unknown``;
    ``title_named_q`` in queries), from its year and ``finale_run``."""

    season = models.OneToOneField(Season, on_delete=models.CASCADE, related_name="championship")
    rulebook = models.CharField(max_length=40, help_text="The format applied (standings.rules.RULEBOOKS).")
    champion_if_over = models.ForeignKey(
        Driver,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="championships",
        help_text="The champion once the season is over: an editor's official one, or the results' under the "
        "season's format if no more races came. The site names the results' champion once the season is over: "
        "its finale run, or its year ended.",
    )
    official = models.BooleanField(default=False, help_text="The champion is an editor's fact, not a computation.")
    unknown_if_over = models.TextField(
        blank=True, help_text="Why no champion is named once the season is over (a season still running: not yet)."
    )
    disagreements = models.TextField(blank=True, help_text="Where the computation and editors' facts differ.")
    open_statuses = models.TextField(
        blank=True,
        help_text="What the results leave open about the playoff statuses (a waiver, a tie, stage winners), "
        "said under the standings where a status is not certain, champion named or not.",
    )
    final_round = models.PositiveSmallIntegerField(null=True, blank=True, help_text="The last round counted.")
    finale_run = models.BooleanField(
        default=False,
        help_text="The results hold every race the season's playoff format schedules, the finale last, no round "
        "missing: the season is over before its year ends. Always false where the number of races is not "
        "known (most-points formats, Truck 2026, a season later than its rulebook is confirmed for): those end with their year.",
    )

    class Meta:
        constraints = [
            # never a champion without a reason why not
            models.CheckConstraint(
                condition=Q(champion_if_over__isnull=False) | ~Q(unknown_if_over=""),
                name="championship_champion_or_reason",
            ),
            models.CheckConstraint(
                condition=Q(official=False) | Q(champion_if_over__isnull=False),
                name="championship_official_has_champion",
            ),
        ]

    def __str__(self):
        return f"championship of season {self.season_id}"

    @property
    def over(self) -> bool:
        """The season is over: its standings are final. Reads the season (no query when it was read with it)."""
        return season_over(self.season.year, finale_run=self.finale_run)

    @property
    def champion_id(self) -> int | None:
        return (
            self.champion_if_over_id
            if title_named(self.season.year, self.official, finale_run=self.finale_run)
            else None
        )

    @property
    def champion(self) -> Driver | None:
        """The champion named now; None while the season runs, unless an editor named him officially."""
        return self.champion_if_over if self.champion_id is not None else None

    @property
    def unknown(self) -> str:
        """Why no champion is named now ("" when one is)."""
        if self.champion_id is not None:
            return ""
        if self.over:
            return self.unknown_if_over
        return " ".join(dict.fromkeys(filter(None, [NOT_OVER, self.unknown_if_over])))


class Standing(models.Model):
    """One driver's place in the championship after one round of a season (derived, as ``Championship``).
    ``latest`` marks the rows after the last counted round the results hold: the final standings once the
    season is over (``Championship.over``), until then the standings after that round."""

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="standings")
    round = models.PositiveSmallIntegerField()
    driver = models.ForeignKey(Driver, on_delete=models.CASCADE, related_name="standings")
    # the row's place in the engine's order: the standing order, or where positions are unknown (points
    # missing) the engine's best listing, e.g. the championship four first
    rank = models.PositiveSmallIntegerField()
    position = models.PositiveSmallIntegerField(null=True, help_text="Empty when the order cannot be known.")
    points = models.IntegerField(null=True)
    gap = models.IntegerField(null=True)
    wins = models.PositiveSmallIntegerField()
    playoff_points = models.IntegerField(null=True)
    status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    status_certain = models.BooleanField(
        default=True,
        help_text="False when the results do not settle the status (shown with a question mark; the season's "
        "championship says what is open).",
    )
    latest = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["season", "round", "driver"], name="standing_unique"),
            models.UniqueConstraint(fields=["season", "round", "rank"], name="standing_unique_rank"),
            models.CheckConstraint(condition=Q(round__gte=1), name="standing_round_positive"),
            models.CheckConstraint(condition=Q(position__gte=1) | Q(position__isnull=True), name="standing_position"),
        ]
        indexes = [
            # a driver's season-by-season table: his latest place in each season
            models.Index(fields=["driver", "season"], condition=Q(latest=True), name="standing_driver_latest"),
        ]

    def __str__(self):
        return f"driver {self.driver_id} after round {self.round} of season {self.season_id}"


class ChampionFact(models.Model):
    """The season's champion as an editor records it from a source: shown as official, and checked against
    the computation."""

    season = models.OneToOneField(Season, on_delete=models.CASCADE, related_name="champion_fact")
    driver = models.ForeignKey(Driver, on_delete=models.PROTECT, related_name="champion_facts")
    source = models.CharField(max_length=255, help_text="Where this comes from: a book, a URL, the series' records.")

    class Meta:
        verbose_name = "official champion"
        constraints = [models.CheckConstraint(condition=~Q(source=""), name="championfact_has_source")]

    def __str__(self):
        return f"champion of season {self.season_id}"


class PlayoffFact(models.Model):
    """An editor's fact about one driver's playoff standing in a season, which the results cannot settle."""

    class Kind(models.TextChoices):
        FIELD = "field", "Made the playoffs (Chase)"
        FINAL = "final", "In the championship four"
        WAIVER = "waiver", "Waiver: eligible despite missed races"
        WITHDRAWN = "withdrawn", "Withdrawn / not eligible for the title"

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="playoff_facts")
    driver = models.ForeignKey(Driver, on_delete=models.PROTECT, related_name="playoff_facts")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    source = models.CharField(max_length=255, blank=True, help_text="Where this comes from.")

    class Meta:
        verbose_name = "playoff fact"
        constraints = [
            models.UniqueConstraint(fields=["season", "driver", "kind"], name="playofffact_unique"),
            models.CheckConstraint(
                condition=Q(kind__in=["field", "final", "waiver", "withdrawn"]), name="playofffact_kind"
            ),
        ]

    def __str__(self):
        return self.get_kind_display()


class PointsAdjustment(models.Model):
    """Points given or taken by the series (a penalty: negative), after a race or at the season's end."""

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="adjustments")
    driver = models.ForeignKey(Driver, on_delete=models.PROTECT, related_name="adjustments")
    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="adjustments",
        help_text="Applied after this race; empty: at the season's end.",
    )
    points = models.IntegerField(default=0, help_text="Negative for a penalty.")
    playoff_points = models.IntegerField(default=0)
    reason = models.CharField(max_length=255, help_text="Shown to fans: the penalty and why.")

    class Meta:
        ordering = ["season", "event__round", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="pointsadjustment_has_reason"),
            models.CheckConstraint(
                condition=~Q(points=0) | ~Q(playoff_points=0), name="pointsadjustment_changes_something"
            ),
        ]
        indexes = [models.Index(fields=["driver", "season"], name="pointsadjustment_driver")]

    def __str__(self):
        return f"{self.points:+d} points" if self.points else f"{self.playoff_points:+d} playoff points"

    def clean(self):
        if self.event is not None and self.season_id and self.event.season_id != self.season_id:
            raise ValidationError({"event": "This race is not in the season chosen."})
        if not self.points and not self.playoff_points:
            raise ValidationError({"points": "Give the points or playoff points this adjustment changes."})
