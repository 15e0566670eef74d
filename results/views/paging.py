"""Paging big results lists: a page's rows chosen on the entries alone, names joined onto them after."""

from typing import Any

from django.core.paginator import EmptyPage, Page, Paginator
from django.db.models import F
from django.db.models.lookups import In
from django_tables2.rows import BoundRows

PER_PAGE = 50


class AmongChosen(In):
    """``id IN (subquery)``; on PostgreSQL ``id = ANY(ARRAY(subquery))``: the subquery runs once, before the
    joins, instead of being planned as one more table to join: a page of results planned in 1.2 ms
    instead of 2 (about as long as the page takes to run)."""

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)


def page_rows(queryset, bottom, size, joins):
    """Rows ``bottom`` to ``bottom + size`` of ``queryset`` (entries, filtered and sorted) with ``joins``
    selected, in one query: the page's ids are chosen in a subquery on the entries alone (the same filters,
    order and slice, read off an index), and only those rows are joined, then sorted the same way. The
    outer query names no filter of its own, so it starts from the 50 ids, not from the owner's index.

    Sorted by a results column or paged far back, a make's 70,000 entries were joined to their races,
    drivers and teams before all but 50 were dropped (Chevrolet by finish: 101 ms; ids first, 44 ms on
    PostgreSQL). The ids were a query of their own until a PostgreSQL round trip on a busy machine cost
    more than choosing them (a driver's page at a track: 10 queries, now 9)."""
    chosen = queryset.values("pk")[bottom : bottom + size]
    ordering = queryset.query.order_by  # the table's sort, as common.sort_from_url set it
    rows = queryset.model._default_manager.joined(joins).filter(AmongChosen(F("pk"), chosen))
    # the queryset's own columns (a head-to-head's rival finish), which the table shows and may sort by
    rows = rows.annotate(**queryset.query.annotations)
    return list(rows.order_by(*ordering))


class DeferredJoinPaginator(Paginator):
    """Pages of a table's queryset whose rows are joined to ``joins`` only once the page is chosen
    (``page_rows``). ``object_list`` is the table's rows (``table.rows``), as ``Table.paginate`` passes them;
    their data is the table's ordered queryset."""

    def __init__(self, object_list, per_page, *, joins=(), count=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.joins = joins
        if count is not None:
            self.count = count  # known already (Paginator.count is a cached property): no COUNT query

    def page(self, number):
        number = self.validate_number(number)
        rows: Any = self.object_list  # the table's BoundRows
        chosen = page_rows(rows.data.data, (number - 1) * self.per_page, self.per_page, self.joins)
        return Page(BoundRows(chosen, table=rows.table), number, self)


def page_number(request, field="page"):
    """The page a URL asks for; anything that is not a plain whole number asks for the first.

    (``"²".isdigit()`` is true and ``int("²")`` fails: only ASCII digits count.)"""
    value = request.GET.get(field, "1")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else 1


def paginate(table, request, *, per_page=PER_PAGE, joins=None, count=None):
    """Show the page the URL asks for: the first when it is not a number, the last when past the end.

    Not ``RequestConfig(paginate=...)``: it also takes ``?per_page=`` from the URL, so a visitor
    could ask for every row of a 70,000-row table on one page.
    """
    options = {"per_page": per_page}
    if joins is not None:
        options.update(paginator_class=DeferredJoinPaginator, joins=joins, count=count)
    try:
        table.paginate(page=page_number(request, table.prefixed_page_field), **options)
    except EmptyPage:
        table.paginate(page=table.paginator.num_pages, **options)
