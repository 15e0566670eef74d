"""Edna in a real browser at 1280 px: she logs in, adds a 40-car race and pastes its results, decides a
near match, corrects a row in the grid, adds a car, and no admin page she opens is wider than her screen.

Drives Debian's headless Chromium like tests/test_browser.py. The time from opening the new race's form
to its saved results is printed (run with -s to see it), not asserted: speed belongs in bench/.
"""

import time

import pytest

from results import summaries
from results.models import Entry
from tests.conftest import SHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREEN = 1280
CARS = 40


@pytest.fixture
def last_weeks_race(make, editor):
    """Round 1 of Truck 2022 with 40 known drivers; round 2 is Edna's to enter. Returns the table to paste."""
    chevrolet, ford, toyota = make.manufacturer("Chevrolet"), make.manufacturer("Ford"), make.manufacturer("Toyota")
    makes = [chevrolet, ford, toyota]
    round_one = make.event(year=2022, round=1, name="NextEra Energy 250")
    make.track(name="Mid-Ohio Sports Car Course")
    names = ["Parker Kligerman", "Zane Smith", "Kenkō Miura"] + [f"Truck Driver {n}" for n in range(4, CARS + 2)]
    teams = [make.team(name=f"Team {n}") for n in range(8)]
    for finish, name in enumerate(names, start=1):
        Entry.objects.create(
            event=round_one,
            driver=make.driver(name=name),
            finish=finish,
            number=str(finish + 10),
            manufacturer=makes[finish % 3],
            team=teams[finish % 8],
            laps=100,
        )
    summaries.refresh(seasons=[round_one.season_id])
    rows = ["Pos\tSt\t#\tDriver\tTeam\tMake\tLaps\tLed\tStatus\tPts"]
    for finish, name in enumerate(names[:CARS], start=1):
        pasted = "Parker Kligermann" if name == "Parker Kligerman" else "Kenko Miura" if name == "Kenkō Miura" else name
        start = (finish * 7) % CARS + 1
        rows.append(
            f"{finish}\t{start}\t{finish + 10}\tTeam {finish % 8}\t{makes[finish % 3].name}\t67\t{3 if finish == 1 else 0}\tRunning\t{60 - finish}".replace(
                f"{finish + 10}\tTeam", f"{finish + 10}\t{pasted}\tTeam", 1
            )
        )
    return "\n".join(rows) + "\n"


