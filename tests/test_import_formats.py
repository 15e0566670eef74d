"""Reports arrive as glued text, delimited tables, saved web pages: each reads the same race."""

import csv
import io

import pytest

from results.models import Entry, Event

OPTIONS = ("--series", "Truck", "--year", 2022, "--track", "Mid-Ohio Sports Car Course")


def expected_as(expected_rows, delimiter, header):
    lines = [delimiter.join(header)]
    for row in expected_rows:
        lines.append(
            delimiter.join(
                row[k] for k in ["finish", "start", "number", "driver", "team", "manufacturer", "laps", "status"]
            )
        )
    return "\n".join(lines) + "\n"


def imported_rows():
    return [
        {
            "finish": str(e.finish),
            "start": str(e.start),
            "number": e.number,
            "driver": e.driver.name,
            "team": e.team.name,
            "manufacturer": e.manufacturer.name,
            "laps": str(e.laps),
            "status": e.status,
        }
        for e in Entry.objects.select_related("driver", "team", "manufacturer").order_by("finish")
    ]


def test_tab_separated_text_copied_from_a_web_page(run_import, tmp_path, expected_rows, seed_report):
    prose = seed_report.read_text(encoding="utf-8").split("Race results")[0]
    table = expected_as(expected_rows, "\t", ["Pos", "St", "#", "Driver", "Team", "Make", "Laps", "Status"])
    path = tmp_path / "2022-copied.txt"
    path.write_text(prose + "Race results\n\n" + table + "\n* – Ineligible for points\n", encoding="utf-8")
    ok, out, err = run_import(path)
    assert ok, err
    assert "tsv, 36 rows" in out
    assert imported_rows() == expected_rows
    assert Event.objects.get().track.name == "Mid-Ohio Sports Car Course"


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_plain_delimited_tables_with_loose_header_names(run_import, tmp_path, expected_rows, delimiter):
    header = ["Fin", "Start", "Car", "Driver", "Owner", "Manufacturer", "Laps", "Status"]
    path = tmp_path / "results.csv"
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    for row in expected_rows:
        writer.writerow(row.values())
    path.write_text(out.getvalue(), encoding="utf-8")
    ok, _, err = run_import(path, *OPTIONS)
    assert ok, err
    assert imported_rows() == expected_rows


def test_points_led_and_markers_in_a_csv(run_import, tmp_path):
    path = tmp_path / "points.csv"
    path.write_text(
        "Pos,No.,Driver,Laps,Laps Led,Pts,Status\n"
        "1,75,Parker Kligerman,67,56,59,running\n"
        "2,38,Zane Smith (R),67,8,54,running\n"
        "3,41,Justin Marks*,49,0,0,accident\n",
        encoding="utf-8",
    )
    ok, _, err = run_import(path, *OPTIONS)
    assert ok, err
    first, second, third = Entry.objects.order_by("finish")
    assert (first.laps_led, first.points, first.status) == (56, 59, "Running")
    assert second.rookie and second.driver.name == "Zane Smith"
    assert third.ineligible and third.driver.name == "Justin Marks"


