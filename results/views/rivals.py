"""Head-to-head: two drivers in the races they both ran."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from results import rivals
from results.models import Driver
from results.models.entry import results_table_joins
from results.search import search
from results.tables import MeetingsTable, RivalsStatsTable
from results.views.common import filtered_table, stats_table


def head_to_head(request, slug, rival):
    driver, other = get_object_or_404(Driver, slug=slug), get_object_or_404(Driver, slug=rival)
    if driver.pk == other.pk:
        raise Http404("A driver against himself")
    seasons = rivals.ahead_by_season(driver, other)
    overall = rivals.ahead_in_all(seasons)
    races = filtered_table(
        request,
        rivals.shared_races(driver, other),
        None,
        MeetingsTable,
        caption="Every race they both ran",
        joins=results_table_joins(known=["driver"]),
        total=overall["races"],  # no COUNT query: the seasons counted every shared race
    )
    races.columns["finish"].column.verbose_name = driver.name
    races.columns["rival_finish"].column.verbose_name = other.name
    context = {
        "driver": driver,
        "rival": other,
        "overall": overall,
        "seasons": seasons,
        "totals": stats_table(RivalsStatsTable, rivals.totals_by_series(driver, other), "Career totals by series"),
        "races": races,
    }
    return render(request, "results/head_to_head.html", context)


def compare(request, slug):
    """The career page's "compare with" box: the best-matching driver's head-to-head page."""
    driver = get_object_or_404(Driver, slug=slug)
    found, _ = search(request.GET.get("with", "")[:200])
    for result in found:
        if result.kind == "Driver" and not result.url.endswith(f"/{driver.slug}/"):
            return redirect("results:head_to_head", slug, result.url.rstrip("/").rsplit("/", 1)[1])
    raise Http404("No other driver matches that name")
