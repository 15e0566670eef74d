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
    # rows that tie on the sorted column keep one order, so no row appears on two pages; the tie
    # follows the sort's direction so that an index ending in id serves both
    ordered = table.data.data
    order = ordered.query.order_by or ordered.model._meta.ordering
    descending = bool(order) and isinstance(order[0], str) and order[0].startswith("-")
    table.data.data = ordered.order_by(*order, "-pk" if descending else "pk")
    paginate(table, page_number(request, table.prefixed_page_field), per_page)
    _join_after_paging(table)
    return table


def _join_after_paging(table):
    """Choose the page's rows on their own table, then join the names onto those rows only.

    Sorted by a results column (finish, laps led...) or paged far back, a make's 70,000 entries
    were joined to their races, drivers and teams before all but 50 were dropped. The page's ids
    come from a subquery with the same filters, order and slice; the outer query keeps the order.
    """
    page = table.page.object_list
    query = page.data.query
    ordered = table.data.data
    ids = ordered.values("pk")[query.low_mark:query.high_mark]
    # the outer query finds the rows by id alone: repeating the filters made SQLite scan them all
    rows = ordered.model._default_manager.filter(pk__in=ids).order_by(*ordered.query.order_by)
    rows.query.select_related = ordered.query.select_related
    rows._known_related_objects = ordered._known_related_objects  # driver.entries: its driver, not joined
    page.data = rows


def page_number(request, field="page"):
    value = request.GET.get(field, "1")
    return int(value) if value.isdigit() and len(value) < 10 else 1


def paginate(table, page, per_page):
    try:
        table.paginate(page=page, per_page=per_page)
    except EmptyPage:
        table.paginate(page=table.paginator.num_pages, per_page=per_page)


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
