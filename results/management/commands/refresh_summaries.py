from django.core.management.base import BaseCommand
from django.db import transaction

from results.summaries import refresh_all


class Command(BaseCommand):
    help = "Recompute every summary row (season totals, career columns) from the entries."

    def handle(self, *args, **options):
        with transaction.atomic():
            refresh_all()
        self.stdout.write("summaries refreshed")
