"""Files as Windows, Excel and old Macs save them: every encoding read into the right letters, or
the operator told which option fixes it. Never "SuÃ¡rez"."""

import csv
import io

import pytest

OPTIONS = ("--series", "Cup", "--year", 2019, "--round", 24, "--track", "Bristol Motor Speedway")
TABLE = "Pos,St,#,Driver,Team,Make,Laps\r\n1,5,99,Daniel Suárez,Stewart-Haas Racing,Ford,500\r\n2,4,20,Erik Jones,Young’s Motorsports,Toyota,500\r\n"


def dry_run(run_import, tmp_path, data, *extra, name="results.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    ok, out, err = run_import(path, "--dry-run", "--as", "csv", *OPTIONS, *extra)
    return ok, list(csv.DictReader(io.StringIO(out))) if ok else [], err


@pytest.mark.parametrize(
    "data",
    [
        TABLE.encode("utf-8"),
        b"\xef\xbb\xbf" + TABLE.encode("utf-8"),
        TABLE.encode("utf-16"),
        TABLE.encode("utf-16-le"),
        TABLE.encode("utf-16-be"),
        TABLE.encode("cp1252"),
        TABLE.replace("’", "'").encode("latin-1"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-16-le", "utf-16-be", "windows-1252", "latin-1"],
)
def test_every_encoding_reads_the_same_names(run_import, tmp_path, data):
    ok, rows, err = dry_run(run_import, tmp_path, data)
    assert ok, err
    assert rows[0]["driver"] == "Daniel Suárez"
    assert rows[1]["team"] in {"Young’s Motorsports", "Young's Motorsports"}
    assert rows[0]["finish"] == "1"


def test_a_guessed_encoding_is_said_and_the_option_overrides_it(run_import, tmp_path):
    data = TABLE.replace("’", "'").encode("mac-roman")  # "á" is 0x87 there, "‡" in Windows-1252
    ok, rows, err = dry_run(run_import, tmp_path, data)
    assert ok
    assert "read as windows-1252" in err and "--encoding" in err
    ok, rows, err = dry_run(run_import, tmp_path, data, "--encoding", "mac-roman")
    assert ok, err
    assert rows[0]["driver"] == "Daniel Suárez"


def test_an_encoding_that_does_not_fit_the_bytes_names_the_line(run_import, tmp_path):
    ok, rows, err = dry_run(run_import, tmp_path, TABLE.encode("cp1252"), "--encoding", "utf-8")
    assert not ok
    assert "line 2" in err and "not UTF-8 (byte 0xe1)" in err and "--encoding" in err


def test_an_unknown_encoding_name_is_refused(run_import, tmp_path):
    ok, rows, err = dry_run(run_import, tmp_path, TABLE.encode(), "--encoding", "klingon")
    assert not ok and "unknown encoding 'klingon'" in err


def test_a_report_already_garbled_before_it_was_saved_is_refused_with_the_names_it_meant(run_import, tmp_path):
    # a page read as Windows-1252 and pasted into a UTF-8 file: the bytes are good UTF-8, the names not
    garbled = TABLE.encode("utf-8").decode("cp1252").encode("utf-8")
    ok, rows, err = dry_run(run_import, tmp_path, garbled)
    assert not ok
    assert "line 2: the driver name is UTF-8 text read in another encoding before it was saved" in err
    assert "'Daniel SuÃ¡rez'" in err and "'Daniel Suárez'" in err
