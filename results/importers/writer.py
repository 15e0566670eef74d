"""Write one parsed report into the database: all of it, or (on any error) none of it."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from ftfy import fix_text

from results import summaries
from results.importers import knowledge as knowledge_module
from results.importers.prose import SERIES, facts_from_prose, series_in
from results.importers.read import read_report
from results.importers.report import Facts, Report, ReportError
from results.importers.resolve import Resolver
from results.models import Entry, Event, Season, Series
from results.names import name_key

# Report columns -> Entry fields; a column the report lacks leaves the stored value alone.
FIELDS = {
    "start": "start",
    "number": "number",
    "team": "team",
    "manufacturer": "manufacturer",
    "laps": "laps",
    "led": "laps_led",
    "status": "status",
    "points": "points",
    "stage1": "stage1",
    "stage2": "stage2",
    "rating": "rating",
    "rookie": "rookie",
    "ineligible": "ineligible",
}


@dataclass
class Options:
    """Facts given on the command line or in the admin form; they win over the report's prose."""

    series: str = ""
    year: int | None = None
    round: int | None = None
    date: datetime.date | None = None
    track: str = ""
    name: str = ""
    format: str | None = None

    def facts(self):
        return Facts(
            series=self.series,
            year=self.year or (self.date.year if self.date else None),
            round=self.round,
            date=self.date,
            track=self.track,
            name=self.name,
        )


@dataclass
class Outcome:
    source: str
    format: str = ""
    outcome: str = ""  # created, updated, unchanged
    event: Event | None = None
    report: Report | None = None
    entries_written: int = 0
    created: dict = field(default_factory=dict)
    changes: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    dry_run: bool = False


class _DryRun(Exception):
    pass


def import_report(data: bytes, source: str, options: Options | None = None, *, dry_run=False) -> Outcome:
    """Parse ``data`` and bring the database into line with it, in one transaction.

    Raises ReportError (nothing written) when the report cannot be read or contradicts itself.
    With ``dry_run`` everything is done and then rolled back, so the outcome is what would happen.
    """
    options = options or Options()
    outcome = Outcome(source=source, dry_run=dry_run)
    try:
        with transaction.atomic():
            _import(data, source, options, outcome)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except IntegrityError as error:
        raise ReportError(
            f"the database refused the results ({error})",
            source=source,
            expected="results that satisfy the database's rules",
        ) from None
    return outcome


def _import(data, source, options, outcome):
    resolver = Resolver(outcome)
    text = data.decode("utf-8", "replace")
    early = options.facts().merge(facts_from_prose(text[:20000], known_tracks=resolver.track_names()))
    series = resolve_series(early.series, source) if early.series else None
    knowledge = knowledge_module.from_database(series.name if series else "", early.year)
    report = read_report(
        data,
        source,
        format=options.format,
        knowledge=knowledge,
        known_tracks=resolver.track_names(),
        known_makes=knowledge.manufacturers,
    )
    outcome.report, outcome.format = report, report.format
    outcome.warnings += report.warnings
    facts = options.facts().merge(report.facts)
    _require(facts, source)
    series = resolve_series(facts.series, source)
    season, created = Season.objects.get_or_create(series=series, year=facts.year)
    written = series_in(facts.series)
    if written and written[2] != series.name and season.name != written[2]:
        season.name = written[2]
        season.save()
    track = resolver.track(facts.track)
    event = _find_event(season, track, facts, outcome)
    _apply_prose_claims(report, facts, outcome)
    _write_entries(event, report, resolver, outcome)


def _require(facts, source):
    for fact, option in (("series", "--series"), ("year", "--year or --date"), ("track", "--track")):
        if not getattr(facts, fact):
            raise ReportError(f"the report does not say the {fact}", source=source, expected=f"pass {option}")


def resolve_series(text, source=""):
    """A Series from any of its names ("Camping World Truck Series", "truck", "NASCAR Cup Series")."""
    key = name_key(text)
    for series in Series.objects.all():
        if key in {name_key(series.name), name_key(series.short_name), series.slug}:
            return series
    found = series_in(text) or next(
        ((name, short, text) for name, short, _ in SERIES if key in {name_key(name), name_key(short)}), None
    )
    if not found:
        raise ReportError(
            f"unknown series {text!r}",
            source=source,
            expected="Cup, Xfinity or Truck (or a series name editors created in admin)",
        )
    name, short, _ = found
    series, _ = Series.objects.get_or_create(
        name=name, defaults={"short_name": short, "sort_order": [s[0] for s in SERIES].index(name)}
    )
    return series


