"""Saved web pages with many tables: the operator imports the page and gets the race, not the
qualifying, the stages or the standings; footnotes and marks stay out of the names."""

import csv
import io

from results.models import Driver, Entry

OPTIONS = ("--series", "Truck", "--year", 2025, "--round", 4, "--track", "Homestead-Miami Speedway")


def table(header, rows, *, footer="", before=""):
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>\n" for row in rows)
    foot = f'<tr><th colspan="{len(header)}">{footer}</th></tr>' if footer else ""
    return f"{before}<table class='wikitable'><tbody><tr>{head}</tr>\n{body}{foot}</tbody></table>\n"


RESULTS = [
    ["1", "3", "07", '<a href="/wiki/Kyle_Larson">Kyle Larson</a> (i)', "Spire Motorsports", "Chevrolet", "134", "0"],
    ["2", "4", "34", '<a href="/wiki/Layne_Riggs">Layne Riggs</a> (R)', "Front Row Motorsports", "Ford", "134", "48"],
    ["3", "1", "11", "Corey Heim", "TRICON Garage", "Toyota", "134", "54"],
    ["4", "2", "7", 'Corey Day (i)<sup class="reference"><a href="#cite_note-1">[a]</a></sup>', "Spire Motorsports"]
    + ["Chevrolet", "133", "0"],
]
RESULTS_HEADER = ["Pos", "Grid", "No", "Driver", "Team", "Manufacturer", "Laps", "Points"]
QUALIFYING = [
    ["1", "11", "Corey Heim", "TRICON Garage", "Toyota", "31.2", "173.1"],
    ["2", "7", "Corey Day (i)", "Spire Motorsports", "Chevrolet", "31.3", "172.8"],
    ["3", "07", "Kyle Larson (i)", "Spire Motorsports", "Chevrolet", "31.4", "172.5"],
    ["4", "34", "Layne Riggs (R)", "Front Row Motorsports", "Ford", "31.5", "171.9"],
]


def heading(text):
    return f'<div class="mw-heading mw-heading3"><h3 id="x">{text}</h3><span class="mw-editsection">[edit]</span></div>'


def article(*parts):
    lead = "<p>The Baptist Health 200 was a NASCAR Craftsman Truck Series race at Homestead-Miami Speedway.</p>"
    return "<!DOCTYPE html><html><body>" + lead + "".join(parts) + "</body></html>"


def dry_run(run_import, tmp_path, page, *options):
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    ok, out, err = run_import(path, "--dry-run", "--as", "csv", *(options or OPTIONS))
    return ok, list(csv.DictReader(io.StringIO(out))) if ok else [], err


def test_the_race_results_are_read_not_the_qualifying_table_above_them(run_import, tmp_path):
    page = article(
        heading("Qualifying results"),
        table(
            ["Pos", "No.", "Driver", "Team", "Manufacturer", "Time", "Speed"],
            QUALIFYING,
            footer="Official qualifying results",
        ),
        heading("Race results"),
        table(RESULTS_HEADER, RESULTS, footer='<a href="https://nascar.com">Official race results</a>'),
    )
    ok, rows, err = dry_run(run_import, tmp_path, page)
    assert ok, err
    assert [(r["finish"], r["start"], r["number"], r["driver"]) for r in rows] == [
        ("1", "3", "07", "Kyle Larson"),
        ("2", "4", "34", "Layne Riggs"),
        ("3", "1", "11", "Corey Heim"),
        ("4", "2", "7", "Corey Day"),
    ]
    assert [(r["rookie"], r["ineligible"]) for r in rows] == [("0", "1"), ("1", "0"), ("0", "0"), ("0", "1")]
    assert "reference marks after names, removed: [a] (line" in err


def test_a_marked_name_is_the_known_driver_not_a_new_one(run_import, tmp_path, make):
    day = make.driver(name="Corey Day")
    page = article(heading("Race results"), table(RESULTS_HEADER, RESULTS, footer="Source:[5]"))
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    ok, out, err = run_import(path, *OPTIONS)
    assert ok, err
    entry = Entry.objects.get(finish=4)
    assert entry.driver == day and entry.ineligible and not entry.rookie
    assert Driver.objects.filter(name__startswith="Corey Day").count() == 1
    assert Entry.objects.get(finish=2).rookie


