from django.db import models

from results.links import slug_url
from results.models.base import Alias, NamedModel


class Team(NamedModel):
    """The organisation (or, in older results, the owner) that entered a car."""

    def get_absolute_url(self):
        return slug_url("results:team", self.slug)


class TeamAlias(Alias):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="aliases")

    class Meta(Alias.Meta):
        verbose_name_plural = "team aliases"

    def owner(self):
        return self.team


class Manufacturer(NamedModel):
    """A make: Chevrolet, Ford, Toyota, and the dozens of older ones."""

    def get_absolute_url(self):
        return slug_url("results:manufacturer", self.slug)
