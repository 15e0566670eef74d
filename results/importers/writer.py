"""The one writer: a report (``import_report``) or the history in bulk (``import_history``), all or nothing.

Both paths read rows (``Row``, whatever the format), check them (``validate.check_rows``), match
names (``resolve.Names``), find or create the race (a report's: ``events.find_event``), and write its
entries through one insertion (``bulk.insert_entries``: COPY on PostgreSQL, multi-row INSERTs
elsewhere), then refresh the summaries, in one transaction with the import run that logs it. A dry
run does all of it and rolls back.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, transaction

from results import race_state, summaries
from results.importers import claims, duplicates, historical, leading_zeros, log, validate
from results.importers import knowledge as knowledge_module
from results.importers.bulk import ENTRY_COLUMNS, FIELDS, NOT_IN_HISTORY, insert_entries, refresh_planner_statistics
from results.importers.events import RoundUnknown, find_event, race_key, race_track
from results.importers.files import TRACK_OF_A_FILE, dated_by_name, season_by_name, shown_name, track_by_name
from results.importers.prose import series_in
from results.importers.read import read_report
from results.importers.report import Facts, Report, ReportError
from results.importers.resolve import Names, resolve_series, season_of
from results.models import Driver, Entry, Event, ImportRun, Manufacturer, Team


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
    encoding: str | None = None
    decoded_from: str | None = None  # the file's encoding when the data was decoded before (admin uploads)
    numbers: dict = field(default_factory=dict)  # driver name -> car number, settling glued rows
    # races other files of the same command wrote ((series, year, round) -> file): one command never writes a race
    # twice
    taken: dict = field(default_factory=dict)
    placing: str = "next"  # a new race its report does not number: events.new_round
    name_date: datetime.date | None = None  # the race's date as the file's name says it (several files)
    # (driver, team, number) that other reports of the command, refused for lines read more than one
    # way, read one way only: evidence of the season (``series`` and ``year``) like its races in the database
    season_rows: tuple = ()

    def facts(self):
        return Facts(
            series=self.series,
            year=self.year if self.year is not None else (self.date.year if self.date else None),
            round=self.round,
            date=self.date,
            track=self.track,
            name=self.name,
        )


@dataclass
class Outcome:
    """What an import did (or, dry, would do); ``log`` keeps it as an ImportRun."""

    source: str
    format: str = ""
    dry_run: bool = False
    series: str = ""
    report: Report | None = None
    event: Event | None = None  # a report's race
    events_created: int = 0
    events_updated: int = 0
    events_unchanged: int = 0
    entries_written: int = 0
    created: defaultdict = field(default_factory=lambda: defaultdict(list))  # kind -> new names
    changes: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    repairs: Counter = field(default_factory=Counter)
    run: ImportRun | None = None
    undo: dict | None = None  # a report's: what reverting it needs (ImportRun.undo)
    races: list = field(default_factory=list)  # (series, year, round) of every race the file writes (Options.taken)

    @property
    def result(self):
        if self.dry_run:
            return ImportRun.Outcome.DRY_RUN
        if self.events_created:
            return ImportRun.Outcome.CREATED
        return ImportRun.Outcome.UPDATED if self.events_updated else ImportRun.Outcome.UNCHANGED


class _DryRun(Exception):
    pass


def _run(outcome, work, *, user, via, logged=True):
    """Do ``work`` in one transaction with its log entry; on a dry run roll both back and log the
    run alone; on an error log the failure (nothing of the work is kept) and raise it. Unlogged
    (``logged=False``: a check the caller logs as part of its own run, or an attempt it may repeat), a dry
    run or a refusal is not logged; a write always is."""
    try:
        with transaction.atomic():
            work()
            if outcome.dry_run:
                raise _DryRun
            outcome.run = log.record(outcome, user=user, via=via)
    except _DryRun:
        outcome.run = log.record(outcome, user=user, via=via) if logged else None
    except RoundUnknown:
        raise  # not a failure: the command places the race once the other files have landed
    except IntegrityError as error:
        failure = ReportError(
            f"the database refused the results ({error})",
            source=outcome.source,
            expected="results that satisfy the database's rules",
        )
        if logged:
            log.record_failure(outcome.source, failure, user=user, via=via, format=outcome.format)
        raise failure from None
    except ReportError as error:
        if logged:
            log.record_failure(outcome.source, error, user=user, via=via, format=outcome.format)
        raise
    return outcome


# A report: one race


def import_report(
    data: bytes | str, source: str, options=None, *, dry_run=False, user=None, via="command", logged=True
) -> Outcome:
    """Parse ``data`` (a file's bytes, or text an admin form sent) and bring the database into line with
    it, in one transaction.

    Raises ReportError (nothing written, the failure logged) when the report cannot be read or
    contradicts itself. With ``dry_run`` everything is done and rolled back: the outcome is what
    would happen. ``logged=False`` logs no dry run and no refusal (a write is always logged): the
    caller's check before its import, or an attempt it may repeat, whose refusal it logs if it is the last.
    """
    outcome = Outcome(source=source, dry_run=dry_run)
    return _run(outcome, lambda: _write_report(data, options or Options(), outcome), user=user, via=via, logged=logged)


def _write_report(data, options, outcome):
    names = Names(outcome)
    track_names = names.track_names()

    def knowledge_for(prose_facts, first_words):
        """What the database knows of the season the options, else the report's prose, name, and of
        the drivers whose names begin with ``first_words``."""
        facts = season_by_name(options.facts().merge(prose_facts), outcome.source)
        series = resolve_series(facts.series, outcome.source) if facts.series else None
        knowledge = knowledge_module.from_database(
            series.name if series else "",
            facts.reading_year,
            options.numbers,
            series.short_name if series else "",
            first_words=first_words,
        )
        return knowledge.with_season_rows(options.season_rows)

    report = read_report(
        data,
        outcome.source,
        format=options.format,
        encoding=options.encoding,
        decoded_from=options.decoded_from,
        knowledge_for=knowledge_for,
        known_tracks=track_names,
        known_makes=knowledge_module.known_makes(),
    )
    outcome.report, outcome.format = report, report.format
    outcome.warnings += report.warnings
    facts = dated_by_name(options.facts().merge(report.facts), options.name_date, outcome.source)
    facts = track_by_name(season_by_name(facts, outcome.source), outcome.source, track_names)
    validate.check_facts(facts, source=outcome.source)  # first: "--year 0" is a year out of range, not none
    for fact, option in (("series", "--series"), ("year", "--year or --date"), ("track", "--track")):
        if not getattr(facts, fact):
            several = {"track": facts.tracks_named, "year": facts.seasons_named}.get(fact, ())
            kind = "tracks" if fact == "track" else "seasons"
            said = f"names several {kind} ({', '.join(map(str, several))})" if len(several) > 1 else ""
            message = f"the report {said or f'does not say the {fact}'}"
            several = fact == "track" and options.placing == "ask"  # one of several files: --track is refused
            raise ReportError(message, source=outcome.source, expected=TRACK_OF_A_FILE if several else f"pass {option}")
    validate.check_year(options.facts().year, report.facts.years, source=outcome.source)
    series = resolve_series(facts.series, outcome.source)
    outcome.series = series.name
    season = season_of(series, facts.year)
    written = series_in(facts.series)
    if written and written[2] != series.name and season.name != written[2]:
        season.name = written[2]
        season.save()
    track = race_track(names, report, facts, outcome)
    event = find_event(season, track, facts, outcome, taken=options.taken, placing=options.placing)
    duplicates.check(report, season, event, facts, outcome)
    claims.check(report, facts, outcome)  # fills only what keeps the rows valid (read_report checked them)
    _write_entries(event, report, names, outcome)
    if outcome.undo is not None:
        outcome.undo.update(created=dict(outcome.created), after=race_state.digest(race_state.capture(event.pk)))


def _write_entries(event, report, names, outcome):
    """The race's entries as the report says; a column the report lacks keeps its stored values."""
    stored = {values["driver_id"]: values for values in event.entries.values(*ENTRY_COLUMNS)}
    driver_names = dict(Driver.objects.filter(pk__in=list(stored)).values_list("pk", "name"))
    columns = report.has_columns
    rows: list[dict] = []
    seen: set[int] = set()
    for row in report.rows:
        driver = names.driver(row.driver, line=row.line)
        if driver in seen:
            raise ReportError(
                f"{row.driver} is the same driver as another row",
                line=row.line,
                text=row.driver,
                source=outcome.source,
                expected="each driver once",
            )
        seen.add(driver)
        old = stored.get(driver)
        values = dict(old) if old else dict.fromkeys(ENTRY_COLUMNS) | {"rookie": False, "number": "", "pole": False}
        values.update(driver_id=driver, finish=row.finish, ineligible=values.get("ineligible") or False)
        values["status"] = values["status"] or ""
        for column, field_name in FIELDS.items():
            value = getattr(row, column)
            if column not in columns and value in (None, "", False):
                continue  # the report does not say: a row's empty default is no value (the prose's still count)
            if column == "team":
                value = names.team(value, line=row.line) if value else None
            elif column == "manufacturer":
                value = names.manufacturer(value, line=row.line) if value else None
            values[field_name] = value
        if old:
            changed = [
                f"{name} {old[name]} -> {values[name]}" for name in ENTRY_COLUMNS if _differs(old[name], values[name])
            ]
            if changed:
                outcome.changes.append(f"{row.driver}: " + ", ".join(changed))
        elif stored:
            outcome.changes.append(f"{row.driver}: added (P{row.finish})")
        rows.append(values)
    if "number" in columns:
        leading_zeros.check(event, zip(report.rows, rows, strict=True), outcome)
        leading_zeros.shared(event, report.rows, outcome)
    for driver, old in stored.items():
        if driver not in seen:
            outcome.changes.append(f"{driver_names[driver]}: removed (was P{old['finish']})")
    if not outcome.events_created:
        if not outcome.changes:
            outcome.events_unchanged = 1
            return
        outcome.events_updated = 1
    # Replacing the rows at once keeps the unique finish/start rules satisfied at every step.
    event.entries.all().delete()
    insert_entries([(event, [tuple(values[column] for column in ENTRY_COLUMNS) for values in rows])])
    summaries.refresh(seasons=[event.season_id])
    outcome.entries_written = len(rows)


def _differs(before, after):
    if before is None or after is None:
        return before != after
    try:
        return float(before) != float(after)  # a rating stored as 101.50 is the report's 101.5
    except (TypeError, ValueError):
        return before != after


# The history: many races, in bulk


def import_history(
    path: Path, *, series="", progress=False, dry_run=False, user=None, via="command", taken=None
) -> Outcome:
    """Load a historical results file (``../shared/data/nascar/*_series.csv[.gz]``) in one transaction.
    ``taken``: races other files of the same command wrote (``Options.taken``); the file holding one is refused."""
    outcome = Outcome(source=shown_name(path), format="historical", dry_run=dry_run)
    _run(outcome, lambda: _write_history(path, series, progress, outcome, taken or {}), user=user, via=via)
    if outcome.entries_written and not dry_run:
        refresh_planner_statistics()
    return outcome


def _write_history(path, series_name, progress, outcome, taken):
    if not path.is_file():
        raise ReportError("no such file", source=outcome.source, expected="a path to a historical results CSV")
    series_name = series_name or historical.series_from_file_name(path)
    if not series_name:
        raise ReportError("the file name does not say the series", source=outcome.source, expected="pass --series")
    series = resolve_series(series_name, outcome.source)
    outcome.series = series.name
    names, changed = Names(outcome), set()
    bar = _progress_bar(path) if progress else None
    for year, races in historical.read_seasons(path, series=series.short_name, repairs=outcome.repairs, progress=bar):
        season = season_of(series, year)
        season.series = series  # the event slugs need its slug: no query per season
        _claim(season, races, outcome, taken)
        if _write_season(season, races, names, outcome):
            changed.add(season.pk)
    if bar is not None:
        bar.close()
    summaries.refresh(seasons=changed)  # once per file: the totals of every season written


def _claim(season, races, outcome, taken):
    """Every race of the season the file holds is the file's (``Outcome.races``), unless another file of the
    same command wrote it: then the file is refused, whatever it would change (which file wins is no rule)."""
    for race in races:
        key = race_key(outcome, season, race.facts.round)
        if key in taken:
            raise ReportError(
                f"round {race.facts.round} of {season.year} ({outcome.series}) was written by {taken[key]} "
                "in this command",
                line=race.rows[0].line if race.rows else None,
                source=outcome.source,
                expected="the history and the reports of its races imported in separate commands",
            )
        outcome.races.append(key)


def _write_season(season, races, names, outcome):
    """Write a season's races: new ones created, changed ones replaced, unchanged ones left alone.
    Returns whether anything was written."""
    for race in races:
        validate.check_rows(race.rows, source=outcome.source)
    rows = [row for race in races for row in race.rows]
    drivers = names.create(Driver, {row.driver: {} for row in rows})
    teams = names.create(Team, {row.team: {} for row in rows if row.team})
    makes = names.create(Manufacturer, {row.manufacturer: {} for row in rows if row.manufacturer})
    tracks = {
        race.facts.track: names.track(race.facts.track, **historical.describe_track(race.facts)) for race in races
    }
    existing = {event.round: event for event in season.events.all()}
    stored, kept = defaultdict(set), {}
    for event_id, *values in Entry.objects.filter(event__season=season).values_list("event_id", *ENTRY_COLUMNS):
        stored[event_id].add(tuple(values))
        kept[event_id, values[0]] = tuple(values[-len(NOT_IN_HISTORY) :])
    new_events, written, stale = [], [], []
    key = historical.name_key_cached
    for race in races:
        facts = race.facts
        event_id = existing[facts.round].pk if facts.round in existing else None
        entries = [
            (
                drivers[key(row.driver)],
                row.finish,
                row.start,
                row.number,
                teams.get(key(row.team)),
                makes.get(key(row.manufacturer)),
                row.laps,
                row.led,
                row.status,
                row.points,
                row.stage1,
                row.stage2,
                row.rating,
                *kept.get((event_id, drivers[key(row.driver)]), NOT_IN_HISTORY.values()),
            )
            for row in race.rows
        ]  # fmt: skip (one row of ENTRY_COLUMNS)
        track_id = tracks[facts.track]
        completed = max((row.laps for row in race.rows if row.laps is not None), default=None)
        details = {
            "track_id": track_id,
            "name": facts.name,
            "notes": "\n".join(race.notes),
            "completed_laps": completed,
        }
        event = existing.get(facts.round)
        if event is None:
            slug = Event.make_slug(season.year, season.series.slug, facts.round, facts.track)
            event = Event(season=season, round=facts.round, slug=slug, source=Path(outcome.source).name, **details)
            new_events.append(event)
            outcome.events_created += 1
        elif set(entries) == stored.get(event.pk, set()) and (event.track_id, event.name) == (track_id, facts.name):
            outcome.events_unchanged += 1
            continue
        else:
            for attr, value in details.items():
                setattr(event, attr, value)
            event.save()
            stale.append(event.pk)
            outcome.events_updated += 1
        written.append((event, entries))
    Entry.objects.filter(event_id__in=stale).delete()
    Event.objects.bulk_create(new_events, batch_size=500)
    outcome.entries_written += insert_entries(written)
    return bool(written)


def _progress_bar(path):
    from tqdm import tqdm

    return tqdm(desc=path.name, unit=" entries", mininterval=0.5)
