"""Short vocabularies that make glued or loosely labelled tables readable."""

import re

from results.names import name_key

MANUFACTURERS = [
    "Chevrolet",
    "Ford",
    "Toyota",
    "Dodge",
    "RAM",
    "Pontiac",
    "Oldsmobile",
    "Buick",
    "Plymouth",
    "Mercury",
    "Hudson",
    "Chrysler",
    "Studebaker",
    "Lincoln",
    "Kaiser",
    "Matador",
    "Cadillac",
    "Jaguar",
    "GMC",
    "Porsche",
    "Edsel",
    "Nash Motor Company",
    "Packard Motor Car Company",
    "American Motors Company",
    "Morris Garage",
    "Austin-Healey",
    "Sprite",
    "Aston Martin",
    "Triumph",
    "Alfa Romeo",
    "Alfa",
    "Volkswagen",
    "Volkswagon",  # as the history spells it (Cup 1953)
]

# What a cell holds when it says nothing: empty, or a dash of any length.
EMPTY = frozenset({"", "-", "\u2013", "\u2014"})


def makes(known=()) -> list[str]:
    """Every make a report may name: the list above and the database's (``known``), longest first, so
    that a make is tried before a shorter one its name ends with."""
    return sorted({*MANUFACTURERS, *known}, key=lambda make: (-len(make), make))


STATUSES = [
    "Running",
    "Accident",
    "Engine",
    "Transmission",
    "Brakes",
    "Rear Gear",
    "Rear End",
    "Suspension",
    "Electrical",
    "Overheating",
    "Fuel Pump",
    "Vibration",
    "Handling",
    "Ignition",
    "Clutch",
    "Oil Pressure",
    "Oil Leak",
    "Steering",
    "Axle",
    "Piston",
    "Valve",
    "Radiator",
    "Parked",
    "DVP",
    "Disqualified",
    "DQ",
    "Did Not Start",
    "Did Not Finish",
    "DNS",
    "DNF",
    "Fuel Pressure",
    "Wheel Bearing",
    "Crash",
    "Battery",
    "Driveshaft",
    "Power Steering",
    "Water Pump",
    "Tire",
    "Out of Fuel",
]

# Header labels as reports write them, longest first where one is a prefix of another.
HEADER_ALIASES = {
    "finish": ["finish", "fin", "pos", "position", "place", "pl", "p"],
    "start": ["start", "st", "starting position", "grid", "qual"],
    "number": ["number", "no", "num", "car", "car number", "#", "car #", "no."],
    "driver": ["driver", "driver name", "name"],
    "team": ["team", "owner", "team owner", "entrant"],
    "manufacturer": ["manufacturer", "make", "mfr", "car make", "manuf"],
    "laps": ["laps", "laps completed", "lap"],
    "led": ["led", "laps led", "lead laps"],
    "status": ["status", "reason", "condition"],
    "points": ["points", "pts", "point"],
    "stage1": ["s1", "stage 1", "stage1"],
    "stage2": ["s2", "stage 2", "stage2"],
    "rating": ["rating", "driver rating"],
}
_LABEL_TO_COLUMN = {name_key(label) or label: column for column, labels in HEADER_ALIASES.items() for label in labels}


def column_for_label(label: str):
    """The column a header cell names ("Pts" -> points), or None."""
    key = name_key(label) or label.strip()
    return _LABEL_TO_COLUMN.get(key)


# A "DNF" marker after the reason, as results pages (this site's among them) flag a car out of the race
_DNF_MARKER = re.compile(r"(?<=\w)\s*(?:[-\u2013\u2014,]\s*|\()?\bDNF\b\)?$", re.IGNORECASE)


def canonical_status(text: str) -> str:
    """'running' -> 'Running', 'rear gear' -> 'Rear Gear', 'Accident DNF' -> 'Accident'; DVP, DQ,
    DNS and DNF stay capitals."""
    text = re.sub(r"\s+", " ", text or "").strip()
    text = _DNF_MARKER.sub("", text)
    if text in EMPTY:
        return ""
    for status in STATUSES:
        if status.lower() == text.lower():
            return status
    return text if not text.islower() else text.title()
