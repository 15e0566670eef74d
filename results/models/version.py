from django.db import models
from django.db.models import F
from django.db.models.functions import Now, TruncSecond
from django.utils import timezone


def this_second():
    """Now, to the second: an HTTP date has no finer grain, and a backup (JSON) keeps no microseconds."""
    return timezone.now().replace(microsecond=0)


class DataVersion(models.Model):
    """The results version: one counter, raised in the same transaction as every change to results.

    Cached pages are keyed by it (``results.views.cache``), so once a change is committed no process
    serves a page from before it. ``changed_at`` is when it was last raised: pages' Last-Modified.
    The one row is made by ``ensure_row`` after every migrate and flush.
    """

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=this_second)
    derived = models.PositiveIntegerField(
        default=0, help_text="The summaries.DERIVED the summary rows were computed under (see refresh_if_outdated)."
    )

    def __str__(self):
        return f"results version {self.number}"

    @classmethod
    def current(cls):
        return cls.objects.filter(pk=1).values_list("number", flat=True).first() or 0

    @classmethod
    def state(cls):
        """(number, changed_at) in one query; (0, None) before the row exists."""
        return cls.objects.filter(pk=1).values_list("number", "changed_at").first() or (0, None)

    @classmethod
    def bump(cls):
        cls.objects.filter(pk=1).update(number=F("number") + 1, changed_at=TruncSecond(Now()))

    @classmethod
    def ensure_row(cls, **kwargs):
        """post_migrate (after migrate, and after the flush between transactional tests)."""
        cls.objects.get_or_create(pk=1)