def test_stage_tables_told_apart_by_the_line_above_them_fill_the_stage_columns(run_import, tmp_path):
    stage = ["Pos", "No", "Driver", "Team", "Manufacturer", "Points"]
    page = article(
        heading("Stage Results"),
        table(
            stage,
            [
                ["1", "11", "Corey Heim", "TRICON Garage", "Toyota", "10"],
                ["2", "07", "Kyle Larson (i)", "x", "Chevrolet", "0"],
            ],
            before="<p><b>Stage One</b><br><i><b>Laps:</b></i> 30</p>",
        ),
        table(
            stage,
            [["1", "07", "Kyle Larson (i)", "x", "Chevrolet", "0"], ["2", "34", "Layne Riggs (R)", "x", "Ford", "9"]],
            before="<p><b>Stage Two</b><br><i><b>Laps:</b></i> 60</p>",
        ),
        heading("Final Stage Results"),
        table(RESULTS_HEADER, RESULTS, before="<p><b>Stage Three</b><br><i><b>Laps:</b></i> 134</p>"),
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    ok, out, err = run_import(path, *OPTIONS)
    assert ok, err
    stages = dict(Entry.objects.values_list("driver__name", "stage1"))
    assert stages == {"Corey Heim": 1, "Kyle Larson": 2, "Layne Riggs": None, "Corey Day": None}
    assert Entry.objects.get(driver__name="Layne Riggs").stage2 == 2


def test_two_tables_that_could_be_the_race_stop_the_import_naming_both(run_import, tmp_path):
    page = article(
        heading("Race results"),
        table(RESULTS_HEADER, RESULTS),
        heading("Unofficial results"),
        table(RESULTS_HEADER, RESULTS[:3]),
    )
    ok, rows, err = dry_run(run_import, tmp_path, page)
    assert not ok
    assert "2 tables could be the race results" in err
    assert "'Race results'" in err and "'Unofficial results'" in err
    assert "delete the others" in err


def test_a_page_without_a_race_table_says_what_it_saw(run_import, tmp_path):
    page = article(
        heading("Qualifying results"),
        table(["Pos", "No.", "Driver", "Team", "Manufacturer", "Time", "Speed"], QUALIFYING),
    )
    ok, rows, err = dry_run(run_import, tmp_path, page)
    assert not ok
    assert "no race results table found" in err and "'Qualifying results'" in err


def test_racing_reference_page_car_is_the_make_and_the_owner_is_the_team(run_import, tmp_path):
    header = ["Pos", "St", "#", "Driver", "Sponsor / Owner", "Truck", "Laps", "Status", "Led", "Pts", "PPts"]
    rows = [
        [
            "1",
            "3",
            "07",
            "Kyle Larson",
            'Hendrickcars.com&nbsp;&nbsp; (<a href="/owner/x">Spire Motorsports</a>)',
            "Chevrolet",
        ]
        + ["134", "running", "20", "0", "5"],
        [
            "2",
            "4",
            "34",
            "Layne Riggs",
            "Love's&nbsp;&nbsp; (Front Row Motorsports)",
            "Ford",
            "134",
            "running",
            "3",
            "48",
            "0",
        ],
    ]
    page = (
        "<html><body><table class='tb'><tr><td>Race results</td></tr></table>"
        + table(header, rows).replace("class='wikitable'", "class='tb race-results-tbl'")
        + "<h3>Top 10 in points after the race</h3>"
        + table(["Pos", "Driver", "Points", "Diff"], [["1", "Corey Heim", "180", "leader"]])
        + "</body></html>"
    )
    ok, read, err = dry_run(run_import, tmp_path, page)
    assert ok, err
    assert [(r["number"], r["team"], r["manufacturer"], r["led"], r["points"]) for r in read] == [
        ("07", "Spire Motorsports", "Chevrolet", "20", "0"),
        ("34", "Front Row Motorsports", "Ford", "3", "48"),
    ]
    assert "column 'PPts' is not imported (playoff points" in err


def test_a_title_row_and_a_header_of_plain_cells(run_import, tmp_path):
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in RESULTS)
    page = article(
        "<table><tr><th colspan='8'>Race results</th></tr><tr>"
        + "".join(f"<td><b>{h}</b></td>" for h in RESULTS_HEADER)
        + f"</tr>{rows}</table>"
    )
    ok, read, err = dry_run(run_import, tmp_path, page)
    assert ok, err
    assert [r["driver"] for r in read] == ["Kyle Larson", "Layne Riggs", "Corey Heim", "Corey Day"]


