"""Nothing about a championship depends on the date any more: the stored champion is the one the season
has once it is over, and whether it is over (its year has ended) is decided when read. ``finished`` goes
(it was decided at recompute time and stayed "running" past New Year); ``Standing.final`` is ``latest``
(the rows after the last counted round, final only once the season is over); the champion's row no
longer stores the status "champion" (the reader marks the named champion). Run ``refresh_summaries``
after migrating, as after every standings change: it recomputes this year's seasons as if no more races
came (the rows written before named no champion for them)."""

from django.db import migrations, models

from results.standings.rules import RULEBOOKS, Format

# the status a champion's row had before the engine crowned it: the final four's, the Chase field's, none
UNCROWNED = {Format.ELIMINATION: "final", Format.CHASE: "in", Format.POINTS: ""}


def uncrown(apps, schema_editor):
    Championship, Standing = apps.get_model("results", "Championship"), apps.get_model("results", "Standing")
    formats = {book.key: book.format for book in RULEBOOKS}
    for key in Championship.objects.values_list("rulebook", flat=True).distinct():
        seasons = Championship.objects.filter(rulebook=key).values("season_id")
        status = UNCROWNED[formats.get(key, Format.POINTS)]
        Standing.objects.filter(season__in=seasons, status="champion").update(status=status)


def crown(apps, schema_editor):
    Championship, Standing = apps.get_model("results", "Championship"), apps.get_model("results", "Standing")
    named = Championship.objects.filter(champion_if_over__isnull=False)
    for season_id, champion_id in named.values_list("season_id", "champion_if_over_id"):
        Standing.objects.filter(season_id=season_id, driver_id=champion_id, final=True).update(status="champion")


class Migration(migrations.Migration):
    dependencies = [("results", "0015_spaced_initials_keys")]

    operations = [
        migrations.RemoveConstraint(model_name="championship", name="championship_champion_or_reason"),
        migrations.RemoveConstraint(model_name="championship", name="championship_official_has_champion"),
        migrations.RenameField(model_name="championship", old_name="champion", new_name="champion_if_over"),
        migrations.RenameField(model_name="championship", old_name="unknown", new_name="unknown_if_over"),
        migrations.AlterField(
            model_name="championship",
            name="champion_if_over",
            field=models.ForeignKey(
                blank=True,
                help_text="The champion once the season is over: an editor's official one, or the results' under "
                "the season's format if no more races came. The site names the results' champion only after the "
                "season's year has ended.",
                null=True,
                on_delete=models.deletion.SET_NULL,
                related_name="championships",
                to="results.driver",
            ),
        ),
        migrations.AlterField(
            model_name="championship",
            name="unknown_if_over",
            field=models.TextField(
                blank=True,
                help_text="Why no champion is named once the season is over (a season still running: not yet).",
            ),
        ),
        migrations.RemoveField(model_name="championship", name="finished"),
        migrations.AddConstraint(
            model_name="championship",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("champion_if_over__isnull", False),
                    models.Q(("unknown_if_over", ""), _negated=True),
                    _connector="OR",
                ),
                name="championship_champion_or_reason",
            ),
        ),
        migrations.AddConstraint(
            model_name="championship",
            constraint=models.CheckConstraint(
                condition=models.Q(("official", False), ("champion_if_over__isnull", False), _connector="OR"),
                name="championship_official_has_champion",
            ),
        ),
        migrations.RunPython(uncrown, crown),
        migrations.RemoveIndex(model_name="standing", name="standing_driver_final"),
        migrations.RenameField(model_name="standing", old_name="final", new_name="latest"),
        migrations.AddIndex(
            model_name="standing",
            index=models.Index(
                condition=models.Q(("latest", True)), fields=["driver", "season"], name="standing_driver_latest"
            ),
        ),
    ]
