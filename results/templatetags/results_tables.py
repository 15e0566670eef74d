"""The body of a results table, built in one pass.

django-tables2's template renders each cell through several template lookups and recomputes
the column's attributes for every cell; on a 43-car race or a 50-row career page that was most
of the page's time. The cells themselves still come from the table (its render methods,
links and escaping); only the HTML around them is assembled here, once per column.
"""
from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def table_body(table):
    rows = table.paginated_rows  # the page when paginated, else every row
    cell_attrs = [column.attrs.get("td", {}).as_html() for column in table.columns]
    html = []
    for row in rows:
        cells = "".join(f"<td {attrs}>{conditional_escape(cell)}</td>" for attrs, (_, cell) in zip(cell_attrs, row.items()))
        html.append(f"<tr {row.attrs.as_html()}>{cells}</tr>")
    if not html and table.empty_text:
        return format_html('<tr><td colspan="{}">{}</td></tr>', len(table.columns), table.empty_text)
    return mark_safe("".join(html))
