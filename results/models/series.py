from django.core.exceptions import ValidationError
from django.db import models

from results.links import page_url, slug_url
from results.names import name_slug


class Series(models.Model):
    """A championship, e.g. the NASCAR Truck Series, whatever its sponsor is called this year."""

    name = models.CharField(max_length=100, unique=True, help_text="The lasting name, without sponsor.")
    short_name = models.CharField(max_length=20, blank=True, help_text="e.g. Cup, Xfinity, Truck.")
    slug = models.SlugField(
        max_length=100, unique=True, blank=True, help_text="The web address; filled in from the short name when empty."
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name_plural = "series"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = name_slug(self.short_name or self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("results:series", self.slug)


class Season(models.Model):
    """One year of one series, with the name the series carried that year."""

    series = models.ForeignKey(Series, on_delete=models.PROTECT, related_name="seasons")
    year = models.PositiveSmallIntegerField()
    name = models.CharField(
        max_length=100, blank=True, help_text="The sponsor name that year, e.g. NASCAR Camping World Truck Series."
    )

    class Meta:
        ordering = ["series__sort_order", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="season_unique_series_year"),
            models.CheckConstraint(
                condition=models.Q(year__gte=1900, year__lte=2100),
                name="season_year_plausible",
                violation_error_message="The year must be from 1900 to 2100.",
            ),
        ]

    def __str__(self):
        # "Cup 2024": three seasons of 2024 must not read alike in a picker. This reads the series:
        # lists of seasons select it (SeasonAdmin, the event form's season field).
        return f"{self.series.short_name or self.series.name} {self.year}"

    def save(self, *args, **kwargs):
        from results.models.entry import Entry
        from results.standings import store

        existed = self.pk is not None
        super().save(*args, **kwargs)
        if existed:
            # another year moves its races in every results list (Entry.race_order), and may change the
            # championship's format
            Entry.objects.filter(event__season=self).refresh_race_copies()
            store.recompute(seasons=[self.pk])

    def get_absolute_url(self):
        return page_url("results:season", self.series.slug, self.year)

    def clean(self):
        taken = Season.objects.filter(series=self.series_id, year=self.year).exclude(pk=self.pk)
        if self.series_id and self.year and taken.exists():
            raise ValidationError({"year": f"{self.series} already has a {self.year} season."})
