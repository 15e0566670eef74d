"""Links to the pages named by one slug, without a full ``reverse()`` for each.

A results page links every row's driver, team, make, race and track: hundreds of links, and
``reverse()`` walks the URL resolver for each (about 40 µs, a third of a career page's rendering).
A view's URL is the same text around the slug every time, so each view is reversed once per
script prefix and the slug is put in its place. Slugs are URL-safe by construction (SlugField,
``names.name_slug``), so they need no quoting.
"""
from functools import lru_cache

from django.urls import get_script_prefix, reverse

MARK = "slug-mark"


def slug_url(viewname, slug):
    before, after = _around_slug(viewname, get_script_prefix())
    return f"{before}{slug}{after}"


@lru_cache(maxsize=64)
def _around_slug(viewname, script_prefix):
    # script_prefix is part of the key because reverse() puts it in front of the path
    before, after = reverse(viewname, args=[MARK]).split(MARK)
    return before, after
