"""A fan in a real browser: open the seed race, sort, filter, follow the winner; search with a typo, browse
the indexes, compare two drivers; every page type at 375 and 1280 px, light and dark, without sideways
scrolling and without serious accessibility faults (axe-core). Screenshots kept.

Drives Debian's headless Chromium (/usr/bin/chromium) with Playwright on a live server. Where
Chromium is not installed the test skips, unless REQUIRE_BROWSER is set (CI sets it). axe-core comes
from the project's package.json (``make install`` runs ``npm ci``).
"""

import json
from pathlib import Path

import pytest

from tests.conftest import SHOTS, required

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (375, 1280)
pytestmark = pytest.mark.browser


@pytest.fixture
def seed_race(run_import, seed_report):
    """Imported before the browser starts: Playwright's event loop must not see ORM calls."""
    assert run_import(seed_report, "--round", 15)[0]


@pytest.fixture
def site(seed_race, make):
    """The seed race, plus two Cup seasons at Daytona where Richard Petty and Kyle Petty meet."""
    from results.models import Driver, Manufacturer, Team

    cup = make.series(name="NASCAR Cup Series", short_name="Cup", sort_order=0)
    daytona = make.track(
        name="Daytona International Speedway", length_miles="2.5", surface="paved", kind="superspeedway"
    )
    petty, kyle = make.driver(name="Richard Petty"), make.driver(name="Kyle Petty")
    hendrick, ford = (
        Team.objects.get_or_create(name="Hendrick Motorsports", key="hendrick motorsports")[0],
        Manufacturer.objects.get(key="ford"),
    )
    others = list(Driver.objects.exclude(pk__in=[petty.pk, kyle.pk])[:8])
    for year in (2023, 2024):
        for round_number, name in [(1, "DAYTONA 500"), (2, "Coke Zero Sugar 400")]:
            race = make.event(year=year, round=round_number, series=cup, track=daytona, name=name)
            field = [petty, kyle, *others] if round_number == 1 else [kyle, petty, *others]
            for finish, driver in enumerate(field, start=1):
                make.entry(
                    event=race,
                    driver=driver,
                    finish=finish,
                    start=len(field) + 1 - finish,
                    team=hendrick,
                    manufacturer=ford,
                    laps=200,
                    laps_led=max(0, 60 - 10 * finish),
                    status="Running",
                    points=40 - finish,
                    number=str(finish * 3),
                )
    # a track's long name in the driver page's filter must not widen a phone's page
    road = make.track(name="Daytona International Speedway Road Course", length_miles="3.61", surface="road")
    race = make.event(year=2024, round=3, series=cup, track=road, name="O'Reilly Auto Parts 253")
    make.entry(event=race, driver=petty, finish=1, team=hendrick, manufacturer=ford, number="43")
    return {"petty": petty, "kyle": kyle}


