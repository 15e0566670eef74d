"""Turn a report file (bytes) into a Report: decode it, detect the format, find the table, read the prose.

Formats: ``html`` (saved pages), ``csv`` (tab, comma, semicolon or pipe separated), ``aligned``
(columns lined up with spaces), ``text`` (glued rows whose separators were lost, see
``flattened``), ``agate`` (newspaper results, one paragraph per finish: ``agate``), and the ``historical`` dataset (imported in bulk elsewhere).
"""

import re
from collections.abc import Sequence

from results.importers import agate, agate_layout, aligned, delimited, flattened, html_tables, validate
from results.importers.decode import decode
from results.importers.knowledge import NOTHING_KNOWN
from results.importers.lines import Lines
from results.importers.prose import facts_from_prose, first_characters
from results.importers.report import Report, ReportError
from results.importers.table import choose, read_rows

FORMATS = ["text", "csv", "aligned", "agate", "html", "historical"]
MARKS = ("rookie", "ineligible")
_HEADING = re.compile(r"^\s*(?:race |final |official )?results\s*:?\s*$", re.IGNORECASE)
_ROOKIE_LEGEND = re.compile(r"italics?\s*[–—-]+\s*competing for rookie", re.IGNORECASE)
_SPACES = re.compile(r"[\u00a0\u2009\u202f]")
# invisible format characters: soft hyphen, zero-width space/joiners, direction marks, embeddings,
# overrides and isolates, word joiner, byte-order mark. Not a soft hyphen after "Ã" and the like: that
# is the second byte of a garbled letter ("í" read as Windows-1252 is "Ã\u00ad"), which validate refuses
_INVISIBLE = re.compile(r"(?<![\u00c2-\u00f4])\u00ad|[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_HTML = re.compile(r"<(?:!doctype html|html|body|table)\b", re.IGNORECASE)


def detect(text: str) -> str:
    """The format of the first results header in the file (or the page's, for HTML)."""
    head = text.lstrip()[:2000]
    if head.startswith("<") and _HTML.search(text):
        return "html"
    first = head.splitlines()[0] if head else ""
    cells = {c.strip().lower() for c in re.split(r"[,\t;]", first)}
    if {"season", "race", "driver", "finish"} <= cells:
        return "historical"
    lines = Lines(text)
    for index, line in enumerate(lines):
        # agate results, or a header line right above them: their legend ("Finish, (start), driver, ...")
        if agate_layout.begins(line) or (
            agate_layout.begins(next((n for n in lines[index + 1 : index + 3] if n.strip()), ""))
        ):
            if agate_layout.found_in(text):
                return "agate"
        if delimited.header_in(line):
            return "csv"
        if aligned.labels_in(line):
            return "aligned"
        if flattened.split_header(line):
            return "text"
    return "text"


def read_report(
    data: bytes | str,
    source: str,
    *,
    format=None,
    encoding=None,
    decoded_from=None,
    knowledge=NOTHING_KNOWN,
    knowledge_for=None,
    known_tracks=(),
    known_makes=(),
):
    """The report in ``data`` (bytes, or an admin form's text): its rows, the facts its prose states,
    warnings. Glued rows are read with what the database knows (``knowledge``), or with
    ``knowledge_for(facts, first_words)``: what it knows of the season the report's own prose names and
    of the drivers whose names begin with the rows' ``first_words``, looked up only for a glued table
    (the other formats need none).
    ``decoded_from``: the encoding ``data`` was in before the caller decoded it (an admin upload,
    previewed as text): the report is warned about as the file it came from."""
    text, used = decode(data, source, encoding, decoded=decoded_from is not None)
    used = decoded_from or used
    format = format or detect(text)
    # what a reader sees: zero-width and direction marks (pasted from web pages, or planted) are
    # read as nothing, so "Zane\u200d Smith" is the Zane Smith the page shows; the stored report keeps them
    seen = _INVISIBLE.sub("", text) if _INVISIBLE.search(text) else text
    if format == "html":
        report = html_tables.read(seen, source, known_makes=known_makes)
        _read_prose(report, known_tracks)
    elif format == "historical":
        raise ReportError(
            "this is the historical dataset (many races in one file)",
            source=source,
            expected="import it with --format historical, which streams it in bulk",
        )
    else:
        # no-break and thin spaces read as spaces; the stored report keeps them
        readable = _SPACES.sub(" ", seen) if _SPACES.search(seen) else seen
        if format == "agate":
            report = agate.read(readable, source, Lines(readable), known_makes)
            _read_prose(report, known_tracks)
        elif format == "text":
            knowledge_for = knowledge_for or (lambda facts, first_words: knowledge)
            report = _read_glued(readable, source, knowledge_for, known_makes, known_tracks)
        else:
            report = _read_text_table(readable, source, format, known_makes)
            _read_prose(report, known_tracks)
        report.text = text
    if used not in {"utf-8", "ascii"}:
        report.warnings.append(f"the file is not UTF-8: read as {used} (check names with accents, or pass --encoding)")
    if not report.rows:
        raise ReportError("no results rows found", source=source, expected="a header line, then one row per car")
    # rookie and ineligible are marks after names ("(R)", "(i)", "*", italics), not columns: a report
    # says who is one only where it marks someone; one marking nobody keeps the stored flags
    report.has_columns |= {flag for flag in MARKS if any(getattr(row, flag) for row in report.rows)}
    report.rows.sort(key=lambda row: row.finish)
    _unknown_starts(report)
    validate.check_rows(report.rows, source=source, warnings=report.warnings)
    return report


def _unknown_starts(report):
    """A start of 0 is the source saying it does not know (Xfinity 1982-83 writes 0 for 965 starts, and
    the history is imported so: ``historical``): read as an unknown start, never a position, and named."""
    zero = [row for row in report.rows if row.start == 0]
    for row in zero:
        row.start = None
    if zero:
        lines = ", ".join(str(row.line) for row in zero[:10]) + (
            f" and {len(zero) - 10} more" if len(zero) > 10 else ""
        )
        report.warnings.append(f"start 0 read as start unknown (line{'s' if len(zero) > 1 else ''} {lines})")


def _read_prose(report, known_tracks):
    """The facts the report's prose states, added to what its header or page said."""
    report.facts.merge(facts_from_prose(report.prose, known_tracks=known_tracks))


def _read_text_table(text, source, format, known_makes):
    """A delimited or aligned table: every table of the file, the race results chosen among them."""
    lines = Lines(text)
    finder = delimited.header_in if format == "csv" else aligned.labels_in
    first = next((i for i, line in enumerate(lines) if finder(line)), None)
    if first is None:
        expected = (
            "a header line with Finish (or Pos) and Driver columns, separated by tabs, commas or semicolons"
            if format == "csv"
            else "a header line with Finish (or Pos) and Driver columns lined up over the rows"
        )
        raise ReportError("no results table found", source=source, expected=expected)
    if format == "csv":
        tables, name = delimited.tables(lines, source, first)
    else:
        tables, name = aligned.tables(lines, source, first), "aligned text"
    table = choose(tables, source)
    rows, carried, warnings = read_rows(table, source, known_makes)
    report = Report(source=source, text=text, format=name, rows=rows, has_columns=carried)
    report.warnings += warnings
    report.prose = _prose_before(lines, first)
    return report


def _prose_before(lines, index):
    """The lines above the table, without the heading over it: as many as facts are read from."""
    end = index
    while end and (not lines[end - 1].strip() or _HEADING.match(lines[end - 1])):
        end -= 1
    return first_characters(lines[:end])


def _read_glued(text, source, knowledge_for, known_makes, known_tracks):
    """Glued rows (``flattened``): the header, then one row per line while lines begin with a digit. The
    prose above is read first: the season it names chooses what the database knows (``knowledge_for``)."""
    lines = Lines(text)
    for index, line in enumerate(lines):  # noqa: B007 (index is used after the loop)
        columns = flattened.split_header(line)
        if columns:
            break
    else:
        # a newspaper's lone result says too little to be told from other text: the operator names the format
        lone = " (a newspaper's results, '1. (4) Jimmie Johnson, Chevrolet, 200': --format agate)"
        raise ReportError(
            "no results table found",
            source=source,
            expected="a header line such as FinishStartNumberDriverTeamManufacturerLapsStatus, "
            "or a table with Finish (or Pos) and Driver columns" + (lone if agate_layout.mentioned(text) else ""),
        )
    body: list[str] = []
    legend: Sequence[str] = lines[index + 1 :]
    for offset, line in enumerate(legend):
        if not line.strip() and not body:
            continue
        if not line.strip() or not line.lstrip()[:1].isdigit():
            legend = legend[offset:]
            break
        body.append(line)
    else:
        legend = []
    first_line = index + 2 + next((i for i, text in enumerate(lines[index + 1 :]) if text.strip()), 0)
    # a blank or note line inside the table would end it there: rows after it must not vanish unread
    following = re.compile(rf"\s*{len(body) + 1}\d{{0,8}}[A-Za-z*]")
    for offset, line in enumerate(legend):
        if following.match(line):
            at = first_line + len(body) + offset
            raise ReportError(
                f"the table stops after {len(body)} rows, but line {at} reads like row {len(body) + 1}",
                line=at,
                text=line[:200],
                source=source,
                expected="one row per line with nothing between them: remove the blank or note line inside the table",
            )
    prose = _prose_before(lines, index)
    facts = facts_from_prose(prose, known_tracks=known_tracks)
    rows = flattened.read_table(
        body,
        columns,
        first_line=first_line,
        source=source,
        knowledge=knowledge_for(facts, flattened.first_words(body)).with_report(facts),
        known_makes=known_makes,
    )
    report = Report(source=source, text=text, format="flattened text", rows=rows, has_columns=set(columns))
    report.prose = prose
    report.facts.merge(facts)
    if _ROOKIE_LEGEND.search("\n".join(legend)):
        report.warnings.append("the report marks rookies in italics, which plain text loses: rookie flags not set")
    return report
