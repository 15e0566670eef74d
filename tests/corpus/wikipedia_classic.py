"""A race as older Wikipedia race articles (1950s–80s races) lay out their results.

The header stands on two rows in a <thead>: "Pos", "No.", "Driver", "Car owner", "Manufacturer"
span both rows, "Race" spans "Laps" and "Status" below it. The position is a row header
(``<th scope="row">``), a flag icon precedes the driver, the owner sits in a nowrap span, there
is no start column, and a "Source:" row with a reference link closes the table. Above it, a
"Top ten finishers" list repeats the first names in prose.
"""

import html

from tests.corpus import truth
from tests.corpus.races import Race

e = html.escape


def carries(race: Race) -> set[str]:
    return {"finish", "number", "driver", "team", "manufacturer", "laps", "status"}


def _flag(name: str) -> str:
    return (
        '<span class="flagicon"><span class="mw-image-border" typeof="mw:File">'
        '<span><img alt="" src="//upload.wikimedia.org/Flag_of_the_United_States.svg.png" '
        'decoding="async" width="23" height="12" class="mw-file-element"></span></span>&nbsp;</span>'
        f'<a href="/wiki/{e(name.replace(" ", "_"))}" title="{e(name)}">{e(name)}</a>'
    )


def _table(race: Race) -> str:
    head = (
        '<table class="wikitable sortable" style="font-size:90%"><thead>'
        '<tr><th rowspan="2">Pos</th><th rowspan="2">No.</th><th rowspan="2">Driver</th>'
        '<th rowspan="2">Car owner</th><th rowspan="2">Manufacturer</th><th colspan="2">Race</th></tr>\n'
        "<tr><th>Laps</th><th>Status</th></tr>\n</thead><tbody>\n"
    )
    body = []
    for row in truth.rows(race):
        owner = truth.owner(row["Team"])
        cells = [
            e(row["Car"]),
            _flag(truth.accented(row["Driver"])),
            f'<span class="nowrap">{e(owner)}</span>' if owner else "",
            "" if row["Make"] == "-" else e(row["Make"]),
            e(row["Laps"]),
            "" if row["Status"] == "-" else e(row["Status"].title()),
        ]
        body.append(f'<tr><th scope="row">{row["Finish"]}</th>' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>\n")
    foot = (
        '<tr><th colspan="7">Source:<sup id="cite_ref-rr_3-0" class="reference">'
        '<a href="#cite_note-rr-3"><span class="cite-bracket">[</span>3<span class="cite-bracket">]</span>'
        "</a></sup></th></tr>\n"
    )
    return head + "".join(body) + foot + "</tbody></table>\n"


def article(race: Race) -> bytes:
    rows = truth.rows(race)
    winner = rows[0]
    top = "".join(f"<li>{_flag(truth.accented(r['Driver']))} (No. {e(r['Car'])})</li>" for r in rows[:10])
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><title>'
        + e(f"{race.year} {race.name} - Wikipedia")
        + '</title></head><body><main><h1 id="firstHeading">'
        + e(f"{race.year} {race.name}")
        + '</h1><div class="mw-parser-output">'
        + f"<p>The <b>{race.year} {e(race.name)}</b> was a {e(truth.series_name(race))} race held at "
        + f"{e(race.track)}. {e(truth.accented(winner['Driver']))} won the race.</p>\n"
        + '<div class="mw-heading mw-heading2"><h2 id="Top_ten_finishers">Top ten finishers</h2></div>'
        + f"<ol>{top}</ol>\n"
        + '<div class="mw-heading mw-heading2"><h2 id="Finishing_order">Finishing order</h2></div>\n'
        + _table(race)
        + '<div class="mw-heading mw-heading2"><h2 id="References">References</h2></div>'
        + '<div class="reflist"><ol class="references"><li id="cite_note-rr-3">^ Racing-Reference</li></ol></div>'
        + "</div></main></body></html>"
    )
    return page.encode("utf-8")
