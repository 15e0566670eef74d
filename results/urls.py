from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.generic import TemplateView

from results import views
from results.sitemaps import SITEMAPS

app_name = "results"

urlpatterns = [
    path("", views.home, name="home"),
    path("series/<slug:slug>/", views.series_detail, name="series"),
    path("series/<slug:slug>/<int:year>/", views.season_detail, name="season"),
    path("races/<slug:slug>/", views.event_detail, name="event"),
    path("drivers/", views.driver_index, name="drivers"),
    path("drivers/<slug:slug>/", views.driver_detail, name="driver"),
    path("tracks/<slug:slug>/", views.track_detail, name="track"),
    path("teams/<slug:slug>/", views.team_detail, name="team"),
    path("manufacturers/<slug:slug>/", views.manufacturer_detail, name="manufacturer"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
]
