from django.db import models
from django.urls import reverse

from results.models.base import Alias, NamedModel


class Driver(NamedModel):
    """A person who started a race. Namesakes carry a qualifier: "Bill Scott (CA)"."""

    birth_date = models.DateField(null=True, blank=True)
    hometown = models.CharField(max_length=120, blank=True)

    def get_absolute_url(self):
        return reverse("results:driver", args=[self.slug])


class DriverAlias(Alias):
    """Another spelling of a driver's name; imports match it like the name itself."""

    driver = models.ForeignKey(Driver, on_delete=models.CASCADE, related_name="aliases")

    class Meta(Alias.Meta):
        verbose_name_plural = "driver aliases"
