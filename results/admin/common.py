"""What every results admin shares: cached pages marked out of date on each write, accent-blind
search, and (for drivers, teams, tracks and makes) old addresses kept when a slug changes."""

from django.contrib import admin

from results.models import DataVersion, OldSlug
from results.names import name_key


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


class KeepsOldAddresses(ChangesResults):
    """A driver's, team's, track's or make's new slug keeps the old one as a redirect (OldSlug)."""

    def save_model(self, request, obj, form, change):
        old = form.initial.get("slug") if change else None
        super().save_model(request, obj, form, change)
        kind = obj._meta.model_name
        if old and old != obj.slug and not OldSlug.objects.filter(slug=old, **{f"{kind}__isnull": False}).exists():
            OldSlug.objects.create(slug=old, **{kind: obj})
