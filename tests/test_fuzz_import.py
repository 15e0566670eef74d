"""Thousands of broken reports: every one ends in success or a clear error, never a crash,
and an error leaves the database exactly as it was."""

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from results.importers.read import read_report
from results.importers.report import ReportError
from results.importers.writer import Options, import_report
from tests.conftest import results_state, shared_path

OPTIONS = Options(series="Truck", year=2022, track="Mid-Ohio Sports Car Course", round=15)
FORMULAS = ["=cmd|' /C calc'!A0", "+SUM(1+1)", "@import", '=HYPERLINK("http://x")', "-2+3"]


def seed_bytes():
    return shared_path("reports", "2022-truck-mid-ohio.txt").read_bytes()


def csv_bytes():
    with open(shared_path("reports", "2022-truck-mid-ohio.expected.csv"), encoding="utf-8") as handle:
        return handle.read().encode("utf-8")


def html_bytes():
    rows = list(csv.DictReader(io.StringIO(csv_bytes().decode())))
    body = "".join("<tr>" + "".join(f"<td>{v}</td>" for v in row.values()) + "</tr>" for row in rows)
    head = "".join(f"<th>{k}</th>" for k in rows[0])
    return f"<html><body><table><tr>{head}</tr>{body}</table></body></html>".encode()


@st.composite
def mutated(draw, original):
    """The original bytes after one to five edits of the kinds real files suffer."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(
            st.sampled_from(
                ["cut", "drop-line", "dup-line", "swap-digits", "bytes", "formula", "char", "encode", "huge"]
            )
        )
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        lines = bytes(data).split(b"\n")
        line = draw(st.integers(0, len(lines) - 1))
        if kind == "cut":
            data = data[:at]
        elif kind == "drop-line":
            data = bytearray(b"\n".join(lines[:line] + lines[line + 1 :]))
        elif kind == "dup-line":
            data = bytearray(b"\n".join(lines[: line + 1] + lines[line:]))
        elif kind == "swap-digits":
            digits = [i for i, b in enumerate(data) if 48 <= b <= 57]
            if len(digits) >= 2:
                i, j = draw(st.sampled_from(digits)), draw(st.sampled_from(digits))
                data[i], data[j] = data[j], data[i]
        elif kind == "bytes":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "formula":
            data[at:at] = draw(st.sampled_from(FORMULAS)).encode()
        elif kind == "char":
            data[at:at] = draw(st.characters(codec="utf-8")).encode("utf-8", "surrogatepass")
        elif kind == "encode":
            data = bytearray(
                bytes(data).decode("utf-8", "replace").encode(draw(st.sampled_from(["latin-1", "utf-16"])), "replace")
            )
        elif kind == "huge":
            data = data + data * draw(st.integers(1, 3))
    return bytes(data)


def read_or_refuse(data, source):
    try:
        read_report(data, source)
    except ReportError as error:
        assert source in str(error)


@pytest.mark.parametrize("original", [seed_bytes, csv_bytes, html_bytes], ids=["glued-text", "csv", "html"])
def test_the_readers_never_crash(original):
    @settings(max_examples=700, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(mutated(original()))
    def check(data):
        read_or_refuse(data, "fuzzed-report")

    check()


@pytest.mark.django_db
@pytest.mark.parametrize("original", [seed_bytes, csv_bytes, html_bytes], ids=["glued-text", "csv", "html"])
def test_a_failed_import_changes_nothing(original):
    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(mutated(original()))
    def check(data):
        before = results_state()
        try:
            import_report(data, "fuzzed-report", OPTIONS)
        except ReportError as error:
            assert "fuzzed-report" in str(error)
            assert results_state() == before

    check()
