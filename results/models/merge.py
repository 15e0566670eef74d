from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from results.models.importrun import now_to_the_millisecond


class Merge(models.Model):
    """One driver, team, track or make merged into another, with everything the merge moved, so that
    it can be split back (``results.merges.split``) while nothing written since depends on it."""

    class Kind(models.TextChoices):
        DRIVER = "driver", "Driver"
        TEAM = "team", "Team"
        TRACK = "track", "Track"
        MANUFACTURER = "manufacturer", "Manufacturer"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    kept_id = models.PositiveBigIntegerField(help_text="The record that stayed.")
    kept_name = models.CharField(max_length=120)
    removed_id = models.PositiveBigIntegerField(help_text="The record merged away (its id comes back on a split).")
    removed_name = models.CharField(max_length=120)
    removed = models.JSONField(encoder=DjangoJSONEncoder, help_text="The merged record's fields, as they were.")
    kept_before = models.JSONField(
        encoder=DjangoJSONEncoder,
        default=dict,
        help_text="Fields of the kept record the merge filled in, as they were.",
    )
    moved = models.JSONField(default=dict, help_text='Rows moved to the kept record: {"app.model.field": [ids]}.')
    created = models.JSONField(
        default=dict, help_text='Rows the merge made (aliases, old slugs): {"app.model": [ids]}.'
    )
    last_entry_id = models.PositiveBigIntegerField(
        default=0, help_text="The newest result when merged: results after it may rely on the merge."
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    merged_at = models.DateTimeField(default=now_to_the_millisecond)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-merged_at", "-id"]
        indexes = [models.Index(fields=["kind", "kept_id"], name="merge_kept")]

    def __str__(self):
        return f"{self.removed_name} into {self.kept_name}"
