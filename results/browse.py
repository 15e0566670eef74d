"""Reads for the index pages (tracks, teams, makes) and the series page: one grouped query each.

Team and make totals come from the summary rows (``GroupSeason``), never from entries; a track's races
are counted from its events (a few thousand rows in all).
"""

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, Sum, Window
from django.db.models.functions import Rank

from results.models import DriverSeason, Event, GroupSeason, Track


def tracks(series_list, *, series=None):
    """Every track with its races per series (``races_<slug>``), races in all, first and last year;
    ``series``: only tracks that series raced at, counting all their races still."""
    per_series = {
        f"races_{s.slug.replace('-', '_')}": Count("events", filter=Q(events__season__series=s)) for s in series_list
    }
    rows = Track.objects.all()
    if series is not None:
        rows = rows.filter(Exists(Event.objects.filter(track=OuterRef("pk"), season__series=series)))
    return rows.values("name", "slug", "kind", "surface", "length_miles", track_pk=F("pk")).annotate(
        **per_series,
        races=Count("events"),
        first=Min("events__season__year"),
        last=Max("events__season__year"),
    )


def groups(field, *, series=None):
    """Every team (``field="team"``) or make (``"manufacturer"``) with its starts, wins and top 10s,
    first and last year, from the season summary rows; ``series``: in that series only."""
    rows = GroupSeason.objects.filter(**{f"{field}__isnull": False})
    if series is not None:
        rows = rows.filter(season__series=series)
    return rows.values(group_pk=F(field), name=F(f"{field}__name"), slug=F(f"{field}__slug")).annotate(
        n_starts=Sum("starts"),
        n_wins=Sum("wins"),
        n_top10=Sum("top10"),
        first=Min("season__year"),
        last=Max("season__year"),
    )


def seasons_of(series):
    """The series' seasons, newest first, each with its race count: one query."""
    return list(series.seasons.annotate(races=Count("events")).filter(races__gt=0).order_by("-year"))


def winners_leaders(series):
    """{season id: [(name, slug, wins)...]}: who won most races each season (all of them on a tie), one
    query with a window function."""
    ranked = (
        DriverSeason.objects.filter(season__series=series, wins__gt=0)
        .annotate(place=Window(Rank(), partition_by=[F("season_id")], order_by=F("wins").desc()))
        .filter(place=1)
        .order_by("season_id", "driver__name")
        .values_list("season_id", "driver__name", "driver__slug", "wins")
    )
    leaders: dict[int, list] = {}
    for season_id, name, slug, wins in ranked:
        leaders.setdefault(season_id, []).append((name, slug, wins))
    return leaders
