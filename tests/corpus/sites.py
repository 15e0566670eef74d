"""A race as other results sites publish it, saved from the browser.

``driver_averages``: DriverAverages.com's race page, laid out in tables inside tables (menus,
the race's facts), the results with the columns the history itself was taken from ("Car" is the
number, "Make" the make, "Pts" before "Laps", "S1"/"S2" and "Rating" in their eras).

``espn``: ESPN's race results: capital headers ("POS", "DRIVER", "CAR", "MANUFACTURER", "LAPS",
"START", "LED", "PTS", "BONUS", "PENALTY"), the start after the laps, the header in a <thead>,
the driver a link after a flag image, the table under a "Race Results" heading and beside a
"Top 10 in points" table.
"""

import html

from tests.corpus import truth
from tests.corpus.races import Race

e = html.escape


def _has_stages(race: Race) -> bool:
    return race.year >= 2017 and any(r["S1"].strip() or r["S2"].strip() for r in race.rows)


def _has_rating(race: Race) -> bool:
    return any(r["Rating"].strip() for r in race.rows)


def driver_averages_carries(race: Race) -> set[str]:
    fields = {"finish", "start", "number", "driver", "manufacturer", "points", "laps", "led", "status", "team"}
    if _has_stages(race):
        fields |= {"stage1", "stage2"}
    return fields | ({"rating"} if _has_rating(race) else set())


def driver_averages(race: Race) -> bytes:
    header = ["Finish", "Start", "Car", "Driver", "Make", "Pts", "Laps", "Led", "Status", "Team"]
    keys = ["Finish", "Start", "Car", "Driver", "Make", "Pts", "Laps", "Led", "Status", "Team"]
    if _has_stages(race):
        header, keys = header + ["S1", "S2"], keys + ["S1", "S2"]
    if _has_rating(race):
        header, keys = header + ["Rating"], keys + ["Rating"]
    body = []
    for i, row in enumerate(truth.rows(race)):
        cells = []
        for key in keys:
            value = row[key]
            if key == "Driver":
                slug = value.replace(" ", "+")
                value = f'<a href="driver.php?driver={e(slug)}">{e(truth.accented(value))}</a>'
            elif key in {"Make", "Status"} and value == "-":
                value = "&nbsp;"
            else:
                value = e(value) or "&nbsp;"
            cells.append(f'<td class="{"odd" if i % 2 else "even"}" align="center">{value}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>\n")
    menu = (
        '<table width="100%"><tr><td><a href="index.php">Home</a></td><td><a href="#">NASCAR Cup</a></td>'
        '<td><a href="#">Xfinity</a></td><td><a href="#">Trucks</a></td></tr></table>'
    )
    facts = (
        '<table class="raceinfo"><tr><td><b>'
        + e(f"{race.year} {race.name}")
        + "</b></td></tr>"
        + f"<tr><td>{e(race.track)} ({e(race.length or '?')} miles, {e(race.surface or 'paved')})</td></tr>"
        + f"<tr><td>Race {race.round} of the {race.year} {e(truth.series_name(race))} season</td></tr></table>"
    )
    results = (
        '<table class="sortable" id="raceResults" border="1" cellspacing="0"><tr>'
        + "".join(f'<td class="header"><b>{e(h)}</b></td>' for h in header)
        + "</tr>\n"
        + "".join(body)
        + "</table>"
    )
    page = (
        "<html><head><title>"
        + e(f"{race.year} {race.name} Race Results - DriverAverages.com")
        + '</title></head><body><table width="980" align="center"><tr><td>'
        + menu
        + "</td></tr><tr><td>"
        + facts
        + "</td></tr><tr><td>"
        + results
        + '</td></tr><tr><td><font size="1">Data copyright DriverAverages.com</font></td></tr></table></body></html>'
    )
    return page.encode("utf-8")


def espn_carries(race: Race) -> set[str]:
    return {"finish", "start", "number", "driver", "manufacturer", "laps", "led", "points", "rookie", "ineligible"}


def espn(race: Race) -> bytes:
    header = ["POS", "DRIVER", "CAR", "MANUFACTURER", "LAPS", "START", "LED", "PTS", "BONUS", "PENALTY"]
    body = []
    for row in truth.rows(race):
        name = truth.accented(row["Driver"])
        mark = " (R)" if truth.is_rookie(race, row) else " (i)" if truth.is_ineligible(race, row) else ""
        driver = (
            '<img class="flag" src="https://a.espncdn.com/i/teamlogos/countries/500/usa.png" alt="USA" width="16"> '
            f'<a class="AnchorLink" href="https://www.espn.com/racing/driver/_/id/1/{e(name.replace(" ", "-"))}">'
            f"{e(name)}</a>{mark}"
        )
        bonus = str((5 if row["Finish"] == "1" else 0) + (row["S1"] == "1") + (row["S2"] == "1"))
        cells = [row["Finish"], driver, e(row["Car"]), e("" if row["Make"] == "-" else row["Make"])]
        cells += [row["Laps"], row["Start"], row["Led"], row["Pts"], bonus if race.year >= 2017 else "0", "0"]
        body.append('<tr class="Table__TR">' + "".join(f'<td class="Table__TD">{c}</td>' for c in cells) + "</tr>\n")
    standings = "".join(
        f"<tr><td>{i}</td><td>{e(name)}</td><td>{total}</td></tr>"
        for i, (name, total) in enumerate(truth.standings(race)[:10], 1)
    )
    page = (
        "<!DOCTYPE html><html><head><title>"
        + e(f"{race.name} {race.year} Race Results - ESPN")
        + "</title></head><body><header><nav><ul><li>NFL</li><li>NBA</li><li>Racing</li></ul></nav></header>"
        + f"<main><h1>{e(race.name)}</h1><p>{e(race.track)}, {race.year}</p>"
        + '<section><h2 class="Card__Header__Title">Race Results</h2><div class="Table__Scroller">'
        + '<table class="Table"><thead class="Table__THEAD"><tr class="Table__TR">'
        + "".join(f'<th class="Table__TH">{h}</th>' for h in header)
        + '</tr></thead><tbody class="Table__TBODY">'
        + "".join(body)
        + "</tbody></table></div></section>"
        + '<section><h2>Top 10 in points</h2><table class="Table"><thead><tr><th>RK</th><th>DRIVER</th>'
        + f"<th>PTS</th></tr></thead><tbody>{standings}</tbody></table></section></main></body></html>"
    )
    return page.encode("utf-8")
