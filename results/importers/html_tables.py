"""Saved web pages: a Wikipedia race article, a Racing-Reference results page, any page with tables.

Each table is read with what it says it is: its caption, the short line above it ("Stage One
Laps: 60"), or the heading it sits under ("Qualifying results"). The race results are chosen
among them (``table.choose``); stage tables fill the stage columns of the rows they name.
Footnote rows inside a table (one cell across it: "Official race results", "Source:[5]") are
not results; reference marks (``<sup class="reference">``) are taken out of names and named in
a warning; italics in the driver cell mark a rookie.
"""

import re

from lxml import etree
from lxml import html as lxml_html

from results.importers import columns
from results.importers.cells import parse_position, strip_marks
from results.importers.prose import first_characters, years_in
from results.importers.report import Report, ReportError
from results.importers.table import Table, choose, is_results_header, read_rows, stage_of
from results.names import name_key

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_HIDDEN = (
    "//*[contains(translate(@style, ' ', ''), 'display:none')] | //*[contains(@class, 'sortkey')]"
    " | //*[contains(@class, 'mw-editsection')] | //script | //style"
)


_BLOCKS_IN_CELLS = " | ".join(
    f"//{cell}//{tag}" for cell in ("td", "th") for tag in ("div", "p", "li", "dt", "dd", "h4", "h5", "h6")
)
MAX_TABLE_ROWS = 5000  # a race article has under a thousand (entry list, practice, qualifying, race, standings)


def read(text: str, source: str, *, known_makes=()) -> Report:
    rows_in_page = text.lower().count("<tr")  # counted before parsing: the parsed tree is many times the text
    if rows_in_page > MAX_TABLE_ROWS:
        raise ReportError(
            f"the page has {rows_in_page:,} table rows",
            source=source,
            expected=f"a race's page (at most {MAX_TABLE_ROWS:,} table rows): save the race's own page",
        )
    try:
        document = lxml_html.document_fromstring(text)
    except (ValueError, etree.ParserError) as error:
        raise ReportError(f"the HTML cannot be parsed ({error})", source=source, expected="an HTML page") from None
    for hidden in document.xpath(_HIDDEN):
        hidden.drop_tree()
    for br in document.iter("br"):
        br.tail = "\n" + (br.tail or "")  # "Stage One<br>Laps: 60" reads as two words, not "OneLaps"
    for block in document.xpath(_BLOCKS_IN_CELLS):  # a line of its own on the page: never glued to the next
        block.text, block.tail = "\n" + (block.text or ""), "\n" + (block.tail or "")
    tables = _tables(document, source)
    results = choose(tables, source)
    rows, carried, warnings = read_rows(results, source, known_makes)
    for table in tables:
        stage = stage_of(table)
        if stage and is_results_header(table.labels) and f"stage{stage}" not in carried:
            warnings += _fill_stage(rows, table, stage, source)
            carried.add(f"stage{stage}")
    paragraphs = [text for element in document.iter("p", "h1", "h2") if (text := element.text_content().strip())]
    if not paragraphs:  # Racing-Reference says the race's facts in a table, one cell a line: "Daytona (2.5 miles)"
        paragraphs = [text for row in document.iter("tr") if len(row) == 1 and (text := row.text_content().strip())]
    prose = first_characters(paragraphs)
    report = Report(source=source, text=text, format="html", rows=rows, has_columns=carried)
    report.warnings += warnings
    report.prose = prose
    report.facts.title = _page_title(document)
    # the season the page is headed with ("2024 Daytona 500"), before the latest its text names
    # ("the race moved to August in 2026")
    years = years_in(report.facts.title)
    if len(years) == 1:
        report.facts.year = years.pop()
    return report


def _page_title(document) -> str:
    """The page's own heading, else its <title> without the site's name ("2024 Daytona 500 - Wikipedia")."""
    for element in document.iter("h1", "title"):
        title = " ".join(element.text_content().split())
        if title:
            return re.split(r" [-–—|] ", title)[0][:200]
    return ""


