"""How API lists are filtered, sorted, paged and rate-limited: as the pages do it, where there is a page."""

from functools import cache
from typing import Any

import django_filters as filters
from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Count, Window
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.extensions import OpenApiFilterExtension
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend
from rest_framework.pagination import PageNumberPagination
from rest_framework.throttling import AnonRateThrottle

from results.models import Event, Season, Series, Track


class VisitorRate(AnonRateThrottle):
    """API_ANON_RATE per client address, counted in the shared cache (so across app servers, with Redis)."""

    def get_rate(self):
        return settings.API_ANON_RATE


class IdsFirstPaginator(Paginator):
    """A page in two short queries: the page's ids on the filtered, sorted rows alone, then those rows
    with their joins (as ``views.paging.DeferredJoinPaginator`` does for the pages' tables). ``rows``, when
    given, reads those rows with the joins and annotations they show (the races' winners and pole sitters)
    that the list's own queryset leaves out, so that neither the count nor the ids pay for them."""

    def __init__(self, object_list, per_page, *, rows=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.rows = object_list if rows is None else rows

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        queryset: Any = self.object_list
        ids = list(queryset.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        by_id = self.rows.order_by().in_bulk(ids)
        return Page([by_id[pk] for pk in ids], number, self)


LARGEST_OFFSET = 2**63 - 1  # a 64-bit integer, as SQLite and PostgreSQL take it: a page beyond is past the end


class CountedRowsPaginator(Paginator):
    """Pages of rows that are not model instances (a values() query), each page read with the count of
    all rows (COUNT(*) OVER ()): one query, not a count then a page. These lists group and sort all their
    rows for any page (the driver index by wins), so counting them there costs next to nothing; a count
    of its own grouped them all again. Only a page past the end reads no count (it is a 404)."""

    def validate_number(self, number):
        """The page number, not yet checked against the count (which comes with the page's rows)."""
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        if (number - 1) * self.per_page > LARGEST_OFFSET:
            raise EmptyPage("That page contains no results")
        return number

    def page(self, number):
        queryset: Any = self.object_list
        if queryset.query.distinct:  # the window counts the rows before DISTINCT (a name search through aliases)
            number = Paginator.validate_number(self, number)  # a COUNT query of its own, past the end a 404
            bottom = (number - 1) * self.per_page
            return Page(list(queryset[bottom : bottom + self.per_page]), number, self)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(queryset.annotate(all_rows=Window(Count("*")))[bottom : bottom + self.per_page])
        if not rows and number > 1:
            raise EmptyPage("That page contains no results")
        self.count = rows[0]["all_rows"] if rows else 0  # Paginator.count is a cached property: no COUNT query
        return Page([{k: v for k, v in row.items() if k != "all_rows"} for row in rows], number, self)


class Pages(PageNumberPagination):
    """?page=N (from 1) and ?page_size= up to 100; each list says its count and links next and previous.
    A view's ``rows`` (see ``IdsFirstPaginator``) give its page's rows what they show."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        self.rows = getattr(view, "rows", None)
        return super().paginate_queryset(queryset, request, view)

    def django_paginator_class(self, object_list, per_page):  # DRF calls it as it would a Paginator class
        return IdsFirstPaginator(object_list, per_page, rows=self.rows)

    def get_paginated_response_schema(self, schema):
        # DRF writes the links' null as OpenAPI 3.0 does ("nullable"); the schema is OpenAPI 3.1
        def link(which):
            return {"type": ["string", "null"], "format": "uri", "description": f"The {which} page; null if none."}

        properties = {"count": {"type": "integer", "description": "Rows in all pages."}}
        properties |= {"next": link("next"), "previous": link("previous"), "results": schema}
        return {"type": "object", "required": list(properties), "properties": properties}


class RowPages(Pages):
    """Pages of rows that are not model instances (a values() query): sliced as they are, with their count."""

    def django_paginator_class(self, object_list, per_page):
        return CountedRowsPaginator(object_list, per_page)


class PageFilters(DjangoFilterBackend):
    """The pages' own FilterSets; a view may give them more arguments (``filterset_kwargs``). An invalid
    value is a 400 that names the parameter."""

    def get_filterset_kwargs(self, request, queryset, view):
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        return {**kwargs, **getattr(view, "filterset_kwargs", dict)()}


class PageFiltersSchema(OpenApiFilterExtension):
    """The filters' query parameters as the API takes them: names (slugs) for things, whole numbers for
    years, a list of words for choices. (Guessed from the models, a track would be an id.)"""

    target_class = PageFilters
    match_subclasses = True

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        view = auto_schema.view
        filterset_class = getattr(view, "filterset_class", None)
        unused = getattr(view, "unused_filters", ())  # filters the FilterSet drops for this view
        found = filterset_class.base_filters.items() if filterset_class else []
        return [filter_parameter(name, f) for name, f in found if name not in unused]


def filter_parameter(name, f):
    label = str(f.label or name.capitalize())
    schema: dict[str, Any]
    if isinstance(f, filters.ModelChoiceFilter) or (isinstance(f, filters.ChoiceFilter) and not f.extra["choices"]):
        schema, description = {"type": "string"}, f"{label}: a slug, as in the site's addresses."
    elif isinstance(f, filters.ChoiceFilter):
        choices = f.extra["choices"]
        schema = {"type": "string", "enum": [value for value, _ in choices]}
        description = f"{label}: " + "; ".join(f"{value} ({text.lower()})" for value, text in choices) + "."
    elif isinstance(f, filters.NumberFilter):
        schema, description = {"type": "integer"}, f"{label} (a year)." if "year" in name else label
    else:
        schema, description = {"type": "string"}, label
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


class TableSort(BaseFilterBackend):
    """?sort= as on the pages: a column of the page's table (``view.sort_table``), with '-' for
    descending, sorted with the column's own keys and tie-break, so pages never repeat a row."""

    def filter_queryset(self, request, queryset, view):
        columns = sort_columns(view.sort_table)
        wanted = request.query_params.get("sort") or view.default_sort
        descending = wanted.startswith("-")
        keys = columns.get(wanted[1:] if descending else wanted)
        if keys is None:
            raise ValidationError({"sort": [f"Sort by one of: {', '.join(sort_names(columns))}."]})
        return queryset.order_by(*(key.ordering(descending) for key in keys))

    def get_schema_operation_parameters(self, view):
        names = sort_names(sort_columns(view.sort_table))
        description = f"A column, '-' first for descending. Default: {view.default_sort}."
        schema = {"type": "string", "enum": names, "default": view.default_sort}
        return [{"name": "sort", "required": False, "in": "query", "description": description, "schema": schema}]


def sort_names(columns):
    return [name for column in columns for name in (column, f"-{column}")]


def sort_columns(table):
    """{column name: its sort keys (``sorting.Key``)}: a page's table (its columns that sort, each a
    ``SortedColumn``), or such a dict already, for lists that have no page."""
    return table if isinstance(table, dict) else table_sorts(table)


@cache
def table_sorts(table):
    shown = {column.name for column in table([]).columns if column.orderable}
    columns = table.base_columns.items()
    return {name: column.sort for name, column in columns if name in shown and getattr(column, "sort", None)}


class SeasonFilter(filters.FilterSet):
    series = filters.ModelChoiceFilter(queryset=Series.objects.all(), to_field_name="slug")
    year = filters.NumberFilter(field_name="year")

    class Meta:
        model = Season
        fields = ["series", "year"]


class RaceFilter(filters.FilterSet):
    series = filters.ModelChoiceFilter(
        field_name="season__series", queryset=Series.objects.all(), to_field_name="slug", label="Series (slug)"
    )
    year = filters.NumberFilter(field_name="season__year", label="Season")
    track = filters.ModelChoiceFilter(queryset=Track.objects.all(), to_field_name="slug", label="Track (slug)")

    class Meta:
        model = Event
        fields = ["series", "year", "track"]
