"""Races: the event form with its entry grid, fast entry by pasting, and the race's history with its imports."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path

from results import summaries
from results.admin.entries import EntryInline, driver_defaults
from results.admin.paste import paste_view
from results.importers.vocabulary import STATUSES
from results.models import Event, Season


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
    fieldsets = [
        (None, {"fields": [("season", "round"), ("track", "date"), "name", "slug"]}),
        ("Race", {"fields": [("scheduled_laps", "completed_laps", "distance_miles"), "counts_for_points", "notes"]}),
        ("Provenance", {"classes": ["collapse"], "fields": ["source", "report_text"]}),
    ]

    class Media:
        css = {"all": ["results/admin/editors.css"]}
        js = ["results/admin/entry-grid.js"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "season":
            kwargs["queryset"] = Season.objects.select_related("series")  # its label names the series
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial: dict = super().get_changeform_initial_data(request)
        season = request.GET.get("season", "")
        if season.isdigit() and "round" not in initial:
            last = Event.objects.filter(season=int(season)).order_by("-round").values_list("round", flat=True).first()
            initial["round"] = (last or 0) + 1
        return initial

    def render_change_form(self, request, context, *args, **kwargs):
        context["statuses"] = STATUSES
        context["is_nav_sidebar_enabled"] = False  # the entry grid needs the screen's width
        return super().render_change_form(request, context, *args, **kwargs)

    def response_add(self, request, obj, post_url_continue=None):
        if "_paste" in request.POST:
            return redirect("admin:results_event_paste", obj.pk)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_paste" in request.POST:
            return redirect("admin:results_event_paste", obj.pk)
        return super().response_change(request, obj)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/paste/", wrap(self.paste), name="results_event_paste"),
            path("driver-defaults/", wrap(self.defaults), name="results_event_driver_defaults"),
            *super().get_urls(),
        ]

    def paste(self, request, pk):
        return paste_view(self, request, pk)

    def defaults(self, request):
        if not request.user.has_perm("results.view_entry"):
            raise PermissionDenied
        return driver_defaults(request)

    def history_view(self, request, object_id, extra_context=None):
        runs = Event.import_runs.through.objects.filter(event_id=object_id).select_related("importrun__user")
        extra = {"import_runs": [link.importrun for link in runs.order_by("-importrun__started_at")]}
        return super().history_view(request, object_id, {**(extra_context or {}), **extra})

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
