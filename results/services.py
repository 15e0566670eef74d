"""Writes that editors trigger from admin (imports live in results/importers/)."""

from django.db import transaction
from django.db.models import Count

from results import summaries
from results.models import Driver, DriverAlias, Entry
from results.names import name_key


class MergeConflict(Exception):
    """Two of the drivers to merge started the same race, so they cannot be one person."""


@transaction.atomic
def merge_drivers(*, keep: Driver, others: list[Driver]) -> int:
    """Move every entry and alias of ``others`` to ``keep``; their names become aliases.

    Returns the number of entries moved. All or nothing: a conflict changes nothing.
    """
    others = [d for d in others if d.pk != keep.pk]
    drivers = [keep, *others]
    shared = (
        Entry.objects.filter(driver__in=drivers)
        .values("event")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("event__slug", flat=True)
    )
    shared = list(shared[:5])
    if shared:
        raise MergeConflict(
            f"These drivers raced in the same event ({', '.join(shared)}), so they are different people."
        )
    seasons = set(Entry.objects.filter(driver__in=drivers).values_list("event__season_id", flat=True))
    moved = Entry.objects.filter(driver__in=others).update(driver=keep)
    DriverAlias.objects.filter(driver__in=others).update(driver=keep)
    for other in others:
        if not keep.birth_date and other.birth_date:
            keep.birth_date = other.birth_date
        if not keep.hometown and other.hometown:
            keep.hometown = other.hometown
    names = [o.name for o in others]
    Driver.objects.filter(pk__in=[o.pk for o in others]).delete()
    for name in names:
        if not DriverAlias.objects.filter(key=name_key(name)).exists():
            DriverAlias(driver=keep, name=name).save()
    keep.save()
    summaries.refresh(seasons=seasons)
    return moved
