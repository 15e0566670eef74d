from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from results import summaries
from results.forms import ImportForm
from results.importers.log import describe
from results.importers.report import ReportError
from results.importers.writer import import_report
from results.models import (
    DataVersion,
    Driver,
    DriverAlias,
    Entry,
    Event,
    ImportRun,
    Manufacturer,
    Season,
    Series,
    Team,
    TeamAlias,
    Track,
    TrackAlias,
)
from results.names import name_key
from results.services import MergeConflict, merge_drivers


class ChangesResults(admin.ModelAdmin):
    """Every save or delete in these admins marks cached public pages out of date."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        DataVersion.bump()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        DataVersion.bump()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        DataVersion.bump()


class FoldedSearchMixin(admin.ModelAdmin):
    """Search by name key too, so "Kenkō", "kenko" and "KENKO" all find Kenkō Miura."""

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        folded = name_key(search_term)
        if folded and folded != search_term:
            extra, dup = super().get_search_results(request, queryset, folded)
            results, may_have_duplicates = results | extra, may_have_duplicates or dup
        return results, may_have_duplicates


class SeasonInline(admin.TabularInline):
    model = Season
    extra = 0


@admin.register(Series)
class SeriesAdmin(ChangesResults):
    list_display = ["name", "short_name", "sort_order"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [SeasonInline]


@admin.register(Season)
class SeasonAdmin(ChangesResults):
    list_display = ["year", "series", "name"]
    list_filter = ["series"]
    list_select_related = ["series"]
    search_fields = ["name", "series__name", "year"]


class TrackAliasInline(admin.TabularInline):
    model = TrackAlias
    extra = 1


@admin.register(Track)
class TrackAdmin(ChangesResults, FoldedSearchMixin):
    list_display = ["name", "location", "length_miles", "surface", "kind"]
    list_filter = ["surface", "kind"]
    search_fields = ["name", "key", "aliases__key", "location"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TrackAliasInline]


class TeamAliasInline(admin.TabularInline):
    model = TeamAlias
    extra = 1


@admin.register(Team)
class TeamAdmin(ChangesResults, FoldedSearchMixin):
    list_display = ["name"]
    search_fields = ["name", "key", "aliases__key"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TeamAliasInline]


@admin.register(Manufacturer)
class ManufacturerAdmin(ChangesResults, FoldedSearchMixin):
    search_fields = ["name", "key"]
    prepopulated_fields = {"slug": ["name"]}


class DriverAliasInline(admin.TabularInline):
    model = DriverAlias
    extra = 1


@admin.register(Driver)
class DriverAdmin(ChangesResults, FoldedSearchMixin):
    list_display = ["name", "hometown", "birth_date", "starts"]
    search_fields = ["name", "key", "aliases__key"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [DriverAliasInline]
    actions = ["merge_selected"]

    @admin.action(description="Merge selected drivers into one", permissions=["change"])
    def merge_selected(self, request, queryset):
        drivers = list(queryset.order_by("-starts", "name"))
        if len(drivers) < 2:
            self.message_user(request, "Select at least two drivers to merge.", messages.WARNING)
            return None
        keep_id = request.POST.get("keep")
        if keep_id:
            keep = next((d for d in drivers if str(d.pk) == keep_id), None)
            if keep is None:
                self.message_user(request, "Choose the driver to keep among the selected ones.", messages.ERROR)
                return None
            try:
                moved = merge_drivers(keep=keep, others=drivers)
            except MergeConflict as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            self.message_user(
                request,
                f"Merged {len(drivers) - 1} driver(s) into {keep.name}; {moved} entries moved.",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge drivers",
            "drivers": drivers,
            "opts": self.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/results/driver/merge.html", context)


class EntryInline(admin.TabularInline):
    model = Entry
    extra = 0
    ordering = ["finish"]
    autocomplete_fields = ["driver", "team", "manufacturer"]
    fields = [
        "finish",
        "start",
        "number",
        "driver",
        "team",
        "manufacturer",
        "laps",
        "laps_led",
        "status",
        "points",
        "stage1",
        "stage2",
        "rating",
        "rookie",
        "ineligible",
    ]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["__str__", "season", "round", "track", "date"]
    list_filter = ["season__series", "season__year", ("track", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["season__series", "track"]
    search_fields = ["name", "track__name", "season__name"]
    autocomplete_fields = ["season", "track"]
    date_hierarchy = "date"
    inlines = [EntryInline]
    readonly_fields = ["source"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # the season it had before too: an event moved to another season leaves totals behind
        summaries.refresh(seasons={form.instance.season_id, form.initial.get("season")} - {None})

    def delete_model(self, request, obj):
        season = obj.season_id
        super().delete_model(request, obj)
        summaries.refresh(seasons=[season])

    def delete_queryset(self, request, queryset):
        seasons = set(queryset.values_list("season_id", flat=True))
        super().delete_queryset(request, queryset)
        summaries.refresh(seasons=seasons)

    fieldsets = [
        (None, {"fields": ["season", "round", "track", "name", "slug", "date"]}),
        ("Race", {"fields": ["scheduled_laps", "completed_laps", "distance_miles", "notes"]}),
        ("Provenance", {"classes": ["collapse"], "fields": ["source", "report_text"]}),
    ]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """The import log (read-only), and the page where editors import a report without a shell."""

    list_display = ["started_at", "source", "outcome", "entries_written", "user", "via"]
    list_filter = ["outcome", "via"]
    search_fields = ["source", "summary", "error"]
    readonly_fields = [
        "started_at",
        "user",
        "via",
        "source",
        "format",
        "outcome",
        "entries_written",
        "summary",
        "warnings",
        "error",
        "events",
    ]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False  # runs are added by importing, on the import page

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="results_importrun_import"), *super().get_urls()]

    def import_view(self, request):
        if not request.user.has_perm("results.add_importrun"):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        context = {
            **self.admin_site.each_context(request),
            "title": "Import a race report",
            "form": form,
            "opts": self.model._meta,
        }
        if request.method == "POST" and form.is_valid():
            data, confirm = form.cleaned_data, "confirm" in request.POST
            try:
                outcome = import_report(
                    data["content"], data["source"], form.options(), dry_run=not confirm, user=request.user, via="admin"
                )
            except ReportError as error:
                context["error"] = str(error)
            else:
                if confirm:
                    self.message_user(request, " ".join(describe(outcome)[:3]), messages.SUCCESS)
                    return redirect("admin:results_importrun_change", outcome.run.pk)  # type: ignore[union-attr]
                context.update(
                    outcome=outcome,
                    summary=describe(outcome),
                    preview=True,
                    form=ImportForm(initial={**data, "file": None}),
                )
        return TemplateResponse(request, "admin/results/importrun/import.html", context)
