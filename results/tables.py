"""django-tables2 tables: every results and statistics table on the site."""

import django_tables2 as tables
from django.utils.formats import date_format
from django.utils.html import format_html

from results.links import page_url, slug_url
from results.models import Entry, Event
from results.sorting import CAR_NUMBER, Key, SortedColumn, by, missing

NUM = {"td": {"class": "num"}, "th": {"class": "num"}}
# The column that names the row: it stays in view while a wide table scrolls sideways (site.css).
KEY = {"td": {"class": "key"}, "th": {"class": "key"}}


def link(view, slug_key):
    """linkify for dict rows (values() querysets): the slug sits under ``slug_key``."""
    return lambda record: slug_url(view, record[slug_key]) if record.get(slug_key) else None


class Text(SortedColumn):
    pass


class Number(SortedColumn):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", NUM)
        super().__init__(*args, **kwargs)


class Decimal1(Number):
    def render(self, value):
        return f"{value:.1f}"

    def value(self, value):
        return f"{value:.1f}" if value is not None else ""


class StatusColumn(SortedColumn):
    """Shows the status; a DNF is marked so it stands out without colour alone."""

    def render(self, value, record):
        if record.is_dnf:
            return format_html(
                '<span class="dnf" title="Did not finish">{} <abbr title="Did not finish">DNF</abbr></span>', value
            )
        return value

    def value(self, value):
        return value  # exports: the status as written, without the marker's HTML


class DriverColumn(SortedColumn):
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


class FlagColumn(tables.Column):
    """A flag the page shows as a marker by the name (rookie, ineligible) or not at all (pole): kept
    off the page, exported as "yes" or "no" so that the importer reads a downloaded race back whole."""

    def __init__(self, verbose_name):
        super().__init__(verbose_name=verbose_name, visible=False, orderable=False, empty_values=())

    def render(self, value):
        return "yes" if value else "no"

    def value(self, value):
        return "yes" if value else "no"


class EntryTable(tables.Table):
    """One race's results, one row per car."""

    finish = Number(verbose_name="Fin", sort=by("finish"))
    start = Number(verbose_name="St", sort=by(missing("start")))
    number = Text(verbose_name="#", sort=by(*CAR_NUMBER))
    driver = DriverColumn(sort=by("driver__name"), attrs=KEY)
    team = Text(linkify=True, sort=by(missing("team__name")), attrs={"td": {"class": "long"}})
    manufacturer = Text(verbose_name="Make", linkify=True, sort=by(missing("manufacturer__name")))
    laps = Number(sort=by(missing("laps")), best_first=True)
    laps_led = Number(verbose_name="Led", sort=by(missing("laps_led")), best_first=True)
    status = StatusColumn(sort=by("status"))
    points = Number(verbose_name="Pts", sort=by(missing("points")), best_first=True)
    stage1 = Number(
        verbose_name="S1", attrs={**NUM, "th": {"class": "num", "title": "Stage 1 finish"}}, sort=by(missing("stage1"))
    )
    stage2 = Number(
        verbose_name="S2", attrs={**NUM, "th": {"class": "num", "title": "Stage 2 finish"}}, sort=by(missing("stage2"))
    )
    rating = Decimal1(verbose_name="Rating", sort=by(missing("rating")), best_first=True)
    rookie = FlagColumn("Rookie")
    ineligible = FlagColumn("Ineligible")
    pole = FlagColumn("Pole")

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


def race_column(attrs):
    return Text(verbose_name="Race", accessor="event", linkify=True, sort=by("event__name"), attrs=attrs)


