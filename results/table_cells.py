"""A table's cells, with each column's rendering decided once rather than for every cell.

django-tables2 renders every cell through ``BoundRow.get_cell`` (``get_cell_value`` for
exports), which takes the same decisions for each cell of a column again: it builds an accessor,
looks for a choices field, inspects the render method's and the link's arguments, finds the
column by name among all columns. On a career page (about 2,000 cells) that was most of the
page's time, and most of a CSV export's. Here those decisions are taken once per column; the
cells still come from the table's own render, value and link methods, with the same escaping.
``tests/test_table_body.py`` holds the HTML and the exported values equal to django-tables2's
for every table of the site. Columns this does not cover go through django-tables2 unchanged.
"""

import html
from operator import attrgetter

from django.core.exceptions import FieldDoesNotExist
from django.utils.encoding import force_str
from django.utils.safestring import mark_safe
from django_tables2.columns import Column, ManyToManyColumn
from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.utils import Accessor, signature

# What django-tables2 offers render methods and linkify callables, by argument name.
CELL_ARGUMENTS = {"value", "record", "column", "bound_column", "bound_row", "table"}
NOT_COVERED = object()


def export_rows(table, rows=None):
    """``table.as_values()``: the header, then each row's exported values (all rows, every page;
    ``rows``: the table's rows read another way, e.g. streamed)."""
    columns = [column for column in table.columns.iterall() if not column.column.exclude_from_export]
    yield [force_str(column.header, strings_only=True) for column in columns]
    cells = [cell_function(table, column, export=True) for column in columns]
    for row in table.rows if rows is None else rows:
        yield [
            force_str(cell(row) if cell else row.get_cell_value(column.name), strings_only=True)
            for cell, column in zip(cells, columns, strict=True)
        ]


def cell_function(table, bound_column, *, export=False):
    """A function of a row returning its cell as ``BoundRow.get_cell`` would (``get_cell_value``
    when ``export``); None when not covered."""
    column = bound_column.column
    accessor = bound_column.accessor
    render = bound_column.value if export else bound_column.render
    if getattr(render, "__func__", None) is Column.value:
        render = bound_column.render  # Column.value only calls render with the arguments it takes
    render_arguments = _arguments(render)
    url = None if export else _url_function(bound_column)
    if (
        isinstance(column, (BaseLinkColumn, ManyToManyColumn))
        or render_arguments is None
        or url is NOT_COVERED
        or _may_have_choices(table, accessor)
    ):
        return None
    empty_values, default = column.empty_values, None if export else bound_column.default
    key = str(accessor)  # dict rows (values() querysets) hold the value under the accessor itself
    shows_value = getattr(render, "__func__", None) is Column.render  # the plain column shows the value as is
    only_value = render_arguments == ("value",)

    path = attrgetter(".".join(accessor.bits))

    def cell(row):
        record = row.record
        if type(record) is dict and key in record:
            value = record[key]
        else:
            try:
                # a model row's plain attributes, without Accessor.resolve's tries of each step as a key,
                # an index and a callable (a third of a results table's time); anything else goes its way
                value = path(record)
                if callable(value):
                    value = accessor.resolve(record)
            except Exception:
                try:
                    value = accessor.resolve(record)
                except Exception:  # as django-tables2: a value that cannot be reached is empty
                    value = None
        if value in empty_values:
            return default
        offered = None
        if shows_value:
            content = value
        elif only_value:
            content = render(value=value)
        else:
            offered = _offered(value, row, bound_column)
            content = render(**{name: offered[name] for name in render_arguments})
        if url is None:
            return content
        href = url(offered or _offered(value, row, bound_column))
        if href is None:
            return content
        return mark_safe(f'<a href="{escape(href)}">{escape(content)}</a>')

    return cell


def _offered(value, row, bound_column):
    return {
        "value": value,
        "record": row.record,
        "column": bound_column.column,
        "bound_column": bound_column,
        "bound_row": row,
        "table": row.table,
    }


def escape(value):
    """conditional_escape() without the lazy-text wrapper around it, which cost as much as the
    escaping on thousands of cells; lazy text still arrives as text through str(). A whole number's
    digits need no escaping (most cells of a statistics table)."""
    if type(value) is int:
        return str(value)
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def _arguments(fn):
    """The cell arguments ``fn`` takes, or None when it wants one django-tables2 does not offer."""
    names, catch_all = signature(fn)
    if catch_all:
        return tuple(CELL_ARGUMENTS)
    return tuple(names) if set(names) <= CELL_ARGUMENTS else None


def _url_function(bound_column):
    """offered arguments -> href; None for a column without a link."""
    link = bound_column.link
    if link is None:
        return None
    if link.attrs or link.reverse_args:  # computed <a> attributes, reverse(): leave to django-tables2
        return NOT_COVERED
    if callable(link.url):
        wanted = _arguments(link.url)
        return NOT_COVERED if wanted is None else lambda offered: link.url(**{name: offered[name] for name in wanted})
    target = Accessor(link.accessor if link.accessor is not None else bound_column.name)

    def absolute_url(offered):
        context = target.resolve(offered["record"])
        if not hasattr(context, "get_absolute_url"):
            context = offered["record"]  # django-tables2 falls back to the record, as here
        return context.get_absolute_url()

    return absolute_url


def _may_have_choices(table, accessor):
    """django-tables2 shows get_FOO_display() for fields with choices: such columns are left to it.

    Rows of dicts (values() querysets) and attributes that are not fields have no display method.
    """
    model = table._meta.model
    field = None
    for bit in accessor.bits:
        if model is None:
            return False
        try:
            field = model._meta.get_field(bit)
        except FieldDoesNotExist:
            return False
        model = field.related_model
    return bool(getattr(field, "choices", None))
