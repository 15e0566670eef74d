"""Several reports imported in one command (``import_report round01.txt round02.txt ...``): the round
each file's name says, and which ``--number`` options settle where a driver's name ends in every file."""

import re
from pathlib import Path

from results.importers.knowledge import chosen_numbers
from results.names import name_key

# not "race": "dover-race-2.txt" is as likely the second race at Dover as round 2
_ROUND_WORD = re.compile(r"(?<![a-z])(?:round|rd|r)[ _.-]?0*(\d{1,2})(?!\d)", re.IGNORECASE)
# not a date's month: "1978-02-26-richmond.txt" was read as round 2 (a month and its day follow the year)
_ROUND_AFTER_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d[ _.-]0*(\d{1,2})(?!\d)(?![ _.-]\d{1,2}(?!\d))")


def round_in_name(name):
    """A file's round as its name says it (used when several files are imported at once): the number after "round", "rd" or "r"
    (round07.txt, r7.txt), or right after the year (cup-1985-07.txt). Any other number is not taken
    for a round ("kansas-2.txt" may be the second race at Kansas, not round 2): None, and the writer
    takes the race at the report's track, or numbers a new one the next of its season, and warns."""
    stem = Path(name).name.split(".")[0]
    named = _ROUND_WORD.findall(stem) or _ROUND_AFTER_YEAR.findall(stem)
    return int(named[-1]) or None if named else None


def names_settled(choices, given):
    """Of the ``--number`` options (``given``: name as typed -> number), those that choose a driver
    on a line (``Ambiguous.choices``) whose readings differ only in where the name ends."""
    settled = {}
    for _, _, readings in choices:
        if len({lead for _, _, lead in readings}) != 1:
            continue  # the readings differ in start or number: not a name's end
        (_, _, (_, number)), drivers = readings[0], {name_key(driver) for driver, _, _ in readings}
        for name, chosen in given.items():
            if name_key(name) in drivers and chosen_numbers({name: chosen})[name_key(name)] == number:
                settled[name] = chosen
    return settled
