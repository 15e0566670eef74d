"""A race as NASCAR's official results sheet (the PDF box score) pasted as text.

``stacked``: the header on two lines, as pdftotext keeps the sheet ("Fin" over "Pos", "Laps"
over "Led").

"Str" is the start, "Car" the car number, "Sponsor / Make" ends with the make ("Valvoline Ford"),
markers are glued to the name ("Kyle Larson(i)"), the header repeats after a page break with a
page line between, and the race statistics follow the table as text.
"""

from tests.corpus import layout, truth
from tests.corpus.races import Race

HEADER = ["Fin", "Str", "Car", "Driver", "Sponsor / Make", "Laps", "Led", "Status", "Pts"]
TOP = ["Fin", "Str", "Car", "", "", "", "Laps", "", ""]
BOTTOM = ["Pos", "Pos", "#", "Driver", "Sponsor / Make", "Laps", "Led", "Status", "Pts"]
PAGE = 30


def _sponsor_make(race: Race, row: dict) -> str:
    make = row["Make"].strip()
    if make in {"", "-"}:
        return ""
    sponsor = truth.accented(truth.sponsor(race, row))
    return f"{sponsor} {make}" if sponsor else make


def carries(race: Race) -> set[str]:
    return {
        "finish",
        "start",
        "number",
        "driver",
        "manufacturer",
        "laps",
        "led",
        "status",
        "points",
        "rookie",
        "ineligible",
    }


def stacked(race: Race) -> bytes:
    return render(race, stacked=True)


def render(race: Race, *, stacked: bool = False) -> bytes:
    body = [
        [
            row["Finish"],
            row["Start"],
            row["Car"],
            truth.marked(race, row, "(R)", "(i)"),
            _sponsor_make(race, row),
            row["Laps"],
            row["Led"],
            "" if row["Status"] == "-" else row["Status"].title(),
            row["Pts"],
        ]
        for row in truth.rows(race)
    ]
    if stacked:
        table = layout.aligned(TOP, [BOTTOM, *body], right={0, 1, 2, 5, 6, 8})
        head, table = table[:2], table[2:]
    else:
        table = layout.aligned(HEADER, body, right={0, 1, 2, 5, 6, 8})
        head, table = table[:1], table[1:]
    pages = [*head, *table[:PAGE]]
    if len(table) > PAGE:
        pages += ["", f"{truth.series_name(race)} - Official Race Results        Page 1 of 2", "", *head]
        pages += table[PAGE:]
    winner = truth.rows(race)[0]
    leader = truth.most_laps_led(race)
    lines = [
        truth.series_name(race),
        f"Race Results for the {race.name}",
        f"{race.track} - {race.length or '?'} Mile {race.surface.title() or 'Paved'}",
        "",
        *pages,
        "",
        "Time of Race: 2 Hrs, 56 Mins, 13 Secs       Average Speed: 138.820 MPH",
        f"Margin of Victory: 0.158 Seconds           Winner's laps: {winner['Laps']}",
        "Caution Flags: 5 for 27 laps                Lead Changes: 12 among 8 drivers",
    ]
    if leader:
        lines.append(f"Most laps led: {truth.accented(leader[0]['Driver'])} ({leader[1]})")
    lines += ["", "(R) - Rookie of the Year contender", "(i) - Ineligible for driver points in this series"]
    return ("\n".join(lines) + "\n").encode("utf-8")
