"""A results table found in a report (delimited, aligned or HTML), chosen among the report's
tables and turned into Rows.

A report often holds several tables with Pos and Driver columns: practice, qualifying, stages,
the race, the standings. The race results are the table whose columns are a race's (a start,
laps, a status or laps led beside the finish and the driver) and whose heading does not say it is
something else; two such tables stop the import, naming both. Lines inside a table that are not
results (DNQ lists, totals, notes) are listed in a warning, never silently cut the table; a line
that looks like a result but cannot be read stops the import.
"""

import re
from dataclasses import dataclass, field

from results.importers import columns as vocabulary
from results.importers.cells import row_from_cells, strip_marks
from results.importers.name_order import first_last, last_first
from results.importers.report import ReportError, Row

MAX_ROWS = 500  # cars in one race: the most in the history is 82
MAX_HEADER = 1000  # characters: a longer line is no table's header
NOTES_KEPT = 10
RACE_COLUMNS = {"start", "laps", "led", "status"}
# Headings of tables that have Pos and Driver columns but are not the race's results.
NOT_RESULTS = re.compile(
    r"qualif|practice|entry list|entries|standings|starting (?:line ?up|grid)|duel|heat race|lap leader|"
    r"points after|championship|\bstage (?:one|two|1|2)\b|\b(?:first|second) stage\b",
    re.IGNORECASE,
)
STAGE = re.compile(r"\bstage (one|two|1|2)\b|\b(first|second) stage\b", re.IGNORECASE)
# Lines that explain a table rather than add to it: legends, sources, page footers.
LEGEND = re.compile(
    r"^\s*(?:\*|\(r\)|\(i\)|#|italics?|sources?\b|official\b|notes?\b|page \d+|.*\bpage \d+ of \d+)",
    re.IGNORECASE,
)
# A row across the table opening the cars that did not race: rows after it are not finishers
# (Wikipedia numbers them on from the last finisher).
NOT_RACED = re.compile(
    r"^\s*(?:failed to qualify|did not qualify|non-?qualifiers|dnq|alternates?)\b",
    re.IGNORECASE,
)
NOT_A_RESULT = re.compile(r"^(?:dnq|dns|did not|wd|withdr|totals?\b|alt(?:ernates?)?\b|-+$|–$|—$)", re.I)


@dataclass
class Table:
    """Header cells, then each line that has one cell per header cell: (line, cells)."""

    line: int
    labels: list[str]
    context: str = ""  # heading, caption or the line above: what the table says it is
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)  # the first lines inside that are not rows
    more_notes: int = 0  # and how many more
    _pending: list[tuple[int, str]] = field(default_factory=list)  # since the last row: prose, unless a row follows
    _pending_more: int = 0
    rookies: set[int] = field(default_factory=set)  # rows (indices) whose driver is in italics (HTML)
    footnotes: dict[int, list[str]] = field(default_factory=dict)  # reference marks by row index (HTML)
    not_raced: tuple[int, int, str] | None = None  # (first row index, line, text) of a "Failed to qualify" row
    legends: list[str] = field(default_factory=list)  # the lines saying what marks mean ("# Rookie")

    def add_row(self, line: int, cells: list[str], source: str):
        """A row; the lines seen since the last row were inside the table after all."""
        room = max(0, NOTES_KEPT - len(self.notes))
        self.notes += self._pending[:room]
        self.more_notes += len(self._pending[room:]) + self._pending_more
        self._pending, self._pending_more = [], 0
        self.rows.append((line, cells))
        too_many_rows(self, source)

    def add_note(self, line: int, text: str):
        """A line that is not a row: a legend is the table's own; others are listed if a row follows.
        Only the first few are kept, whatever the size of the file."""
        if self.rows and self.not_raced is None and NOT_RACED.match(text):
            self.not_raced = (len(self.rows), line, " ".join(text.split())[:40])
            return
        if LEGEND.match(text):
            if len(self.legends) < NOTES_KEPT:
                self.legends.append(text.strip()[:200])
            return
        if len(self._pending) < NOTES_KEPT:
            self._pending.append((line, " ".join(text.split())[:80]))
        else:
            self._pending_more += 1

    def fields(self):
        return set(vocabulary.kinds(self.labels))

    def describe(self):
        where = f"line {self.line}"
        if self.context:
            where += f" ({self.context.strip()[:60]!r})"
        return f"{where}: " + ", ".join(" ".join(label.split()) for label in self.labels)


def too_many_rows(table: "Table", source: str):
    """Refuse a table as soon as it outgrows a race, before its rows are read."""
    if len(table.rows) > MAX_ROWS:
        raise ReportError(
            f"the table has more than {MAX_ROWS} rows",
            line=table.rows[MAX_ROWS][0],
            source=source,
            expected=f"one race: at most {MAX_ROWS} cars",
        )


def is_results_header(labels) -> bool:
    found = set(vocabulary.kinds(labels))
    return "finish" in found and "driver" in found


def stage_of(table: Table):
    """1 or 2 when the table's heading says it is a stage's results, else None."""
    match = STAGE.search(table.context)
    if not match:
        return None
    word = (match.group(1) or match.group(2)).lower()
    return 1 if word in {"one", "1", "first"} else 2


def choose(tables: list[Table], source: str) -> Table:
    """The race results among ``tables``; an error naming the candidates when it is not one table."""
    results = [t for t in tables if is_results_header(t.labels) and t.rows]
    candidates = [t for t in results if not NOT_RESULTS.search(t.context) and t.fields() & RACE_COLUMNS]
    if not candidates:
        candidates = [t for t in results if not NOT_RESULTS.search(t.context)]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        shown = "; ".join(t.describe() for t in results[:4])
        raise ReportError(
            "no race results table found" + (f" (tables seen: {shown})" if shown else ""),
            source=source,
            expected="a table whose header has Finish (or Pos) and Driver, and Start, Laps or Status",
        )
    raise ReportError(
        f"{len(candidates)} tables could be the race results: " + "; ".join(t.describe() for t in candidates[:4]),
        source=source,
        expected="a report with one race results table: delete the others from the file",
    )


