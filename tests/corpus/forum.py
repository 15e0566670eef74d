"""A race as fans post it on forums and Reddit: a Markdown pipe table.

The post opens with prose, the table has an alignment row (":--|--:"), no outer pipes, the
winner's name in bold, drivers as links ("[Kyle Larson](https://...)"), the rookie mark in
italics ("*(R)*"), the laps down in their own column ("-2"), and the post goes on after it.
``numbered``: the car number before the name ("#5 [Kyle Larson](...)") instead of its own column,
and the table bordered ("| 1 | ... |").
"""

from tests.corpus import truth
from tests.corpus.races import Race

HEADER = ["Pos", "Driver", "#", "Team", "Make", "Start", "Laps", "Down", "Led", "Status", "Pts"]


def carries(race: Race) -> set[str]:
    fields = {"finish", "driver", "number", "team", "manufacturer", "start", "laps", "led", "status", "points"}
    return fields | {"rookie", "ineligible"}


def _driver(race: Race, row: dict, winner: bool) -> str:
    name = truth.accented(row["Driver"])
    slug = name.lower().replace(" ", "-").replace(".", "")
    text = f"[{name}](https://www.nascar.com/drivers/{slug}/)"
    if winner:
        text = f"**{text}**"
    if truth.is_rookie(race, row):
        text += " *(R)*"
    if truth.is_ineligible(race, row):
        text += " (i)"
    return text


def render(race: Race, *, numbered: bool = False) -> bytes:
    rows = truth.rows(race)
    lead = int(rows[0]["Laps"]) if rows[0]["Laps"].strip().isdigit() else None
    header = [h for h in HEADER if h != "#"] if numbered else HEADER
    lines = [
        f"**{race.year} {race.name}** ({race.track}) is in the books. Full results below, "
        "copied from the box score. Thoughts?",
        "",
        " | ".join(header),
        "|".join(":--" if h in {"Driver", "Team", "Status"} else "--:" for h in header),
    ]
    if numbered:
        lines[-2:] = [f"| {lines[-2]} |", f"|{lines[-1]}|"]
    for row in rows:
        laps = int(row["Laps"]) if row["Laps"].strip().isdigit() else None
        down = "" if lead is None or laps is None or laps >= lead else f"-{lead - laps}"
        driver = _driver(race, row, row is rows[0])
        number = f"#{row['Car']} " if row["Car"].strip() else ""  # a car the history has no number for
        cells = [row["Finish"], number + driver] if numbered else [row["Finish"], driver, row["Car"]]
        cells.append(truth.accented(row["Team"]))
        cells += ["" if row["Make"] == "-" else row["Make"], row["Start"], row["Laps"], down, row["Led"]]
        cells += ["" if row["Status"] == "-" else row["Status"].title(), row["Pts"]]
        lines.append(f"| {' | '.join(cells)} |" if numbered else " | ".join(cells))
    lines += [
        "",
        "Edit: fixed the stage points, thanks u/pitroadspeeding",
        "",
        "^(I am a human, this action was performed manually.)",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def numbered(race: Race) -> bytes:
    return render(race, numbered=True)
