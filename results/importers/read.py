"""Turn a report file (bytes) into a Report: detect the format, find the table, read the prose."""

import csv
import re

from lxml import html as lxml_html

from results.importers import flattened, validate
from results.importers.cells import row_from_cells
from results.importers.knowledge import NOTHING_KNOWN
from results.importers.prose import facts_from_prose
from results.importers.report import Report, ReportError
from results.importers.vocabulary import column_for_label

FORMATS = ["text", "csv", "html", "historical"]
MAX_BYTES = 5 * 1024 * 1024
_HEADING = re.compile(r"^\s*(?:race |final |official )?results\s*:?\s*$", re.IGNORECASE)
_ROOKIE_LEGEND = re.compile(r"italics?\s*[–—-]+\s*competing for rookie", re.IGNORECASE)
_INELIGIBLE_LEGEND = re.compile(r"^\s*\*\s*[–—-]+\s*ineligible", re.IGNORECASE)


def decode(data: bytes, source: str) -> str:
    """UTF-8 text, or an error that says why not (empty, binary, another encoding)."""
    if not data.strip():
        raise ReportError("the file is empty", source=source, expected="a race report with a results table")
    if len(data) > MAX_BYTES:
        raise ReportError(
            f"the file is {len(data):,} bytes",
            source=source,
            expected=f"a report under {MAX_BYTES:,} bytes (split the file)",
        )
    if b"\x00" in data[:4096]:
        raise ReportError("the file is binary, not text", source=source, expected="a text, CSV or HTML report")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ReportError(
            f"the file is not UTF-8 (byte 0x{data[error.start]:02x})",
            line=line,
            text=data[max(0, error.start - 20) : error.start + 20].decode("utf-8", "replace"),
            source=source,
            expected="UTF-8 text: re-save the file as UTF-8",
        ) from None


def detect(text: str) -> str:
    head = text.lstrip()[:2000].lower()
    if head.startswith("<") and "<table" in text.lower():
        return "html"
    first = text.lstrip().splitlines()[0] if text.strip() else ""
    cells = {c.strip().lower() for c in re.split(r"[,\t;]", first)}
    if {"season", "race", "driver", "finish"} <= cells:
        return "historical"
    for line in text.splitlines():
        if _delimited_header(line):
            return "csv"
    return "text"


def read_report(data: bytes, source: str, *, format=None, knowledge=NOTHING_KNOWN, known_tracks=(), known_makes=()):
    text = decode(data, source)
    format = format or detect(text)
    if format == "html":
        report = _read_html(text, source)
    elif format == "historical":
        raise ReportError(
            "this is the historical dataset (many races in one file)",
            source=source,
            expected="import it with --format historical, which streams it in bulk",
        )
    else:
        # no-break and thin spaces read as spaces; the stored report keeps them
        readable = re.sub(r"[\u00a0\u2009\u202f]", " ", text)
        report = _read_lines(readable, source, format, knowledge, known_makes)
        report.text = text
    if not report.rows:
        raise ReportError("no results rows found", source=source, expected="a header line, then one row per car")
    prose_facts = facts_from_prose(report.prose, known_tracks=known_tracks)
    report.facts.merge(prose_facts)
    validate.check_rows(report.rows, source=source, warnings=report.warnings)
    return report


def _delimited_header(line):
    for delimiter in ("\t", ";", ","):
        if delimiter in line:
            columns = [column_for_label(cell) for cell in next(csv.reader([line], delimiter=delimiter))]
            if "finish" in columns and "driver" in columns:
                return delimiter, columns
    return None


