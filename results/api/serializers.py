"""What the API shows of each thing. Links are absolute: ``url`` in the API, ``page`` on the site."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from results.links import page_url


def pick(obj, name):
    """``obj.a.b`` or ``obj["a.b"]`` (rows of values() are dicts)."""
    if isinstance(obj, dict):
        return obj.get(name)
    for part in name.split("."):
        obj = getattr(obj, part)
    return obj


def absolute(context, view, *args):
    return context["request"].build_absolute_uri(page_url(view, *args))


@extend_schema_field(OpenApiTypes.URI)
class Link(serializers.Field):
    """The absolute URL of ``view`` for the object's ``args`` (attribute or key names)."""

    def __init__(self, view, *args, **kwargs):
        self.view, self.args = view, args
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return absolute(self.context, self.view, *[pick(value, name) for name in self.args])


class Ref(serializers.Serializer):
    """Names a driver, team, make, track or series, and links its API resource and its page."""

    slug = serializers.CharField()
    name = serializers.CharField()
    url = serializers.URLField()
    page = serializers.URLField()


RACE_NAME = 'Official race name, sponsor included ("Round 7" when not known).'

# the API resource and the site's page of each kind of thing a Ref names
VIEWS = {
    "driver": ("api:driver", "results:driver"),
    "team": ("api:team", "results:team"),
    "manufacturer": ("api:manufacturer", "results:manufacturer"),
    "track": ("api:track", "results:track"),
    "series": ("api:series", "results:series"),
}


@extend_schema_field(Ref)
class RefField(serializers.Field):
    """A ``Ref`` to ``kind`` from an object (``source``) or from a row's ``<prefix>slug`` and
    ``<prefix>name``; null when there is no slug (a race without a known winner)."""

    def __init__(self, kind, *, prefix="", name="name", **kwargs):
        self.kind, self.prefix, self.name_key = kind, prefix, name
        if prefix:
            kwargs.setdefault("source", "*")
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        slug = pick(value, f"{self.prefix}slug")
        if slug is None:
            return None
        api, page = VIEWS[self.kind]
        return {
            "slug": slug,
            "name": pick(value, f"{self.prefix}{self.name_key}"),
            "url": absolute(self.context, api, slug),
            "page": absolute(self.context, page, slug),
        }


def series_ref(**kwargs):
    """The series named short ("Cup"), as the pages' tables name it (rows of summary values hold the
    short name as ``series_name``)."""
    return RefField("series", name="name" if kwargs.get("prefix") else "short_name", **kwargs)


class Totals(serializers.Serializer):
    """Totals over a group of results (a season, a career in a series, a driver with a team...)."""

    starts = serializers.IntegerField(source="n_starts")
    wins = serializers.IntegerField(source="n_wins")
    top5 = serializers.IntegerField(source="n_top5")
    top10 = serializers.IntegerField(source="n_top10")
    started_first = serializers.IntegerField(source="n_started_first", help_text="Races started from the front.")
    dnfs = serializers.IntegerField(source="n_dnfs", help_text="Races not running at the finish.")
    laps = serializers.IntegerField(source="n_laps", allow_null=True, help_text="Null when no lap count is known.")
    laps_led = serializers.IntegerField(source="n_led", allow_null=True)
    points = serializers.IntegerField(source="n_points", allow_null=True)
    best_finish = serializers.IntegerField()
    avg_start = serializers.FloatField(allow_null=True, help_text="Null when no start position is known.")
    avg_finish = serializers.FloatField()


class SeriesTotals(Totals):
    series = series_ref(prefix="series_", allow_null=True, help_text="Null on the row adding every series up.")


class SeasonTotals(Totals):
    series = series_ref(prefix="series_")
    year = serializers.IntegerField()
    season = Link("api:season", "series_slug", "year")


class DriverTotals(Totals):
    driver = RefField("driver", prefix="driver_")


class TrackTotals(Totals):
    track = RefField("track", prefix="track_")


