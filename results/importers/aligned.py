"""Tables whose columns are lined up with spaces: pasted from a terminal, a PDF, a web page's text.

The header's words are grouped into known labels ("Sponsor / Owner", "Tms Led", "Car #"). The
rows are the lines after it that begin with a finishing position; the columns are where every
row has a space at the same place (the gutters), so cells may be empty, left or right aligned,
and hold spaces themselves. Each run of text between gutters belongs to the header label it lies
under; text under two labels at once (a column that is not aligned) stops the import.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from results.importers.columns import CAR, LABELS, NOT_KEPT, SPONSOR_OWNER, label_key, may_name_a_driver
from results.importers.report import ReportError
from results.importers.table import LEGEND, MAX_HEADER, NOTES_KEPT, Table, is_results_header

_WORD = re.compile(r"\S+")
_ROW = re.compile(r"\s*[0-9]{1,3}\.?\s")
_LONGEST_LABEL = 4  # words


@dataclass
class _Label:
    text: str
    start: int
    end: int
    known: bool = True


@dataclass
class _Block:
    labels: list[_Label]
    line: int
    table: Table
    rows: list[tuple[int, str]] = field(default_factory=list)
    wraps: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # row index -> its wrapped lines


def labels_in(line: str) -> list[_Label] | None:
    """The header's labels with their positions, when ``line`` is a results header, else None."""
    if len(line) > MAX_HEADER or not may_name_a_driver(line):
        return None
    words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(line)]
    if len(words) < 3 or len(words) > 40:
        return None
    labels: list[_Label] = []
    i = 0
    while i < len(words):
        for size in range(min(_LONGEST_LABEL, len(words) - i), 0, -1):
            group = words[i : i + size]
            single_spaced = all(group[k + 1][1] - group[k][2] == 1 for k in range(size - 1))
            key = label_key(" ".join(w for w, _, _ in group))
            if single_spaced and (key in LABELS or key in NOT_KEPT):
                labels.append(_Label(" ".join(w for w, _, _ in group), group[0][1], group[-1][2]))
                i += size
                break
        else:
            word, start, end = words[i]
            if labels and not labels[-1].known and start - labels[-1].end == 1:
                labels[-1].text += " " + word  # unknown words one space apart: one label ("Time Behind")
                labels[-1].end = end
            else:
                labels.append(_Label(word, start, end, known=False))
            i += 1
    unknown = sum(not label.known for label in labels)
    if unknown * 2 > len(labels) or not is_results_header([label.text for label in labels]):
        return None
    return labels


def stacked(top: str, labels: list[_Label]) -> list[_Label] | None:
    """The labels of a header standing on two lines (a PDF's "Fin" over "Pos", "Laps" over "Led"):
    each word of ``top`` joins the label under it. None unless every word lies over one label and
    each label so joined is one the importer knows."""
    if len(top) > MAX_HEADER or _ROW.match(top + " "):
        return None
    above: dict[int, list[re.Match]] = {}
    for match in _WORD.finditer(top):
        under = [i for i, label in enumerate(labels) if label.start < match.end() and match.start() < label.end]
        if len(under) != 1:
            return None
        above.setdefault(under[0], []).append(match)
    joined = list(labels)
    for i, words in above.items():
        text = " ".join([*(word.group(0) for word in words), labels[i].text])
        if label_key(text) not in LABELS and label_key(text) not in NOT_KEPT:
            return None
        start, end = min(labels[i].start, words[0].start()), max(labels[i].end, words[-1].end())
        joined[i] = _Label(text, start, end)
    return joined if above and is_results_header([label.text for label in joined]) else None


def tables(lines: Sequence[str], source: str, first: int) -> list[Table]:
    """Every aligned table from the header at ``lines[first]`` on."""
    blocks: list[_Block] = []
    after_row = False  # the line before was a row (or a row's wrapped line)
    for line, text in enumerate(lines[first:], start=first + 1):
        follows, after_row = after_row, False
        if not text.strip():
            continue
        labels = labels_in(text)
        if labels and line >= 2 and lines[line - 2].strip():
            labels = stacked(lines[line - 2], labels) or labels
        if labels:
            if blocks and [label.text for label in labels] == [label.text for label in blocks[-1].labels]:
                continue  # the header repeated after a page break
            table = Table(line=line, labels=[label.text for label in labels], context=_above(lines, line))
            blocks.append(_Block(labels, line, table))
        elif blocks and _ROW.match(text + " "):
            blocks[-1].table.add_row(line, [], source)  # counted now, cut at the gutters once all are in
            blocks[-1].rows.append((line, text))
            after_row = True
        elif blocks and follows and text[:1].isspace() and blocks[-1].rows and not LEGEND.match(text):
            # an indented line right under a row: a cell too long for its column went on (a PDF's wrap),
            # placed under its columns once the gutters are known (``_cut``)
            blocks[-1].wraps.setdefault(len(blocks[-1].rows) - 1, []).append((line, text))
            after_row = True
        elif blocks:
            blocks[-1].table.add_note(line, text)
    return [_cut(block, source) for block in blocks]


