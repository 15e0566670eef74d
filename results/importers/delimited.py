"""Tables whose cells are separated by tabs, commas, semicolons or pipes, quoted or not.

The header line is found anywhere in the file (a title, prose or a blank line may come first).
After it, every line with one cell per header cell belongs to the table, in any order, until
another table's header; blank lines, legends, DNQ lists and totals may sit inside or after it.
Each line is read on its own: no results cell holds a line break, and a quote left open must
not swallow the rows after it.
"""

import csv
import re
from collections.abc import Sequence

from results.importers.columns import may_name_a_driver
from results.importers.report import ReportError
from results.importers.table import MAX_HEADER, Table, is_results_header

DELIMITERS = ("\t", ";", ",", "|")
_RULE = re.compile(r"^[\s|:+=-]+$")  # "|---|---|" or "----+----": a pipe table's ruling
_NUMBER = re.compile(r"\s*[0-9]+\.?\s*$")


# Markdown inside a pipe table's cells (forum and Reddit posts): a link shows its text, emphasis its
# words ("**[Kyle Larson](https://...)**", "*(R)*"); a lone "*" (ineligible) and an escaped "\\*" stay stars
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")  # a URL may hold "(...)"
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EMPHASIS = re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*]+?)(?<=[^\s\\])\*(?![\w*])")


def _markdown(cell: str) -> str:
    if "[" not in cell and "*" not in cell and "__" not in cell:
        return cell
    cell = _MD_LINK.sub(r"\1", cell)
    cell = _MD_STRONG.sub(r"\2", cell)
    return _MD_EMPHASIS.sub(r"\1", cell).replace("\\*", "*")


def _split(line: str, delimiter: str) -> list[str]:
    if delimiter not in line and '"' not in line:
        return [line]  # a note or prose line: no need for the csv module
    cells = next(csv.reader([line], delimiter=delimiter), [])
    if delimiter == "|":
        cells = [_markdown(c.strip()) for c in cells]
        if line.strip().startswith("|"):  # a bordered (Markdown) table: "| 1 | 5 |"
            cells = cells[1:-1] if line.strip().endswith("|") else cells[1:]
    return cells


def header_in(line: str):
    """(delimiter, cells) when ``line`` is a results header in one of the delimiters, else None."""
    if len(line) > MAX_HEADER or not may_name_a_driver(line):
        return None
    for delimiter in DELIMITERS:
        if delimiter in line:
            try:
                cells = _split(line, delimiter)
            except csv.Error:
                continue
            if len(cells) > 2 and is_results_header(cells):
                return delimiter, cells
    return None


def tables(lines: Sequence[str], source: str, first: int) -> tuple[list[Table], str]:
    """Every table from the header at ``lines[first]`` on, and the delimiter they use."""
    delimiter, _ = header_in(lines[first]) or ("", [])
    found: list[Table] = []
    table = None
    for line, text in enumerate(lines[first:], start=first + 1):
        if not text.strip() or (delimiter == "|" and _RULE.match(text)):
            continue
        if delimiter not in text:  # a note or a line of prose: one cell, no header, no row
            if table is not None and len(table.labels) > 1:
                if _NUMBER.match(text):
                    _wrong_count(1, table, line, text, source)
                table.add_note(line, text)
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
        if len(cells) > 2 and may_name_a_driver(text) and is_results_header(cells):
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
            table.add_row(line, cells, source)
        elif _NUMBER.match(cells[0]):
            _wrong_count(len(cells), table, line, text, source)
        else:
            table.add_note(line, text)
    return found, _name(delimiter)


def _wrong_count(count, table, line, text, source):
    raise ReportError(
        f"the row has {count} cells, the header {len(table.labels)}",
        line=line,
        text=text[:80],
        source=source,
        expected="one cell per header column",
    )


def _above(lines, line):
    """The nearest non-blank line above the header: often the table's title."""
    for text in reversed(lines[max(0, line - 4) : line - 1]):
        if text.strip():
            return text.strip()[:100]
    return ""


def _name(delimiter):
    return {"\t": "tsv", ";": "semicolon-separated", ",": "csv", "|": "pipe-separated"}.get(delimiter, "csv")
