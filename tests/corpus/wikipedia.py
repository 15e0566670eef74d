"""A race as a saved Wikipedia article, and its results table copied out of the browser.

The article is laid out as race articles are: an infobox, the entry list, practice and
qualifying tables before the race (each with Pos and Driver columns), stage tables under one
"Stage Results" heading told apart only by the bold line above each ("Stage One", "Laps: 60"),
the race results ("Final Stage Results" in the stage era, "Race results" before), footnote rows
inside the tables ("Official race results", "Source:[5]"), "(R)" and "(i)" after linked names,
a reference mark on one name, the standings after the race, and a navbox. Columns follow the era:
"Car" is the car number before the stage era, "Laps led" and "Status" are shown in some eras.
"""

import html
import re

from tests.corpus import truth
from tests.corpus.races import Race, season_races

LEGEND = "(R) denotes rookie driver. (i) denotes driver who is ineligible for series driver points."
ORDINALS = ["One", "Two", "Three", "Four"]


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _link(name: str) -> str:
    shown = truth.accented(name)
    return f'<a href="/wiki/{_e(shown.replace(" ", "_"))}" title="{_e(shown)}">{_e(shown)}</a>'


def _marked(race: Race, row: dict, *, note="") -> str:
    text = _link(row["Driver"])
    if truth.is_rookie(race, row):
        text += " (R)"
    if truth.is_ineligible(race, row):
        text += " (i)"
    return text + note


def _heading(level: int, text: str) -> str:
    anchor = text.replace(" ", "_")
    return (
        f'<div class="mw-heading mw-heading{level}"><h{level} id="{_e(anchor)}">{_e(text)}</h{level}>'
        '<span class="mw-editsection"><span class="mw-editsection-bracket">[</span><a href="#">edit</a>'
        '<span class="mw-editsection-bracket">]</span></span></div>\n'
    )


def _table(header: list[str], body: list[list[str]], footer: str = "") -> str:
    out = ['<table class="wikitable" style="font-size:95%">\n<tbody><tr>']
    out += [f"<th>{_e(h)}</th>" for h in header]
    out.append("</tr>\n")
    for cells in body:
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>\n")
    if footer:
        out.append(f'<tr>\n<th colspan="{len(header)}">{footer}</th></tr>\n')
    out.append("</tbody></table>\n")
    return "".join(out)


def era(race: Race) -> str:
    if race.year >= 2017:
        return "stage"
    if race.year >= 1990:
        return "modern"
    return "classic"


def results_columns(race: Race):
    """(header, function of a row giving its cells) of the race results table in the race's era."""
    e = era(race)
    if e == "stage":
        header = ["Pos", "Grid", "No", "Driver", "Team", "Manufacturer", "Laps", "Points"]
        keys = ["Finish", "Start", "Car", "Driver", "Team", "Make", "Laps", "Pts"]
    elif e == "modern":
        header = ["Pos", "Grid", "Car", "Driver", "Team", "Manufacturer", "Laps", "Laps led", "Status", "Points"]
        keys = ["Finish", "Start", "Car", "Driver", "Team", "Make", "Laps", "Led", "Status", "Pts"]
    else:
        header = ["Pos", "St", "No.", "Driver", "Team", "Manufacturer", "Laps", "Status", "Points"]
        keys = ["Finish", "Start", "Car", "Driver", "Team", "Make", "Laps", "Status", "Pts"]
    return header, keys


def carries(race: Race) -> set[str]:
    e = era(race)
    fields = {"finish", "start", "number", "driver", "team", "manufacturer", "laps", "points", "rookie", "ineligible"}
    if e == "modern":
        fields |= {"led", "status"}
    if e == "classic":
        fields |= {"status"}
    if _has_stages(race):
        fields |= {"stage1", "stage2"}
    return fields


def _has_stages(race: Race) -> bool:
    return race.year >= 2017 and any(r["S1"].strip() for r in race.rows)


def _value(race, row, key, *, footnote_driver):
    if key == "Driver":
        note = '<sup id="cite_ref-2" class="reference"><a href="#cite_note-2">[a]</a></sup>'
        return _marked(race, row, note=note if row is footnote_driver else "")
    if key == "Team":
        return _e(truth.accented(row["Team"]))
    if key == "Make":
        return "" if row["Make"] == "-" else _e(row["Make"])
    if key == "Status" and row["Status"] == "-":
        return ""
    return _e(row[key])


def results_table(race: Race, *, footer: bool = True) -> str:
    header, keys = results_columns(race)
    rows = truth.rows(race)
    footnote_driver = rows[-1] if rows else None
    body = [[_value(race, row, k, footnote_driver=footnote_driver) for k in keys] for row in rows]
    if not footer:
        return _table(header, body)
    if era(race) == "stage":
        note = (
            '<a rel="nofollow" class="external text" href="https://www.nascar.com/results/">Official race results</a>'
        )
    else:
        note = 'Source:<sup id="cite_ref-5" class="reference"><a href="#cite_note-5">[5]</a></sup>'
    return _table(header, body, note)


