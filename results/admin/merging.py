"""Merging drivers, teams, tracks and makes from their lists, and splitting a merge back (Merges)."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from results import merges
from results.models import DriverSeason, Entry, GroupSeason, Merge


def year_ranges(years):
    """1998, 1999, 2000, 2003 -> "1998–2000, 2003"."""
    spans: list[list[int]] = []
    years = sorted(set(years))
    for year in years:
        if spans and year == spans[-1][1] + 1:
            spans[-1][1] = year
        else:
            spans.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


SAMPLE = 3  # first and last races shown for each record


def profiles(kind, records):
    """What an editor needs to tell records apart: years, series, races (first and last), aliases.
    A few grouped queries over the summaries, plus two small ones per record."""
    pks = [r.pk for r in records]
    if kind == "driver":
        seasons = DriverSeason.objects.filter(driver__in=pks).values_list(
            "driver", "season__year", "season__series__short_name"
        )
    else:
        seasons = GroupSeason.objects.filter(**{f"{kind}__in": pks}).values_list(
            kind, "season__year", "season__series__short_name"
        )
    years: dict[int, list[int]] = {pk: [] for pk in pks}
    series_names: dict[int, set[str]] = {pk: set() for pk in pks}
    for pk, year, series in seasons:
        years[pk].append(year)
        series_names[pk].add(series)
    races = Entry.objects.filter(**{f"{kind}__in": pks}).order_by().values(kind)
    counts = {row[kind]: row for row in races.annotate(races=Count("event", distinct=True), cars=Count("id"))}
    out = []
    most = max(records, key=lambda r: counts.get(r.pk, {}).get("races", 0))
    for record in records:
        entries = Entry.objects.filter(**{kind: record}).select_related("event__season__series", "event__track")
        first = [e.event for e in entries.order_by("race_order", "event_id")[:SAMPLE]]
        last = [e.event for e in entries.order_by("-race_order", "-event_id")[:SAMPLE]][::-1]
        shown = first + [e for e in last if e not in first]
        alias_relation = getattr(record, "aliases", None)
        out.append(
            {
                "record": record,
                "default": record is most,
                "years": year_ranges(years[record.pk]) or "none",
                "series": ", ".join(sorted(s for s in series_names[record.pk] if s)) or "none",
                "races": counts.get(record.pk, {}).get("races", 0),
                "sample": shown,
                "gap": counts.get(record.pk, {}).get("races", 0) > len(shown),
                "aliases": [a.name for a in alias_relation.all()] if alias_relation is not None else [],
            }
        )
    return out


class MergeActions(admin.ModelAdmin):
    """The "merge selected" action: a confirmation that tells the records apart, then one transaction."""

    actions = ["merge_selected"]

    @admin.action(description="Merge selected %(verbose_name_plural)s into one", permissions=["change"])
    def merge_selected(self, request, queryset):
        kind, what = self.model._meta.model_name, self.model._meta.verbose_name_plural
        records = list(queryset.order_by("name"))
        if len(records) < 2:
            self.message_user(request, f"Select at least two {what} to merge.", messages.WARNING)
            return None
        keep_id = request.POST.get("keep")
        if keep_id:
            keep = next((r for r in records if str(r.pk) == keep_id), None)
            if keep is None:
                self.message_user(request, "Choose the one to keep among the selected ones.", messages.ERROR)
                return None
            try:
                done = merges.merge(keep=keep, others=records, user=request.user)
            except merges.MergeRefused as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            self.message_user(
                request,
                f"Merged {', '.join(m.removed_name for m in done)} into {keep.name}. "
                "Merges (in the admin menu) can split it back.",
                messages.SUCCESS,
            )
            return None
        shared = merges.shared_races(records) if kind == "driver" else []
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge {what}",
            "profiles": profiles(kind, records),
            "shared": [merges.race_label(e) for e in shared],
            "opts": self.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/results/merge.html", context)


@admin.register(Merge)
class MergeAdmin(admin.ModelAdmin):
    """Every merge, and the button that splits one back while nothing since depends on it."""

    list_display = ["merged_at", "kind", "removed_name", "kept", "user", "undone_at"]
    list_filter = ["kind", ("undone_at", admin.EmptyFieldListFilter)]
    search_fields = ["removed_name", "kept_name"]
    list_select_related = ["user"]
    readonly_fields = [
        "kind",
        "kept",
        "removed_name",
        "removed_id",
        "merged_at",
        "user",
        "moved_summary",
        "undone_at",
    ]

    @admin.display(description="Kept")
    def kept(self, obj):
        url = reverse(f"admin:results_{obj.kind}_change", args=[obj.kept_id])
        return format_html('<a href="{}">{} (#{})</a>', url, obj.kept_name, obj.kept_id)

    @admin.display(description="Moved")
    def moved_summary(self, obj):
        return ", ".join(
            f"{len(ids)} {label.split('.')[1]} ({label.split('.')[2]})" for label, ids in obj.moved.items()
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the record is what a split reads, and the audit trail

    def get_urls(self):
        view = self.admin_site.admin_view(self.split_view)
        return [path("<int:pk>/split/", view, name="results_merge_split"), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record = get_object_or_404(Merge, pk=object_id)
        extra = {"split_refusal": merges.split_refusal(record), "can_split": self._may_split(request, record)}
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **extra})

    def _may_split(self, request, record):
        return request.user.has_perm(f"results.change_{record.kind}")

    def split_view(self, request, pk):
        record = get_object_or_404(Merge, pk=pk)
        if request.method != "POST" or not self._may_split(request, record):
            raise PermissionDenied
        try:
            restored = merges.split(record, user=request.user)
        except merges.SplitRefused as error:
            self.message_user(request, f"Not split: {error}", messages.ERROR)
            return redirect("admin:results_merge_change", pk)
        self.message_user(request, f"{restored} is back as it was before the merge.", messages.SUCCESS)
        return redirect(f"admin:results_{record.kind}_change", restored.pk)
