"""Real races of every series and era, in every format reports are published in, read back as the
history has them: each row exactly, or the race refused with an error naming the line. Never a
wrong row. (bench/formats.py runs the same check over more races and a loaded database.)"""

import pytest

from results.importers.read import read_report
from results.importers.report import ReportError
from results.importers.writer import Options, import_report
from tests.conftest import shared_path
from tests.corpus import check, races
from tests.corpus.formats import FORMATS

# glued rows: with nothing known, what the digits alone cannot settle is refused with the lines to
# settle (62% of this sample reads exactly; bench/glued.py measures more races, and the history)
SHARE = {f.name: 0.5 if f.name == "glued" else 0.9 for f in FORMATS}


@pytest.fixture(scope="module")
def sample():
    shared_path("data", "nascar")
    return races.sample(per_decade=2, seed=11)


def read_back(fmt, race):
    """(verdict, error): the rows the reader returns, held against the history."""
    try:
        report = read_report(fmt.render(race), fmt.filename(race))
    except ReportError as error:
        assert fmt.filename(race) in str(error) and "expected:" in str(error)
        return None, error
    return check.compare(race, fmt, report.rows), None


@pytest.mark.parametrize("fmt", FORMATS, ids=[f.name for f in FORMATS])
def test_every_era_reads_back_exactly_or_is_refused(fmt, sample):
    exact = rows = 0
    wrong = []
    for race in sample:
        verdict, _ = read_back(fmt, race)
        rows += len(check.truth.rows(race))
        if verdict is not None:
            exact += verdict.exact
            wrong += [f"{race.key}: {w}" for w in verdict.wrong]
    assert wrong == []
    assert exact >= SHARE[fmt.name] * rows, f"{exact} of {rows} rows exact"


@pytest.mark.parametrize("fmt", FORMATS, ids=[f.name for f in FORMATS])
def test_an_operator_dry_run_of_a_stage_era_race(fmt, db):
    """The whole import path, prose claims included, as ``import_report --dry-run`` runs it."""
    shared_path("data", "nascar")
    race = races.season_races("Truck")[(2025, 4)]  # Kyle Larson (i) in #07, Corey Day (i)
    options = Options(series=race.series, year=race.year, round=race.round, track=race.track)
    try:
        outcome = import_report(fmt.render(race), fmt.filename(race), options, dry_run=True)
    except ReportError as error:
        assert fmt.name == "glued", str(error)
        return
    verdict = check.compare(race, fmt, outcome.report.rows)
    assert verdict.wrong == []
    assert verdict.exact == verdict.rows
