"""What every parser produces: rows of a results table plus the facts around it."""

from dataclasses import dataclass, field
from decimal import Decimal

CSV_COLUMNS = [
    "finish",
    "start",
    "number",
    "driver",
    "team",
    "manufacturer",
    "laps",
    "led",
    "status",
    "points",
    "rookie",
    "ineligible",
]


class ReportError(Exception):
    """A report that cannot be read as it is. Names the file, the line and the offending text."""

    def __init__(self, message, *, line=None, text=None, expected=None, source=None):
        self.message, self.line, self.text, self.expected, self.source = message, line, text, expected, source
        super().__init__(str(self))

    def __str__(self):
        where = self.source or "<report>"
        if self.line is not None:
            where += f", line {self.line}"
        parts = [f"{where}: {self.message}"]
        if self.text is not None:
            parts.append(f"  text: {self.text!r}")
        if self.expected:
            parts.append(f"  expected: {self.expected}")
        return "\n".join(parts)


@dataclass
class Row:
    """One car's result as a report states it; None where the report does not say."""

    line: int
    finish: int
    driver: str
    start: int | None = None
    number: str = ""
    team: str = ""
    manufacturer: str = ""
    laps: int | None = None
    led: int | None = None
    status: str = ""
    points: int | None = None
    stage1: int | None = None
    stage2: int | None = None
    rating: Decimal | None = None
    rookie: bool = False
    ineligible: bool = False
    laps_down: int | None = None  # "187 (−13)": checked against the winner's laps, not stored
    pole: bool | None = None  # won the pole, where the report says (starting first is not the same)

    def csv_values(self):
        def cell(value):
            if value is None:
                return ""
            if isinstance(value, bool):
                return "1" if value else "0"
            return str(value)

        return [cell(getattr(self, "led" if c == "led" else c)) for c in CSV_COLUMNS]


@dataclass
class Facts:
    """What a report says about the race itself (from its prose, its header or the options)."""

    series: str = ""
    year: int | None = None
    round: int | None = None
    date: object = None
    track: str = ""
    name: str = ""
    track_length: Decimal | None = None  # miles, where the report or the history states it
    track_surface: str = ""
    pole: str = ""
    stage_winners: dict = field(default_factory=dict)
    # (name as the prose writes it, laps led, of how many laps or None, seasons its sentence names)
    led_claims: list = field(default_factory=list)
    tracks_named: list = field(default_factory=list)  # every track the prose names (one: the track)
    told_of: dict = field(default_factory=dict)  # claim ("pole", "stage1") -> seasons its sentence names
    title: str = ""  # the page's heading ("2024 Daytona 500"): finds the race among a track's, never renames it
    numbers: dict = field(default_factory=dict)  # name as the prose writes it -> the car number it gives him
    years: tuple = ()  # the years the report's heading names: a --year none of them is, another season's report
    seasons_named: tuple = ()  # the years the prose names, but in sentences looking ahead

    @property
    def reading_year(self):
        """The season whose car numbers help read a glued table: the latest the prose names when it names
        several. Reading only: the season written must be surely the race's (``files.season_by_name``)."""
        return self.year or max(self.seasons_named, default=None)

    def merge(self, other: "Facts"):
        """Fill what this one lacks from ``other`` (options win over prose: apply options last)."""
        for name in self.__dataclass_fields__:
            mine = getattr(self, name)
            if mine in (None, "", {}, [], ()):
                setattr(self, name, getattr(other, name))
        return self


@dataclass
class Report:
    source: str
    text: str
    format: str
    rows: list[Row]
    facts: Facts = field(default_factory=Facts)
    warnings: list[str] = field(default_factory=list)
    has_columns: set = field(default_factory=set)
    prose: str = ""
