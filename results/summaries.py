"""Summary rows that pages read instead of summing 180,000 entries: refreshed after every write.

``refresh(seasons=...)`` recomputes, for those seasons, the DriverSeason, GroupSeason and RaceSummary rows,
then the GroupDriver rows and career columns of every driver in them, the record lines of their series
(``records.refresh``) and the championship standings (``standings.store.recompute``). Imports call it
once per report (or once per historical file); admin edits, merges, splits and reverts call it for the
seasons they touched, in their own transaction. Each refresh is a handful of grouped queries. A race that
does not count for points (an exhibition) is left out of every total, as of the standings.
"""

from django.db import connection
from django.db.models import Count, F, Min, OuterRef, Q, Subquery, Sum, Window
from django.db.models.functions import Coalesce, RowNumber

from results import records
from results.models import (
    GROUP_FIELDS,
    DataVersion,
    Driver,
    DriverSeason,
    DriverSeries,
    Entry,
    GroupDriver,
    GroupSeason,
    RaceSummary,
    Season,
)
from results.models.entry import DNF
from results.standings import engine, store

CHUNK = 5000  # ids per IN (...) list: inside SQLite's 32,766-parameter limit, few round trips
# Raise it with a change to what refresh derives from the same entries (a new summary table, a rule): the next
# migrate then recomputes every summary (refresh_if_outdated), so no page reads rows of the old rules.
DERIVED = 6  # 2: Championship.finale_run; 3: the 2026 Chase rulebooks; 4: their ties left open, Duels as rounds;
# 5: the qualifying races' other names (Twin 125s, Qualifier); 6: a round missing before the last names no champion
# and places no playoff round


def entry_totals():
    """The Totals fields, as SQL aggregates over a group of entries."""
    return {
        "starts": Count("id"),
        "wins": Count("id", filter=Q(finish=1)),
        "top5": Count("id", filter=Q(finish__lte=5)),
        "top10": Count("id", filter=Q(finish__lte=10)),
        "started_first": Count("id", filter=Q(start=1)),
        "dnfs": Count("id", filter=DNF),
        "laps": Sum("laps"),
        "laps_led": Sum("laps_led"),
        "points": Sum("points"),
        "start_sum": Sum("start"),
        "start_count": Count("start"),
        "finish_sum": Sum("finish"),
        "best": Min("finish"),
    }


def insert_from(model, entries, group_by):
    """INSERT INTO model's table SELECT the ``entries`` grouped and totalled: the database computes and
    writes the rows itself, with no round trip per row (bulk_create of 100,000 summary rows took most of
    a full PostgreSQL import). ``group_by`` maps the model's fields to the entry columns grouped on.
    The ORM has no INSERT ... SELECT: the SELECT is the ORM's own SQL for the grouped queryset."""
    totals = entry_totals()
    rows = entries.values(*group_by.values()).annotate(**totals).order_by().values_list(*group_by.values(), *totals)
    sql, params = rows.query.sql_with_params()
    columns = [model._meta.get_field(name).column for name in (*group_by, *totals)]
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) {sql}", params)


def insert_sums(model, rows, group_by):
    """INSERT INTO model's table SELECT summary ``rows`` added up per ``group_by`` (as ``insert_from``)."""
    totals = {name: (Min if name == "best" else Sum)(name) for name in entry_totals()}
    grouped = rows.values(*group_by.values()).annotate(**{f"t_{n}": e for n, e in totals.items()}).order_by()
    sql, params = grouped.values_list(*group_by.values(), *[f"t_{n}" for n in totals]).query.sql_with_params()
    columns = [model._meta.get_field(name).column for name in (*group_by, *totals)]
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) {sql}", params)


