"""A race in the published seed report's layout: prose, then a table whose separators were lost
(``1275Parker KligermanHenderson MotorsportsChevrolet67Running``)."""

from tests.corpus import truth
from tests.corpus.races import Race

HEADER = "FinishStartNumberDriverTeamManufacturerLapsStatus"


def carries(race: Race) -> set[str]:
    return {"finish", "start", "number", "driver", "team", "manufacturer", "laps", "status"}


def render(race: Race) -> bytes:
    rows = truth.rows(race)
    winner = rows[0]
    lines = [
        f"{truth.accented(winner['Driver'])} won the {truth.series_name(race)} race at {race.track} in {race.year}.",
        "",
        "Race results",
        "",
        HEADER,
    ]
    for row in rows:
        make = "" if row["Make"] == "-" else row["Make"]
        status = "" if row["Status"] == "-" else row["Status"].title()
        lines.append(
            f"{row['Finish']}{row['Start']}{row['Car']}{truth.accented(row['Driver'])}"
            f"{truth.accented(row['Team'])}{make}{row['Laps']}{status}"
        )
    return ("\n".join(lines) + "\n").encode("utf-8")