class ResultsTable(EntryTable):
    """Results across races (a driver's, a team's, a track's...), newest first."""

    # newest race first by default, a race's cars in finishing order either way: read off the owner's
    # results index (entry.RESULTS_ORDER), backwards; oldest first sorts each race's few rows
    year = Number(
        accessor="event__season__year",
        verbose_name="Year",
        sort=by("race_order", "event_id", Key("finish", ascending=True), tie=None),
    )
    series = Text(
        accessor="event__season__series__short_name",
        verbose_name="Series",
        sort=by("event__season__series__sort_order"),
    )
    event = race_column(attrs={"td": {"class": "long"}})
    track = Text(linkify=True, sort=by("track__name"), attrs={"td": {"class": "long"}})

    class Meta(EntryTable.Meta):
        # the race first, then the car's result without its stages (fields and display order alike)
        fields = sequence = [
            "year",
            "series",
            "event",
            "track",
            *(f for f in EntryTable.Meta.fields if "stage" not in f),
        ]
        order_by = "-year"
        exclude = ["stage1", "stage2"]

    def __init__(self, *args, exclude=(), **kwargs):
        if "driver" in exclude:  # a driver's own results: the race names the row, and stays in view
            kwargs["extra_columns"] = [
                ("event", race_column(attrs={"td": {"class": "key long"}, "th": {"class": "key"}}))
            ]
        super().__init__(*args, exclude=exclude, **kwargs)


class StatsTable(tables.Table):
    """Summary totals (``TotalsQuerySet.totals`` and ``rows``): the columns every stats table shares."""

    n_starts = Number(verbose_name="Starts")
    n_wins = Number(verbose_name="Wins")
    n_top5 = Number(verbose_name="Top 5")
    n_top10 = Number(verbose_name="Top 10")
    n_started_first = Number(
        verbose_name="Started 1st",
        attrs={
            **NUM,
            "th": {"class": "num", "title": "Starts from first place (a pole only where qualifying set the grid)"},
        },
    )
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
    driver_name = tables.Column(verbose_name="Driver", linkify=link("results:driver", "driver_slug"), attrs=KEY)

    class Meta(StatsTable.Meta):
        sequence = [
            "rank",
            "driver_name",
            "n_points",
            "n_starts",
            "n_wins",
            "n_top5",
            "n_top10",
            "n_started_first",
            "n_led",
            "avg_finish",
        ]
        exclude = ["n_laps", "avg_start", "n_dnfs"]


class LapsLedTable(StatsTable):
    driver_name = tables.Column(verbose_name="Driver", linkify=link("results:driver", "driver_slug"), attrs=KEY)

    class Meta(StatsTable.Meta):
        fields = ["driver_name", "n_led", "n_starts", "n_wins"]
        sequence = ["driver_name", "n_led", "n_starts", "n_wins"]
        exclude = ["n_top5", "n_top10", "n_started_first", "n_laps", "avg_start", "avg_finish", "n_dnfs", "n_points"]


class RivalsStatsTable(StatsTable):
    """Two drivers' totals per series, side by side (``rivals.totals_by_series``)."""

    series_name = tables.Column(verbose_name="Series", linkify=link("results:series", "series_slug"))
    driver_name = tables.Column(verbose_name="Driver", linkify=link("results:driver", "driver_slug"), attrs=KEY)
    best_finish = Number(verbose_name="Best")

    class Meta(StatsTable.Meta):
        sequence = ["series_name", "driver_name", "..."]
        exclude = ["n_points", "n_laps"]


class MeetingsTable(EntryTable):
    """The races two drivers both ran: the first driver's result and the rival's finish."""

    year = Number(accessor="event__season__year", verbose_name="Year", sort=by("race_order", "event_id", tie=None))
    series = Text(
        accessor="event__season__series__short_name",
        verbose_name="Series",
        sort=by("event__season__series__sort_order"),
    )
    event = race_column(attrs={"td": {"class": "key long"}, "th": {"class": "key"}})
    track = Text(linkify=True, sort=by("track__name"), attrs={"td": {"class": "long"}})
    rival_finish = Number(verbose_name="Rival", sort=by("rival_finish"))

    class Meta(EntryTable.Meta):
        fields = ["year", "series", "event", "track", "finish", "rival_finish", "start", "laps_led", "status"]
        sequence = ["year", "series", "event", "track", "finish", "rival_finish", "start", "laps_led", "status"]
        exclude = ["number", "driver", "team", "manufacturer", "laps", "points", "stage1", "stage2", "rating"]
        order_by = "-year"


