from django.shortcuts import get_object_or_404, render

from results import records
from results.models import Series


def series_records(request, slug):
    """A series' records: championships, all-time and single-season leaders, win streaks, first wins, youngest winners."""
    series = get_object_or_404(Series, slug=slug)
    all_time, single = records.all_time(series), records.single_season(series)
    champions, unnamed = records.championships(series)
    context = {
        "series": series,
        "champions": champions,
        "unnamed": unnamed,
        "categories": [
            (name, label, _rows(all_time[name], name), _rows(single[name], name)) for name, label in records.CATEGORIES
        ],
        "streaks": records.win_streaks(series),
        "first_wins": records.first_wins(series),
        "youngest": records.youngest_winners(series),
    }
    return render(request, "results/records.html", context)


def _rows(rows, name):
    return [
        {"rank": row[f"r_{name}"], "value": row[f"v_{name}"], "year": row.get("season__year"), **row} for row in rows
    ]
