"""Track, team and manufacturer pages: what happened there, by season, by driver, every result."""

from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe

from results.filters import ResultsFilter
from results.links import page_url, slug_url
from results.models import Manufacturer, Team, Track
from results.models.entry import results_table_joins
from results.selectors import group_by_season, group_drivers, track_races
from results.table_cells import escape
from results.tables import DriverStatsTable, EventListTable, ResultsTable, SeasonStatsTable
from results.views.cache import TABLE_PARAMS, page_params
from results.views.common import export, filtered_table, stats_table
from results.views.moved import follows_old_slugs
from results.views.paging import paginate

TOP_DRIVERS = 25


def _page(request, template, field, obj, *, extra=None):
    """The page of ``obj``, a make, team or track (``field`` says which: the Entry field naming it)."""
    # the page's own track, team or make is every row's: neither joined nor shown
    entries = obj.entries.for_results_table(known=[field])
    filterset = ResultsFilter(request.GET or None, queryset=entries)
    results = filtered_table(
        request,
        entries,
        filterset,
        ResultsTable,
        caption="Every result",
        exclude=[field],
        joins=results_table_joins(known=[field]),
    )
    csv = export(request, results, f"{obj.slug}-results")
    if csv:
        return csv
    context = {
        "object": obj,
        "by_season": stats_table(
            SeasonStatsTable, group_by_season(field, obj), "Season by season", exclude=["n_points"]
        )
        if field != "track"
        else None,
        "drivers": stats_table(
            DriverStatsTable, group_drivers(field, obj, TOP_DRIVERS), f"Drivers (top {TOP_DRIVERS} by wins)"
        ),
        "results": results,
        "filter": filterset,
        **(extra or {}),
    }
    return render(request, template, context)


@page_params(ResultsFilter, *TABLE_PARAMS, "races-page")
@follows_old_slugs(Track)
def track_detail(request, slug):
    track = get_object_or_404(Track, slug=slug)
    events = track_races(track)  # every race here, read once: the season summary and the paged list
    races = EventListTable(events, prefix="races-")
    races.caption = "Races held"
    paginate(races, request, per_page=25)
    extra = {"events": races, "track_seasons": track_seasons(events)}
    return _page(request, "results/track_detail.html", "track", track, extra=extra)


def track_seasons(events):
    """What a fan asks of a track, season by season: its races, their winners, who started first and who
    led most laps, from the races already read (newest first). Each cell's links are written here, once
    (``results.links``), rather than by template loops and a ``{% url %}`` per link: Daytona has 170 rows."""
    seasons: dict[tuple, dict] = {}
    for event in events:
        series = event.season.series
        key = (event.season.year, series.sort_order, series.pk)
        if key not in seasons:
            url = page_url("results:season", series.slug, event.season.year)
            seasons[key] = {"year": event.season.year, "series": series, "url": url, "races": []}
        seasons[key]["races"].insert(0, event)  # in round order within the season
    for row in seasons.values():
        races = row["races"]
        row["winners"] = _names(races, "winner")
        row["front"] = _names(races, "pole", marker=lambda event: event.pole_official)
        row["led"] = _names(races, "led", laps=True)
    return list(seasons.values())


POLE = ' <abbr class="marker" title="Pole winner, as the report says">pole</abbr>'


def _names(races, who, *, marker=None, laps=False):
    """One cell: each race's driver (``who``: winner, pole or led) linked, in round order. Plain
    f-strings with ``escape``: format_html's lazy-text checks were most of the page's time."""
    cells = []
    for event in races:
        slug = getattr(event, f"{who}_slug")
        if not slug:
            cells.append("—")
            continue
        name = escape(getattr(event, f"{who}_name"))
        cell = f'<a href="{escape(slug_url("results:driver", slug))}">{name}</a>'
        if laps:
            cell += f" ({int(event.led_laps)})"
        if marker and marker(event):
            cell += POLE
        cells.append(cell)
    return mark_safe(", ".join(cells))


@page_params(ResultsFilter, *TABLE_PARAMS)
@follows_old_slugs(Team)
def team_detail(request, slug):
    team = get_object_or_404(Team, slug=slug)
    return _page(request, "results/group_detail.html", "team", team)


@page_params(ResultsFilter, *TABLE_PARAMS)
@follows_old_slugs(Manufacturer)
def manufacturer_detail(request, slug):
    make = get_object_or_404(Manufacturer, slug=slug)
    return _page(request, "results/group_detail.html", "manufacturer", make)
