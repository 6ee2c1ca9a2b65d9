"""The school leader and the municipality's consultant read their reports in Chromium (axe-core too)."""
import re

import pytest

from tests.platform.test_accessibility import log_in, violations

pytestmark = [pytest.mark.hub, pytest.mark.browser]


def test_leader_finds_the_school_numbers_and_the_municipality_finds_every_school(browser, hub):
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    log_in(page, hub, "leder")
    page.wait_for_url(re.compile(r".*/services/portal/.*"))
    page.get_by_role("link", name="Skolens tal").click()
    page.wait_for_url(re.compile(r".*/services/portal/rapport/skole/\d+$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Tal for Demo Skole"
    assert page.locator("svg.chart[role=img]").count() >= 1
    table = page.get_by_role("table", name="Klasser på Demo Skole")
    assert table.get_by_role("row").count() == 1 + 4  # 3.A, 5.A, 5.B, 8.A
    assert "elev5a01" not in page.content()
    assert violations(page) == []
    page.goto(hub.url("/services/portal/kommune"))
    assert "Ingen adgang" in page.inner_text("h1")  # the municipality's page is not the leader's
    context.close()

    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    log_in(page, hub, "kommune")
    page.wait_for_url(re.compile(r".*/services/portal/kommune$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Kommunens tal"
    assert violations(page) == []
    page.get_by_role("table", name="Skoler").get_by_role("link", name="Demo Skole").click()
    page.wait_for_url(re.compile(r".*/rapport/skole/\d+$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Tal for Demo Skole"
    context.close()
