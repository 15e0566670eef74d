"""Tables whose cells are separated by tabs, commas, semicolons or pipes, quoted or not.

The header line is found anywhere in the file (a title, prose or a blank line may come first).
After it, every line with one cell per header cell belongs to the table, in any order, until
another table's header; blank lines, legends, DNQ lists and totals may sit inside or after it.
Each line is read on its own: no results cell holds a line break, and a quote left open must
not swallow the rows after it.
"""

import csv
import re

from results.importers.report import ReportError
from results.importers.table import Table, is_results_header

DELIMITERS = ("\t", ";", ",", "|")
_RULE = re.compile(r"^[\s|:+=-]+$")  # "|---|---|" or "----+----": a pipe table's ruling


def _split(line: str, delimiter: str) -> list[str]:
    cells = next(csv.reader([line], delimiter=delimiter), [])
    if delimiter == "|":
        cells = [c.strip() for c in cells]
        if line.strip().startswith("|"):
            cells = cells[1:]
        if line.strip().endswith("|"):
            cells = cells[:-1]
    return cells


def header_in(line: str):
    """(delimiter, cells) when ``line`` is a results header in one of the delimiters, else None."""
    for delimiter in DELIMITERS:
        if delimiter in line:
            try:
                cells = _split(line, delimiter)
            except csv.Error:
                continue
            if len(cells) > 2 and is_results_header(cells):
                return delimiter, cells
    return None


def tables(lines: list[str], source: str, first: int) -> tuple[list[Table], str]:
    """Every table from the header at ``lines[first]`` on, and the delimiter they use."""
    delimiter, _ = header_in(lines[first]) or ("", [])
    found: list[Table] = []
    table = None
    for line, text in enumerate(lines[first:], start=first + 1):
        if delimiter == "|" and _RULE.match(text):
            continue
        try:
            cells = _split(text, delimiter)
        except csv.Error as error:
            raise ReportError(
                f"the line cannot be read as {_name(delimiter)} ({error})",
                line=line,
                text=text[:80],
                source=source,
                expected="one results row per line, each cell of at most a few hundred characters",
            ) from None
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > 2 and is_results_header(cells):
            if table is not None and [c.strip() for c in cells] == [c.strip() for c in table.labels]:
                continue  # the header repeated (a page break): the table goes on
            table = Table(line=line, labels=cells, context=_above(lines, line))
            found.append(table)
            continue
        if table is None:
            continue
        while len(cells) > len(table.labels) and not cells[-1].strip():
            cells = cells[:-1]  # empty cells past the header (a spreadsheet's unused columns)
        if len(cells) == len(table.labels):
            table.rows.append((line, cells))
        elif re.match(r"\s*[0-9]+\.?\s*$", cells[0]):
            raise ReportError(
                f"the row has {len(cells)} cells, the header {len(table.labels)}",
                line=line,
                text=text[:80],
                source=source,
                expected="one cell per header column",
            )
        else:
            table.notes.append((line, text.strip()))
    for t in found:
        last = t.rows[-1][0] if t.rows else t.line
        t.notes = [note for note in t.notes if note[0] < last]  # after the last row: the report's prose
    return found, _name(delimiter)


def _above(lines, line):
    """The nearest non-blank line above the header: often the table's title."""
    for text in reversed(lines[max(0, line - 4) : line - 1]):
        if text.strip():
            return text.strip()[:100]
    return ""


def _name(delimiter):
    return {"\t": "tsv", ";": "semicolon-separated", ",": "csv", "|": "pipe-separated"}.get(delimiter, "csv")