def width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def pick(page, field, text):
    """Choose ``text`` in an admin autocomplete (select2) by typing, as on a keyboard."""
    page.locator(f".field-{field} .select2-selection").first.click()
    page.locator(".select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.wait_for()
    page.keyboard.press("Enter")


def test_editor_enters_a_race_by_pasting_and_corrects_it_in_the_grid(last_weeks_race, live_server, browser_page):
    from playwright.sync_api import expect  # the browser_page fixture skips where Playwright is missing

    page, base = browser_page, live_server.url
    page.goto(f"{base}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("edna")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/admin/")

    started = time.perf_counter()
    page.goto(f"{base}/admin/results/event/add/")
    pick(page, "season", "Truck 2022")
    page.get_by_label("Round").fill("2")
    pick(page, "track", "Mid-Ohio")
    page.get_by_label("Name").fill("O'Reilly Auto Parts 150")
    assert width(page) <= SCREEN
    page.get_by_role("button", name="Save and paste results").click()
    page.wait_for_url("**/paste/")
    page.get_by_label("Results").fill(last_weeks_race)
    page.get_by_role("button", name="Preview").click()
    page.locator("table.matched").wait_for()
    expect(page.locator("table.matched tbody tr")).to_have_count(CARS)
    assert width(page) <= SCREEN
    page.screenshot(path=SHOTS / "admin-1-paste-preview.png", full_page=True)
    page.get_by_label("use existing Parker Kligerman").check()
    page.get_by_role("button", name="Save these results").click()
    page.locator(".messagelist .success").wait_for()
    elapsed = time.perf_counter() - started
    print(
        f"\n{CARS}-car race entered from a pasted table in {elapsed:.1f} s (form, paste, preview, one decision, save)"
    )

    page.wait_for_load_state()
    expect(page.locator(".entry-grid tbody tr.has_original")).to_have_count(CARS)
    assert width(page) <= SCREEN
    page.screenshot(path=SHOTS / "admin-2-entry-grid.png", full_page=True)

    # one correction: the third car led a lap; Enter saves and stays
    led = page.locator('input[name="entries-2-laps_led"]')
    led.fill("1")
    led.press("Enter")
    page.locator(".messagelist .success").wait_for()
    expect(page.locator('input[name="entries-2-laps_led"]')).to_have_value("1")

    # a late entry: his number and make come from his last race
    page.locator(".entry-grid .add-row a").click()
    new_row = page.locator(".entry-grid tbody tr.dynamic-entries").last
    assert new_row.locator('input[name$="-finish"]').input_value() == str(CARS + 1)
    new_row.locator(".field-driver .select2-selection").click()
    page.locator(".select2-search__field").fill(f"Truck Driver {CARS + 1}")
    page.locator(".select2-results__option", has_text=f"Truck Driver {CARS + 1}").first.wait_for()
    page.keyboard.press("Enter")
    number = new_row.locator('input[name$="-number"]')
    page.wait_for_function("el => el.value !== ''", arg=number.element_handle())
    assert number.input_value() == str(CARS + 11)
    assert new_row.locator('select[name$="-manufacturer"] option:checked').inner_text() == "Toyota"  # as in round 1
    page.screenshot(path=SHOTS / "admin-3-late-entry.png", full_page=True)
    number.press("Enter")
    page.locator(".messagelist .success").wait_for()
    expect(page.locator(".entry-grid tbody tr.has_original")).to_have_count(CARS + 1)

    # every other page she may open fits the screen too
    page.get_by_role("link", name="History").click()
    page.locator(".import-history").wait_for()
    assert width(page) <= SCREEN
    for url in [
        "/admin/",
        "/admin/results/event/",
        "/admin/results/driver/",
        "/admin/results/team/",
        "/admin/results/track/",
        "/admin/results/manufacturer/",
        "/admin/results/season/",
        "/admin/results/series/",
        "/admin/results/importrun/",
        "/admin/results/merge/",
        "/admin/results/importrun/import/",
        "/admin/results/driver/add/",
        "/admin/results/track/add/",
    ]:
        page.goto(base + url)
        assert width(page) <= SCREEN, url
    page.goto(f"{base}/admin/results/importrun/")
    page.locator("#result_list tbody tr a").first.click()
    assert width(page) <= SCREEN
    page.go_back()

    # the merge confirmation, from the drivers' list
    page.goto(f"{base}/admin/results/driver/?q=Truck+Driver+4")
    for box in page.locator("#result_list input.action-select").all()[:2]:
        box.check()
    page.locator("select[name=action]").select_option("merge_selected")
    page.get_by_role("button", name="Go").click()
    page.locator("table.merge-profiles").wait_for()
    assert width(page) <= SCREEN
    page.screenshot(path=SHOTS / "admin-4-merge.png", full_page=True)


PHONE = 390


@pytest.fixture
def atlanta(make, editor):
    return make.track(name="Atlanta Motor Speedway")


def test_editor_checks_an_import_preview_on_her_phone(atlanta, live_server, chromium):
    """The rows as read are wider than a phone: they scroll sideways on their own, while the page,
    the near-match choice and the Confirm button stay on the screen."""
    rows = ["Pos\tSt\t#\tDriver\tTeam\tMake\tLaps\tLed\tStatus\tPts"] + [
        f"{n}\t{n}\t{n + 10}\tDriver Number {n}\tMcAnally-Hilgemann Racing {n}\tChevrolet\t260\t0\tRunning\t{40 - n}"
        for n in range(1, 11)
    ]
    page, base = chromium.new_page(viewport={"width": PHONE, "height": 844}), live_server.url
    page.goto(f"{base}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("edna")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/admin/")
    page.goto(f"{base}/admin/results/importrun/import/")
    page.get_by_label("Text").fill("\n".join(rows) + "\n")
    for field, value in (("series", "Cup"), ("year", "2024"), ("round", "2"), ("track", "Atlanta")):
        page.locator(f"input[name={field}]").fill(value)
    page.get_by_role("button", name="Preview").click()
    page.locator("table.rows-as-read").wait_for()
    page.screenshot(path=SHOTS / "admin-5-import-preview-phone.png", full_page=True)

    assert width(page) <= PHONE
    table = page.locator(".table-scroll")
    assert table.evaluate("el => el.scrollWidth > el.clientWidth")  # wider than the phone, scrolled on its own
    page.get_by_label("use existing Atlanta Motor Speedway").check()
    confirm = page.get_by_role("button", name="Confirm import")
    confirm.scroll_into_view_if_needed()
    box = confirm.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE
    confirm.click()
    page.locator(".messagelist .success").wait_for()
    assert width(page) <= PHONE
