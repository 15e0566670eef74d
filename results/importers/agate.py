"""Newspaper agate results (AP style), as papers print them and many sites copy them:

    1. (4) Jimmie Johnson, Chevrolet, 200 laps, 140.2 rating, 47 points, $412,000.
    2. (1) Matt Kenseth, Ford, 200, 125.1, 42, $300,000.
    30. (25) Josh Bilicki, Toyota, accident, 35, 0, 7.

The finish, the start in brackets, sometimes the car number, the driver, the make, then numbers.
The first row labels them ("200 laps, 140.2 rating, 47 points") and the others give them in that
order; a legend line above the results ("Finish, (start), car number, driver, make, laps, led,
status, points, money") does the same. Without either, a lone number is the laps (the older papers'
"200, $4,500"); several cannot be told apart and are refused. A reason out ("accident, 134") is
printed only for a car that was out: once a report prints one, a row without one was running (said in
a warning: the page does not state it). A hometown after the driver ("Randleman, N.C.") is read and not kept.
Money is not kept. A result may wrap onto the next line and several may share a paragraph: each
ends where the next finish begins. Anything a line holds that has no place is refused, naming it.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NoReturn

from results.importers import agate_layout as layout
from results.importers import cells
from results.importers.agate_layout import LEGEND_EXAMPLE, Entry
from results.importers.prose import first_characters
from results.importers.report import Report, ReportError, Row
from results.importers.vocabulary import STATUSES, makes

_MONEY = re.compile(r"\$\s?\d{1,3}(?:,\d{3})+(?:\.\d\d)?(?![\d,])|\$\s?\d{1,9}(?:\.\d\d)?(?![\d,])")
_MONEY_MARK = "\ue000"
# a car number before the name has a digit ("48", "2y", "x4", "B-29"); a lone letter ("X") only in a
# report whose other rows all give a number
_CAR = re.compile(r"#?([0-9][0-9A-Za-z.\-]{0,3}|[A-Za-z]{1,2}-?[0-9][0-9A-Za-z\-]{0,2})\s+(?=[^\W\d_])")
_LETTER_CAR = re.compile(r"([A-Z](?:-[A-Z0-9]{1,2})?)\s+(?=[^\W\d_])")
_SUFFIX = re.compile(r"(?:Jr|Sr)\.?|II|III|IV", re.IGNORECASE)
_BARE = re.compile(r"-?\d{1,5}(?:\.\d{1,3})?")
_LABELLED = [
    (re.compile(r"(\d{1,5})\s+laps?(?:\s+completed)?", re.I), "laps"),
    (re.compile(r"(\d{1,5})\s+(?:laps\s+)?led|led\s+(\d{1,5})(?:\s+laps?)?", re.I), "led"),
    (re.compile(r"(\d{1,4}(?:\.\d{1,3})?)\s+(?:driver\s+)?rating", re.I), "rating"),
    (re.compile(r"(-?\d{1,5})\s+(?:points|pts\.?|point)", re.I), "points"),
]
# Older papers print a hometown after the driver ("Richard Petty, Randleman, N.C., Plymouth"): a place and its
# state (AP's abbreviations, the states it spells out, Canada's provinces), or any place and region where a
# known make follows
_STATE = re.compile(
    r"(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore"
    r"|Pa|Tenn|Va|Vt|Wash|Wis|Wyo|N\.\s?[CDHJMY]|S\.\s?[CD]|R\.\s?I|W\.\s?Va|Ont|Que|B\.\s?C)\."
    r"|Alaska|Hawaii|Idaho|Iowa|Maine|Ohio|Texas|Utah"
    r"|A[LKZRB]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOTB]|N[EVHJMYCDSB]|O[HKRN]|PA|QC|RI|S[CD]|T[NX]|UT"
    r"|V[TA]|W[AVIY]|BC"
)
_PLACE = re.compile(r"[A-Z][\w.'\- ]{0,39}")
_STATUS_WORDS = re.compile(r"[a-z][a-z\- ]{0,29}")  # papers print a reason out in lower case
_KNOWN_STATUSES = {status.lower() for status in STATUSES}


@dataclass
class _Parsed:
    entry: Entry
    number: str = ""
    driver: str = ""
    marks: cells.Marks = field(default_factory=cells.Marks)
    make: str = ""
    hometown: str = ""
    status: str = ""
    numbers: list = field(default_factory=list)  # (kind or None for a bare number, text)
    money: list = field(default_factory=list)


def read(text: str, source: str, lines: Sequence[str], known_makes=()) -> Report:
    """The agate results in ``lines`` (``text`` split as editors number lines) as a Report."""
    first = next((index for index, line in enumerate(lines) if layout.begins(line)), None)
    if first is None:
        raise ReportError(
            "no agate results found",
            source=source,
            expected="results as papers print them, one per finish: '1. (4) Jimmie Johnson, Chevrolet, 200, $412,000.'",
        )
    legend, legend_line = layout.legend(lines[:first], source)
    layout.brackets(lines[:first], source)
    entries = layout.entries(lines, first, source)
    make_names = {make.lower(): make for make in makes(known_makes)}
    parsed = [_parse(entry, source, make_names) for entry in entries]
    numbered = any(p.number for p in parsed)
    for p in parsed:
        if numbered and not p.number:
            _letter_number(p, source)
    template = _template(parsed, legend, legend_line, source)
    rows = [_row(p, template, source) for p in parsed]
    report = Report(source=source, text=text, format="agate", rows=rows)
    report.has_columns = {"finish", "start", "driver"} | ({"number"} if numbered else set())
    report.has_columns |= {"manufacturer"} if any(p.make for p in parsed) else set()
    report.has_columns |= set(template) | {kind for p in parsed for kind, _ in p.numbers if kind}
    if any(p.status for p in parsed):
        report.has_columns.add("status")
        # a paper names the reason only for a car that was out; the page does not say so: the warning does
        running = [row for row in rows if not row.status]
        for row in running:
            row.status = "Running"
        if running:
            report.warnings.append(
                f"{len(running)} of {len(rows)} results print no reason out: stored as Running, as papers print "
                "a reason only for a car that was out (a reason the paper left out would be wrong: check them)"
            )
    if not template and any(p.numbers for p in parsed):
        report.has_columns.add("laps")
    hometowns = [p.hometown for p in parsed if p.hometown]
    if hometowns:
        report.warnings.append(f"hometowns ({hometowns[0]} ...) are not imported: a driver's is edited on his page")
    money = [m for p in parsed for m in p.money]
    if money:
        report.warnings.append(f"winnings ({money[0]} ...) are not imported: the site does not keep them")
    report.prose = first_characters(line for index, line in enumerate(lines[:first]) if index != legend_line)
    return report


def _split(body: str) -> tuple[list[str], list[str]]:
    """The fields of a result (commas inside brackets and in money are no field breaks), and its money."""
    money = [m.group(0) for m in _MONEY.finditer(body)]
    body = _MONEY.sub(_MONEY_MARK, body).rstrip().rstrip(".;").rstrip()
    fields: list[str] = []
    current: list[str] = []
    depth = 0
    for char in body:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            fields.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    fields.append("".join(current).strip())
    return fields, money


def _refuse(entry, message, text, expected, source) -> NoReturn:
    raise ReportError(
        f"finish {entry.finish} ({entry.lines}): {message}",
        line=entry.line,
        text=text[:200],
        source=source,
        expected=expected,
    )


def _parse(entry: Entry, source: str, make_names) -> _Parsed:
    parsed = _Parsed(entry)
    fields, parsed.money = _split(entry.text)
    head = fields.pop(0)
    car = _CAR.match(head)
    if car:
        parsed.number, head = cells.parse_number(car.group(1), line=entry.line, source=source), head[car.end() :]
    while fields and _SUFFIX.fullmatch(fields[0]):
        head += " " + fields.pop(0)  # "Dale Earnhardt, Jr.": the suffix is the name's
    name, parsed.marks = cells.strip_marks(head)
    if not re.match(r"[^\W\d_]", name) or len(name) > cells.MAX_CELL or not fields:
        _refuse(
            entry,
            "no driver and make where the result begins",
            entry.text,
            "'1. (4) Jimmie Johnson, Chevrolet, 200, ...': the finish, the start in brackets, the car "
            "number if given, the driver, the make, then the numbers",
            source,
        )
    parsed.driver = name
    if _hometown(fields, make_names):
        parsed.hometown = f"{fields.pop(0)}, {fields.pop(0)}"
    if fields and fields[0].lower() in make_names:
        parsed.make = make_names[fields.pop(0).lower()]
    for text in fields:
        _place(parsed, text, source)
    return parsed


def _hometown(fields, make_names) -> bool:
    """Whether ``fields`` (after the driver) begin with a hometown: a place, then a state, or a region then a
    known make."""
    if len(fields) < 2 or not _PLACE.fullmatch(fields[0]) or fields[0].lower() in make_names:
        return False
    return bool(
        _STATE.fullmatch(fields[1])
        or (len(fields) > 2 and _PLACE.fullmatch(fields[1]) and fields[2].lower() in make_names)
    )


def _place(parsed: _Parsed, text: str, source: str):
    """One field after the make: money, a labelled or bare number, or the reason out."""
    entry = parsed.entry
    if text == _MONEY_MARK:
        return
    for pattern, kind in _LABELLED:
        match = pattern.fullmatch(text)
        if match:
            parsed.numbers.append((kind, match.group(1) or match.group(2)))
            return
    if _BARE.fullmatch(text):
        parsed.numbers.append((None, text))
        return
    # after the make, any reason in lower case; without one, only a known reason ("chevy" is no reason out)
    if text.lower() in _KNOWN_STATUSES or (parsed.make and _STATUS_WORDS.fullmatch(text)):
        if parsed.status:
            _refuse(
                entry,
                f"two reasons out, {parsed.status!r} and {text!r}",
                entry.text,
                "one reason out per car ('accident, 134')",
                source,
            )
        parsed.status = text
        return
    if not text:  # "267, , 195": the paper left that number out; its place still says which it is
        parsed.numbers.append((None, ""))
        return
    shown = text.replace(_MONEY_MARK, "$")[:80]
    what = "the make" if not parsed.make and not parsed.numbers and not parsed.status else "a field"
    _refuse(
        entry,
        f"{shown!r} as {what} is neither a make the site knows, a reason out, a number nor money",
        shown,
        "the make after the driver ('Chevrolet'; editors add new makes in admin), then laps, "
        "a reason out in lower case ('accident'), labelled numbers ('140.2 rating', '47 points') and money",
        source,
    )


def _letter_number(parsed: _Parsed, source: str):
    """In a report whose rows give car numbers, a row beginning with a lone capital ("X Bob Smith") gives
    car X; a row with none is refused (its first word might be the number or the name)."""
    entry = parsed.entry
    match = _LETTER_CAR.match(parsed.driver)
    if not match:
        _refuse(
            entry,
            "no car number, where the other results give one",
            entry.text,
            "the car number before the driver on every line ('1. (4) 48 Jimmie Johnson, ...')",
            source,
        )
    parsed.number, parsed.driver = match.group(1), parsed.driver[match.end() :]


def _template(parsed: list[_Parsed], legend, legend_line, source) -> list[str]:
    """The order of the numbers: the legend's, else the first row labelling every number it gives."""
    template, told = legend, (f"the legend (line {legend_line + 1})" if legend else "")
    for p in parsed:
        kinds = [kind for kind, _ in p.numbers]
        if not kinds or None in kinds:
            continue
        if not template:
            template, told = kinds, f"finish {p.entry.finish} ({p.entry.lines})"
        elif kinds != template:
            _refuse(
                p.entry,
                f"the numbers are labelled {', '.join(kinds)}; {told} gives {', '.join(template)}",
                p.entry.text,
                "the same numbers in the same order on every line",
                source,
            )
    return template


