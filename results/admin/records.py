"""Series, seasons, and the named records editors keep: drivers, teams, tracks and makes."""

from django.contrib import admin

from results import summaries
from results.admin.championships import (
    CHAMPIONSHIP_FIELDS,
    ChampionFactInline,
    ChampionshipFields,
    PlayoffFactInline,
    PointsAdjustmentInline,
)
from results.admin.common import ChangesResults, FoldedSearchMixin, KeepsOldAddresses
from results.admin.merging import MergeActions
from results.models import (
    Driver,
    DriverAlias,
    Manufacturer,
    Season,
    Series,
    Team,
    TeamAlias,
    Track,
    TrackAlias,
)
from results.standings import queries, store


class SeasonInline(admin.TabularInline):
    model = Season
    extra = 0


@admin.register(Series)
class SeriesAdmin(ChangesResults):
    list_display = ["name", "short_name", "sort_order"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [SeasonInline]


@admin.register(Season)
class SeasonAdmin(ChampionshipFields, ChangesResults):
    """Seasons read "Cup 2024" (Season.__str__ reads the series): every list here selects it. A season's page
    shows its championship and takes the official facts; saving recomputes its standings."""

    list_display = ["__str__", "series", "year", "name", "champion"]
    list_filter = ["series"]
    list_select_related = ["series", "championship__champion_if_over"]
    search_fields = ["name", "series__name", "series__short_name", "year"]
    ordering = ["series__sort_order", "-year"]
    readonly_fields = CHAMPIONSHIP_FIELDS
    fieldsets = [(None, {"fields": ["series", "year", "name"]}), ("Championship", {"fields": [*CHAMPIONSHIP_FIELDS]})]
    inlines = [ChampionFactInline, PlayoffFactInline, PointsAdjustmentInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("series", "championship__champion_if_over")

    @admin.display(description="Champion")
    def champion(self, obj):
        found = queries.championship(obj)
        if found is None or found.champion is None:
            return "—"
        return str(found.champion) if found.official else f"{found.champion} (computed)"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # the facts just saved are the computation's input: the season's standings follow at once
        store.recompute(seasons=[form.instance.pk])

    def get_search_results(self, request, queryset, search_term):
        # "Cup 2024", as the label reads: every word must match the series or the year
        words = search_term.split()
        if len(words) < 2:
            return super().get_search_results(request, queryset, search_term)
        results, may_have_duplicates = queryset, False
        for word in words:
            results, dup = super().get_search_results(request, results, word)
            may_have_duplicates = may_have_duplicates or dup
        return results, may_have_duplicates


class NamedAdmin(KeepsOldAddresses, FoldedSearchMixin, MergeActions):
    """Drivers, teams, tracks and makes: slug filled in from the name, merges, old addresses kept."""

    prepopulated_fields = {"slug": ["name"]}

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "old_addresses"] if obj else fields

    @admin.display(description="Old addresses")
    def old_addresses(self, obj):
        """Addresses it had (before a merge or a new slug), which answer 301 to its page."""
        return ", ".join(old.slug for old in obj.old_slugs.all()) or "—"


class TrackAliasInline(admin.TabularInline):
    model = TrackAlias
    extra = 1


@admin.register(Track)
class TrackAdmin(NamedAdmin):
    list_display = ["name", "location", "length_miles", "surface", "kind"]
    list_filter = ["surface", "kind"]
    search_fields = ["name", "key", "aliases__key", "location"]
    inlines = [TrackAliasInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "length_miles" in form.changed_data:  # Cup 1972-73 paid points per lap by length
            summaries.track_measured(obj.pk)


class TeamAliasInline(admin.TabularInline):
    model = TeamAlias
    extra = 1


@admin.register(Team)
class TeamAdmin(NamedAdmin):
    list_display = ["name"]
    search_fields = ["name", "key", "aliases__key"]
    inlines = [TeamAliasInline]


@admin.register(Manufacturer)
class ManufacturerAdmin(NamedAdmin):
    search_fields = ["name", "key"]


class DriverAliasInline(admin.TabularInline):
    model = DriverAlias
    extra = 1


@admin.register(Driver)
class DriverAdmin(NamedAdmin):
    list_display = ["name", "hometown", "birth_date", "starts"]
    search_fields = ["name", "key", "aliases__key"]
    inlines = [DriverAliasInline]
