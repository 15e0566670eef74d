"""A fan in a real browser: open the seed race, sort, filter, follow the winner. Screenshots kept.

Drives Debian's headless Chromium (/usr/bin/chromium) with Playwright on a live server. Where
Chromium is not installed the test skips, unless REQUIRE_BROWSER is set (CI sets it).
"""

import pytest

from tests.conftest import SHOTS

pytestmark = pytest.mark.browser


@pytest.fixture
def seed_race(run_import, seed_report):
    """Imported before the browser starts: Playwright's event loop must not see ORM calls."""
    assert run_import(seed_report, "--round", 15)[0]


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

    page.get_by_label("Make").select_option(label="Toyota")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**manufacturer=toyota**")
    makes = page.locator("table.results tbody tr td:nth-child(6)").all_inner_texts()
    assert len(makes) == 14 and set(makes) == {"Toyota"}
    assert page.locator("table.results tbody tr td:nth-child(2)").first.inner_text() == "1"  # still sorted by start
    page.screenshot(path=SHOTS / "3-toyotas.png", full_page=True)

    page.locator("dl.facts dt:text-is('Winner') + dd a").click()
    page.wait_for_url("**/drivers/parker-kligerman/")
    assert page.locator("h1").inner_text() == "Parker Kligerman"
    assert page.locator("figure.chart svg").count() == 1
    page.screenshot(path=SHOTS / "4-winner-career.png", full_page=True)

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/races/2022-truck-15-mid-ohio-sports-car-course/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # the table scrolls, the page does not
    page.screenshot(path=SHOTS / "5-phone.png", full_page=True)
