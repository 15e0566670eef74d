"""An operator pastes a race's results as the newspaper printed them (AP agate): each line read as it
states it, or the import refused naming the line. The real races of every era are in
tests/test_import_corpus.py (formats agate, agate-run-in, agate-numbered)."""

import pytest

from results.models import Entry, Event

OPTIONS = ("--series", "Cup", "--year", 2010, "--round", 36, "--track", "Homestead-Miami Speedway")
HEAD = "Ford 400\nAt Homestead-Miami Speedway\nLap length: 1.5 miles\n(Start position in parentheses)\n\n"
FIELDS = ("finish", "start", "number", "driver__name", "manufacturer__name", "laps", "status", "points", "rating")


def imported():
    rows = Entry.objects.order_by("finish").values_list(*FIELDS, "rookie", "ineligible")
    return [tuple(str(v) if v is not None and not isinstance(v, bool) else v for v in row) for row in rows]


def paper(tmp_path, results, head=HEAD):
    path = tmp_path / "paper.txt"
    path.write_text(
        head + results + "\n\nRace Statistics\nTop 10 in Points: 1. C.Edwards, 6,393; 2. J.Johnson, 6,360.\n"
    )
    return path


def test_a_papers_results_with_wrapped_lines_reasons_out_and_jr(run_import, tmp_path):
    """The first line labels the numbers, the others follow its order; a reason out comes before the
    laps; a line wraps; two results share a paragraph; "Jr." before the comma is the name's."""
    path = paper(
        tmp_path,
        "1. (2) Carl Edwards, Ford, 267 laps, 150.0 rating, 195 points, $400,000.\n"
        "2. (6) Dale Earnhardt Jr., Chevrolet, 267,\n   119.4, 175, $200,000.\n"
        "3. (28) Kevin Harvick (R), Chevrolet, 266, 111.3, 165, $133,333. 4. (1) Kasey Kahne, Toyota,\n"
        "accident, 134, 97.3, 160, $100,000.\n"
        "5. (5) Corey Day (i), Ford, engine, 12, 30.0, 0, $80,000.",
    )

    ok, out, err = run_import(path, *OPTIONS)

    assert ok, err
    assert "agate, 5 rows" in out and "winnings ($400,000 ...) are not imported" in out
    # the paper does not say a car without a reason was running: the operator is told it was read so
    assert "3 of 5 results print no reason out: stored as Running, as papers print a reason only for a car" in out
    assert imported() == [
        ("1", "2", "", "Carl Edwards", "Ford", "267", "Running", "195", "150.0", False, False),
        ("2", "6", "", "Dale Earnhardt Jr.", "Chevrolet", "267", "Running", "175", "119.4", False, False),
        ("3", "28", "", "Kevin Harvick", "Chevrolet", "266", "Running", "165", "111.3", True, False),
        ("4", "1", "", "Kasey Kahne", "Toyota", "134", "Accident", "160", "97.3", False, False),
        ("5", "5", "", "Corey Day", "Ford", "12", "Engine", "0", "30.0", False, True),
    ]


def test_an_old_paper_gives_laps_and_money_and_jr_after_a_comma(run_import, tmp_path):
    path = paper(
        tmp_path,
        "1. (2) Richard Petty, Plymouth, 200, $4,500.\n\n"
        "2. (1) Buck Baker, Jr., Chevrolet, 199, $2,250.\n\n"
        "3. (3) Lee Petty, Plymouth, overheating, 87, $1,500.",
    )

    ok, out, err = run_import(path, "--series", "Cup", "--year", 1962, "--round", 10, "--track", "Richmond")

    assert ok, err
    assert [row[:7] for row in imported()] == [
        ("1", "2", "", "Richard Petty", "Plymouth", "200", "Running"),
        ("2", "1", "", "Buck Baker Jr.", "Chevrolet", "199", "Running"),
        ("3", "3", "", "Lee Petty", "Plymouth", "87", "Overheating"),
    ]
    assert {row[7] for row in imported()} == {None}  # no points printed: none stored


