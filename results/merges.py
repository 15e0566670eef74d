"""Merging drivers, teams, tracks and makes into one, and splitting a merge back.

A merge moves every row that points at the merged record (results, races, aliases, old slugs, and
any other model that refers to it) to the kept one, keeps the merged name as an alias and its slug as
a redirect (``OldSlug``), then deletes it; summary rows are recomputed, not moved. All of it is one
transaction, recorded in a ``Merge`` row and in the admin history of both records. A split reads the
``Merge`` row and puts everything back, while nothing written since depends on the merge.
"""

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone

from results import summaries
from results.audit import ADDITION, CHANGE, DELETION, log
from results.models import (
    Championship,
    DataVersion,
    Driver,
    DriverAlias,
    Entry,
    Event,
    Manufacturer,
    Merge,
    OldSlug,
    RaceSummary,
    Record,
    Standing,
    Team,
    TeamAlias,
    Track,
    TrackAlias,
)
from results.models.summary import Totals
from results.names import name_key

KINDS = {"driver": Driver, "team": Team, "track": Track, "manufacturer": Manufacturer}
ALIASES = {"driver": DriverAlias, "team": TeamAlias, "track": TrackAlias}
CHUNK = 5000  # ids per IN (...) list, inside SQLite's parameter limit
DERIVED = (Totals, RaceSummary, Standing, Championship, Record)  # rows recomputed after a merge, never moved


class MergeRefused(Exception):
    """The records cannot be one (drivers who started the same race), or the database refused."""


class SplitRefused(Exception):
    """Something written since the merge relies on it; the message says what."""


def kind_of(model):
    return model._meta.model_name


def relations(model):
    """``(model, field name)`` of every foreign key to ``model`` that a merge moves: all of them but the
    summary rows and the standings, which ``summaries.refresh`` recomputes (editors' championship facts and
    points adjustments do move)."""
    return [
        (rel.related_model, rel.field.name)
        for rel in model._meta.related_objects
        if (rel.one_to_many or rel.one_to_one) and not issubclass(rel.related_model, DERIVED)
    ]


def _label(related, field):
    return f"{related._meta.label_lower}.{field}"


def _relation(label):
    app_model, field = label.rsplit(".", 1)
    return apps.get_model(app_model), field


def _chunks(ids):
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def _snapshot(obj):
    return {f.attname: f.value_from_object(obj) for f in obj._meta.concrete_fields}


def _restored(model, snapshot):
    return model(**{f.attname: f.to_python(snapshot[f.attname]) for f in model._meta.concrete_fields})


def _fillable(model):
    """Facts a merge fills in on the kept record when it lacks them (a birth date, a track's length)."""
    return [
        f
        for f in model._meta.concrete_fields
        if f.editable and not f.primary_key and not f.is_relation and f.name not in {"name", "slug"}
    ]


def _seasons(kind, pks):
    return set(
        Entry.objects.filter(**{f"{kind}__in": pks}).order_by().values_list("event__season_id", flat=True).distinct()
    )


def shared_races(drivers):
    """Races two of these drivers both started: such drivers are different people."""
    shared = (
        Entry.objects.filter(driver__in=drivers)
        .order_by()
        .values("event")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("event", flat=True)
    )
    return list(Event.objects.filter(pk__in=shared).select_related("season__series", "track").order_by("date")[:5])


def race_label(event):
    return f"{event.season} round {event.round} at {event.track}"


@transaction.atomic
def merge(*, keep, others, user=None):
    """Merge ``others`` into ``keep`` (records of one kind); returns a ``Merge`` per merged record.

    All or nothing: a refusal (``MergeRefused``) changes nothing.
    """
    model, kind = type(keep), kind_of(type(keep))
    others = [o for o in others if o.pk != keep.pk]
    if kind == "driver":
        shared = shared_races([keep, *others])
        if shared:
            raise MergeRefused(
                "These drivers started the same race ("
                + "; ".join(race_label(e) for e in shared)
                + "), so they are different people."
            )
    seasons = _seasons(kind, [keep, *others])
    last_entry_id = Entry.objects.aggregate(last=Max("id"))["last"] or 0
    records = [_merge_one(model, kind, keep, other, user, last_entry_id) for other in others]
    summaries.refresh(seasons=seasons)
    DataVersion.bump()  # names and addresses changed even where no result did
    return records


