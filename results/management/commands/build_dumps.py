from django.core.management.base import BaseCommand

from results import dumps


class Command(BaseCommand):
    help = (
        "Build the downloadable data dumps (a zip of CSV files and an SQL script) for the current results "
        "version in DUMPS_DIR, unless they are built already, and delete older ones. Run it after imports so "
        "the first download after them is quick; otherwise the first download builds them, once."
    )

    def handle(self, *args, **options):
        version = dumps.build()
        for kind, (path, size) in dumps.available(version).items():
            self.stdout.write(f"{kind}: {path} ({size / 1e6:.1f} MB)")
