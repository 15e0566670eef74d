"""The one-pass table body and CSV export show exactly what django-tables2 would, cell for cell, on every page."""

import itertools

import pytest
from django.utils.html import conditional_escape
from django_tables2 import Table

from results.models import Driver, Event, Manufacturer, Team, Track
from results.table_cells import cell_function, export_rows
from results.templatetags.results_tables import table_body


def django_tables2_body(table):
    """The body as django-tables2 renders it: every cell through BoundRow.get_cell."""
    html = []
    for row in table.paginated_rows:
        cells = "".join(
            f"<td {column.attrs.get('td', {}).as_html()}>{conditional_escape(cell)}</td>"
            for column, cell in row.items()
        )
        html.append(f"<tr {row.attrs.as_html()}>{cells}</tr>")
    return "".join(html)


def site_urls():
    event, driver = Event.objects.order_by("round").last(), Driver.objects.order_by("-starts").first()
    return [
        "/",
        "/series/truck/",
        "/series/truck/2022/",
        event.get_absolute_url(),
        "/drivers/?sort=-wins",
        driver.get_absolute_url(),
        driver.get_absolute_url() + "?sort=finish&status=dnf",
        Track.objects.order_by("name").first().get_absolute_url(),
        Team.objects.order_by("name").first().get_absolute_url(),
        Manufacturer.objects.get(name="Chevrolet").get_absolute_url(),
    ]


@pytest.mark.django_db
def test_every_table_body_matches_django_tables2(client, run_import, truck_csv_2022, seed_report):
    ok, _, err = run_import(truck_csv_2022)
    assert ok, err
    ok, _, err = run_import(seed_report)
    assert ok, err
    compared = set()
    for url in site_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        tables = {
            id(value): (name, value)
            for context in response.context
            for name, value in context.flatten().items()
            if isinstance(value, Table) and value.rows
        }
        for name, table in tables.values():
            # every column of the site's tables takes the one-pass route
            assert all(cell_function(table, column) for column in table.columns), (url, name)
            assert all(cell_function(table, column, export=True) for column in table.columns.iterall()), (url, name)
            table._counter = itertools.count()
            ours = table_body(table)
            table._counter = itertools.count()
            assert ours == django_tables2_body(table), (url, name)
            assert list(export_rows(table)) == list(table.as_values()), (url, name)
            compared.add(type(table).__name__)
    assert {
        "EntryTable",
        "ResultsTable",
        "StandingsTable",
        "SeasonStatsTable",
        "SeriesStatsTable",
        "TrackStatsTable",
        "DriverStatsTable",
        "ScheduleTable",
        "DriverIndexTable",
        "EventListTable",
    } <= compared