def test_fan_sorts_filters_and_follows_the_winner(seed_race, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/races/2022-truck-15-mid-ohio-sports-car-course/")
    assert page.locator("h1").inner_text().startswith("2022")
    rows = page.locator("table.results tbody tr")
    assert rows.count() == 36
    page.screenshot(path=SHOTS / "1-race.png", full_page=True)

    page.get_by_role("link", name="St", exact=True).click()
    page.wait_for_url("**sort=start**")
    starts = page.locator("table.results tbody tr td:nth-child(2)").all_inner_texts()
    assert [int(s) for s in starts] == list(range(1, 37))
    page.screenshot(path=SHOTS / "2-sorted-by-start.png", full_page=True)

    page.get_by_label("Make", exact=True).select_option(label="Toyota")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**manufacturer=toyota**")
    makes = page.locator("table.results tbody tr td:nth-child(6)").all_inner_texts()
    assert len(makes) == 14 and set(makes) == {"Toyota"}
    assert page.locator("table.results tbody tr td:nth-child(2)").first.inner_text() == "1"  # still sorted by start
    page.screenshot(path=SHOTS / "3-toyotas.png", full_page=True)

    page.locator("dl.facts dt:text-is('Winner') + dd a").click()
    page.wait_for_url("**/drivers/parker-kligerman/")
    assert page.locator("h1").inner_text() == "Parker Kligerman"
    assert page.locator("figure.chart svg").count() >= 1
    page.screenshot(path=SHOTS / "4-winner-career.png", full_page=True)

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/races/2022-truck-15-mid-ohio-sports-car-course/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # the table scrolls, the page does not
    page.screenshot(path=SHOTS / "5-phone.png", full_page=True)


def test_fan_finds_things_with_a_typo_browses_indexes_and_compares(site, live_server, browser_page):
    page = browser_page
    page.goto(live_server.url + "/")
    page.locator("header.site").get_by_role("searchbox").fill("ricahrd petty")
    page.locator("header.site").get_by_role("button", name="Search").click()
    page.wait_for_url("**/drivers/richard-petty/")
    assert page.locator("h1").inner_text() == "Richard Petty"

    page.get_by_label("Head to head with").fill("kyle pety")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url("**/drivers/richard-petty/vs/kyle-petty/")
    assert "4 races together" in page.locator("p.lede").inner_text()
    page.screenshot(path=SHOTS / "6-head-to-head.png", full_page=True)

    page.locator("header.site").get_by_role("searchbox").fill("hendrik")
    page.locator("header.site").get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    if "/search/" in page.url:  # several matches: the list, best first
        page.locator("ol.search-results a").first.click()
    page.wait_for_url("**/teams/hendrick-motorsports/")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Tracks").click()
    page.wait_for_url("**/tracks/")
    page.get_by_role("link", name="Track", exact=True).click()  # sort by name
    page.wait_for_url("**sort=name**")
    names = page.locator("table.results tbody tr td:nth-child(1)").all_inner_texts()
    assert names == sorted(names) and "Daytona International Speedway" in names
    page.screenshot(path=SHOTS / "7-tracks.png", full_page=True)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Makes").click()
    page.wait_for_url("**/manufacturers/")
    assert page.locator("table.results tbody tr").count() >= 3


PAGES = {
    "home": "/",
    "series": "/series/cup/",
    "season": "/series/cup/2024/",
    "race": "/races/2022-truck-15-mid-ohio-sports-car-course/",
    "drivers": "/drivers/",
    "driver": "/drivers/richard-petty/",
    "head-to-head": "/drivers/richard-petty/vs/kyle-petty/",
    "tracks": "/tracks/",
    "track": "/tracks/daytona-international-speedway/",
    "teams": "/teams/",
    "team": "/teams/hendrick-motorsports/",
    "makes": "/manufacturers/",
    "make": "/manufacturers/ford/",
    "records": "/series/cup/records/",
    "search": "/search/?q=petty",
    "open data": "/data/",
    "API docs": "/api/v1/docs/",
    "not-found": "/drivers/nobody-at-all/",
}


def test_every_page_fits_a_phone_and_a_desktop_and_passes_axe(site, live_server, chromium):
    if not AXE.exists():
        required(AXE, "run make install (npm ci installs axe-core)")
    axe = AXE.read_text(encoding="utf-8")
    faults, overflows = [], []
    for scheme in ("light", "dark"):
        # the site's CSP allows no inline script: the test's own injection is let through
        context = chromium.new_context(color_scheme=scheme, bypass_csp=True)
        page = context.new_page()
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for name, path in PAGES.items():
                page.goto(live_server.url + path)
                if name == "API docs":
                    page.wait_for_selector(".opblock")  # Swagger UI draws the operations after loading
                page_width = page.evaluate("document.documentElement.scrollWidth")
                if page_width > width:
                    overflows.append(f"{name} {width}px {scheme}: {page_width}px wide")
                page.screenshot(path=SHOTS / f"{width}-{scheme}-{name}.png", full_page=True)
                page.add_script_tag(content=axe)
                found = page.evaluate(
                    """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
                        .filter(v => v.impact === "serious" || v.impact === "critical")
                        .map(v => ({id: v.id, impact: v.impact, help: v.help,
                                    where: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))"""
                )
                faults += [f"{name} {width}px {scheme}: {json.dumps(fault)}" for fault in found]
        context.close()
    assert not overflows, "\n".join(overflows)
    assert not faults, "\n".join(faults)
