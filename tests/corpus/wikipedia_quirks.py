"""A race's Wikipedia article with what articles add around the results, each once a silently wrong
row: the background tells of last year's race ("In the 2016 race, Busch led 98 of the 400 laps"),
the summary of a stint ("Hamlin led 40 laps before a penalty"), cars off the lead lap carry their
laps down ("397 (−3)"), and the cars that failed to qualify close the results table, numbered on
after the field under a row saying so."""

import re

from tests.corpus import truth, wikipedia
from tests.corpus.races import Race, season_races

carries = wikipedia.carries


def _surname(row: dict) -> str:
    return re.sub(r",? (?:Jr\.|Sr\.|II|III)$", "", row["Driver"]).split()[-1]


def _non_qualifiers(race: Race) -> list[dict]:
    """Two drivers of the season who are not in this race: the ones who went home."""
    here = {row["Driver"] for row in race.rows}
    seen: dict[str, dict] = {}
    for other in season_races(race.series).values():
        if other.year == race.year:
            for row in other.rows:
                if row["Driver"] not in here:
                    seen.setdefault(row["Driver"], row)
    return [seen[name] for name in sorted(seen)[:2]]


def _results_table(race: Race) -> str:
    header, keys = wikipedia.results_columns(race)
    rows = truth.rows(race)
    lead = int(rows[0]["Laps"]) if rows[0]["Laps"].strip() else None
    body = []
    for row in rows:
        cells = [wikipedia._value(race, row, key, footnote_driver=None) for key in keys]
        laps = int(row["Laps"]) if row["Laps"].strip() else None
        if lead is not None and laps is not None and laps < lead:
            cells[keys.index("Laps")] = f"{laps} (\u2212{lead - laps})"
        body.append(cells)
    out = wikipedia._table(header, body)[: -len("</tbody></table>\n")]
    out += f'<tr>\n<th colspan="{len(header)}">Failed to qualify</th></tr>\n'
    for place, row in enumerate(_non_qualifiers(race), start=len(rows) + 1):
        cells = {"Finish": str(place), "Car": row["Car"], "Driver": wikipedia._link(row["Driver"])}
        cells |= {"Team": wikipedia._e(row["Team"]), "Make": row["Make"]}
        out += "<tr>" + "".join(f"<td>{cells.get(key, '')}</td>" for key in keys) + "</tr>\n"
    return out + f'<tr>\n<th colspan="{len(header)}">Official race results</th></tr>\n</tbody></table>\n'


def article(race: Race) -> bytes:
    page = wikipedia.article(race).decode("utf-8")
    page = page.replace(wikipedia.results_table(race), _results_table(race), 1)
    rows = truth.rows(race)
    told = []
    winner, laps = rows[0], rows[0]["Laps"].strip()
    if laps:
        claimed = int(laps) // 2 + 1 if winner["Led"].strip() != str(int(laps) // 2 + 1) else int(laps) // 3
        told.append(f"In the {race.year - 1} race, {_surname(winner)} led {claimed} of the {laps} laps.")
    leaders = [r for r in rows if r["Led"].strip() not in {"", "0"} and r is not winner]
    if leaders:
        told.append(f"{_surname(leaders[0])} led {int(leaders[0]['Led']) + 1} laps before a pit road penalty.")
    background = wikipedia._heading(3, "Background")
    return page.replace(background, background + f"<p>{wikipedia._e(' '.join(told))}</p>\n", 1).encode("utf-8")
