"""Reads for the public pages: each function is a fixed, small number of SQL queries.

Totals come from the summary rows (``results.summaries``), never from summing entries here.
"""

from dataclasses import dataclass
from types import SimpleNamespace

from django.db.models import F, Min, OuterRef, Q, Subquery, Sum

from results.models import Driver, DriverSeason, Entry, Event, GroupDriver, GroupSeason, Series
from results.models.standing import over_q, title_named_q
from results.models.summary import stats_columns
from results.names import name_key

# Grouping columns of the summary rows' totals()/rows(), under the names the tables use.
DRIVER = {"driver_name": "driver__name", "driver_slug": "driver__slug"}
SUMMARY_SERIES = {"series_name": "season__series__short_name", "series_slug": "season__series__slug"}
SUMMARY_SEASON = {**SUMMARY_SERIES, "year": "season__year"}
POINTS_ORDER = [F("n_points").desc(nulls_last=True), F("n_wins").desc(), F("avg_finish").asc()]


def latest_races():
    """The most recent race of each series, with its winner: two queries."""
    newest = Event.objects.filter(season__series=OuterRef("pk")).order_by("-season__year", "-round").values("pk")[:1]
    ids = Series.objects.annotate(newest=Subquery(newest)).values_list("newest", flat=True)
    return list(Event.objects.filter(pk__in=list(ids)).listed().order_by("season__series"))


def season_standings(season):
    """Each driver's totals of a season, in championship order (``rank``: the final position, where the
    standings know it): one query."""
    from results.standings.queries import latest_place

    return (
        DriverSeason.objects.filter(season=season)
        .rows(**DRIVER)
        .annotate(rank=latest_place(OuterRef("driver"), OuterRef("season")))
        .order_by(F("rank").asc(nulls_last=True), *POINTS_ORDER)
    )


def laps_led_leaders(season, limit=10):
    """The drivers who led most laps in a season (those who led any): one query."""
    return (
        DriverSeason.objects.filter(season=season, laps_led__gt=0)
        .rows(**DRIVER)
        .order_by("-n_led", "-n_wins", "driver_name")[:limit]
    )


@dataclass
class Race:
    """A race as a track's page lists it: a row of one query, not an ``Event`` with its season and series
    loaded (building those for Daytona's 251 races cost more than reading them)."""

    pk: int
    round: int
    name: str
    slug: str
    season: SimpleNamespace  # year and series
    winner_name: str | None
    winner_slug: str | None
    winner_led: int | None
    pole_name: str | None
    pole_slug: str | None
    pole_official: bool
    led_name: str | None
    led_slug: str | None
    led_laps: int | None

    __str__ = Event.__str__
    get_absolute_url = Event.get_absolute_url


# A Race's facts, as the race summary keeps them
RACE_FACTS = {
    "winner_name": "summary__winner__name",
    "winner_slug": "summary__winner__slug",
    "winner_led": "summary__winner_led",
    "pole_name": "summary__front__name",
    "pole_slug": "summary__front__slug",
    "pole_official": "summary__front_is_pole",
    "led_name": "summary__leader__name",
    "led_slug": "summary__leader__slug",
    "led_laps": "summary__leader_laps",
}


def track_races(track):
    """Every race at a track, newest first (``Race``), each with its winner, who started first (the pole
    winner where the report says) and who led most laps, as the race summaries keep them: one query."""
    rows = track.events.order_by("-season__year", "season__series__sort_order", "-round").values_list(
        "pk",
        "round",
        "name",
        "slug",
        "season__year",
        "season__series_id",
        "season__series__name",
        "season__series__short_name",
        "season__series__slug",
        "season__series__sort_order",
        *RACE_FACTS.values(),
    )
    series: dict[int, Series] = {}
    seasons: dict[tuple, SimpleNamespace] = {}
    races = []
    for pk, round_number, name, slug, year, series_id, series_name, short_name, series_slug, order, *facts in rows:
        if series_id not in series:
            fields = {"name": series_name, "short_name": short_name, "slug": series_slug, "sort_order": order}
            series[series_id] = Series(pk=series_id, **fields)
        season = seasons.setdefault((year, series_id), SimpleNamespace(year=year, series=series[series_id]))
        race = Race(pk, round_number, name, slug, season, **dict(zip(RACE_FACTS, facts, strict=True)))
        race.pole_official = bool(race.pole_official)  # no summary row: no pole winner
        races.append(race)
    return races


