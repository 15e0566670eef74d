from django.shortcuts import get_object_or_404, render

from results import selectors
from results.models import Season, Series
from results.tables import ScheduleTable, StandingsTable
from results.views.common import export, stats_table


def series_detail(request, slug):
    series = get_object_or_404(Series, slug=slug)
    seasons = series.seasons.order_by("-year")
    return render(request, "results/series_detail.html", {"series": series, "seasons": seasons})


def season_detail(request, slug, year):
    season = get_object_or_404(Season.objects.select_related("series"), series__slug=slug, year=year)
    schedule = stats_table(
        ScheduleTable, season.events.with_relations().with_podium().order_by("round"), f"{year} schedule and winners"
    )
    standings = stats_table(StandingsTable, selectors.season_standings(season), f"{year} points standings")
    csv = export(request, standings, f"{season.series.slug}-{year}-standings")
    if csv:
        return csv
    return render(
        request, "results/season_detail.html", {"season": season, "schedule": schedule, "standings": standings}
    )
