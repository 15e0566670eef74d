from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ResultsConfig(AppConfig):
    name = "results"
    verbose_name = "Race results"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from results.groups import sync_editors_group
        from results.models import DataVersion

        post_migrate.connect(sync_editors_group, sender=self)
        post_migrate.connect(DataVersion.ensure_row, sender=self)
