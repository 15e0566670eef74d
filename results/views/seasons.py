from django.shortcuts import get_object_or_404, render

from results import browse, selectors
from results.models import Season, Series
from results.tables import LapsLedTable, ScheduleTable, StandingsTable
from results.views.cache import page_params
from results.views.common import export, stats_table


@page_params()
def series_detail(request, slug):
    series = get_object_or_404(Series, slug=slug)
    leaders = browse.winners_leaders(series)
    seasons = [(season, leaders.get(season.pk, [])) for season in browse.seasons_of(series)]
    return render(request, "results/series_detail.html", {"series": series, "seasons": seasons})


@page_params("_export")
def season_detail(request, slug, year):
    season = get_object_or_404(Season.objects.select_related("series"), series__slug=slug, year=year)
    schedule = stats_table(
        ScheduleTable, season.events.with_relations().with_podium().order_by("round"), f"{year} schedule and winners"
    )
    standings = stats_table(StandingsTable, selectors.season_standings(season), f"{year} points standings")
    csv = export(request, standings, f"{season.series.slug}-{year}-standings")
    if csv:
        return csv
    context = {
        "season": season,
        "schedule": schedule,
        "standings": standings,
        **season_extras(season),
    }
    return render(request, "results/season_detail.html", context)


def season_extras(season):
    """The season page's links to the series' previous and next seasons, and its laps-led leaders: two queries."""
    years = list(season.series.seasons.filter(events__isnull=False).distinct().values_list("year", flat=True))
    earlier, later = [y for y in years if y < season.year], [y for y in years if y > season.year]
    led = stats_table(LapsLedTable, selectors.laps_led_leaders(season), f"{season.year} laps led leaders")
    return {"previous_year": max(earlier, default=None), "next_year": min(later, default=None), "laps_led": led}
