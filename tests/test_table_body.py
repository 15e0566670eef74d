"""The one-pass table body and CSV export show exactly what django-tables2 would, cell for cell, on every page.

``results/table_cells.py`` reads django-tables2 internals to decide each column's rendering once; this test
is what keeps it honest, on the site's own data (hostile names, markers, empty cells) and on every table
type, and it pins the django-tables2 version those internals were read from.
"""

import re

import django_tables2
import pytest
from django.utils.html import conditional_escape
from django_tables2 import Table

from results import summaries
from results.models import Entry
from results.table_cells import cell_function, export_rows
from results.templatetags.results_tables import table_body

HOSTILE = '<img src=x onerror="alert(1)">&amp;'


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


def without_stripes(html):
    # each rendering numbers rows even/odd from where the table's counter stands: compare the cells
    return re.sub(r'<tr class="(even|odd)">', "<tr>", str(html))


@pytest.fixture
def site(season, make):
    """The two-race season, plus a rookie with a hostile name, team, make, status and car number (a plain
    cell), an ineligible driver, stage positions, ratings and empty cells."""
    first, second = season["events"]
    team = make.team(name=HOSTILE + " Racing")
    Entry.objects.create(
        event=second,
        driver=make.driver(name=HOSTILE),
        finish=4,
        team=team,
        manufacturer=make.manufacturer(HOSTILE),
        rookie=True,
        status="<b onclick=x>DQ",
        stage1=1,
        stage2=10,
        rating="101.5",
        number="<u>",
    )
    Entry.objects.create(event=second, driver=make.driver(name="Corey Day"), finish=5, ineligible=True)
    Entry.objects.filter(event=first, finish=1).update(stage1=2, stage2=1, rating="140.2")
    summaries.refresh(seasons=[first.season_id])
    return season, team


def site_urls(season, team):
    first, second = season["events"]
    return [
        "/",
        "/series/truck/",
        "/series/truck/2022/",
        first.get_absolute_url(),
        second.get_absolute_url(),
        "/drivers/?sort=-wins",
        season["kligerman"].get_absolute_url(),
        season["kligerman"].get_absolute_url() + "?sort=finish&status=dnf",
        season["mid_ohio"].get_absolute_url(),
        team.get_absolute_url(),
        season["toyota"].get_absolute_url(),
        "/tracks/",
        "/teams/?sort=-n_wins",
        "/manufacturers/",
        "/drivers/?series=truck",
        "/drivers/parker-kligerman/vs/zane-smith/",
    ]


def test_every_table_body_matches_django_tables2(client, site):
    compared = set()
    for url in site_urls(*site):
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
            ours = table_body(table)
            assert without_stripes(ours) == without_stripes(django_tables2_body(table)), (url, name)
            assert "<img" not in ours and "<u>" not in ours and "<b " not in ours, (url, name)
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
        "TrackIndexTable",
        "GroupIndexTable",
        "MeetingsTable",
        "RivalsStatsTable",
        "LapsLedTable",
    } <= compared


def test_hostile_text_in_plain_cells_is_shown_as_text(client, site):
    season, _ = site
    page = client.get(season["events"][1].get_absolute_url()).content.decode()
    assert "<img" not in page and "<u>" not in page
    assert "&lt;img src=x" in page and "&lt;u&gt;" in page


def test_the_cell_compiler_was_checked_against_this_django_tables2():
    # table_cells.py reads django-tables2 internals (BaseLinkColumn, utils.signature, Link.reverse_args,
    # Table._meta.model); before upgrading, re-read BoundRow.get_cell and BoundColumn and update this pin
    assert django_tables2.__version__ == "3.0.1"
