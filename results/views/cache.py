"""Whole-page cache for the public pages, keyed by the results version and the page's own parameters.

Rendering a big table costs far more than its queries, and results change only when an import
or an editor writes. Every write raises ``DataVersion`` in its own transaction, so a page cached
under an older version is simply never asked for again, in any process or on any server sharing
the cache (``CACHE_URL``). A hit costs one query (the version, read by ``http.versioned``).

A page declares the query parameters it reads (``page_params``); the others are dropped before
the view runs, so ``?x=1`` shows and caches the very page without it: junk parameters neither
miss the cache nor add entries to it.
"""

import hashlib
import logging
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import QueryDict
from django.utils.http import urlencode

from results.views.http import release, versioned

log = logging.getLogger(__name__)

# What a table with sorting, paging and a CSV download reads, besides its filters.
TABLE_PARAMS = ("sort", "page", "_export")


def page_params(*sources):
    """Declare the query parameters a view reads: names, and FilterSet classes (all their filters)."""
    names: set[str] = set()
    for source in sources:
        names.update(source.base_filters if hasattr(source, "base_filters") else [source])

    def decorate(view):
        view.query_params = frozenset(names)
        return view

    return decorate


def only_params(request, names):
    """Keep only ``names`` in the request's query string (in a fixed order); return that query string."""
    query = urlencode([(name, value) for name in sorted(names) for value in request.GET.getlist(name)])
    request.GET = QueryDict(query)
    request.META["QUERY_STRING"] = query
    return query


def cached_page(view):
    """The page from the cache when this results version and release rendered it already.

    A view that declares no ``page_params`` keeps its whole query string, and then its pages with a
    query string are not cached: unknown parameters must not grow the cache.
    """
    names = getattr(view, "query_params", None)

    @versioned
    def cached(request, query, *args, **kwargs):
        address = f"{request.get_host()}{request.path}?{query}".encode("utf-8", "surrogateescape")
        key = f"page:{release()}:{request.results_version}:{hashlib.sha256(address).hexdigest()}"
        response = _cache_call(cache.get, key)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                _cache_call(cache.set, key, response, settings.PAGE_CACHE_SECONDS)
        return response

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        query = request.META.get("QUERY_STRING", "") if names is None else only_params(request, names)
        # with the page cache off (PAGE_CACHE_SECONDS=0) the page costs no version query, and has no validators
        if request.method != "GET" or not settings.PAGE_CACHE_SECONDS or (names is None and query):
            return view(request, *args, **kwargs)
        return cached(request, query, *args, **kwargs)

    return wrapper


def _cache_call(method, *args):
    """A cache that does not answer (Redis down) costs speed, not the page."""
    try:
        return method(*args)
    except Exception:
        log.warning("page cache unavailable", exc_info=True)
        return None