def test_a_comment_just_before_the_results_table_is_passed_over(run_import, tmp_path):
    """Saved pages carry HTML comments (<!-- NewPP limit report -->); one right before the table
    broke the read with a traceback (found by tests/test_fuzz_import.py)."""
    page = article(heading("Race results"), table(RESULTS_HEADER, RESULTS, before="<!-- saved by a browser -->"))
    ok, rows, err = dry_run(run_import, tmp_path, page)
    assert ok, err
    assert [r["driver"] for r in rows] == ["Kyle Larson", "Layne Riggs", "Corey Heim", "Corey Day"]


def test_cars_listed_under_failed_to_qualify_inside_the_results_table_are_not_finishers(run_import, tmp_path):
    # Wikipedia articles list the cars that failed to qualify in the race results table itself,
    # under a row spanning every column, numbered on from the last finisher
    dnq = [
        ["5", "", "33", "Mason Massey", "Reaume Brothers Racing", "Ford", "", ""],
        ["6", "", "2", "Stefan Parsons", "Rackley W.A.R.", "Chevrolet", "", ""],
    ]
    page = article(
        heading("Race results"),
        table(RESULTS_HEADER, RESULTS, footer="Failed to qualify").replace("</tbody></table>", "")
        + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>\n" for row in dnq)
        + '<tr><th colspan="8">Official race results</th></tr></tbody></table>',
    )
    ok, rows, err = dry_run(run_import, tmp_path, page)
    assert ok, err
    assert [r["driver"] for r in rows] == ["Kyle Larson", "Layne Riggs", "Corey Heim", "Corey Day"]
    assert "Failed to qualify" in err and "Mason Massey" in err


