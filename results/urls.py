from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.generic import TemplateView

from results import views
from results.feeds import SeriesFeed
from results.sitemaps import SITEMAPS
from results.views.cache import cached_page

app_name = "results"

urlpatterns = [
    path("", cached_page(views.home), name="home"),
    path("series/<slug:slug>/", cached_page(views.series_detail), name="series"),
    path("series/<slug:slug>/records/", cached_page(views.series_records), name="records"),
    path("series/<slug:slug>/feed/", SeriesFeed(), name="feed"),
    path("feed/", SeriesFeed(), name="feed_all"),
    path("series/<slug:slug>/<int:year>/", cached_page(views.season_detail), name="season"),
    path("races/<slug:slug>/", cached_page(views.event_detail), name="event"),
    path("search/", cached_page(views.search_page), name="search"),
    path("drivers/", cached_page(views.driver_index), name="drivers"),
    path("drivers/<slug:slug>/", cached_page(views.driver_detail), name="driver"),
    path("drivers/<slug:slug>/vs/", views.compare, name="compare"),
    path("drivers/<slug:slug>/vs/<slug:rival>/", cached_page(views.head_to_head), name="head_to_head"),
    path("tracks/", cached_page(views.track_index), name="tracks"),
    path("tracks/<slug:slug>/", cached_page(views.track_detail), name="track"),
    path("teams/", cached_page(views.team_index), name="teams"),
    path("teams/<slug:slug>/", cached_page(views.team_detail), name="team"),
    path("manufacturers/", cached_page(views.manufacturer_index), name="manufacturers"),
    path("manufacturers/<slug:slug>/", cached_page(views.manufacturer_detail), name="manufacturer"),
    path("data/", views.data_page, name="data"),
    path("data/racesite.csv.zip", views.download, {"kind": "csv"}, name="dump_csv"),
    path("data/racesite.sql.gz", views.download, {"kind": "sql"}, name="dump_sql"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
]
