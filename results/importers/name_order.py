"""Drivers filed "Last, First" (points sheets, stats exports): "Larson, Kyle" is Kyle Larson.

A whole column is one order or the other. "Dale Earnhardt, Jr." (a comma before the suffix) is
either; a column mixing "Larson, Kyle" with "Kyle Busch" stops the import naming the lines,
as no one can say which order a lone "Smith, John" among them is in.
"""

import re

from results.importers.cells import strip_marks
from results.importers.report import ReportError

_SUFFIX = re.compile(r"(?:jr|sr|ii|iii|iv|v)\.?", re.IGNORECASE)
_QUALIFIER = re.compile(r"\s*(\([^()]*\))$")  # "Bill Scott (CA)": the history's way of telling two apart


def _shape(name: str) -> str:
    """ "last-first", "first-last", or "either" ("Dale Earnhardt, Jr.", an empty cell)."""
    parts = [part.strip() for part in _QUALIFIER.sub("", strip_marks(name)[0]).split(",")]
    if len(parts) == 1:
        return "first-last" if parts[0] else "either"
    if len(parts) == 2 and _SUFFIX.fullmatch(parts[1]):
        return "either"
    if all(parts) and (len(parts) == 2 or (len(parts) == 3 and _SUFFIX.fullmatch(parts[2]))):
        return "last-first"
    return "first-last"  # commas no order explains: read as written, as any other name


def last_first(names: list[tuple[int, str]], source: str) -> bool:
    """Whether the column's names (``(line, text)``) are written "Last, First"; an error when some are
    and others are not."""
    shapes = {line: _shape(text) for line, text in names}
    flipped = [line for line, shape in shapes.items() if shape == "last-first"]
    if not flipped:
        return False
    plain = [(line, text) for line, text in names if shapes[line] == "first-last"]
    if plain:
        line, text = plain[0]
        raise ReportError(
            f"the drivers are written 'Last, First' (line {flipped[0]}) and 'First Last' (line {line})",
            line=line,
            text=text,
            source=source,
            expected="every driver written one way: 'Larson, Kyle' or 'Kyle Larson'",
        )
    return True


def first_last(name: str) -> str:
    """ "Larson, Kyle" -> "Kyle Larson"; "Truex Jr., Martin" and "Truex, Martin, Jr." -> "Martin Truex Jr.";
    "Scott, Bill (CA)" -> "Bill Scott (CA)", "MacDonald, Eddie (Tifton, GA)" -> "Eddie MacDonald (Tifton, GA)".
    Other names are returned as they are."""
    qualifier = _QUALIFIER.search(name)
    bare = name[: qualifier.start()] if qualifier else name
    parts = [part.strip() for part in bare.split(",")]
    if len(parts) < 2 or (len(parts) == 2 and _SUFFIX.fullmatch(parts[1])):
        return name
    last, first, *suffix = parts
    return " ".join([first, last, *suffix, *([qualifier.group(1)] if qualifier else [])])
