"""Match a report's spellings to the database's drivers, teams, makes and tracks; create the new ones.

Case, accents and punctuation never matter (``name_key``), and aliases count like names. The
database's names are read once per import (a few queries, whatever the report's size) and held in
memory, so matching a 40-row report and the 180,000-row history cost the same per name.
A name that differs only by a generational suffix ("Trey Burke" / "Trey Burke III") is a near
match, not the same driver: father and son race each other (Dale Earnhardt, Dale Earnhardt Jr.).
It is created with a warning naming both, as is a name close to a known one ("Jeff Burtom"; what is
close: ``matching.Near``); an alias (or the admin preview's "use existing") makes the report's
spelling mean the known one. The history is trusted to name its makes; a single report must name a
known one.
"""

import re

from ftfy import fix_text

from results.importers.report import ReportError
from results.importers.vocabulary import MANUFACTURERS
from results.matching import Near
from results.models import Driver, DriverAlias, Manufacturer, Season, Series, Team, TeamAlias, Track, TrackAlias
from results.names import free_slug, name_key

NAME_LENGTH: int = Driver._meta.get_field("name").max_length  # type: ignore[assignment]
KEY_LENGTH: int = Driver._meta.get_field("key").max_length  # type: ignore[assignment]
ALIASES = {Driver: DriverAlias, Team: TeamAlias, Track: TrackAlias, Manufacturer: None}
KINDS = {Driver: "drivers", Team: "teams", Track: "tracks", Manufacturer: "manufacturers"}


def unique_slug(model, name):
    """A slug no ``model`` row has yet: ``bill-scott``, then ``bill-scott-2``... (a query per try)."""
    return free_slug(name, lambda slug: model.objects.filter(slug=slug).exists())


