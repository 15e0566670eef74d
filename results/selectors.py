"""Reads for the public pages: each function is a fixed, small number of SQL queries."""
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum, Window
from django.db.models.functions import RowNumber

from results.models import Driver, Entry, Event, Season, Series
from results.names import name_key

SERIES = {"series_name": "event__season__series__short_name", "series_slug": "event__season__series__slug"}
SEASON = {**SERIES, "year": "event__season__year"}
DRIVER = {"driver_name": "driver__name", "driver_slug": "driver__slug"}
TRACK = {"track_name": "event__track__name", "track_slug": "event__track__slug"}


def latest_races():
    """The most recent race of each series, with its winner: two queries."""
    newest = Event.objects.filter(season__series=OuterRef("pk")).order_by("-season__year", "-round").values("pk")[:1]
    ids = Series.objects.annotate(newest=Subquery(newest)).values_list("newest", flat=True)
    return list(Event.objects.filter(pk__in=list(ids)).with_relations().with_podium().order_by("season__series"))


def season_leaders(limit=5):
    """The points leaders of each series' newest season: one query with a window function."""
    newest = Season.objects.filter(series=OuterRef("event__season__series")).order_by("-year").values("pk")[:1]
    rows = (
        Entry.objects.filter(event__season=Subquery(newest))
        .values(**{k: F(v) for k, v in {**SEASON, **DRIVER}.items()})
        .annotate(total_points=Sum("points"), wins=Count("id", filter=Q(finish=1)))
        .annotate(rank=Window(RowNumber(), partition_by=[F("event__season__series__short_name")],
                              order_by=[F("total_points").desc(nulls_last=True), F("wins").desc()]))
        .filter(rank__lte=limit)
        .order_by("series_name", "rank")
    )
    return list(rows)


def season_standings(season):
    """Points standings of a season, one row per driver, ranked: one query."""
    return (
        Entry.objects.filter(event__season=season)
        .totals(**DRIVER)
        .annotate(rank=Window(RowNumber(), order_by=[F("total_points").desc(nulls_last=True), F("wins").desc(),
                                                     F("avg_finish").asc()]))
        .order_by("rank")
    )


def neighbours(event):
    """The previous and next race of the same season: one query."""
    rounds = list(event.season.events.filter(round__in=[event.round - 1, event.round + 1])
                  .order_by("round").values("round", "name", "slug", "track__name"))
    previous = next((r for r in rounds if r["round"] < event.round), None)
    following = next((r for r in rounds if r["round"] > event.round), None)
    return previous, following


def driver_search(queryset, text):
    """Accent- and case-insensitive name search, through aliases too ("kenko" finds Kenkō Miura)."""
    key = name_key(text)
    if not key:
        return queryset
    return queryset.filter(Q(key__contains=key) | Q(aliases__key__contains=key)).distinct()


def drivers_with_totals():
    """Every driver with the totals the index sorts by; aggregates in SQL."""
    return Driver.objects.annotate(
        starts=Count("entries"),
        wins=Count("entries", filter=Q(entries__finish=1)),
        top10=Count("entries", filter=Q(entries__finish__lte=10)),
    )


def active_in(queryset, *, series=None, year=None):
    """Drivers who started a race of ``series`` (and of ``year``); an EXISTS, not a join."""
    entries = Entry.objects.filter(driver=OuterRef("pk"))
    if series:
        entries = entries.filter(event__season__series=series)
    if year:
        entries = entries.filter(event__season__year=year)
    return queryset.filter(Exists(entries))


def career(driver):
    """Everything a career page shows but the results table: four queries."""
    entries = Entry.objects.filter(driver=driver)
    by_series = list(entries.totals(**SERIES).order_by("event__season__series__sort_order"))
    by_season = list(entries.totals(**SEASON).order_by("event__season__series__sort_order", "year"))
    by_track = list(entries.totals(**TRACK).order_by("-starts", "track_name"))
    points = list(entries.order_by("event__season__year", "event__round", "event__season__series__sort_order")
                  .values_list("event__season__year", "finish", "event__season__series__short_name"))
    return {"by_series": by_series, "by_season": by_season, "by_track": by_track, "points": points}


def group_totals(entries, groups, order=("-wins", "-starts")):
    """Totals of ``entries`` grouped by ``groups`` (SEASON, DRIVER, TRACK...), best first."""
    return entries.totals(**groups).order_by(*order, *groups)
