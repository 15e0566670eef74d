"""Finding the race a report is about (``import_report``): its track, then the race by round, else by track
and name within the season, else a new one; then giving it the report's name, date, text and laps."""

import re
from pathlib import Path

from ftfy import fix_text

from results import race_state, summaries
from results.importers import duplicates
from results.importers.report import ReportError
from results.models import Event, Track
from results.names import name_key

_YEAR = re.compile(r"(19|20)\d\d")  # a season's year inside a race's name
# Characters of a report its race keeps (the race page shows them): a real report whole (the seed's is
# 4,500; a saved results page has room), not 5 MB of notes, whose copies on the way to PostgreSQL took
# an admin confirmation over 200 MB.
REPORT_KEPT = 1_000_000


def race_track(names, report, facts, outcome):
    """The race's Track (``facts.track``, created when new). A track gets the length its report states beside its
    name (not one stated for another track) when it has none; a length it has is an editor's or an earlier
    report's, changed in admin."""
    stated = name_key(report.facts.track) == name_key(facts.track) and report.facts.track_length
    track = Track.objects.get(pk=names.track(facts.track, **({"length_miles": stated} if stated else {})))
    if stated and track.length_miles is None:
        Track.objects.filter(pk=track.pk).update(length_miles=stated)
        track.length_miles = stated
        outcome.changes.append(f"{track.name}: length set to {stated} miles, as the report states")
        summaries.track_measured(track.pk)
    return track


def kept_text(text: str, outcome) -> str:
    """What the race keeps of its report's ``text``: all of it, or its first lines up to REPORT_KEPT
    characters and a line saying what is left out (with a warning)."""
    if len(text) <= REPORT_KEPT:
        return text
    cut = text.rfind("\n", 0, REPORT_KEPT) + 1 or REPORT_KEPT
    outcome.warnings.append(f"the report is {len(text):,} characters: its race keeps the first {cut:,}")
    return (
        text[:cut]
        + f"\n[{len(text) - cut:,} more characters of the report are not kept here ({len(text):,} in all).]\n"
    )


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


class RoundUnknown(ReportError):
    """A new race whose round nothing says, in a command of several files (``Options.placing`` "ask"): not a
    failure yet; the command places it once the others have landed, in date order, or refuses it
    (``files.placing_plan``). ``season``: (series name, year)."""

    def __init__(self, season, date, *, source):
        super().__init__(f"the report does not say the round of its new race of {season[1]}", source=source)
        self.season, self.date = season, date


def race_key(outcome, season, round_number):
    """How a command knows a race it wrote (``Options.taken``): ids do not survive a dry run's rollback."""
    return outcome.series, season.year, round_number


def find_event(season, track, facts, outcome, taken=None, placing="next"):
    """The event this report describes: by round, else by track within the season (a race dated otherwise is
    another race; one found by its track alone must hold the report's results nearly in their order), else a
    new one, numbered as ``placing`` says (``new_round``). ``taken``: races other files
    of the same command wrote ((series, year, round) -> file); finding one of them is an error, not a rewrite
    (two reports of one track's two races, neither naming its round)."""
    events = season.events.all()
    event, by_track = None, False  # by_track: found by its track alone (not its date, nor its name)
    if facts.round:
        event = events.filter(round=facts.round).first()
        if event and event.track_id != track.id:
            raise ReportError(
                f"round {facts.round} of {season.year} is at {event.track}, not {track}",
                source=outcome.source,
                expected="the right --round, or --track",
            )
    else:
        at_track = [e for e in events.filter(track=track) if not (facts.date and e.date and e.date != facts.date)]
        wanted = {race_words(facts.name), race_words(facts.title)} - {""}
        if len(at_track) > 1:
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
        by_track = bool(event and not (facts.date and event.date) and race_words(event.name) not in wanted)
    # the race as it was, for a revert (results.reverts); None: this import creates it
    outcome.undo = {"race": race_state.capture(event.pk) if event is not None else None}
    if event is None:
        round_number = facts.round or new_round(season, events, facts, outcome, taken or {}, placing)
        event = Event(season=season, round=round_number, track=track)
        outcome.events_created = 1
    key = race_key(outcome, season, event.round)
    if taken and key in taken:
        raise ReportError(
            f"round {event.round} of {season.year} at {track} was written by {taken[key]} in this command",
            source=outcome.source,
            expected="each file named by its round (round07.txt), or this file imported alone with --round",
        )
    if by_track:
        _refuse_another_race(event, outcome)  # is the report that race?
    outcome.races.append(key)
    new_values = {
        "name": fix_text(facts.name, uncurl_quotes=False) if facts.name else "",
        "date": facts.date,
        "report_text": kept_text(outcome.report.text, outcome),
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


def _refuse_another_race(event, outcome):
    """A report that names no round nor date is the track's one race of the season only if it gives its results
    nearly in their order: the second race of a doubleheader at Kansas, so imported, replaced the first's."""
    other = duplicates.another_race(outcome.report, event)
    if other:
        kept, field = other
        raise ReportError(
            f"round {event.round} of {event.season.year} at {event.track} holds other results: {kept} of {field} "
            "drivers finish in the same order (a corrected report keeps nearly all)",
            source=outcome.source,
            expected=f"--round {event.round} to replace them with this report's, or the round of another race "
            f"at {event.track}",
        )


def new_round(season, events, facts, outcome, taken, placing):
    """The round of a new race its report does not number: the next of its season, never one a race dated
    later already has. ``placing``: "next" (one file: numbered so, with a warning), "ask" (one of several
    files: ``RoundUnknown``, the command places it), "by date" (placed by the command in date order: every race
    of the season must have a date, or where it falls is not known)."""
    later = sorted((e for e in events if facts.date and e.date and e.date > facts.date), key=lambda e: e.round)
    if later:
        raise ReportError(
            f"the race of {facts.date} would be numbered after round {later[0].round} of {season.year}, "
            f"run later ({later[0].date})",
            source=outcome.source,
            expected="its round: --round, or a file named by it (round07.txt, r7.txt, cup-1985-07.txt)",
        )
    if placing == "ask":
        raise RoundUnknown((outcome.series, season.year), facts.date, source=outcome.source)
    undated = [e.round for e in events if e.date is None]
    if placing == "by date" and undated:
        raise ReportError(
            f"round{'s' if len(undated) > 1 else ''} {', '.join(map(str, sorted(undated)))} of {season.year} "
            f"{'have' if len(undated) > 1 else 'has'} no date, so where the race of {facts.date} falls is not known",
            source=outcome.source,
            expected="each file named by its round (round07.txt, r7.txt, cup-1985-07.txt), or --round",
        )
    mine = [r for series, year, r in taken if (series, year) == (outcome.series, season.year)]  # a dry run's too
    round_number = max((e.round for e in events), default=0) + 1
    round_number = max(round_number, max(mine, default=0) + 1)
    how = "by date" if placing == "by date" else ""
    outcome.warnings.append(
        f"the report does not say the round; numbered {round_number} (the next of {season.year}{how and ' ' + how}); "
        "pass --round or name the file by its round to set it"
    )
    return round_number
