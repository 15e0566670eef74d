"""Whole-page cache for the public pages, keyed by the results version.

Rendering a big table costs far more than its queries, and results change only when an import
or an editor writes. Every write raises ``DataVersion`` in its own transaction, so a page cached
under an older version is simply never asked for again, in any process. A hit costs one query.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from results.models import DataVersion


def cached_page(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.PAGE_CACHE_SECONDS
        if request.method != "GET" or not seconds:
            return view(request, *args, **kwargs)
        # the database's name too: two sites (or a benchmark's databases) may share one cache folder
        database = connection.settings_dict["NAME"]
        address = f"{database}|{request.get_host()}{request.get_full_path()}".encode("utf-8", "surrogateescape")
        key = f"page:{DataVersion.current()}:{hashlib.sha256(address).hexdigest()}"
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                cache.set(key, response, seconds)
        return response

    return wrapper
