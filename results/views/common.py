"""What every list view does the same way: filter, sort, paginate, export."""
from django.core.exceptions import BadRequest
from django.core.paginator import EmptyPage
from django_tables2 import RequestConfig

from results.exports import csv_response

PER_PAGE = 50


def filtered_table(request, queryset, filterset, table_class, *, caption, per_page=PER_PAGE, **table_kwargs):
    """Apply a bound filterset (an invalid filter shows no rows, never an error), sort and paginate.

    A page number that is not one shows the first page; one past the end, the last.
    """
    rows = filterset.qs if not filterset.is_bound or filterset.is_valid() else queryset.none()
    table = table_class(rows, **table_kwargs)
    table.caption = caption
    RequestConfig(request, paginate=False).configure(table)  # sorting from the URL; paging below
    page = request.GET.get(table.prefixed_page_field, "1")
    try:
        table.paginate(page=int(page) if page.isdigit() else 1, per_page=per_page)
    except EmptyPage:
        table.paginate(page=table.paginator.num_pages, per_page=per_page)
    return table


def export(request, table, filename):
    """A CSV response when ``?_export=csv`` asks for one; None otherwise."""
    wanted = request.GET.get("_export")
    if wanted is None:
        return None
    if wanted != "csv":
        raise BadRequest("Only CSV export is offered.")
    return csv_response(table, filename)


def stats_table(table_class, rows, caption, **kwargs):
    table = table_class(rows, **kwargs)
    table.caption = caption
    return table
