from django.shortcuts import render

from results import selectors
from results.models import Series
from results.standings import queries
from results.views.cache import page_params


@page_params()
def home(request):
    leaders = queries.current_standings()
    context = {
        "latest": selectors.latest_races(),
        "leaders": leaders,
        "open_status": queries.open_status_note(None, home=True)
        if any(not row["status_certain"] for row in leaders)
        else "",
        "series_list": Series.objects.all(),
    }
    return render(request, "results/home.html", context)
