"""Text tables as operators paste and save them: tabs, commas, semicolons, aligned columns, rows
in any order, notes inside, and header words that mean different things on different sites."""

import csv
import io

import pytest

OPTIONS = ("--series", "Cup", "--year", 1965, "--round", 5, "--track", "Piedmont Interstate Fairgrounds")


def dry_run(run_import, tmp_path, text, *options, name="results.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    ok, out, err = run_import(path, "--dry-run", "--as", "csv", *(options or OPTIONS))
    return ok, list(csv.DictReader(io.StringIO(out))) if ok else [], err


def cells(rows, *keys):
    return [tuple(r[k] for k in keys) for r in rows]


def test_car_number_order_with_car_x_dnq_lines_a_legend_and_totals(run_import, tmp_path):
    text = (
        "Car,Driver,Team,Make,Start,Finish,Laps,Led,Status,Pts\n"
        "11,Ned Jarrett,Bondy Long,Ford,5,1,200,65,running,400\n"
        "29,Dick Hutcherson,Holman Moody,Ford,1,3,160,133,rear end,336\n"
        "\n"
        "49,G.C. Spencer*,GC Spencer Racing,Ford,4,2,178,0,running,384\n"
        "X,Bob Derrington,Bob Derrington,Ford,16,4,177,2,running,368\n"
        "55,Tiny Lund,Lyle Stelter,Dodge,,DNQ,,,,\n"
        "\n"
        "* ineligible for driver points\n"
        ",Totals,,,,,715,200,,1488\n"
    )
    ok, rows, err = dry_run(run_import, tmp_path, text)
    assert ok, err
    assert cells(rows, "finish", "number", "driver", "led", "ineligible") == [
        ("1", "11", "Ned Jarrett", "65", "0"),
        ("2", "49", "G.C. Spencer", "0", "1"),
        ("3", "29", "Dick Hutcherson", "133", "0"),
        ("4", "X", "Bob Derrington", "2", "0"),
    ]
    assert "not results, not imported: line 7 '55 | Tiny Lund" in err and "line 10 'Totals" in err


@pytest.mark.parametrize("name", ["results.txt", "results.csv"])
def test_cars_that_failed_to_qualify_are_not_read_as_finishers(run_import, tmp_path, name):
    # a results sheet pasted with its non-qualifiers: numbered on after the field, under a line
    # saying so, or marked DNQ in the status column
    aligned = (
        "Pos  St   #  Driver            Laps  Status\n"
        "  1   5  11  Ned Jarrett        200  Running\n"
        "  2   4  49  G.C. Spencer       178  Running\n"
        "Failed to qualify\n"
        "  3      55  Tiny Lund                 \n"
        "  4      68  Bob Derrington            DNQ\n"
    )
    text = aligned
    if name == "results.csv":
        text = (
            "Pos,St,#,Driver,Laps,Status\n1,5,11,Ned Jarrett,200,Running\n2,4,49,G.C. Spencer,178,Running\n"
            "3,,68,Bob Derrington,,DNQ\nDid not qualify\n4,,55,Tiny Lund,,\n"
        )
    ok, rows, err = dry_run(run_import, tmp_path, text, name=name)
    assert ok, err
    assert cells(rows, "finish", "driver") == [("1", "Ned Jarrett"), ("2", "G.C. Spencer")]
    assert "Tiny Lund" in err and "Bob Derrington" in err


def test_a_row_that_cannot_be_read_stops_the_import_where_it_is(run_import, tmp_path):
    text = (
        "Pos\tSt\t#\tDriver\tLaps\n1\t5\t11\tNed Jarrett\t200\n2\t4\t49\tG.C. Spencer\n3\t16\t68\tBob Derrington\t177\n"
    )
    ok, rows, err = dry_run(run_import, tmp_path, text)
    assert not ok
    assert "line 3" in err and "the row has 4 cells, the header 5" in err


@pytest.mark.parametrize(
    "header, values, field, expected",
    [
        ("Car", ["11", "X"], "number", ["11", "X"]),
        ("Car", ["Ford", "Dodge"], "manufacturer", ["Ford", "Dodge"]),
        ("Truck", ["Chevrolet", "Toyota"], "manufacturer", ["Chevrolet", "Toyota"]),
    ],
    ids=["car-number", "car-make", "truck-make"],
)
def test_car_is_a_number_or_a_make_as_its_values_say(run_import, tmp_path, header, values, field, expected):
    text = f"Pos,Driver,{header},Laps\n1,Ned Jarrett,{values[0]},200\n2,G.C. Spencer,{values[1]},178\n"
    ok, rows, err = dry_run(run_import, tmp_path, text)
    assert ok, err
    assert [r[field] for r in rows] == expected


def test_a_car_column_of_numbers_beside_a_number_column_stops_the_import(run_import, tmp_path):
    text = "Pos,#,Driver,Car,Laps\n1,11,Ned Jarrett,11,200\n2,49,G.C. Spencer,49,178\n"
    ok, rows, err = dry_run(run_import, tmp_path, text)
    assert not ok
    assert "two columns give the number: '#' and 'Car'" in err


def test_times_led_is_not_laps_led_and_unknown_columns_are_named(run_import, tmp_path):
    text = "Fin\tSt\t#\tDriver\tTms Led\tLaps\tCrew Chief\n1\t5\t11\tNed Jarrett\t3\t200\tSmith\n2\t4\t49\tG.C. Spencer\t1\t178\tJones\n"
    ok, rows, err = dry_run(run_import, tmp_path, text)
    assert ok, err
    assert [r["led"] for r in rows] == ["", ""]
    assert "column 'Tms Led' is not imported (times led, not laps led" in err
    assert "column 'Crew Chief' is not imported (not a column the importer knows)" in err


def test_sponsor_owner_gives_the_team_and_sponsor_make_the_make(run_import, tmp_path):
    text = (
        "Pos\tStr\t#\tDriver\tSponsor / Owner\tSponsor / Make\tLaps\n"
        "1\t5\t11\tNed Jarrett\tCheerios   (Bondy Long)\tCheerios Ford\t200\n"
        "2\t4\t49\tG.C. Spencer\t(Spencer Racing (G.C.))\tDodge\t178\n"
    )
    ok, rows, err = dry_run(run_import, tmp_path, text)
    assert ok, err
    assert cells(rows, "start", "team", "manufacturer") == [
        ("5", "Bondy Long", "Ford"),
        ("4", "Spencer Racing (G.C.)", "Dodge"),
    ]


def test_a_sponsor_without_an_owner_is_refused_not_guessed(run_import, tmp_path):
    text = "Pos\tDriver\tSponsor / Owner\tLaps\n1\tNed Jarrett\tCheerios\t200\n"
    ok, rows, err = dry_run(run_import, tmp_path, text)
    assert not ok
    assert "line 2" in err and "has no owner in brackets" in err


def test_semicolons_with_decimal_commas(run_import, tmp_path):
    text = "Pos;Start;#;Driver;Laps;Rating\n1;5;11;Ned Jarrett;200;129,8\n2;4;49;G.C. Spencer;178;98,0\n"
    ok, rows, err = dry_run(run_import, tmp_path, text)
    assert ok, err
    assert "semicolon-separated, 2 rows" in err


def test_every_field_quoted_with_crlf(run_import, tmp_path):
    text = '"Finish","Start","Car #","Driver","Laps"\r\n"1","5","11","Ned Jarrett (R)","200"\r\n"2","4","49","G.C. Spencer","178"\r\n'
    ok, rows, err = dry_run(run_import, tmp_path, text)
    assert ok, err
    assert cells(rows, "number", "driver", "rookie") == [("11", "Ned Jarrett", "1"), ("49", "G.C. Spencer", "0")]


def test_aligned_columns_with_empty_cells_and_a_header_repeated_after_a_page_break(run_import, tmp_path):
    text = (
        "NASCAR Grand National Series - Official Race Results\n\n"
        "Fin  Str  Car  Driver           Sponsor / Make   Laps  Led  Status     Pts\n"
        "  1    5   11  Ned Jarrett(R)   Cheerios Ford     200   65  Running    400\n"
        "  2         49  G.C. Spencer     Ford              178    0  Running    384\n"
        "\n"
        "Official Race Results                      Page 1 of 2\n"
        "Fin  Str  Car  Driver           Sponsor / Make   Laps  Led  Status     Pts\n"
        "  3   16   68  Bob Derrington   Ford              177    0  Rear End   368\n"
        "\n"
        "Time of Race: 1 Hr, 22 Mins\n"
    )
    ok, rows, err = dry_run(run_import, tmp_path, text, name="box.txt")
    assert ok, err
    assert cells(rows, "finish", "start", "number", "driver", "manufacturer", "led", "status", "rookie") == [
        ("1", "5", "11", "Ned Jarrett", "Ford", "65", "Running", "1"),
        ("2", "", "49", "G.C. Spencer", "Ford", "0", "Running", "0"),
        ("3", "16", "68", "Bob Derrington", "Ford", "0", "Rear End", "0"),
    ]
    assert "aligned text, 3 rows" in err


def test_a_pdf_sheet_whose_header_stands_on_two_lines(run_import, tmp_path):
    # NASCAR's results sheets stack their headers (Fin over Pos, Laps over Led), and pdftotext keeps
    # the two lines; the numbers are right-aligned under them
    text = (
        "NASCAR Grand National Series - Unofficial Race Results\n\n"
        "Fin  Str  Car                                           Tms  Laps            Driver\n"
        "Pos  Pos    #  Driver         Sponsor / Make    Laps    Led   Led  Status      Pts\n"
        "  1    5   11  Ned Jarrett    Cheerios Ford      200      3    65  Running     400\n"
        "  2        49  G.C. Spencer   Ford               178      0     0  Running     384\n"
        "  3   16  68X  Bob Derrington Ford               177      1    12  Rear End    368\n"
    )
    ok, rows, err = dry_run(run_import, tmp_path, text, name="sheet.txt")
    assert ok, err
    assert cells(rows, "finish", "start", "number", "driver", "laps", "led", "points") == [
        ("1", "5", "11", "Ned Jarrett", "200", "65", "400"),
        ("2", "", "49", "G.C. Spencer", "178", "0", "384"),
        ("3", "16", "68X", "Bob Derrington", "177", "12", "368"),
    ]
    assert "column 'Tms Led' is not imported (times led" in err


def test_columns_that_are_not_lined_up_are_refused(run_import, tmp_path):
    text = "Fin  St  Driver  Laps\n1 5 Ned Jarrett 200\n2 4 G.C. Spencer 178\n"
    ok, rows, err = dry_run(run_import, tmp_path, text, name="loose.txt")
    assert not ok
    assert "lies under both" in err


def test_the_top_ten_in_points_below_the_results_is_not_the_race(run_import, tmp_path):
    text = (
        "Fin  St   #  Driver          Laps  Status\n"
        "  1   5  11  Ned Jarrett      200  running\n"
        "  2   4  49  G.C. Spencer     178  running\n"
        "\nTop 10 in points after the race\n\n"
        "Pos  Driver          Points  Diff\n"
        "  1  Ned Jarrett       1400  leader\n"
    )
    ok, rows, err = dry_run(run_import, tmp_path, text, name="rr.txt")
    assert ok, err
    assert cells(rows, "finish", "driver", "points") == [("1", "Ned Jarrett", ""), ("2", "G.C. Spencer", "")]


def test_text_under_no_header_is_refused_not_given_to_a_neighbour(run_import, tmp_path):
    text = "Fin  Driver           Laps\n  1  Ned Jarrett       200     running\n  2  G.C. Spencer      178     engine\n"
    ok, rows, err = dry_run(run_import, tmp_path, text, name="shifted.txt")
    assert not ok
    assert "line 2: text at characters 32-38 lies under no header" in err and "running" in err


def test_a_markdown_table_with_borders(run_import, tmp_path):
    text = "| Pos | Car | Driver | Status |\n|----:|-----|--------|--------|\n| 1 | 11 | Ned Jarrett | running |\n| 2 | 49 | G.C. Spencer | |\n"
    ok, rows, err = dry_run(run_import, tmp_path, text, name="table.md")
    assert ok, err
    assert cells(rows, "finish", "number", "driver", "status") == [
        ("1", "11", "Ned Jarrett", "Running"),
        ("2", "49", "G.C. Spencer", ""),
    ]


def test_a_table_without_race_columns_is_read_with_a_warning(run_import, tmp_path):
    ok, rows, err = dry_run(run_import, tmp_path, "Pos,Driver,Pts\n1,Ned Jarrett,400\n2,G.C. Spencer,384\n")
    assert ok, err
    assert "the table has no start, laps, laps led or status: check that it is a race's results" in err


def test_a_start_of_0_is_an_unknown_start_as_the_1982_sources_write_it(run_import, tmp_path):
    """Xfinity 1982-83 sources give 0 for the starts they do not know (965 of them in the history):
    the operator gets those rows with no start, a warning naming their lines, and the known starts."""
    text = (
        "Fin,St,#,Driver,Laps,Status\n"
        "1,3,00,Sam Ard,150,running\n"
        "2,0,,Bubba Nissen,150,running\n"
        "3,1,22,Rick Mast,150,running\n"
        "4,0,,Bosco Lowe,150,running\n"
    )
    options = ("--series", "Xfinity", "--year", 1982, "--round", 2, "--track", "Richmond Fairgrounds Raceway")
    ok, rows, err = dry_run(run_import, tmp_path, text, *options)
    assert ok, err
    assert cells(rows, "driver", "start") == [
        ("Sam Ard", "3"),
        ("Bubba Nissen", ""),
        ("Rick Mast", "1"),
        ("Bosco Lowe", ""),
    ]
    assert "start 0 read as start unknown (lines 3, 5)" in err


def test_a_dnf_or_dns_written_in_lower_case_is_the_same_status_as_in_capitals(run_import, tmp_path):
    """'dnf' was stored 'Dnf' beside another report's 'DNF': a status filter found half of them."""
    text = "Fin,St,#,Driver,Laps,Status\n1,3,11,Ned Jarrett,200,running\n2,1,29,Dick Hutcherson,160,dnf\n"
    text += "3,2,49,G.C. Spencer,150,DNF\n4,4,55,Tiny Lund,0,dns\n5,5,6,Bob Welborn,0,Engine (dnf)\n"
    ok, rows, err = dry_run(run_import, tmp_path, text)
    assert ok, err
    assert cells(rows, "status") == [("Running",), ("DNF",), ("DNF",), ("DNS",), ("Engine",)]


def test_a_dnf_marker_with_no_reason_before_it_is_the_status_not_a_stray_bracket(run_import, tmp_path):
    """'(DNF)' was stored as '(' and '— DNF' as no status at all: the marker was taken off a reason
    that was not there."""
    text = "Fin,St,#,Driver,Laps,Status\n1,3,11,Ned Jarrett,200,running\n2,1,29,Dick Hutcherson,160,(DNF)\n"
    text += "3,2,49,G.C. Spencer,150,— DNF\n"
    ok, rows, err = dry_run(run_import, tmp_path, text)
    assert ok, err
    assert cells(rows, "status") == [("Running",), ("(DNF)",), ("— DNF",)]
