from django.shortcuts import render

from results import selectors
from results.models import Series
from results.views.cache import page_params


@page_params()
def home(request):
    context = {
        "latest": selectors.latest_races(),
        "leaders": selectors.season_leaders(),
        "series_list": Series.objects.all(),
    }
    return render(request, "results/home.html", context)
