"""Old addresses of merged or renamed drivers, teams, tracks and makes answer 301 to the new page."""

from functools import wraps

from django.http import Http404, HttpResponsePermanentRedirect

from results.models import OldSlug


def follows_old_slugs(model):
    """Wrap a ``view(request, slug)`` of ``model``: where it finds no such record (404) and the slug is
    an old address of one (``OldSlug``), redirect there for good, query string kept. Two queries, on
    the 404 path only."""
    field = model._meta.model_name

    def decorate(view):
        @wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            try:
                return view(request, slug, *args, **kwargs)
            except Http404:
                old = OldSlug.objects.filter(slug=slug, **{f"{field}__isnull": False}).select_related(field).first()
                if old is None or model.objects.filter(slug=slug).exists():
                    raise
                url, query = old.target.get_absolute_url(), request.META.get("QUERY_STRING", "")
                return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)

        return wrapper

    return decorate
