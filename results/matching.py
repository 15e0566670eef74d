"""Which driver or team a pasted name is: the same name (or an alias), a near match, or someone new.

The import preview in admin shows this for each row, so that an editor decides about near matches
("Jeff Burtom" / "Jeff Burton") before anything is written. The importer itself matches only exact
names and aliases; "use existing" adds the pasted spelling as an alias, so the importer then finds it.
"""

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from results.models import Driver, DriverAlias, Team, TeamAlias
from results.names import name_key

NEAR = 85  # rapidfuzz WRatio of the name keys: typos and dropped suffixes score above, other people below
NEAR_LIMIT = 3

KINDS = {"driver": (Driver, DriverAlias), "team": (Team, TeamAlias)}


@dataclass
class Match:
    """One distinct name of a pasted table and what it is."""

    kind: str
    name: str
    key: str
    record: object = None  # the existing driver or team with this name or alias
    near: list = field(default_factory=list)  # existing ones it nearly matches, best first

    @property
    def is_new(self):
        return self.record is None

    @property
    def field_name(self):
        return f"{self.kind}-{self.key}"


def match_names(kind, names):
    """A Match per distinct name (by key), in order of appearance. Three queries, plus one for the
    candidates' names when some name is new."""
    model, alias_model = KINDS[kind]
    wanted = {}
    for name in names:
        if name and name_key(name) and name_key(name) not in wanted:
            wanted[name_key(name)] = name
    exact = {r.key: r for r in model._default_manager.filter(key__in=wanted)}
    for alias in alias_model._default_manager.filter(key__in=wanted).select_related(kind):
        exact.setdefault(alias.key, getattr(alias, kind))
    matches = [Match(kind, name, key, record=exact.get(key)) for key, name in wanted.items()]
    new = [m for m in matches if m.is_new]
    if new:
        choices = dict(model._default_manager.values_list("key", "pk"))
        choices.update(alias_model._default_manager.values_list("key", kind))
        pks_by_match = {}
        for match in new:
            found = process.extract(
                match.key, list(choices), scorer=fuzz.WRatio, limit=NEAR_LIMIT * 2, score_cutoff=NEAR
            )
            pks = []
            for key, _score, _index in found:
                if choices[key] not in pks:
                    pks.append(choices[key])
            pks_by_match[match.key] = pks[:NEAR_LIMIT]
        records = model._default_manager.in_bulk({pk for pks in pks_by_match.values() for pk in pks})
        for match in new:
            match.near = [records[pk] for pk in pks_by_match[match.key]]
    return matches
