"""Name keys: how two spellings of one name are recognised as the same.

"Kenkō Miura" and "Kenko Miura", "Young’s Motorsports" and "Young's Motorsports",
"Rackley W.A.R." and "Rackley WAR", "A. J. Allmendinger" (Wikipedia's style) and "A.J. Allmendinger"
(the history's) all share a key. Parenthesised qualifiers stay in the key,
because the historical data uses them to tell different people apart ("Bill Scott (CA)").
"""

import re

from django.utils.text import slugify
from unidecode import unidecode

_APOSTROPHES = re.compile(r"[’'`´.]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# "A. J." -> "A.J.": only initials that carry their period, so "A & M Racing" stays two words
_SPACED_INITIALS = re.compile(r"\b([a-z])\.\s+(?=[a-z]\.)")


def name_key(name: str) -> str:
    """Lower-case ASCII words separated by single spaces; punctuation inside a word vanishes."""
    folded = unidecode(name or "").lower()
    folded = _SPACED_INITIALS.sub(r"\1.", folded)
    folded = _APOSTROPHES.sub("", folded)
    return _NON_ALNUM.sub(" ", folded).strip()


def name_slug(name: str) -> str:
    return slugify(unidecode(name or "")) or "unnamed"


def free_slug(name: str, is_taken) -> str:
    """``name``'s slug, or the first of ``-2``, ``-3``... that ``is_taken(slug)`` says is free."""
    base = name_slug(name)[:130]
    slug, n = base, 1
    while is_taken(slug):
        n += 1
        slug = f"{base}-{n}"
    return slug