def _tables(document, source) -> list[Table]:
    """Every table with a header row, in page order, with the text that says what it is."""
    found, heading = [], ""
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in _HEADINGS:
            heading = _text(element)
        elif element.tag == "table" and (
            # older sites lay whole pages out in tables: a table inside one is read when no table is inside it
            element.find(".//table") is None or not any(a.tag == "table" for a in element.iterancestors())
        ):
            table = _table(element, heading, source)
            if table is not None:
                found.append(table)
    return found


def _rows(table):
    """The table's own rows (not those of a table inside one of its cells)."""
    for child in table:
        if child.tag == "tr":
            yield child
        elif child.tag in {"thead", "tbody", "tfoot"}:
            yield from (tr for tr in child if tr.tag == "tr")


def _table(element, heading, source) -> Table | None:
    trs = list(_rows(element))
    # the header: the first row naming a finish and a driver (in <th> or <td>), else the first of <th> only
    header_at = next((i for i, tr in enumerate(trs[:10]) if is_results_header(_cells(tr))), None)
    if header_at is None:
        header_at = next((i for i, tr in enumerate(trs) if _is_header_row(tr)), None)
    if header_at is None:
        return None
    labels = _cells(trs[header_at])
    # a header on two rows (cells spanning both, a group such as "Race" over "Laps" and "Status"):
    # the columns are named by the lower row where it has a cell, else by the cell spanning down
    if header_at + 1 < len(trs) and _is_header_row(trs[header_at + 1]) and _spans_down(trs[header_at]):
        merged = _lower_labels(trs[header_at], trs[header_at + 1], labels)
        if merged != labels:
            labels, header_at = merged, header_at + 1
    caption = element.find("caption")
    title = " ".join(" ".join(_cells(tr)) for tr in trs[:header_at])  # a title row above the header
    context = _text(caption) if caption is not None else title.strip()[:120] or _above(element) or heading
    table = Table(line=trs[header_at].sourceline or 0, labels=labels, context=context)
    kinds = columns.kinds(labels)
    driver_at = kinds.index("driver") if "driver" in kinds else None
    for tr in trs[header_at + 1 :]:
        line = tr.sourceline or 0
        cells = [cell for cell in tr if cell.tag in {"td", "th"}]
        marked = driver_at is not None and len(cells) == len(labels) and _rookie_marker(cells[driver_at])
        sups = [sup for cell in cells for sup in cell.iter("sup") if "reference" in (sup.get("class") or "")]
        marks = [_text(sup) for sup in sups]
        for sup in sups:
            sup.drop_tree()
        texts = _cells(tr)
        if not any(t.strip() for t in texts) or texts == labels:
            continue  # an empty row, or the header repeated down a long table (or in its <tfoot>)
        if driver_at is not None and len(cells) == len(labels):
            _one_name(cells[driver_at], line, source)
        if len(cells) == 1 < len(labels) or (len(texts) != len(labels) and not re.match(r"\s*[0-9]+\.?\s*$", texts[0])):
            table.add_note(line, " ".join(t for t in texts if t.strip()))  # a footnote row across the table
        elif len(texts) == len(labels):
            if marks:
                table.footnotes[len(table.rows)] = marks
            if marked or (driver_at is not None and len(cells) == len(labels) and _italic(cells[driver_at])):
                table.rookies.add(len(table.rows))
            table.add_row(line, texts, source)
        else:
            raise ReportError(
                f"the row has {len(texts)} cells, the header {len(labels)}",
                line=line,
                text=" | ".join(t.strip() for t in texts)[:120],
                source=source,
                expected="one cell per header column",
            )
    return table


def _one_name(cell, line, source):
    """A driver's cell showing more than the name on lines of its own ("Kyle Larson" over "Hendrick
    Motorsports", as results sites print the team under the name) is refused: whether a line is
    the team, the sponsor or the rest of the name ("Kyle" over "LARSON") the page does not say."""
    lines = [text.strip() for text in cell.text_content().split("\n") if text.strip()]
    names = [text for text in lines if strip_marks("X " + text)[0] != "X"]  # "(R)" on its own line is a mark
    if len(names) > 1:
        raise ReportError(
            f"the driver's cell holds {len(names)} lines: " + " / ".join(repr(n[:40]) for n in names[:3]),
            line=line,
            text=" / ".join(lines)[:120],
            source=source,
            expected="the driver's name alone in its cell (copy the table as text, "
            "or delete the other lines from the page)",
        )


