"""A season's championship in admin: the format it uses, the computed and the official champion, where they
disagree, and the official facts editors enter (champion, playoff field, waivers, points adjustments)."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join

from results.models import ChampionFact, Event, PlayoffFact, PointsAdjustment
from results.models.standing import this_year
from results.standings import queries
from results.standings.rulebook import Format


class ChampionFactInline(admin.StackedInline):
    model = ChampionFact
    extra = 0
    max_num = 1
    autocomplete_fields = ["driver"]
    verbose_name_plural = "Official champion (shown as official; the computation is checked against it)"


class PlayoffFactInline(admin.TabularInline):
    model = PlayoffFact
    extra = 0
    autocomplete_fields = ["driver"]
    verbose_name_plural = "Playoff facts the results cannot settle: field, championship four, waivers, withdrawals"


class PointsAdjustmentInline(admin.TabularInline):
    model = PointsAdjustment
    extra = 0
    autocomplete_fields = ["driver"]
    fields = ["driver", "event", "points", "playoff_points", "reason"]
    verbose_name_plural = "Points adjustments (penalties: negative), shown to fans with their reason"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "event":
            # only this season's races (the page's season), in round order
            season = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = (
                Event.objects.filter(season=season).order_by("round") if season else Event.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


CHAMPIONSHIP_FIELDS: list = ["rulebook", "champion_shown", "finale", "disagreements"]


class ChampionshipFields:
    """Read-only fields of SeasonAdmin: what the standings make of the season."""

    @admin.display(description="Championship format")
    def rulebook(self, obj):
        found = queries.championship(obj)
        return queries.rulebook_name(found.rulebook) if found else "— (no counted race yet)"

    @admin.display(description="Champion")
    def champion_shown(self, obj):
        found = queries.championship(obj)
        if found is None:
            return "—"
        if found.champion is None:
            leader = found.champion_if_over  # a season still running: named once its finale is in or its year ends
            return f"None named: {found.unknown}" + (f" If no more races came: {leader}." if leader else "")
        how = "official (the editor's fact below)" if found.official else "computed from the results, not yet confirmed"
        return format_html("{} — {}", found.champion, how)

    @admin.display(description="Finale run")
    def finale(self, obj):
        """``Championship.finale_run`` in words: whether the results end the season before its year does."""
        found = queries.championship(obj)
        book = queries.rulebook(found.rulebook) if found else None
        if found is None or book is None:
            return "—"
        if found.finale_run:
            return (
                "Yes: the results hold every race the playoff format schedules, the finale last, so the season is over."
            )
        if book.format is Format.POINTS:
            said = "No finale: a most-points season has no fixed number of races"
        elif book.regular_season_races(obj.year) is None or book.unconfirmed(obj.year):
            said = f"Not known: the site does not know how many races the {obj.year} season has"
        else:
            said = (
                "No: the results do not hold exactly the races the playoff format schedules, the finale last "
                "(a qualifying race counted as a round puts the count off)"
            )
        over = "its year has ended, so the season is over" if obj.year < this_year() else "it ends with its year"
        return f"{said}; {over}."

    @admin.display(description="Computation vs official facts")
    def disagreements(self, obj):
        found = queries.championship(obj)
        if found is None or not found.disagreements:
            return "No disagreement." if found else "—"
        lines = found.disagreements.splitlines()
        return format_html(
            '<ul class="errorlist">{}</ul>', format_html_join("", "<li>{}</li>", ((line,) for line in lines))
        )