def refresh(*, seasons):
    """Recompute the totals of ``seasons`` and mark every cached page out of date."""
    season_ids = {getattr(s, "pk", s) for s in seasons}
    if not season_ids:
        return
    DataVersion.bump()
    entries = Entry.objects.filter(event__season__in=season_ids).counted()
    drivers = set(DriverSeason.objects.filter(season__in=season_ids).values_list("driver_id", flat=True))
    drivers |= set(Entry.objects.filter(event__season__in=season_ids).values_list("driver_id", flat=True).distinct())
    DriverSeason.objects.filter(season__in=season_ids).delete()
    insert_from(DriverSeason, entries, {"driver": "driver_id", "season": "event__season_id"})
    GroupSeason.objects.filter(season__in=season_ids).delete()
    for field in GROUP_FIELDS:
        insert_from(GroupSeason, entries.exclude(**{field: None}), {field: f"{field}_id", "season": "event__season_id"})
    refresh_races(season_ids)
    refresh_drivers(drivers)
    records.refresh(series_ids=Season.objects.filter(pk__in=season_ids).values("series"))
    store.recompute(seasons=season_ids)


def track_measured(track_id):
    """A track's length was set or changed: the seasons of its races whose points were paid per lap by the
    track's length (Cup 1972-73) are recomputed, and cached pages marked out of date."""
    DataVersion.bump()
    seasons = Season.objects.filter(events__track=track_id).select_related("series").distinct()
    paying = [season.pk for season in seasons if engine.rulebook_for(season.series.slug, season.year).points_per_lap]
    if paying:
        store.recompute(seasons=paying)


def refresh_races(season_ids):
    """Each race's winner, front of the grid and laps leader (``RaceSummary``), from one pass over the few
    entries that can hold them (a window picks each race's laps leader). Exhibitions too: a track's page
    lists every race run there."""
    leader = Window(RowNumber(), partition_by=[F("event_id")], order_by=[F("laps_led").desc(nulls_last=True), "finish"])
    facts = (
        Entry.objects.filter(event__season__in=season_ids)
        .filter(Q(finish=1) | Q(start=1) | Q(pole=True) | Q(laps_led__gt=0))
        .annotate(led_rank=leader)
        .filter(Q(finish=1) | Q(start=1) | Q(pole=True) | Q(led_rank=1, laps_led__gt=0))
        .values_list("event_id", "finish", "start", "pole", "laps_led", "led_rank", "driver_id")
    )
    races: dict[int, RaceSummary] = {}
    for event_id, finish, start, pole, laps_led, led_rank, driver_id in facts:
        race = races.setdefault(event_id, RaceSummary(event_id=event_id))
        if finish == 1:
            race.winner_id, race.winner_led = driver_id, laps_led
        if pole or (start == 1 and not race.front_is_pole):  # the report's pole winner, else the front
            race.front_id, race.front_is_pole = driver_id, bool(pole)
        if led_rank == 1 and laps_led:
            race.leader_id, race.leader_laps = driver_id, laps_led
    RaceSummary.objects.filter(event__season__in=season_ids).delete()
    RaceSummary.objects.bulk_create(races.values(), batch_size=CHUNK)


def refresh_drivers(driver_ids):
    """Career columns, per-series totals (from their season rows) and per-make/team/track totals of these
    drivers, over their whole careers."""

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
        DriverSeries.objects.filter(driver__in=chunk).delete()
        insert_sums(
            DriverSeries,
            DriverSeason.objects.filter(driver__in=chunk),
            {"driver": "driver_id", "series": "season__series_id"},
        )
        GroupDriver.objects.filter(driver__in=chunk).delete()
        for field in GROUP_FIELDS:
            insert_from(
                GroupDriver,
                Entry.objects.filter(driver__in=chunk).counted().exclude(**{field: None}),
                {field: f"{field}_id", "driver": "driver_id"},
            )


def refresh_all():
    refresh(seasons=Season.objects.values_list("pk", flat=True))
    DataVersion.objects.filter(pk=1).update(derived=DERIVED)


def refresh_if_outdated(verbosity=1, stdout=None, **kwargs):
    """post_migrate: recompute every summary when they were derived under other rules than this code's
    (records and race summaries new in a release would read empty, standings as of the old rules)."""
    from django.db import transaction

    derived = DataVersion.objects.filter(pk=1).values_list("derived", flat=True).first()
    if derived == DERIVED:
        return
    with transaction.atomic():
        refresh_all()
    if verbosity and stdout is not None:
        stdout.write(f"  summaries recomputed for this release's rules ({derived} -> {DERIVED})\n")
