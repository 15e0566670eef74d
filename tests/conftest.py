import datetime
import itertools
import os
from pathlib import Path

import pytest

from results import summaries
from results.models import Driver, Entry, Event, Manufacturer, Season, Series, Team, Track

pytest_plugins = ["tests.standings_seasons"]  # the standings tests' seasons, shared by their modules

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"


def shared_path(*parts):
    """A file under ../shared, or a skip that says why when the folder is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: tests that read ../shared need it beside the project")
    return path


class Factory:
    """Tiny factory: each ``make.x(...)`` writes one row with sensible defaults."""

    def __init__(self):
        self._seq = itertools.count(1)

    def series(self, name="NASCAR Truck Series", short_name="Truck", **kw):
        return Series.objects.get_or_create(name=name, defaults={"short_name": short_name, **kw})[0]

    def season(self, year=2022, series=None, **kw):
        series = series or self.series()
        return Season.objects.get_or_create(series=series, year=year, defaults=kw)[0]

    def track(self, name=None, **kw):
        return Track.objects.create(name=name or f"Track {next(self._seq)}", **kw)

    def driver(self, name=None, **kw):
        return Driver.objects.create(name=name or f"Driver {next(self._seq)}", **kw)

    def team(self, name=None, **kw):
        return Team.objects.create(name=name or f"Team {next(self._seq)}", **kw)

    def manufacturer(self, name="Chevrolet"):
        return Manufacturer.objects.get_or_create(key=name.lower(), defaults={"name": name})[0]

    def event(self, year=2022, round=None, series=None, track=None, **kw):
        season = self.season(year=year, series=series)
        if round is None:
            round = season.events.count() + 1
        kw.setdefault("date", datetime.date(year, 3, 1) + datetime.timedelta(days=7 * round))
        return Event.objects.create(season=season, round=round, track=track or self.track(), **kw)

    def entry(self, event=None, driver=None, finish=None, **kw):
        event = event or self.event()
        if finish is None:
            finish = event.entries.count() + 1
        entry = Entry.objects.create(event=event, driver=driver or self.driver(), finish=finish, **kw)
        summaries.refresh(seasons=[event.season_id])  # as imports and admin edits do
        return entry


def required(what, why):
    """Skip a test that needs ``what``, or fail it where the browser tests must run (REQUIRE_BROWSER, CI)."""
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(f"{what} is missing but REQUIRE_BROWSER is set: {why}")
    pytest.skip(f"{what} is missing ({why})")


@pytest.fixture
def chromium():
    """Headless Chromium (Debian's); skips where it is not installed, unless REQUIRE_BROWSER is set."""
    if not CHROMIUM.exists():
        required(CHROMIUM, "install the chromium package")
    playwright_api = pytest.importorskip("playwright.sync_api")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    """One page at 1280 x 900 (the browser tests)."""
    return chromium.new_page(viewport={"width": 1280, "height": 900})


@pytest.fixture
def make(db):
    return Factory()


@pytest.fixture
def season(make):
    """Two 2022 Truck races: Kligerman wins at Mid-Ohio, Smith at Pocono; Miura crashes out."""
    chevrolet, toyota, ford = make.manufacturer("Chevrolet"), make.manufacturer("Toyota"), make.manufacturer("Ford")
    people = {
        "kligerman": make.driver(name="Parker Kligerman"),
        "smith": make.driver(name="Zane Smith"),
        "miura": make.driver(name="Kenkō Miura"),
        "heim": make.driver(name="Corey Heim"),
    }
    thorsport = make.team(name="ThorSport Racing")
    mid_ohio = make.track(name="Mid-Ohio Sports Car Course", length_miles="2.258", surface="road")
    pocono = make.track(name="Pocono Raceway", length_miles="2.5", surface="paved")
    first = make.event(round=1, track=mid_ohio, name="O'Reilly 150", report_text="Kligerman led all but eleven laps.")
    second = make.event(round=2, track=pocono, name="CRC Brakleen 150")
    rows = [
        (first, "kligerman", 1, 2, "75", chevrolet, 67, 56, "Running", 59),
        (first, "smith", 2, 13, "38", ford, 67, 8, "Running", 54),
        (first, "heim", 3, 1, "51", toyota, 60, 3, "Transmission", 26),
        (first, "miura", 4, 32, "33", toyota, 42, 0, "Accident", 4),
        (second, "smith", 1, 1, "38", ford, 60, 40, "Running", 55),
        (second, "kligerman", 2, 3, "75", chevrolet, 60, 10, "Running", 45),
        (second, "miura", 3, 2, "33", toyota, 58, 0, "Running", 30),
    ]
    for event, who, finish, start, number, maker, laps, led, status, points in rows:
        Entry.objects.create(
            event=event,
            driver=people[who],
            finish=finish,
            start=start,
            number=number,
            manufacturer=maker,
            team=thorsport,
            laps=laps,
            laps_led=led,
            status=status,
            points=points,
        )
    summaries.refresh(seasons=[first.season_id])
    return {"events": (first, second), **people, "thorsport": thorsport, "mid_ohio": mid_ohio, "toyota": toyota}


@pytest.fixture
def editor(db, django_user_model):
    """Edna edits results: staff, in the Editors group, not a superuser."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("edna", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def results_state():
    """Every row of every results table (the import log aside), to prove an import changed nothing."""
    from django.apps import apps

    state = {}
    for model in apps.get_app_config("results").get_models():
        if model.__name__ == "ImportRun":
            continue  # the log records each attempt, failed ones included, by design
        state[model.__name__] = list(model.objects.order_by("pk").values_list())
    return state


@pytest.fixture
def seed_report():
    return shared_path("reports", "2022-truck-mid-ohio.txt")


@pytest.fixture
def expected_rows():
    import csv

    with open(shared_path("reports", "2022-truck-mid-ohio.expected.csv"), encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def run_import(db):
    """Call ``import_report`` as an operator would; returns (exit ok, stdout, stderr)."""
    from io import StringIO

    from django.core.management import CommandError, call_command

    def run(*args):
        out, err = StringIO(), StringIO()
        try:
            call_command("import_report", *[str(a) for a in args], stdout=out, stderr=err)
        except CommandError as error:
            return False, out.getvalue(), err.getvalue() + str(error)
        return True, out.getvalue(), err.getvalue()

    return run


@pytest.fixture
def truck_csv_2022(tmp_path):
    """The real 2022 Truck season, cut from ../shared/data/nascar/truck_series.csv."""
    source = shared_path("data", "nascar", "truck_series.csv")
    path = tmp_path / "truck_series_2022.csv"
    with open(source, encoding="utf-8") as handle:
        lines = [line for i, line in enumerate(handle) if i == 0 or line.startswith("2022,")]
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def fresh_search_index():
    """The search index is kept per results version in each process; tests roll their data back and
    count versions from the same number again, so each starts with none."""
    from results.search import clear_cache

    clear_cache()
    yield
    clear_cache()
