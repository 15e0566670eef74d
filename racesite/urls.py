from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "racesite editors"
admin.site.site_title = "racesite admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", RedirectView.as_view(url="/api/v1/")),
    path("api/v1/", include("results.api.urls")),
    path("", include("results.urls")),
]
