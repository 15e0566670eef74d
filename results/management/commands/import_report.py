import argparse
import csv
import datetime
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from results.exports import neutralise
from results.importers.cells import driver_and_number
from results.importers.decode import MAX_BYTES, check_size
from results.importers.log import describe, record_failure
from results.importers.read import FORMATS
from results.importers.report import CSV_COLUMNS, ReportError
from results.importers.writer import Options, import_history, import_report


class Command(BaseCommand):
    help = (
        "Import race reports (flattened text, CSV/TSV, HTML, or the historical dataset). "
        "Each file is one transaction: on any error nothing of that file is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="Report files; - reads standard input.")
        parser.add_argument("--series", default="", help="Series when the report does not say (Cup, Xfinity, Truck).")
        parser.add_argument("--date", type=datetime.date.fromisoformat, help="Race date, YYYY-MM-DD.")
        parser.add_argument("--year", type=int, help="Season year when the report does not say.")
        parser.add_argument("--round", type=int, help="Race number within the season.")
        parser.add_argument("--track", default="", help="Track when the report does not say.")
        parser.add_argument("--name", default="", help="Official race name.")
        parser.add_argument("--format", choices=FORMATS, help="Skip detection and read the file as this format.")
        parser.add_argument(
            "--encoding",
            help="The file's encoding when detection gets it wrong (utf-8, utf-16, windows-1252, latin-1...).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Change nothing; print the parsed table.")
        parser.add_argument(
            "--number",
            action="append",
            default=[],
            type=_driver_number,
            metavar="DRIVER=NUMBER",
            help='Glued rows: the car number of a driver whose row reads more than one way ("Kyle Larson=07"; '
            '"Bill Jennings=none": the car ran without a number), the driver named as the reading the import '
            "lists names him (that also settles where his name ends and the team begins); repeat it for each "
            "line the import lists.",
        )
        parser.add_argument(
            "--as",
            dest="as_format",
            choices=["table", "csv"],
            default="table",
            help="With --dry-run: print the table aligned (default) or as CSV on standard output.",
        )
        parser.add_argument("--no-progress", action="store_true", help="Historical imports: no progress bar.")

    def handle(self, *args, **options):
        failures = 0
        for name in options["files"]:
            if options["format"] == "historical" or (name.endswith((".csv", ".csv.gz")) and _is_historical(name)):
                failures += self._historical(name, options)
            else:
                failures += self._report(name, options)
        if failures:
            raise CommandError(f"{failures} of {len(options['files'])} file(s) failed; nothing of those was written")

    def _report(self, name, options):
        source = "<stdin>" if name == "-" else name
        try:
            data = _read_bounded(name, source)
        except OSError as error:
            self.stderr.write(f"{source}: cannot read the file ({error.strerror})")
            return 1
        except ReportError as error:
            self.stderr.write(str(error))
            record_failure(source, error)
            return 1
        opts = Options(
            series=options["series"],
            year=options["year"],
            round=options["round"],
            date=options["date"],
            track=options["track"],
            name=options["name"],
            format=options["format"],
            encoding=options["encoding"],
            numbers=dict(options["number"]),
        )
        try:
            outcome = import_report(data, source, opts, dry_run=options["dry_run"])
        except ReportError as error:
            self.stderr.write(str(error))
            return 1
        summary = self.stderr if options["as_format"] == "csv" else self.stdout
        if options["dry_run"] and outcome.report is not None:
            self._print_table(outcome.report.rows, options["as_format"])
        for line in describe(outcome):
            summary.write(line)
        return 0

    def _print_table(self, rows, as_format):
        if as_format == "csv":
            writer = csv.writer(self.stdout, lineterminator="\n")
            writer.writerow(CSV_COLUMNS)
            # as the site's exports: a name such as "=HYPERLINK(...)" must not run in a spreadsheet
            writer.writerows([neutralise(value) for value in row.csv_values()] for row in rows)
            return
        table = [[c.title() for c in CSV_COLUMNS]] + [row.csv_values() for row in rows]
        widths = [max(len(r[i]) for r in table) for i in range(len(CSV_COLUMNS))]
        for r in table:
            self.stdout.write("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip())

    def _historical(self, name, options):
        try:
            outcome = import_history(
                Path(name), series=options["series"], progress=not options["no_progress"], dry_run=options["dry_run"]
            )
        except ReportError as error:
            self.stderr.write(str(error))
            return 1
        for line in describe(outcome):
            self.stdout.write(line)
        return 0


def _read_bounded(name, source):
    """The file's bytes, refused by its size before it is read whole (standard input: read up to the limit)."""
    if name == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        check_size(len(data), source)
        return data
    check_size(Path(name).stat().st_size, source)
    return Path(name).read_bytes()


def _is_historical(name):
    from results.importers.historical import looks_historical

    return looks_historical(Path(name))


def _driver_number(text):
    """``"Kyle Larson=07"`` -> ("Kyle Larson", "07")."""
    chosen = driver_and_number(text)
    if chosen is None:
        raise argparse.ArgumentTypeError(f'{text!r}: expected DRIVER=NUMBER, e.g. "Kyle Larson=07" (or =none)')
    return chosen
