from django.shortcuts import get_object_or_404, render

from results import records
from results.links import page_url, slug_url
from results.models import Series


def series_records(request, slug):
    """A series' records: championships, all-time and single-season leaders, win streaks, first wins, youngest winners."""
    series = get_object_or_404(Series, slug=slug)
    all_time, single, streaks, first_wins = records.stored(series)
    champions, unnamed = records.championships(series)
    context = {
        "series": series,
        "champions": champions,
        "unnamed": unnamed,
        "categories": [
            (name, label, _linked(all_time[name], series), _linked(single[name], series))
            for name, label in records.CATEGORIES
        ],
        "streaks": streaks,
        "first_wins": first_wins,
        "youngest": records.youngest_winners(series),
    }
    return render(request, "results/records.html", context)


def _linked(rows, series):
    """Each leader's links, written once here (``results.links``) rather than by a ``{% url %}`` per link: the
    page has about 200."""
    for row in rows:
        query = f"?series={series.slug}" + (f"&year={row['year']}" if row["year"] else "")
        row["driver_url"] = slug_url("results:driver", row["driver_slug"]) + query
        row["season_url"] = page_url("results:season", series.slug, row["year"]) if row["year"] else None
    return rows
