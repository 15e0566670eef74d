"""Records and leaders of a series: championships, all-time and single-season leaders, win streaks, first
wins, youngest winners, from points races only (an exhibition win is no record).

Leaders, streaks and first wins are worked out by ``refresh`` when ``summaries.refresh`` rewrites the totals
of one of the series' seasons (each one query: totals from the summary rows ``DriverSeries`` and
``DriverSeason``, streaks and first wins from the winners), and kept as ``Record`` lines that the page reads
in one query (``stored``). Titles come from the championship rows the standings keep (``Championship``),
youngest winners from the few winners whose birth date is known: one query each, on each request."""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial

from django.db import connection
from django.db.models import DurationField, ExpressionWrapper, F, Min, Q, Subquery, Window
from django.db.models.functions import Coalesce, Rank

from results.models import Championship, Driver, DriverSeason, DriverSeries, Entry, Event, Season, Series
from results.models.record import Record
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
    names = {"driver_pk": F("driver_id"), "driver_name": F("driver__name")}
    return _leaders(DriverSeries.objects.filter(series=series), names, limit)


def single_season(series, limit=TOP):
    """The best single seasons in the series (``DriverSeason``), by category."""
    names = {"season__year": F("season__year"), "driver_pk": F("driver_id"), "driver_name": F("driver__name")}
    return _leaders(DriverSeason.objects.filter(season__series=series), names, limit)


def win_streaks(series, limit=TOP):
    """The longest runs of consecutive race wins in the series: [(driver id, wins, first, last)], where first
    and last are race orders (``Entry.race_order``). One query: each winner's race number in the series
    minus his own win count so far is constant along a streak (gaps and islands)."""
    entry, event, season, driver = (model._meta.db_table for model in (Entry, Event, Season, Driver))
    sql = f"""
        SELECT d.id, COUNT(*) AS streak, MIN(w.race_order), MAX(w.race_order)
        FROM (
            SELECT e.driver_id, e.race_order,
                   ROW_NUMBER() OVER (ORDER BY e.race_order, e.event_id)
                   - ROW_NUMBER() OVER (PARTITION BY e.driver_id ORDER BY e.race_order, e.event_id) AS island
            FROM {entry} e JOIN {event} ev ON ev.id = e.event_id JOIN {season} s ON s.id = ev.season_id
            WHERE e.finish = 1 AND s.series_id = %s AND ev.counts_for_points
        ) w JOIN {driver} d ON d.id = w.driver_id
        GROUP BY d.id, d.name, w.island
        HAVING COUNT(*) > 1
        ORDER BY streak DESC, MIN(w.race_order), d.name
        LIMIT %s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [series.pk, limit])
        return cursor.fetchall()


def first_wins(series, limit=TOP):
    """The drivers whose first win in the series came most recently: [(driver id, race order)]."""
    return list(
        Entry.objects.counted()
        .filter(finish=1, event__season__series=series)
        .values("driver_id", "driver__name")
        .annotate(first=Min("race_order"))
        .order_by("-first", "driver__name")
        .values_list("driver_id", "first")[:limit]
    )


def refresh(*, series_ids):
    """Rewrite the record lines of these series from their current totals and winners: a few queries each."""
    for series in Series.objects.filter(pk__in=series_ids):
        Record.objects.filter(series=series).delete()
        Record.objects.bulk_create(_lines(series))


def _lines(series):
    for table, leaders in ((Record.Table.CAREER, all_time(series)), (Record.Table.SEASON, single_season(series))):
        for name, rows in leaders.items():
            for place, row in enumerate(rows):
                yield Record(
                    series=series,
                    table=table,
                    category=name,
                    place=place,
                    rank=row[f"r_{name}"],
                    driver_id=row["driver_pk"],
                    value=row[f"v_{name}"],
                    year=row.get("season__year"),
                )
    for place, (driver_id, wins, first, last) in enumerate(win_streaks(series)):
        streak = {"value": wins, "first_race": first, "last_race": last}
        yield Record(series=series, table=Record.Table.STREAK, place=place, driver_id=driver_id, **streak)
    for place, (driver_id, first) in enumerate(first_wins(series)):
        yield Record(series=series, table=Record.Table.FIRST_WIN, place=place, driver_id=driver_id, first_race=first)


def stored(series):
    """The series' record lines, as ``refresh`` left them: ({field: [line...]} of career leaders, the same
    of single-season leaders, win streaks, first wins). A leader's line is a dict (``rank``, ``value``,
    ``year``, ``driver_name``, ``driver_slug``); a streak is (name, slug, wins, first, last) and a first win
    (name, slug, first), where first and last are (year, round). One query."""
    lines = (
        Record.objects.filter(series=series)
        .order_by("table", "category", "place")
        .values("table", "category", "rank", "value", "year", "first_race", "last_race", "driver__name", "driver__slug")
    )
    leaders: dict[str, dict] = {Record.Table.CAREER: defaultdict(list), Record.Table.SEASON: defaultdict(list)}
    streaks, firsts = [], []
    for line in lines:
        name, slug, table = line["driver__name"], line["driver__slug"], line["table"]
        if table == Record.Table.STREAK:
            streaks.append((name, slug, line["value"], _year_round(line["first_race"]), _year_round(line["last_race"])))
        elif table == Record.Table.FIRST_WIN:
            firsts.append((name, slug, _year_round(line["first_race"])))
        else:
            row = {"rank": line["rank"], "value": line["value"], "year": line["year"]}
            leaders[table][line["category"]].append({**row, "driver_name": name, "driver_slug": slug})
    return leaders[Record.Table.CAREER], leaders[Record.Table.SEASON], streaks, firsts


def _year_round(race_order) -> tuple[int, int]:
    """(year, round) of a race order (``Entry.race_order``): a streak's and a first win's are never empty."""
    return divmod(race_order, 1000)


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
