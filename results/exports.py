"""CSV exports of what a table shows, safe to open in a spreadsheet, streamed.

An export of a make's every result (70,000 rows) once built the whole file in a worker: 600 MB and
12-15 s before the first byte, and six at once killed every worker. Now rows are read from the
database in chunks and written out as they come: the header leaves at once, and a worker holds one
chunk of rows (``CHUNK_ROWS``) and one piece of output (``CHUNK_BYTES``) at a time, whatever the size.
"""

import csv
import io

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django_tables2.rows import BoundRows

from results.table_cells import export_rows

CHUNK_ROWS = 2000  # rows per database fetch (a server-side cursor on PostgreSQL)
CHUNK_BYTES = 64 * 1024
# An export of more rows than this takes one of EXPORT_SLOTS places while it streams (a few seconds of a
# worker per 10,000 rows), so that big exports at once never leave the pages without workers.
BIG_EXPORT_ROWS = 2000
SLOT_SECONDS = 600  # a place whose export died unnoticed is free again after this

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


def take_slot():
    """One of the EXPORT_SLOTS places for a big export, in the shared cache (so across servers with
    Redis); None when all are taken."""
    for number in range(settings.EXPORT_SLOTS):
        key = f"export-slot:{number}"
        if cache.add(key, True, timeout=SLOT_SECONDS):
            return key
    return None


def csv_response(table, filename, *, slot=None):
    """Every row the table holds (all pages, filters applied), in its column order. ``slot``: the place
    the export holds, given back when it ends (finished, failed or the client gone)."""
    response = StreamingHttpResponse(csv_chunks(table, slot), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def csv_chunks(table, slot=None):
    """The CSV text in pieces of about CHUNK_BYTES, the header line on its own first."""
    try:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for number, row in enumerate(export_rows(table, streamed_rows(table))):
            writer.writerow([neutralise(value) for value in row])
            if number == 0 or buffer.tell() >= CHUNK_BYTES:
                yield buffer.getvalue().encode("utf-8")
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue().encode("utf-8")
    finally:  # the server closes the response however it ends
        if slot:
            cache.delete(slot)


def streamed_rows(table):
    """The table's rows (its ordered data), read from the database a chunk at a time."""
    data = table.data.data
    records = data.iterator(chunk_size=CHUNK_ROWS) if isinstance(data, QuerySet) else data
    return BoundRows(records, table=table)