def _read_lines(text, source, format, knowledge, known_makes):
    lines = text.splitlines()
    for index, line in enumerate(lines):  # noqa: B007 (index is used after the loop)
        header = _delimited_header(line) if format == "csv" else None
        columns = None if header else flattened.split_header(line) if format == "text" else None
        if header or columns:
            break
    else:
        expected = (
            "a header line such as FinishStartNumberDriverTeamManufacturerLapsStatus"
            if format == "text"
            else "a header line with Finish and Driver columns, separated by tabs or commas"
        )
        raise ReportError("no results table found", source=source, expected=expected)
    body: list[str] = []
    legend = lines[index + 1 :]
    for offset, line in enumerate(legend):
        if not line.strip() and not body:
            continue
        if not line.strip() or not line.lstrip()[:1].isdigit():
            legend = legend[offset:]
            break
        body.append(line)
    else:
        legend = []
    prose_lines = lines[:index]
    while prose_lines and (not prose_lines[-1].strip() or _HEADING.match(prose_lines[-1])):
        prose_lines.pop()
    first_line = index + 2 + next((i for i, text in enumerate(lines[index + 1 :]) if text.strip()), 0)
    if header:
        delimiter, columns = header
        rows = []
        for number, cells in enumerate(csv.reader(body, delimiter=delimiter), start=first_line):
            if len(cells) != len(columns):
                raise ReportError(
                    f"the row has {len(cells)} cells, the header {len(columns)}",
                    line=number,
                    text=delimiter.join(cells),
                    source=source,
                    expected="one cell per header column",
                )
            rows.append(
                row_from_cells({c: v for c, v in zip(columns, cells, strict=True) if c}, line=number, source=source)
            )
        format = "csv" if delimiter == "," else "tsv" if delimiter == "\t" else "semicolon-separated"
    else:
        rows = flattened.read_table(
            body, columns, first_line=first_line, source=source, knowledge=knowledge, known_makes=known_makes
        )
        format = "flattened text"
    report = Report(source=source, text=text, format=format, rows=rows, has_columns={c for c in columns or () if c})
    report.prose = "\n".join(prose_lines)
    legend_text = "\n".join(legend)
    if _ROOKIE_LEGEND.search(legend_text) and not header:
        report.warnings.append("the report marks rookies in italics, which plain text loses: rookie flags not set")
    if rows and any(r.ineligible for r in rows):
        report.has_columns.add("ineligible")
    return report


def _read_html(text, source):
    try:
        document = lxml_html.fromstring(text)
    except (ValueError, lxml_html.etree.ParserError) as error:
        raise ReportError(f"the HTML cannot be parsed ({error})", source=source, expected="an HTML page") from None
    best = None
    for table in document.iter("table"):
        trs = table.xpath(".//tr")
        if not trs:
            continue
        header_cells = trs[0].xpath("./th|./td")
        columns = [column_for_label(cell.text_content()) for cell in header_cells]
        if "finish" in columns and "driver" in columns and (best is None or len(trs) > len(best[1])):
            best = (table, trs, columns)
    if best is None:
        raise ReportError(
            "no results table in the HTML",
            source=source,
            expected="a <table> whose header has Finish (or Pos) and Driver columns",
        )
    table, trs, columns = best
    rows = []
    for tr in trs[1:]:
        cells = tr.xpath("./th|./td")
        if not cells or not "".join(c.text_content() for c in cells).strip():
            continue
        line = tr.sourceline
        if len(cells) != len(columns):
            raise ReportError(
                f"the row has {len(cells)} cells, the header {len(columns)}",
                line=line,
                text=" | ".join(c.text_content().strip() for c in cells),
                source=source,
                expected="one cell per header column",
            )
        values = {c: cell.text_content() for c, cell in zip(columns, cells, strict=True) if c}
        driver_cell = cells[columns.index("driver")]
        rookie = bool(driver_cell.xpath(".//i|.//em")) or "rookie" in (driver_cell.get("class") or "")
        rows.append(row_from_cells(values, line=line, source=source, rookie=rookie))
    prose = "\n".join(p.text_content().strip() for p in document.iter("p", "h1", "h2") if p.text_content().strip())
    report = Report(
        source=source,
        text=text,
        format="html",
        rows=rows,
        has_columns={c for c in columns if c} | {"rookie", "ineligible"},
    )
    report.prose = prose
    return report
