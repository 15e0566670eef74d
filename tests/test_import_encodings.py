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


def test_a_garbled_i_acute_is_refused_not_stored_as_a_new_driver(run_import, tmp_path):
    """'í' garbled is 'Ã' and a soft hyphen: the hyphen, read as an invisible mark, took the clue with it
    and 'Rubén GarcÃa Jr.' was created beside the real Rubén García Jr."""
    garbled = "Pos,St,#,Driver,Laps\n1,2,27,Rubén García Jr.,200\n".encode().decode("cp1252").encode()
    ok, rows, err = dry_run(run_import, tmp_path, garbled)
    assert not ok
    assert "line 2: the driver name is UTF-8 text read in another encoding" in err
    assert "'Rubén García Jr.'" in err


def test_a_name_in_capitals_with_a_curly_apostrophe_is_read_as_written(run_import, tmp_path):
    """'É’' reads back as other letters when taken for garbled UTF-8; it is plain French and English."""
    table = "Pos,St,#,Driver,Team,Laps\n1,2,27,JOSÉ’S SON,ANDRÉ’S RACING,200\n"
    ok, rows, err = dry_run(run_import, tmp_path, table.encode())
    assert ok, err
    assert (rows[0]["driver"], rows[0]["team"]) == ("JOSÉ’S SON", "ANDRÉ’S RACING")


@pytest.mark.parametrize("codec", ["rot13", "hex", "zlib"])
def test_a_codec_that_is_no_text_encoding_is_refused(run_import, tmp_path, codec):
    """Python knows them as codecs, but they turn bytes into bytes or text into text."""
    ok, rows, err = dry_run(run_import, tmp_path, TABLE.encode(), "--encoding", codec)
    assert not ok
    assert f"'{codec}' is not a text encoding" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "data, codec",
    [
        (b"Pos,Driver,Laps\n1,Daniel +2AA-Suarez,500\n", "utf-7"),
        (b"Pos,Driver,Laps\n1,Daniel \\ud800Suarez,500\n", "unicode_escape"),
    ],
)
def test_an_encoding_that_decodes_to_a_lone_surrogate_names_the_line(run_import, tmp_path, data, codec):
    """No database can store half a UTF-16 pair: the writer's encoder raised UnicodeEncodeError."""
    from results.models import ImportRun

    path = tmp_path / "results.csv"
    path.write_bytes(data)
    ok, out, err = run_import(path, *OPTIONS, "--encoding", codec)
    assert not ok
    assert "line 2: the file decodes to a lone surrogate (U+D800)" in err and "--encoding" in err
    assert ImportRun.objects.get().outcome == "failed"


@pytest.mark.parametrize("encoding", ["rot13", "utf-7"])
def test_an_editor_choosing_an_encoding_that_cannot_be_stored_gets_the_error_not_a_500(editor_client, encoding):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from results.models import ImportRun

    upload = SimpleUploadedFile("bristol.csv", b"Pos,Driver,Laps\n1,Daniel +2AA-Suarez,500\n")
    fields = {"series": "Cup", "year": 2019, "round": 24, "track": "Bristol Motor Speedway", "encoding": encoding}
    response = editor_client.post("/admin/results/importrun/import/", {"file": upload, "preview": "1", **fields})
    assert response.status_code == 200
    assert "bristol.csv" in response.content.decode()
    assert ImportRun.objects.get().outcome == "failed"