def _row(p: _Parsed, template, source) -> Row:
    entry = p.entry
    values: dict = {}
    numbers = p.numbers
    if template:
        if len(numbers) != len(template):
            _refuse(
                entry,
                f"{len(numbers)} numbers, where the report gives {len(template)} ({', '.join(template)})",
                entry.text,
                "the same numbers on every line, in the order of the first",
                source,
            )
        kinds = template
    else:
        bare = [text for kind, text in numbers if kind is None]
        if len(bare) > 1 or (bare and any(kind == "laps" for kind, _ in numbers)):
            _refuse(
                entry,
                f"numbers without labels ({', '.join(bare)}): which is laps, rating or points cannot be told",
                entry.text,
                "the first result labelled as papers print it ('200 laps, "
                f"140.2 rating, 47 points'), or a legend line above the results, e.g. {LEGEND_EXAMPLE}",
                source,
            )
        kinds = [kind or "laps" for kind, _ in numbers]  # the older papers' "200, $4,500": the laps
    for (kind, text), placed in zip(numbers, kinds, strict=True):
        if kind is not None and kind != placed:
            _refuse(
                entry,
                f"{text} {kind} stands where the report gives {placed}",
                entry.text,
                "the numbers in the same order on every line",
                source,
            )
        if placed in values:
            _refuse(entry, f"two numbers give {placed}", entry.text, f"one {placed} per line", source)
        if placed == "rating":
            values[placed] = cells.parse_rating(text, line=entry.line, source=source)
        else:
            values[placed] = cells.parse_integer(
                text, placed, line=entry.line, source=source, negative_ok=placed == "points"
            )
    status = cells.canonical_status(p.status) if p.status else ""
    return Row(
        line=entry.line,
        finish=entry.finish,
        driver=p.driver,
        start=entry.start,
        number=p.number,
        manufacturer=p.make,
        status=status,
        rookie=p.marks.rookie,
        ineligible=p.marks.ineligible,
        **values,
    )
