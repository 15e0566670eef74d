from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from results.models import Driver, Event, Manufacturer, Season, Series, Team, Track


class ModelSitemap(Sitemap):
    """Every page of one kind; the queryset reads only what ``get_absolute_url`` needs."""

    def __init__(self, queryset):
        self.queryset = queryset

    def items(self):
        return self.queryset.all()  # a fresh copy per request, never a cached evaluation


class PageSitemap(Sitemap):
    """The pages that are not one record's: the home page, the indexes, the data downloads."""

    def items(self):
        return [
            "results:home",
            "results:drivers",
            "results:tracks",
            "results:teams",
            "results:manufacturers",
            "results:data",
        ]

    def location(self, item):
        return reverse(item)


class RecordsSitemap(ModelSitemap):
    """Each series' records page."""

    def location(self, item):
        return reverse("results:records", args=[item.slug])


def slugs(model):
    return model.objects.only("slug").order_by("pk")


SITEMAPS = {
    "pages": PageSitemap(),
    "records": RecordsSitemap(slugs(Series)),
    "series": ModelSitemap(slugs(Series)),
    "seasons": ModelSitemap(Season.objects.select_related("series").order_by("pk")),
    "races": ModelSitemap(slugs(Event)),
    "drivers": ModelSitemap(slugs(Driver)),
    "tracks": ModelSitemap(slugs(Track)),
    "teams": ModelSitemap(slugs(Team)),
    "manufacturers": ModelSitemap(slugs(Manufacturer)),
}