def test_laps_led_in_the_article_background_or_part_of_the_race_fill_no_row(run_import, tmp_path):
    # an article's background tells of earlier races, its summary of stints; neither is a driver's
    # laps led in this race, which the results table (no Led column) does not give
    page = article(
        heading("Background"),
        "<p>In the 2024 race, Riggs led 112 of the 134 laps on his way to victory.</p>",
        heading("Race summary"),
        "<p>Heim led 42 laps before a pit road speeding penalty dropped him back.</p>",
        heading("Race results"),
        table(RESULTS_HEADER, RESULTS, footer="Official race results"),
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    ok, out, err = run_import(path, *OPTIONS)
    assert ok, err
    assert list(Entry.objects.exclude(laps_led=None).values_list("driver__name", "laps_led")) == []
    assert "the prose says Heim led 42 laps" in out


def test_a_pole_told_of_an_earlier_season_is_not_this_races(run_import, tmp_path):
    page = article(
        "<p>Kyle Larson won the pole for the 2024 race and went on to win it.</p>",
        heading("Race results"),
        table(RESULTS_HEADER, RESULTS, footer="Official race results"),
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    ok, out, err = run_import(path, *OPTIONS)
    assert ok, err
    assert "the prose says Kyle Larson won the pole in a sentence about 2024: not used" in out
    assert not Entry.objects.filter(pole=True).exists()


def test_laps_written_with_the_laps_down_are_read_and_checked_against_the_winner(run_import, tmp_path):
    down = [row[:6] + [laps] + row[7:] for row, laps in zip(RESULTS, ["134", "134", "134", "133 (−1)"], strict=True)]
    page = article(heading("Race results"), table(RESULTS_HEADER, down, footer="Official race results"))
    ok, rows, err = dry_run(run_import, tmp_path, page)
    assert ok, err
    assert [r["laps"] for r in rows] == ["134", "134", "134", "133"]

    wrong = [row[:6] + [laps] + row[7:] for row, laps in zip(RESULTS, ["134", "134", "134", "131 (−1)"], strict=True)]
    page = article(heading("Race results"), table(RESULTS_HEADER, wrong, footer="Official race results"))
    ok, rows, err = dry_run(run_import, tmp_path, page)
    assert not ok
    assert "line" in err and "the laps down do not add up to the winner's laps" in err
    assert "131 laps, 1 down; the winner 134" in err


def test_a_results_page_laid_out_in_tables_is_read(run_import, tmp_path):
    # older results sites (Racing-Reference among them) set the whole page in a layout table
    page = (
        "<html><body><table width='100%'><tr><td class='nav'><a href='/'>Home</a><br>Drivers</td><td>"
        "<h1>2025 Baptist Health 200</h1>"
        + table(RESULTS_HEADER, RESULTS, footer="Official race results")
        + "</td></tr></table></body></html>"
    )
    ok, rows, err = dry_run(run_import, tmp_path, page)
    assert ok, err
    assert [r["driver"] for r in rows] == ["Kyle Larson", "Layne Riggs", "Corey Heim", "Corey Day"]


def test_a_race_page_saved_from_this_site_reads_back_as_it_was_imported(run_import, tmp_path, client, seed_report):
    # an editor moves a race between two installs by saving its page: the page flags a car out
    # of the race with a "DNF" marker after the reason, which is no part of the status
    ok, out, err = run_import(seed_report, "--series", "Truck", "--year", 2022, "--round", 12)
    assert ok, err
    Entry.objects.filter(finish=2).update(rookie=True)  # the page marks him with an "R" after his name
    Entry.objects.filter(finish=4).update(rookie=True, ineligible=True)
    stored = list(
        Entry.objects.order_by("finish").values_list(
            "finish", "driver__name", "status", "laps_led", "rookie", "ineligible"
        )
    )
    page = client.get(Entry.objects.get(finish=1).event.get_absolute_url()).content
    path = tmp_path / "race.html"
    path.write_bytes(page)
    track = ("--track", "Mid-Ohio Sports Car Course")
    ok, out, err = run_import(
        path, "--dry-run", "--as", "csv", "--series", "Truck", "--year", 2022, "--round", 12, *track
    )
    assert ok, err
    read = [
        (int(r["finish"]), r["driver"], r["status"], int(r["led"]) if r["led"] else None)
        + (r["rookie"] == "1", r["ineligible"] == "1")
        for r in csv.DictReader(io.StringIO(out))
    ]
    assert read == stored


def test_the_season_is_the_one_the_page_is_headed_with_not_the_latest_its_text_names(run_import, tmp_path):
    # an article looks ahead too ("the race moved to August in 2026"): without --year, the season is
    # the one its heading gives
    page = article(
        "<h1>2025 Baptist Health 200</h1><p>The race moved to August in 2026.</p>",
        heading("Race results"),
        table(RESULTS_HEADER, RESULTS, footer="Official race results"),
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    ok, out, err = run_import(
        path, "--series", "Truck", "--round", 4, "--track", "Homestead-Miami Speedway", "--dry-run"
    )
    assert ok, err
    assert "event created: 2025 Truck round 4" in out


def test_a_name_whose_tooltip_says_rookie_is_a_rookie_not_a_row_without_a_driver(run_import, tmp_path):
    """Only the marker ('R') is taken out of the name; a tooltip on the name itself left the row empty."""
    rows = [row[:] for row in RESULTS]
    rows[2][3] = '<span title="Rookie of the Year contender">Corey Heim</span>'
    ok, rows, err = dry_run(run_import, tmp_path, article(heading("Race results"), table(RESULTS_HEADER, rows)))
    assert ok, err
    assert (rows[2]["driver"], rows[2]["rookie"]) == ("Corey Heim", "1")
