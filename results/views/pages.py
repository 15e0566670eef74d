from django.shortcuts import get_object_or_404, render
from django_tables2 import SingleTableView

from results.models import Driver, Entry, Event, Manufacturer, Season, Series, Team, Track
from results.tables import EntryTable


def home(request):
    events = Event.objects.with_relations().order_by("-season__year", "-round")[:10]
    return render(request, "results/home.html", {"events": events, "series_list": Series.objects.all()})


def series_detail(request, slug):
    series = get_object_or_404(Series, slug=slug)
    return render(request, "results/series_detail.html", {"series": series, "seasons": series.seasons.all()})


def season_detail(request, slug, year):
    season = get_object_or_404(Season.objects.select_related("series"), series__slug=slug, year=year)
    events = season.events.select_related("track").order_by("round")
    return render(request, "results/season_detail.html", {"season": season, "events": events})


class EventDetailView(SingleTableView):
    table_class = EntryTable
    template_name = "results/event_detail.html"

    def get_queryset(self):
        self.event = get_object_or_404(Event.objects.with_relations(), slug=self.kwargs["slug"])
        return self.event.entries.select_related("driver", "team", "manufacturer")

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=self.event, **kwargs)


def _entries_page(request, template, obj, name, entries):
    entries = entries.select_related("event__season__series", "event__track").order_by("-event__season__year", "-event__round")
    return render(request, template, {name: obj, "entries": entries[:100]})


def driver_detail(request, slug):
    driver = get_object_or_404(Driver, slug=slug)
    return _entries_page(request, "results/driver_detail.html", driver, "driver", driver.entries.all())


def track_detail(request, slug):
    track = get_object_or_404(Track, slug=slug)
    events = track.events.with_relations().order_by("-season__year")
    return render(request, "results/track_detail.html", {"track": track, "events": events})


def team_detail(request, slug):
    team = get_object_or_404(Team, slug=slug)
    return _entries_page(request, "results/team_detail.html", team, "team", team.entries.select_related("driver"))


def manufacturer_detail(request, slug):
    make = get_object_or_404(Manufacturer, slug=slug)
    return _entries_page(
        request, "results/manufacturer_detail.html", make, "manufacturer", make.entries.select_related("driver")
    )
