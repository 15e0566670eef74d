"""The import log that editors read in admin: every run, its outcome and its warnings."""

from results.models import ImportRun

# a bulk import creates thousands of names: the log lists them up to this many per kind
LISTED_NAMES = 20


def describe(outcome):
    """The lines the command prints (and the log keeps) for one successful run."""
    event = outcome.event
    if outcome.report is not None:
        lines = [f"{outcome.source}: {outcome.format}, {len(outcome.report.rows)} rows"]
    else:
        lines = [f"{outcome.source}: {outcome.format} {outcome.series} results"]
    if event is not None:
        verb = "created" if outcome.events_created else "updated" if outcome.events_updated else "unchanged"
        series = event.season.series
        lines.append(
            f"  event {verb}: {event.season.year} {series.short_name or series} "
            f"round {event.round} at {event.track} ({event.get_absolute_url()})"
        )
    else:
        lines.append(
            f"  events created: {outcome.events_created}, updated: {outcome.events_updated}, "
            f"unchanged: {outcome.events_unchanged}"
        )
    lines.append(f"  entries written: {outcome.entries_written}")
    for kind, names in sorted(outcome.created.items()):
        listed = ", ".join(names[:LISTED_NAMES]) + (", ..." if len(names) > LISTED_NAMES else "")
        lines.append(f"  {kind} created: {len(names)} ({listed})")
    lines += [f"  repaired: {what}: {n}" for what, n in sorted(outcome.repairs.items())]
    lines += [f"  changed: {change}" for change in outcome.changes]
    lines += [f"  note: {note}" for note in outcome.notes]
    lines += [f"  warning: {warning}" for warning in outcome.warnings]
    if outcome.dry_run:
        lines.append("  dry run: nothing was written")
    return lines


def record(outcome, *, user=None, via="command"):
    """Log a run that succeeded (or a dry run): inside the import's own transaction, so the log and
    the data it describes are committed together."""
    run = ImportRun.objects.create(
        user=user,
        via=via,
        source=_name(outcome.source),
        format=outcome.format,
        outcome=outcome.result,
        summary="\n".join(describe(outcome)),
        warnings="\n".join(outcome.warnings),
        entries_written=0 if outcome.dry_run else outcome.entries_written,
        undo=None if outcome.dry_run or not outcome.entries_written else outcome.undo,
    )
    if outcome.event is not None and outcome.event.pk and not outcome.dry_run:
        run.events.add(outcome.event)
    return run


def record_failure(source, error, *, user=None, via="command", format=""):
    return ImportRun.objects.create(
        user=user, via=via, source=_name(source), format=format, outcome=ImportRun.Outcome.FAILED, error=str(error)
    )


def _name(source):
    return source[:255]
