from django.contrib.sitemaps import Sitemap

from results.models import Driver, Event, Manufacturer, Season, Series, Team, Track


class ModelSitemap(Sitemap):
    """Every page of one kind; ``items`` reads only what ``get_absolute_url`` needs."""

    model = None
    fields = ("slug",)

    def items(self):
        return self.model.objects.only(*self.fields).order_by("pk")


class DriverSitemap(ModelSitemap):
    model = Driver


class EventSitemap(ModelSitemap):
    model = Event


class TrackSitemap(ModelSitemap):
    model = Track


class TeamSitemap(ModelSitemap):
    model = Team


class ManufacturerSitemap(ModelSitemap):
    model = Manufacturer


class SeriesSitemap(ModelSitemap):
    model = Series


class SeasonSitemap(Sitemap):
    def items(self):
        return Season.objects.select_related("series").order_by("pk")


SITEMAPS = {
    "series": SeriesSitemap, "seasons": SeasonSitemap, "races": EventSitemap, "drivers": DriverSitemap,
    "tracks": TrackSitemap, "teams": TeamSitemap, "manufacturers": ManufacturerSitemap,
}
