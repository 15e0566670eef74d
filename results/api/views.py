"""The API's resources: lists (filtered, sorted and paged as the pages do it) and details.

Each view runs a fixed, small number of queries (tests/test_api.py holds them to the pages' ceiling)
and reads totals from the summary rows through the pages' own selectors.
"""

from functools import cache
from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from results import selectors
from results.api import serializers as s
from results.api.querying import PageFilters, RaceFilter, RowPages, SeasonFilter, TableSort
from results.filters import DriverFilter, EntryFilter, ResultsFilter
from results.models import Driver, Entry, Event, Manufacturer, Season, Series, Team, Track
from results.sorting import by
from results.standings import queries
from results.tables import DriverIndexTable, EntryTable, ResultsTable
from results.views.places import TOP_DRIVERS

RESULT_JOINS = ("driver", "team", "manufacturer", "track", "event__season__series")
ENTRY_JOINS = ("driver", "team", "manufacturer")
BY_NAME = {"name": by("name")}


def schema_generation(view):
    """drf-spectacular reads a view's queryset and filters without a request to draw the schema."""
    return getattr(view, "swagger_fake_view", False)


class List(generics.ListAPIView):
    filter_backends = [PageFilters, TableSort]
    sort_table: object = BY_NAME
    default_sort = "name"
    rows: Any = None  # the page's rows with what they show, when the queryset (counted, paged) leaves it out


class SeriesList(List):
    """Every series (Cup, Xfinity, Truck), in the site's order."""

    queryset = Series.objects.all()
    serializer_class = s.Series
    filter_backends: list = []


class SeriesDetail(generics.RetrieveAPIView):
    """A series and every season of it, newest first."""

    queryset = Series.objects.all()
    serializer_class = s.SeriesDetail
    lookup_field = "slug"

    def get_object(self):
        series = super().get_object()
        series.seasons_newest_first = series.seasons.select_related("series").order_by("-year")
        return series


class SeasonList(List):
    """Seasons of every series, newest first; ?series= and ?year= narrow them."""

    queryset = Season.objects.select_related("series")
    serializer_class = s.Season
    filterset_class = SeasonFilter
    sort_table = {"year": by("year", "series__sort_order")}
    default_sort = "-year"


class SeasonDetail(generics.RetrieveAPIView):
    """A season, its schedule (every race in round order, with winners and pole sitters), its champion
    and its standings after the last counted race (final once the season is over)."""

    serializer_class = s.SeasonDetail
    queryset = Season.objects.none()

    def get_object(self):
        season: Any = get_object_or_404(
            Season.objects.select_related(*queries.SEASON_JOINS),
            series__slug=self.kwargs["series"],
            year=self.kwargs["year"],
        )
        season.schedule = season.events.listed().order_by("round")
        season.outcome = outcome = queries.championship(season)
        season.latest_standings = (
            queries.standings_after(season, outcome.final_round, champion_id=outcome.champion_id)
            if outcome and outcome.final_round
            else []
        )
        return season


class RaceList(List):
    """Races, newest first; ?series=, ?year= and ?track= (slugs) narrow them."""

    queryset = Event.objects.all()
    rows = Event.objects.listed()
    serializer_class = s.Race
    filterset_class = RaceFilter
    sort_table = {"year": by("season__year", "season__series__sort_order", "round")}
    default_sort = "-year"


class RaceDetail(generics.RetrieveAPIView):
    """A race: its facts, stage winners and every car's result in finishing order."""

    queryset = Event.objects.with_relations().with_podium().with_stage_winners()
    serializer_class = s.RaceDetail
    lookup_field = "slug"

    def get_object(self):
        race = super().get_object()
        race.entries_in_order = race.entries.select_related(*ENTRY_JOINS).order_by("finish")
        return race


class RaceResults(List):
    """A race's results, filtered and sorted as on its page (?manufacturer=, ?team=, ?status=, ?sort=)."""

    serializer_class = s.Entry
    filterset_class = EntryFilter
    sort_table = EntryTable
    default_sort = "finish"

    def get_queryset(self):
        if schema_generation(self):
            return Entry.objects.none()
        self.race = get_object_or_404(Event, slug=self.kwargs["slug"])
        return self.race.entries.select_related(*ENTRY_JOINS)

    def filterset_kwargs(self):
        return {"event": self.race}


