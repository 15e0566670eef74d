"""The open-data page and the dump downloads (results/dumps.py builds the files)."""

from django.conf import settings
from django.http import FileResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from results import dumps
from results.models import DataVersion

RETRY_SECONDS = 60
PERIODS = {"s": "second", "m": "minute", "h": "hour", "d": "day"}  # what DRF reads of a rate's period


def data_page(request):
    version = DataVersion.current()
    context = {
        "version": version,
        "built": dumps.available(version),
        "tables": dumps.tables(),
        "licence": dumps.LICENCE,
        "export_limit": settings.EXPORT_MAX_ROWS,
        "api_rate": api_rate(settings.API_ANON_RATE),
    }
    return render(request, "results/data.html", context)


def api_rate(rate):
    """ "120/minute" (DRF's notation) -> "120 requests a minute"."""
    number, period = rate.split("/")
    return f"{number} requests a {PERIODS.get(period[:1], period)}"


def download(request, kind):
    """This version's dump as a file; while it is being built, a 503 that says when to come back."""
    number, changed_at = DataVersion.state()
    etag = f'"dump-{number}-{kind}"'
    last_modified = int(changed_at.timestamp()) if changed_at else None
    response: HttpResponseBase | None = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        path = dumps.path_for(kind, number)
        try:
            response = FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
        except FileNotFoundError:  # not built yet (or replaced by a newer version's a moment ago)
            dumps.start_build(number)
            building = render(request, "results/data_building.html", {"retry": RETRY_SECONDS}, status=503)
            building["Retry-After"] = str(RETRY_SECONDS)
            return building
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=settings.HTTP_CACHE_SECONDS)
    return response
