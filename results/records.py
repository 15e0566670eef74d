"""Records and leaders of a series: championships, all-time and single-season leaders, win streaks, first
wins, youngest winners, from points races only (an exhibition win is no record). Each function is one query; totals come from the season summary rows
(``DriverSeason``), titles from the championship rows the standings keep (``Championship``)."""

from dataclasses import dataclass, field
from functools import partial

from django.db import connection
from django.db.models import DurationField, ExpressionWrapper, F, Min, Q, Subquery, Window
from django.db.models.functions import Coalesce, Rank

from results.models import Championship, Driver, DriverSeason, DriverSeries, Entry, Event, Season
from results.models.standing import title_named_q

# (summary field, heading): the categories a fan asks about
CATEGORIES = [
    ("wins", "Wins"),
    ("starts", "Starts"),
    ("started_first", "Started 1st"),
    ("top5", "Top 5"),
    ("top10", "Top 10"),
    ("laps_led", "Laps led"),
]
TOP = 10


def _leaders(rows, names, limit):
    """{field: [row...]}: the ``limit`` best ``rows`` of each category (all of them on a tie at the cut),
    ranked, with ``names`` (values() names) read for those rows only: one query.

    Only rows at or above a category's cut (its ``limit``-th best value: a top-N subquery on the summary
    rows alone, no names joined) are ranked. A row's rank counts the rows above it, which pass the same
    cut, so ranks are exact; the window functions sort a few dozen rows, not every driver's season."""
    cut = Q()
    for name, _ in CATEGORIES:
        best = rows.filter(**{f"{name}__isnull": False}).order_by(f"-{name}").values(name)[limit - 1 : limit]
        cut |= Q(**{f"{name}__gte": Coalesce(Subquery(best), 1), f"{name}__gt": 0})
    ranked = (
        rows.filter(cut)
        .values(**names)
        .annotate(
            **{f"v_{name}": F(name) for name, _ in CATEGORIES},
            **{f"r_{name}": Window(Rank(), order_by=F(name).desc(nulls_last=True)) for name, _ in CATEGORIES},
        )
    )
    leaders: dict[str, list] = {name: [] for name, _ in CATEGORIES}
    for row in ranked:
        for name, _ in CATEGORIES:
            if row[f"r_{name}"] <= limit and row[f"v_{name}"]:
                leaders[name].append(row)
    for name, rows_of in leaders.items():
        rows_of.sort(key=partial(_place, name))
    return leaders


def _place(name, row):
    return row[f"r_{name}"], row["driver_name"]


def all_time(series, limit=TOP):
    """Career totals in the series (``DriverSeries``), the leaders of each category."""
    names = {"driver_name": F("driver__name"), "driver_slug": F("driver__slug")}
    return _leaders(DriverSeries.objects.filter(series=series), names, limit)


def single_season(series, limit=TOP):
    """The best single seasons in the series (``DriverSeason``), by category."""
    names = {"season__year": F("season__year"), "driver_name": F("driver__name"), "driver_slug": F("driver__slug")}
    return _leaders(DriverSeason.objects.filter(season__series=series), names, limit)


@dataclass
class Titles:
    name: str
    slug: str
    seasons: list = field(default_factory=list)  # (year, official) in order
    rank: int = 0


def championships(series):
    """(the drivers with most titles in the series, as ``Titles`` ranked; the years of finished seasons
    that name no champion). A title counts where the season names its champion: computed from the
    results under the season's rules, or an editor's official fact. One query (a series has a few dozen
    seasons: its rows are grouped as they are read)."""
    rows = (
        Championship.objects.filter(title_named_q(), season__series=series)
        .order_by("season__year")
        .values_list("champion_if_over__name", "champion_if_over__slug", "season__year", "official")
    )
    holders: dict[str, Titles] = {}
    unnamed: list[int] = []
    for name, slug, year, official in rows:
        if slug is None:
            unnamed.append(year)
        else:
            holders.setdefault(slug, Titles(name, slug)).seasons.append((year, official))
    ranked = sorted(holders.values(), key=lambda t: (-len(t.seasons), t.seasons[0][0]))
    for place, titles in enumerate(ranked):
        before = ranked[place - 1] if place else None
        titles.rank = before.rank if before and len(before.seasons) == len(titles.seasons) else place + 1
    return ranked, unnamed


def win_streaks(series, limit=TOP):
    """The longest runs of consecutive race wins in the series: [(name, slug, wins, first, last)], where
    first and last are (year, round). One query: each winner's race number in the series minus his own
    win count so far is constant along a streak (gaps and islands)."""
    entry, event, season, driver = (model._meta.db_table for model in (Entry, Event, Season, Driver))
    sql = f"""
        SELECT d.name, d.slug, COUNT(*) AS streak, MIN(w.race_order), MAX(w.race_order)
        FROM (
            SELECT e.driver_id, e.race_order,
                   ROW_NUMBER() OVER (ORDER BY e.race_order, e.event_id)
                   - ROW_NUMBER() OVER (PARTITION BY e.driver_id ORDER BY e.race_order, e.event_id) AS island
            FROM {entry} e JOIN {event} ev ON ev.id = e.event_id JOIN {season} s ON s.id = ev.season_id
            WHERE e.finish = 1 AND s.series_id = %s AND ev.counts_for_points
        ) w JOIN {driver} d ON d.id = w.driver_id
        GROUP BY d.id, d.name, d.slug, w.island
        HAVING COUNT(*) > 1
        ORDER BY streak DESC, MIN(w.race_order), d.name
        LIMIT %s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [series.pk, limit])
        rows = cursor.fetchall()
    return [(name, slug, streak, divmod(first, 1000), divmod(last, 1000)) for name, slug, streak, first, last in rows]


def first_wins(series, limit=TOP):
    """The drivers whose first win in the series came most recently: [(name, slug, (year, round))]."""
    rows = (
        Entry.objects.counted()
        .filter(finish=1, event__season__series=series)
        .values("driver__name", "driver__slug")
        .annotate(first=Min("race_order"))
        .order_by("-first", "driver__name")[:limit]
    )
    return [(row["driver__name"], row["driver__slug"], divmod(row["first"], 1000)) for row in rows]


def youngest_winners(series, limit=TOP):
    """Winners by age on the day, where both the birth date and the race date are known (rarely, in the
    history we hold): [(name, slug, age in days, event)]."""
    age = ExpressionWrapper(F("event__date") - F("driver__birth_date"), output_field=DurationField())
    rows = (
        Entry.objects.counted()
        .filter(finish=1, event__season__series=series, event__date__isnull=False, driver__birth_date__isnull=False)
        .annotate(age=age)
        .select_related("driver", "event__season")
        .order_by("age", "race_order")[:limit]
    )
    return [(row.driver.name, row.driver.slug, row.age.days, row.event) for row in rows]
