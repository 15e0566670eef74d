"""Match a report's spellings to the database's drivers, teams, tracks and makes.

Case, accents and punctuation never matter (``name_key``), and aliases count like names.
A name that differs only by a generational suffix ("Trey Burke" / "Trey Burke III") is taken
as the same person with a warning naming both. Otherwise a new record is created and listed.
"""

import re

from ftfy import fix_text
from rapidfuzz import fuzz, process

from results.importers.report import ReportError
from results.importers.vocabulary import MANUFACTURERS
from results.models import Driver, DriverAlias, Manufacturer, Team, TeamAlias, Track, TrackAlias
from results.names import free_slug, name_key

_SUFFIX = re.compile(r"\s+(?:jr|sr|ii|iii|iv)$")


def _unsuffixed(key):
    return _SUFFIX.sub("", key)


def unique_slug(model, name):
    """A slug no ``model`` row has yet: ``bill-scott``, then ``bill-scott-2``... (a query per try)."""
    return free_slug(name, lambda slug: model.objects.filter(slug=slug).exists())


class Resolver:
    def __init__(self, outcome):
        self.outcome = outcome
        self._cache = {}

    def _created(self, kind, name):
        self.outcome.created.setdefault(kind, []).append(name)

    def _check(self, name, what, line=None):
        name = re.sub(r"\s+", " ", fix_text(name or "", uncurl_quotes=False)).strip()
        if not name_key(name):
            raise ReportError(
                f"the {what} name has no letters or digits",
                line=line,
                text=name,
                source=self.outcome.source,
                expected=f"a {what} name",
            )
        if len(name) > 120:
            raise ReportError(
                f"the {what} name is {len(name)} characters long",
                line=line,
                text=name[:80] + "...",
                source=self.outcome.source,
                expected="a name of at most 120 characters",
            )
        return name

    def track_names(self):
        if "track_names" not in self._cache:
            self._cache["track_names"] = [
                *Track.objects.values_list("name", flat=True),
                *TrackAlias.objects.values_list("name", flat=True),
            ]
        return self._cache["track_names"]

    def _lookup(self, model, alias_model, relation, key):
        found = model.objects.filter(key=key).first()
        if found is None:
            alias = alias_model.objects.select_related(relation).filter(key=key).first()
            found = getattr(alias, relation) if alias else None
        return found

    def track(self, name):
        name = self._check(name, "track")
        track = self._lookup(Track, TrackAlias, "track", name_key(name))
        if track is None:
            track = Track.objects.create(name=name, slug=unique_slug(Track, name))
            self._created("tracks", name)
        return track

    def driver(self, name, entrants=(), line=None):
        name = self._check(name, "driver", line)
        key = ("driver", name_key(name))
        if key in self._cache:
            return self._cache[key]
        driver = self._lookup(Driver, DriverAlias, "driver", key[1])
        if driver is None:
            driver = self._near_driver(name, entrants)
        if driver is None:
            self._warn_if_close(Driver, name)
            driver = Driver.objects.create(name=name, slug=unique_slug(Driver, name))
            self._created("drivers", name)
        self._cache[key] = driver
        return driver

    def _warn_if_close(self, model, name):
        """A new name that nearly matches a known one ("Jeff Burtom") is created, with a warning."""
        names = self._cache.setdefault(("names", model), dict(model.objects.values_list("key", "name")))
        match = process.extractOne(name_key(name), names.keys(), scorer=fuzz.ratio, score_cutoff=90)
        if match:
            self.outcome.warnings.append(
                f"new {model._meta.verbose_name} {name!r} is close to {names[match[0]]!r}; "
                "if they are one, merge them in admin"
            )

    def _near_driver(self, name, entrants):
        """The one driver whose name differs only by Jr./Sr./II/III/IV, preferring this race's entrants."""
        bare = _unsuffixed(name_key(name))
        in_race = [e.driver for e in entrants if _unsuffixed(e.driver.key) == bare]
        candidates = in_race or [
            d for d in Driver.objects.filter(key__startswith=bare.split()[0]) if _unsuffixed(d.key) == bare
        ]
        if len(candidates) != 1:
            if candidates:
                self.outcome.warnings.append(
                    f"{name!r} is close to "
                    + ", ".join(repr(d.name) for d in candidates)
                    + ": created as a new driver; merge in admin if they are one person"
                )
            return None
        driver = candidates[0]
        self.outcome.warnings.append(
            f"the report's {name!r} is taken as {driver.name!r} (same name but a suffix); add an alias to confirm"
        )
        return driver

    def team(self, name, line=None):
        name = self._check(name, "team", line)
        key = ("team", name_key(name))
        if key not in self._cache:
            team = self._lookup(Team, TeamAlias, "team", key[1])
            if team is None:
                self._warn_if_close(Team, name)
                team = Team.objects.create(name=name, slug=unique_slug(Team, name))
                self._created("teams", name)
            self._cache[key] = team
        return self._cache[key]

    def manufacturer(self, name, line=None):
        name = self._check(name, "manufacturer", line)
        key = ("make", name_key(name))
        if key not in self._cache:
            make = Manufacturer.objects.filter(key=key[1]).first()
            if make is None:
                canonical = next((m for m in MANUFACTURERS if name_key(m) == key[1]), None)
                if canonical is None:
                    raise ReportError(
                        "unknown manufacturer",
                        line=line,
                        text=name,
                        source=self.outcome.source,
                        expected="one of " + ", ".join(MANUFACTURERS[:10]) + "... (editors add new makes in admin)",
                    )
                make = Manufacturer.objects.create(name=canonical, slug=unique_slug(Manufacturer, canonical))
                self._created("manufacturers", canonical)
            self._cache[key] = make
        return self._cache[key]
