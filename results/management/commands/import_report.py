import argparse
import csv
import datetime
import os
import shlex
import stat
import sys
from dataclasses import replace
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from results.exports import neutralise
from results.importers.cells import driver_and_number
from results.importers.decode import MAX_BYTES, check_size
from results.importers.events import RoundUnknown
from results.importers.files import date_in_name, names_settled, placing_plan, round_in_name, shown_name
from results.importers.log import describe, record_failure
from results.importers.read import FORMATS
from results.importers.readings import Ambiguous
from results.importers.report import CSV_COLUMNS, ReportError
from results.importers.writer import Options, import_history, import_report


class Command(BaseCommand):
    help = (
        "Import race reports (flattened text, CSV/TSV, HTML, or the historical dataset). "
        "Each file is one transaction: on any error nothing of that file is written. Glued reports refused only "
        "because some lines read more than one way are tried again once the other files have landed, while "
        "that lands anything (a season imported at once settles itself as far as its races say)."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="Report files; - reads standard input.")
        parser.add_argument("--series", default="", help="Series when the report does not say (Cup, Xfinity, Truck).")
        parser.add_argument("--date", type=datetime.date.fromisoformat, help="Race date, YYYY-MM-DD.")
        parser.add_argument("--year", type=int, help="Season year when the report does not say.")
        parser.add_argument(
            "--round",
            type=int,
            help="Race number within the season (one file; otherwise the file's name says its round: "
            "round07.txt, r7.txt, cup-1985-07.txt).",
        )
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
            "line the import lists. With several files it settles only where a driver's name ends (the same in "
            "every race of a season); a car number is settled one file at a time.",
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
        files = options["files"]
        self._used_numbers: set[str] = set()
        self._taken: dict[tuple, str] = {}  # races files of this command wrote: a later file may not write them again
        self._unplaced: dict[str, RoundUnknown] = {}  # new races whose round nothing says: placed at the end
        self._stdin = b""
        self._settled: dict[str, tuple] = {}  # file held open -> its rows read one way only (Ambiguous.settled)
        if options["round"] is not None and len(files) > 1:
            raise CommandError(
                "--round names one race: with several files, name each file by its round (round07.txt), "
                "or import them one at a time"
            )
        # like --round, each names one race: a season's files given --track were all written at that track
        for option in ("track", "name", "date"):
            if options[option] and len(files) > 1:
                raise CommandError(
                    f"--{option} names one race's {'race name' if option == 'name' else option}: with several files, "
                    "each report says its own (or import the files that do not, one at a time)"
                )
        hold = len(files) > 1 and not options["dry_run"]  # a dry run lands nothing that could settle a file
        failures, landed = 0, False
        open_files: dict[str, Ambiguous] = {}  # files held for another pass
        for name in files:
            if options["format"] == "historical" or (name.endswith((".csv", ".csv.gz")) and _is_historical(name)):
                failed = self._historical(name, options)
                failures, landed = failures + failed, landed or not (failed or options["dry_run"])
                continue
            failed, wrote = self._attempt(name, options, open_files, hold_open=hold and name != "-")  # stdin reads once
            failures, landed = failures + failed, landed or wrote
        failures += self._settle(open_files, landed, options)
        failures += self._place(options)
        self._unused_numbers(options)
        if failures:
            raise CommandError(f"{failures} of {len(files)} file(s) failed; nothing of those was written")

    def _settle(self, open_files, landed, options):
        """Try the files refused only for lines that read more than one way again, while the pass
        before landed a race: what the races in the database now say (their drivers' car numbers,
        teams) ranks the readings exactly as earlier history does (``Knowledge.evidence``: never
        overruling the digits, and only a reading that beats every other is taken). Files still
        open are refused with their lines listed. Returns how many files failed."""
        failures, evidence = 0, None
        # the files held open read more of their rows one way on each pass that lands a race or
        # settles a row: that is evidence for the others (``_season_rows``) until a pass adds none
        while open_files and (landed or evidence != self._evidence()):
            landed, still_open, evidence = False, dict[str, Ambiguous](), self._evidence()
            for name in open_files:
                failed, wrote = self._attempt(name, options, still_open, hold_open=True)
                failures, landed = failures + failed, landed or wrote
            open_files = still_open
        for name, error in open_files.items():
            record_failure(name, error)  # once, when no later pass can land it
            self.stderr.write(str(error))
            self.stderr.write(f"  to settle it: import_report {_alone(name, options)} with a --number for each line")
        return failures + len(open_files)

    def _place(self, options):
        """The new races whose round nothing says, once every other file has landed: a season's in date order,
        or refused when their order is not known (``files.placing_plan``). Returns how many files failed."""
        plan, refused = placing_plan(self._unplaced)
        for error in refused.values():
            record_failure(error.source, error)
            self.stderr.write(str(error))
        failed = [name for name, placing in plan if not self._report(name, options, placing=placing)]
        return len(refused) + len(failed)

    def _attempt(self, name, options, open_files, *, hold_open):
        """One file's import, as (failed, wrote): a file held open is added to ``open_files``, a new race whose
        round nothing says to ``self._unplaced``."""
        result = self._report(name, options, hold_open=hold_open)
        self._settled.pop(name, None)
        if isinstance(result, RoundUnknown):
            self._unplaced[name] = result
            return 0, False
        if isinstance(result, Ambiguous):
            open_files[name] = result
            self._settled[name] = result.settled
            return 0, False
        if result is None:
            return 1, False
        return 0, result.entries_written > 0

    def _evidence(self):
        return {row for rows in self._settled.values() for row in rows}

    def _season_rows(self, name, options):
        """The rows the other files held open read one way only: evidence of the season their --series
        and --year name (without both, a file's season is its prose's, which may differ)."""
        if not (options["series"] and options["year"]):
            return ()
        return tuple(sorted({row for other, rows in self._settled.items() if other != name for row in rows}))

    def _report(self, name, options, *, hold_open=False, placing=None):
        """Import one report: its Outcome, or None when it was refused (the error printed and logged);
        with ``hold_open`` a refusal for lines that read more than one way is returned, neither printed
        nor logged (a later pass may land the file: the import log shows one failure, when none does).
        With several files a new race whose round nothing says is returned (``RoundUnknown``) unless
        ``placing`` says how to number it."""
        source = "<stdin>" if name == "-" else shown_name(name)
        several = len(options["files"]) > 1
        try:
            data = self._stdin if name == "-" and self._stdin else _read_bounded(name, source)
            if name == "-" and several:
                self._stdin = data  # standard input reads once: kept for the pass that places its race
        except OSError as error:
            refused = ReportError(
                f"cannot read the file ({error.strerror})", source=source, expected="a readable report file"
            )
            self.stderr.write(str(refused))
            record_failure(source, refused)
            return None
        except ReportError as error:
            self.stderr.write(str(error))
            record_failure(source, error)
            return None
        opts = Options(
            series=options["series"],
            year=options["year"],
            round=options["round"] if options["round"] is not None else _round_of(name, options),
            date=options["date"],
            track=options["track"],
            name=options["name"],
            format=options["format"],
            encoding=options["encoding"],
            numbers=dict(options["number"]),
            taken=dict(self._taken),
            placing=placing or ("ask" if several else "next"),
            name_date=date_in_name(name) if several and not options["date"] else None,
            season_rows=self._season_rows(name, options),
        )
        try:
            outcome = self._import(data, source, opts, options, logged=not hold_open)
        except RoundUnknown as error:
            return error
        except Ambiguous as error:
            if hold_open:
                return error
            self.stderr.write(str(error))
            return None
        except ReportError as error:
            if hold_open:
                record_failure(source, error)
            self.stderr.write(str(error))
            return None
        summary = self.stderr if options["as_format"] == "csv" else self.stdout
        if options["dry_run"] and outcome.report is not None:
            self._print_table(outcome.report.rows, options["as_format"])
        for line in describe(outcome):
            summary.write(line)
        self._taken |= dict.fromkeys(outcome.races, source)
        return outcome

    def _import(self, data, source, opts, options, *, logged):
        """One file's import. With several files a ``--number`` settles only where a driver's name
        ends (a line whose readings all give the same start and number: "Jeff Greenppc Racing" is
        the same split in every race); the car number itself is settled one file at a time, since
        a driver may change number within a season."""
        if len(options["files"]) < 2 or not opts.numbers:
            return import_report(data, source, opts, dry_run=options["dry_run"], logged=logged)
        try:  # unlogged: a refusal here is logged below only when it is the file's last word
            return import_report(data, source, replace(opts, numbers={}), dry_run=options["dry_run"], logged=False)
        except RoundUnknown:
            raise
        except Ambiguous as error:
            names = names_settled(error.choices, opts.numbers)
            if not names:
                if logged:
                    record_failure(source, error)
                raise
        except ReportError as error:
            if logged:
                record_failure(source, error)
            raise
        self._used_numbers |= set(names)
        return import_report(data, source, replace(opts, numbers=names), dry_run=options["dry_run"], logged=logged)

    def _unused_numbers(self, options):
        unused = [name for name, _ in options["number"] if name not in self._used_numbers]
        if len(options["files"]) > 1 and unused:
            self.stderr.write(
                "--number for " + ", ".join(unused) + " settled no file: with several files it settles only where "
                "a driver's name ends; import a file alone to settle its car numbers"
            )

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
                Path(name),
                series=options["series"],
                progress=not options["no_progress"],
                dry_run=options["dry_run"],
                taken=dict(self._taken),
            )
        except ReportError as error:
            self.stderr.write(str(error))
            return 1
        for line in describe(outcome):
            self.stdout.write(line)
        self._taken |= dict.fromkeys(outcome.races, name)  # a report after it may not rewrite its races
        return 0


