from django.urls import path
from drf_spectacular.views import SpectacularSwaggerSplitView

from results.api import views
from results.views.http import versioned

app_name = "api"


def resource(view_class):
    """The view, answering conditional GETs from the results version (ETag, 304) and marked cacheable."""
    return versioned(view_class.as_view())


urlpatterns = [
    path("", resource(views.Root), name="root"),
    path("series/", resource(views.SeriesList), name="series-list"),
    path("series/<slug:slug>/", resource(views.SeriesDetail), name="series"),
    path("seasons/", resource(views.SeasonList), name="seasons"),
    path("seasons/<slug:series>/<int:year>/", resource(views.SeasonDetail), name="season"),
    path("races/", resource(views.RaceList), name="races"),
    path("races/<slug:slug>/", resource(views.RaceDetail), name="race"),
    path("races/<slug:slug>/results/", resource(views.RaceResults), name="race-results"),
    path("drivers/", resource(views.DriverList), name="drivers"),
    path("drivers/<slug:slug>/", resource(views.DriverDetail), name="driver"),
    path("drivers/<slug:slug>/results/", resource(views.DriverResults), name="driver-results"),
    path("tracks/", resource(views.TrackList), name="tracks"),
    path("tracks/<slug:slug>/", resource(views.TrackDetail), name="track"),
    path("tracks/<slug:slug>/results/", resource(views.TrackResults), name="track-results"),
    path("teams/", resource(views.TeamList), name="teams"),
    path("teams/<slug:slug>/", resource(views.TeamDetail), name="team"),
    path("teams/<slug:slug>/results/", resource(views.TeamResults), name="team-results"),
    path("manufacturers/", resource(views.ManufacturerList), name="manufacturers"),
    path("manufacturers/<slug:slug>/", resource(views.ManufacturerDetail), name="manufacturer"),
    path("manufacturers/<slug:slug>/results/", resource(views.ManufacturerResults), name="manufacturer-results"),
    path("openapi.json", views.OpenAPISchema.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", throttle_classes=[], template_name="api/docs.html"),
        name="docs",
    ),
]