class DriverList(List):
    """Drivers, most starts first, as the driver index: ?q= finds names (accents and aliases too),
    ?series= and ?year= keep those who raced there, with their totals there."""

    def get_queryset(self):
        return selectors.driver_index()

    serializer_class = s.DriverRow
    filterset_class = DriverFilter
    pagination_class = RowPages
    sort_table = DriverIndexTable
    default_sort = "-starts"


class DriverDetail(generics.RetrieveAPIView):
    """A driver's career: totals per series, season by season, and at each track."""

    queryset = Driver.objects.all()
    serializer_class = s.DriverDetail
    lookup_field = "slug"

    def get_object(self):
        driver = super().get_object()
        driver.by_series = selectors.career_by_series(driver)
        driver.by_season = selectors.career_by_season(driver)
        driver.by_track = selectors.career_by_track(driver)
        return driver


class Results(List):
    """Every result of one driver, track, team or make, newest first, filtered and sorted as on its page."""

    serializer_class = s.Result
    filterset_class = ResultsFilter
    sort_table = ResultsTable
    default_sort = "-year"
    model: type = Driver
    unused_filters: tuple[str, ...] = ("track",)  # only a driver's results are filtered by track

    def get_queryset(self):
        if schema_generation(self):
            return Entry.objects.none()
        self.owner: Any = get_object_or_404(self.model, slug=self.kwargs["slug"])
        return self.owner.entries.select_related(*RESULT_JOINS)

    def filterset_kwargs(self):
        return {}


class DriverResults(Results):
    """Every result of a driver, newest first: ?series=, ?year=, ?track= (a track slug), ?status=
    (running or dnf), ?sort= as on the driver's page."""

    unused_filters = ()

    def filterset_kwargs(self):
        tracks = [
            (row["track_pk"], row["track_slug"], row["track_name"]) for row in selectors.career_by_track(self.owner)
        ]
        return {"tracks": tracks}


class GroupDetail(generics.RetrieveAPIView):
    """A track, team or make: season by season, and its drivers with most wins."""

    lookup_field = "slug"
    field = ""  # the Entry field naming it

    def get_object(self):
        group = super().get_object()
        group.by_season = selectors.group_by_season(self.field, group)
        group.drivers = selectors.group_drivers(self.field, group, TOP_DRIVERS)
        return group


def group_views(model, field, serializer, detail_serializer):
    """The list, detail and results views of tracks, teams or makes."""
    plural = model._meta.verbose_name_plural
    listing = type(
        f"{model.__name__}List",
        (List,),
        {"queryset": model.objects.all(), "serializer_class": serializer, "__doc__": f"Every {field}, by name."},
    )
    detail = type(
        f"{model.__name__}Detail",
        (GroupDetail,),
        {
            "queryset": model.objects.all(),
            "serializer_class": detail_serializer,
            "field": field,
            "__doc__": GroupDetail.__doc__,
        },
    )
    results = type(
        f"{model.__name__}Results",
        (Results,),
        {
            "model": model,
            "__doc__": f"Every result of one of the {plural}, newest first: ?series=, ?year=, ?status=, ?sort=.",
        },
    )
    return listing, detail, results


TrackList, TrackDetail, TrackResults = group_views(Track, "track", s.Track, s.TrackDetail)
TeamList, TeamDetail, TeamResults = group_views(Team, "team", s.Team, s.TeamDetail)
ManufacturerList, ManufacturerDetail, ManufacturerResults = group_views(
    Manufacturer, "manufacturer", s.Manufacturer, s.ManufacturerDetail
)


@cache
def openapi_schema():
    """The OpenAPI 3 description of every endpoint: drawn once per process (it depends on the code only)."""
    return SchemaGenerator().get_schema(request=None, public=True)


class OpenAPISchema(APIView):
    renderer_classes = [OpenApiJsonRenderer]
    throttle_classes: list = []

    @extend_schema(exclude=True)
    def get(self, request):
        return Response(openapi_schema())


class Root(APIView):
    """Where to start: each collection's address, the documentation, the schema and the bulk downloads."""

    COLLECTIONS = ("series-list", "seasons", "races", "drivers", "tracks", "teams", "manufacturers")

    @extend_schema(exclude=True)
    def get(self, request):
        links = {name.removesuffix("-list"): reverse(f"api:{name}", request=request) for name in self.COLLECTIONS}
        links["docs"] = reverse("api:docs", request=request)
        links["schema"] = reverse("api:schema", request=request)
        links["downloads"] = reverse("results:data", request=request)
        return Response(links)
