"""Header cells of real results tables, placed on Row fields, deciding with the values where a word
is ambiguous.

"Car" is the car number on Wikipedia and NASCAR's sheets and the make on Racing-Reference: its
values decide ("07", "X" or "Chevrolet", "Ford"). "Sponsor / Owner" ("Cheerios (Richard Petty)")
gives the team from the brackets, "Sponsor / Make" ("Valvoline Ford") the make at its end.
"Tms Led" (times led) is not "Led" (laps led). Columns the site does not keep (Money, playoff
points, qualifying speed) are named in a warning; so is a header nobody knows. Two columns
claiming one field stop the import.
"""

import re
from dataclasses import dataclass

from unidecode import unidecode

from results.importers.cells import MISSING, looks_like_car_number
from results.importers.report import ReportError
from results.importers.vocabulary import EMPTY, makes

CAR = "car or make"
SPONSOR_OWNER = "sponsor / owner"
SPONSOR_MAKE = "sponsor / make"
FIELD_LABELS = {
    "finish": ["fin", "finish", "pos", "position", "place", "pl", "p", "fin pos", "finish pos", "finishing position"],
    "start": ["st", "str", "start", "grid", "start pos", "starting position", "st pos", "starting pos", "str pos"],
    "number": ["#", "no", "num", "number", "car #", "car no", "car number", "truck #", "truck no", "nbr", "car num"],
    CAR: ["car", "truck"],
    "driver": ["driver", "driver name", "name", "drivers"],
    "team": ["team", "owner", "car owner", "team owner", "entrant", "team / owner"],
    SPONSOR_OWNER: ["sponsor / owner"],
    SPONSOR_MAKE: ["sponsor / make"],
    "manufacturer": ["make", "manufacturer", "mfr", "manuf", "car make", "mfg", "manu"],
    "laps": ["laps", "lap", "laps completed", "laps run", "laps comp"],
    "led": ["led", "laps led", "lead laps", "ll"],
    "status": ["status", "reason", "condition"],
    "points": ["pts", "points", "point", "driver pts", "driver points"],
    "stage1": ["s1", "stage 1", "stage1", "stg 1", "stage one"],
    "stage2": ["s2", "stage 2", "stage2", "stg 2", "stage two"],
    "rating": ["rating", "driver rating", "rtg"],
    # flags as columns (this site's race CSV: "yes" or "no"), beside the marks after names
    "rookie": ["rookie"],
    "ineligible": ["ineligible", "ineligible for points"],
    "pole": ["pole", "pole winner"],
}
# Known columns the site does not keep, with what they are (named in the warning).
NOT_KEPT = {
    "money": "winnings",
    "winnings": "winnings",
    "purse": "winnings",
    "prize money": "winnings",
    "tms led": "times led, not laps led",
    "times led": "times led, not laps led",
    "ppts": "playoff points",
    "playoff pts": "playoff points",
    "playoff points": "playoff points",
    "bonus": "bonus points",
    "pen": "penalty points",
    "penalty": "penalty points",
    "time": "a time",
    "speed": "a speed",
    "interval": "a time gap",
    "behind": "a time gap",
    "diff": "a gap",
    "gap": "a gap",
    "sponsor": "the sponsor",
    "hometown": "hometown",
    "s3": "a third stage",
    "stage 3": "a third stage",
    "r1": "a qualifying round",
    "r2": "a qualifying round",
    "qual": "qualifying: the start is in St or Grid",
    "owner pts": "owner points",
    "down": "laps down: the laps say it",
    "laps down": "laps down: the laps say it",
    "date": "the race's date: pass --date",
}
LABELS = {label: kind for kind, labels in FIELD_LABELS.items() for label in labels}


_REFERENCE = re.compile(r"\[[^\]]*\]")
_SLASH = re.compile(r"\s*/\s*")
# Every header names the driver: a line without these letters is no header (checked before the rest).
_DRIVER_WORD = re.compile(r"driver|name", re.IGNORECASE)


def label_key(text: str) -> str:
    """ "Sponsor/Owner " -> "sponsor / owner", "No." -> "no", "Pts[a]" -> "pts"."""
    text = unidecode(text or "").lower()
    text = _SLASH.sub(" / ", _REFERENCE.sub("", text))
    return " ".join(text.split()).strip(" .:*")


