"""Index pages: every track, team and make, sortable, filterable and paged."""

from functools import partial

from django.shortcuts import render

from results import browse
from results.filters import GroupFilter, TrackFilter
from results.index_tables import GroupIndexTable, TrackIndexTable
from results.models import Series
from results.views.common import export, filtered_table


def track_index(request):
    series_list = list(Series.objects.all())
    rows = partial(browse.tracks, series_list)
    filterset = TrackFilter(request.GET or None, rows=lambda series: rows(series=series))
    table = filtered_table(
        request, filterset.queryset, filterset, TrackIndexTable, caption="Tracks", series_list=series_list
    )
    return export(request, table, "tracks") or render(
        request, "results/index.html", {"table": table, "filter": filterset, "heading": "Tracks", "what": "tracks"}
    )


def _group_index(request, field, kind, view, heading):
    filterset = GroupFilter(request.GET or None, field=field, rows=lambda series: browse.groups(field, series=series))
    series = filterset.form.cleaned_data.get("series") if filterset.is_bound and filterset.is_valid() else None
    caption = f"{heading}: totals in the {series} only" if series else f"{heading}: totals in all series combined"
    table = filtered_table(
        request, filterset.queryset, filterset, GroupIndexTable, caption=caption, view=view, kind=kind
    )
    return export(request, table, heading.lower()) or render(
        request,
        "results/index.html",
        {"table": table, "filter": filterset, "heading": heading, "what": heading.lower()},
    )


def team_index(request):
    return _group_index(request, "team", "Team", "results:team", "Teams")


def manufacturer_index(request):
    return _group_index(request, "manufacturer", "Make", "results:manufacturer", "Manufacturers")
