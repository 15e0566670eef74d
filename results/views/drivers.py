from django.shortcuts import get_object_or_404, render

from results import selectors
from results.charts import finishes_chart
from results.filters import DriverFilter, ResultsFilter
from results.models import Driver
from results.models.entry import results_table_joins
from results.standings import queries
from results.standings.tables import DriverSeasonTable
from results.tables import (
    DriverIndexTable,
    ResultsTable,
    SeriesStatsTable,
    TrackStatsTable,
)
from results.views.cache import TABLE_PARAMS, page_params
from results.views.common import export, filtered_table, stats_table
from results.views.moved import follows_old_slugs


@page_params(DriverFilter, *TABLE_PARAMS)
def driver_index(request):
    drivers = selectors.driver_index()
    filterset = DriverFilter(request.GET or None, queryset=drivers)
    series, year = filterset.scope_chosen()
    table = filtered_table(request, drivers, filterset, DriverIndexTable, caption=index_caption(series, year))
    csv = export(request, table, "drivers")
    return csv or render(request, "results/driver_index.html", {"table": table, "filter": filterset})


def index_caption(series, year):
    """Says whose totals the index shows: a series', a season's, or every series added together."""
    if series and year:
        return f"Drivers of the {year} {series.short_name or series}: totals of that season"
    if series:
        return f"Drivers of the {series}: totals in that series only"
    if year:
        return f"Drivers of {year}: that year's totals, all series combined"
    return "Drivers: career totals, all series combined"


@page_params(ResultsFilter, *TABLE_PARAMS)
@follows_old_slugs(Driver)
def driver_detail(request, slug):
    driver = get_object_or_404(Driver, slug=slug)
    by_season, by_track = selectors.career_by_season(driver), selectors.career_by_track(driver)
    entries = driver.entries.for_results_table(known=["driver"])
    tracks = [(row["track_pk"], row["track_slug"], row["track_name"]) for row in by_track]
    tracks.sort(key=lambda track: track[2])
    finishes = selectors.career_finishes(driver)  # one row per result: the unfiltered list's count too
    filterset = ResultsFilter(request.GET or None, queryset=entries, tracks=tracks)
    results = filtered_table(
        request,
        entries,
        filterset,
        ResultsTable,
        caption="Every result",
        exclude=["driver"],
        joins=results_table_joins(known=["driver"]),
        total=len(finishes),  # not driver.starts: that leaves out exhibition races, which the list has
    )
    csv = export(request, results, f"{driver.slug}-results")
    if csv:
        return csv
    context = {
        "driver": driver,
        "by_series": stats_table(SeriesStatsTable, selectors.career_by_series(driver), "Career totals by series"),
        "by_season": stats_table(DriverSeasonTable, by_season, "Season by season"),
        "titles": queries.titles(by_season),
        "untitled": queries.untitled_seasons(by_season),
        "by_track": stats_table(TrackStatsTable, by_track, "Results at each track"),
        "years": sorted({row["year"] for row in by_season}),
        "chart": finishes_chart(finishes),
        "results": results,
        "filter": filterset,
    }
    return render(request, "results/driver_detail.html", context)
