"""Head-to-head reads: the races two drivers both ran, and who finished ahead. Each function is one query
(``ahead_in_all`` none)."""

from django.db.models import Case, Count, F, FilteredRelation, OuterRef, Q, Subquery, When

from results.models import DriverSeries, Entry
from results.selectors import DRIVER


def shared_races(driver, rival):
    """``driver``'s entries in the races ``rival`` also ran, each with ``rival_finish``: a subquery per entry,
    which a page of them can carry over to the query joining its rows (``paging.page_rows``)."""
    theirs = Entry.objects.filter(event=OuterRef("event"), driver=rival).order_by().values("finish")[:1]
    return (
        Entry.objects.filter(driver=driver).annotate(rival_finish=Subquery(theirs)).filter(rival_finish__isnull=False)
    )


def ahead_by_season(driver, rival):
    """Per series and season they met: races together, and how often each finished ahead (newest first).

    The rival's entry is joined (one per race: a driver enters a race once): ``shared_races``' subquery
    ran three times for each of the driver's races here, 5-10 ms of Petty against Pearson on PostgreSQL."""
    return list(
        Entry.objects.filter(driver=driver)
        .annotate(rival_entry=FilteredRelation("event__entries", condition=Q(event__entries__driver=rival)))
        .filter(rival_entry__isnull=False)
        .alias(rival_finish=F("rival_entry__finish"))
        .values(
            year=F("event__season__year"),
            series_name=F("event__season__series__short_name"),
            series_slug=F("event__season__series__slug"),
        )
        .annotate(
            races=Count("id"),
            ahead=Count("id", filter=Q(finish__lt=F("rival_finish"))),
            behind=Count("id", filter=Q(finish__gt=F("rival_finish"))),
        )
        .order_by("-year", "series_name")
    )


def ahead_in_all(by_season):
    """{"races", "ahead", "behind"} over every race they both ran: the sums of ``ahead_by_season``'s rows,
    which count each shared race once (a query of its own read every shared race again, 3 ms on PostgreSQL)."""
    return {key: sum(row[key] for row in by_season) for key in ("races", "ahead", "behind")}


def totals_by_series(driver, rival):
    """Both drivers' career totals in each series, side by side (series, then the driver first)."""
    return list(
        DriverSeries.objects.filter(driver__in=[driver, rival])
        .rows(
            **DRIVER,
            series_name="series__short_name",
            series_slug="series__slug",
            series_order="series__sort_order",
            driver_pk="driver_id",
        )
        .order_by("series_order", "series_name", Case(When(driver=driver, then=0), default=1))
    )
