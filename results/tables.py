"""django-tables2 tables: every results and statistics table on the site."""

import django_tables2 as tables
from django.utils.html import format_html

from results.links import page_url, slug_url
from results.models import Driver, Entry, Event

NUM = {"td": {"class": "num"}, "th": {"class": "num"}}


def tied(*fields):
    """A column's sort keys, ties broken by id: rows that tie keep one order, so paging never repeats
    or skips a row. The id follows the sort's direction (django-tables2 reverses every key), so an
    index ending in id serves both directions."""
    return (*fields, "id")


def link(view, slug_key):
    """linkify for dict rows (values() querysets): the slug sits under ``slug_key``."""
    return lambda record: slug_url(view, record[slug_key]) if record.get(slug_key) else None


class Number(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", NUM)
        super().__init__(*args, **kwargs)


class Decimal1(Number):
    def render(self, value):
        return f"{value:.1f}"

    def value(self, value):
        return f"{value:.1f}" if value is not None else ""


class StatusColumn(tables.Column):
    """Shows the status; a DNF is marked so it stands out without colour alone."""

    def render(self, value, record):
        if record.is_dnf:
            return format_html(
                '<span class="dnf" title="Did not finish">{} <abbr title="Did not finish">DNF</abbr></span>', value
            )
        return value

    def value(self, value):
        return value  # exports: the status as written, without the marker's HTML


class DriverColumn(tables.Column):
    """Driver name with rookie and ineligible markers, linked to the career page."""

    def render(self, value, record):
        markers = ""
        if getattr(record, "rookie", False):
            markers += ' <abbr class="marker" title="Rookie">R</abbr>'
        if getattr(record, "ineligible", False):
            markers += ' <abbr class="marker" title="Ineligible for points">*</abbr>'
        return format_html('<a href="{}">{}</a>' + markers, value.get_absolute_url(), value.name)

    def value(self, value, record):
        return value.name


class EntryTable(tables.Table):
    """One race's results, one row per car."""

    finish = Number(verbose_name="Fin", order_by=tied("finish"))
    start = Number(verbose_name="St", order_by=tied("start"))
    number = tables.Column(verbose_name="#", order_by=tied("number"))
    driver = DriverColumn(order_by=tied("driver__name"))
    team = tables.Column(linkify=True, order_by=tied("team__name"))
    manufacturer = tables.Column(verbose_name="Make", linkify=True, order_by=tied("manufacturer__name"))
    laps = Number(order_by=tied("laps"))
    laps_led = Number(verbose_name="Led", order_by=tied("laps_led"))
    status = StatusColumn(order_by=tied("status"))
    points = Number(verbose_name="Pts", order_by=tied("points"))
    stage1 = Number(
        verbose_name="S1", attrs={**NUM, "th": {"class": "num", "title": "Stage 1 finish"}}, order_by=tied("stage1")
    )
    stage2 = Number(
        verbose_name="S2", attrs={**NUM, "th": {"class": "num", "title": "Stage 2 finish"}}, order_by=tied("stage2")
    )
    rating = Decimal1(verbose_name="Rating", order_by=tied("rating"))

    class Meta:
        model = Entry
        fields = [
            "finish",
            "start",
            "number",
            "driver",
            "team",
            "manufacturer",
            "laps",
            "laps_led",
            "status",
            "points",
            "stage1",
            "stage2",
            "rating",
        ]
        order_by = "finish"
        attrs = {"class": "results"}
        empty_text = "No results match."
        template_name = "results/_table.html"


class ResultsTable(EntryTable):
    """Results across races (a driver's, a team's, a track's...), newest first."""

    year = Number(accessor="event__season__year", verbose_name="Year", order_by=tied("race_order"))
    series = tables.Column(
        accessor="event__season__series__short_name",
        verbose_name="Series",
        order_by=tied("event__season__series__sort_order"),
    )
    event = tables.Column(verbose_name="Race", linkify=True, order_by=tied("event__name"))
    track = tables.Column(linkify=True, order_by=tied("track__name"))

    class Meta(EntryTable.Meta):
        fields = [
            "year",
            "series",
            "event",
            "track",
            "finish",
            "start",
            "number",
            "driver",
            "team",
            "manufacturer",
            "laps",
            "laps_led",
            "status",
            "points",
            "rating",
        ]
        sequence = [
            "year",
            "series",
            "event",
            "track",
            "finish",
            "start",
            "number",
            "driver",
            "team",
            "manufacturer",
            "laps",
            "laps_led",
            "status",
            "points",
            "rating",
        ]
        order_by = "-year"  # newest race first: an index walk (Entry.race_order)
        exclude = ["stage1", "stage2"]


class StatsTable(tables.Table):
    """Summary totals (``TotalsQuerySet.totals`` and ``rows``): the columns every stats table shares."""

    n_starts = Number(verbose_name="Starts")
    n_wins = Number(verbose_name="Wins")
    n_top5 = Number(verbose_name="Top 5")
    n_top10 = Number(verbose_name="Top 10")
    n_poles = Number(verbose_name="Poles")
    n_laps = Number(verbose_name="Laps")
    n_led = Number(verbose_name="Led")
    avg_start = Decimal1(verbose_name="Avg St")
    avg_finish = Decimal1(verbose_name="Avg Fin")
    n_dnfs = Number(verbose_name="DNF")
    n_points = Number(verbose_name="Pts")

    class Meta:
        attrs = {"class": "results"}
        template_name = "results/_table.html"
        orderable = False


class StandingsTable(StatsTable):
    rank = Number(verbose_name="Pos")
    driver_name = tables.Column(verbose_name="Driver", linkify=link("results:driver", "driver_slug"))

    class Meta(StatsTable.Meta):
        sequence = [
            "rank",
            "driver_name",
            "n_points",
            "n_starts",
            "n_wins",
            "n_top5",
            "n_top10",
            "n_poles",
            "n_led",
            "avg_finish",
        ]
        exclude = ["n_laps", "avg_start", "n_dnfs"]


class SeasonStatsTable(StatsTable):
    year = tables.Column(linkify=lambda record: page_url("results:season", record["series_slug"], record["year"]))
    series_name = tables.Column(verbose_name="Series")

    class Meta(StatsTable.Meta):
        sequence = ["year", "series_name", "..."]


class SeriesStatsTable(StatsTable):
    series_name = tables.Column(verbose_name="Series", linkify=link("results:series", "series_slug"))
    best_finish = Number(verbose_name="Best")

    class Meta(StatsTable.Meta):
        sequence = ["series_name", "..."]
        exclude = ["n_points"]


class TrackStatsTable(StatsTable):
    track_name = tables.Column(verbose_name="Track", linkify=link("results:track", "track_slug"))

    class Meta(StatsTable.Meta):
        sequence = ["track_name", "..."]
        exclude = ["n_points"]


class DriverStatsTable(StatsTable):
    driver_name = tables.Column(verbose_name="Driver", linkify=link("results:driver", "driver_slug"))

    class Meta(StatsTable.Meta):
        sequence = ["driver_name", "..."]
        exclude = ["n_points", "n_laps", "n_poles"]


class ScheduleTable(tables.Table):
    round = Number(verbose_name="Rd")
    date = tables.DateColumn(format="M j")
    race = tables.Column(
        accessor="name", linkify=lambda record: record.get_absolute_url(), verbose_name="Race", empty_values=()
    )
    track = tables.Column(linkify=True)
    pole_name = tables.Column(
        verbose_name="Pole",
        linkify=lambda record: slug_url("results:driver", record.pole_slug) if record.pole_slug else None,
    )
    winner_name = tables.Column(
        verbose_name="Winner",
        linkify=lambda record: slug_url("results:driver", record.winner_slug) if record.winner_slug else None,
    )

    class Meta:
        model = Event
        fields = ["round", "date", "race", "track", "pole_name", "winner_name"]
        attrs = {"class": "results"}
        template_name = "results/_table.html"
        orderable = False

    def render_race(self, value, record):
        return value or str(record)


class DriverIndexTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name="Driver", order_by=tied("name"))
    # ties in alphabetical order under the default (descending) sort
    starts = Number(order_by=("starts", "-name", "-id"))
    wins = Number(order_by=("wins", "-name", "-id"))
    top10 = Number(verbose_name="Top 10", order_by=("top10", "-name", "-id"))

    class Meta:
        model = Driver
        fields = ["name", "starts", "wins", "top10"]
        attrs = {"class": "results"}
        template_name = "results/_table.html"
        order_by = "-starts"


class EventListTable(ScheduleTable):
    """Races anywhere in history (a track's): the schedule columns plus year and series."""

    year = Number(accessor="season__year", verbose_name="Year")
    series = tables.Column(accessor="season__series__short_name", verbose_name="Series")

    class Meta(ScheduleTable.Meta):
        fields = ["year", "series", "round", "race", "pole_name", "winner_name"]
        sequence = ["year", "series", "round", "race", "pole_name", "winner_name"]
        exclude = ["track", "date"]
