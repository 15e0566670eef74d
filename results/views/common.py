"""What every list view does the same way: filter, sort, paginate, export."""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.shortcuts import render
from django.utils.http import urlencode

from results.exports import BIG_EXPORT_ROWS, csv_response, take_slot
from results.views.paging import PER_PAGE, paginate

EXPORT_RETRY_SECONDS = 30


def filtered_table(
    request, queryset, filterset, table_class, *, caption, per_page=PER_PAGE, joins=None, total=None, **table_kwargs
):
    """Apply a bound filterset, if any (an invalid filter shows no rows, never an error), sort and paginate.

    Columns carry their own tie-break (``id`` last, in the sort's direction), so rows that tie keep
    one order and no row appears on two pages. ``joins``: relations to select onto the page's rows
    only, after the page is chosen (``paging.DeferredJoinPaginator``). ``total``: the number of rows when no
    filter applies, where the page has read it already (a career: its chart has every result): no COUNT query then.
    """
    if filterset is None:
        rows = queryset
    else:
        rows = filterset.qs if not filterset.is_bound or filterset.is_valid() else queryset.none()
    table = table_class(rows, **table_kwargs)
    table.caption = caption
    sort_from_url(request, table)  # paging below
    unfiltered = (
        filterset is None
        or not filterset.is_bound
        or (filterset.is_valid() and not any(filterset.form.cleaned_data.values()))
    )
    paginate(table, request, per_page=per_page, joins=joins, count=total if unfiltered else None)
    hide_empty_columns(table)
    return table


def sort_from_url(request, table):
    """The table sorted as ``?sort=`` asks, by its columns only. Not ``RequestConfig``: django-tables2 reads any
    value before it drops the ones naming no column, and warns for one with a dot (a deprecated accessor) on
    every such request: "?sort=driver.name" was a page that logged a DeprecationWarning."""
    table.request = request
    known = [
        alias
        for alias in request.GET.getlist(table.prefixed_order_by_field)
        if alias.removeprefix("-") in table.columns
    ]
    if known:  # none: the table's own order, its header saying so (an empty sort unmarked the sorted column)
        table.order_by = known


def export(request, table, filename):
    """A CSV response when ``?_export=csv`` asks for one; None otherwise.

    A visitor's export stops at EXPORT_MAX_ROWS rows (counted already, for the table's pages): past
    that, a page points to the filters and to the dumps, which hold everything. Editors export any size.
    A big export streams only in one of EXPORT_SLOTS places; when all are taken, a 503 says when to
    come back.
    """
    wanted = request.GET.get("_export")
    if wanted is None:
        return None
    if wanted != "csv":
        raise BadRequest("Only CSV export is offered.")
    rows, limit = getattr(table, "paginator", None) and table.paginator.count, settings.EXPORT_MAX_ROWS
    if rows and rows > limit and not request.user.is_authenticated:
        query = urlencode([(k, v) for k, v in request.GET.lists() if k != "_export"], doseq=True)
        context = {"rows": rows, "limit": limit, "table_url": f"{request.path}?{query}" if query else request.path}
        return render(request, "results/export_too_big.html", context, status=403)
    slot = None
    if rows and rows > BIG_EXPORT_ROWS:
        slot = take_slot()
        if slot is None:
            busy = render(request, "results/export_busy.html", {"retry": EXPORT_RETRY_SECONDS}, status=503)
            busy["Retry-After"] = str(EXPORT_RETRY_SECONDS)
            return busy
    return csv_response(table, filename, slot=slot)


def stats_table(table_class, rows, caption, **kwargs):
    table = table_class(rows, **kwargs)
    table.caption = caption
    hide_empty_columns(table)
    return table


def hide_empty_columns(table):
    """Hide the columns with nothing in them on the rows shown (a schedule without dates, results before
    ratings were kept): they took width and told nothing. Exports still carry them."""
    records = [row.record for row in table.paginated_rows]
    if not records:
        return
    for column in list(table.columns):
        empty = column.column.empty_values
        if empty and all(_value(record, column.accessor) in empty for record in records):
            table.columns.hide(column.name)


def _value(record, accessor):
    if type(record) is dict and str(accessor) in record:
        return record[str(accessor)]
    return accessor.resolve(record, quiet=True)
