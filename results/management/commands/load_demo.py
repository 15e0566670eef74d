from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

DEMO = Path(settings.BASE_DIR) / "demo"
SHARED = Path(settings.BASE_DIR).parent / "shared"


class Command(BaseCommand):
    help = (
        "Load the demo data: the project's own Mid-Ohio 2022 report and, when ../shared is beside the "
        "project, the historical Truck Series results and the published seed report. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all-history",
            action="store_true",
            help="Load every series from ../shared/data/nascar (Cup and Xfinity too; about a minute).",
        )

    def handle(self, *args, **options):
        history = SHARED / "data" / "nascar"
        if history.is_dir():
            files = sorted(history.glob("*_series.csv*")) if options["all_history"] else [history / "truck_series.csv"]
            # history first: the reports then match its drivers ("Trey Burke III") and its round numbers
            call_command("import_report", *map(str, files), stdout=self.stdout, stderr=self.stderr)
        else:
            self.stdout.write(f"{SHARED} is absent: loading the project's own demo report only")
        call_command("import_report", str(DEMO / "2022-truck-mid-ohio.txt"), round=15, stdout=self.stdout)
        seed = SHARED / "reports" / "2022-truck-mid-ohio.txt"
        if seed.exists():
            call_command("import_report", str(seed), round=15, stdout=self.stdout)
        # a database loaded before the summary tables existed gets them filled once here
        call_command("refresh_summaries", stdout=self.stdout)
