"""CSV exports of what a table shows, safe to open in a spreadsheet."""

import csv

from django.http import HttpResponse

from results.table_cells import export_rows

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Spreadsheets run a cell that starts like a formula; a leading apostrophe keeps it text.

    Negative numbers stay numbers: only text that starts like a formula is changed.
    """
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_response(table, filename):
    """Every row the table holds (all pages, filters applied), in its column order."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    writer = csv.writer(response)
    for row in export_rows(table):
        writer.writerow([neutralise(value) for value in row])
    return response
