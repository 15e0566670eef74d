from django.db import models

from results.models.driver import Driver
from results.models.series import Series


class Record(models.Model):
    """One line of a series' records page: a leader of a category over careers in the series or in one
    season, a win streak, or a first win. Worked out by ``results.records.refresh`` whenever
    ``summaries.refresh`` touches one of the series' seasons, so the page reads a few dozen lines instead of
    ranking every driver's season (Cup: 9,788) and walking every win on each request."""

    class Table(models.TextChoices):
        CAREER = "career", "Career leaders"
        SEASON = "season", "Single-season leaders"
        STREAK = "streak", "Win streaks"
        FIRST_WIN = "first_win", "Newest first wins"

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="records")
    table = models.CharField(max_length=10, choices=Table)
    category = models.CharField(max_length=20, blank=True, help_text="Leaders: the total ranked (wins, starts...).")
    place = models.PositiveSmallIntegerField(help_text="The line's order in its table, from 0.")
    rank = models.PositiveSmallIntegerField(null=True, help_text="Leaders: equal totals share a rank.")
    driver = models.ForeignKey(Driver, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveIntegerField(null=True, help_text="Leaders: the total; a streak: its wins.")
    year = models.PositiveSmallIntegerField(null=True, help_text="Single-season leaders: the season.")
    first_race = models.PositiveIntegerField(null=True, help_text="A streak's first win, a first win (race order).")
    last_race = models.PositiveIntegerField(null=True, help_text="A streak's last win (race order).")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["series", "table", "category", "place"], name="record_unique_place")
        ]

    def __str__(self):
        return f"{self.table} {self.category} #{self.place} in series {self.series_id}"
