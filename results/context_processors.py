"""What every page's header needs."""

from django.db.models import Exists, OuterRef
from django.utils.functional import SimpleLazyObject

from results.models import Event, Series


def site(request):
    """The header menu's series: those with races in the database (a demo-only site links to no empty
    series). One query, run only when a template shows the menu."""

    def raced():
        return list(Series.objects.filter(Exists(Event.objects.filter(season__series=OuterRef("pk")))))

    return {"menu_series": SimpleLazyObject(raced)}
