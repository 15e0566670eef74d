"""Finding the race a report is about (``import_report``): by round, else by track and name within
the season, else a new one; then giving it the report's name, date, text and laps."""

import re
from pathlib import Path

from ftfy import fix_text

from results import race_state
from results.importers.report import ReportError
from results.models import Event
from results.names import name_key

_YEAR = re.compile(r"(19|20)\d\d")  # a season's year inside a race's name


def race_words(name: str) -> str:
    """A race's name without its year: "2024 Daytona 500" is the "daytona 500" of 2024."""
    return " ".join(word for word in name_key(name).split() if not _YEAR.fullmatch(word))


def _names_another_race(facts, year, event):
    """Whether the report's heading names a race other than ``event`` (``--name`` may rename the race):
    a race of the year ("2024 Coke Zero Sugar 400"), or, without the year, a race the track has held
    ("Coke Zero Sugar 400", known from other years). A heading that names no race ("Results") is no
    other race. One query when the heading lacks the year."""
    heading = race_words(facts.title)
    if race_words(event.name) in {race_words(facts.name), heading}:
        return False
    if str(year) in name_key(facts.title).split():
        return True
    held = Event.objects.filter(track_id=event.track_id).exclude(name="").order_by().values_list("name", flat=True)
    return bool(heading) and heading in {race_words(name) for name in held.distinct()}


def find_event(season, track, facts, outcome, taken=None):
    """The event this report describes: by round, else by track within the season, else a new one.
    ``taken``: races other files of the same command wrote (id -> file); finding one of them is an error,
    not a rewrite (two reports of one track's two races, neither naming its round)."""
    events = season.events.all()
    event = None
    if facts.round:
        event = events.filter(round=facts.round).first()
        if event and event.track_id != track.id:
            raise ReportError(
                f"round {facts.round} of {season.year} is at {event.track}, not {track}",
                source=outcome.source,
                expected="the right --round, or --track",
            )
    else:
        at_track = list(events.filter(track=track))
        if len(at_track) > 1:
            wanted = {race_words(facts.name), race_words(facts.title)} - {""}
            named = [e for e in at_track if race_words(e.name) in wanted]
            if len(named) != 1:
                raise ReportError(
                    f"{season.year} has {len(at_track)} races at {track} (rounds "
                    + ", ".join(f"{e.round}{f' ({e.name})' if e.name else ''}" for e in at_track)
                    + ")",
                    source=outcome.source,
                    expected="pass --round, or --name as the race is named",
                )
            at_track = named
        elif at_track and at_track[0].name and _names_another_race(facts, season.year, at_track[0]):
            (only,) = at_track
            raise ReportError(
                f"the report is headed {facts.title!r}, but the one race of {season.year} at {track} is round "
                f"{only.round} ({only.name})",
                source=outcome.source,
                expected=f"--round {only.round} if it is that race, or the round of a race still to add",
            )
        event = at_track[0] if at_track else None
    if event is not None and taken and event.pk in taken:
        raise ReportError(
            f"round {event.round} of {season.year} at {track} was written by {taken[event.pk]} in this command",
            source=outcome.source,
            expected="each file named by its round (round07.txt), or this file imported alone with --round",
        )
    # the race as it was, for a revert (results.reverts); None: this import creates it
    outcome.undo = {"race": race_state.capture(event.pk) if event is not None else None}
    if event is None:
        round_number = facts.round or (max((e.round for e in events), default=0) + 1)
        if not facts.round:
            outcome.warnings.append(
                f"the report does not say the round; numbered {round_number} (the next of {season.year}); "
                "pass --round to set it"
            )
        event = Event(season=season, round=round_number, track=track)
        outcome.events_created = 1
    new_values = {
        "name": fix_text(facts.name, uncurl_quotes=False) if facts.name else "",
        "date": facts.date,
        "report_text": outcome.report.text,
        "source": Path(outcome.source).name[:255],
    }
    for attr, value in new_values.items():
        if value and getattr(event, attr) != value:
            if event.pk and attr not in {"report_text", "source"}:
                outcome.changes.append(f"event {attr}: {getattr(event, attr) or '(empty)'} -> {value}")
            setattr(event, attr, value)
    laps = max((r.laps for r in outcome.report.rows if r.laps is not None), default=None)
    if laps is not None and event.completed_laps != laps:
        if event.pk:
            outcome.changes.append(f"event completed laps: {event.completed_laps} -> {laps}")
        event.completed_laps = laps
    event.save()
    outcome.event = event
    return event
