from django.db import models

from results.links import slug_url
from results.models.base import Alias, NamedModel


class Driver(NamedModel):
    """A person who started a race. Namesakes carry a qualifier: "Bill Scott (CA)"."""

    birth_date = models.DateField(null=True, blank=True)
    hometown = models.CharField(max_length=120, blank=True)
    # career totals over every series, kept by results.summaries.refresh for the driver index
    starts = models.PositiveIntegerField(default=0, editable=False)
    wins = models.PositiveIntegerField(default=0, editable=False)
    top10 = models.PositiveIntegerField(default=0, editable=False)

    class Meta(NamedModel.Meta):
        indexes = [
            models.Index(fields=["-starts", "name"], name="driver_by_starts"),
            models.Index(fields=["-wins", "name"], name="driver_by_wins"),
            models.Index(fields=["-top10", "name"], name="driver_by_top10"),
        ]

    def get_absolute_url(self):
        return slug_url("results:driver", self.slug)


class DriverAlias(Alias):
    """Another spelling of a driver's name; imports match it like the name itself."""

    driver = models.ForeignKey(Driver, on_delete=models.CASCADE, related_name="aliases")

    class Meta(Alias.Meta):
        verbose_name_plural = "driver aliases"

    def owner(self):
        return self.driver