def may_name_a_driver(line: str) -> bool:
    return bool(_DRIVER_WORD.search(line))


def known_label(text: str) -> bool:
    key = label_key(text)
    return key in LABELS or key in NOT_KEPT


@dataclass
class Placed:
    """A header cell and the field it fills (None: not imported, ``why`` says so)."""

    label: str
    field: str | None
    kind: str = ""  # how cells are read: "", SPONSOR_OWNER or SPONSOR_MAKE
    why: str = ""


def kinds(labels) -> list[str | None]:
    """The field (or special kind) each label names before its values are seen."""
    return [LABELS.get(label_key(label)) for label in labels]


def place(labels, columns_values, *, source, line, known_makes=()) -> tuple[list[Placed], list[str]]:
    """Place each header cell; ``columns_values`` holds each column's cells. Returns the placement
    and warnings naming every column not imported."""
    make_names = {make.lower() for make in makes(known_makes)}
    placed, warnings = [], []
    for label, values in zip(labels, columns_values, strict=True):
        key = label_key(label)
        kind = LABELS.get(key)
        shown = " ".join(label.split())
        if kind == CAR:
            kind = _car_or_make(shown, values, make_names, source=source, line=line)
        if kind == SPONSOR_OWNER:
            placed.append(Placed(shown, "team", SPONSOR_OWNER))
        elif kind == SPONSOR_MAKE:
            placed.append(Placed(shown, "manufacturer", SPONSOR_MAKE))
        elif kind:
            placed.append(Placed(shown, kind))
        elif not key:
            if any(v.strip() for v in values):
                warnings.append(f"a column without a header (column {len(placed) + 1}) is not imported")
            placed.append(Placed(shown, None, why="no header"))
        else:
            what = NOT_KEPT.get(key)
            reason = f"{what}: the site does not keep it" if what else "not a column the importer knows"
            if kind is None and any(v.strip() for v in values):
                warnings.append(f"column {shown!r} is not imported ({reason})")
            placed.append(Placed(shown, None, why=reason))
    claimed: dict[str, str] = {}
    for column in placed:
        if column.field in claimed:
            raise ReportError(
                f"two columns give the {column.field}: {claimed[column.field]!r} and {column.label!r}",
                line=line,
                source=source,
                expected="one column per field: delete or rename one of them",
            )
        if column.field:
            claimed[column.field] = column.label
    return placed, warnings


def _car_or_make(label, values, make_names, *, source, line):
    """ "Car" (or "Truck") holds car numbers on some sites and makes on others: the values decide."""
    filled = [v.strip() for v in values if v.strip() not in EMPTY and v.strip() not in MISSING]
    if not filled:
        return None
    is_make = [v.lower() in make_names for v in filled]
    is_number = [looks_like_car_number(v) for v in filled]
    if all(is_make):
        return "manufacturer"
    if all(is_number) and not any(is_make):
        return "number"
    neither = [v for v, m, n in zip(filled, is_make, is_number, strict=True) if not m and not n]
    odd = neither[0] if neither else next(v for v, m in zip(filled, is_make, strict=True) if m)
    raise ReportError(
        f"column {label!r} holds neither only car numbers nor only makes",
        line=line,
        text=odd,
        source=source,
        expected="car numbers (07, 01W, X) or makes (Chevrolet, Ford) in the whole column",
    )


def owner_of(text: str) -> str | None:
    """The owner in a "Sponsor / Owner" cell: the bracketed part at its end, or None without one."""
    text = " ".join(text.split())
    if not text.endswith(")"):
        return None
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[i], 0)
        if depth == 0:
            return text[i + 1 : -1].strip() or None
    return None


def make_at_end(text: str, known_makes=()) -> str | None:
    """The make a "Sponsor / Make" cell ends with ("Valvoline Ford" -> "Ford"), or None."""
    text = " ".join(text.split())
    lowered = text.lower()
    for make in makes(known_makes):
        m = make.lower()
        if lowered.endswith(m) and (len(lowered) == len(m) or lowered[-len(m) - 1] == " "):
            return text[len(text) - len(m) :]
    return None
