"""A race as Racing-Reference publishes it: the saved page, the table copied (tabs), the table
printed space-aligned.

Its vocabulary is the trap: "Car" (or "Truck") is the make, "#" the number, "Sponsor / Owner"
holds "Cheerios   (Richard Petty)" where the owner is the team, "Money" and, in the text
variant, "Tms Led" (times led, not laps led) are columns the site does not keep, "PPts" are
playoff points. Below the results the page has the lap leaders and the top 10 in points after
the race (Pos, Driver, Points): a second table with Pos and Driver columns.
"""

import html

from tests.corpus import layout, truth
from tests.corpus.races import Race


def _money(race: Race, row: dict) -> str:
    if race.year >= 2016:
        return "–"
    base = 400 if race.year < 1970 else 4000 if race.year < 1990 else 20000
    return f"${base * (50 - min(int(row['Finish']), 45)) // 10:,}"


def _times_led(row: dict) -> str:
    led = int(row["Led"]) if row["Led"].strip().isdigit() else 0
    return str(min(led, 1 + led % 4)) if led else "0"


def _playoff_points(row: dict) -> str:
    return str((5 if row["Finish"] == "1" else 0) + (row["S1"] == "1") + (row["S2"] == "1"))


def columns(race: Race, *, times_led: bool):
    make = "Truck" if race.series == "Truck" else "Car"
    if race.year >= 2017:
        header = ["Pos", "St", "#", "Driver", "Sponsor / Owner", make, "Laps", "Status", "Led", "Pts", "PPts"]
    else:
        header = ["Fin", "St", "#", "Driver", "Sponsor / Owner", make, "Laps", "Money", "Status"]
        header += ["Tms Led", "Led", "Pts"] if times_led else ["Led", "Pts"]
    return header


def cells(race: Race, row: dict, header: list[str]) -> list[str]:
    values = {
        "Pos": row["Finish"],
        "Fin": row["Finish"],
        "St": row["Start"],
        "#": row["Car"],
        "Driver": row["Driver"],
        "Sponsor / Owner": truth.sponsor_owner(race, row, "   "),
        "Car": "" if row["Make"] == "-" else row["Make"],
        "Truck": row["Make"],
        "Laps": row["Laps"],
        "Money": _money(race, row),
        "Status": "" if row["Status"] == "-" else row["Status"],
        "Tms Led": _times_led(row),
        "Led": row["Led"],
        "Pts": row["Pts"],
        "PPts": _playoff_points(row),
    }
    return [values[h] for h in header]


def carries(race: Race) -> set[str]:
    return {"finish", "start", "number", "driver", "team", "manufacturer", "laps", "status", "led", "points"}


def expected_team(team: str) -> str:
    return truth.owner(team)


def _info_lines(race: Race) -> list[str]:
    winner = truth.rows(race)[0]
    return [
        f"{race.year} {race.name}",
        f"{race.series} race number {race.round} of the {race.year} season",
        f"{race.track} ({race.length or '?'} miles)",
        f"{winner['Laps']} laps",
        "Cautions: 5 for 27 laps",
        "Margin of victory: 0.451 sec.",
        "Lead changes: 12",
    ]


def _top10(race: Race):
    table = truth.standings(race)[:10]
    leader = table[0][1] if table else 0
    return [
        [str(i), name, str(total), "leader" if i == 1 else f"-{leader - total}"]
        for i, (name, total) in enumerate(table, 1)
    ]


def page(race: Race) -> bytes:
    """The saved results page: info tables, the results table (class "tb race-results-tbl"), the
    lap leaders and the top 10 in points."""
    e = html.escape
    header = columns(race, times_led=False)
    rows = []
    for row in truth.rows(race):
        values = cells(race, row, header)
        tds = []
        for label, value in zip(header, values, strict=True):
            if label == "Driver":
                slug = value.replace(" ", "_")
                value = (
                    '<img src="//www.racing-reference.info/wp-content/themes/ndms/images/racing-reference/flags/us.png"> '
                    f'<a href="https://www.racing-reference.info/driver/{e(slug)}/">{e(value)}</a>'
                )
            elif label == "Sponsor / Owner" and value:
                owner = truth.owner(row["Team"])
                sponsor = truth.accented(truth.sponsor(race, row))
                value = (
                    f'{e(sponsor)}&nbsp;&nbsp; (<a href="https://www.racing-reference.info/owner/x/">{e(owner)}</a>)'
                )
            else:
                value = e(value)
            tds.append(f'<td class="col">{value}</td>')
        rows.append('<tr class="odd">' + "".join(tds) + "</tr>\n")
    info = "".join(f"<tr><td>{e(line)}</td></tr>" for line in _info_lines(race))
    top10 = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in _top10(race))
    return (
        "<!DOCTYPE html><html><head><title>"
        + e(f"{race.year} {race.name} - Racing-Reference.info")
        + "</title></head><body>\n"
        + '<div class="race-info"><table class="tb"><tbody>'
        + info
        + "</tbody></table></div>\n"
        + '<table class="tb"><tr><td><a href="#">Race results</a></td><td><a href="#">Loop data</a></td>'
        + '<td><a href="#">Pit stops</a></td></tr></table>\n'
        + '<table class="tb race-results-tbl"><tbody><tr class="newhead">'
        + "".join(f"<th>{e(h)}</th>" for h in header)
        + "</tr>\n"
        + "".join(rows)
        + "</tbody></table>\n"
        + '<div class="leaders"><h3>Lap leader breakdown</h3><table class="tb"><tr class="newhead"><th>Leader</th>'
        + "<th>From Lap</th><th>To Lap</th><th># Of Laps</th></tr><tr><td>Nobody Known</td><td>1</td><td>2</td><td>2</td></tr></table></div>\n"
        + '<div class="points"><h3>Top 10 in points after the race</h3><table class="tb"><tr class="newhead">'
        + "<th>Pos</th><th>Driver</th><th>Points</th><th>Diff</th></tr>"
        + top10
        + "</table></div>\n</body></html>"
    ).encode("utf-8")


def tab_separated(race: Race) -> bytes:
    """The results table selected on the page and pasted: tabs, "$" money, the owner in brackets."""
    header = columns(race, times_led=False)
    body = [cells(race, row, header) for row in truth.rows(race)]
    lines = _info_lines(race) + [""] + layout.delimited(header, body, "\t")
    return ("\n".join(lines) + "\n").encode("utf-8")


def space_aligned(race: Race) -> bytes:
    """The table printed with padded columns (a terminal, a PDF), with "Tms Led" beside "Led", then
    the lap leaders and the top 10 in points, also aligned."""
    header = columns(race, times_led=True)
    body = [cells(race, row, header) for row in truth.rows(race)]
    right = {
        i
        for i, h in enumerate(header)
        if h in {"Pos", "Fin", "St", "#", "Laps", "Money", "Tms Led", "Led", "Pts", "PPts"}
    }
    lines = _info_lines(race) + [""] + layout.aligned(header, body, right=right)
    lines += ["", "Top 10 in points after the race", ""]
    lines += layout.aligned(["Pos", "Driver", "Points", "Diff"], _top10(race), right={0, 2, 3})
    return ("\n".join(lines) + "\n").encode("utf-8")