def _cut(block: _Block, source) -> Table:
    """Split each row at the gutters and give each run of text to the label above it."""
    table = block.table
    width = max((len(text) for _, text in block.rows), default=0)
    used = bytearray(width)
    for _, text in block.rows:
        for match in _WORD.finditer(text):
            used[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    runs = [(m.start(), m.end()) for m in re.finditer(rb"\x01+", bytes(used))]
    owners: list[int] = []
    for index, run in enumerate(runs):
        owners.append(_owner(run, runs[index - 1] if index else None, owners[-1:], block, source))
    table.rows = []
    for index, (line, text) in enumerate(block.rows):
        cells = [""] * len(block.labels)
        for (start, end), owner in zip(runs, owners, strict=True):
            piece = text[start:end].strip()
            if piece:
                cells[owner] = f"{cells[owner]} {piece}".strip()
        for wrapped_line, wrapped in block.wraps.get(index, []):
            _unwrap(cells, wrapped_line, wrapped, runs, owners, block, source)
        table.rows.append((line, cells))
    return table


# Columns whose cells are words, which a PDF wraps onto the next line; numbers never wrap
_WRAPPING = {"driver", "team", "sponsor / owner", "sponsor / make", "manufacturer", "status", CAR}


def _unwrap(cells, line, text, runs, owners, block, source):
    """Add a wrapped line's words to the cells of the row above, each to the column it starts in.
    A line with a word under a column of numbers or between columns is no wrap but a note (listed
    in a warning, as any line inside the table). Only a Sponsor / Owner cell whose owner's brackets
    are still open goes on; words under a column whose cell stands whole, or running past their
    column, cannot be placed: the import stops."""
    placed = []
    for match in _WORD.finditer(text):
        at = next((i for i, (start, end) in enumerate(runs) if start <= match.start() < end), None)
        if at is None or LABELS.get(label_key(block.labels[owners[at]].text)) not in _WRAPPING:
            if len(block.table.notes) < NOTES_KEPT:
                block.table.notes.append((line, " ".join(text.split())[:80]))
            return
        placed.append((at, match))
    for at, match in placed:
        if match.end() > runs[at][1] + 1:
            raise ReportError(
                "a line under a row reads like the rest of a name or team cut by the page's width, "
                "but runs past its column",
                line=line,
                text=text.strip()[:120],
                source=source,
                expected="one row per line: join the line to the row above, or move it below the table",
            )
    for at, _ in placed:
        label = block.labels[owners[at]].text
        if LABELS.get(label_key(label)) != SPONSOR_OWNER or _owner_closed(cells[owners[at]]):
            # a name, team or status cell stands whole on its row: "Chase Elliott" over "Withdrawn" may be
            # a name cut by the page's width or a note, and read as a name it would make a new driver
            raise ReportError(
                f"a line under a row has words under {label.strip()!r}: the rest of a cell cut by the page's "
                "width, or a note; the page does not say",
                line=line,
                text=text.strip()[:120],
                source=source,
                expected="one row per line: join the line to the row above, or move it below the table "
                "after a blank line",
            )
    for at, match in placed:
        cells[owners[at]] = f"{cells[owners[at]]} {match.group(0)}".strip()


def _owner_closed(cell: str) -> bool:
    """Whether a Sponsor / Owner cell is whole: its owner's brackets closed ("Cheerios (Richard Petty)").
    Only a cell still open goes on under its row ("Ford Credit (Hendrick" over "Motorsports)")."""
    return cell.rstrip().endswith(")") and cell.count("(") <= cell.count(")")


def _owner(run, previous, previous_owner, block, source):
    """The label a run of text lies under. A run under no label goes on the text before it when
    only one space parts them (a long name); otherwise nobody can say whose it is."""
    start, end = run
    labels = block.labels
    under = [i for i, label in enumerate(labels) if label.start < end and start < label.end]
    if len(under) == 1:
        return under[0]
    if not under and previous is not None and start - previous[1] == 1:
        return previous_owner[0]
    names = " and ".join(repr(labels[i].text) for i in under)
    line, row = next(((n, text) for n, text in block.rows if text[start:end].strip()), (block.line, ""))
    raise ReportError(
        f"a column of the table lies under both {names}"
        if under
        else f"text at characters {start + 1}-{end} lies under no header",
        line=line,
        text=row[:120],
        source=source,
        expected="columns lined up under their headers, or cells separated by tabs",
    )


def _above(lines, line):
    for text in reversed(lines[max(0, line - 4) : line - 1]):
        if text.strip():
            return text.strip()[:100]
    return ""
