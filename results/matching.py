"""Which driver, team or track a report's name is: the same name (or an alias), a near match, or new.

One rule says what is near (``Near``): the importer warns with it, and the admin previews (Paste
results, Import a report) offer each near match as "use existing" or "create new" with it, so an
editor is asked about exactly what the command line warns about. The importer itself matches only
exact names and aliases; "use existing" adds the report's spelling as an alias, so it then finds it.
"""

import itertools
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from results.models import Driver, DriverAlias, Team, TeamAlias, Track, TrackAlias
from results.names import name_key

TYPO = 90  # rapidfuzz ratio of the name keys: a letter or two apart ("Jeff Burtom") scores above
NEAR_LIMIT = 3

KINDS = {"driver": (Driver, DriverAlias), "team": (Team, TeamAlias), "track": (Track, TrackAlias)}
_SUFFIX = re.compile(r"\s+(?:jr|sr|ii|iii|iv)$")


def unsuffixed(key):
    return _SUFFIX.sub("", key)


class Near:
    """The known names (keys) of one kind close to a new name's key.

    Close means a letter or two apart ("Jeff Burtom", "Jeff Burton"); for a driver, the same name
    but for Jr./Sr./II/III/IV (father and son race each other, so never the same without an editor
    saying so); for a track or a team, a name whose words are all in the other's ("Atlanta" and
    "Atlanta Motor Speedway", "Gibbs Racing" and "Joe Gibbs Racing"): reports shorten them so.
    Sharing one word ("Kaulig Racing", "Joe Gibbs Racing") is not close.
    """

    def __init__(self, kind, keys):
        self.kind, self.keys = kind, keys  # keys: a collection the caller may add to, in order (a dict's keys)
        self._bare: dict[str, list[str]] = {}  # by the key without its suffix, for the keys seen so far
        self._seen = 0

    def keys_near(self, key, limit=NEAR_LIMIT) -> list[str]:
        """Close keys, the ones differing by a suffix first, then by closeness."""
        if self.kind == "driver":
            # keys added since the last call (an import's new drivers) join the index, so a new "Trey Burke III"
            # after a new "Trey Burke" is near him as a typo would be
            for known in itertools.islice(self.keys, self._seen, None):
                self._bare.setdefault(unsuffixed(known), []).append(known)
            self._seen = len(self.keys)
            found = [known for known in self._bare.get(unsuffixed(key), ()) if known != key]
        else:
            within = process.extract(key, self.keys, scorer=fuzz.token_set_ratio, score_cutoff=100, limit=limit * 4)
            found = [known for known, _score, _index in within if known != key]
        typos = process.extract(key, self.keys, scorer=fuzz.ratio, score_cutoff=TYPO, limit=limit + len(found))
        found += [known for known, _score, _index in typos if known not in found and known != key]
        return found[:limit]

    def differs_by_suffix(self, key, known):
        return self.kind == "driver" and unsuffixed(key) == unsuffixed(known)


@dataclass
class Match:
    """One distinct name of a report and what it is."""

    kind: str
    name: str
    key: str
    record: object = None  # the existing driver, team or track with this name or alias
    near: list = field(default_factory=list)  # existing ones it nearly matches, best first
    chosen: str = ""  # in an admin preview, the editor's choice: a near one's id, "new", or none yet

    @property
    def is_new(self):
        return self.record is None

    @property
    def field_name(self):
        return f"{self.kind}-{self.key}"


def match_names(kind, names):
    """A Match per distinct name (by key), in order of appearance. Two queries, plus three when
    some name is new (the known keys and the near ones' records)."""
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
        near = Near(kind, list(choices))
        pks_by_match = {}
        for match in new:
            pks = []
            for key in near.keys_near(match.key, limit=NEAR_LIMIT * 2):
                if choices[key] not in pks:
                    pks.append(choices[key])
            pks_by_match[match.key] = pks[:NEAR_LIMIT]
        records = model._default_manager.in_bulk({pk for pks in pks_by_match.values() for pk in pks})
        for match in new:
            match.near = [records[pk] for pk in pks_by_match[match.key]]
    return matches


def match_report(outcome):
    """The Matches of an import's (or a dry run's) names: its drivers, teams and track."""
    rows = outcome.report.rows if outcome.report else []
    track = [outcome.event.track.name] if outcome.event is not None else []
    return (
        match_names("driver", [r.driver for r in rows])
        + match_names("team", [r.team for r in rows])
        + match_names("track", track)
    )
