"""Importer errors as editors read them in admin: the form field to fix instead of a command-line option."""

import re

# the command's options, as the importer's errors name them -> the admin form's fields
OPTIONS = {"--series": "series", "--year": "year", "--date": "date", "--round": "round", "--track": "track"}
FIELD_WORDS = {"series": "Series", "year": "Year", "date": "Date", "round": "Round", "track": "Track"}


def for_editors(error, fields=()):
    """``(field, message)``: the message without command-line wording, and the form field it concerns
    when the form has one (else None)."""
    text = str(error)
    named = [OPTIONS[o] for o in re.findall(r"--[a-z]+", text) if o in OPTIONS]
    field = next((f for f in named if f in fields), None)
    text = re.sub(r"pass (--[a-z]+)", lambda m: f"fill in {FIELD_WORDS.get(OPTIONS.get(m[1], ''), m[1])}", text)
    text = re.sub(r"--([a-z]+)", lambda m: FIELD_WORDS.get(m[1], m[1]), text)
    return field, text