class Names:
    """The database's names by key, for one import; new names are created in it as they come."""

    def __init__(self, outcome):
        self.outcome = outcome
        self.ids: dict = {}
        self.slugs: dict = {}
        self._near: dict = {}
        self._names: dict = {}  # model -> {id: name} of the names created or looked up: no query twice

    def _known(self, model):
        """key -> id for ``model``, aliases included (loaded on first use)."""
        if model not in self.ids:
            known = dict(model.objects.values_list("key", "id"))
            alias = ALIASES[model]
            if alias is not None:
                relation = f"{model._meta.model_name}_id"
                for key, pk in alias.objects.values_list("key", relation):
                    known.setdefault(key, pk)
            self.ids[model] = known
        return self.ids[model]

    def clean(self, name, what, line=None):
        """The name as it will be stored, or an error naming the line."""
        name = re.sub(r"\s+", " ", fix_text(name or "", uncurl_quotes=False)).strip()
        key = name_key(name)
        if not key:
            raise ReportError(
                f"the {what} name has no letters or digits",
                line=line,
                text=name,
                source=self.outcome.source,
                expected=f"a {what} name",
            )
        if len(name) > NAME_LENGTH or len(key) > KEY_LENGTH:
            raise ReportError(
                f"the {what} name is too long",
                line=line,
                text=name[:80] + "...",
                source=self.outcome.source,
                expected=f"a name of at most {NAME_LENGTH} characters",
            )
        return name

    def lookup(self, model, name):
        return self._known(model).get(name_key(name))

    def create(self, model, names):
        """Create the ``names`` (name -> extra fields) that are not known yet, in one INSERT; returns
        every id by key. Slugs come from the names, made unique against every slug taken."""
        known = self._known(model)
        if model not in self.slugs:
            self.slugs[model] = set(model.objects.values_list("slug", flat=True))
        new = {}
        for name, extra in names.items():
            key = name_key(name)
            if key not in known and key not in new:
                slug = free_slug(name, self.slugs[model].__contains__)
                self.slugs[model].add(slug)
                new[key] = model(name=name, key=key, slug=slug, **extra)
        if new:
            created = model.objects.bulk_create(new.values(), batch_size=1000)
            if all(obj.pk is not None for obj in created):  # the ids come back (PostgreSQL, SQLite 3.35+)
                known.update((obj.key, obj.pk) for obj in created)
                self._names.setdefault(model, {}).update((obj.pk, obj.name) for obj in created)
            else:
                known.update(model.objects.filter(key__in=list(new)).values_list("key", "id"))
            self.outcome.created[KINDS[model]] += [obj.name for obj in new.values()]
        return known

    # one name at a time (a report): warnings for near matches

    def driver(self, name, *, line=None):
        """The id of the driver a report's name means."""
        name = self.clean(name, "driver", line)
        found = self.lookup(Driver, name)
        if found is None:
            self._warn_if_near(Driver, name)
            found = self.create(Driver, {name: {}})[name_key(name)]
        return found

    def team(self, name, *, line=None):
        name = self.clean(name, "team", line)
        found = self.lookup(Team, name)
        if found is None:
            self._warn_if_near(Team, name)
            found = self.create(Team, {name: {}})[name_key(name)]
        return found

    def manufacturer(self, name, *, line=None, trusted=False):
        """A known make; a new one only when it is on the vocabulary list or the source is ``trusted``."""
        name = self.clean(name, "manufacturer", line)
        found = self.lookup(Manufacturer, name)
        if found is None:
            canonical = next((m for m in MANUFACTURERS if name_key(m) == name_key(name)), name if trusted else None)
            if canonical is None:
                raise ReportError(
                    "unknown manufacturer",
                    line=line,
                    text=name,
                    source=self.outcome.source,
                    expected="one of " + ", ".join(MANUFACTURERS[:10]) + "... (editors add new makes in admin)",
                )
            found = self.create(Manufacturer, {canonical: {}})[name_key(canonical)]
        return found

    def track(self, name, **description):
        """The id of the track, created with ``description`` (length, surface, kind) when new."""
        name = self.clean(name, "track")
        found = self.lookup(Track, name)
        if found is None:
            self._warn_if_near(Track, name)
            found = self.create(Track, {name: description})[name_key(name)]
        return found

    def _warn_if_near(self, model, name):
        """A new name near a known one (``matching.Near``: "Jeff Burtom", "Trey Burke" beside "Trey Burke
        III", "Atlanta" beside "Atlanta Motor Speedway") is created, with a warning naming the known one."""
        known = self._known(model)
        if model not in self._near:
            self._near[model] = Near(model._meta.model_name, known.keys())
        near, key = self._near[model], name_key(name)
        keys = near.keys_near(key, limit=5)
        if not keys:
            return
        by_suffix = [k for k in keys if near.differs_by_suffix(key, k)]
        pks = list(dict.fromkeys(known[k] for k in by_suffix or keys))
        names = self._names.setdefault(model, {})
        if missing := [pk for pk in pks if pk not in names]:
            names.update(model.objects.filter(pk__in=missing).values_list("pk", "name"))
        if by_suffix:
            self.outcome.warnings.append(
                f"new driver {name!r} differs only by a suffix from "
                + ", ".join(repr(names[pk]) for pk in pks)
                + ": created as a new driver (father and son are two); if they are one, add the spelling as an "
                "alias of the known driver (admin: Drivers) and import again"
            )
        else:
            self.outcome.warnings.append(
                f"new {model._meta.verbose_name} {name!r} is close to {names[pks[0]]!r}; "
                "if they are one, merge them in admin"
            )

    def track_names(self):
        """Every track name and alias, longest first: what prose is searched for."""
        names = [*Track.objects.values_list("name", flat=True), *TrackAlias.objects.values_list("name", flat=True)]
        return sorted(names, key=len, reverse=True)


def resolve_series(text, source=""):
    """A Series from any of its names ("Camping World Truck Series", "truck", "NASCAR Cup Series")."""
    from results.importers.prose import SERIES, series_in

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


def season_of(series, year):
    """The season, locked until the import commits: two imports into one season (choosing round
    numbers, checking what is stored) run one after the other instead of colliding."""
    season, _ = Season.objects.get_or_create(series=series, year=year)
    return Season.objects.select_for_update().get(pk=season.pk)
