"""Summary rows that pages read instead of summing 180,000 entries: refreshed after every write.

``refresh(seasons=...)`` recomputes the DriverSeason rows of those seasons and the career
columns of every driver in them. Imports call it once per season written; admin edits call it
for the seasons they touched. Each refresh is a handful of grouped queries.
"""
from django.db.models import Count, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from results.models import DataVersion, Driver, DriverSeason, Entry
from results.models.entry import DNF


def refresh(*, seasons):
    """Recompute the totals of ``seasons`` and mark every cached page out of date."""
    season_ids = {getattr(s, "pk", s) for s in seasons}
    if not season_ids:
        return
    DataVersion.bump()
    rows = (
        Entry.objects.filter(event__season__in=season_ids)
        .values("driver_id", "event__season_id")
        .annotate(
            starts=Count("id"), wins=Count("id", filter=Q(finish=1)), top5=Count("id", filter=Q(finish__lte=5)),
            top10=Count("id", filter=Q(finish__lte=10)), poles=Count("id", filter=Q(start=1)),
            dnfs=Count("id", filter=DNF), laps=Sum("laps"), laps_led=Sum("laps_led"), points=Sum("points"),
            start_sum=Sum("start"), start_count=Count("start"), finish_sum=Sum("finish"), best=Min("finish"),
        )
        .order_by()
    )
    totals = [DriverSeason(season_id=row.pop("event__season_id"), **row) for row in rows]
    drivers = {t.driver_id for t in totals} | set(
        DriverSeason.objects.filter(season__in=season_ids).values_list("driver_id", flat=True))
    DriverSeason.objects.filter(season__in=season_ids).delete()
    DriverSeason.objects.bulk_create(totals, batch_size=1000)
    refresh_careers(drivers)


def refresh_careers(driver_ids):
    """Career starts, wins and top 10s of these drivers, from their season rows: one UPDATE per 500."""
    def career(field):
        per_driver = (DriverSeason.objects.filter(driver=OuterRef("pk")).values("driver")
                      .annotate(total=Sum(field)).values("total"))
        return Coalesce(Subquery(per_driver), 0)

    driver_ids = list(driver_ids)
    for i in range(0, len(driver_ids), 500):
        Driver.objects.filter(pk__in=driver_ids[i:i + 500]).update(
            starts=career("starts"), wins=career("wins"), top10=career("top10"))


def refresh_all():
    from results.models import Season

    refresh(seasons=Season.objects.values_list("pk", flat=True))
