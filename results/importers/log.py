"""The import log that editors read in admin: every run, its outcome and its warnings."""

from results.models import ImportRun


def describe(outcome):
    """The lines the command prints (and the log keeps) for one successful run."""
    event = outcome.event
    verb = {"created": "created", "updated": "updated", "unchanged": "unchanged"}[outcome.outcome]
    lines = [f"{outcome.source}: {outcome.format}, {len(outcome.report.rows)} rows"]
    if event is not None:
        lines.append(
            f"  event {verb}: {event.season.year} {event.season.series.short_name or event.season.series} "
            f"round {event.round} at {event.track} ({event.get_absolute_url()})"
        )
    lines.append(f"  entries written: {outcome.entries_written}")
    for kind, names in outcome.created.items():
        lines.append(f"  {kind} created: {len(names)} ({', '.join(names)})")
    lines += [f"  changed: {change}" for change in outcome.changes]
    lines += [f"  note: {note}" for note in outcome.notes]
    lines += [f"  warning: {warning}" for warning in outcome.warnings]
    if outcome.dry_run:
        lines.append("  dry run: nothing was written")
    return lines


def record_success(outcome, *, user=None, via="command"):
    run = ImportRun.objects.create(
        user=user,
        via=via,
        source=outcome.source[:255],
        format=outcome.format,
        outcome=ImportRun.Outcome.DRY_RUN if outcome.dry_run else outcome.outcome,
        summary="\n".join(describe(outcome)),
        warnings="\n".join(outcome.warnings),
        entries_written=0 if outcome.dry_run else outcome.entries_written,
    )
    if outcome.event is not None and outcome.event.pk and not outcome.dry_run:
        run.events.add(outcome.event)
    return run


def record_failure(source, error, *, user=None, via="command", format=""):
    return ImportRun.objects.create(
        user=user, via=via, source=source[:255], format=format, outcome=ImportRun.Outcome.FAILED, error=str(error)
    )


def record_historical(outcome, *, user=None, via="command"):
    """A bulk run: its counts and repairs; the thousands of events it touched are not linked one by one."""
    if outcome.dry_run:
        result = ImportRun.Outcome.DRY_RUN
    elif outcome.events_created:
        result = ImportRun.Outcome.CREATED
    elif outcome.events_updated:
        result = ImportRun.Outcome.UPDATED
    else:
        result = ImportRun.Outcome.UNCHANGED
    return ImportRun.objects.create(
        user=user,
        via=via,
        source=outcome.source[:255],
        format="historical",
        outcome=result,
        summary="\n".join(outcome.lines()),
        entries_written=0 if outcome.dry_run else outcome.entries_written,
    )
