from django.db import models

from results.links import slug_url
from results.models.base import Alias, NamedModel


class Track(NamedModel):
    """A venue (one layout of it: a road course at an oval is a track of its own)."""

    class Surface(models.TextChoices):
        PAVED = "paved", "Paved"
        DIRT = "dirt", "Dirt"
        ROAD = "road", "Road course"

    class Kind(models.TextChoices):
        SHORT_TRACK = "short", "Short track"
        OVAL = "oval", "Oval"
        SUPERSPEEDWAY = "superspeedway", "Superspeedway"
        ROAD_COURSE = "road", "Road course"
        DIRT = "dirt", "Dirt track"

    location = models.CharField(max_length=120, blank=True, help_text="City and state or country.")
    length_miles = models.DecimalField(max_digits=5, decimal_places=3, null=True, blank=True)
    surface = models.CharField(max_length=10, choices=Surface.choices, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, blank=True)

    class Meta(NamedModel.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(length_miles__gt=0) | models.Q(length_miles__isnull=True),
                name="track_length_positive",
                violation_error_message="A track's length is more than 0 miles.",
            ),
        ]

    def get_absolute_url(self):
        return slug_url("results:track", self.slug)


class TrackAlias(Alias):
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="aliases")

    class Meta(Alias.Meta):
        verbose_name_plural = "track aliases"

    def owner(self):
        return self.track
