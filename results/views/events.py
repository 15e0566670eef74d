from pathlib import PurePath

from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from results import selectors
from results.filters import EntryFilter
from results.models import Event
from results.tables import EntryTable
from results.views.cache import TABLE_PARAMS, page_params
from results.views.common import export, filtered_table

OPTIONAL_COLUMNS = ["points", "laps_led", "stage1", "stage2", "rating", "start", "number", "team", "manufacturer"]


@page_params(EntryFilter, *TABLE_PARAMS)
def event_detail(request, slug):
    event = get_object_or_404(Event.objects.with_relations().with_podium().with_stage_winners(), slug=slug)
    entries = event.entries.select_related("driver", "team", "manufacturer")
    # columns this race has no data for stay off the table: one aggregate query
    present = event.entries.aggregate(**{name: Count(name) for name in OPTIONAL_COLUMNS})
    filterset = EntryFilter(request.GET or None, queryset=entries, event=event)
    table = filtered_table(
        request,
        entries,
        filterset,
        EntryTable,
        caption="Results",
        per_page=100,
        exclude=[name for name, count in present.items() if not count],
    )
    csv = export(request, table, event.slug)
    if csv:
        return csv
    previous, following = selectors.neighbours(event)
    context = {
        "event": event,
        "table": table,
        "filter": filterset,
        "previous": previous,
        "next": following,
        "source_name": source_name(event.source),
    }
    return render(request, "results/event_detail.html", context)


def source_name(source):
    """What the page may say of where a report came from: a web address as it is, a file by its name only
    (never the server's folders), nothing for a report read from standard input or pasted."""
    if source.startswith(("https://", "http://")):
        return source
    name = PurePath(source.replace("\\", "/")).name
    return "" if name in {"", "-", "<stdin>", "pasted report"} else name
