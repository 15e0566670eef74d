"""HTTP caching for public pages and the API: ETag and Last-Modified from the results version.

A response depends on the results (``DataVersion``, raised by every write), on the code that
renders them (``release``) and on the year (this year's seasons are still running: no champion
named, standings not final; ``models.standing.this_year``), and on nothing else (a finale's import ends
its season before the year does, and raises the results version like any write): public pages and
the API show every visitor the same thing. So these make a validator that costs one query, and a
conditional GET whose validator still holds is answered 304 before the view runs.
"""

import datetime
import hashlib
from functools import cache, wraps
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from results.models import DataVersion
from results.models.standing import this_year

# What the HTML and JSON are made from, besides the results: a deploy that changes any of it must
# change every ETag, or browsers would keep the old page (and its old static file names).
CODE_FOLDERS = ("racesite", "results", "templates", "static")
CODE_SUFFIXES = {".py", ".html", ".txt", ".css", ".js", ".md"}


@cache
def release():
    """RELEASE from the settings, or a digest of the code: the same on every server running it."""
    if settings.RELEASE:
        return settings.RELEASE
    digest = hashlib.sha256()
    for folder in CODE_FOLDERS:
        for path in sorted(Path(settings.BASE_DIR, folder).rglob("*")):
            if path.suffix in CODE_SUFFIXES and "__pycache__" not in path.parts:
                digest.update(path.relative_to(settings.BASE_DIR).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def versioned(view):
    """Answer a conditional GET from the results version and the year; mark a fresh 200 with its
    validators and ``Cache-Control: public``. Both are left on ``request.results_version`` for the
    page cache."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        number, changed_at = DataVersion.state()
        year = this_year()
        # at New Year every page may change (the season just ended is over) though no result did
        new_year = datetime.datetime(year, 1, 1, tzinfo=timezone.get_current_timezone())
        changed_at = max(changed_at, new_year) if changed_at else None
        request.results_version = f"{number}-{year}"
        etag = f'"{release()}-{number}-{year}"'
        last_modified = int(changed_at.timestamp()) if changed_at else None
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            response = view(request, *args, **kwargs)
            # exports (streamed) depend on who asks: no validators, not stored by shared caches
            if response.status_code != 200 or response.streaming:
                return response
        response.headers.setdefault("ETag", etag)
        if last_modified is not None:
            response.headers.setdefault("Last-Modified", http_date(last_modified))
        patch_cache_control(response, public=True, max_age=settings.HTTP_CACHE_SECONDS)
        return response

    return wrapper
