from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ResultsConfig(AppConfig):
    name = "results"
    verbose_name = "Race results"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from results.groups import sync_editors_group
        from results.models import DataVersion
        from results.summaries import refresh_if_outdated

        post_migrate.connect(sync_editors_group, sender=self)
        post_migrate.connect(DataVersion.ensure_row, sender=self)
        post_migrate.connect(refresh_if_outdated, sender=self)  # after ensure_row: it reads the row
