"""The body of a results table, built in one pass.

django-tables2 renders every cell through ``BoundRow.get_cell``, which takes the same decisions
for each cell of a column again: it builds an accessor, looks for a choices field, inspects the
render method's and the link's arguments, finds the column by name among all columns and
recomputes its attributes. On a career page (about 2,000 cells) that was most of the page's time.
Here those decisions are taken once per column (``cell_function``); the cells still come from the
table's own render methods and links, with the same escaping, and a test holds the output equal
to django-tables2's for every table of the site. Columns this does not cover go through
django-tables2 unchanged.
"""
import html

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django_tables2.columns import Column, ManyToManyColumn
from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.utils import Accessor, signature

register = template.Library()

# What django-tables2 offers render methods and linkify callables, by argument name.
CELL_ARGUMENTS = {"value", "record", "column", "bound_column", "bound_row", "table"}
NOT_COVERED = object()


@register.simple_tag
def table_body(table):
    columns = list(table.columns)
    cell_attrs = [column.attrs.get("td", {}).as_html() for column in columns]
    cells = [cell_function(table, column) for column in columns]
    plain_rows = not table.row_attrs  # then a row's attributes are only its even/odd class
    parts = []
    for row in table.paginated_rows:  # the page when paginated, else every row
        row_attrs = f'class="{row.get_even_odd_css_class()}"' if plain_rows else row.attrs.as_html()
        parts.append(f"<tr {row_attrs}>")
        for attrs, cell, column in zip(cell_attrs, cells, columns):
            content = cell(row) if cell else row.get_cell(column.name)
            parts.append(f"<td {attrs}>{_escape(content)}</td>")
        parts.append("</tr>")
    if not parts and table.empty_text:
        return format_html('<tr><td colspan="{}">{}</td></tr>', len(columns), table.empty_text)
    return mark_safe("".join(parts))


def cell_function(table, bound_column):
    """A function of a row returning its cell, as ``BoundRow.get_cell`` would; None if not covered."""
    column = bound_column.column
    accessor = bound_column.accessor
    render = bound_column.render
    render_arguments = _arguments(render)
    url = _url_function(bound_column)
    if (isinstance(column, (BaseLinkColumn, ManyToManyColumn)) or render_arguments is None
            or url is NOT_COVERED or _may_have_choices(table, accessor)):
        return None
    empty_values, default = column.empty_values, bound_column.default
    key = str(accessor)  # dict rows (values() querysets) hold the value under the accessor itself
    shows_value = getattr(render, "__func__", None) is Column.render  # the plain column shows the value as is
    only_value = render_arguments == ("value",)

    def cell(row):
        record = row.record
        if type(record) is dict and key in record:
            value = record[key]
        else:
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
        return mark_safe(f'<a href="{_escape(href)}">{_escape(content)}</a>')

    return cell


def _offered(value, row, bound_column):
    return {"value": value, "record": row.record, "column": bound_column.column, "bound_column": bound_column,
            "bound_row": row, "table": row.table}


def _escape(value):
    """conditional_escape() without the lazy-text wrapper around it, which cost as much as the
    escaping on thousands of cells; lazy text still arrives as text through str()."""
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