def test_saved_results_page_picks_the_results_table(run_import, tmp_path, expected_rows):
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{'<i>' + r['driver'] + '</i>' if r['finish'] == '33' else r['driver'] + ('*' if r['finish'] == '31' else '')}</td>"
            if k == "driver"
            else f"<td>{r[k]}</td>"
            for k in ["finish", "start", "number", "driver", "team", "manufacturer", "laps", "status"]
        )
        + "</tr>"
        for r in expected_rows
    )
    page = f"""<html><head><title>Results</title></head><body>
    <p>Parker Kligerman won the NASCAR Camping World Truck Series race at Mid-Ohio Sports Car Course in 2022.</p>
    <table><tr><th>Standings</th><th>Pts</th></tr><tr><td>Kligerman</td><td>300</td></tr></table>
    <table class="results"><thead><tr><th>Pos</th><th>St</th><th>#</th><th>Driver</th><th>Team</th><th>Make</th>
    <th>Laps</th><th>Status</th></tr></thead><tbody>{body}</tbody></table></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    ok, out, err = run_import(path)
    assert ok, err
    assert "html, 36 rows" in out
    assert imported_rows() == expected_rows
    assert Entry.objects.get(finish=33).rookie and not Entry.objects.get(finish=32).rookie
    assert Entry.objects.get(finish=31).ineligible


def wikipedia_article(title: str, *rows: str) -> str:
    """A race article as saved from Wikipedia: its heading, then the race results with a row header per car."""
    body = "".join(rows) or (
        "<tr><th scope='row'>1</th><td>2</td><td>24</td><td>William Byron</td><td>Hendrick Motorsports</td>"
        "<td>Chevrolet</td><td>200</td></tr>"
    )
    return (
        f"<html><head><title>{title} - Wikipedia</title></head><body><h1 id='firstHeading'>"
        f"<span class='mw-page-title-main'>{title}</span></h1><p>The {title} was a NASCAR Cup Series race.</p>"
        "<h3>Race results</h3><table class='wikitable sortable'><tr><th>Pos</th><th>Grid</th><th>No</th>"
        f"<th>Driver</th><th>Team</th><th>Manufacturer</th><th>Laps</th></tr>{body}</table></body></html>"
    )


def test_an_article_finds_its_race_by_name_among_a_tracks_races(run_import, tmp_path, make):
    cup = make.series(name="NASCAR Cup Series", short_name="Cup")
    daytona = make.track(name="Daytona International Speedway")
    make.event(year=2024, round=1, series=cup, track=daytona, name="DAYTONA 500")
    summer = make.event(year=2024, round=25, series=cup, track=daytona, name="Coke Zero Sugar 400")
    page = tmp_path / "article.html"
    page.write_text(wikipedia_article("2024 Coke Zero Sugar 400"), encoding="utf-8")
    ok, out, err = run_import(page, "--track", "Daytona International Speedway")
    assert ok, err
    assert Entry.objects.get().event == summer

    page.write_text(wikipedia_article("2024 Duel 1"), encoding="utf-8")
    ok, out, err = run_import(page, "--track", "Daytona International Speedway")
    assert not ok
    assert "rounds 1 (DAYTONA 500), 25 (Coke Zero Sugar 400)" in err and "--round" in err


def test_wikipedia_spells_initials_apart_and_still_finds_the_known_driver(run_import, tmp_path, make):
    known = make.driver(name="A.J. Allmendinger")
    page = tmp_path / "2024-cup.html"
    page.write_text(
        "<h3>Race results</h3><table class='wikitable sortable'><tr><th>Pos</th><th>Grid</th><th>No</th>"
        "<th>Driver</th><th>Team</th><th>Manufacturer</th><th>Laps</th></tr>"
        "<tr><th scope='row'>1</th><td>2</td><td>24</td><td>William Byron</td><td>Hendrick Motorsports</td>"
        "<td>Chevrolet</td><td>200</td></tr>"
        "<tr><th scope='row'>2</th><td>1</td><td>16</td><td><a href='/wiki/AJ'>A. J. Allmendinger</a> (i)</td>"
        "<td>Kaulig Racing</td><td>Chevrolet</td><td>200</td></tr></table>",
        encoding="utf-8",
    )
    ok, out, err = run_import(page, "--series", "Cup", "--year", 2024, "--track", "Daytona International Speedway")
    assert ok, err
    assert Entry.objects.get(finish=2).driver == known
    assert "A. J. Allmendinger" not in out  # not listed among the drivers created


@pytest.mark.parametrize(
    "series_as_written, short_name",
    [
        ("NASCAR Grand National Series", "Cup"),  # the Cup series' name before 1971
        ("NASCAR Strictly Stock Series", "Cup"),
        ("NASCAR Busch Grand National Series", "Xfinity"),  # not the Grand National above
        ("NASCAR Budweiser Late Model Sportsman Series", "Xfinity"),
    ],
)
def test_an_article_of_an_older_era_names_its_series_by_the_name_of_the_day(
    run_import, tmp_path, series_as_written, short_name
):
    page = tmp_path / "article.html"
    page.write_text(
        wikipedia_article("1969 Race 1").replace("a NASCAR Cup Series race", f"a {series_as_written} race"),
        encoding="utf-8",
    )
    ok, out, err = run_import(page, "--track", "Daytona International Speedway")
    assert ok, err
    assert Event.objects.get().season.series.short_name == short_name


def test_an_article_on_another_race_at_the_track_is_not_written_over_its_only_known_race(run_import, tmp_path, make):
    cup = make.series(name="NASCAR Cup Series", short_name="Cup")
    daytona = make.track(name="Daytona International Speedway")
    make.event(year=2024, round=1, series=cup, track=daytona, name="DAYTONA 500")
    page = tmp_path / "article.html"
    page.write_text(wikipedia_article("2024 Coke Zero Sugar 400"), encoding="utf-8")
    ok, out, err = run_import(page, "--track", "Daytona International Speedway")
    assert not ok
    assert "the one race of 2024 at Daytona International Speedway is round 1 (DAYTONA 500)" in err
    assert not Entry.objects.exists()
    ok, out, err = run_import(page, "--track", "Daytona International Speedway", "--round", 25)
    assert ok, err
    assert Entry.objects.get().event.round == 25

    Event.objects.filter(round=25).delete()
    page.write_text(wikipedia_article("2024 Daytona 500"), encoding="utf-8")  # the race it is: found
    ok, out, err = run_import(page, "--track", "Daytona International Speedway")
    assert ok, err
    assert Entry.objects.get().event.round == 1


def test_an_article_headed_without_the_year_is_not_written_over_another_race_at_the_track(run_import, tmp_path, make):
    cup = make.series(name="NASCAR Cup Series", short_name="Cup")
    daytona = make.track(name="Daytona International Speedway")
    make.event(year=2023, round=26, series=cup, track=daytona, name="Coke Zero Sugar 400")  # the summer race
    make.event(year=2024, round=1, series=cup, track=daytona, name="DAYTONA 500")
    page = tmp_path / "article.html"
    page.write_text(wikipedia_article("Coke Zero Sugar 400"), encoding="utf-8")
    ok, out, err = run_import(page, "--track", "Daytona International Speedway", "--year", 2024)
    assert not ok
    assert (
        f"{page}: the report is headed 'Coke Zero Sugar 400', but the one race of 2024 at Daytona International "
        "Speedway is round 1 (DAYTONA 500)"
    ) in err
    assert not Entry.objects.exists()

    for heading in ("Daytona 500", "Race results"):  # the race it is, or a heading that names no race: found
        page.write_text(wikipedia_article(heading), encoding="utf-8")
        ok, out, err = run_import(page, "--track", "Daytona International Speedway", "--year", 2024)
        assert ok, err
        assert Entry.objects.get().event.round == 1
