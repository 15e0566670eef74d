"""Summary rows that pages read instead of summing 180,000 entries: refreshed after every write.

``refresh(seasons=...)`` recomputes, for those seasons, the entries' race order and track, the DriverSeason
and GroupSeason rows, then the GroupDriver rows and career columns of every driver in them. Imports call it once per
report (or once per historical file); admin edits and merges call it for the seasons they
touched. Each refresh is a handful of grouped queries.
"""

from django.db import connection
from django.db.models import Count, F, Min, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from results.models import DataVersion, Driver, DriverSeason, Entry, Event, GroupDriver, GroupSeason
from results.models.entry import DNF
from results.models.event import race_order
from results.models.summary import GROUP_COLUMNS

CHUNK = 5000  # ids per IN (...) list: inside SQLite's 32,766-parameter limit, few round trips


def entry_totals():
    """The Totals fields, as SQL aggregates over a group of entries."""
    return {
        "starts": Count("id"),
        "wins": Count("id", filter=Q(finish=1)),
        "top5": Count("id", filter=Q(finish__lte=5)),
        "top10": Count("id", filter=Q(finish__lte=10)),
        "poles": Count("id", filter=Q(start=1)),
        "dnfs": Count("id", filter=DNF),
        "laps": Sum("laps"),
        "laps_led": Sum("laps_led"),
        "points": Sum("points"),
        "start_sum": Sum("start"),
        "start_count": Count("start"),
        "finish_sum": Sum("finish"),
        "best": Min("finish"),
    }


def insert_from(model, queryset, grouped_as, **fixed):
    """INSERT INTO model's table SELECT the grouped ``queryset``: the database computes and
    writes the rows itself, with no round trip per row (bulk_create of 100,000 summary rows
    took most of a full PostgreSQL import). ``grouped_as`` names the model fields that the
    queryset's values() columns fill; ``fixed`` maps a field to a constant."""
    totals = list(entry_totals())
    keys = list(queryset.query.values_select)
    constants = {f"fixed_{name}": Value(value) for name, value in fixed.items()}
    rows = queryset.annotate(**constants).values_list(*keys, *constants, *totals)
    sql, params = rows.query.sql_with_params()
    columns = [model._meta.get_field(name).column for name in (*grouped_as, *fixed, *totals)]
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) {sql}", params)


def refresh(*, seasons):
    """Recompute the totals of ``seasons`` and mark every cached page out of date."""
    season_ids = {getattr(s, "pk", s) for s in seasons}
    if not season_ids:
        return
    DataVersion.bump()
    # entries whose copy of their race's order and track is out of date (new, or the race was edited)
    stale = Entry.objects.filter(event__season__in=season_ids).exclude(
        race_order=race_order(F("event__season__year"), F("event__round")), track=F("event__track")
    )
    own_event = Event.objects.filter(pk=OuterRef("event_id"))
    stale.update(
        race_order=Subquery(own_event.values(order=race_order(F("season__year"), F("round")))),
        track=Subquery(own_event.values("track")),
    )
    entries = Entry.objects.filter(event__season__in=season_ids)
    drivers = set(DriverSeason.objects.filter(season__in=season_ids).values_list("driver_id", flat=True))
    drivers |= set(entries.values_list("driver_id", flat=True).distinct())
    DriverSeason.objects.filter(season__in=season_ids).delete()
    insert_from(
        DriverSeason,
        entries.values("driver_id", "event__season_id").annotate(**entry_totals()).order_by(),
        ("driver", "season"),
    )
    GroupSeason.objects.filter(season__in=season_ids).delete()
    for kind, column in GROUP_COLUMNS.items():
        insert_from(
            GroupSeason,
            entries.exclude(**{column: None}).values(column, "event__season_id").annotate(**entry_totals()).order_by(),
            ("object_id", "season"),
            kind=kind,
        )
    refresh_drivers(drivers)


def refresh_drivers(driver_ids):
    """Career columns and per-make/team/track totals of these drivers, over their whole careers."""

    def career(field):
        per_driver = (
            DriverSeason.objects.filter(driver=OuterRef("pk"))
            .values("driver")
            .annotate(total=Sum(field))
            .values("total")
        )
        return Coalesce(Subquery(per_driver), 0)

    driver_ids = sorted(driver_ids)
    for i in range(0, len(driver_ids), CHUNK):
        chunk = driver_ids[i : i + CHUNK]
        Driver.objects.filter(pk__in=chunk).update(starts=career("starts"), wins=career("wins"), top10=career("top10"))
        GroupDriver.objects.filter(driver__in=chunk).delete()
        for kind, column in GROUP_COLUMNS.items():
            insert_from(
                GroupDriver,
                Entry.objects.filter(driver__in=chunk)
                .exclude(**{column: None})
                .values(column, "driver_id")
                .annotate(**entry_totals())
                .order_by(),
                ("object_id", "driver"),
                kind=kind,
            )


def refresh_all():
    from results.models import Season

    refresh(seasons=Season.objects.values_list("pk", flat=True))
