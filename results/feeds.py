"""Atom feeds of new results: every series, or one."""

import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import F, OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from results.models import Event, ImportRun, Series

ITEMS = 30


class SeriesFeed(Feed):
    """The newest races with their winners (``/feed/``: all series; ``/series/<slug>/feed/``: one)."""

    feed_type = Atom1Feed

    def get_object(self, request, slug=None):
        return get_object_or_404(Series, slug=slug) if slug else None

    def title(self, series):
        return f"racesite: new {series} results" if series else "racesite: new results"

    def link(self, series):
        return series.get_absolute_url() if series else "/"

    def subtitle(self, series):
        return "The newest races and their winners."

    def items(self, series):
        """The newest races: chosen first, then read with their winners (the subqueries for 30 races only)."""
        newest = Event.objects.all() if series is None else Event.objects.filter(season__series=series)
        # undated races after dated ones on both databases (PostgreSQL puts NULLs first descending)
        order: list[Any] = ["-season__year", F("date").desc(nulls_last=True), "season__series__sort_order", "-round"]
        ids = list(newest.order_by(*order).values_list("pk", flat=True)[:ITEMS])
        imported = ImportRun.objects.filter(events=OuterRef("pk")).order_by("-started_at").values("started_at")[:1]
        events = Event.objects.filter(pk__in=ids).listed().annotate(imported=Subquery(imported))
        return events.order_by(*order)

    def item_title(self, event):
        return (
            f"{event.season.year} {event.season.series.short_name or event.season.series}, round {event.round}: {event}"
        )

    def item_description(self, event):
        winner = f"Won by {event.winner_name}" if event.winner_name else "No winner recorded"
        return f"{winner} at {event.track}."

    def item_updateddate(self, event):
        """When the results were imported; for history imported without a log, the race day (or the
        season's end when the day is unknown)."""
        if event.imported:
            return event.imported
        day = event.date or datetime.date(event.season.year, 12, 31)
        return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)

    def item_pubdate(self, event):
        return self.item_updateddate(event)
