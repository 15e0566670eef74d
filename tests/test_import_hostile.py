"""Inputs built to break the import (found by an attack on the import paths): each ends in a
clean error naming the file, the line and what to do, from the command line and from admin;
nothing is written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from results.importers.decode import MAX_BYTES
from results.models import Event, ImportRun

OPTIONS = ("--series", "Truck", "--year", 2022, "--round", 15, "--track", "Mid-Ohio Sports Car Course")
HEADER = "Pos,St,#,Driver,Laps\n"


@pytest.mark.parametrize(
    "data, fragments",
    [
        (
            (HEADER + "1,2,75,Parker Kligerman," + "9" * 5000 + "\n").encode(),
            ["line 2", "a laps cell of 5,000 characters"],
        ),
        ((HEADER + "1,2,75,Parker Kligerman," + "0" * 450 + "9\n").encode(), ["line 2", "laps is out of range"]),
        (
            (HEADER + "1,2,75,Parker Kligerman,67\n²,13,38,Zane Smith,67\n").encode(),
            ["line 3", "finish is not a position"],
        ),
        ((HEADER + "1,2,75,Parker Kligerman,٦٧\n").encode(), ["line 2", "laps is not a whole number"]),
        (
            (HEADER + "".join(f"{i},{i},{i},Driver {i}son,67\n" for i in range(1, 200))).encode() + b"\x00tail\n",
            ["line 201", "NUL character"],
        ),
        ((HEADER + "1,2,75," + "K" * 200_000 + ",67\n").encode(), ["line 2", "cannot be read as csv", "field larger"]),
        ((HEADER + "1,2,75," + "K" * 100_000 + ",67\n").encode(), ["line 2", "driver cell of 100,000 characters"]),
        (
            (HEADER + "".join(f"{i},{i},{i},Driver {i}son,67\n" for i in range(1, 700))).encode(),
            ["line 502", "the table has more than 500 rows", "at most 500 cars"],
        ),
        ((HEADER + "1,2,ABCDEFG,Parker Kligerman,67\n").encode(), ["line 2", "not a car number"]),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", ["a PDF document", "copy the results table out of the PDF"]),
        (b"PK\x03\x04" + bytes(200), ["Excel .xlsx", "save the sheet as CSV"]),
        (
            b"<html><body><table><tr><th>Pos</th><th>Driver</th><th>Laps</th></tr>"
            + b'<tr><td colspan="999999999">1</td></tr><tr><td>1</td><td>Ann Able</td><td>9</td></tr></table></body></html>',
            [],
        ),
        (b"<html><body>" + b"<div>" * 5000 + b"</body></html>", ["no race results table found"]),
    ],
    ids=[
        "5000-digit-number",
        "451-digit-number",
        "superscript-digit",
        "arabic-digits",
        "nul-after-4096",
        "200kb-field",
        "100kb-cell",
        "700-rows",
        "long-car-number",
        "pdf",
        "xlsx",
        "huge-colspan",
        "deep-html",
    ],
)
def test_hostile_reports_end_in_a_clean_error_or_a_clean_reading(run_import, tmp_path, data, fragments):
    path = tmp_path / "hostile.csv"
    path.write_bytes(data)
    ok, out, err = run_import(path, "--dry-run", *OPTIONS)
    assert "Traceback" not in out + err
    if not fragments:
        assert ok, err
        return
    assert not ok
    assert str(path) in err
    for fragment in fragments:
        assert fragment in err, err
    assert ImportRun.objects.get().outcome == "failed"


def test_a_file_over_the_limit_is_refused_by_its_size(run_import, tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: its size is all the command may look at
    ok, out, err = run_import(path, *OPTIONS)
    assert not ok
    assert f"the file is {MAX_BYTES + 1:,} bytes" in err and "split the file" in err


def test_an_upload_over_the_limit_gets_an_error_page_not_a_500(editor_client):
    upload = SimpleUploadedFile("huge.csv", b"x" * (MAX_BYTES + 1), content_type="text/csv")
    response = editor_client.post("/admin/results/importrun/import/", {"file": upload, "preview": "1"})
    assert response.status_code == 200
    assert "split the file" in response.content.decode()
    assert not Event.objects.exists()


def test_an_upload_in_windows_1252_previews_and_confirms_the_same_names(editor_client):
    data = "Pos,Driver,Laps\r\n1,Daniel Suárez,500\r\n2,Erik Jones,500\r\n".encode("cp1252")
    upload = SimpleUploadedFile("bristol.csv", data, content_type="text/csv")
    fields = {"series": "Cup", "year": 2019, "round": 24, "track": "Bristol Motor Speedway"}
    preview = editor_client.post("/admin/results/importrun/import/", {"file": upload, "preview": "1", **fields})
    assert "Daniel Suárez" in preview.content.decode()
    text = preview.context["form"]["text"].value()
    response = editor_client.post("/admin/results/importrun/import/", {"text": text, "confirm": "1", **fields})
    assert response.status_code == 302
    assert Event.objects.get().entries.get(finish=1).driver.name == "Daniel Suárez"


def test_a_dry_run_as_csv_neutralises_formula_cells(run_import, tmp_path):
    path = tmp_path / "formula.csv"
    path.write_text('Pos,Driver,Team,Laps\n1,"=HYPERLINK(""http://x"")",@Team,67\n', encoding="utf-8")
    ok, out, err = run_import(path, "--dry-run", "--as", "csv", *OPTIONS)
    assert ok, err
    assert "'=HYPERLINK" in out and ",'@Team," in out


def test_an_empty_upload_is_refused_by_the_importer_and_logged(editor_client, editor):
    upload = SimpleUploadedFile("results.csv", b"", content_type="text/csv")
    response = editor_client.post("/admin/results/importrun/import/", {"file": upload, "preview": "1"})
    assert "results.csv: the file is empty" in response.content.decode()
    run = ImportRun.objects.get()
    assert (run.outcome, run.source, run.user) == ("failed", "results.csv", editor)


@pytest.mark.parametrize("page", ["import", "paste"])
def test_a_nul_in_pasted_text_is_refused_by_the_importer_and_logged(editor_client, make, page):
    text = HEADER + "1,2,75,Parker Kligerman,67\n2,13,38,Zane\x00 Smith,67\n"
    url = "/admin/results/importrun/import/" if page == "import" else f"/admin/results/event/{make.event().pk}/paste/"
    response = editor_client.post(url, {"text": text, "preview": "1", "series": "Truck", "year": 2022, "track": "T"})
    assert "the file is binary, not text" in response.context["error"]  # as an upload's would be
    assert ImportRun.objects.get().outcome == "failed"


def test_a_report_of_3_mb_previews_and_confirms_from_admin(editor_client):
    """Over Django's 2.5 MB default for a request's fields: the confirmation sends the report back as text."""
    notes = "Notes from the pit lane, none of them results.\n" * (3 * 1024 * 1024 // 47)
    data = (notes + "\nPos,Driver,Laps\n1,Ann Able,9\n2,Bo Baker,9\n").encode()
    facts = {"series": "Truck", "year": 2022, "round": 15, "track": "Mid-Ohio Sports Car Course"}
    upload = SimpleUploadedFile("long.txt", data, content_type="text/plain")
    preview = editor_client.post("/admin/results/importrun/import/", {"file": upload, **facts, "preview": "1"})
    form = preview.context["form"]
    carried = {name: form[name].value() for name in ("text", "source_name", "decoded_from")}
    confirmed = editor_client.post("/admin/results/importrun/import/", {**carried, **facts, "confirm": "1"})
    assert confirmed.status_code == 302
    assert Event.objects.get().entries.count() == 2


def test_a_report_of_3_mb_pasted_into_a_race_is_saved(editor_client, make):
    """The paste page posts its form url-encoded: a report's commas and line breaks take three bytes each."""
    from urllib.parse import urlencode

    event = make.event()
    notes = "Notes, from the pit lane; none of them results.\n" * (3 * 1024 * 1024 // 48)
    text = notes + "\nPos,Driver,Laps\n1,Ann Able,9\n2,Bo Baker,9\n"
    response = editor_client.post(
        f"/admin/results/event/{event.pk}/paste/",
        urlencode({"text": text, "confirm": "1"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 302
    assert event.entries.count() == 2


@pytest.mark.parametrize("kind", ["directory", "missing"])
def test_a_path_that_is_no_readable_file_is_refused_and_logged(run_import, tmp_path, kind):
    path = tmp_path / "results.csv"
    if kind == "directory":
        path.mkdir()
    ok, out, err = run_import(path, *OPTIONS)
    assert not ok
    assert f"{path}: cannot read the file" in err
    assert ImportRun.objects.get().outcome == "failed"


def test_a_pipe_that_never_ends_is_read_no_further_than_the_limit(run_import, tmp_path):
    """A named pipe (or /dev/zero) says its size is 0: the command read it whole, without end."""
    import os
    import threading

    fifo = tmp_path / "results.csv"  # a .csv is looked at for the history's header first
    os.mkfifo(fifo)
    written, done = [], threading.Event()

    def feed():  # 32 MB at most, to whoever opens the pipe (a reader that closes it early gets the rest anew)
        chunk = b"1,2,75,Parker Kligerman,67\n" * 40_000  # about 1 MB
        while sum(written) < 32 * len(chunk) and not done.is_set():
            try:
                with open(fifo, "wb") as pipe:
                    while sum(written) < 32 * len(chunk):
                        pipe.write(chunk)
                        written.append(len(chunk))
            except BrokenPipeError:
                pass  # the command stopped reading: what it should do

    feeder = threading.Thread(target=feed)
    feeder.start()
    ok, out, err = run_import(fifo, *OPTIONS)
    done.set()
    os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))  # frees a feeder waiting for a reader
    feeder.join()
    assert not ok
    assert f"{fifo}: the input is over {MAX_BYTES:,} bytes" in err
    assert sum(written) < 2 * MAX_BYTES
    assert ImportRun.objects.get().outcome == "failed"


def test_a_file_named_in_latin_1_imports_and_is_logged_by_its_name(run_import, tmp_path):
    """A name from an old Windows share: Python gives it surrogates, which no log nor terminal takes."""
    import os

    name = os.fsdecode(bytes(tmp_path) + b"/r\xe9sultats.csv")
    with open(name, "wb") as handle:
        handle.write((HEADER + "1,2,75,Parker Kligerman,67\n").encode())
    ok, out, err = run_import(name, *OPTIONS)
    assert ok, err
    assert f"{tmp_path}/r\ufffdsultats.csv: csv, 1 rows" in out
    assert ImportRun.objects.get().source.endswith("r\ufffdsultats.csv")


@pytest.mark.parametrize("page", ["import", "paste"])
def test_invisible_marks_pasted_from_a_web_page_are_read_as_the_name_the_page_shows(editor_client, make, page):
    """A zero-width joiner or a right-to-left override made a second "Zane Smith" that looked the same."""
    smith = make.driver(name="Zane Smith")
    text = HEADER + "1,2,75,\u202eParker Kligerman\u200b,67\n2,13,38,Zane\u200d Smith,67\n"
    facts = {"series": "Truck", "year": 2022, "round": 15, "track": "Mid-Ohio Sports Car Course"}
    event = make.event(round=15, track=make.track(name="Mid-Ohio Sports Car Course"))
    url = "/admin/results/importrun/import/" if page == "import" else f"/admin/results/event/{event.pk}/paste/"
    response = editor_client.post(url, {"text": text, "confirm": "1", **facts})
    assert response.status_code == 302, response.context.get("error")
    assert event.entries.get(finish=2).driver == smith
    assert event.entries.get(finish=1).driver.name == "Parker Kligerman"


@pytest.mark.parametrize("name", ["Parker\x07Kligerman", "Parker\x1b[31mKligerman", "Parker\x9bKligerman"])
def test_a_control_character_inside_a_name_is_refused_naming_it(run_import, tmp_path, name):
    path = tmp_path / "results.csv"
    path.write_text(HEADER + f"1,2,75,{name},67\n")
    ok, out, err = run_import(path, *OPTIONS)
    assert not ok
    assert f"{path}, line 2: a control character (U+{ord(name[6]):04X}) in the driver" in err
    assert not Event.objects.exists()
    assert ImportRun.objects.get().outcome == "failed"


def test_an_upload_in_windows_1252_just_under_the_limit_previews_and_confirms(editor_client, monkeypatch):
    """The file's size passed, but its text, re-encoded as UTF-8 for the importer, was then held to the
    byte limit: "the file is 6,854,692 bytes" for a 5 MB file the command line imports."""
    monkeypatch.setattr("results.importers.decode.MAX_BYTES", 100_000)
    table = "Pos,Driver,Laps\r\n1,Daniel Suárez,500\r\n2,Erik Jones,500\r\n"
    data = (table + "Notes: Suárez–Pérez\r\n" * 4_500).encode("cp1252")
    assert 90_000 < len(data) < 100_000 < len(data.decode("cp1252").encode("utf-8"))
    fields = {"series": "Cup", "year": 2019, "round": 24, "track": "Bristol Motor Speedway"}
    upload = SimpleUploadedFile("bristol.csv", data, content_type="text/csv")
    preview = editor_client.post("/admin/results/importrun/import/", {"file": upload, "preview": "1", **fields})
    assert preview.context.get("error") is None, preview.context.get("error")
    form = preview.context["form"]
    carried = {name: form[name].value() for name in ("text", "source_name", "decoded_from")}
    response = editor_client.post("/admin/results/importrun/import/", {**carried, "confirm": "1", **fields})
    assert response.status_code == 302
    assert Event.objects.get().entries.get(finish=1).driver.name == "Daniel Suárez"


def test_text_carried_as_an_uploads_is_still_held_to_the_limit_in_characters(editor_client, monkeypatch):
    monkeypatch.setattr("results.importers.decode.MAX_BYTES", 100_000)
    text = "Pos,Driver,Laps\n1,Ann Able,9\n" + "note\n" * 30_000
    fields = {"series": "Cup", "year": 2019, "round": 24, "track": "Bristol Motor Speedway", "decoded_from": "utf-8"}
    response = editor_client.post("/admin/results/importrun/import/", {"text": text, "preview": "1", **fields})
    assert "the report is 150,029 characters" in response.context["error"]  # as sent: the form strips nothing
    assert ImportRun.objects.get().outcome == "failed"


def test_a_report_under_the_limit_confirmed_from_a_browser_with_crlf_line_breaks_is_not_over_it(
    editor_client, monkeypatch
):
    """Previewed as read (LF), the text comes back from the browser's textarea with CRLF: 30,000 more
    characters that were never in the file."""
    monkeypatch.setattr("results.importers.decode.MAX_BYTES", 100_000)
    text = "Pos,Driver,Laps\n1,Ann Able,9\n" + "note\n" * 19_000  # 95,029 characters
    fields = {"series": "Cup", "year": 2019, "round": 24, "track": "Bristol Motor Speedway", "decoded_from": "utf-8"}
    as_sent = {"text": text.replace("\n", "\r\n"), "source_name": "bristol.txt", "confirm": "1", **fields}
    response = editor_client.post("/admin/results/importrun/import/", as_sent)
    assert response.status_code == 302, response.context and response.context.get("error")
    assert Event.objects.get().entries.get().driver.name == "Ann Able"


def test_an_upload_refused_before_reading_is_shown_as_the_importers_errors_are_in_the_editors_words(editor_client):
    """A NUL after the first 4 KB: refused as the file is read, in the form the editor is on."""
    data = (HEADER + "1,2,75,Parker Kligerman,67\n" + "2,13,38,Zane Smith,67\n" * 200).encode() + b"\x00\n"
    upload = SimpleUploadedFile("results.csv", data, content_type="text/csv")
    response = editor_client.post("/admin/results/importrun/import/", {"file": upload, "preview": "1"})
    page = response.content.decode()
    assert response.context["error"] == (
        "results.csv, line 203: the file holds a NUL character\n  text: '\\x00'\n"
        "  expected: plain text (the file may be binary, damaged, or in another encoding: fill in Encoding)"
    )
    assert '<pre class="report-error">results.csv, line 203' in page
    assert "--encoding" not in page and page.count("the file holds a NUL character") == 1
    assert ImportRun.objects.get().outcome == "failed"