def _qualifying(race: Race) -> str:
    started = sorted((r for r in truth.rows(race) if r["Start"].strip()), key=lambda r: int(r["Start"]))
    if not started:
        return ""
    length = float(race.length or 1.5)
    body = []
    for row in started:
        speed = 190.0 * min(length, 2.5) / 2.5 + 60 - int(row["Start"]) * 0.137
        seconds = length * 3600 / speed
        body.append(
            [
                row["Start"],
                _e(row["Car"]),
                _marked(race, row),
                _e(truth.accented(row["Team"])),
                "" if row["Make"] == "-" else _e(row["Make"]),
                f"{seconds:.3f}",
                f"{speed:.3f}",
            ]
        )
    header = ["Pos", "No.", "Driver", "Team", "Manufacturer", "Time", "Speed"]
    return (
        _heading(3, "Qualifying results")
        + _table(header, body, '<a class="external text" href="#">Official qualifying results</a>')
        + "\n"
    )


def _practice(race: Race) -> str:
    rows = sorted(truth.rows(race), key=lambda r: truth.pick(range(10**6), race.key, "practice", r["Driver"]))
    body = [
        [str(i), _e(r["Car"]), _marked(race, r), _e(truth.accented(r["Team"])), _e(r["Make"]), f"{30 + i / 50:.3f}"]
        for i, r in enumerate(rows, 1)
    ]
    header = ["Pos", "No.", "Driver", "Team", "Manufacturer", "Time"]
    return _heading(2, "Practice") + _table(header, body, "Official practice results")


def _entry_list(race: Race) -> str:
    rows = sorted(truth.rows(race), key=lambda r: (len(r["Car"]), r["Car"]))
    body = [[_e(r["Car"]), _marked(race, r), _e(truth.accented(r["Team"])), _e(r["Make"])] for r in rows]
    return (
        _heading(2, "Entry list")
        + "<ul><li>"
        + _e(LEGEND).replace(". ", ".</li><li>")
        + "</li></ul>\n"
        + _table(["No.", "Driver", "Team", "Manufacturer"], body, '<a href="#">Official entry list</a>')
    )


def _stage_tables(race: Race) -> str:
    out = _heading(3, "Stage Results")
    for number, column in ((1, "S1"), (2, "S2")):
        placed = sorted((r for r in race.rows if r[column].strip()), key=lambda r: int(r[column]))
        body = [
            [
                r[column],
                _e(r["Car"]),
                _marked(race, r),
                _e(truth.accented(r["Team"])),
                _e(r["Make"]),
                str(11 - int(r[column])),
            ]
            for r in placed
        ]
        laps = truth.pick(range(30, 90), race.key, number)
        out += f"<p><b>Stage {ORDINALS[number - 1]}</b><br><i><b>Laps:</b></i> {laps}\n</p>\n"
        out += _table(
            ["Pos", "No", "Driver", "Team", "Manufacturer", "Points"],
            body,
            f'<a class="external text" href="#">Official stage {ORDINALS[number - 1].lower()} results</a>',
        )
    return out


def _standings(race: Race) -> str:
    makes: dict[str, int] = {}
    for (year, round_number), other in sorted(season_races(race.series).items()):
        if year != race.year or round_number > race.round:
            continue
        best: dict[str, int] = {}
        for row in other.rows:
            if row["Make"] != "-" and row["Finish"].isdigit():
                best[row["Make"]] = min(best.get(row["Make"], 99), int(row["Finish"]))
        for make, finish in best.items():
            makes[make] = makes.get(make, 0) + max(41 - finish, 1)
    table = truth.standings(race)[:16]
    leader = table[0][1] if table else 0
    body = [
        [str(i), _link(name), f"{total:,}" if i == 1 else f"{total:,} (–{leader - total})"]
        for i, (name, total) in enumerate(table, 1)
    ]
    make_body = [[str(i), _e(m), str(p)] for i, (m, p) in enumerate(sorted(makes.items(), key=lambda kv: -kv[1]), 1)]
    return (
        _heading(2, "Standings after the race")
        + "<p><b>Drivers' Championship standings</b></p>\n"
        + _table(["Pos.", "Driver", "Points"], body)
        + "<p><b>Manufacturers' Championship standings</b></p>\n"
        + _table(["Pos.", "Manufacturer", "Points"], make_body)
        + "<ul><li><b>Note:</b> Only the first 16 positions are included for the driver standings.</li></ul>\n"
    )


