"""Importer errors as editors read them in admin: the form field to fix instead of a command-line option."""

import re

# the command's options, as the importer's errors name them -> the admin form's fields
OPTIONS = {
    "--series": "series",
    "--year": "year",
    "--date": "date",
    "--round": "round",
    "--track": "track",
    "--name": "name",
    "--format": "format",
    "--encoding": "encoding",
    "--number": "numbers",
}
FACTS = {"series", "year", "date", "round", "track"}
FIELD_WORDS = {
    "series": "Series",
    "year": "Year",
    "date": "Date",
    "round": "Round",
    "track": "Track",
    "name": "Race name",
    "format": "Format",
    "encoding": "Encoding",
    "numbers": "Car numbers",
}


def for_editors(error, fields=()):
    """``(field, message)``: the message without command-line wording, and the form field it concerns
    when the form has one (else None)."""
    text = str(error)
    # an ambiguous line's hint names both ways to settle it: in admin the choice below comes first
    text = text.replace("pass the --number given for its reading (in admin, ", "(").replace(
        "(choose the reading in the preview)", "choose the reading of each line below (or its Car numbers)"
    )
    # only a missing fact is marked on its field: a hint naming Encoding or Car numbers is read in the error box
    named = [OPTIONS[o] for o in re.findall(r"--[a-z]+", text) if OPTIONS.get(o) in FACTS]
    field = next((f for f in named if f in fields), None)
    text = re.sub(r"pass (--[a-z]+)", lambda m: f"fill in {FIELD_WORDS.get(OPTIONS.get(m[1], ''), m[1])}", text)
    text = re.sub(r"--([a-z]+)", lambda m: FIELD_WORDS.get(OPTIONS.get(m[0], ""), m[1]), text)
    return field, text