def _find_event(season, track, facts, outcome):
    """The event this report describes: by round, else by track within the season, else a new one."""
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
            raise ReportError(
                f"{season.year} has {len(at_track)} races at {track} (rounds "
                + ", ".join(str(e.round) for e in at_track)
                + ")",
                source=outcome.source,
                expected="pass --round",
            )
        event = at_track[0] if at_track else None
    if event is None:
        round_number = facts.round or (max((e.round for e in events), default=0) + 1)
        if not facts.round:
            outcome.warnings.append(
                f"the report does not say the round; numbered {round_number} (the next of {season.year}); pass --round to set it"
            )
        event = Event(season=season, round=round_number, track=track)
        outcome.outcome = "created"
    new_values = {
        "name": fix_text(facts.name, uncurl_quotes=False) if facts.name else "",
        "date": facts.date,
        "report_text": outcome.report.text,
        "source": outcome.source[:255],
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


def _row_for(name, rows):
    """The row a prose name refers to: the full name, or a surname that only one driver has."""
    key = name_key(name)
    matches = [r for r in rows if name_key(r.driver) == key] or [
        r for r in rows if name_key(r.driver).split()[-1:] == key.split()[-1:] and len(key.split()) == 1
    ]
    return matches[0] if len(matches) == 1 else None


def _apply_prose_claims(report, facts, outcome):
    """Check what the prose says against the table; fill what only the prose says."""
    rows = report.rows
    if facts.pole:
        row = _row_for(facts.pole, rows)
        pole = next((r for r in rows if r.start == 1), None)
        if row is None or (pole is not None and pole is not row):
            outcome.warnings.append(
                f"the prose names {facts.pole} pole winner; the table starts {pole.driver if pole else 'nobody'} first"
            )
    for stage, name in sorted(facts.stage_winners.items()):
        row, column = _row_for(name, rows), f"stage{stage}"
        if row is None or stage > 2:
            outcome.warnings.append(f"the prose names {name} stage {stage} winner, who is not in the table")
        elif column in report.has_columns:
            if getattr(row, column) != 1:
                outcome.warnings.append(f"the prose names {name} stage {stage} winner; the table says otherwise")
        else:
            setattr(row, column, 1)
            outcome.notes.append(f"stage {stage} winner from the prose: {row.driver}")
    if facts.led_claim:
        name, laps_led = facts.led_claim
        row = _row_for(name, rows)
        if row is None:
            outcome.warnings.append(f"the prose says {name} led {laps_led} laps; no such driver in the table")
        elif "led" in report.has_columns:
            if row.led != laps_led:
                outcome.warnings.append(f"the prose says {row.driver} led {laps_led} laps; the table says {row.led}")
        elif row.laps is not None and laps_led > row.laps:
            outcome.warnings.append(f"the prose says {row.driver} led {laps_led} laps, more than the {row.laps} run")
        else:
            row.led = laps_led
            outcome.notes.append(f"laps led from the prose: {row.driver} {laps_led}")
    if facts.total_laps:
        winner = next((r for r in rows if r.finish == 1), None)
        if winner and winner.laps is not None and winner.laps != facts.total_laps:
            outcome.warnings.append(f"the prose says {facts.total_laps} laps; the winner completed {winner.laps}")


def _write_entries(event, report, resolver, outcome):
    existing = {e.driver_id: e for e in event.entries.select_related("driver", "team", "manufacturer")}
    columns = report.has_columns
    new_entries, seen = [], set()
    for row in report.rows:
        driver = resolver.driver(row.driver, existing.values(), line=row.line)
        if driver.pk in seen:
            raise ReportError(
                f"{row.driver} is the same driver as another row",
                line=row.line,
                text=row.driver,
                source=outcome.source,
                expected="each driver once",
            )
        seen.add(driver.pk)
        old = existing.get(driver.pk)
        entry = Entry(event=event, driver=driver, finish=row.finish)
        if old:
            for field_name in FIELDS.values():
                setattr(entry, field_name, getattr(old, field_name))
        for column, field_name in FIELDS.items():
            value = getattr(row, column)
            if column not in columns and value is None:
                continue  # the report does not say (a value the prose gave still counts)
            if column == "team":
                value = resolver.team(value, line=row.line) if value else None
            elif column == "manufacturer":
                value = resolver.manufacturer(value, line=row.line) if value else None
            setattr(entry, field_name, value)
        if old:
            changed = _changed_fields(old, entry)
            if changed:
                outcome.changes.append(f"{driver.name}: " + ", ".join(changed))
        elif existing:
            outcome.changes.append(f"{driver.name}: added (P{row.finish})")
        _validate(entry, row, outcome.source)
        new_entries.append(entry)
    for driver_id, old in existing.items():
        if driver_id not in seen:
            outcome.changes.append(f"{old.driver.name}: removed (was P{old.finish})")
    if not outcome.outcome:
        outcome.outcome = "updated" if outcome.changes else "unchanged"
    if outcome.outcome == "unchanged":
        return
    # Replacing the rows at once keeps the unique finish/start rules satisfied at every step.
    event.entries.all().delete()
    Entry.objects.bulk_create(new_entries)
    summaries.refresh(seasons=[event.season_id])
    outcome.entries_written = len(new_entries)


def _validate(entry, row, source):
    """Field rules (lengths, ranges) checked before writing, so errors can name the line."""
    try:
        entry.full_clean(
            exclude=["event", "driver", "team", "manufacturer"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        field_name, messages = next(iter(error.message_dict.items()))
        raise ReportError(
            f"{field_name}: {' '.join(messages)}",
            line=row.line,
            text=str(getattr(entry, field_name, "")),
            source=source,
            expected=f"a valid {field_name}",
        ) from None
    if entry.laps_led is not None and entry.laps is not None and entry.laps_led > entry.laps:
        raise ReportError(
            f"laps led ({entry.laps_led}) exceed laps completed ({entry.laps})",
            line=row.line,
            text=row.driver,
            source=source,
            expected="laps led no more than laps completed",
        )


def _changed_fields(old, new):
    out = []
    for field_name in ["finish", *FIELDS.values()]:
        before, after = getattr(old, field_name), getattr(new, field_name)
        if field_name in {"team", "manufacturer"}:
            before, after = getattr(old, f"{field_name}_id"), getattr(new, f"{field_name}_id")
            if before != after:
                out.append(f"{field_name} {getattr(old, field_name)} -> {getattr(new, field_name)}")
            continue
        if field_name == "rating" and before is not None and after is not None:
            if float(before) == float(after):
                continue
        if before != after:
            out.append(f"{field_name} {before} -> {after}")
    return out
