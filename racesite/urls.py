from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "racesite editors"
admin.site.site_title = "racesite admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("results.api.urls")),
    path("", include("results.urls")),
]
