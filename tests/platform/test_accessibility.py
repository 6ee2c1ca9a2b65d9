"""WCAG 2.1 A/AA checks (axe-core, shipped inside axe-playwright-python) on the portal's pages."""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.hub, pytest.mark.browser]
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def violations(page) -> list[str]:
    results = Axe().run(page, options=WCAG)
    return [f"{v['id']} ({v['impact']}): {v['help']} - {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]]


def log_in(page, hub, username):
    page.goto(hub.url("/hub/login"))
    page.fill("#username_input", username)
    page.fill("#password_input", "demo")
    page.click("#login_submit")


@pytest.mark.parametrize("path", ["/services/portal/", "/services/portal/klasse/5a",
                                  "/services/portal/klasse/5a/aktivitet/g5-lister-og-loekker",
                                  "/services/portal/tilgaengelighed"])
def test_teacher_pages_have_no_wcag_violations(browser, hub, path):
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    log_in(page, hub, "laerer5a")
    page.wait_for_url(re.compile(r".*/services/portal/.*"))
    page.goto(hub.url(path))
    assert page.locator("html").get_attribute("lang") == "da"
    assert violations(page) == []
    context.close()


def test_pupil_dashboard_has_no_wcag_violations(browser, hub):
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    log_in(page, hub, "elev5b05")
    page.wait_for_url(re.compile(r".*/user/elev5b05/.*"), timeout=120_000)
    page.goto(hub.url("/services/portal/"))
    page.wait_for_selector("h1")
    assert violations(page) == []
    context.close()


def test_login_page_has_no_wcag_violations(browser, hub):
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    page.goto(hub.url("/hub/login"))
    assert violations(page) == []
    context.close()