class Named(serializers.Serializer):
    """A driver, team, make or track in a list."""

    slug = serializers.CharField()
    name = serializers.CharField()


class Driver(Named):
    url = Link("api:driver", "slug")
    page = Link("results:driver", "slug")
    starts = serializers.IntegerField(help_text="Career starts, every series.")
    wins = serializers.IntegerField()
    top10 = serializers.IntegerField()


class DriverRow(Named):
    """A driver in the driver index: totals over the series and season chosen, or the whole career."""

    url = Link("api:driver", "slug")
    page = Link("results:driver", "slug")
    starts = serializers.IntegerField(source="n_starts")
    wins = serializers.IntegerField(source="n_wins")
    top10 = serializers.IntegerField(source="n_top10")


class DriverDetail(Driver):
    birth_date = serializers.DateField(allow_null=True)
    hometown = serializers.CharField()
    results = Link("api:driver-results", "slug", help_text="Every result, newest first (paged, filterable).")
    by_series = SeriesTotals(many=True, help_text="Career totals in each series.")
    by_season = SeasonTotals(many=True, help_text="Season by season.")
    by_track = TrackTotals(many=True, help_text="Totals at each track, most starts first.")


class Track(Named):
    url = Link("api:track", "slug")
    page = Link("results:track", "slug")
    location = serializers.CharField()
    length_miles = serializers.DecimalField(max_digits=5, decimal_places=3, allow_null=True)
    surface = serializers.CharField(help_text="paved, dirt or road; empty when not known.")
    kind = serializers.CharField(help_text="short, oval, superspeedway, road or dirt; empty when not known.")


def group_detail(base, api_results):
    """The detail of a track, team or make: its seasons, its best drivers, links to its results."""
    fields = {
        "by_season": SeasonTotals(many=True, help_text="Season by season, newest first."),
        "drivers": DriverTotals(many=True, help_text="The drivers with most wins (then starts), top 25."),
        "results": Link(api_results, "slug", help_text="Every result, newest first (paged, filterable)."),
    }
    return type(f"{base.__name__}Detail", (base,), fields)


class Team(Named):
    url = Link("api:team", "slug")
    page = Link("results:team", "slug")


class Manufacturer(Named):
    url = Link("api:manufacturer", "slug")
    page = Link("results:manufacturer", "slug")


TrackDetail = group_detail(Track, "api:track-results")
TeamDetail = group_detail(Team, "api:team-results")
ManufacturerDetail = group_detail(Manufacturer, "api:manufacturer-results")


class Series(Named):
    short_name = serializers.CharField()
    url = Link("api:series", "slug")
    page = Link("results:series", "slug")


class Season(serializers.Serializer):
    series = series_ref()
    year = serializers.IntegerField()
    name = serializers.CharField(help_text="The series' sponsor name that year; may be empty.")
    url = Link("api:season", "series.slug", "year")
    page = Link("results:season", "series.slug", "year")


class Race(serializers.Serializer):
    """A race in a list: where and when, who won, who started first."""

    slug = serializers.CharField()
    name = serializers.CharField(source="__str__", help_text=RACE_NAME)
    url = Link("api:race", "slug")
    page = Link("results:event", "slug")
    series = series_ref(source="season.series")
    year = serializers.IntegerField(source="season.year")
    round = serializers.IntegerField()
    date = serializers.DateField(allow_null=True)
    track = RefField("track")
    winner = RefField("driver", prefix="winner_", allow_null=True)
    pole = RefField("driver", prefix="pole_", allow_null=True, help_text="Started first; null when not known.")


