from django.urls import path

from results import views

app_name = "results"

urlpatterns = [
    path("", views.home, name="home"),
    path("series/<slug:slug>/", views.series_detail, name="series"),
    path("series/<slug:slug>/<int:year>/", views.season_detail, name="season"),
    path("races/<slug:slug>/", views.EventDetailView.as_view(), name="event"),
    path("drivers/<slug:slug>/", views.driver_detail, name="driver"),
    path("tracks/<slug:slug>/", views.track_detail, name="track"),
    path("teams/<slug:slug>/", views.team_detail, name="team"),
    path("manufacturers/<slug:slug>/", views.manufacturer_detail, name="manufacturer"),
]
