"""Reports from sources the first formats did not cover, as an operator saves or pastes them:
NASCAR's unofficial results PDF pasted as text (wrapped owners, "#" rookies), a 1950s Wikipedia
article (a header on two rows), a Reddit race thread (Markdown), a points sheet filing drivers
"Last, First" with finishes written "P1"."""

import csv
import io

OPTIONS = ("--series", "Cup", "--year", 2019, "--round", 10, "--track", "Talladega Superspeedway")


def dry_run(run_import, tmp_path, text, *options, name="results.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    ok, out, err = run_import(path, "--dry-run", "--as", "csv", *(options or OPTIONS))
    return ok, list(csv.DictReader(io.StringIO(out))) if ok else [], err


def cells(rows, *keys):
    return [tuple(r[k] for k in keys) for r in rows]


UNOFFICIAL = """\
Monster Energy NASCAR Cup Series                          Race Number 10
Unofficial Race Results for the GEICO 500

Fin   Str   Car   Driver              Sponsor / Owner                  Make        Laps   Status    Led   Pts
  1    11     9   Chase Elliott       FedEx (Hendrick Motorsports)     Chevrolet    188   Running    45    57
  2     9    88   Alex Bowman         Ford Credit (Hendrick            Chevrolet    188   Running     7    53
                                      Motorsports)
  3    29    62   Brendan Gaughan *   GM Goodwrench (Beard             Chevrolet    188   Running     5     0
                                      Motorsports)
  4    37    36   Matt Tifft #        Surface Sunscreen (Front Row     Ford         187   Accident    0    33
                                      Motorsports)

# Rookie of the Year contender          * Ineligible for driver points in this series
"""


def test_nascar_unofficial_results_pasted_from_the_pdf_keep_wrapped_owners_and_marks(run_import, tmp_path):
    ok, rows, err = dry_run(run_import, tmp_path, UNOFFICIAL)
    assert ok, err
    assert cells(rows, "finish", "driver", "team", "rookie", "ineligible", "status") == [
        ("1", "Chase Elliott", "Hendrick Motorsports", "0", "0", "Running"),
        ("2", "Alex Bowman", "Hendrick Motorsports", "0", "0", "Running"),
        ("3", "Brendan Gaughan", "Beard Motorsports", "0", "1", "Running"),
        ("4", "Matt Tifft", "Front Row Motorsports", "1", "0", "Accident"),
    ]


def test_a_hash_after_a_name_without_a_legend_saying_rookie_is_refused(run_import, tmp_path):
    text = UNOFFICIAL.replace("# Rookie of the Year contender", "")
    ok, _, err = dry_run(run_import, tmp_path, text)
    assert not ok
    assert "line 10" in err and "'#' after the driver's name" in err and "legend" in err


def test_a_note_under_a_row_is_listed_not_read_into_the_row(run_import, tmp_path):
    # "DNQ" stands under the finishing positions: no name or team goes on there
    text = UNOFFICIAL.replace("Running    45    57\n", "Running    45    57\n  DNQ: Joe Nemechek, Timmy Hill\n", 1)
    ok, rows, err = dry_run(run_import, tmp_path, text)
    assert ok, err
    assert cells(rows, "finish", "driver", "team")[0] == ("1", "Chase Elliott", "Hendrick Motorsports")
    assert "line 6 'DNQ: Joe Nemechek, Timmy Hill'" in err


def test_a_note_under_a_drivers_name_is_refused_not_read_into_the_name(run_import, tmp_path):
    # "Withdrawn" under Chase Elliott: the rest of his name cut by the page, or a note? Read into the row
    # it made a new driver "Chase Elliott Withdrawn"; his team's cell, closed, takes no note either
    for note in ["Withdrawn", " " * 20 + "Penalty: 25 pts"]:
        text = UNOFFICIAL.replace("Running    45    57\n", "Running    45    57\n" + " " * 18 + note + "\n", 1)
        ok, _, err = dry_run(run_import, tmp_path, text)
        assert not ok
        assert "line 6" in err and "the rest of a cell cut by the page's width, or a note" in err
        assert "move it below the table" in err


def test_a_line_under_a_row_running_past_the_name_and_team_columns_is_refused(run_import, tmp_path):
    text = UNOFFICIAL.replace(
        "                                      Motorsports)\n  3",
        "                                      Motorsports) and the whole Hendrick organisation\n  3",
    )
    ok, _, err = dry_run(run_import, tmp_path, text)
    assert not ok
    assert "line 7" in err and "runs past its column" in err


def test_a_fifties_wikipedia_article_with_a_two_row_header_keeps_laps_and_status(run_import, tmp_path):
    page = (
        "<html><body><h1>1955 Southern 500</h1><h2>Finishing order</h2>"
        '<table class="wikitable"><thead><tr><th rowspan="2">Pos</th><th rowspan="2">No.</th>'
        '<th rowspan="2">Driver</th><th rowspan="2">Car owner</th><th colspan="2">Race</th></tr>'
        "<tr><th>Laps</th><th>Status</th></tr></thead><tbody>"
        '<tr><th scope="row">1</th><td>300</td><td><span class="flagicon"><img alt=""></span>&nbsp;'
        '<a href="/wiki/Herb_Thomas">Herb Thomas</a></td><td><span class="nowrap">Herb Thomas</span></td>'
        "<td>364</td><td>Running</td></tr>"
        '<tr><th scope="row">2</th><td>87</td><td>Buck Baker</td><td>Buck Baker</td><td>363</td>'
        "<td>Engine</td></tr>"
        '<tr><th colspan="6">Source:<sup class="reference"><a href="#c">[3]</a></sup></th></tr>'
        "</tbody></table></body></html>"
    )
    options = ("--series", "Cup", "--year", 1955, "--round", 30, "--track", "Darlington Raceway")
    ok, rows, err = dry_run(run_import, tmp_path, page, *options, name="1955-southern-500.html")
    assert ok, err
    assert cells(rows, "finish", "number", "driver", "laps", "status") == [
        ("1", "300", "Herb Thomas", "364", "Running"),
        ("2", "87", "Buck Baker", "363", "Engine"),
    ]


def test_a_reddit_race_thread_reads_linked_and_bold_names_and_leaves_stars_their_meaning(run_import, tmp_path):
    text = (
        "**2019 GEICO 500** is in the books. Full results below.\n\n"
        "Pos | Driver | # | Start | Laps | Down | Status | Pts\n"
        "--:|:--|--:|--:|--:|--:|:--|--:\n"
        "1 | **[Chase Elliott](https://www.nascar.com/drivers/chase-elliott/)** | 9 | 11 | 188 |  | Running | 57\n"
        "2 | [Dick Johnson (Australia)](https://example.com/dick-johnson-(australia)/) | 88 | 9 | 188 |  | Running"
        " | 53\n"
        "3 | [Matt Tifft](https://www.nascar.com/drivers/matt-tifft/) *(R)* | 36 | 37 | 187 | -1 | Accident | 33\n"
        "4 | Brendan Gaughan\\* | 62 | 29 | 187 | -1 | Running | 0\n\n"
        "Edit: thanks u/pitroadspeeding\n"
    )
    ok, rows, err = dry_run(run_import, tmp_path, text, name="thread.md")
    assert ok, err
    assert cells(rows, "finish", "driver", "rookie", "ineligible") == [
        ("1", "Chase Elliott", "0", "0"),  # bold, not the "*" of an ineligible driver
        ("2", "Dick Johnson (Australia)", "0", "0"),
        ("3", "Matt Tifft", "1", "0"),
        ("4", "Brendan Gaughan", "0", "1"),
    ]


LAST_FIRST = (
    "2019 Monster Energy NASCAR Cup Series - Round 10\n\n"
    "Finish\tStart\tNo.\tDriver\tLaps\tStatus\n"
    "P1\t11\t9\tElliott, Chase\t188\tRunning\n"
    "P2\t20\t19\tTruex Jr., Martin\t188\tRunning\n"
    "P3\t5\t8\tScott, Bill (CA)\t188\tRunning\n"
    "P4\t6\t17\tStenhouse, Ricky, Jr.\t187\tAccident\n"
    "P5\t7\t47\tMacDonald, Eddie (Tifton, GA)\t187\tRunning\n"
)


def test_a_points_sheet_filing_drivers_last_first_reads_them_first_last(run_import, tmp_path):
    ok, rows, err = dry_run(run_import, tmp_path, LAST_FIRST)
    assert ok, err
    assert cells(rows, "finish", "driver") == [
        ("1", "Chase Elliott"),
        ("2", "Martin Truex Jr."),
        ("3", "Bill Scott (CA)"),
        ("4", "Ricky Stenhouse Jr."),
        ("5", "Eddie MacDonald (Tifton, GA)"),  # the history's way of telling two Eddie MacDonalds apart
    ]
    assert "'Last, First'" in err


def test_a_sheet_mixing_last_first_and_first_last_names_is_refused_naming_both_lines(run_import, tmp_path):
    text = LAST_FIRST.replace("Truex Jr., Martin", "Martin Truex Jr.")
    ok, _, err = dry_run(run_import, tmp_path, text)
    assert not ok
    assert "line 5" in err and "line 4" in err and "'Last, First'" in err


def test_a_comma_before_the_suffix_or_inside_a_qualifier_is_no_last_first_order(run_import, tmp_path):
    text = 'Pos,Driver,Laps\n1,Dale Earnhardt,188\n2,"Dale Earnhardt, Jr.",188\n3,"Eddie MacDonald (Tifton, GA)",187\n'
    ok, rows, err = dry_run(run_import, tmp_path, text, name="results.csv")
    assert ok, err
    assert cells(rows, "driver") == [("Dale Earnhardt",), ("Dale Earnhardt, Jr.",), ("Eddie MacDonald (Tifton, GA)",)]


def test_a_fan_table_writing_the_car_number_in_the_driver_cell_gives_it_to_the_car(run_import, tmp_path):
    text = "Pos | Driver | Laps\n--|--|--\n1 | #9 Chase Elliott | 188\n2 | Alex Bowman (#88) (R) | 188\n"
    ok, rows, err = dry_run(run_import, tmp_path, text, name="thread.md")
    assert ok, err
    assert cells(rows, "finish", "number", "driver", "rookie") == [
        ("1", "9", "Chase Elliott", "0"),
        ("2", "88", "Alex Bowman", "1"),
    ]


def test_a_car_number_in_the_driver_cell_that_contradicts_the_number_column_is_refused(run_import, tmp_path):
    text = "Pos,#,Driver,Laps\n1,9,#9 Chase Elliott,188\n2,88,#48 Alex Bowman,188\n"
    ok, _, err = dry_run(run_import, tmp_path, text, name="results.csv")
    assert not ok
    assert "line 3" in err and "car #48" in err and "column 88" in err


def results_page(rows):
    head = "<tr><th>Pos</th><th>Driver</th><th>Start</th><th>Laps</th></tr>"
    body = "".join(f"<tr><td>{p}</td><td>{d}</td><td>{s}</td><td>188</td></tr>" for p, d, s in rows)
    return f"<html><body><h2>Race Results</h2><table><thead>{head}</thead><tbody>{body}</tbody><tfoot>{head}</tfoot></table></body></html>"


def test_a_results_site_printing_the_team_under_the_driver_is_refused_not_glued_into_the_name(run_import, tmp_path):
    page = results_page(
        [
            (
                "1",
                "<div class='name'><a href='/drivers/chase-elliott'>Chase Elliott</a></div><div>Hendrick Motorsports</div>",
                "11",
            ),
            ("2", "<a>Alex Bowman</a><br><small>Hendrick Motorsports</small>", "9"),
        ]
    )
    ok, _, err = dry_run(run_import, tmp_path, page, name="results.html")
    assert not ok  # was read as a driver named "Chase ElliottHendrick Motorsports"
    assert "'Chase Elliott' / 'Hendrick Motorsports'" in err


def test_a_long_results_table_repeating_its_header_reads_on(run_import, tmp_path):
    page = results_page([("1", "Chase Elliott <div>(R)</div>", "11"), ("2", "Alex Bowman", "9")])
    ok, rows, err = dry_run(run_import, tmp_path, page, name="results.html")
    assert ok, err  # the header in the <tfoot> was read as a row whose finish is "Pos"
    assert cells(rows, "finish", "driver", "rookie") == [("1", "Chase Elliott", "1"), ("2", "Alex Bowman", "0")]


def test_a_race_written_from_r_or_pandas_reads_na_as_missing_and_decimals_as_whole_numbers(run_import, tmp_path):
    r = (
        '"","Finish","Start","Car","Driver","Team","Led","Pts"\n'
        '"1",1,11,"9","Chase Elliott","Hendrick Motorsports",4,57\n'
        '"2",2,9,"88","Alex Bowman",NA,NA,53\n'
    )
    pandas = ",Finish,Start,Car,Driver,Team,Led,Pts\n0,1,11,9,Chase Elliott,Hendrick Motorsports,4.0,57\n"
    pandas += "1,2.0,9,88,Alex Bowman,,,53\n"
    for text in (r, pandas):
        ok, rows, err = dry_run(run_import, tmp_path, text, name="race.csv")
        assert ok, err
        assert cells(rows, "finish", "start", "driver", "team", "led") == [
            ("1", "11", "Chase Elliott", "Hendrick Motorsports", "4"),
            ("2", "9", "Alex Bowman", "", ""),  # R's NA is no team called "NA"
        ]


def test_a_hash_in_the_driver_cell_that_is_no_car_number_is_refused_not_read_as_one(run_import, tmp_path):
    # "# J.D. Edwards" (a car without a number in the 1949 history) was read as car "J.D.", driver "Edwards"
    for cell in ("# J.D. Edwards", "#Bill Harrison", "Kyle #5 Larson"):
        text = f"Pos | Driver | Laps\n--|--|--\n1 | #9 Chase Elliott | 188\n2 | {cell} | 188\n"
        ok, _, err = dry_run(run_import, tmp_path, text, name="thread.md")
        assert not ok, cell
        assert "line 4" in err and "'#' in the driver's cell" in err


def test_car_numbers_a_data_frame_wrote_as_decimals_are_refused_not_stored_so(run_import, tmp_path):
    # pandas reads a car column with a gap as floats: "07" is 7.0 by then, and "7.0" was stored as the car
    text = ",Finish,Start,Car,Driver,Laps\n0,1,2,7.0,Ann Able,200\n1,2,1,41.5,Bo Baker,200\n2,3,3,,Cy Cole,150\n"
    ok, _, err = dry_run(run_import, tmp_path, text, name="race.csv")
    assert not ok
    assert "line 2" in err and "a car number written as a decimal" in err and "export that column as text" in err
    ok, rows, err = dry_run(run_import, tmp_path, text.replace("7.0", "07"), name="race.csv")
    assert ok, err
    assert cells(rows, "number", "driver") == [("07", "Ann Able"), ("41.5", "Bo Baker"), ("", "Cy Cole")]


def test_r_s_na_in_a_car_number_column_is_a_car_without_a_number(run_import, tmp_path):
    text = '"","Finish","Car","Driver"\n"1",1,"34","Jim Roper"\n"2",2,NA,"J.D. Edwards"\n'
    ok, rows, err = dry_run(run_import, tmp_path, text, name="race.csv")
    assert ok, err  # was refused: "column 'Car' holds neither only car numbers nor only makes"
    assert cells(rows, "number", "driver") == [("34", "Jim Roper"), ("", "J.D. Edwards")]


def test_a_number_in_brackets_after_a_name_is_refused_not_kept_in_the_name(run_import, tmp_path):
    # "Kyle Larson (5)": his car, his start or his wins? No driver's name holds one
    ok, _, err = dry_run(run_import, tmp_path, "Pos,#,Driver\n1,5,Kyle Larson (5)\n2,24,William Byron\n")
    assert not ok
    assert "line 2" in err and "a number in brackets in the driver's cell" in err and "'Kyle Larson (5)'" in err