def read_rows(table: Table, source: str, known_makes=()) -> tuple[list[Row], set[str], list[str]]:
    """Rows of ``table``, the fields it carries, and warnings (columns and lines not imported)."""
    too_many_rows(table, source)
    values = [[cells[i] for _, cells in table.rows] for i in range(len(table.labels))]
    placed, warnings = vocabulary.place(table.labels, values, source=source, line=table.line, known_makes=known_makes)
    finish_at = next(i for i, p in enumerate(placed) if p.field == "finish")
    driver_at = next(i for i, p in enumerate(placed) if p.field == "driver")
    status_at = next((i for i, p in enumerate(placed) if p.field == "status"), None)
    rows, skipped, footnotes, not_raced = [], [], [], []
    names = [(line, cells[driver_at]) for line, cells in table.rows]
    flip = last_first(names, source)
    if flip:
        warnings.append("drivers are written 'Last, First' ('Larson, Kyle'): read as 'Kyle Larson'")
    for index, (line, cells) in enumerate(table.rows):
        if table.not_raced and index >= table.not_raced[0]:
            not_raced.append(f"line {line} {cells[driver_at].strip()[:30]!r}")
            continue
        finish = cells[finish_at].strip()
        # a car that failed to qualify is no finisher, whatever number the list gives it
        if not finish or NOT_A_RESULT.match(finish) or (status_at is not None and NOT_RACED.match(cells[status_at])):
            if any(c.strip() for c in cells):
                skipped.append((line, " | ".join(c.strip() for c in cells if c.strip())))
            continue
        texts = {}
        for column, text in zip(placed, cells, strict=True):
            if column.field:
                texts[column.field] = _cell(column, text, line=line, source=source, known_makes=known_makes)
        row = row_from_cells(texts, line=line, source=source, rookie=index in table.rookies)
        row.driver = first_last(row.driver) if flip else row.driver
        rows.append(_hash_mark(row, cells[driver_at], table, line, source))
        _, marks = strip_marks(cells[driver_at])
        footnotes += [(line, mark) for mark in marks.footnotes + table.footnotes.get(index, [])]
    skipped += table.notes
    if skipped:
        listed = ", ".join(f"line {line} {text[:40]!r}" for line, text in sorted(skipped)[:5])
        hidden = len(skipped) - 5 + table.more_notes
        more = f" and {hidden} more" if hidden > 0 else ""
        warnings.append(f"lines in the table that are not results, not imported: {listed}{more}")
    if not_raced:
        _, line, text = table.not_raced  # type: ignore[misc]
        more = f" and {len(not_raced) - 5} more" if len(not_raced) > 5 else ""
        warnings.append(
            f"rows under {text!r} (line {line}) did not race, not imported: {', '.join(not_raced[:5])}{more}"
        )
    if footnotes:
        listed = ", ".join(f"{mark} (line {line})" for line, mark in footnotes[:5])
        warnings.append(f"reference marks after names, removed: {listed}; the report's notes say what they mean")
    carried = {p.field for p in placed if p.field}
    if "number" not in carried and any(row.number for row in rows):
        carried.add("number")
        warnings.append("car numbers read from the drivers' cells ('#5 Kyle Larson')")
    if not carried & RACE_COLUMNS:
        warnings.append("the table has no start, laps, laps led or status: check that it is a race's results")
    return rows, carried, warnings


# "#" after a name is the rookie mark of NASCAR's results sheets, as their legend says ("# Rookie of the Year
# contender"); other reports use it for other things, so it is read only with that legend
_HASH_MARK = re.compile(r"\S\s*#$")
_HASH_ROOKIE = re.compile(r"^\s*#\s*[-\u2013=:]?\s*(?:denotes\s+(?:a\s+)?)?(?:sunoco\s+)?rookie", re.IGNORECASE)


def _hash_mark(row, text, table, line, source):
    if not _HASH_MARK.search(row.driver):  # the name without its other marks ("Joe Smith # (R)", "Joe Smith #*")
        return row
    if not any(_HASH_ROOKIE.match(legend) for legend in table.legends):
        raise ReportError(
            "a '#' after the driver's name, and no legend saying what it means",
            line=line,
            text=text.strip(),
            source=source,
            expected="a legend line such as '# Rookie of the Year contender' under the table, or no '#' marks",
        )
    row.driver = row.driver.removesuffix("#").rstrip()
    row.rookie = True
    return row


def _cell(column, text, *, line, source, known_makes):
    if column.kind == vocabulary.SPONSOR_OWNER:
        if not text.strip():
            return ""
        owner = vocabulary.owner_of(text)
        if owner is None:
            raise ReportError(
                f"the {column.label!r} cell has no owner in brackets",
                line=line,
                text=text.strip(),
                source=source,
                expected="'Sponsor (Owner)': the owner is the team; write the owner in brackets",
            )
        return owner
    if column.kind == vocabulary.SPONSOR_MAKE:
        if not text.strip():
            return ""
        make = vocabulary.make_at_end(text, known_makes)
        if make is None:
            raise ReportError(
                f"the {column.label!r} cell does not end with a make",
                line=line,
                text=text.strip(),
                source=source,
                expected="'Sponsor Make', e.g. 'Valvoline Ford' (editors add new makes in admin)",
            )
        return make
    return text
