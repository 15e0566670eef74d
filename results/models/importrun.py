from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from results.models.event import Event


def now_to_the_millisecond():
    """Backups (Django's JSON) keep milliseconds; storing no finer keeps a restore exact."""
    now = timezone.now()
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


class ImportRun(models.Model):
    """One attempt to import a report, from the command line or from admin, kept as a log."""

    class Outcome(models.TextChoices):
        CREATED = "created", "Event created"
        UPDATED = "updated", "Event updated"
        UNCHANGED = "unchanged", "Unchanged"
        DRY_RUN = "dry-run", "Dry run (nothing written)"
        FAILED = "failed", "Failed (nothing written)"

    started_at = models.DateTimeField(default=now_to_the_millisecond, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="import_runs"
    )
    via = models.CharField(max_length=20, default="command", help_text="command or admin")
    source = models.CharField(max_length=255, help_text="The file name, or how the report was given.")
    format = models.CharField(max_length=40, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    summary = models.TextField(blank=True)
    warnings = models.TextField(blank=True)
    error = models.TextField(blank=True)
    entries_written = models.PositiveIntegerField(default=0)
    events = models.ManyToManyField(Event, blank=True, related_name="import_runs")
    # What reverting a one-race import needs: the race before it ("race", null when the import created
    # it), the names it created, and the digest of the race after it (results.race_state).
    undo = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder, editable=False)
    reverted_at = models.DateTimeField(null=True, blank=True, editable=False)
    reverted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["-started_at"], name="importrun_recent")]

    def __str__(self):
        return f"{self.source} ({self.get_outcome_display()})"
