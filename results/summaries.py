"""Summary rows that pages read instead of summing 180,000 entries: refreshed after every write.

``refresh(seasons=...)`` recomputes the DriverSeason rows of those seasons and the career
columns of every driver in them. Imports call it once per season written; admin edits call it
for the seasons they touched. Each refresh is a handful of grouped queries.
"""
from django.db.models import Count, Min, Q, Sum

from results.models import DataVersion, Driver, DriverSeason, Entry
from results.models.entry import DNF


def refresh(*, seasons):
    """Recompute the totals of ``seasons`` and mark every cached page out of date."""
    season_ids = {getattr(s, "pk", s) for s in seasons}
    DataVersion.bump()
    if not season_ids:
        return
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
    """Career starts, wins and top 10s of these drivers, from their season rows."""
    driver_ids = list(driver_ids)
    for i in range(0, len(driver_ids), 500):
        chunk = driver_ids[i:i + 500]
        careers = {row["driver_id"]: row for row in DriverSeason.objects.filter(driver__in=chunk)
                   .values("driver_id").annotate(s=Sum("starts"), w=Sum("wins"), t=Sum("top10")).order_by()}
        drivers = list(Driver.objects.filter(pk__in=chunk).only("pk"))
        for driver in drivers:
            row = careers.get(driver.pk, {})
            driver.starts, driver.wins, driver.top10 = row.get("s") or 0, row.get("w") or 0, row.get("t") or 0
        Driver.objects.bulk_update(drivers, ["starts", "wins", "top10"], batch_size=500)


def refresh_all():
    from results.models import Season

    refresh(seasons=Season.objects.values_list("pk", flat=True))