class Standing(serializers.Serializer):
    """One driver's place in the championship after the season's last counted race (final once the season
    is over: see the championship's ``final``)."""

    position = serializers.IntegerField(allow_null=True, help_text="Null when the order cannot be known.")
    driver = RefField("driver", prefix="driver_")
    points = serializers.IntegerField(allow_null=True)
    behind = serializers.IntegerField(
        source="gap",
        allow_null=True,
        help_text="Points behind the driver with the most points (never negative: an official champion, or one "
        "decided by a finale, may have fewer).",
    )
    wins = serializers.IntegerField()
    playoff_points = serializers.IntegerField(allow_null=True)
    status = serializers.CharField(
        help_text="Playoff status: in, advanced, eliminated, withdrawn (an editor's fact), final, or empty; champion on the named champion's row."
    )
    status_certain = serializers.BooleanField(
        help_text="False when the results do not settle the status (a waiver, stage winners or a tie they do not "
        "hold): the championship's unknown says what is open."
    )


class Championship(serializers.Serializer):
    """Who won the season's title, and how the site knows."""

    rulebook = serializers.CharField(help_text="The championship format applied.")
    champion = RefField("driver", allow_null=True, help_text="Null when no champion can be named (see unknown).")
    official = serializers.BooleanField(help_text="True: an editor's fact; false: computed from the results.")
    unknown = serializers.CharField(help_text="Why no champion is named; empty when one is.")
    final = serializers.BooleanField(
        source="over",
        help_text="True: the season is over and the standings are final. False: it may have races to come (its "
        "year has not ended and the results do not hold its playoff format's finale), the standings are those after round after_round, and no champion is named unless "
        "an editor named one officially.",
    )
    after_round = serializers.IntegerField(
        source="final_round", allow_null=True, help_text="The last counted round: the standings are after it."
    )


class SeasonDetail(Season):
    schedule = Race(many=True, help_text="Its races in round order, with winners and pole sitters.")
    championship = Championship(
        source="outcome", allow_null=True, help_text="Null before the season's first counted race."
    )
    standings = Standing(
        many=True,
        source="latest_standings",
        help_text="The standings after the last counted race, in order: final only when championship.final is true.",
    )


class SeriesDetail(Series):
    seasons = Season(many=True, source="seasons_newest_first", help_text="Every season, newest first.")


class Entry(serializers.Serializer):
    """One car's result in a race."""

    finish = serializers.IntegerField()
    start = serializers.IntegerField(allow_null=True)
    number = serializers.CharField(help_text='Car number as text: "02" is not "2"; may be empty.')
    driver = RefField("driver")
    team = RefField("team", allow_null=True)
    manufacturer = RefField("manufacturer", allow_null=True)
    laps = serializers.IntegerField(allow_null=True, help_text="Laps completed.")
    laps_led = serializers.IntegerField(allow_null=True)
    status = serializers.CharField(help_text="Running, Accident, Engine... as reported; may be empty.")
    dnf = serializers.BooleanField(source="is_dnf", help_text="Not running at the finish.")
    points = serializers.IntegerField(allow_null=True, help_text="Championship points, stage points included.")
    stage1 = serializers.IntegerField(allow_null=True, help_text="Stage 1 finishing position.")
    stage2 = serializers.IntegerField(allow_null=True, help_text="Stage 2 finishing position.")
    rating = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True, help_text="Driver rating.")
    rookie = serializers.BooleanField()
    ineligible = serializers.BooleanField(help_text="Ineligible for this series' points.")


class RaceDetail(Race):
    scheduled_laps = serializers.IntegerField(allow_null=True)
    completed_laps = serializers.IntegerField(allow_null=True)
    distance_miles = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    notes = serializers.CharField(help_text="Weather, a shortened race, penalties; may be empty.")
    stage1_winner = RefField("driver", prefix="stage1_", allow_null=True)
    stage2_winner = RefField("driver", prefix="stage2_", allow_null=True)
    results = Entry(many=True, source="entries_in_order", help_text="Every car, in finishing order.")


class RaceRef(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField(source="__str__", help_text=RACE_NAME)
    url = Link("api:race", "slug")
    page = Link("results:event", "slug")
    series = series_ref(source="season.series")
    year = serializers.IntegerField(source="season.year")
    round = serializers.IntegerField()


class Result(Entry):
    """One car's result, with its race: the lists of a driver's, track's, team's or make's results."""

    race = RaceRef(source="event")
    track = RefField("track")
