"""A race as NASCAR's "Unofficial Race Results" PDF, pasted as text (pdftotext -layout).

Unlike the box score (``box_score``) the sheet names the owner: "Sponsor / Owner" holds
"Cheerios (Richard Petty)", and a cell too long for its column wraps onto the next line, where
nothing else stands ("Interstate Batteries (Joe Gibbs" / "Racing)"). The make has its own column,
"PPts" (playoff points) follows the points in the playoff era, a rookie is marked "#" after his
name and an ineligible driver "*", as the legend under the table says.
"""

import textwrap

from tests.corpus import layout, truth
from tests.corpus.races import Race

WRAP = 30  # characters of the Sponsor / Owner column before the PDF wraps the cell


def carries(race: Race) -> set[str]:
    fields = {"finish", "start", "number", "driver", "team", "manufacturer", "laps", "status", "led", "points"}
    return fields | {"rookie", "ineligible"}


def _header(race: Race) -> list[str]:
    header = ["Fin", "Str", "Car", "Driver", "Sponsor / Owner", "Make", "Laps", "Status", "Led", "Pts"]
    return header + (["PPts"] if race.year >= 2017 else [])


def _playoff_points(row: dict) -> str:
    return str((5 if row["Finish"] == "1" else 0) + (row["S1"] == "1") + (row["S2"] == "1"))


def render(race: Race) -> bytes:
    header = _header(race)
    body, wraps = [], []
    for row in truth.rows(race):
        pieces = textwrap.wrap(truth.sponsor_owner(race, row), WRAP) or [""]
        cells = [row["Finish"], row["Start"], row["Car"], truth.marked(race, row, " #", " *"), pieces[0]]
        cells += ["" if row["Make"] == "-" else row["Make"], row["Laps"]]
        cells += ["" if row["Status"] == "-" else row["Status"].title(), row["Led"], row["Pts"]]
        body.append(cells + ([_playoff_points(row)] if len(header) > 10 else []))
        wraps.append(pieces[1:])
    lines = layout.aligned(header, body, right={0, 1, 2, 6, 8, 9, 10}, gap=3)
    column = lines[0].index("Sponsor / Owner")
    out = [lines[0]]
    for line, more in zip(lines[1:], wraps, strict=True):
        out.append(line)
        out += [" " * column + piece for piece in more]
    winner = truth.rows(race)[0]
    page = [
        f"{truth.series_name(race)}                                   Race Number {race.round}",
        f"Unofficial Race Results for the {race.name}",
        f"{race.track} - {race.length or '?'} Mile {(race.surface or 'paved').title()}",
        f"Total Race Length: {winner['Laps'] or '?'} Laps",
        "",
        *out,
        "",
        "# Rookie of the Year contender          * Ineligible for driver points in this series",
        "",
        "Time of Race: 3 Hrs, 1 Mins, 4 Secs     Average Speed: 132.616 MPH",
        "Caution Flags: 7 for 35 laps            Lead Changes: 14 among 9 drivers",
    ]
    return ("\n".join(page) + "\n").encode("utf-8")