def _merge_one(model, kind, keep, other, user, last_entry_id):
    what = model._meta.verbose_name
    removed, moved, moved_results = _snapshot(other), {}, 0
    for related, field in relations(model):
        rows = related._default_manager.filter(**{field: other})
        ids = list(rows.values_list("pk", flat=True))
        if not ids:
            continue
        try:
            with transaction.atomic():
                rows.update(**{field: keep})
        except IntegrityError:
            raise MergeRefused(
                f"{other} and {keep} both have {related._meta.verbose_name_plural} that only one {what} may have; "
                "correct one of them first."
            ) from None
        moved[_label(related, field)] = ids
        if related is Entry:
            moved_results = len(ids)
    kept_before = {}
    for f in _fillable(model):
        mine, theirs = f.value_from_object(keep), f.value_from_object(other)
        if mine in (None, "") and theirs not in (None, ""):
            kept_before[f.attname] = mine
            setattr(keep, f.attname, theirs)
    if kind == "driver":  # a derived row, but its champion would be nulled by the delete before the recompute
        Championship.objects.filter(champion_if_over=other).update(champion_if_over=keep)
    other.delete()
    keep.save()
    created = {}
    alias_model = ALIASES.get(kind)
    key = name_key(other.name)
    if alias_model and key != keep.key and not alias_model._default_manager.filter(key=key).exists():
        alias = alias_model._default_manager.create(**{kind: keep, "name": other.name})
        created[alias_model._meta.label_lower] = [alias.pk]
    if not OldSlug.objects.filter(slug=removed["slug"], **{f"{kind}__isnull": False}).exists():
        created[OldSlug._meta.label_lower] = [OldSlug.objects.create(slug=removed["slug"], **{kind: keep}).pk]
    record = Merge.objects.create(
        kind=kind,
        kept_id=keep.pk,
        kept_name=keep.name,
        removed_id=removed["id"],
        removed_name=removed["name"],
        removed=removed,
        kept_before=kept_before,
        moved=moved,
        created=created,
        last_entry_id=last_entry_id,
        user=user,
    )
    log(
        user,
        model,
        keep.pk,
        keep,
        CHANGE,
        f"Merged {what} #{removed['id']} “{removed['name']}” into this {what} #{keep.pk} (merge #{record.pk}): "
        f"{moved_results} results moved; its old address now leads here.",
    )
    log(
        user,
        model,
        removed["id"],
        removed["name"],
        DELETION,
        f"Merged into {what} #{keep.pk} “{keep.name}” (merge #{record.pk}); a split brings it back.",
    )
    return record


def split_refusal(record):
    """Why ``record`` cannot be split back now, in editors' words; None when it can."""
    model = KINDS[record.kind]
    what = model._meta.verbose_name
    if record.undone_at:
        return "This merge was already split back."
    keep = model._default_manager.filter(pk=record.kept_id).first()
    if keep is None:
        return f"{record.kept_name} (#{record.kept_id}) no longer exists (merged again or deleted): undo that first."
    removed = _restored(model, record.removed)
    clash = model._default_manager.filter(pk=removed.pk).first() or (
        model._default_manager.filter(key=removed.key).first()
        or model._default_manager.filter(slug=removed.slug).first()
    )
    if clash is not None:
        return (
            f"{str(what).capitalize()} #{clash.pk} “{clash}” now has the id, name or address of {record.removed_name}."
        )
    for label, ids in record.moved.items():
        related, field = _relation(label)
        still = sum(
            related._default_manager.filter(pk__in=chunk, **{f"{field}_id": record.kept_id}).count()
            for chunk in _chunks(ids)
        )
        if still != len(ids):
            return (
                f"{len(ids) - still} of the {len(ids)} {related._meta.verbose_name_plural} the merge moved changed "
                "since (re-imported, edited or merged again)."
            )
    later = (
        Entry.objects.filter(**{f"{record.kind}_id": record.kept_id}, pk__gt=record.last_entry_id)
        .select_related("event__season__series", "event__track")
        .first()
    )
    if later is not None:
        return f"{keep} has results written since the merge ({race_label(later.event)}), which may rely on it."
    return None


@transaction.atomic
def split(record, *, user=None):
    """Undo ``record``: the merged record comes back with its id, name, address and everything it had.

    Raises ``SplitRefused`` (nothing changed) when something written since depends on the merge.
    """
    record = Merge.objects.select_for_update().get(pk=record.pk)
    refusal = split_refusal(record)
    if refusal:
        raise SplitRefused(refusal)
    model, kind = KINDS[record.kind], record.kind
    what = model._meta.verbose_name
    keep = model._default_manager.get(pk=record.kept_id)
    removed = _restored(model, record.removed)
    removed.save(force_insert=True)
    for label, ids in record.moved.items():
        related, field = _relation(label)
        for chunk in _chunks(ids):
            related._default_manager.filter(pk__in=chunk).update(**{field: removed})
    seasons = _seasons(kind, [removed])
    for label, ids in record.created.items():
        apps.get_model(label)._default_manager.filter(pk__in=ids).delete()
    for attname, value in record.kept_before.items():
        setattr(keep, attname, next(f for f in _fillable(model) if f.attname == attname).to_python(value))
    keep.save()
    record.undone_at, record.undone_by = timezone.now(), user
    record.save(update_fields=["undone_at", "undone_by"])
    summaries.refresh(seasons=seasons)
    DataVersion.bump()
    log(
        user,
        model,
        keep.pk,
        keep,
        CHANGE,
        f"Split {what} #{removed.pk} “{removed}” back out of this {what} (undid merge #{record.pk}).",
    )
    log(
        user,
        model,
        removed.pk,
        removed,
        ADDITION,
        f"Restored by splitting merge #{record.pk} back out of {what} #{keep.pk} “{keep}”.",
    )
    return removed
