"""A race as a query's output pasted from psql: lower-case column names ("car" holds the number),
" | " between cells, a ruling under the header and a row count after the rows."""

from tests.corpus import layout, truth
from tests.corpus.races import Race

HEADER = ["finish", "start", "car", "driver", "team", "make", "laps", "led", "status", "pts"]
KEYS = ["Finish", "Start", "Car", "Driver", "Team", "Make", "Laps", "Led", "Status", "Pts"]


def carries(race: Race) -> set[str]:
    return {"finish", "start", "number", "driver", "team", "manufacturer", "laps", "led", "status", "points"}


def render(race: Race) -> bytes:
    body = [["" if row[k] == "-" and k in {"Make", "Status"} else row[k] for k in KEYS] for row in truth.rows(race)]
    lines = [
        f"racing=> SELECT {', '.join(HEADER)} FROM results WHERE season = {race.year} AND race = {race.round};",
        *layout.psql(HEADER, body, right={0, 1, 6, 7, 9}),
        "",
    ]
    return "\n".join(lines).encode("utf-8")
