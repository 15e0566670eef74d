from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from results.importers.writer import Options, import_report
from results.models import ImportRun

DEMO = Path(settings.BASE_DIR) / "demo"
SHARED = Path(settings.BASE_DIR).parent / "shared"


def _race_made_elsewhere(report, demo_sources):
    """The race ``report`` describes when it exists and no demo report created it (the history
    did): load_demo never changes a race it did not create. A dry run finds the race."""
    outcome = import_report(report.read_bytes(), str(report), Options(round=15), dry_run=True)
    if outcome.events_created or outcome.event is None:
        return None
    created_here = ImportRun.objects.filter(
        events=outcome.event, outcome=ImportRun.Outcome.CREATED, source__in=demo_sources
    ).exists()
    return None if created_here else outcome.event


class Command(BaseCommand):
    help = (
        "Load the demo data: the project's own Mid-Ohio 2022 report and, when ../shared is beside the "
        "project, the historical Truck Series results and the published seed report. Safe to run again; "
        "a race the history (or anyone else) created is left as it is."
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
            # history first: a demo report then finds its race there and leaves it alone
            call_command("import_report", *map(str, files), stdout=self.stdout, stderr=self.stderr)
        else:
            self.stdout.write(f"{SHARED} is absent: loading the project's own demo report only")
        reports = [DEMO / "2022-truck-mid-ohio.txt", SHARED / "reports" / "2022-truck-mid-ohio.txt"]
        for report in [path for path in reports if path.exists()]:
            race = _race_made_elsewhere(report, [str(path) for path in reports])
            if race is None:
                call_command("import_report", str(report), round=15, stdout=self.stdout)
            else:
                self.stdout.write(
                    f"{report.name}: {race} is in the database already, not from a demo report: left as it is"
                )
        # a database loaded before the summary tables existed gets them filled once here
        call_command("refresh_summaries", stdout=self.stdout)