def _spans_down(tr) -> bool:
    return any(_span(cell, "rowspan") > 1 for cell in tr if cell.tag in {"td", "th"})


def _span(cell, attribute) -> int:
    span = (cell.get(attribute) or "1").strip()
    return min(int(span), 50) if span.isdigit() and int(span) > 0 else 1


def _lower_labels(upper, lower, labels) -> list[str]:
    """The labels of a header whose ``upper`` row's cells span down (rowspan) over ``lower``: a column
    under a cell spanning down keeps that cell's label, the others take the lower row's cells in
    order ("Race" over "Laps", "Status" gives "Laps", "Status")."""
    down = []
    for cell in upper:
        if cell.tag in {"td", "th"}:
            down += [_span(cell, "rowspan") > 1] * _span(cell, "colspan")
    cells = _cells(lower)
    if len(cells) != down.count(False) or len(down) != len(labels):
        return labels  # the rows do not fit together: the header is read from its first row, as before
    below = iter(cells)
    return [label if spans else next(below) for label, spans in zip(labels, down, strict=True)]


def _is_header_row(tr) -> bool:
    tags = {cell.tag for cell in tr if isinstance(cell.tag, str)}
    return "th" in tags and "td" not in tags


def _cells(tr) -> list[str]:
    """The row's cell texts, a cell spanning n columns counted n times (the first holds the text)."""
    out = []
    for cell in tr:
        if cell.tag not in {"td", "th"}:
            continue
        span = cell.get("colspan", "1").strip()
        out.append(_text(cell))
        out += [""] * (min(int(span), 50) - 1 if span.isdigit() and int(span) > 1 else 0)
    return out


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _italic(cell) -> bool:
    return any(True for _ in cell.iter("i", "em")) or "rookie" in (cell.get("class") or "")


_ROOKIE_MARK = re.compile(r"\(?(?:r|rc|roty|rookie)?\)?", re.I)


def _rookie_marker(cell) -> bool:
    """Whether the driver's cell marks a rookie with an element that says so in its title (this
    site's own pages: '<abbr title="Rookie">R</abbr>'); a marker ("R", "(RC)") is taken out of the
    name, an element holding more is the name itself ('<span title="Rookie of the Year contender">')."""
    markers = [e for e in cell.iter() if e is not cell and re.search(r"\brookie\b", e.get("title") or "", re.I)]
    for marker in markers:
        if _ROOKIE_MARK.fullmatch(marker.text_content().strip()):
            marker.drop_tree()
    return bool(markers)


def _above(element) -> str:
    """The short text just before the table (Wikipedia's "Stage One / Laps: 60" line)."""
    previous = element.getprevious()
    # comments and processing instructions (tags that are not names) say nothing a reader sees
    while previous is not None and (not isinstance(previous.tag, str) or previous.tag in {"link", "style", "meta"}):
        previous = previous.getprevious()
    if previous is None or previous.tag in _HEADINGS or previous.tag == "table":
        return ""
    text = ""
    for piece in previous.itertext():  # stops early: the element before may be a whole page
        text += piece
        if len(text) > 240:
            return ""
    text = " ".join(text.split())
    return text if len(text) <= 120 else ""


def _fill_stage(rows, table, stage, source) -> list[str]:
    """Give each row its position in stage ``stage``; a stage row naming nobody in the race is refused."""
    column = f"stage{stage}"
    found = table.fields()
    if "finish" not in found or "driver" not in found:
        return []
    labels = columns.kinds(table.labels)
    pos_at, driver_at = labels.index("finish"), labels.index("driver")
    by_key = {name_key(row.driver): row for row in rows}
    for line, cells in table.rows:
        position = parse_position(cells[pos_at], line=line, source=source)
        driver, _ = strip_marks(cells[driver_at])
        row = by_key.get(name_key(driver))
        if row is None or position is None:
            raise ReportError(
                f"the stage {stage} table names a driver who is not in the race results",
                line=line,
                text=" | ".join(cells)[:120],
                source=source,
                expected="the stage's top ten, each a driver of the race results",
            )
        setattr(row, column, position)
    return []
