"""The editor's decision on each name near a known one, in an admin preview (Paste results, Import a
report): "use existing" (the report's spelling becomes an alias of the known driver, team or track,
so the importer finds it) or "create new". Nothing is saved while one is undecided."""

from dataclasses import dataclass

from results.audit import CHANGE, log
from results.matching import KINDS, Match, match_report
from results.models import Driver, Team, Track


@dataclass
class Decisions:
    matches: list[Match]
    chosen: dict  # (kind, key) -> the existing record to use, or None for "create new"
    undecided: list[str]  # names of near matches without a choice yet

    @property
    def pending(self) -> list[Match]:
        """The near matches the preview asks about, each with the choice made so far (``chosen``)."""
        return [m for m in self.matches if m.is_new and m.near]

    @property
    def existing(self) -> list[tuple[Match, Driver | Team | Track]]:
        """The near names chosen as "use existing", each with the record chosen."""
        chosen = [(m, self.chosen.get((m.kind, m.key))) for m in self.pending]
        return [(match, record) for match, record in chosen if record is not None]

    def add_aliases(self):
        """ "Use existing": each chosen spelling becomes an alias of its record (before the import runs)."""
        for match, record in self.existing:
            KINDS[match.kind][1]._default_manager.create(**{match.kind: record, "name": match.name})

    def taken_as(self) -> str:
        """The race's history says which of its names were taken as known ones (empty when none)."""
        return "".join(f" '{match.name}' taken as {record.name}." for match, record in self.existing)

    def log_aliases(self, user, outcome):
        """A line in the history of each record given another name, naming the import that asked."""
        for match, record in self.existing:
            message = (
                f"'{match.name}' added as another name of {record.name}: chosen as \"use existing\" "
                f"in the import of {outcome.source} (import run #{outcome.run.pk})."
            )
            log(user, type(record), record.pk, record, CHANGE, message)


def decide(preview, post) -> Decisions:
    """The names of ``preview`` (a dry run's outcome) matched, and the choices ``post`` makes for the
    near ones: a record's id, or "new"."""
    matches = match_report(preview)
    chosen: dict = {}
    undecided: list[str] = []
    for match in matches:
        if not match.is_new or not match.near:
            continue
        value = post.get(match.field_name, "")
        record = next((r for r in match.near if str(r.pk) == value), None)
        if value == "new":
            chosen[match.kind, match.key] = None
        elif record is None:
            undecided.append(match.name)
        else:
            chosen[match.kind, match.key] = record
        match.chosen = value if value == "new" or record is not None else ""
    return Decisions(matches, chosen, undecided)
