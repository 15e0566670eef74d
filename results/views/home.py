from django.shortcuts import render

from results import selectors
from results.models import Series
from results.standings import queries
from results.views.cache import page_params


@page_params()
def home(request):
    context = {
        "latest": selectors.latest_races(),
        "leaders": queries.current_standings(),
        "series_list": Series.objects.all(),
    }
    return render(request, "results/home.html", context)
