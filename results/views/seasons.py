from django.core.exceptions import BadRequest
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from results import browse, selectors
from results.models import Season, Series
from results.standings import queries
from results.standings.chart import TOP, points_chart
from results.standings.tables import ChampionshipTable
from results.tables import LapsLedTable, ScheduleTable, StandingsTable
from results.views.cache import page_params
from results.views.common import export, stats_table


@page_params()
def series_detail(request, slug):
    series = get_object_or_404(Series, slug=slug)
    leaders, champions = browse.winners_leaders(series), queries.season_champions(series)
    seasons = [(season, leaders.get(season.pk, []), champions.get(season.pk)) for season in browse.seasons_of(series)]
    return render(request, "results/series_detail.html", {"series": series, "seasons": seasons})


@page_params("_export", "after")
def season_detail(request, slug, year):
    season = get_object_or_404(Season.objects.select_related(*queries.SEASON_JOINS), series__slug=slug, year=year)
    championship = queries.championship(season)
    final_round = championship.final_round if championship else None
    after = chosen_round(request, final_round)
    champion_id = championship.champion_id if championship and after == final_round else None
    rows = list(queries.standings_after(season, after, champion_id=champion_id)) if after else []
    if request.GET.get("after") and not rows:
        raise Http404(f"No standings after round {after} of this season (a race that did not count, or none).")
    final = championship is not None and after is not None and after == final_round and championship.over
    if after is None:  # no race of the season counts yet (an exhibition alone), or none was recomputed
        heading = "No standings yet: no race of this season counts for points"
    else:
        heading = "Final standings" if final else f"Standings after round {after}"
    title = f"{year} {heading[0].lower()}{heading[1:]}"
    standings = stats_table(ChampionshipTable, rows, title)
    csv = export(request, standings, f"{season.series.slug}-{year}-standings")
    if csv:
        return csv
    context = {
        "season": season,
        "championship": championship,
        "rulebook": queries.rulebook_name(championship.rulebook) if championship else "",
        "after": after,
        "heading": heading,
        "title_note": queries.title_note(rows, championship.official) if champion_id else "",
        "standings": standings,
        "adjustments": queries.adjustments(season),
        **season_course(season, standings, rows, champion_id, championship),
        "schedule": stats_table(
            ScheduleTable,
            season.events.listed().order_by("round"),
            f"{year} schedule and winners",
        ),
        "statistics": stats_table(StandingsTable, selectors.season_standings(season), f"{year} season statistics"),
        **season_extras(season),
    }
    return render(request, "results/season_detail.html", context)


def season_course(season, standings, rows, champion_id, championship):
    """The points chart of the top drivers, the playoff grid, and the note on statuses the results leave open:
    one query. Outside playoff eras the table's playoff column goes (the heading names the champion; the CSV
    keeps the column)."""
    top = {row["driver_pk"]: row["driver_name"] for row in rows[:TOP]}
    lines, marks, (grid_rounds, grid, grid_open) = queries.progress(season, list(top), champion_id)
    if not marks:
        standings.columns.hide("status")
    is_open = grid_open or any(not row["status_certain"] for row in rows)
    return {
        "chart": points_chart(lines, top, marks),
        "grid_rounds": grid_rounds,
        "grid": grid,
        "open_status": queries.open_status_note(championship) if is_open else "",
    }


def chosen_round(request, final_round):
    """The round ``?after=`` asks for (the last counted one by default); a 400 when it is not a round number."""
    text = request.GET.get("after", "")
    if not text:
        return final_round
    if not text.isascii() or not text.isdigit() or len(text) > 3:
        raise BadRequest("after= takes a round number.")
    return int(text)


def season_extras(season):
    """The season page's links to the series' previous and next seasons, and its laps-led leaders: two queries."""
    years = list(season.series.seasons.filter(events__isnull=False).distinct().values_list("year", flat=True))
    earlier, later = [y for y in years if y < season.year], [y for y in years if y > season.year]
    led = stats_table(LapsLedTable, selectors.laps_led_leaders(season), f"{season.year} laps led leaders")
    return {"previous_year": max(earlier, default=None), "next_year": min(later, default=None), "laps_led": led}
