"""Links to the site's pages without a full ``reverse()`` for each.

A results page links every row's driver, team, make, race, track or season: hundreds of links,
and ``reverse()`` walks the URL resolver for each (about 40 µs, a third of a career page's
rendering). A view's URL is the same text around its arguments every time, so each view is
reversed once per script prefix, with marks where the arguments go, and later links fill the
gaps. The arguments are slugs and whole numbers, which need no quoting.
"""

import re
from functools import lru_cache

from django.urls import get_script_prefix, reverse


def page_url(viewname, *args):
    """``reverse(viewname, args=args)`` for slug and integer arguments."""
    pieces = _pieces(viewname, tuple(type(arg) for arg in args), get_script_prefix())
    parts = [pieces[0]]
    for arg, piece in zip(args, pieces[1:], strict=True):
        parts += [str(arg), piece]
    return "".join(parts)


def slug_url(viewname, slug):
    return page_url(viewname, slug)


@lru_cache(maxsize=64)
def _pieces(viewname, types, script_prefix):
    """The URL's text between its arguments. The script prefix is part of the key because
    reverse() puts it in front of the path."""
    marks = [f"{8_000_000_000 + i}" if kind is int else f"mark-{i}-x" for i, kind in enumerate(types)]
    url = reverse(viewname, args=marks)
    pieces = re.split("|".join(map(re.escape, marks)), url)
    if len(pieces) != len(marks) + 1:
        raise ValueError(f"{viewname}: each argument must appear once in its URL")
    return pieces