class SeasonStatsTable(StatsTable):
    year = tables.Column(
        linkify=lambda record: page_url("results:season", record["series_slug"], record["year"]), attrs=KEY
    )
    series_name = tables.Column(verbose_name="Series")

    class Meta(StatsTable.Meta):
        sequence = ["year", "series_name", "..."]


class SeriesStatsTable(StatsTable):
    series_name = tables.Column(verbose_name="Series", linkify=link("results:series", "series_slug"), attrs=KEY)
    best_finish = Number(verbose_name="Best")

    class Meta(StatsTable.Meta):
        sequence = ["series_name", "..."]
        exclude = ["n_points"]


class TrackStatsTable(StatsTable):
    track_name = tables.Column(verbose_name="Track", linkify=link("results:track", "track_slug"), attrs=KEY)

    class Meta(StatsTable.Meta):
        sequence = ["track_name", "..."]
        exclude = ["n_points"]


class DriverStatsTable(StatsTable):
    driver_name = tables.Column(verbose_name="Driver", linkify=link("results:driver", "driver_slug"), attrs=KEY)

    class Meta(StatsTable.Meta):
        sequence = ["driver_name", "..."]
        exclude = ["n_points", "n_laps", "n_started_first"]


class ScheduleTable(tables.Table):
    round = Number(verbose_name="Rd")
    date = tables.Column()  # not DateColumn: its template renders empty dates, so a dateless column would stay
    race = tables.Column(
        accessor="name",
        linkify=lambda record: record.get_absolute_url(),
        verbose_name="Race",
        empty_values=(),
        attrs=KEY,
    )
    track = tables.Column(linkify=True)
    pole_name = tables.Column(
        verbose_name="Started 1st",
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

    def render_date(self, value):
        return date_format(value, "M j")

    def value_date(self, value):
        return value.isoformat()

    def render_pole_name(self, value, record):
        if record.pole_official:
            return format_html('{} <abbr class="marker" title="Pole winner, as the report says">pole</abbr>', value)
        return value


def then_name(key, *, tie="slug", missing=True):
    """A column's sort keys: its own (``missing``: it may be NULL), then names in alphabetical order whichever
    the direction, then ``tie`` (unique), so pages never repeat or skip a row."""
    return (Key(key, missing=missing), Key("name", ascending=True), Key(tie, ascending=True))


def career_count(name):
    """Sort keys of a driver index count: plain (never NULL), so the driver's indexes (``driver_by_starts``...)
    serve the unfiltered index."""
    return then_name(name, tie="driver_pk", missing=False)


class DriverIndexTable(tables.Table):
    """The driver index (``selectors.driver_index``): dict rows, totals over the series and season chosen."""

    name = Text(
        linkify=link("results:driver", "slug"), verbose_name="Driver", sort=by("name", tie="driver_pk"), attrs=KEY
    )
    # named as before the totals followed the filters, so sorted links people kept still work
    starts = Number(accessor="n_starts", verbose_name="Starts", sort=career_count("n_starts"), best_first=True)
    wins = Number(accessor="n_wins", verbose_name="Wins", sort=career_count("n_wins"), best_first=True)
    top10 = Number(accessor="n_top10", verbose_name="Top 10", sort=career_count("n_top10"), best_first=True)

    class Meta:
        attrs = {"class": "results"}
        template_name = "results/_table.html"
        order_by = "-starts"


class EventListTable(ScheduleTable):
    """Races anywhere in history (a track's): the schedule columns plus year, series and laps led."""

    year = Number(accessor="season__year", verbose_name="Year")
    series = tables.Column(accessor="season__series__short_name", verbose_name="Series")
    led_name = tables.Column(
        verbose_name="Most laps led",
        linkify=lambda record: slug_url("results:driver", record.led_slug) if record.led_slug else None,
    )

    class Meta(ScheduleTable.Meta):
        fields = ["year", "series", "round", "race", "pole_name", "winner_name", "led_name"]
        sequence = ["year", "series", "round", "race", "pole_name", "winner_name", "led_name"]
        exclude = ["track", "date"]

    def render_led_name(self, value, record):
        return f"{value} ({record.led_laps})"