def test_a_legend_line_places_car_numbers_laps_led_and_status(run_import, tmp_path):
    head = HEAD + "Finish, (start), car number, driver, make, laps, laps led, status, points, money\n"
    path = paper(
        tmp_path,
        "1. (4) 48 Jimmie Johnson, Chevrolet, 267, 190, running, 47, $412,000.\n"
        "2. (1) X Bob Welborn, Chevrolet, 267, 0, running, 42, $300,000.\n"
        "3. (3) 07 Casey Mears, Dodge, 100, 2, fuel pump, 41, $200,000.\n",
        head,
    )

    ok, _, err = run_import(path, *OPTIONS)

    assert ok, err
    assert [row[:7] for row in imported()] == [
        ("1", "4", "48", "Jimmie Johnson", "Chevrolet", "267", "Running"),
        ("2", "1", "X", "Bob Welborn", "Chevrolet", "267", "Running"),
        ("3", "3", "07", "Casey Mears", "Dodge", "100", "Fuel Pump"),
    ]
    assert list(Entry.objects.order_by("finish").values_list("laps_led", flat=True)) == [190, 0, 2]


REFUSED = [
    (
        "1. (4) 48 Jimmie Johnson, Chevrolet, 200, 0, running, 47, $412,000.\n"
        "2. (1) 2 Kurt Busch, Dodge, 200, 3, running, 42, $300,000.",
        "line 6",
        "numbers without labels (200, 0, 47)",
    ),
    (
        "1. (2) Richard Petty, Randleman, Plymouth, 200, $4,500.\n2. (1) Ned Jarrett, Ford, 199, $2,250.",
        "line 6",
        "'Randleman' as the make is neither a make the site knows",
    ),
    (  # no hometown: "SS" is no state
        "1. (4) Jimmie Johnson, Chevy, SS, 267.\n2. (1) Ned Jarrett, Ford, 199.",
        "line 6",
        "'Chevy' as the make is neither a make the site knows",
    ),
    (
        "1. (2) Carl Edwards, Ford, 267 laps, 150.0 rating, 195 points.\n2. (6) Jimmie Johnson, Chevrolet, 267, 175.",
        "line 7",
        "2 numbers, where the report gives 3 (laps, rating, points)",
    ),
    (
        "1. (2) Carl Edwards, Ford, 267.\n2. (6) Jimmie Johnson, Chevrolet, 267.\n4. (3) Kyle Busch, Toyota, 266.",
        "line 8",
        "the results run 1 to 2, then line 8 gives finish 4",
    ),
    (
        "1. (2) Carl Edwards, Ford, 267.\n\nLap leaders: Edwards 1-267.\n\n2. (6) Jimmie Johnson, Chevrolet, 267.",
        "line 10",
        "the results stop after 1 finishes, but line 10 reads like finish 2",
    ),
    (
        "1. (2) 99 Carl Edwards, Ford, 267.\n2. (6) Jimmie Johnson, Chevrolet, 267.",
        "line 7",
        "no car number, where the other results give one",
    ),
]


@pytest.mark.parametrize(("results", "where", "message"), REFUSED)
def test_what_a_line_does_not_state_plainly_is_refused_naming_it(run_import, tmp_path, results, where, message):
    ok, _, err = run_import(paper(tmp_path, results), *OPTIONS)

    assert not ok
    assert f"paper.txt, {where}" in err and message in err and "expected:" in err
    assert not Event.objects.exists()


def test_a_single_result_is_read_when_the_format_is_named(run_import, tmp_path):
    path = paper(tmp_path, "1. (2) Carl Edwards, Ford, 267 , 195 points.", head="Ford 400\n\n")
    ok, _, err = run_import(path, *OPTIONS)
    assert not ok and "no results table found" in err
    assert "(a newspaper's results, '1. (4) Jimmie Johnson, Chevrolet, 200': --format agate)" in err

    ok, _, err = run_import(path, *OPTIONS, "--format", "agate")

    assert ok, err
    assert [row[:8] for row in imported()] == [("1", "2", "", "Carl Edwards", "Ford", "267", "", "195")]