def _infobox(race: Race) -> str:
    rows = truth.rows(race)
    winner = rows[0]
    pole = next((r for r in rows if r["Start"].strip() == "1"), None)
    led = truth.most_laps_led(race)
    cells = [
        ("Race details", ""),
        ("", f"Race {race.round} in the {race.year} {truth.series_name(race)}"),
        ("Location", _e(race.track)),
        ("Course", f"{_e(race.surface or 'paved')} {_e(race.length or '')} mi"),
        ("Distance", f"{_e(winner['Laps'])} laps"),
    ]
    if pole:
        cells.append(("Pole position", f"{_link(pole['Driver'])} ({_e(truth.accented(pole['Team']))})"))
    if led:
        cells.append(("Most laps led", f"{_link(led[0]['Driver'])}, {led[1]} laps"))
    cells.append(
        ("Winner", f"No. {_e(winner['Car'])} {_link(winner['Driver'])} ({_e(truth.accented(winner['Team']))})")
    )
    body = "".join(
        f'<tr><th colspan="2" class="infobox-header">{label}</th></tr>'
        if not value
        else f'<tr><td colspan="2" class="infobox-full-data">{value}</td></tr>'
        if not label
        else f'<tr><th scope="row" class="infobox-label">{label}</th><td class="infobox-data">{value}</td></tr>'
        for label, value in cells
    )
    return f'<table class="infobox vevent"><caption class="infobox-title summary">{_e(race.name)}</caption><tbody>{body}</tbody></table>\n'


def _prose(race: Race) -> tuple[str, str]:
    rows = truth.rows(race)
    winner = rows[0]
    text = (
        f"<p>The <b>{race.year} {_e(race.name)}</b> was a {_e(truth.series_name(race))} race held at "
        f"{_e(race.track)}. Contested over {_e(winner['Laps'] or 'its')} laps, it was the race number {race.round} "
        f"of the {race.year} season. {_link(winner['Driver'])} won the race.</p>\n"
    )
    led = truth.most_laps_led(race)
    summary = ""
    pole = next((r for r in rows if r["Start"].strip() == "1"), None)
    if pole:
        summary += f"{_e(truth.accented(pole['Driver']))} started from the pole. "
    if led:
        surname = truth.accented(led[0]["Driver"]).split()[-1]
        summary += f"{_e(surname)} led {led[1]} laps on the day."
    return text, f"<p>{summary}</p>\n" if summary else ""


def article(race: Race) -> bytes:
    lead, summary = _prose(race)
    page = [
        '<!DOCTYPE html>\n<html class="client-js" lang="en" dir="ltr"><head><meta charset="UTF-8">',
        f"<title>{race.year} {_e(race.name)} - Wikipedia</title></head>\n<body>",
        '<div id="mw-navigation"><ul><li><a href="/wiki/Main_Page">Main page</a></li><li><a href="#">Contents</a></li></ul></div>',
        f'<main id="content"><h1 id="firstHeading">{race.year} {_e(race.name)}</h1>',
        '<div id="mw-content-text" class="mw-body-content"><div class="mw-parser-output">',
        _infobox(race),
        lead,
        _heading(2, "Report"),
        _heading(3, "Background"),
        f"<p>{_e(race.track)} is a {_e(race.length or '')}-mile {_e(race.surface or 'paved')} track.</p>\n",
    ]
    if era(race) == "stage":
        page += [_entry_list(race), _practice(race)]
    page += [_heading(2, "Qualifying"), _qualifying(race), _heading(2, "Race")]
    if summary:
        page += [_heading(3, "Race summary"), summary]
    if era(race) == "stage":
        if _has_stages(race):
            page.append(_stage_tables(race))
        laps = truth.rows(race)[0]["Laps"]
        page += [
            _heading(3, "Final Stage Results"),
            f"<p><b>Stage Three</b><br><i><b>Laps:</b></i> {_e(laps)}\n</p>\n",
        ]
    else:
        page.append(_heading(3, "Race results"))
    page += [
        results_table(race),
        _standings(race),
        _heading(2, "Notes"),
        '<div class="reflist"><ol class="references"><li id="cite_note-2">^ Penalised after the race.</li></ol></div>',
        '<table class="navbox"><tbody><tr><th>Previous race:</th><td><a href="#">previous</a></td>'
        "<th>Next race:</th><td><a href='#'>next</a></td></tr></tbody></table>",
        "</div></div></main></body></html>",
    ]
    return "".join(page).encode("utf-8")


def bare_article(race: Race) -> bytes:
    """The article with the footnote rows taken out of its tables by hand (what an operator does
    when an importer chokes on them): the qualifying table and the results look alike."""
    return re.sub(rb'<tr>\n<th colspan="\d+">.*?</th></tr>\n', b"", article(race))


def pasted(race: Race) -> bytes:
    """The results table selected in the browser and pasted into a text file: tabs between cells,
    the markers and reference marks kept, and the footnote row as a last line."""
    from lxml import html as lxml_html

    table = lxml_html.fromstring(results_table(race))
    lines = []
    for tr in table.iter("tr"):
        lines.append("\t".join(cell.text_content().strip() for cell in tr.xpath("./th|./td")))
    heading = "Final Stage Results" if era(race) == "stage" else "Race results"
    return (heading + "\n" + "\n".join(lines) + "\n").encode("utf-8")