def neighbours(event):
    """The previous and next race of the same season: one query."""
    rounds = list(
        event.season.events.filter(round__in=[event.round - 1, event.round + 1])
        .order_by("round")
        .values("round", "name", "slug", "track__name")
    )
    previous = next((r for r in rounds if r["round"] < event.round), None)
    following = next((r for r in rounds if r["round"] > event.round), None)
    return previous, following


def driver_search(queryset, text):
    """Accent- and case-insensitive name search, through aliases too ("kenko" finds Kenkō Miura)."""
    key = name_key(text)
    if not key:
        return queryset
    return queryset.filter(Q(key__contains=key) | Q(aliases__key__contains=key)).distinct()


def driver_index(*, series=None, year=None, among=None):
    """The driver index's rows (name, slug, ``driver_pk`` and totals ``n_starts``, ``n_wins``, ``n_top10``).

    Without a series or year: each driver's career over every series, as kept on the driver (one indexed
    read). With them: the totals of that series and/or season only, summed from the season rows in SQL, for
    the drivers who raced there (``among``: only these drivers, a name search)."""
    if not (series or year):
        return Driver.objects.values(
            "name", "slug", driver_pk=F("pk"), n_starts=F("starts"), n_wins=F("wins"), n_top10=F("top10")
        )
    rows = DriverSeason.objects.all()
    if series:
        rows = rows.filter(season__series=series)
    if year:
        rows = rows.filter(season__year=year)
    if among is not None:
        rows = rows.filter(driver__in=among.values("pk"))
    return rows.values(driver_pk=F("driver_id"), name=F("driver__name"), slug=F("driver__slug")).annotate(
        n_starts=Sum("starts"), n_wins=Sum("wins"), n_top10=Sum("top10")
    )


def career_by_series(driver):
    """The driver's totals in each series, then (when he raced in more than one) a row adding them all up,
    labelled so: two queries at most."""
    rows = list(
        DriverSeason.objects.filter(driver=driver).totals(**SUMMARY_SERIES).order_by("season__series__sort_order")
    )
    if len(rows) > 1:
        combined = DriverSeason.objects.filter(driver=driver).aggregate(**stats_columns(Sum, Min))
        rows.append({"series_name": "All series combined", "series_slug": None, **combined})
    return rows


def career_by_season(driver):
    """The driver's totals each season, with his championship position (``championship``: after round
    ``standing_round`` while the season runs, ``season_over`` false), whether he is its named champion
    (``champion``), whether that season's champion is an editor's fact (``official_title``) and whether the
    season is over naming no champion (``title_unknown``, its page says why): one query."""
    from results.standings.queries import latest_place

    return list(
        DriverSeason.objects.filter(driver=driver)
        .rows(**SUMMARY_SEASON)
        .annotate(
            championship=latest_place(OuterRef("driver"), OuterRef("season")),
            standing_round=F("season__championship__final_round"),
            season_over=over_q(),
            champion=Q(season__championship__champion_if_over=F("driver")) & title_named_q("season__championship__"),
            official_title=Q(season__championship__official=True),
            title_unknown=over_q() & Q(season__championship__unknown_if_over__gt=""),
        )
        .order_by("season__series__sort_order", "year")
    )


def career_by_track(driver):
    """The driver's totals at each track, most starts first: one query."""
    return list(
        GroupDriver.objects.filter(driver=driver, track__isnull=False)
        .rows(track_pk="track_id", track_name="track__name", track_slug="track__slug")
        .order_by("-starts", "track_name")
    )


def career_finishes(driver):
    """(year, round, rounds that season, finish, series) of every race, in order: the chart's points. One
    query (the season's rounds: its last round, read off the end of the season's rounds index; a MAX()
    grouped over the season's rounds read all of them for each race, Petty's 1,185: 7 ms on PostgreSQL)."""
    last_round = Event.objects.filter(season=OuterRef("event__season")).order_by("-round").values("round")[:1]
    return list(
        Entry.objects.filter(driver=driver)
        .order_by("race_order", "event__season__series__sort_order")
        .values_list(
            "event__season__year",
            "event__round",
            Subquery(last_round),
            "finish",
            "event__season__series__short_name",
        )
    )


def group_by_season(field, obj):
    """A make's, team's or track's season-by-season totals, newest first: one query.
    ``field`` says which (manufacturer, team or track)."""
    return (
        GroupSeason.objects.filter(**{field: obj})
        .rows(**SUMMARY_SEASON)
        .order_by("-year", "season__series__sort_order")
    )


def group_drivers(field, obj, limit):
    """The drivers with most wins (then starts) for a make, team or at a track: one query."""
    return (
        GroupDriver.objects.filter(**{field: obj}).rows(**DRIVER).order_by("-wins", "-starts", "driver__name")[:limit]
    )