@pytest.mark.parametrize(
    "result", ["1. (2) Carl Edwards, Ford, 267 laps, 195 points.", "1. (2) Carl Edwards, Ford, 267."]
)
def test_a_single_result_under_a_papers_heading_is_read_without_naming_the_format(run_import, tmp_path, result):
    # "(Start position in parentheses)" above it, or "267 laps": no other format reads so (it was "no results
    # table found" unless --format agate)
    ok, out, err = run_import(paper(tmp_path, result), *OPTIONS)

    assert ok, err
    assert "agate, 1 rows" in out
    assert [row[:6] for row in imported()] == [("1", "2", "", "Carl Edwards", "Ford", "267")]


def test_an_old_papers_hometowns_are_read_and_named_as_not_kept(run_import, tmp_path):
    # "Randleman, N.C." after the driver was refused as an unknown make: the whole race with it
    path = paper(
        tmp_path,
        "1. (2) Richard Petty, Randleman, N.C., Plymouth, 200, $4,500.\n"
        "2. (1) Ned Jarrett, Newton, NC, Ford, 199, $2,250.\n"
        "3. (4) Buck Baker, Jr., Charlotte, N. C., Chevrolet, 198, $1,900.\n"
        "4. (3) Frank Warren, Augusta, Ga., overheating, 87, $1,500.\n"
        "5. (5) Jim Paschal, Chevrolet, 80, $1,000.",
    )

    ok, out, err = run_import(path, "--series", "Cup", "--year", 1962, "--round", 10, "--track", "Richmond")

    assert ok, err
    assert "hometowns (Randleman, N.C. ...) are not imported" in out
    assert [row[:7] for row in imported()] == [
        ("1", "2", "", "Richard Petty", "Plymouth", "200", "Running"),
        ("2", "1", "", "Ned Jarrett", "Ford", "199", "Running"),
        ("3", "4", "", "Buck Baker Jr.", "Chevrolet", "198", "Running"),
        ("4", "3", "", "Frank Warren", None, "87", "Overheating"),
        ("5", "5", "", "Jim Paschal", "Chevrolet", "80", "Running"),
    ]


def test_a_hometown_in_a_region_no_state_list_has_is_read_before_a_known_make(run_import, tmp_path):
    # Tasmania is no US state nor Canadian province: the make after it says "Launceston, Tasmania" is a hometown
    path = paper(tmp_path, "1. (3) Marcos Ambrose, Launceston, Tasmania, Ford, 90.\n2. (1) Kurt Busch, Dodge, 90.")

    ok, out, err = run_import(path, *OPTIONS)

    assert ok, err
    assert "hometowns (Launceston, Tasmania ...) are not imported" in out
    assert [row[:6] for row in imported()] == [
        ("1", "3", "", "Marcos Ambrose", "Ford", "90"),
        ("2", "1", "", "Kurt Busch", "Dodge", "90"),
    ]


def test_a_paper_whose_brackets_hold_the_car_number_is_refused(run_import, tmp_path):
    head = HEAD.replace("(Start position in parentheses)", "(Car number in parentheses)")
    path = paper(tmp_path, "1. (48) Jimmie Johnson, Chevrolet, 267.\n2. (99) Carl Edwards, Ford, 267.", head)

    ok, _, err = run_import(path, *OPTIONS)

    assert not ok
    assert "paper.txt, line 4: the report says its brackets hold the Car number, not the start" in err


def test_a_make_the_site_does_not_know_is_not_taken_for_a_reason_out(run_import, tmp_path):
    path = paper(tmp_path, "1. (4) Jimmie Johnson, chevy, 267.\n2. (1) Carl Edwards, accident, 200.")

    ok, _, err = run_import(path, *OPTIONS)

    assert not ok
    assert "line 6: finish 1 (line 6): 'chevy' as the make is neither a make the site knows" in err


def test_a_number_the_paper_left_out_stays_unknown_in_its_place(run_import, tmp_path):
    path = paper(
        tmp_path,
        "1. (2) Carl Edwards, Ford, 267 laps, 150.0 rating, 195 points.\n2. (6) Jimmie Johnson, Chevrolet, , 119.4, 175.",
    )

    ok, _, err = run_import(path, *OPTIONS)

    assert ok, err
    assert [row[5:9] for row in imported()] == [("267", "", "195", "150.0"), (None, "", "175", "119.4")]
