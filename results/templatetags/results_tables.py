"""The body of a results table, built in one pass: the cells from ``results.table_cells``, the
HTML around them assembled here once per column instead of through a template per cell."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from results.table_cells import cell_function, escape

register = template.Library()


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
        for attrs, cell, column in zip(cell_attrs, cells, columns, strict=True):
            content = cell(row) if cell else row.get_cell(column.name)
            parts.append(f"<td {attrs}>{escape(content)}</td>")
        parts.append("</tr>")
    if not parts and table.empty_text:
        return format_html('<tr><td colspan="{}">{}</td></tr>', len(columns), table.empty_text)
    return mark_safe("".join(parts))
