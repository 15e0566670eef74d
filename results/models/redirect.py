import operator
from functools import reduce

from django.db import models
from django.db.models import Q

from results.models.importrun import now_to_the_millisecond

# The records whose pages can move (a merge, a new slug): the field naming each one.
MOVABLE = ("driver", "team", "track", "manufacturer")


class OldSlug(models.Model):
    """A page address that moved: a merged or renamed driver, team, track or make keeps its old slug
    here, and the old address answers with a permanent redirect to the record's page.

    Exactly one of the four record fields is set (a check constraint); an old slug belongs to one
    record of each kind. A live record with the same slug wins: this is read only on the 404 path.
    """

    slug = models.SlugField(max_length=200)
    driver = models.ForeignKey("Driver", on_delete=models.CASCADE, null=True, blank=True, related_name="old_slugs")
    team = models.ForeignKey("Team", on_delete=models.CASCADE, null=True, blank=True, related_name="old_slugs")
    track = models.ForeignKey("Track", on_delete=models.CASCADE, null=True, blank=True, related_name="old_slugs")
    manufacturer = models.ForeignKey(
        "Manufacturer", on_delete=models.CASCADE, null=True, blank=True, related_name="old_slugs"
    )
    created_at = models.DateTimeField(default=now_to_the_millisecond, editable=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=reduce(
                    operator.or_,
                    [Q(**{f"{field}__isnull": field != chosen for field in MOVABLE}) for chosen in MOVABLE],
                ),
                name="oldslug_one_record",
            ),
            *[
                models.UniqueConstraint(
                    fields=["slug"], condition=Q(**{f"{field}__isnull": False}), name=f"oldslug_unique_{field}"
                )
                for field in MOVABLE
            ],
        ]

    def __str__(self):
        return self.slug

    @property
    def target(self):
        """The record the old address now leads to (one query unless selected)."""
        return next(getattr(self, field) for field in MOVABLE if getattr(self, f"{field}_id"))