def _read_bounded(name, source):
    """The file's bytes, refused by its size before it is read whole. Standard input, a pipe or a
    device (/dev/zero) tells no size: at most one byte past the limit is read from those."""
    if name == "-":
        return _read_at_most(sys.stdin.buffer, source)
    with open(name, "rb") as handle:
        size = os.fstat(handle.fileno())
        if stat.S_ISREG(size.st_mode):
            check_size(size.st_size, source)
        return _read_at_most(handle, source)


def _read_at_most(handle, source):
    data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ReportError(
            f"the input is over {MAX_BYTES:,} bytes",
            source=source,
            expected=f"a report under {MAX_BYTES:,} bytes (split the file)",
        )
    return data


def _round_of(name, options):
    """A file's name says its round (``--round`` names one race): a season's files, and one of them imported
    alone (round10.html given after the season was numbered the next, 21, told to "name the file by its round")."""
    return round_in_name(name) if name != "-" else None


def _alone(name, options):
    """The file with the options that import it on its own as the race it was in this command."""
    given = [name]
    named = {"date": date_in_name(name)} if len(options["files"]) > 1 else {}
    for option in ("series", "year", "date", "track", "name", "format", "encoding"):
        if options[option] or named.get(option):
            given += [f"--{option}", str(options[option] or named[option])]
    round_number = _round_of(name, options)
    return shlex.join(given + (["--round", str(round_number)] if round_number else []))


def _is_historical(name):
    from results.importers.historical import looks_historical

    return looks_historical(Path(name))


def _driver_number(text):
    """``"Kyle Larson=07"`` -> ("Kyle Larson", "07")."""
    chosen = driver_and_number(text)
    if chosen is None:
        raise argparse.ArgumentTypeError(f'{text!r}: expected DRIVER=NUMBER, e.g. "Kyle Larson=07" (or =none)')
    return chosen
